"""Each mechanism in a limit case: it acts, it shows in the outputs, and removing it changes the result."""

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from helpers import config, mean_of, run, runs, stepped

from sim import health
from sim.care import admission_hazard
from sim.mechanisms import EXPLAINED_POLICIES, MECHANISMS, names_of
from sim.professionals import Role
from sim.recorder import weekly_series
from sim.residents import Residents, Status
from sim.streams import Streams

NO_VOLUNTEERS = ("community.n_volunteers=0", "volunteers.recruit_per_volunteer_per_year=0",
                 "volunteers.recruit_spontaneous_per_1000=0")


def test_no_volunteers_means_no_volunteer_hours_and_no_meals():
    ts, _ = run(*NO_VOLUNTEERS)
    assert ts["met_volunteer_hours"].sum() == 0 and ts["meals_served"].sum() == 0
    with_volunteers, _ = run()
    assert with_volunteers["met_volunteer_hours"].sum() > 0 and with_volunteers["meals_served"].sum() > 0


NO_OUTREACH = ("outreach.supporter_share=0", "meals.per_week=0", "run.years=2")  # no visits, no meals


def test_shyness_one_without_outreach_means_no_self_made_requests():
    ts, _ = run("scenario.shyness_shift=1", *NO_OUTREACH)
    assert ts["help_requests"].sum() == 0
    assert ts["n_hidden_need"].mean() > run(*NO_OUTREACH)[0]["n_hidden_need"].mean()
    assert run("scenario.shyness_shift=-1", *NO_OUTREACH)[0]["help_requests"].sum() > 0


def test_load_far_above_capacity_drives_burnout():
    overloaded = runs(("volunteers.capacity_hours=0.3", "run.years=2", "run.warmup_years=0"), 2)
    normal = runs(("run.years=2", "run.warmup_years=0"), 2)
    assert mean_of(overloaded, "volunteer_burnouts_total") > 3 * max(mean_of(normal, "volunteer_burnouts_total"), 1)
    assert mean_of(overloaded, "volunteers_active_end") < mean_of(normal, "volunteers_active_end")


def test_exhausted_budget_stops_new_clients():
    """With the budgets spent nobody new gets district nursing or Wmo help (refusals are counted, and make people
    shyer); with room in the budgets nobody is refused."""
    model = stepped("community.budget_headroom=0.01", steps=1)
    assert model.funders["zvw"].client_stop
    entitled = model.people.view("nursing_ok").copy()
    shyness = model.people.view("shyness").copy()
    for _ in range(30):
        model.step()
        assert not (model.people.view("nursing_ok")[: entitled.size] & ~entitled).any()  # nobody new
    refusals = weekly_series(model)["client_stops"].sum()
    assert refusals > 0 and (model.people.view("shyness")[: shyness.size] > shyness + 0.05).any()
    open_model = stepped(steps=31)
    assert weekly_series(open_model)["client_stops"].sum() == 0


def test_outreach_finds_hidden_need():
    without = runs(("outreach.supporter_share=0", "run.years=2"), 3)
    with_ = runs(("run.years=2",), 3)
    assert mean_of(with_, "mean_hidden_need") < mean_of(without, "mean_hidden_need")
    assert sum(ts["found_by_outreach"].sum() for ts, _ in with_) > 0
    assert sum(ts["found_by_outreach"].sum() for ts, _ in without) == 0


def test_meals_lower_shyness_and_loneliness_and_make_ties():
    no_meals, _ = run("meals.per_week=0", "run.years=2")
    meals, _ = run("run.years=2")
    assert meals["new_ties"].sum() > 0 and no_meals["new_ties"].sum() == 0
    assert meals["adult_shyness"].iloc[-1] < no_meals["adult_shyness"].iloc[-1]
    assert meals["lonely_share"].iloc[-1] < no_meals["lonely_share"].iloc[-1]


def test_no_cooperative_sends_everyone_to_the_counter_with_give_ups():
    ts, summary = run("policy=no_cooperative", "run.years=2", "policy.give_up_per_year=8")
    assert ts["outreach_visits"].sum() == 0 and ts["meals_served"].sum() == 0 and ts["n_members"].max() == 0
    assert ts["gave_up"].sum() > 0 and summary["cost_items_eur"].get("wmo:indication", 0) > 0


