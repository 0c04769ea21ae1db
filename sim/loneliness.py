"""Loneliness: a personal baseline with the age-specific lonely share, a score that drifts back to it, and what
lowers it (meals, ties, volunteer company)."""

import numpy as np

from .params import LonelinessParams


def lonely_baseline(age: np.ndarray, p: LonelinessParams, draws: np.ndarray) -> np.ndarray:
    """Personal loneliness baseline: lonely (above the threshold) with the age-specific share.
    `draws`: two uniform draws per person (lonely or not, how much)."""
    share = np.interp(age, [18, 75, 85], [p.at_18, p.at_75, p.at_85])
    lonely = draws[:, 0] < share
    t = p.threshold
    return np.where(lonely, t + (1 - t) * draws[:, 1], t * draws[:, 1])


def update_loneliness(model, company_hours: np.ndarray) -> None:
    """Loneliness drifts back to each person's baseline; company from volunteers lowers it."""
    people, p = model.people, model.cfg.loneliness
    score = people.view("loneliness")
    score += model.dt * p.drift_per_year * (people.view("lonely_base") - score)
    score -= p.company_drop_per_hour * company_hours
    np.clip(score, 0.0, 1.0, out=score)
