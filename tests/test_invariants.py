"""Invariants that hold every step: hours add up, nothing is negative, people are conserved, costs add up."""

import numpy as np
import pytest
from helpers import config, run

from sim.outreach import SORT_ALL_BELOW, first_in_order
from sim.residents import DOMESTIC, PERSONAL, ROUND_THE_CLOCK, Resident, add_columns
from sim.run import build_model
from sim.schema import OVERHEAD_ITEMS, PAYER_NAMES

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
    by_payer = ts[[f"cost_{p}_eur" for p in PAYER_NAMES]].sum(axis=1).to_numpy()
    assert by_payer == pytest.approx(ts["cost_total_eur"].to_numpy())
    assert sum(summary["cost_items_eur"].values()) == pytest.approx(summary["cost_total_eur_per_year"] * 2, rel=1e-6)


def test_budgets_count_exactly_what_was_charged_this_year():
    """Within the first year (no warm-up) each payer's spending against its budget is the sum of its ledger
    items that count against it: the insurer's budget is district nursing only, the others everything."""
    model = build_model(config("run.warmup_years=0", "policy=no_cooperative"))  # indications at the counter
    for _ in range(30):
        model.step()
    for payer, funder in model.funders.items():
        booked = sum(v for (p, item), v in model.ledger.items.items()
                     if p == payer and (funder.items is None or item in funder.items))
        assert funder.spent_eur == pytest.approx(booked, rel=1e-12, abs=1e-9), payer
    assert model.funders["zvw"].spent_eur < sum(v for (p, _), v in model.ledger.items.items() if p == "zvw")
    overhead = sum(v for (_, item), v in model.ledger.items.items() if item in OVERHEAD_ITEMS)
    assert overhead > 0


def test_every_professional_hour_is_billed_at_its_tariff():
    """Each week: domestic help hours x the Wmo tariff, nursing hours x the Zvw tariff, round-the-clock hours at
    home x the personal-care tariff (Wlz) are exactly what the ledger booked. (Nobody leaves home here: the week's
    care of someone admitted or deceased is billed, but their hours are no longer on the books at the week's end.)"""
    stay = ("care.admission_per_year_critical=0", "care.admission_per_year_unmet=0", "mortality.gompertz_a=0",
            "mortality.critical_per_year=0", "demography.young_leave_per_year=0")
    model = build_model(config("run.warmup_years=0", *stay))
    prices = model.cfg.prices
    for _ in range(20):
        model.step()
        given = model.people.given[: model.people.n, 2]
        booked = model.ledger.step_items
        assert booked["domestic_help"] == pytest.approx(given[:, DOMESTIC].sum() * prices.domestic_help_per_hour)
        assert booked["district_nursing"] == pytest.approx(given[:, PERSONAL].sum() * prices.district_nursing_per_hour)
        assert booked.get("care_at_home", 0.0) == pytest.approx(
            given[:, ROUND_THE_CLOCK].sum() * prices.personal_care_per_hour)
    assert model.ledger.total("care_at_home") > 0


def test_agents_match_the_arrays():
    model = build_model(config("run.warmup_years=0"))
    for _ in range(20):
        model.step()
    residents = model.agents_by_type[Resident]
    assert len(residents) == int(model.people.present.sum()) == model.graph.number_of_nodes()
    one = next(iter(residents))
    assert one.age == model.people.age[one.idx] and set(one.need_hours) == {"social", "domestic", "personal",
                                                                          "round_the_clock"}
    assert one.care_state == model.care_states()[one.idx] and model.resident(one.idx) is one
    assert one.describe()["resident"].startswith(f"#{one.idx}, ")


def test_columns_add_up_to_the_same_bits_as_numpy_sums():
    """Totals over the kinds of need, the sources of care and a person's carers are added column by column (fast);
    they must equal numpy's own sums bit for bit, or every output would move."""
    rng = np.random.default_rng(5)
    given = rng.random((3000, 3, 4)) * rng.choice([1e-3, 1.0, 7.3, 1e3], (3000, 3, 4))
    for columns in (given[:, 0], given[:, 2], given[:, :, 1], given.reshape(3000, 12)[:, :7]):
        assert np.array_equal(add_columns(columns), columns.sum(axis=1))


def test_the_front_of_the_visit_queue_is_the_front_of_the_fully_sorted_queue():
    """Outreach sorts only as much of a long queue as the week's visits reach; it must be the full sort's front, also
    with many equal visit weeks and tiebreaks."""
    rng = np.random.default_rng(6)
    for _ in range(200):
        n = int(rng.integers(1, 3 * SORT_ALL_BELOW))
        idx = np.sort(rng.choice(10**5, n, replace=False))
        last = rng.integers(-3, 3, n) - 10**6 * (rng.random(n) < rng.random())
        tie = np.round(rng.random(n), int(rng.integers(1, 5)))
        front = first_in_order(idx, last, tie, count := int(rng.integers(1, n + 1) ** rng.uniform(0.3, 1)))
        assert front.size >= count and np.array_equal(front, idx[np.lexsort((tie, last))][: front.size])
