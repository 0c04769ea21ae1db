"""Scenario effects, all in one place: funding cuts and fading support, demographic pressure, volunteer supply,
staff turnover and shyness. Each submodel asks this module how the scenario changes its rate or value."""

import numpy as np

from .params import Config, ScenarioConfig


def funding_factor(s: ScenarioConfig, payer: str, year: float) -> float:
    """Share of a payer's base budget left in `year` after the scenario's cut."""
    return 1 - s.cut_share if payer == s.cut_payer and year >= s.cut_year else 1.0


def fade_factor(s: ScenarioConfig, year: float) -> float:
    """Share of the municipal contribution to the initiative left after fading support."""
    return (1 - s.fade_per_year) ** max(0.0, np.floor(year - s.fade_from_year + 1))


def young_leave_per_year(cfg: Config) -> float:
    """Young adults moving away (double ageing raises it)."""
    return cfg.demography.young_leave_per_year * cfg.scenario.young_leave_multiplier


def move_in_per_year_per_1000(cfg: Config) -> float:
    """Young households moving in (double ageing lowers it)."""
    return cfg.demography.move_in_per_year_per_1000 * cfg.scenario.move_in_multiplier


def volunteer_supply(cfg: Config) -> float:
    """Multiplier of volunteer recruitment (scarce volunteers lower it)."""
    return cfg.scenario.volunteer_supply_multiplier


def staff_turnover_per_year(cfg: Config) -> float:
    """Professionals leaving per year (staff shortages raise it)."""
    return cfg.staff.turnover_per_year * cfg.scenario.staff_turnover_multiplier


def shifted_shyness(cfg: Config, shyness: np.ndarray) -> np.ndarray:
    """A person's shyness after the scenario's shift, kept in [0, 1]."""
    return np.clip(shyness + cfg.scenario.shyness_shift, 0.0, 1.0)
