"""Tables from the runs table: mean and 95% interval per parameter point, paired differences against a reference
option (common random numbers: replicate r is paired with replicate r) with what pairing bought, and yearly series
per run. Pure functions; every interval is Student's t (scipy)."""

import numpy as np
import pandas as pd
from scipy import stats

from results.columns import REPLICATE, RUN_ID
from sim.cautions import MIN_REPLICATES  # noqa: F401 (the analysis warns with the same number as the runner)
from sim.schema import BY_NAME, YEARLY, bounds

from .load import Factor

STATS = ["n", "mean", "ci_low", "ci_high"]
ROUNDING = 1e-9  # relative size of a difference that is only floating-point rounding (sums taken in another order)


def interval(values) -> tuple[int, float, float, float]:
    """n, mean and the 95% Student-t confidence interval of the mean (NaN bounds when n < 2)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return 0, np.nan, np.nan, np.nan
    mean = float(x.mean())
    half = float(stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)) if x.size > 1 else np.nan
    return int(x.size), mean, mean - half, mean + half


def past_bounds(summary: pd.DataFrame) -> dict[str, list[str]]:
    """Outcomes of a summary (outcome, ci_low, ci_high) whose 95% interval reaches past what the outcome can be,
    by side ("low": below 0, "high": above 1 for a share): too few replicates to bound the mean there. Figures cut
    such bands and say so."""
    past = {"low": [], "high": []}
    for outcome, rows in summary.groupby(summary["outcome"].astype(str), sort=False):
        if outcome in BY_NAME:
            low, high = bounds(outcome)
            if (rows["ci_low"] < low).any():
                past["low"].append(outcome)
            if high is not None and (rows["ci_high"] > high).any():
                past["high"].append(outcome)
    return past


def unpaired_half_width(a, b) -> float:
    """Half-width of the 95% interval of mean(a) - mean(b) had the runs not been paired (Welch's t)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    if a.size < 2 or b.size < 2:
        return np.nan
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    if va + vb == 0:
        return 0.0
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))  # Welch-Satterthwaite
    return float(stats.t.ppf(0.975, df) * np.sqrt(va + vb))


def with_levels(table: pd.DataFrame, factors: list[Factor]) -> pd.DataFrame:
    """Factor columns as ordered categoricals, so groups come out in sweep order."""
    table = table.copy()
    for f in factors:
        table[f.column] = pd.Categorical(table[f.column].astype(object), categories=f.levels, ordered=True)
    return table


def summarise(table: pd.DataFrame, by: list[str], outcomes) -> pd.DataFrame:
    """Long table: one row per group and outcome with n, mean, ci_low, ci_high over the rows (replicates)."""
    outcomes = [o for o in outcomes if o in table]
    long = table.melt(id_vars=by, value_vars=outcomes, var_name="outcome", value_name="value")
    long["outcome"] = pd.Categorical(long["outcome"], categories=outcomes, ordered=True)
    grouped = long.groupby(by + ["outcome"], observed=True, sort=True)["value"]
    rows = [(*(key if isinstance(key, tuple) else (key,)), *interval(values)) for key, values in grouped]
    out = pd.DataFrame(rows, columns=[*by, "outcome", *STATS]).astype({"n": int})
    out["outcome"] = pd.Categorical(out["outcome"], categories=outcomes, ordered=True)
    for column in by:  # groups keep their order (sweep order of the factors)
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            out[column] = pd.Categorical(out[column], dtype=table[column].dtype)
    return out


