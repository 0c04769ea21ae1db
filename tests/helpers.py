"""Shared test helpers: composed configs and cached runs (a run is a pure function of its overrides)."""

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock

from analysis.load import load_runs, load_timeseries
from sim.configs import compose
from sim.run import build_model, run_model


def config(*overrides: str):
    return compose(["community=tiny", "run.years=1", *overrides])


SHARED_RUNS = "CARING_TEST_RUNS"  # environment variable: a folder where this session's xdist workers share runs


@cache
def run(*overrides: str) -> tuple[pd.DataFrame, dict]:
    """One run of the tiny village (1 year unless overridden), cached across tests: in this process, and in the
    session's shared folder (tests/conftest.py), so that a run one xdist worker made is not made again by the other
    (the pattern tests share many runs). A run being made by one worker holds its lock: the other waits for it."""
    folder = os.environ.get(SHARED_RUNS)
    if not folder:
        return run_model(config(*overrides))[:2]
    path = Path(folder) / (hashlib.sha256("\n".join(overrides).encode()).hexdigest()[:32] + ".pickle")
    with FileLock(f"{path}.lock"):
        if path.exists():
            return pickle.loads(path.read_bytes())
        result = run_model(config(*overrides))[:2]
        path.with_suffix(".tmp").write_bytes(pickle.dumps(result))
        path.with_suffix(".tmp").replace(path)
    return result


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
