"""Paired policy comparison on common random numbers: each policy against a reference, replicate by replicate.

From Python: `comparison = compare(["subsidy", "tendering"], replicates=5, overrides=["community=tiny"])`
then `paired_table(comparison)`. From the command line:
`python -m sim.compare community=austerlitz run.years=10 --replicates 5`.
"""

import argparse
import sys

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy import stats

from .configs import compose
from .params import POLICIES
from .run import run_model

METRICS = {  # summary key -> label in the table
    "cost_wmo_eur_per_year": "Wmo EUR/yr",
    "cost_zvw_eur_per_year": "Zvw EUR/yr",
    "cost_wlz_eur_per_year": "Wlz EUR/yr",
    "cost_fund_eur_per_year": "fund EUR/yr",
    "cost_cooperative_eur_per_year": "cooperative EUR/yr",
    "cost_public_eur_per_year": "public total EUR/yr",
    "cost_per_resident_per_year_eur": "EUR/resident/yr",
    "unmet_share": "unmet share",
    "mean_hidden_need": "hidden need (persons)",
    "nursing_home_admissions_per_1000_65plus_per_year": "NH admissions /1000 65+/yr",
    "volunteers_active_end": "volunteers at end",
    "volunteer_burnouts": "volunteer burnouts",
    "mean_relational_continuity": "relational continuity",
}


def _one(policy: str, replicate: int, overrides: tuple[str, ...]) -> dict:
    cfg = compose([*overrides, f"policy={policy}", f"run.replicate={replicate}"])
    return run_model(cfg)[1]


def compare(policies=POLICIES, replicates: int = 5, overrides=(), n_jobs: int = 2) -> pd.DataFrame:
    """Run every policy x replicate (same seeds across policies); one row per run with the summary outcomes."""
    jobs = [(p, r) for r in range(replicates) for p in policies]
    rows = Parallel(n_jobs=n_jobs)(delayed(_one)(p, r, tuple(overrides)) for p, r in jobs)
    return pd.DataFrame([{"policy": p, "replicate": r, **row} for (p, r), row in zip(jobs, rows)])


def paired_differences(runs: pd.DataFrame, reference: str = "no_cooperative", metrics=tuple(METRICS)) -> pd.DataFrame:
    """Per policy and metric: mean difference to the reference over replicates, with a 95% t-interval."""
    wide = runs.set_index(["policy", "replicate"])[list(metrics)]
    base = wide.xs(reference, level="policy")
    out = []
    for policy in runs["policy"].unique():
        if policy == reference:
            continue
        diff = wide.xs(policy, level="policy") - base
        for metric in metrics:
            d = diff[metric].dropna().to_numpy()
            half = stats.t.ppf(0.975, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size) if d.size > 1 else np.nan
            out.append({"policy": policy, "metric": metric, "mean_diff": d.mean(), "ci_low": d.mean() - half,
                        "ci_high": d.mean() + half, "n": d.size})
    return pd.DataFrame(out)


def paired_table(runs: pd.DataFrame, reference: str = "no_cooperative") -> pd.DataFrame:
    """Readable table: policies as rows, 'difference [95% interval]' per metric as columns."""
    diffs = paired_differences(runs, reference)

    def cell(row) -> str:
        digits = 3 if abs(row.mean_diff) < 10 else 0
        return f"{row.mean_diff:+,.{digits}f} [{row.ci_low:+,.{digits}f}, {row.ci_high:+,.{digits}f}]"

    diffs["cell"] = diffs.apply(cell, axis=1)
    table = diffs.pivot(index="policy", columns="metric", values="cell")[list(METRICS)]
    return table.rename(columns=METRICS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("overrides", nargs="*", help="Hydra overrides, e.g. community=austerlitz run.years=10")
    parser.add_argument("--policies", nargs="+", default=list(POLICIES), choices=POLICIES)
    parser.add_argument("--reference", default="no_cooperative", choices=POLICIES)
    parser.add_argument("--replicates", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--csv", help="also write the runs (one row per run) to this CSV file")
    args = parser.parse_args(argv)
    policies = list(dict.fromkeys([args.reference, *args.policies]))
    runs = compare(policies, args.replicates, args.overrides, args.jobs)
    if args.csv:
        runs.drop(columns=["cost_items_eur"]).to_csv(args.csv, index=False)
    table = paired_table(runs, args.reference)
    print(f"Paired differences against {args.reference} (mean [95% interval] over {args.replicates} replicates, "
          f"common random numbers; overrides: {' '.join(args.overrides) or 'none'})")
    with pd.option_context("display.width", 250, "display.max_columns", None):
        print(table.T.to_string())


if __name__ == "__main__":
    main(sys.argv[1:])
