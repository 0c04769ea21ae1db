"""Informal care (mantelzorg): who cares for whom, how many hours, carer strain and collapse.

A person with a need can have a few carers (`people.carers`, in care order): household adults first, then network
ties who are willing (a stable property of the pair: friends more often than street neighbours or people met at
activities). Until they have `carers.max_carers`, the person now and then asks one more. Carers differ in the
hours they can give (a personal willingness around a partner's or a tie's typical hours, shared over the people
they care for); a person's carers share the need in proportion to what each can give. Residents also care for
someone outside the community (a parent elsewhere: most carers' parents do not live in the same village), which takes
their hours and strains them like care at home. Strain builds with hours, the receiver's unmet need and dementia, is
eased by support, and past 1 the carer collapses for a while.
"""

import numpy as np

from .network import FAMILY, FRIEND, HOUSEHOLD, KINDS
from .params import CarerParams
from .rates import step_prob
from .residents import Residents, Status, add_columns


def can_care(people: Residents, idx: np.ndarray, week: int) -> np.ndarray:
    """Carers must be adults at home, without much need themselves, and not collapsed."""
    return ((people.status[idx] == Status.HOME) & (people.age[idx] >= 18) & (people.level[idx] <= 1)
            & (people.collapsed_until[idx] <= week))


def care_chance(p: CarerParams) -> np.ndarray:
    """The chance that a tie would care, by the tie's kind (a household adult always would)."""
    chance = np.full(len(KINDS), p.neighbour_care_prob)  # street neighbours and people met at activities
    chance[[HOUSEHOLD, FAMILY, FRIEND]] = 1.0, p.family_care_prob, p.friend_care_prob
    return chance


def find_carers(model, idx: np.ndarray) -> np.ndarray:
    """For each person in `idx`: a household adult if there is one, else a willing network tie, who is not caring for
    them yet; the choice among them is the person's own (`Stream.choose`: the lowest of their pair draws). -1 if
    there is nobody. All at once: a choice depends only on the person's own ties and carers."""
    people, week, stream = model.people, model.clock, model.streams.carers
    owner, tie, kind = model.graph.of(idx)
    chooser = idx[owner]
    able = ~(tie[:, None] == people.carers[chooser]).any(axis=1) & can_care(people, tie, week)
    draw = stream.pair(chooser, tie)
    household = able & (kind == HOUSEHOLD)
    willing = able & (kind != HOUSEHOLD) & (draw < care_chance(model.cfg.carers)[kind])
    pick = np.flatnonzero(np.where(np.bincount(owner[household], minlength=idx.size)[owner] > 0, household, willing))
    best = pick[np.lexsort((pick, draw[pick], owner[pick]))]  # by person, then draw, then the order of their ties
    first = best[np.r_[True, owner[best][1:] != owner[best][:-1]]] if best.size else best
    carer = np.full(idx.size, -1)
    carer[owner[first]] = tie[first]
    return carer


def add_carer(model, i: int) -> None:
    """One more carer for person i, in their first free place (if they have room and someone is found)."""
    row = model.people.carers[i]
    free = np.flatnonzero(row[: model.cfg.carers.max_carers] < 0)
    if free.size:
        row[free[0]] = find_carers(model, np.array([i]))[0]


def assign_carers(model, search_prob: float) -> None:
    """Drop carers who can no longer care (the client's situation changed); people in need with room for another
    carer ask one more person with `search_prob` a week."""
    people, week = model.people, model.clock
    n = people.n
    carers = people.carers[:n]
    in_need = people.home & (people.view("level") > 0)
    has = carers >= 0
    lost = has.copy()
    lost[has] = ~can_care(people, carers[has], week)
    people.view("needs_review")[lost.any(axis=1) & in_need & people.view("client")] = True
    carers[lost | ~in_need[:, None]] = -1
    carers[:] = np.take_along_axis(carers, np.argsort(carers < 0, axis=1, kind="stable"), axis=1)  # close the gaps
    looking = np.flatnonzero(in_need & (carers[:, model.cfg.carers.max_carers - 1] < 0))
    draws = model.streams.carers.uniform(week, looking)
    asking = looking[draws < search_prob]
    carers[asking, (carers[asking] >= 0).sum(axis=1)] = find_carers(model, asking)  # each in their first free place


