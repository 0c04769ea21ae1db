"""The eight patterns of MODEL.md, each a seeded comparison on common random numbers over several replicates.

Each asserts the direction (and where MODEL.md says so, the timing) of an effect. Checked by hand that
they fail with their mechanism switched off: 2 with policy.incumbent_win_prob=1 (no switch); 3 with
policy.grant_renewal_prob=1; 4 with volunteers.coordination_relief=0, quit_no_support_multiplier=0 and
recruit_per_volunteer_per_year=0; 5 with help.meal_shyness_drop, meal_loneliness_drop and meal_tie_prob 0;
6 with volunteers.strain_per_year=0.3; 8 with policy.coach_admission_reduction=0 and
day_care_hours_per_half_day=0.
"""

import numpy as np
from helpers import mean_of, runs

A = ("community=austerlitz",)
Q = 13  # weeks in a quarter


def series(results, column: str) -> np.ndarray:
    """Mean over replicates of a time-series column."""
    return np.mean([ts[column].to_numpy(dtype=float) for ts, _ in results], axis=0)


def test_1_cooperative_fewer_admissions_lower_public_cost_higher_municipal_cost():
    """The same village with its cooperative, and never having had one (no cooperative in the warm-up either)."""
    coop = runs((*A, "run.years=8"), 3)
    none = runs((*A, "run.years=8", "policy=no_cooperative", "community.status_quo_policy=no_cooperative"), 3)
    assert mean_of(coop, "nursing_home_admissions") < mean_of(none, "nursing_home_admissions")
    assert mean_of(coop, "cost_public_eur_per_year") < mean_of(none, "cost_public_eur_per_year")
    assert mean_of(coop, "cost_wmo_eur_per_year") > mean_of(none, "cost_wmo_eur_per_year")  # the wrong pocket


TENDER = (*A, "policy=tendering", "policy.incumbent_win_prob=0", "policy.tender_period_years=2", "run.years=4")


def test_2_tender_switch_lowers_continuity_and_hidden_need_rises_then_recovers():
    tender = runs(TENDER, 4)
    subsidy = runs((*A, "run.years=4"), 4)
    assert mean_of(tender, "mean_relational_continuity") < mean_of(subsidy, "mean_relational_continuity")
    switch = int(np.flatnonzero(series(tender, "provider_switches"))[0])  # the same week in every replicate
    hidden = series(tender, "n_hidden_need")
    before, after = hidden[switch - Q:switch], hidden[switch:switch + 3 * Q]
    later = hidden[switch + 5 * Q:switch + 8 * Q]
    assert after.mean() > before.mean()  # rises for a while (the new team knows nobody) ...
    assert later.mean() < after.mean()  # ... before it recovers as the team gets to know people


def test_3_unrenewed_grant_stops_coordination_shrinks_pool_raises_unmet_within_two_years():
    grant = runs((*A, "policy=project_grant", "policy.grant_years=1", "policy.grant_renewal_prob=0", "run.years=3"), 4)
    subsidy = runs((*A, "run.years=3"), 4)
    end = 52  # the grant ends at the start of year 1
    assert series(grant, "supporter_hours")[end + 1:].max() == 0
    assert series(grant, "coordination")[end + 1:].mean() < 0.5 * series(subsidy, "coordination")[end + 1:].mean()
    assert mean_of(grant, "volunteers_active_end") < 0.8 * mean_of(subsidy, "volunteers_active_end")
    unmet_g, unmet_s = series(grant, "unmet_social_hours"), series(subsidy, "unmet_social_hours")
    assert unmet_g[end + 52:end + 104].mean() > unmet_s[end + 52:end + 104].mean()


def test_4_cutting_coordination_raises_burnout_and_unmet_need_with_a_lag():
    cut = ("scenario.fade_per_year=0.8", "scenario.fade_from_year=1")  # the subsidy for coordination drops to 20%
    after = runs((*A, *cut, "run.years=3"), 4)
    before = runs((*A, "run.years=3"), 4)
    start = 52
    burn_cut, burn_base = series(after, "volunteer_burnouts"), series(before, "volunteer_burnouts")
    assert burn_cut[start:].sum() > 1.5 * burn_base[start:].sum()
    gap = series(after, "unmet_social_hours") - series(before, "unmet_social_hours")
    assert gap[start + 52:].mean() > 0
    assert gap[start + 52:].mean() > gap[start:start + Q].mean()  # the lag: worse a year on than at once


def test_5_meals_lower_shyness_and_loneliness_and_bring_requests_earlier():
    meals = runs((*A, "run.years=3"), 10)
    no_meals = runs((*A, "run.years=3", "help.meal_days_per_week=0"), 10)
    assert mean_of(meals, "mean_shyness") < mean_of(no_meals, "mean_shyness")
    assert mean_of(meals, "mean_lonely_share") < mean_of(no_meals, "mean_lonely_share")

    def level_at_request(results):
        requests = sum(ts["help_requests"].sum() for ts, _ in results)
        levels = sum((ts["mean_level_at_request"].fillna(0) * ts["help_requests"]).sum() for ts, _ in results)
        return levels / requests

    assert level_at_request(meals) < level_at_request(no_meals)


def test_6_volunteer_burnout_has_a_tipping_point():
    """Lower weekly capacity per volunteer = higher load per volunteer for the same demand."""
    def kept(capacity):  # share of the preset's 112 volunteers active after warm-up + 4 years
        results = runs((*A, "run.years=4", f"volunteers.capacity_hours={capacity}"), 2)
        return mean_of(results, "volunteers_active_end") / 112

    light, medium, heavy = kept(6), kept(4), kept(2)
    assert medium > 0.5 and heavy < 0.15  # beyond the threshold the pool collapses
    assert (medium - heavy) > 3 * (light - medium)  # the same 2 h less costs far more past the threshold


def test_7_ageing_raises_need_faster_than_volunteer_supply():
    """The same village with 300 more people aged 65+ among its adults: need grows by a larger factor than
    the volunteer pool, because older residents volunteer less and volunteers age out."""
    young = runs((*A, "run.years=3"), 3)
    old = runs((*A, "run.years=3", "community.n_65plus=700"), 3)
    need_factor = series(old, "need_hours")[-52:].mean() / series(young, "need_hours")[-52:].mean()
    pool = "n_volunteers_active"
    volunteer_factor = series(old, pool)[-52:].mean() / series(young, pool)[-52:].mean()
    assert need_factor > 1.2 and need_factor > volunteer_factor
    assert sum(ts["volunteers_aged_out"].sum() for ts, _ in old) > 0  # volunteers age (and become frail) too


def test_8_pooled_budget_raises_wmo_and_lowers_wlz_by_more():
    pooled = runs((*A, "policy=pooled_budget", "run.years=4"), 4)
    subsidy = runs((*A, "run.years=4"), 4)
    more_wmo = mean_of(pooled, "cost_wmo_eur_per_year") - mean_of(subsidy, "cost_wmo_eur_per_year")
    less_wlz = mean_of(subsidy, "cost_wlz_eur_per_year") - mean_of(pooled, "cost_wlz_eur_per_year")
    assert more_wmo > 0 and less_wlz > more_wmo