def paired_differences(table: pd.DataFrame, factors: list[Factor], reference, outcomes) -> pd.DataFrame:
    """Each level of the first factor minus `reference`, paired by replicate (and by every other factor).

    Besides the paired interval: `unpaired_half`, the half-width the same runs would give unpaired, and
    `narrower`, how many times narrower pairing made the interval (what common random numbers bought). A difference
    no larger than floating-point rounding of the values compared is 0, and an interval of no width (every pair
    differs by the same amount) makes `narrower` infinite, not 10^15."""
    option, others = factors[0].column, [f.column for f in factors[1:]]
    keys = others + [REPLICATE]
    frames, widths = [], []
    for outcome in (o for o in outcomes if o in table):
        wide = table.groupby(keys + [option], observed=True)[outcome].mean().unstack(option)
        if reference not in wide:
            raise ValueError(f"reference {reference!r} is not a level of {option}: {list(wide.columns)}")
        diff = wide.sub(wide[reference], axis=0).drop(columns=reference)
        diff = diff.mask(diff.abs().le(wide.abs().max(axis=1) * ROUNDING, axis=0), 0.0)
        frames.append(diff.stack(future_stack=True).rename(outcome))
        groups = wide.groupby(level=others, observed=True) if others else [((), wide)]
        for point, rows in groups:
            point = point if isinstance(point, tuple) else (point,)
            for level in diff.columns:
                widths.append({**dict(zip(others, point)), option: level, "outcome": outcome,
                               "unpaired_half": unpaired_half_width(rows[level], rows[reference])})
    paired = pd.concat(frames, axis=1).reset_index()
    rest = Factor(option, [lv for lv in factors[0].levels if lv != reference])
    by = others + [option] if others else [option]
    out = summarise(with_levels(paired, [rest, *factors[1:]]), by, outcomes)
    width = pd.DataFrame(widths).astype({c: object for c in by})
    out = out.astype({c: object for c in by}).merge(width, on=[*by, "outcome"], how="left")
    out["narrower"] = narrower(out["unpaired_half"], (out["ci_high"] - out["ci_low"]) / 2, out["mean"])
    return with_levels(out, [rest, *factors[1:]]).assign(outcome=lambda d: pd.Categorical(
        d["outcome"], categories=[o for o in outcomes if o in table], ordered=True))


def narrower(unpaired_half: pd.Series, paired_half: pd.Series, mean: pd.Series) -> pd.Series:
    """How many times narrower the paired interval is; infinite when it has no width beyond rounding (each pair
    differs by the same amount), NaN when neither interval has a width."""
    none = paired_half.abs() <= ROUNDING * np.maximum(mean.abs(), unpaired_half.abs())
    ratio = unpaired_half / paired_half.where(~none)
    return ratio.mask(none & (unpaired_half > 0), np.inf)


def reorder(table: pd.DataFrame, factors: list[Factor]) -> pd.DataFrame:
    """Rows sorted by the factors in sweep order, factor columns first."""
    cols = [f.column for f in factors if f.column in table]
    return table.sort_values(cols + ["outcome"] if "outcome" in table else cols, kind="stable")[
        cols + [c for c in table.columns if c not in cols]].reset_index(drop=True)


YEARLY_PERIOD = "year"  # what yearly() sums flows over: their labels say so (sim.schema.unit(..., period=...))


def yearly(ts: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Per run and simulated year: means of stocks (e.g. unmet hours per week) and flows summed to a year
    (costs in EUR per year, admissions per year; a part year is scaled up to a whole one)."""
    ts = ts.assign(steps_per_year=ts[RUN_ID].map(runs.set_index(RUN_ID)["run.steps_per_year"]))
    ts["year"] = ((ts["step"] - 1) // ts["steps_per_year"] + 1).astype(int)
    grouped = ts.groupby([RUN_ID, "year"])
    scale = grouped["steps_per_year"].first() / grouped.size()
    stocks = [c for c in YEARLY if c in ts and BY_NAME[c].over_time == "mean"]
    flows = [c for c in YEARLY if c in ts and BY_NAME[c].over_time == "sum"]
    means = grouped[stocks].mean()
    sums = grouped[flows].sum().mul(scale, axis=0)
    return pd.concat([means, sums], axis=1).reset_index()

