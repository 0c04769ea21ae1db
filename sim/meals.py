"""Shared meals (with exercise and fall prevention): a low-threshold activity that lowers shyness and
loneliness for a while, keeps people active, makes ties (which fade unless kept up) and brings in members.
Village dinners are typically weekly or fortnightly with a few dozen guests.
"""

import numpy as np

from .network import add_activity_tie, end_activity_tie
from .rates import step_prob
from .residents import Residents, VolunteerStatus


def meals_held(people: Residents, per_week: int, volunteers_per_meal: int) -> int:
    """Meals need volunteers to cook and serve: as many as the active pool can staff."""
    active = int((people.view("vol_status") == VolunteerStatus.ACTIVE).sum())
    return min(per_week, active // volunteers_per_meal) if volunteers_per_meal else per_week


DRAWS_PER_DAY = 3  # per person and meal day: coming, making a tie, joining


def choose_guests(people: Residents, places: int, shy_avoidance: float, draws: np.ndarray) -> np.ndarray:
    """Guests 65+ at home: members and lonely people come more, shy people less (weights are assumptions).

    A weighted sample without replacement by keys u^(1/w) (Efraimidis & Spirakis 2006), one draw u per person:
    who comes changes only at the margin when someone else's weight changes."""
    pool = np.flatnonzero(people.home & (people.view("age") >= 65) & (people.view("level") <= 3))
    if pool.size == 0 or places <= 0:
        return pool[:0]
    weight = (1 + people.member[pool]) * (1 + people.loneliness[pool]) * (1 - shy_avoidance * people.shyness[pool])
    keys = np.log(draws[pool]) / np.maximum(weight, 1e-9)
    return pool[np.argsort(-keys, kind="stable")[:places]]


def hold_meals(model, days: int, places: int) -> int:
    """Run this week's meals; returns the number of meals served."""
    people, m, served = model.people, model.cfg.meals, 0
    draws = model.streams.meals.table(model.clock, people.n, DRAWS_PER_DAY * max(1, m.per_week))
    for day in range(days):
        come, tie, join = draws[:, DRAWS_PER_DAY * day:DRAWS_PER_DAY * (day + 1)].T
        guests = choose_guests(people, places, m.shy_avoidance, come)
        served += guests.size
        people.shyness[guests] *= 1 - m.shyness_drop
        people.loneliness[guests] = np.maximum(0.0, people.loneliness[guests] - m.loneliness_drop)
        people.active_until[guests] = model.clock + model.weeks(m.active_weeks)
        for a in guests[tie[guests] < m.tie_prob].tolist():
            b = model.streams.meals.choose(a, guests, turn=model.clock * 7 + day)
            if add_activity_tie(model.graph, a, b):
                model.activity_ties.add((min(a, b), max(a, b)))
                people.activity_ties[[a, b]] += 1
                model.events.new_ties += 1
        joiners = guests[~people.member[guests] & (join[guests] < m.member_join_prob)]
        people.member[joiners] = True
    return served


def fade_activity_ties(model) -> None:
    """Ties made at meals end at `meals.tie_end_per_year` unless kept up (each tie has its own weekly draw)."""
    graph, people = model.graph, model.people
    ties = sorted(model.activity_ties)
    if not ties:
        return
    a, b = np.array(ties).T
    ending = model.streams.meals.pair(a, b, turn=model.clock) < step_prob(model.cfg.meals.tie_end_per_year, model.dt)
    gone = ~graph.has_edges(a, b)  # one of them died or moved away
    for x, y in zip(a[ending & ~gone].tolist(), b[ending & ~gone].tolist()):
        end_activity_tie(graph, x, y)
    np.subtract.at(people.activity_ties, np.concatenate([a[ending & ~gone], b[ending & ~gone]]), 1)
    model.activity_ties.difference_update(zip(a[ending | gone].tolist(), b[ending | gone].tolist()))
