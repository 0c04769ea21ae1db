"""The design of the uncertainty study (`funding_uncertainty`): each draw joins a parameter set the calibration
targets cannot rule out (data/posterior/draws.csv, from the history match) with values drawn uniformly within the
range of every varied entry of the register of policy assumptions (data/policy_assumptions.csv), resolved for the
study's community, and a seed of its own. Draws are independent, so the share of draws in which a difference has
its sign is a binomial proportion: its 95% half-width is at most 1.96 * sqrt(0.25 / n), 5 points at n = 385.
Run: python -m experiments.assumption_draws [--draws 400] [--community austerlitz]"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from results.atomic import write_text
from sim.configs import compose
from sim.register import ranges

from .design import ROOT

POSTERIOR = ROOT / "data" / "posterior" / "draws.csv"
OUT = ROOT / "data" / "uncertainty" / "draws.csv"
DRAWS = 400  # the 95% half-width of a share of draws is at most 1.96 * sqrt(0.25 / 400) = 4.9 points
SEED = 19  # of this table's own generator (the design is data: drawn once, kept, and read by the study)
FIRST_RUN_SEED = 1000  # the posterior's seeds are 1000, 1001, ...: draw i runs on seed 1000 + i


def draw_table(draws: int = DRAWS, community: str = "austerlitz", posterior: Path = POSTERIOR,
               seed: int = SEED) -> pd.DataFrame:
    """`draws` rows: posterior row i mod its length, the register's ranges drawn uniformly, run.seed 1000 + i."""
    behaviour = pd.read_csv(posterior).drop(columns="run.seed")
    picked = behaviour.iloc[np.arange(draws) % len(behaviour)].reset_index(drop=True)
    bounds = ranges(compose([f"community={community}"]))
    low, high = (np.array([b[i] for b in bounds.values()]) for i in (0, 1))
    uniform = np.random.default_rng(seed).random((draws, len(bounds)))
    policy = pd.DataFrame(low + uniform * (high - low), columns=list(bounds))
    return pd.concat([picked, policy, pd.DataFrame({"run.seed": FIRST_RUN_SEED + np.arange(draws)})], axis=1)


def half_width(draws: int, share: float = 0.5) -> float:
    """The 95% half-width of a share of `draws` independent draws (normal approximation to the binomial)."""
    return 1.96 * float(np.sqrt(share * (1 - share) / draws))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m experiments.assumption_draws", description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=DRAWS, help=f"rows (default {DRAWS})")
    parser.add_argument("--community", default="austerlitz", help="whose values resolve relative ranges (x0.75)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = draw_table(args.draws, args.community)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_text(args.out, table.to_csv(index=False))
    sets = len(pd.read_csv(POSTERIOR))
    print(f"{args.out}: {len(table)} draws of {table.shape[1] - 1} parameters; a share of draws is known to "
          f"+-{half_width(min(len(table), sets)):.1%} (95%) at worst")
    if sets < len(table):
        print(f"Warning: {POSTERIOR} holds {sets} behavioural sets for {len(table)} draws: they repeat, so the draws "
              f"are not independent and a share is known no better than over {sets}; run python -m experiments "
              f"match --draws {len(table)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
