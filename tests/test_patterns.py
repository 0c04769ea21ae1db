"""The eight patterns of sim/ODD.md (section 1), each a seeded comparison on common random numbers over several
replicates.

Each pattern is a function that returns its checks by name (the direction, and where the ODD says so the timing,
of an effect). `test_pattern_holds` asserts every check; `test_pattern_needs_its_mechanism` switches the pattern's
mechanism off (KNOCKOUTS) and asserts that the pattern's main check (MAIN) then fails: a knockout must remove the
mechanism the pattern claims, not make a side check false by definition, and a check that cannot fail proves
nothing.
The base seed comes from the environment variable PATTERN_SEED (default: the model's default seed), so the
patterns can be checked on any seed.
"""

import os

import numpy as np
import pytest
from helpers import mean_of, runs

from sim.params import PolicyConfig, RunConfig
from sim.schema import SETTLING

SEED = int(os.environ.get("PATTERN_SEED", RunConfig.seed))
A = ("community=austerlitz", f"run.seed={SEED}")
Q = 13  # weeks in a quarter
CENTRE = PolicyConfig.volunteer_centre_coordination  # coordination without a cooperative


def series(results, column: str) -> np.ndarray:
    """Mean over replicates of a time-series column."""
    return np.mean([ts[column].to_numpy(dtype=float) for ts, _ in results], axis=0)


def pattern_1(*off: str) -> dict[str, bool]:
    """With a cooperative: fewer admissions, lower public cost, but a higher municipal cost (the wrong pocket).
    The same village keeping its cooperative and losing it (from the same warm-up, so that everything the
    cooperative does can be taken away). Its knockout keeps the cooperative on paper but takes away what it does: no
    supporters, meals or members, and the village without it keeps the same volunteers matched the same way."""
    coop = runs((*A, "run.years=8", *off), 3)
    none = runs((*A, "run.years=8", "policy=no_cooperative", *off), 3)
    return {
        "fewer admissions": mean_of(coop, "nursing_home_admissions_total")
        < mean_of(none, "nursing_home_admissions_total"),
        "lower public cost": mean_of(coop, "cost_public_eur_per_year") < mean_of(none, "cost_public_eur_per_year"),
        "municipality pays more": mean_of(coop, "cost_wmo_eur_per_year") > mean_of(none, "cost_wmo_eur_per_year"),
    }


def pattern_2(*off: str) -> dict[str, bool]:
    """A provider switch lowers continuity; hidden need rises for a while after it, then recovers. The same tender with
    the incumbent losing and winning, so only the switch differs; its knockout lets the new provider take over the
    whole team with its relationships (the switch still happens)."""
    tender = ("policy=tendering", "policy.tender_period_years=2", "run.years=4", *A)
    switch_runs = runs((*tender, "policy.incumbent_win_prob=0", *off), 4)
    stay = runs((*tender, "policy.incumbent_win_prob=1", *off), 4)
    switches = np.flatnonzero(series(switch_runs, "provider_switches"))
    switch = int(switches[0]) if switches.size else 2 * 52  # the same week in every replicate
    gap = series(switch_runs, "n_hidden_need") - series(stay, "n_hidden_need")
    after, later = gap[switch:switch + 3 * Q].mean(), gap[switch + 5 * Q:switch + 8 * Q].mean()
    return {
        "a provider switch": switches.size > 0,
        "lower continuity": mean_of(switch_runs, "mean_relational_continuity") < mean_of(stay,
                                                                                         "mean_relational_continuity"),
        "hidden need rises after the switch": after > 0,  # the new team knows nobody ...
        "then recovers": later < after,  # ... until it gets to know people
    }


def pattern_3(*off: str) -> dict[str, bool]:
    """An unrenewed grant: the cooperative's coordination stops (a generic volunteer centre's is all that is left), the
    volunteer pool shrinks, unmet need rises within two years. Its knockout lets the grant end but makes coordination
    do nothing for volunteers (their strain, quitting and recruiting through others do not depend on it)."""
    grant = runs((*A, "policy=project_grant", "policy.grant_years=1", "policy.grant_renewal_prob=0", "run.years=3",
                  *off), 4)
    subsidy = runs((*A, "run.years=3", *off), 4)
    end = 52  # the grant ends at the start of year 1
    unmet_g, unmet_s = series(grant, "unmet_social_hours"), series(subsidy, "unmet_social_hours")
    return {
        "supporters gone": series(grant, "supporter_hours")[end + 1:].max() == 0,
        "only the volunteer centre coordinates": series(grant, "coordination")[end + 1:].max() <= CENTRE
        < series(subsidy, "coordination")[end + 1:].mean(),
        "pool shrinks": mean_of(grant, "volunteers_active_end") < 0.8 * mean_of(subsidy, "volunteers_active_end"),
        "unmet need rises": unmet_g[end + 52:end + 104].mean() > unmet_s[end + 52:end + 104].mean(),
    }


CUT = ("scenario.fade_per_year=0.8", "scenario.fade_from_year=1")  # the subsidy for coordination drops to 20%


