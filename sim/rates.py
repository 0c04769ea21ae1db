"""Turning rates per year (as in the config) into probabilities per step."""

import numpy as np


def step_prob(rate_per_year, dt: float):
    """Probability that an event with a constant hazard of `rate_per_year` happens within `dt` years."""
    return -np.expm1(-np.asarray(rate_per_year, dtype=float) * dt)


def weeks_to_steps(weeks: float, steps_per_year: int) -> int:
    """A duration in weeks as a whole number of steps (at least one)."""
    return max(1, int(round(weeks * steps_per_year / 52)))
