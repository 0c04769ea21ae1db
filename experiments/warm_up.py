"""How long the initial state needs to settle: MSER-5 (White 1997) on the weekly series of the headline outputs,
simulated from the initial state without a warm-up under the status quo (a population about constant in size).

    python -m experiments.warm_up [--community austerlitz] [--seeds 3] [--years 12]

prints, per output and seed, the truncation point in years: the start of the stretch whose mean is most precise
(MSER picks d minimising the variance of what is left over its length squared, over batches of 5 weeks, searching the
first half of the run). The warm-up (`run.warmup_years`) should be at least the point of the mean series.
"""

import argparse

import numpy as np
import pandas as pd

from sim.configs import compose
from sim.run import run_model
from sim.schema import SETTLING as OUTPUTS

WEEKS_PER_YEAR = 52


def mser5(series: np.ndarray) -> int:
    """MSER-5 truncation point, in weeks: batch means of 5, d minimising var(rest) / len(rest) over the first half."""
    batches = np.asarray(series, dtype=float)[: len(series) // 5 * 5].reshape(-1, 5).mean(axis=1)
    n = batches.size
    scores = [batches[d:].var() / (n - d) for d in range(n // 2)]
    return 5 * int(np.argmin(scores))


def truncation_points(community: str, seeds: int, years: float) -> pd.DataFrame:
    """Truncation point (years) of each headline output per seed and of the mean over the seeds (Welch's averaging:
    the mean series is less noisy, so its point is the steadier estimate), from runs without a warm-up."""
    series = []
    for replicate in range(seeds):
        cfg = compose([f"community={community}", "policy=status_quo", "run.warmup_years=0", f"run.years={years:g}",
                       f"run.replicate={replicate}"])
        series.append(run_model(cfg)[0][list(OUTPUTS)])
    rows = {**{f"seed {r}": s for r, s in enumerate(series)}, "mean of seeds": sum(series) / len(series)}
    return pd.DataFrame({name: {o: mser5(s[o].to_numpy()) / WEEKS_PER_YEAR for o in OUTPUTS}
                         for name, s in rows.items()}).T


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--community", default="austerlitz")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--years", type=float, default=12.0)
    args = parser.parse_args()
    points = truncation_points(args.community, args.seeds, args.years)
    print(points.round(2).to_string())
    print(f"largest truncation point of a seed: {points.iloc[:-1].to_numpy().max():.2f} years; "
          f"of the mean of seeds: {points.iloc[-1].max():.2f} years")


if __name__ == "__main__":
    main()
