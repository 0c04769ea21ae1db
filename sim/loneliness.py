"""Loneliness on the De Jong Gierveld scale (score = scale / 11: lonely from 3, severely lonely from 9 of 11).

Each person has a stable rank among their peers (0 = the loneliest); their baseline follows from it and the
age-specific lonely share (Gezondheidsmonitor 2020), so it changes as they age: among the lonely the score is
spread evenly over 3-11, among the others over 0-3. Ties made at activities lower the baseline while they last.
The score drifts back to the baseline; meals and volunteer company lower it for a while.
"""

import numpy as np

from .params import LonelinessParams


def lonely_share(age: np.ndarray, p: LonelinessParams) -> np.ndarray:
    return np.interp(age, [18, 75, 85], [p.at_18, p.at_75, p.at_85])


def baseline(age: np.ndarray, rank: np.ndarray, ties: np.ndarray, p: LonelinessParams) -> np.ndarray:
    """The score a person drifts back to: from their rank and age, lowered by the activity ties they keep."""
    share, t = lonely_share(age, p), p.threshold
    lonely = rank < share
    score = np.where(lonely, t + (1 - t) * (1 - rank / share), t * (1 - (rank - share) / (1 - share)))
    return np.clip(score - p.tie_drop * ties, 0.0, 1.0)


def update_loneliness(model, company_hours: np.ndarray) -> None:
    """Baselines follow age and ties; the score drifts back to its baseline; volunteer company lowers it."""
    people, p, dt = model.people, model.cfg.loneliness, model.dt
    base = people.view("lonely_base")
    base[:] = baseline(people.view("age"), people.view("lonely_rank"), people.view("activity_ties"), p)
    score = people.view("loneliness")
    score += dt * p.drift_per_year * (base - score)
    score -= dt * p.company_drop_per_hour_per_year * company_hours
    np.clip(score, 0.0, 1.0, out=score)