def pattern_4(*off: str) -> dict[str, bool]:
    """Cutting coordination shrinks the volunteer pool and raises unmet need, with a lag. The pattern's "raises
    burnout" is not claimed: the supporters the cut takes away also route requests to volunteers, so the volunteers
    left give about half the hours (1.36 against 0.74 a week each, base seed 4) and their strain falls, although what
    a coordinator took back now weighs on them. Burnouts per volunteer-year came out 0.98-1.17 times the uncut
    village's on base seeds 1-8 (8-12 replicates each), none of them outside the noise, and mean strain 0.73-0.81 times."""
    after = runs((*A, *CUT, "run.years=3", *off), 4)
    before = runs((*A, "run.years=3", *off), 4)
    start = 52
    gap = series(after, "unmet_social_hours") - series(before, "unmet_social_hours")

    return {
        "the pool shrinks": mean_of(after, "volunteers_active_end") < 0.9 * mean_of(before, "volunteers_active_end"),
        "more unmet need": gap[start + 52:].mean() > 0,
        "with a lag": gap[start + 52:].mean() > gap[start:start + Q].mean(),  # worse a year on than at once
    }


def pattern_5(*off: str) -> dict[str, bool]:
    """Shared meals lower shyness and loneliness. Loneliness is the mean score of the 65+, whom the meals are for: a
    weekly meal for a few dozen guests moves the lonely share of all adults by less than the noise, although it
    lowers its guests' scores. The ODD adds that requests come earlier (at lighter need); at the calibrated meal
    size the mean need level at a self-made request differs by less than its noise, in either direction from seed
    to seed (1.36 against 1.32, 1.41 against 1.40 on base seeds 4 and 6), so that part is not claimed."""
    meals = runs((*A, "run.years=3", *off), 10)
    no_meals = runs((*A, "run.years=3", "meals.per_week=0", *off), 10)
    return {
        "less shyness": mean_of(meals, "mean_shyness") < mean_of(no_meals, "mean_shyness") - 0.005,
        "less loneliness": mean_of(meals, "mean_loneliness_65plus")
        < mean_of(no_meals, "mean_loneliness_65plus") - 0.02,
    }


def pattern_6(*off: str) -> dict[str, bool]:
    """Volunteer burnout has a tipping point: lower weekly capacity means more load per volunteer for the same need,
    and the same 1.5 hours less costs little at light load but empties the pool past the threshold. Collapse means
    losing three quarters of today's pool: people who volunteer of their own accord (11 per 1,000 adults a year) keep
    a residual pool of 20-30 who last a year or so each. Near the threshold the pool either holds or collapses (at 3
    hours a week, base seed 7: 0.89, 0.13, 0.99, 0.17, 1.05 and 0.47 of it kept), so the threshold lies near 3 hours
    and moves with the seed: the steep step is 4.5 to 3 hours on some seeds and 3 to 1.5 on others. The check takes
    the steeper of the two, not a fixed one (fixed at 3 to 1.5, it failed on base seeds 7 and 4 of ten)."""
    def kept(capacity):  # share of the preset's 112 volunteers active after warm-up + 4 years
        return mean_of(runs((*A, "run.years=4", f"volunteers.capacity_hours={capacity}", *off), 4),
                       "volunteers_active_end") / 112

    return {
        "the pool holds at today's load": kept(4) > 0.5,
        "the pool collapses past the threshold": kept(1.5) < 0.25 * kept(4),
        "the same 1.5 h less costs far more past it": max(kept(4.5) - kept(3), kept(3) - kept(1.5))
        > 3 * (kept(6) - kept(4.5)),
    }


OLDER = ("community.n_65plus=700", "community.n_adults=1900", "community.n_residents=2200")  # 300 more aged 65+


def pattern_7(*off: str) -> dict[str, bool]:
    """Ageing raises need faster than volunteer supply, and the pool shrinks: the same village with 300 more people
    aged 65+ and the same younger adults, so that a smaller pool cannot come from fewer people to recruit. In the
    model three routes take volunteers away as need grows: each carries more need and strain and more burn out or quit
    (load); the supporters have less time left to coordinate, so fewer are recruited through others and more quit
    without support (coordination); and volunteers age too, stopping when old or frail. Its knockout removes all
    three. Over three years the third is the smallest: the older village kept 0.15-0.43 of the younger's pool with
    every route, 0.23-0.60 with volunteers' own ageing off, 0.76-0.93 with load off, and 1.03-1.14 with all three off
    (base seeds 1-10, 3 replicates each; it has 19% more adults)."""
    young = runs((*A, "run.years=3", *off), 3)
    old = runs((*A, "run.years=3", *OLDER, *off), 3)
    need_factor = series(old, "need_hours")[-52:].mean() / series(young, "need_hours")[-52:].mean()
    pool = "n_volunteers_active"
    volunteer_factor = series(old, pool)[-52:].mean() / series(young, pool)[-52:].mean()
    return {
        "need grows": need_factor > 1.2,
        "faster than the volunteer pool": need_factor > volunteer_factor,
        "the pool shrinks": volunteer_factor < 0.9,
    }


