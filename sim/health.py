"""Ageing and health: frailty progression, dementia onset, crises and mortality (vectorised).

Frailty is a frailty index (FI, deficits accumulated / deficits counted) whose logarithm grows
linearly with age (Mitnitski & Rockwood), faster with unmet need and dementia, slower with activity.
"""

import numpy as np

from .params import Config
from .rates import step_prob
from .residents import Status

FI_MAX = 0.7  # the submaximal limit of the frailty index (Rockwood & Mitnitski 2006)


def reference_frailty(age: np.ndarray, cfg: Config) -> np.ndarray:
    """Median frailty index at a given age."""
    f = cfg.frailty
    return f.at_65 * np.exp(f.gradient_per_year * (age - 65))


def initial_frailty(age: np.ndarray, cfg: Config, normal: np.ndarray) -> np.ndarray:
    """Log-normal frailty around the age reference (`normal`: standard normal draws, one per person)."""
    return np.minimum(reference_frailty(age, cfg) * np.exp(cfg.frailty.log_sd * normal), FI_MAX)


def dementia_prevalence(age: np.ndarray) -> np.ndarray:
    """Doubles every 5 years from 0.4% at 55-59, at most 43% (Ott et al. 1995)."""
    return np.where(age >= 55, np.minimum(0.43, 0.004 * 2 ** ((age - 57.5) / 5)), 0.0)


def age_residents(model) -> None:
    """Everyone present grows older by one step."""
    people = model.people
    people.age[: people.n][people.present] += model.dt


def current_frailty(people) -> np.ndarray:
    """The frailty index that sets need and mortality: the lasting part plus what a recent crisis added."""
    return np.minimum(people.view("frailty") + people.view("acute"), FI_MAX)


def progress_frailty(model) -> None:
    """Grow log frailty: faster with past unmet need and dementia, slower for active people; the acute part of a
    crisis wanes."""
    people, f = model.people, model.cfg.frailty
    present = people.present
    growth = f.growth_per_year * people.view("proneness")
    growth = growth * (1 + f.unmet_growth_multiplier * people.view("unmet_fraction"))
    growth = growth * np.where(people.view("dementia"), f.dementia_growth_multiplier, 1.0)
    growth = growth * np.where(people.view("active_until") > model.clock, 1 - f.activity_growth_reduction, 1.0)
    fi = people.view("frailty")
    fi[present] = np.minimum(fi[present] * np.exp(growth[present] * model.dt), FI_MAX)
    people.view("acute")[:] *= np.exp(-model.cfg.crises.recovery_per_year * model.dt)


def onset_dementia(model) -> int:
    """New dementia cases: onset hazard doubling every few years of age, up to a ceiling."""
    people, d = model.people, model.cfg.dementia
    age = people.view("age")
    at_risk = np.flatnonzero(people.present & ~people.view("dementia") & (age >= 50))
    hazard = np.minimum(d.onset_at_57 * 2 ** ((age[at_risk] - 57.5) / d.doubling_years), d.max_onset_per_year)
    new = at_risk[model.streams.dementia.uniform(model.clock, at_risk) < step_prob(hazard, model.dt)]
    people.dementia[new] = True
    return new.size


def crises(model) -> np.ndarray:
    """Falls and hospital admissions at home: likelier with need level and unmet need; they raise frailty, most of
    it for a while (the acute part wanes as the person recovers).

    A pooled coach's prevention lowers the hazard (`policy.crisis_reduction`)."""
    people, c = model.people, model.cfg.crises
    at_home = np.flatnonzero(people.home)
    base = np.asarray(c.per_year_by_level)[people.level[at_home]]
    relief = model.policy.crisis_reduction(people)[at_home]
    hazard = base * (1 + c.unmet_multiplier * people.unmet_fraction[at_home]) * (1 - relief)
    hit = at_home[model.streams.crises.uniform(model.clock, at_home) < step_prob(hazard, model.dt)]
    people.frailty[hit] = np.minimum(people.frailty[hit] + c.lasting_share * c.frailty_jump, FI_MAX)
    people.acute[hit] += (1 - c.lasting_share) * c.frailty_jump
    return hit


def mortality(model) -> np.ndarray:
    """Deaths: the Gompertz hazard of one's age (CBS), redistributed within 5-year age bands towards the frail and
    demented, so that each band dies at the CBS rate. People at critical need or in a nursing home die at least at
    the critical rate (about two years' survival): the band's other members share what is left of its deaths.

    Relative risk is exp(k (FI - reference)) (Mitnitski et al. 2005) x the dementia hazard ratio.
    """
    people, m = model.people, model.cfg.mortality
    present = np.flatnonzero(people.present)
    age, fi = people.age[present], current_frailty(people)[present]
    gompertz = m.gompertz_a * np.exp(m.gompertz_b * (age - 60))
    relative = np.exp(m.frailty_log_hr * (fi - reference_frailty(age, model.cfg)))
    relative = relative * np.where(people.dementia[present], m.dementia_hr, 1.0)
    critical = (people.status[present] == Status.NURSING_HOME) | (people.level[present] == 4)
    band = np.minimum(age // 5, 25).astype(np.int64)
    hazard = band_hazards(gompertz, gompertz * relative, np.where(critical, m.critical_per_year, 0.0), band)
    die = present[model.streams.mortality.uniform(model.clock, present) < step_prob(hazard, model.dt)]
    people.status[die] = Status.DEAD
    return die


def band_hazards(gompertz: np.ndarray, weight: np.ndarray, floor: np.ndarray, band: np.ndarray,
                 rounds: int = 6) -> np.ndarray:
    """Hazards max(floor, s_band x weight) with s_band set so each band's hazards add up to its Gompertz total
    (fixed-point rounds: the people held at their floor take their floor, the others share the rest). Where the
    floors alone exceed the total, they win: nobody is given less than the floor."""
    target, total = _band_sum(gompertz, band), _band_sum(weight, band)
    scale = np.divide(target, total, out=np.zeros_like(target), where=total > 0)
    before = None
    for _ in range(rounds):
        floored = scale[band] * weight < floor
        if before is not None and np.array_equal(floored, before):
            break  # the same people at their floor give the same scale: the rounds have settled
        free = np.where(floored, 0.0, weight)
        left = np.maximum(target - _band_sum(np.where(floored, floor, 0.0), band), 0.0)
        free_total = _band_sum(free, band)
        scale = np.divide(left, free_total, out=np.zeros_like(left), where=free_total > 0)
        before = floored
    return np.maximum(floor, scale[band] * weight)


def _band_sum(values: np.ndarray, band: np.ndarray) -> np.ndarray:
    """Sum of `values` per age band."""
    return np.bincount(band, weights=values, minlength=26)

