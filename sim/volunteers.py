"""Volunteers: residents in a volunteering role. Matching, care given, strain, burnout, recovery,
quitting, ageing out and recruitment through the network.

Strain follows dS/dt = a * (hours * (1 - relief * c) + overask * (1 - c)) / capacity - r * S for coordination c,
so a volunteer burns out when what is asked exceeds a threshold; a shrinking pool loads the rest more: a tipping
point. Overask is the pull of what a volunteer's clients go without beyond the volunteer's role.
"""

import numpy as np

from . import scenarios
from .params import VolunteerParams
from .rates import step_prob
from .residents import DOMESTIC, SOCIAL, Residents, Status, VolunteerStatus


def active_volunteers(people: Residents) -> np.ndarray:
    return np.flatnonzero(people.view("vol_status") == VolunteerStatus.ACTIVE)


def in_sorted(sorted_idx: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The persons of `sorted_idx` (ascending) who are among `others`, ascending: `np.isin` for a few `others`."""
    pos = np.minimum(np.searchsorted(sorted_idx, others), max(sorted_idx.size - 1, 0))
    return np.sort(others[sorted_idx[pos] == others]) if sorted_idx.size else sorted_idx


def enlist(model, idx: np.ndarray) -> None:
    """Make residents active volunteers with a personal resilience around 1."""
    people, p = model.people, model.cfg.volunteers
    people.vol_status[idx] = VolunteerStatus.ACTIVE
    people.vol_strain[idx] = 0.0
    people.vol_resilience[idx] = model.streams.recruitment.lognormal(model.clock, idx, 0.0, p.resilience_log_sd)


def eligible(people: Residents, p: VolunteerParams) -> np.ndarray:
    """Adults at home without much need themselves and not volunteering now. Someone who stopped may be asked again:
    stopping is not a lifelong exit (assumption); only who burnt out for good never comes back."""
    age, status = people.view("age"), people.view("vol_status")
    return (people.home & (age >= p.min_age) & (age < p.age_out) & (people.view("level") < p.stop_at_level)
            & ((status == VolunteerStatus.NONE) | (status == VolunteerStatus.QUIT)))


def keenness(people: Residents, idx: np.ndarray, p: VolunteerParams) -> np.ndarray:
    """How likely each of `idx` is to take up volunteering, relative to other adults: more at the keen ages and as a
    member. The same weights choose the volunteers at the start and the recruits, so the pool keeps the ages it starts
    with instead of drifting younger for years after the start."""
    age = people.age[idx]
    keen = (age >= p.keen_from_age) & (age < p.keen_to_age)
    return (1 + (p.keen_age_weight - 1) * keen) * (1 + (p.member_weight - 1) * people.member[idx])


def match_volunteer(model, i: int, hours: float, pool: np.ndarray) -> int:
    """A volunteer among the active volunteers `pool` for `hours` a week for person i, or -1.

    Generic matching (a volunteer centre) takes only volunteers with room. Local matching prefers someone
    with room whom the person knows or who lives on their street; when nobody has room, the least-loaded
    volunteer is asked anyway and says yes (it is hard to refuse a neighbour): the overload behind burnout.
    The choice among those with room is the person's own (`Stream.choose`): it does not depend on the order in
    which requests come, nor change when a volunteer the person would not have had comes or goes.
    """
    people, p, graph, local = model.people, model.cfg.volunteers, model.graph, model.policy.local_matching()
    hours = min(hours, p.hours_per_client)
    spare = pool[people.vol_load[pool] + hours <= p.capacity_hours]
    if spare.size:
        if local:
            near = in_sorted(spare, graph.neighbours(i))
            near = near if near.size else spare[people.street[spare] == people.street[i]]
            spare = near if near.size else spare
        return _take(people, model.streams.matching.choose(i, spare), hours)
    if local and pool.size:
        return _take(people, int(pool[np.argmin(people.vol_load[pool])]), hours)
    return -1


def _take(people: Residents, volunteer: int, hours: float) -> int:
    """Book the new client's hours on the volunteer's load so later matches this week see it."""
    people.vol_load[volunteer] += hours
    return volunteer


def give_volunteer_care(model, meal_hours: float) -> np.ndarray:
    """Volunteers give their matched clients' remaining social need, up to their weekly commitment per client, and
    in all up to capacity x max_overtime.

    Sets each volunteer's load (asked hours incl. a share of the meals) and returns hours per receiver.
    """
    people, p = model.people, model.cfg.volunteers
    n = people.n
    buddy = people.view("buddy")
    has = np.flatnonzero((buddy >= 0) & people.home)
    asked = np.minimum(np.maximum(people.need[has, SOCIAL] - people.given[has, 0, SOCIAL], 0.0), p.hours_per_client)
    load = np.bincount(buddy[has], weights=asked, minlength=n).astype(float)
    active = active_volunteers(people)
    if active.size:
        load[active] += meal_hours / active.size + people.vol_tasks[active]
    limit = p.capacity_hours * p.max_overtime  # what an overloaded volunteer still manages to give
    scale = np.divide(np.minimum(load, limit), load, out=np.ones(n), where=load > 0)
    people.vol_load[:n] = load
    hours = np.zeros(n)
    hours[has] = asked * scale[buddy[has]]
    people.given[:n, 1, :] = 0.0
    people.given[has, 1, SOCIAL] = hours[has]
    return hours


def overask(people: Residents, p: VolunteerParams) -> np.ndarray:
    """Per person, the pull on them as a volunteer this week [hours]: `volunteers.overask_share` of the care beyond a
    volunteer's role (domestic, personal, round-the-clock) that each of their matched clients went without, at most
    as much again as they committed to the client (`volunteers.hours_per_client`). One-to-one helpers at home are the
    volunteers who feel overasked: under pressure to take on tasks beyond their knowledge, responsibility or
    authority (a fifth of Dutch care and welfare volunteers; UvH for Vrijwillig Dichtbij, 2018)."""
    n = people.n
    buddy = people.view("buddy")
    has = np.flatnonzero((buddy >= 0) & people.home)
    beyond = people.need[has, DOMESTIC:] - people.given[has, 0, DOMESTIC:] - people.given[has, 1, DOMESTIC:] \
        - people.given[has, 2, DOMESTIC:]
    pull = np.minimum(p.overask_share * np.maximum(beyond, 0.0).sum(axis=1), p.hours_per_client)
    return np.bincount(buddy[has], weights=pull, minlength=n)


def accumulate_strain(model) -> None:
    """Strain grows with what is asked per capacity: the hours, eased by coordination and appreciation
    (`volunteers.coordination_relief`), and the pull of what clients go without beyond a volunteer's role, which a
    coordinator takes back in proportion to the coordination the volunteers get (arranging the professional care,
    holding the boundary of the role); strain recovers with rest."""
    people, p, c = model.people, model.cfg.volunteers, model.coordination
    active = active_volunteers(people)
    asked = people.vol_load[active] * (1 - p.coordination_relief * c) + overask(people, p)[active] * (1 - c)
    growth = p.strain_per_year * asked / (p.capacity_hours * people.vol_resilience[active])
    s = people.vol_strain[active]
    people.vol_strain[active] = np.maximum(0.0, s + model.dt * (growth - p.recovery_per_year * s))
    resting = np.flatnonzero(people.view("vol_status") == VolunteerStatus.BURNT_OUT)
    people.vol_strain[resting] *= np.exp(-p.recovery_per_year * model.dt)


def unmatch(people: Residents, volunteers: np.ndarray) -> None:
    """Clients of volunteers who stop lose their match; they will ask for another (a changed need)."""
    buddy = people.view("buddy")
    lost = np.isin(buddy, volunteers)
    buddy[lost] = -1
    people.view("needs_review")[lost] = True


def burn_out(model) -> tuple[int, int]:
    """Volunteers past the strain threshold burn out; some never return. Returns (burnouts, quit)."""
    people, p = model.people, model.cfg.volunteers
    active = active_volunteers(people)
    burnt = active[people.vol_strain[active] >= p.burnout_threshold]
    never = burnt[model.streams.burnout.trait(burnt) < p.quit_after_burnout_prob]  # the kind who never returns
    people.vol_status[burnt] = VolunteerStatus.BURNT_OUT
    people.vol_back_at[burnt] = model.clock + model.weeks(p.burnout_recovery_weeks)
    people.vol_status[never] = VolunteerStatus.GAVE_UP
    unmatch(people, burnt)
    return burnt.size, never.size


def recover(model) -> int:
    """Burnt-out volunteers come back once their time out is over."""
    people = model.people
    back = np.flatnonzero((people.view("vol_status") == VolunteerStatus.BURNT_OUT)
                          & (people.view("vol_back_at") <= model.clock) & people.home)
    people.vol_status[back] = VolunteerStatus.ACTIVE
    return back.size


def quit_volunteering(model) -> tuple[int, int]:
    """Quitting: a base hazard raised by strain and lack of support; ageing out or own need; leaving.
    Returns (all who stopped, those who aged out or became frail)."""
    people, p = model.people, model.cfg.volunteers
    active = active_volunteers(people)
    rate = (p.quit_per_year * (1 + p.quit_strain_multiplier * people.vol_strain[active])
            * (1 + p.quit_no_support_multiplier * (1 - model.coordination)))
    quits = model.streams.quitting.uniform(model.clock, active) < step_prob(rate, model.dt)
    ages_out = (people.age[active] >= p.age_out) | (people.level[active] >= p.stop_at_level)
    gone = people.status[active] != Status.HOME
    stop = active[quits | ages_out | gone]
    people.vol_status[stop] = VolunteerStatus.QUIT
    unmatch(people, stop)
    return stop.size, int((ages_out & ~gone).sum())


def recruit(model) -> int:
    """New volunteers: mostly asked by a volunteer they know (more with coordination), a few on their own.
    Each active volunteer asks someone with a weekly chance, each eligible adult signs up on their own with one."""
    people, p, graph = model.people, model.cfg.volunteers, model.graph
    supply = scenarios.volunteer_supply(model.cfg)
    asks, self_starts = model.streams.recruitment.table(model.clock, people.n, 2).T
    active = active_volunteers(people)
    ok = eligible(people, p)
    ask_prob = step_prob(p.recruit_per_volunteer_per_year * model.coordination * supply, model.dt)
    new = []
    for recruiter in active[asks[active] < ask_prob].tolist():
        contacts = graph.neighbours(recruiter)
        contacts = contacts[ok[contacts]]
        if contacts.size:
            new.append(model.streams.recruitment.choose(recruiter, contacts, weight=keenness(people, contacts, p)))
    pool = np.flatnonzero(ok & people.adult_at_home)
    expected = p.recruit_spontaneous_per_1000 / 1000 * people.adult_at_home.sum() * supply * model.dt
    keen = keenness(people, pool, p)
    new.extend(pool[self_starts[pool] < expected * keen / max(keen.sum(), 1)].tolist())  # the rate is per 1,000 adults
    new = np.unique(np.asarray(new, dtype=np.int64))
    enlist(model, new)
    return new.size
