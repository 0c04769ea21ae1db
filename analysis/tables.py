"""Tables from the runs table: mean and 95% interval per parameter point, paired differences against a reference
option (common random numbers: replicate r is paired with replicate r), and yearly series per run. Pure functions."""

import numpy as np
import pandas as pd
from scipy import stats

from .load import REPLICATE, RUN_ID, Factor

PAYERS = ("wmo", "zvw", "wlz", "fund", "cooperative")
OUTCOMES = (
    "cost_total_eur_per_year", "cost_public_eur_per_year", *(f"cost_{p}_eur_per_year" for p in PAYERS),
    "overhead_cost_eur_per_year", "unmet_share", "mean_unmet_hours_per_week", "mean_hidden_need",
    "hidden_need_share", "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_end",
    "volunteer_burnouts", "mean_relational_continuity", "mean_lonely_share", "carers_overburdened_mean",
)
MAIN_OUTCOMES = (  # the compact table to print
    "cost_public_eur_per_year", "cost_wmo_eur_per_year", "cost_wlz_eur_per_year", "unmet_share", "mean_hidden_need",
    "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_end", "mean_relational_continuity",
)
SERIES_MEAN = ("unmet_hours", "n_hidden_need", "n_volunteers_active", "relational_continuity", "population")
SERIES_SUM = ("nursing_home_admissions", "volunteer_burnouts", *(f"cost_{p}_eur" for p in PAYERS), "cost_total_eur")
STATS = ["n", "mean", "ci_low", "ci_high"]


def interval(values) -> tuple[int, float, float, float]:
    """n, mean and the 95% Student-t confidence interval of the mean (NaN bounds when n < 2)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return 0, np.nan, np.nan, np.nan
    mean = float(x.mean())
    if x.size < 2:
        return 1, mean, np.nan, np.nan
    half = float(stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size))
    return int(x.size), mean, mean - half, mean + half


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
    out = grouped.apply(lambda v: pd.Series(interval(v), index=STATS)).unstack()
    out["n"] = out["n"].astype(int)
    return out.reset_index()


def paired_differences(table: pd.DataFrame, factors: list[Factor], reference, outcomes) -> pd.DataFrame:
    """Each level of the first factor minus `reference`, paired by replicate (and by every other factor)."""
    option, others = factors[0].column, [f.column for f in factors[1:]]
    keys = others + [REPLICATE]
    frames = []
    for outcome in (o for o in outcomes if o in table):
        wide = table.groupby(keys + [option], observed=True)[outcome].mean().unstack(option)
        if reference not in wide:
            raise ValueError(f"reference {reference!r} is not a level of {option}: {list(wide.columns)}")
        diff = wide.sub(wide[reference], axis=0).drop(columns=reference)
        frames.append(diff.stack(future_stack=True).rename(outcome))
    paired = pd.concat(frames, axis=1).reset_index()
    rest = Factor(option, [lv for lv in factors[0].levels if lv != reference])
    return summarise(with_levels(paired, [rest, *factors[1:]]), others + [option] if others else [option], outcomes)


def reorder(table: pd.DataFrame, factors: list[Factor]) -> pd.DataFrame:
    """Rows sorted by the factors in sweep order, factor columns first."""
    cols = [f.column for f in factors if f.column in table]
    return table.sort_values(cols + ["outcome"] if "outcome" in table else cols, kind="stable")[
        cols + [c for c in table.columns if c not in cols]].reset_index(drop=True)


def yearly(ts: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Per run and simulated year: means of stocks (e.g. unmet hours per week) and flows summed to a year
    (costs in EUR per year, admissions per year; a part year is scaled up to a whole one)."""
    ts = ts.assign(steps_per_year=ts[RUN_ID].map(runs.set_index(RUN_ID)["run.steps_per_year"]))
    ts["year"] = ((ts["step"] - 1) // ts["steps_per_year"] + 1).astype(int)
    grouped = ts.groupby([RUN_ID, "year"])
    scale = grouped["steps_per_year"].first() / grouped.size()
    means = grouped[[c for c in SERIES_MEAN if c in ts]].mean()
    sums = grouped[[c for c in SERIES_SUM if c in ts]].sum().mul(scale, axis=0)
    return pd.concat([means, sums], axis=1).reset_index()


def with_factors(table: pd.DataFrame, runs: pd.DataFrame, factors: list[Factor]) -> pd.DataFrame:
    """Join each run's factor levels and replicate onto a per-run table."""
    keep = [RUN_ID, REPLICATE] + [f.column for f in factors]
    return with_levels(table.merge(runs[keep], on=RUN_ID), factors)
