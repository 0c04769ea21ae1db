"""Care needs: a need level from frailty and dementia, and hours per week by kind.

Levels follow the social-care models of Silverman et al. (2013): none, low, moderate,
substantial, critical = 0/8/16/32/80 h/week. Each level splits into social/practical help,
domestic help (Wmo), personal and nursing care (Zvw) and round-the-clock care (Wlz).
"""

import numpy as np

from .health import current_frailty
from .params import NeedParams


def need_levels(frailty: np.ndarray, dementia: np.ndarray, p: NeedParams, dementia_bump: int) -> np.ndarray:
    """Need level 0..4 from frailty cut points, raised by dementia."""
    level = np.searchsorted(np.asarray(p.level_thresholds), frailty, side="right")
    return np.minimum(level + dementia * dementia_bump, 4).astype(np.int8)


def hours_table(p: NeedParams) -> np.ndarray:
    """Hours per week by level (rows) and kind (columns: social, domestic, personal, round-the-clock)."""
    hours = np.asarray(p.hours_by_level)
    social, domestic, personal = (np.asarray(s) for s in (p.social_share, p.domestic_share, p.personal_share))
    rest = 1 - social - domestic - personal
    return hours[:, None] * np.stack([social, domestic, personal, rest], axis=1)


def assess_needs(model) -> None:
    """Set every person's need level and hours by kind; people not at home have no need at home."""
    people, cfg = model.people, model.cfg
    n = people.n
    level = need_levels(current_frailty(people), people.view("dementia"), cfg.needs, cfg.dementia.level_bump)
    level[~people.home] = 0
    people.level[:n] = level
    people.need[:n] = hours_table(cfg.needs)[level]