def test_professional_turnover_takes_relationships():
    model = stepped(steps=20)
    supporter = model.staff.of(Role.SUPPORTER)[0]
    knew = supporter.known.copy()
    assert knew.size > 0 and supporter.knows(knew).all()
    model.staff.leave(supporter, replace_after=None)
    assert supporter.known.size == 0
    assert (model.staff.n_known[:, knew].sum(axis=0) == sum(m.knows(knew) for m in model.staff.members)).all()
    churn, _ = run("scenario.staff_turnover_multiplier=6", "run.years=2")
    steady, _ = run("scenario.staff_turnover_multiplier=0", "run.years=2")
    assert churn["staff_left"].sum() > 0 and steady["staff_left"].sum() == 0
    assert churn["relational_continuity"].mean() < steady["relational_continuity"].mean()
    assert churn["mean_staff_tenure_years"].iloc[-1] < steady["mean_staff_tenure_years"].iloc[-1]
    assert steady["mean_caseload"].mean() > 0


def test_nursing_home_admission_when_need_at_home_cannot_be_met():
    p = config().care
    level = np.array([2, 3, 3, 4])
    hazard = admission_hazard(level, np.array([1.0, 0.0, 0.5, 0.0]), p)
    assert hazard[0] == 0 and hazard[1] == 0 and hazard[2] > 0 and hazard[3] > 0  # substantial + unmet, or critical
    none, _ = run("care.admission_per_year_unmet=0", "care.admission_per_year_critical=0", "run.years=2")
    some, summary = run("run.years=2")
    assert none["nursing_home_admissions"].sum() == 0 and some["nursing_home_admissions"].sum() > 0
    assert summary["cost_items_eur"]["wlz:nursing_home"] > 0


def test_every_hour_is_charged_to_a_payer():
    ts, summary = run()
    cfg = config()
    items = summary["cost_items_eur"]
    # district nursing hours x price = the insurer's nursing bill (both summed over the year)
    assert items["zvw:district_nursing"] > 0 and items["wmo:domestic_help"] > 0  # tariffs: test_invariants
    assert items["wmo:subsidy"] > 0 and items["cooperative:meals"] > 0
    days = ts["n_in_nursing_home"].sum() * 365 / cfg.run.steps_per_year
    assert items["wlz:nursing_home"] == pytest.approx(days * cfg.prices.nursing_home_per_day)


def population(n: int, age: float, frailty: float) -> SimpleNamespace:
    """A made-up population for one submodel call: the parts of a model a health submodel reads (a year's step)."""
    people = Residents(capacity=n)
    idx = people.add(n)
    people.status[idx] = Status.HOME
    people.age[idx], people.frailty[idx] = age, frailty
    return SimpleNamespace(people=people, cfg=config(), dt=1.0, clock=1, streams=Streams(1))


def test_frailty_grows_with_age_faster_with_unmet_need_slower_with_activity():
    model = population(3, 80, 0.2)
    model.people.unmet_fraction[1] = 1.0
    model.people.active_until[2] = 10**6
    health.progress_frailty(model)
    plain, unmet, active = model.people.frailty[:3]
    assert unmet > plain > active > 0.2


def test_dementia_onset_and_mortality_rise_with_age_and_frailty():
    young, old = population(20000, 65, 0.1), population(20000, 90, 0.1)
    assert health.onset_dementia(old) > 3 * health.onset_dementia(young)
    mixed = population(20000, 85, 0.15)
    # same age band: the frail half dies more, the band at the CBS rate (the frail below the critical mark, where the
    # critical-need floor, now read from lasting frailty, would lift the band above it)
    mixed.people.frailty[10000:20000] = 0.42
    died = health.mortality(mixed)
    assert (died >= 10000).sum() > 2 * (died < 10000).sum()
    m = mixed.cfg.mortality
    q85 = -np.expm1(-m.gompertz_a * np.exp(m.gompertz_b * 25))
    assert died.size / 20000 == pytest.approx(q85, rel=0.15)