def outside_hours(people: Residents, p: CarerParams) -> np.ndarray:
    """Hours a week each resident gives to someone outside the community: adults while their stable rank is below
    the age's share (rising from 30 to a peak at 57.5, CBS's peak age of carers, and gone by 85)."""
    age = people.view("age")
    share = p.outside_share_at_peak * np.interp(age, [30.0, 57.5, 85.0], [0.0, 1.0, 0.0])
    caring = people.home & (people.view("distance_rank") < share) & (people.view("level") <= 1)
    return np.where(caring, p.tie_hours * people.view("care_willingness"), 0.0)


def give_informal_care(model) -> np.ndarray:
    """Hours each receiver's carers give: each can give their typical hours x willingness, shared over the people
    they care for; together they give up to the need, each in proportion to what they can give. Spread over need
    kinds in proportion; returns hours per receiver."""
    people, p = model.people, model.cfg.carers
    n = people.n
    has = people.carers[:n] >= 0
    receivers = np.bincount(people.carers[:n][has], minlength=n) + (outside_hours(people, p) > 0)  # + someone elsewhere
    people.carer_hours[:n], people.given[:n, 0, :] = 0.0, 0.0  # nobody to care for them: nothing given
    cared = np.unique(np.nonzero(has)[0])  # the people with a carer
    has, carers, need = has[cared], people.carers[cared], add_columns(people.need[cared])
    giver = np.where(has, carers, 0)
    typical = np.where(people.household[giver] == people.household[cared, None], p.household_hours, p.tie_hours)
    capacity = np.where(has, typical * people.care_willingness[giver] / np.maximum(receivers[giver], 1), 0.0)
    can_give = add_columns(capacity)
    total = np.minimum(need, can_give)
    share = np.divide(total, can_give, out=np.zeros(cared.size), where=can_give > 0)  # of what each can give
    people.carer_hours[cared] = capacity * share[:, None]
    fraction = np.divide(total, need, out=np.zeros(cared.size), where=need > 0)
    people.given[cared, 0, :] = people.need[cared] * fraction[:, None]
    given = np.zeros(n)
    given[cared] = total
    return given


def strain_carers(model, supported: np.ndarray) -> int:
    """Update carer strain and collapse carers whose strain reaches 1; returns the number collapsed.

    Load per carer = their hours / a partner's typical hours + each receiver's unmet fraction (+ more with
    dementia). `supported` marks receivers whose carers get support (supporter contact, day care).
    """
    people, p = model.people, model.cfg.carers
    n = people.n
    carers, hours = people.carers[:n], people.carer_hours[:n]
    has = carers >= 0
    per_receiver = (people.view("unmet_fraction") + p.dementia_load * people.view("dementia")) \
        * (1 - p.support_relief * supported)
    load_each = hours / p.household_hours * (1 - p.support_relief * supported)[:, None] + per_receiver[:, None]
    load = np.bincount(carers[has], weights=load_each[has], minlength=n) + outside_hours(people, p) / p.household_hours
    strain = people.view("carer_strain")
    strain += model.dt * (p.strain_per_year * load - p.recovery_per_year * strain)
    np.clip(strain, 0.0, None, out=strain)
    collapse = np.flatnonzero(strain >= 1.0)
    people.collapsed_until[collapse] = model.clock + model.weeks(p.collapse_weeks)
    strain[collapse] = 0.5
    return collapse.size


def felt_burden(people: Residents, p: CarerParams) -> np.ndarray:
    """How heavy caring feels to each person: their strain (the load) plus their own part, the carer's own health,
    work and relation to the person cared for (`carers.subjective_burden` x a stable personal share). The survey's
    heavily and very heavily burdened read this; overburdened reads the strain itself, so it stays a rare state of
    high load, while feeling heavily burdened is common at moderate hours (CBS 2024: 19% against 1.4%)."""
    return people.view("carer_strain") + p.subjective_burden * people.view("carer_burden")


def carers_now(people: Residents) -> np.ndarray:
    """Everyone who cares for someone this week."""
    carers = people.carers[: people.n]
    return np.unique(carers[carers >= 0])


def overburdened(people: Residents, p: CarerParams, week: int) -> int:
    """Carers who are giving care with strain above the overburdened mark, or collapsed."""
    heavy = people.carer_strain[carers_now(people)] >= p.overburdened
    collapsed = np.flatnonzero(people.view("collapsed_until") > week)
    return int(heavy.sum()) + collapsed.size


def search_prob(model) -> float:
    """Weekly chance that a person whose need informal care leaves open asks one more person."""
    return float(step_prob(model.cfg.carers.search_per_year, model.dt))
