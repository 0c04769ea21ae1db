"""Ageing and health: frailty progression, dementia onset, crises and mortality (vectorised).

Frailty is a frailty index (FI, deficits accumulated / deficits counted) whose logarithm grows
linearly with age (Mitnitski & Rockwood), faster with unmet need and dementia, slower with activity.
"""

import numpy as np

from .params import Config
from .rates import step_prob
from .residents import Residents, Status

FI_MAX = 0.7  # the submaximal limit of the frailty index (Rockwood & Mitnitski 2006)


def reference_frailty(age: np.ndarray, cfg: Config) -> np.ndarray:
    """Median frailty index at a given age."""
    h = cfg.health
    return h.frailty_at_65 * np.exp(h.frailty_gradient_per_year * (age - 65))


def initial_frailty(age: np.ndarray, cfg: Config, rng: np.random.Generator) -> np.ndarray:
    """Log-normal frailty around the age reference."""
    fi = reference_frailty(age, cfg) * np.exp(rng.normal(0, cfg.health.frailty_log_sd, age.size))
    return np.minimum(fi, FI_MAX)


def dementia_prevalence(age: np.ndarray) -> np.ndarray:
    """Doubles every 5 years from 0.4% at 55-59, at most 43% (Ott et al. 1995)."""
    return np.where(age >= 55, np.minimum(0.43, 0.004 * 2 ** ((age - 57.5) / 5)), 0.0)


def age_residents(people: Residents, dt: float) -> None:
    """Everyone present grows older by one step."""
    people.age[: people.n][people.present] += dt


def progress_frailty(people: Residents, cfg: Config, dt: float, step: int) -> None:
    """Grow log frailty: faster with past unmet need and dementia, slower for active people."""
    h = cfg.health
    present = people.present
    growth = h.frailty_growth_per_year * people.view("proneness")
    growth = growth * (1 + h.unmet_growth_multiplier * people.view("unmet_share"))
    growth = growth * np.where(people.view("dementia"), h.dementia_growth_multiplier, 1.0)
    growth = growth * np.where(people.view("active_until") > step, 1 - h.activity_growth_reduction, 1.0)
    fi = people.view("frailty")
    fi[present] = np.minimum(fi[present] * np.exp(growth[present] * dt), FI_MAX)


def onset_dementia(people: Residents, cfg: Config, dt: float, rng: np.random.Generator) -> int:
    """New dementia cases: onset hazard doubling every few years of age."""
    h = cfg.health
    age = people.view("age")
    at_risk = people.present & ~people.view("dementia") & (age >= 50)
    hazard = h.dementia_onset_at_57 * 2 ** ((age - 57.5) / h.dementia_doubling_years)
    new = at_risk & (rng.random(people.n) < step_prob(hazard, dt))
    people.dementia[: people.n][new] = True
    return int(new.sum())


def crises(people: Residents, cfg: Config, dt: float, rng: np.random.Generator, relief: np.ndarray) -> np.ndarray:
    """Falls and hospital admissions at home: likelier with need level and unmet need; raise frailty.

    `relief` is a per-person factor in [0, 1] that lowers the hazard (a pooled coach's prevention).
    """
    h = cfg.health
    home = people.home
    base = np.asarray(h.crisis_per_year_by_level)[people.view("level")]
    hazard = base * (1 + h.crisis_unmet_multiplier * people.view("unmet_share")) * (1 - relief)
    hit = np.flatnonzero(home & (rng.random(people.n) < step_prob(hazard, dt)))
    people.frailty[hit] = np.minimum(people.frailty[hit] + h.crisis_frailty_jump, FI_MAX)
    return hit


def mortality(people: Residents, cfg: Config, dt: float, rng: np.random.Generator) -> np.ndarray:
    """Deaths: the Gompertz hazard of one's age (CBS), redistributed within 5-year age bands towards the frail.

    Relative risk is exp(k (FI - reference)) (Mitnitski et al. 2005), at least the critical-need floor
    (about two years' survival, as in Dutch nursing homes); each band's mean hazard stays at the CBS rate.
    """
    d = cfg.demography
    present = people.present
    age, fi = people.view("age"), people.view("frailty")
    gompertz = d.gompertz_a * np.exp(d.gompertz_b * (age - 60))
    hazard = gompertz * np.exp(d.frailty_mortality_log_hr * (fi - reference_frailty(age, cfg)))
    critical = (people.view("status") == Status.NURSING_HOME) | (people.view("level") == 4)
    hazard = np.where(critical, np.maximum(hazard, d.critical_mortality_per_year), hazard)
    band = np.minimum(age // 5, 25).astype(np.int64)
    hazard = hazard * (_band_mean(gompertz, band, present) / _band_mean(hazard, band, present))[band]
    die = np.flatnonzero(present & (rng.random(people.n) < step_prob(hazard, dt)))
    people.status[die] = Status.DEAD
    return die


def _band_mean(values: np.ndarray, band: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Mean of `values` over present people per age band (1 where a band is empty)."""
    totals = np.bincount(band[present], weights=values[present], minlength=26)
    counts = np.bincount(band[present], minlength=26)
    return np.divide(totals, counts, out=np.ones(26), where=counts > 0)
