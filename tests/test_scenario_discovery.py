"""Scenario discovery (analysis/scenario_discovery.py): PRIM must find a box that is planted in the data, and say
so when there is none."""

import numpy as np
import pandas as pd

from analysis.scenario_discovery import box_text, find_box, limits, separating


def sample(n: int = 300, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(rng.uniform(size=(n, 4)), columns=["policy.tender_price_cut", "policy.transition_capacity",
                                                            "volunteers.hours_per_client", "help.ask_per_year"])


def test_prim_finds_the_planted_box():
    x = sample()
    y = ((x["policy.transition_capacity"] < 0.4) & (x["policy.tender_price_cut"] > 0.5)).to_numpy()
    box, trajectory, significant = find_box(x, y)
    assert significant
    table = limits(box, x).set_index("parameter")
    assert set(table.index) == {"policy.transition_capacity", "policy.tender_price_cut"}
    assert abs(table.loc["policy.transition_capacity", "box_high"] - 0.4) < 0.05
    assert abs(table.loc["policy.tender_price_cut", "box_low"] - 0.5) < 0.05
    assert box.coverage >= 0.6 and box.density > 0.9 and len(trajectory) > 3
    text = box_text(table.reset_index())
    assert "policy.transition_capacity < 0.3" in text and "policy.tender_price_cut > 0.5" in text


def test_no_significant_box_when_the_outcome_is_noise():
    x = sample(seed=2)
    box, _, significant = find_box(x, np.random.default_rng(3).uniform(size=len(x)) < 0.3)
    assert not significant  # a candidate may be shown, but never claimed


def test_the_parameter_that_drives_the_difference_separates_the_draws():
    x = sample(seed=4)
    diff = pd.DataFrame({"tendering_minus_lump_sum": 3 * x["policy.tender_price_cut"] - 1
                         + np.random.default_rng(5).normal(0, 0.2, len(x))})
    ranked = separating(x, diff)
    assert ranked["parameter"].iloc[0] == "policy.tender_price_cut" and ranked["spearman_rho"].iloc[0] > 0.8
    assert ranked["spearman_rho"].iloc[1:].abs().max() < 0.2
