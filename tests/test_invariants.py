"""Invariants that hold every step: hours add up, nothing is negative, people are conserved, costs add up."""

import numpy as np
import pytest
from helpers import config, run

from sim.params import PAYERS
from sim.run import build_model

POLICY_SCENARIOS = [("subsidy", "baseline"), ("no_cooperative", "baseline"), ("tendering", "funding_cut"),
                    ("project_grant", "fading_support"), ("pooled_budget", "faster_ageing"),
                    ("lump_sum", "high_shyness")]


@pytest.mark.parametrize("policy,scenario", POLICY_SCENARIOS)
def test_hours_balance_and_nothing_negative_every_step(policy, scenario):
    model = build_model(config("run.warmup_years=0", f"policy={policy}", f"scenario={scenario}",
                               "policy.tender_period_years=0.25",
                               "policy.grant_years=0.25", "scenario.cut_year=0.1"))
    p = model.people
    for _ in range(30):
        model.step()
        need = p.need[: p.n]
        given = p.given[: p.n]
        unmet = need.sum(axis=1) - given.sum(axis=(1, 2))
        assert np.all(given >= -1e-9) and np.all(unmet >= -1e-6), "a source gives more than is needed"
        assert np.all(given.sum(axis=1) <= need + 1e-6), "more care of a kind than the need of that kind"
        row = model.row
        assert row["need_hours"] == pytest.approx(
            row["met_informal_hours"] + row["met_volunteer_hours"] + row["met_professional_hours"] + row["unmet_hours"])
        assert all(f.remaining_eur >= 0 and f.spent_eur >= 0 for f in model.funders.values())
        assert min(v for k, v in row.items() if k.startswith(("n_", "cost_"))) >= 0
        assert np.all(p.vol_strain[: p.n] >= 0) and np.all(p.carer_strain[: p.n] >= 0)


@pytest.mark.parametrize("scenario", ["baseline", "faster_ageing"])
def test_people_are_conserved(scenario):
    ts, _ = run(f"scenario={scenario}", "run.years=2")
    flow = ts["births"] + ts["moved_in"] - ts["deaths"] - ts["moved_out"]
    assert (ts["population"].diff().iloc[1:] == flow.iloc[1:]).all()
    assert ts["deaths"].sum() > 0 and ts["births"].sum() + ts["moved_in"].sum() > 0


@pytest.mark.parametrize("policy", ["subsidy", "tendering", "pooled_budget"])
def test_payer_costs_add_up_to_the_total(policy):
    ts, summary = run(f"policy={policy}", "run.years=2", "policy.tender_period_years=1")
    by_payer = ts[[f"cost_{p}_eur" for p in PAYERS]].sum(axis=1).to_numpy()
    assert by_payer == pytest.approx(ts["cost_total_eur"].to_numpy())
    assert sum(summary["cost_items_eur"].values()) == pytest.approx(summary["cost_total_eur_per_year"] * 2, rel=1e-6)


def test_agents_match_the_arrays():
    model = build_model(config("run.warmup_years=0"))
    for _ in range(20):
        model.step()
    from sim.residents import Resident

    residents = model.agents_by_type[Resident]
    assert len(residents) == int(model.people.present.sum()) == model.graph.number_of_nodes()
    one = next(iter(residents))
    assert one.age == model.people.age[one.idx] and set(one.need_hours) == {"social", "domestic", "personal",
                                                                          "round_the_clock"}
