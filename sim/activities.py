"""Low-threshold activities: shared meals (with exercise and fall prevention) that lower shyness and
loneliness, keep people active, make ties and bring in members. Rotterdam-West: meals three days
a week at fourteen places within a short time.
"""

import numpy as np

from .network import add_activity_tie
from .residents import Residents, VolunteerStatus


def meal_days_held(people: Residents, days: int, volunteers_per_day: int) -> int:
    """Meals need volunteers to cook and serve: as many days as the active pool can staff."""
    active = int((people.view("vol_status") == VolunteerStatus.ACTIVE).sum())
    return min(days, active // volunteers_per_day) if volunteers_per_day else days


def choose_guests(people: Residents, places: int, shy_avoidance: float, rng: np.random.Generator) -> np.ndarray:
    """Guests 65+ at home: members and lonely people come more, shy people less (weights are assumptions)."""
    pool = np.flatnonzero(people.home & (people.view("age") >= 65) & (people.view("level") <= 3))
    if pool.size == 0 or places <= 0:
        return pool[:0]
    weight = (1 + people.member[pool]) * (1 + people.loneliness[pool]) * (1 - shy_avoidance * people.shyness[pool])
    weight = np.maximum(weight, 1e-9)
    return rng.choice(pool, min(places, pool.size), replace=False, p=weight / weight.sum())


def hold_meals(model, days: int, places: int) -> int:
    """Run this week's meals; returns the number of meals served."""
    people, h, served = model.people, model.cfg.help, 0
    for _ in range(days):
        guests = choose_guests(people, places, h.meal_shy_avoidance, model.rng)
        served += guests.size
        people.shyness[guests] *= 1 - h.meal_shyness_drop
        people.loneliness[guests] = np.maximum(0.0, people.loneliness[guests] - h.meal_loneliness_drop)
        people.active_until[guests] = model.steps + model.weeks(h.active_weeks)
        makers = guests[model.rng.random(guests.size) < h.meal_tie_prob]
        for a in makers.tolist():
            if add_activity_tie(model.graph, a, int(guests[model.rng.integers(guests.size)])):
                people.lonely_base[a] = max(0.0, people.lonely_base[a] - h.tie_loneliness_drop)
                model.record["new_ties"] += 1
        joiners = guests[~people.member[guests] & (model.rng.random(guests.size) < h.member_join_prob)]
        people.member[joiners] = True
    return served


def update_loneliness(people: Residents, h, dt: float, company_hours: np.ndarray) -> None:
    """Loneliness drifts back to each person's baseline; company from volunteers lowers it."""
    score = people.view("loneliness")
    score += dt * h.loneliness_drift_per_year * (people.view("lonely_base") - score)
    score -= h.company_loneliness_drop_per_hour * company_hours
    np.clip(score, 0.0, 1.0, out=score)


def lonely_baseline(age: np.ndarray, h, rng: np.random.Generator) -> np.ndarray:
    """Personal loneliness baseline: lonely (above the threshold) with the age-specific share."""
    share = np.interp(age, [18, 75, 85], [h.lonely_at_18, h.lonely_at_75, h.lonely_at_85])
    lonely = rng.random(age.size) < share
    t = h.loneliness_threshold
    return np.where(lonely, t + (1 - t) * rng.random(age.size), t * rng.random(age.size))
