"""The register of policy assumptions (data/policy_assumptions.csv): every policy parameter and deciding price once,
graded, sourced and ranged around the value sim/params.py holds; its page generated from it; the held-out checks kept
apart from the calibration targets."""

import csv
from dataclasses import fields

import pandas as pd

from analysis.register import CHECKS
from analysis.register import main as register_page
from sim.mechanisms import EXPLAINED_POLICIES, names_of
from sim.params import Config, PolicyConfig, PriceParams, assumption_ranges
from sim.register import GRADES, by_key, entries, ranges, value_of

NOT_POLICY_ASSUMPTIONS = {"policy.name", "policy.off", "prices.informal_care_per_hour"}  # a choice, a switch, a value
# of informal care that no payer pays


def test_the_page_is_generated_from_the_register():
    """Run python -m analysis.register after changing the register, a policy parameter or a mechanism."""
    assert register_page(["--check"]) == 0


def test_every_policy_parameter_and_price_is_in_the_register_once():
    keys = [e.key for e in entries()]
    assert len(keys) == len(set(keys))
    wanted = {f"{section}.{f.name}" for section, group in (("policy", PolicyConfig), ("prices", PriceParams))
              for f in fields(group)} - NOT_POLICY_ASSUMPTIONS
    assert wanted <= set(keys), sorted(wanted - set(keys))


def test_each_entry_is_graded_sourced_and_ranged_around_its_value():
    cfg = Config()
    for e in entries():
        assert e.grade in GRADES and len(e.source) > 10, e.key
        value = value_of(cfg, e.key)
        if e.varied:
            low, high = e.bounds(float(value))
            assert low <= value <= high, (e.key, low, value, high)
        else:
            assert isinstance(value, bool), e.key  # only a yes/no setting goes without a range
        for reference in e.mechanisms:
            policy, _, name = reference.partition(".")
            assert policy in EXPLAINED_POLICIES and (not name or name in names_of(policy)), (e.key, reference)


def test_the_register_is_the_only_home_of_these_ranges():
    """params.py declares no `assumed=` range for a registered parameter; the assumptions' ranges come from here."""
    for section, group in (("policy", PolicyConfig), ("prices", PriceParams)):
        for f in fields(group):
            assert not (f"{section}.{f.name}" in by_key() and "assumed" in f.metadata), f.name
    assumed = ranges(grades=("assumed",))
    assert all(assumption_ranges()[k] == r for k, r in assumed.items())
    assert "policy.tender_price_cut" not in assumption_ranges()  # measured: varied by the uncertainty study, not
    # screened as an assumption


def test_reported_policy_outcomes_are_held_out_never_targets():
    with open(CHECKS, newline="") as f:
        checks = list(csv.DictReader(f))
    assert {c["grade"] for c in checks} <= set(GRADES) and len(checks) >= 8
    targets = pd.read_csv(CHECKS.parent / "calibration_targets.csv")
    words = " ".join(targets["source"].astype(str)).lower()
    for name in ("dongen", "ruwaard", "embrace", "samenoud"):
        assert name not in words  # no reported policy outcome became a calibration target


def test_held_out_checks_are_judged_by_the_side_of_their_interval():
    from analysis.held_out import Claim, judge

    runs = pd.DataFrame({"policy.name": ["subsidy"] * 6 + ["pooled_budget"] * 6, "run.replicate": list(range(6)) * 2,
                         "cost_wlz_eur_per_year": [100.0, 110, 90, 105, 95, 100] + [80.0, 91, 69, 86, 74, 80],
                         "unmet_share": [0.1, 0.2, 0.1, 0.2, 0.1, 0.2] * 2})
    assert judge(runs, Claim("pooled_budget", "subsidy", "cost_wlz_eur_per_year", -1))["verdict"] == "agrees"
    assert judge(runs, Claim("pooled_budget", "subsidy", "cost_wlz_eur_per_year", 1))["verdict"] == "disagrees"
    assert judge(runs, Claim("pooled_budget", "subsidy", "unmet_share", 0))["verdict"] == "agrees"  # the same
    assert judge(runs, Claim("pooled_budget", "subsidy", "unmet_share", -1))["verdict"] == "unclear"
    assert judge(runs, Claim("tendering", "subsidy", "unmet_share", -1)) is None  # not run: skipped
