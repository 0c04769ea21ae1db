"""Sharing a warm-up: the policies of one replicate start from a copy of one warmed-up model, and each run is
byte-identical to the same run from scratch."""

import pandas as pd
from helpers import config

from sim.run import WarmUps, run_model, warm_up_key

POLICIES = ("subsidy", "tendering", "no_cooperative", "pooled_budget")


def test_runs_from_a_shared_warm_up_equal_runs_from_scratch():
    warm_ups = WarmUps()
    for policy in POLICIES:
        overrides = ("run.years=2", f"policy={policy}", "scenario=funding_cut", "run.replicate=1")
        shared = run_model(config(*overrides), warm_ups)
        alone = run_model(config(*overrides))
        pd.testing.assert_frame_equal(shared[0], alone[0], check_exact=True)
        assert shared[1] == alone[1]
        pd.testing.assert_frame_equal(shared[2], alone[2], check_exact=True)
    assert warm_ups.shared == len(POLICIES) - 1  # one warm-up simulated, then copied


def test_the_warm_up_key_is_the_whole_config_but_the_policy_name():
    base = warm_up_key(config("policy=subsidy"))
    assert warm_up_key(config("policy=lump_sum")) == base
    for other in ("run.replicate=1", "run.seed=2", "scenario=funding_cut", "policy.generic_volunteer_share=0.4",
                  "community.status_quo_policy=no_cooperative", "run.warmup_years=1"):
        assert warm_up_key(config("policy=subsidy", other)) != base, other


def test_without_a_warm_up_nothing_is_shared():
    warm_ups = WarmUps()
    for policy in ("subsidy", "no_cooperative"):
        overrides = ("run.years=0.5", "run.warmup_years=0", f"policy={policy}")
        shared = run_model(config(*overrides), warm_ups)
        pd.testing.assert_frame_equal(shared[0], run_model(config(*overrides))[0], check_exact=True)
    assert warm_ups.shared == 0
