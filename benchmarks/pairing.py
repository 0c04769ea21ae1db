"""What common random numbers buy: the variance reduction factor of the main study's paired comparisons.

VRF = (var_A + var_B) / var(A - B) over replicates, for each policy against the status quo (structural subsidy)
and the five headline outcomes: how many times fewer runs a paired comparison needs for the precision of an
unpaired one. Runs the main study's design through the study runner (resumable; reuses a finished folder).

Usage: python benchmarks/pairing.py [--replicates 12] [--years 10] [--out outputs/benchmarks/pairing]
"""

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.load import load_runs
from results.columns import POLICY, REPLICATE
from sim.schema import HEADLINE

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "subsidy"


def vrf_table(runs: pd.DataFrame, reference: str = REFERENCE) -> pd.DataFrame:
    """Policies as rows, headline outcomes as columns: (var_A + var_B) / var(A - B), paired by replicate."""
    wide = runs.pivot_table(index=REPLICATE, columns=POLICY, values=list(HEADLINE))
    rows = {}
    for policy in (p for p in runs[POLICY].unique() if p != reference):
        rows[policy] = {o: (wide[(o, policy)].var() + wide[(o, reference)].var()) / (wide[(o, policy)]
                                                                                    - wide[(o, reference)]).var()
                        for o in HEADLINE}
    return pd.DataFrame(rows).T[list(HEADLINE)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=12)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "benchmarks" / "pairing")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "experiments", "run", "lumpsum_vs_tendering", "--replicates",
                    str(args.replicates), "--years", f"{args.years:g}", "--out", str(args.out)], cwd=ROOT, check=True)
    runs, _ = load_runs(args.out)
    table = vrf_table(runs)
    short = {o: o.replace("_per_1000_65plus_per_year", "/1000").replace("_eur_per_year", "") for o in HEADLINE}
    print(f"\nVariance reduction factor, each policy against {REFERENCE} ({args.replicates} replicates, "
          f"{args.years:g} years, Austerlitz):\n")
    print(table.rename(columns=short).to_markdown(floatfmt=".1f"))
    print(f"\nmedian VRF over {table.size} policy x outcome pairs: {np.median(table.to_numpy()):.1f}")


if __name__ == "__main__":
    main()
