"""Run-level outcomes from one run's time series, each computed the way sim/schema.py declares it."""

import numpy as np
import pandas as pd

from .schema import OUTCOMES, Output


def outcome(ts: pd.DataFrame, out: Output, years: float) -> float:
    """One summary outcome of a run: `out.how` applied to its source series (and denominator)."""
    x = ts[out.source].to_numpy(dtype=float)
    per = ts[out.per].to_numpy(dtype=float) if out.per else None
    if out.how == "mean":
        return float(np.nanmean(x)) if np.isfinite(x).any() else float("nan")
    if out.how == "sum":
        return float(x.sum())
    if out.how == "per_year":
        return float(x.sum() / years)
    if out.how == "first":
        return float(x[0])
    if out.how == "last":
        return float(x[-1])
    if out.how == "ratio":  # e.g. unmet hours over needed hours, summed over the run
        return float(x.sum() / per.sum()) if per.sum() > 0 else float("nan")
    if out.how == "per_resident":
        return float(x.sum() / years / per.mean())
    if out.how == "per_1000_per_year":
        return float(x.sum() / per.mean() * 1000 / years) if per.mean() > 0 else float("nan")
    raise ValueError(f"{out.name}: unknown aggregation {out.how!r}")


def summarise(ts: pd.DataFrame, years: float) -> dict:
    """Every declared outcome of the run (costs per payer and per resident per year, unmet and hidden need,
    admissions, volunteers, continuity, ...); counts stay whole numbers."""
    values = {}
    for out in OUTCOMES:
        value = outcome(ts, out, years)
        whole = out.how in ("sum", "first", "last") and float(value).is_integer()
        values[out.name] = int(value) if whole else value
    return values
