"""Shared test helpers: composed configs and cached runs (a run is a pure function of its overrides)."""

from functools import cache

import numpy as np
import pandas as pd

from analysis.load import load_runs, load_timeseries
from sim.configs import compose
from sim.run import build_model, run_model


def config(*overrides: str):
    return compose(["community=tiny", "run.years=1", *overrides])


@cache
def run(*overrides: str) -> tuple[pd.DataFrame, dict]:
    """One run of the tiny village (1 year unless overridden), cached across tests."""
    return run_model(config(*overrides))[:2]


def runs(overrides: tuple[str, ...], replicates: int) -> list[tuple[pd.DataFrame, dict]]:
    """The same point over several replicates (common random numbers across points)."""
    return [run(*overrides, f"run.replicate={r}") for r in range(replicates)]


def mean_of(results, key: str) -> float:
    return float(np.mean([summary[key] for _, summary in results]))


def stepped(*overrides: str, steps: int = 10):
    """A model stepped `steps` weeks (no warm-up), for inspecting state."""
    model = build_model(config("run.warmup_years=0", *overrides))
    for _ in range(steps):
        model.step()
    return model


def tables(study) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the analysis reads from a study folder that holds no failed run: the runs table and the time series."""
    runs, failures = load_runs(study)
    assert failures.empty
    return runs, load_timeseries(study, runs)


def assert_tables_equal(got, expected) -> None:
    """Same rows in the same order, same columns with the same values and types (columns that only some runs have,
    such as cost items, may come in another order)."""
    for a, b in zip(got, expected, strict=True):
        pd.testing.assert_frame_equal(a, b, check_like=True)
