"""Shared meals (with exercise and fall prevention): a low-threshold activity that lowers shyness and
loneliness, keeps people active, makes ties and brings in members. Rotterdam-West: meals three days
a week at fourteen places within a short time.
"""

import numpy as np

from .network import add_activity_tie
from .residents import Residents, VolunteerStatus


def meal_days_held(people: Residents, days: int, volunteers_per_day: int) -> int:
    """Meals need volunteers to cook and serve: as many days as the active pool can staff."""
    active = int((people.view("vol_status") == VolunteerStatus.ACTIVE).sum())
    return min(days, active // volunteers_per_day) if volunteers_per_day else days


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
    draws = model.streams.meals.table(model.clock, people.n, DRAWS_PER_DAY * max(1, m.days_per_week))
    for day in range(days):
        come, tie, join = draws[:, DRAWS_PER_DAY * day:DRAWS_PER_DAY * (day + 1)].T
        guests = choose_guests(people, places, m.shy_avoidance, come)
        served += guests.size
        people.shyness[guests] *= 1 - m.shyness_drop
        people.loneliness[guests] = np.maximum(0.0, people.loneliness[guests] - m.loneliness_drop)
        people.active_until[guests] = model.clock + model.weeks(m.active_weeks)
        for a in guests[tie[guests] < m.tie_prob].tolist():
            if add_activity_tie(model.graph, a, model.streams.meals.choose(a, guests, turn=model.clock * 7 + day)):
                people.lonely_base[a] = max(0.0, people.lonely_base[a] - model.cfg.loneliness.tie_drop)
                model.events.new_ties += 1
        joiners = guests[~people.member[guests] & (join[guests] < m.member_join_prob)]
        people.member[joiners] = True
    return served