def test_ageing_and_population_renewal_show_in_outputs():
    results = runs(("run.years=2",), 3)  # a village of 400: a few dementia onsets and births a year
    for column in ("dementia_onsets", "births", "moved_out"):
        assert sum(ts[column].sum() for ts, _ in results) > 0, column
    leavers = {s: sum(t["moved_out"].sum() for t, _ in runs((f"scenario={s}", "run.years=2", "run.warmup_years=0"), 2))
               for s in ("baseline", "faster_ageing")}  # no warm-up: both start with the same young adults
    assert leavers["faster_ageing"] > leavers["baseline"]


def test_clients_whose_last_worker_leaves_can_drop_out_of_view():
    """Losing touch: provider switches and turnover leave clients whom no worker knows any more; with
    staff.lose_touch_prob = 1 each of them drops out of view (they stop being clients and their care ends), with 0
    none."""
    churn = ("policy=tendering", "policy.incumbent_win_prob=0", "policy.tender_period_years=0.5",
             "scenario.staff_turnover_multiplier=3", "run.years=2")
    never, _ = run(*churn, "staff.lose_touch_prob=0")
    always, _ = run(*churn, "staff.lose_touch_prob=1")
    assert never["clients_lost"].sum() == 0 and always["clients_lost"].sum() >= 3
    assert always["n_clients"].mean() < never["n_clients"].mean()
    assert always["met_professional_hours"].sum() < never["met_professional_hours"].sum()


POLICY_EVENTS = ("run.years=2", "policy.tender_period_years=1", "policy.grant_years=1", "policy.incumbent_win_prob=0.3",
                 "policy.grant_renewal_prob=0.3", "policy.coach_trust_months=1", "policy.coach_admission_reduction=0.5",
                 "policy.coach_crisis_reduction=0.5")  # every policy's events and effects happen within two years


def without_identity(summary: dict) -> str:
    """A run's summary but its policy's name and code version, as text (NaN equals NaN there)."""
    return json.dumps({k: v for k, v in summary.items() if k not in ("policy", "code_version")}, sort_keys=True)


@pytest.mark.parametrize("policy", EXPLAINED_POLICIES)
def test_a_policy_with_all_its_mechanisms_off_is_the_structural_subsidy(policy):
    """The mechanisms of sim/mechanisms.py are all a policy does differently: so the explained differences add up."""
    ts, summary = run(*POLICY_EVENTS, f"policy={policy}", f"policy.off=[{','.join(names_of(policy))}]")
    ts_ref, summary_ref = run(*POLICY_EVENTS, "policy=subsidy")
    pd.testing.assert_frame_equal(ts, ts_ref, check_exact=True)
    assert without_identity(summary) == without_identity(summary_ref)


@pytest.mark.parametrize("policy,mechanism", [(m.policy, m.name) for m in MECHANISMS])
def test_each_mechanism_acts(policy, mechanism):
    """Switching one mechanism off changes the run (a mechanism that never acts explains nothing)."""
    whole, _ = run(*POLICY_EVENTS, f"policy={policy}")
    without, _ = run(*POLICY_EVENTS, f"policy={policy}", f"policy.off=[{mechanism}]")
    assert not whole.equals(without)


