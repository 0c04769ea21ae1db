"""Practical requests: a ride to the hospital, an odd job, paperwork, company. Short questions anyone may have, more
often when old, frail or living alone, apart from a care need; village-supporter initiatives solve hundreds of them
a year (RUG 2022). Whether people ask depends on shyness and on knowing someone; the supporter (or, without a
cooperative, a volunteer centre) passes a question to a volunteer with room this week, or does it themselves.
"""

import numpy as np

from .help_seeking import trusted_tie
from .rates import step_prob
from .residents import VolunteerStatus


def practical_rate(model) -> np.ndarray:
    """Each person's yearly rate of practical questions: by age, x more when frail or living alone."""
    people, p = model.people, model.cfg.practical
    age, home = people.view("age"), people.home
    rate = np.where(age >= 65, p.per_year_65plus, np.where(age >= 18, p.per_year_adult, 0.0))
    alone = people.household_size() == 1
    rate = rate * np.where(alone, p.alone_multiplier, 1.0) * np.where(people.view("level") > 0, p.need_multiplier, 1.0)
    return np.where(home, rate, 0.0)


def handle_practical_requests(model, supporter_hours: float) -> float:
    """This week's practical questions: who has one, who asks, and who solves it; returns the supporter hours left."""
    people, h = model.people, model.cfg.help
    people.view("vol_tasks")[:] = 0.0
    has, asks = model.streams.practical.table(model.clock, people.n, 2).T
    who = np.flatnonzero(has[: people.n] < step_prob(practical_rate(model), model.dt))
    trust = trusted_tie(model, who) if who.size else np.zeros(0, dtype=bool)
    willing = (1 - people.shyness[who]) * np.where(trust, 1.0, 1 / max(h.trust_multiplier, 1e-9))
    askers = who[asks[who] < willing]
    model.events.practical_requests += askers.size
    cooperative = model.policy.supporter_route()
    room = TaskRoom(model)
    for i in askers.tolist():
        solved, supporter_hours = _solve(model, i, cooperative, supporter_hours, room)
        if solved:
            model.events.requests_solved += 1
        else:  # asked and not helped: a bad experience
            people.shyness[i] = min(1.0, people.shyness[i] + h.refusal_shyness_rise)
    return supporter_hours


class TaskRoom:
    """The active volunteers' load, tasks and street, read once and kept up to date as this week's questions are
    handed out (only the tasks change meanwhile), so a question costs the volunteers, not everyone; and where on
    their list the volunteers of each street are, so a question that a neighbour takes costs only the street's."""

    def __init__(self, model):
        people = model.people
        self.active = np.flatnonzero(people.view("vol_status") == VolunteerStatus.ACTIVE)
        self.load, self.tasks = people.vol_load[self.active], people.vol_tasks[self.active]
        street = people.street[self.active]
        self.by_street = np.argsort(street, kind="stable")  # positions in `active`, street by street, in order
        self.streets = street[self.by_street]

    def on_street(self, street: int) -> np.ndarray:
        """Positions in `active` of the volunteers who live on `street`, ascending."""
        return self.by_street[np.searchsorted(self.streets, street) : np.searchsorted(self.streets, street, "right")]

    def with_room(self, positions, hours: float, capacity: float) -> np.ndarray:
        """Those of `positions` (all if a slice) whose load and tasks leave room for `hours` more this week."""
        return np.flatnonzero(self.load[positions] + self.tasks[positions] + hours <= capacity)


def _solve(model, i: int, cooperative: bool, supporter_hours: float, room: "TaskRoom") -> tuple[bool, float]:
    """With a cooperative the supporter takes the question (if they have time left), passes it to a volunteer with
    room, or does it with their own hours; without one a volunteer centre passes it on if a volunteer has room."""
    p = model.cfg.practical
    if not cooperative:
        return _give_task(model, i, room), supporter_hours
    if supporter_hours < p.handling_hours:
        return False, supporter_hours
    supporter_hours -= p.handling_hours
    if _give_task(model, i, room):
        return True, supporter_hours
    if supporter_hours >= p.hours:
        return True, supporter_hours - p.hours
    return False, supporter_hours


def _give_task(model, i: int, room: TaskRoom) -> bool:
    """A volunteer with room this week does it (someone on the street if the matching is local and one has room)."""
    people, p, capacity = model.people, model.cfg.practical, model.cfg.volunteers.capacity_hours
    candidates = room.active[:0]
    if model.policy.local_matching():
        near = room.on_street(people.street[i])
        candidates = near[room.with_room(near, p.hours, capacity)]
    if candidates.size == 0:
        candidates = room.with_room(slice(None), p.hours, capacity)
    if candidates.size == 0:
        return False
    volunteer = model.streams.matching.choose(i, room.active[candidates], turn=model.clock)
    people.vol_tasks[volunteer] += p.hours
    room.tasks[np.searchsorted(room.active, volunteer)] += p.hours
    return True
