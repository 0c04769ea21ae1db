"""The uncertainty study's design (experiments/assumption_draws.py): the table kept in data/ is the one the generator
makes, every draw is a valid configuration inside the register's ranges, and it carries the history match's
behavioural draws with a seed of its own."""

import copy

import numpy as np
import pandas as pd

from experiments.assumption_draws import OUT, POSTERIOR, draw_table, half_width
from sim.configs import apply_design_row, compose
from sim.register import ranges
from sim.validation import validate


def test_the_kept_table_is_the_generated_one():
    kept = pd.read_csv(OUT)
    pd.testing.assert_frame_equal(kept, draw_table(len(kept)), check_exact=False, rtol=1e-12)


def test_every_draw_is_valid_and_inside_the_register_ranges():
    kept, base = pd.read_csv(OUT), compose(["community=austerlitz"])
    for key, (low, high) in ranges(base).items():
        assert kept[key].between(low, high).all(), key
    posterior = pd.read_csv(POSTERIOR).drop(columns="run.seed")
    repeated = posterior.iloc[np.arange(len(kept)) % len(posterior)].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept[posterior.columns], repeated)
    assert kept["run.seed"].is_unique
    for row in range(len(kept)):
        cfg = copy.deepcopy(base)
        cfg.study.design, cfg.study.design_row = str(OUT), row
        apply_design_row(cfg)
        validate(cfg)


def test_enough_draws_for_a_share_known_to_five_points():
    """...and each draw has behavioural parameters of its own: 400 draws cycling through 16 history-matched sets
    would know a share of draws no better than 16 independent ones."""
    draws = pd.read_csv(OUT)
    assert half_width(len(draws)) <= 0.05 < half_width(384)
    behaviour = [c for c in pd.read_csv(POSTERIOR).columns if c != "run.seed"]
    assert len(draws[behaviour].drop_duplicates()) == len(draws)