def test_a_pooled_coach_builds_a_caseload_and_trust_before_admissions_move():
    """Intake by intake within the supporters' hours coaching may take, and a client's prevention grows over months
    (nothing at full size on day one); the coaching hours are not there for requests and visits."""
    model = stepped("policy=pooled_budget", "community=tiny", steps=0)
    policy, people, s = model.policy, model.people, model.policy.settings
    caseloads, time_left = [], []
    while len(caseloads) < 30:
        model.step()
        caseloads.append(int((people.view("coached") & people.home).sum()))
        time_left.append(policy.supporter_time())
        if caseloads[-1] > (caseloads[-2] if len(caseloads) > 1 else 0):
            joined = np.flatnonzero(people.view("coached_since") == model.clock)
            assert joined.size == 1 and policy.admission_reduction(people)[joined].max() == 0  # no trust yet
    steps = np.diff([0, *caseloads])
    assert steps.max() == 1 and caseloads[-1] > 1  # one intake at a time: 1.5 coaching hours a week, 3 per intake
    assert caseloads[-1] <= s.coach_share * 6 / s.coach_hours_per_client and min(time_left) < 1
    coached = np.flatnonzero(people.view("coached") & people.home)
    months = (model.clock - people.view("coached_since")[coached]) / 52 * 12
    expected = s.coach_admission_reduction * (1 - np.exp(-months / s.coach_trust_months))
    assert np.allclose(policy.admission_reduction(people)[coached], expected) and expected.max() > 0
    assert np.allclose(policy.crisis_reduction(people)[coached], expected * s.coach_crisis_reduction
                       / s.coach_admission_reduction)


def test_a_pooled_budget_buys_day_care_without_stopping_wmo_clients():
    """One budget: the coach's purchases are the three payers' shares of a pool outside their ceilings; charged to
    the Wmo alone they run its budget out (more weeks of a Wmo client stop)."""
    tight = ("policy=pooled_budget", "run.years=2", "community.budget_headroom=1.05")
    pooled, _ = run(*tight)
    wmo_only, _ = run(*tight, "policy.off=[one_budget]")
    assert wmo_only["wmo_client_stop"].sum() > pooled["wmo_client_stop"].sum()


def test_a_lump_sums_new_activity_places_fill_as_people_hear_of_them():
    """Nobody has heard of the new places at the switch; home visits, meals and then ties spread the word, and the
    places offered grow with it (the series heard_of_activities), not at full size on day one."""
    ts, _ = run("policy=lump_sum", "run.years=1")
    heard = ts["heard_of_activities"].to_numpy()
    assert heard[0] < 0.5 * heard[-1] and np.all(np.diff(heard[:13]) >= -0.02) and heard[-1] <= 1
    slow, _ = run("policy=lump_sum", "run.years=1", "policy.word_of_mouth_per_year=0")
    assert slow["heard_of_activities"].iloc[-1] < heard[-1]  # without word of mouth, only those told or at a meal
    off, _ = run("policy=lump_sum", "run.years=1", "policy.off=[activity_places]")
    assert off["heard_of_activities"].max() == 0 and run("run.years=1")[0]["heard_of_activities"].max() == 0


def test_who_stopped_volunteering_may_be_asked_again_but_not_who_burnt_out_for_good():
    """Stopping is not a lifelong exit: a quitter is among the possible volunteers again, one who gave up is not."""
    from sim.residents import VolunteerStatus
    from sim.volunteers import eligible
    model = stepped("community=tiny", steps=1)
    people, p = model.people, model.cfg.volunteers
    never = np.flatnonzero(eligible(people, p) & (people.view("vol_status") == VolunteerStatus.NONE))[:2]
    people.vol_status[never] = (VolunteerStatus.QUIT, VolunteerStatus.GAVE_UP)
    assert eligible(people, p)[never].tolist() == [True, False]


def test_volunteers_start_strained_as_at_the_status_quo_and_recruits_are_as_keen_as_the_start():
    """The initial volunteers carry the status quo's strain, and recruitment chooses by the same keenness (ages, being a
    member) as the start, so neither the pool's strain nor its ages drift after the start."""
    from sim.volunteers import active_volunteers, keenness
    model = stepped("community=tiny", steps=0)
    people, p = model.people, model.cfg.volunteers
    start = active_volunteers(people)
    assert np.allclose(people.vol_strain[start], p.settle_strain)
    picks = np.array([model.streams.recruitment.choose(chooser, start, weight=keenness(people, start, p))
                      for chooser in range(3000)])
    keen = keenness(people, start, p)
    expected = keen / keen.sum()
    seen = np.bincount(np.searchsorted(start, picks), minlength=start.size) / picks.size
    assert abs((seen - expected)[keen > 1].sum()) < 0.03  # the keen are chosen as often as their weight says
    assert (keen > 1).any() and (keen == 1).any()