def pattern_8(*off: str) -> dict[str, bool]:
    """A pooled budget raises Wmo spending and lowers Wlz spending by more."""
    pooled = runs((*A, "policy=pooled_budget", "run.years=4", *off), 4)
    subsidy = runs((*A, "run.years=4", *off), 4)
    more_wmo = mean_of(pooled, "cost_wmo_eur_per_year") - mean_of(subsidy, "cost_wmo_eur_per_year")
    less_wlz = mean_of(subsidy, "cost_wlz_eur_per_year") - mean_of(pooled, "cost_wlz_eur_per_year")
    return {"Wmo pays more": more_wmo > 0, "Wlz saves more than that": less_wlz > more_wmo}


PATTERNS = {1: pattern_1, 2: pattern_2, 3: pattern_3, 4: pattern_4, 5: pattern_5, 6: pattern_6, 7: pattern_7,
            8: pattern_8}
KNOCKOUTS = {  # each pattern's mechanism, switched off
    1: ("community.n_supporters=0", "meals.per_week=0", "community.n_members=0",
        "policy.off=[volunteer_centre]"),  # a cooperative that does nothing: no supporters, meals or members; the
    # village without one keeps the same volunteers, matched alike
    2: ("policy.staff_taken_over=1",),  # the switch happens, but the new provider keeps the team and its relationships
    3: ("volunteers.coordination_relief=0", "volunteers.quit_no_support_multiplier=0",
        "volunteers.recruit_per_volunteer_per_year=0"),  # the grant ends, but coordination does nothing for volunteers
    4: ("volunteers.coordination_relief=0", "volunteers.quit_no_support_multiplier=0",
        "volunteers.recruit_per_volunteer_per_year=0",
        "volunteers.overask_share=0"),  # coordination does nothing for volunteers: no pull beyond the role to take back,
    # no quitting without support, no recruiting through others
    5: ("meals.shyness_drop=0", "meals.loneliness_drop=0", "meals.tie_prob=0"),  # meals change nobody
    6: ("volunteers.strain_per_year=0.3",),  # load hardly strains: no threshold within reach
    7: ("volunteers.age_out=200", "volunteers.stop_at_level=5", "volunteers.strain_per_year=0",
        "volunteers.quit_no_support_multiplier=0", "volunteers.recruit_per_volunteer_per_year=0"),  # no route by which
    # ageing takes volunteers away: none ages out or grows too frail, load does not strain, coordination does nothing
    8: ("policy.off=[coach_prevention,day_care]",),  # the coach neither prevents nor buys day care
}
MAIN = {  # the check each pattern stands or falls by: its knockout must make this one fail
    1: "lower public cost", 2: "hidden need rises after the switch", 3: "pool shrinks", 4: "the pool shrinks",
    5: "less loneliness", 6: "the pool collapses past the threshold", 7: "the pool shrinks",
    8: "Wlz saves more than that",
}


@pytest.mark.parametrize("number", PATTERNS)
def test_pattern_holds(number):
    checks = PATTERNS[number]()
    assert all(checks.values()), f"pattern {number} (seed {SEED}): {checks}"


@pytest.mark.parametrize("number", PATTERNS)
def test_pattern_needs_its_mechanism(number):
    checks = PATTERNS[number](*KNOCKOUTS[number])
    failed = not checks[MAIN[number]]
    assert failed, f"pattern {number} holds with {KNOCKOUTS[number]} (seed {SEED}): {checks}"




SHRINK_WITH_AGE = ("n_volunteers_active",)  # ageing shrinks the pool (pattern 7): more load, less coordination, age


def test_no_headline_output_drifts_beyond_what_ageing_explains():
    """Under constant conditions (the status quo, pattern 1's runs) the mean of years 7-8 over that of years 1-2 of
    each headline stock stays within what the growth of the 65+ explains, give or take 15%, in the direction ageing
    moves it: up for care and cost, down for the volunteer pool. The nursing homes used to start with a stock their
    rates could not keep: it fell by a third in eight years (0.66), and total cost with it. The volunteers used to start
    unstrained and older than their recruits: the pool fell fastest in its first years (0.83 over these years)."""
    coop = runs((*A, "run.years=8"), 3)  # pattern 1's runs, shared
    early, late = slice(0, 2 * 52), slice(6 * 52, 8 * 52)
    ageing = series(coop, "n_65plus")[late].mean() / series(coop, "n_65plus")[early].mean()
    drift = {name: series(coop, name)[late].mean() / series(coop, name)[early].mean() for name in SETTLING}
    explained = {name: 1 / ageing if name in SHRINK_WITH_AGE else ageing for name in SETTLING}
    assert all(0.85 * min(1, explained[n]) <= d <= 1.15 * max(1, explained[n]) for n, d in drift.items()), \
        (ageing, drift)
