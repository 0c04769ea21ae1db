"""Sharing a warm-up: the policies of one replicate start from a copy of one warmed-up model, and each run is
byte-identical to the same run from scratch."""

import pandas as pd
import pytest
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


def test_the_warm_up_key_is_the_whole_config_but_what_the_warm_up_cannot_read():
    base = warm_up_key(config("policy=subsidy"))
    idle = ("policy=lump_sum", "policy.off=[activity_places]", "policy.tender_price_cut=0.05",  # not under a subsidy
            "scenario.cut_share=0.2", "policy.generic_volunteer_share=0.4")  # after the switch; only at a start without
    for other in idle:
        assert warm_up_key(config("policy=subsidy", other)) == base, other
    for other in ("run.replicate=1", "run.seed=2", "scenario=funding_cut", "community.status_quo_policy=no_cooperative",
                  "run.warmup_years=1", "policy.coordination_hours_per_volunteer=0.2", "policy.give_up_per_year=2"):
        assert warm_up_key(config("policy=subsidy", other)) != base, other
    under_lump_sum = ("community.status_quo_policy=lump_sum", "policy=subsidy")  # a lump-sum status quo reads its own
    assert warm_up_key(config(*under_lump_sum, "policy.lump_sum_extra_activity=0.2")) != \
        warm_up_key(config(*under_lump_sum))


@pytest.mark.parametrize("status_quo", ["subsidy", "tendering"])
def test_runs_that_differ_only_where_the_warm_up_cannot_read_share_it_and_equal_runs_from_scratch(status_quo):
    """Mechanisms switched off, a tender's terms and a cut act only after the switch: such runs share one warm-up, also
    when the run's policy is the status quo itself (its policy object is made anew at the switch)."""
    warm_ups = WarmUps()
    base = ("run.years=1.5", "run.replicate=2", f"community.status_quo_policy={status_quo}")
    variants = (("policy=tendering",), ("policy=tendering", "policy.off=[provider_switch]"),
                ("policy=tendering", "policy.tender_period_years=1", "policy.incumbent_win_prob=0"),
                ("policy=lump_sum", "policy.off=[activity_places]"), ("policy=subsidy", "scenario.cut_share=0.3",
                                                                       "scenario.cut_year=1"))
    for variant in variants:
        shared = run_model(config(*base, *variant), warm_ups)
        alone = run_model(config(*base, *variant))
        pd.testing.assert_frame_equal(shared[0], alone[0], check_exact=True)
        assert shared[1] == alone[1], variant
    assert warm_ups.shared == len(variants) - 1


def test_without_a_warm_up_nothing_is_shared():
    warm_ups = WarmUps()
    for policy in ("subsidy", "no_cooperative"):
        overrides = ("run.years=0.5", "run.warmup_years=0", f"policy={policy}")
        shared = run_model(config(*overrides), warm_ups)
        pd.testing.assert_frame_equal(shared[0], run_model(config(*overrides))[0], check_exact=True)
    assert warm_ups.shared == 0
