"""Every parameter of the model once: typed dataclasses that are the defaults and the Hydra schema.

Each field says its meaning, unit and source in a comment. "Assumption" marks values that no
report gives; they are the first knobs to vary in a sensitivity study. Rates are per year and
money is in euros (2022 prices, Kostenhandleiding 2024) unless the name says otherwise.
Validation metadata (`count`, `share`, `nonneg`, ..., `per_level` for lists) lets sim/validation.py reject bad
input by key; `most` is a limit that keeps a run within hours of CPU and the memory of a laptop. `acts` says where
a parameter can act at all (under which funding arrangements, from when, and whether another setting must be on):
sim/cautions.py warns before a run whose setting could not act in it, and tests/test_cautions.py checks each
declaration with a negative control (changing a parameter where it is declared inert leaves the run identical).
"""

from dataclasses import dataclass, field
from typing import Any

from .mechanisms import EXPLAINED_POLICIES
from .mechanisms import NAMES as MECHANISM_NAMES
from .schema import PAYER_NAMES, WMO

POLICIES = ("no_cooperative", "subsidy", "lump_sum", "tendering", "project_grant", "pooled_budget")
STATUS_QUO = "status_quo"  # as a policy: whatever the community has now (community.status_quo_policy)
COOPERATIVES = tuple(p for p in POLICIES if p != "no_cooperative")  # a cooperative with supporters and volunteers
INDICATION = ("no_cooperative", "subsidy", "tendering", "project_grant")  # Wmo help after an indication at the counter
FADING = ("subsidy", "pooled_budget")  # a municipal contribution that fades as the initiative matures (sim/policies.py)
FUND_PAID = ("project_grant",)  # the arrangements a temporary fund pays for
PHASES = ("running", "after", "start")  # see acts()


def acts(*policies: str, phase: str = "running", needs: str = "") -> dict:
    """Where a parameter can act: under these arrangements (all when none are named) and in this phase: "running"
    (whenever the arrangement runs, the warm-up's status quo included), "after" (only after the switch to the
    run's policy: tenders, grant ends, cuts and fading count from there), "start" (when the first arrangement sets
    up the community); `needs`: a setting of the same section that must be > 0 for this one to act."""
    return {"acts": {"policies": policies or POLICIES, "phase": phase, "needs": needs}}


def _meta(check: str, assumed: tuple[float, float] | None, most: float | None = None, where: dict | None = None,
          group: str = "") -> dict:
    """Validation kind and upper limit, for an assumption the range it could plausibly take (for calibration and
    sensitivity), where it can act (acts()), and for a policy parameter the group the sensitivity screening moves it
    in (`group`: the arrangement it acts in; other parameters are screened in their section's group)."""
    return {"check": check, "most": most} | ({"assumed": assumed} if assumed else {}) | (where or {}) | \
        ({"group": group} if group else {})


def count(default: int, assumed: tuple[float, float] | None = None, most: int | None = None) -> Any:
    """A whole number >= 0 (and <= `most`, where one is given)."""
    return field(default=default, metadata=_meta("count", assumed, most))


def share(default: float, assumed: tuple[float, float] | None = None, where: dict | None = None, group: str = "") -> Any:
    """A fraction in [0, 1]."""
    return field(default=default, metadata=_meta("share", assumed, where=where, group=group))


def nonneg(default: float, assumed: tuple[float, float] | None = None, most: float | None = None,
           where: dict | None = None, group: str = "") -> Any:
    """A quantity >= 0 (hours, euros, rates per year), and <= `most` where one is given."""
    return field(default=default, metadata=_meta("nonneg", assumed, most, where, group))


def positive(default: float, assumed: tuple[float, float] | None = None, most: float | None = None,
             where: dict | None = None) -> Any:
    """A quantity > 0 (and <= `most`, where one is given)."""
    return field(default=default, metadata=_meta("positive", assumed, most, where))


def per_level(default: list[float], check: str, order: str | None = None) -> Any:
    """A list with one value per need level (or cut point), each checked as `check`; `order` is "increasing"
    (strictly) or "rising" (never falling)."""
    return field(default_factory=lambda: list(default),
                 metadata={"check": check, "length": len(default), "order": order})


def choice(default: str, options: tuple[str, ...], where: dict | None = None) -> Any:
    """One of a fixed list of names."""
    return field(default=default, metadata={"check": "choice", "options": options} | (where or {}))


@dataclass
class RunConfig:
    """The run: seed and replicate, horizon, step length, warm-up."""

    seed: int = count(20120101)  # base seed of the study; replicate r uses SeedSequence(seed, spawn_key=(r,))
    replicate: int = count(0)  # replicate number (common random numbers across parameter points)
    years: float = positive(10.0, most=200)  # simulated horizon [years]; the question is about 10-20 years (limit 200: hours of CPU)
    steps_per_year: int = field(default=52, metadata={"check": "positive", "most": 365})  # [steps per year] a step is a week (at most a day)
    warmup_years: float = nonneg(2.0, most=50)  # simulated before recording so the initial state settles (assumption; limit 50)
    start_year: int = 2024  # [calendar year] of step 0, for labels only


@dataclass
class CommunityConfig:
    """The community preset: residents, the cooperative, professionals and money (configs/community/)."""

    name: str = "austerlitz"
    n_residents: int = count(1900, most=1_000_000)  # Austerlitz: 1,900 residents (sim/ODD.md 8.4, presets); limit 1,000,000 (memory)
    n_adults: int = count(1600)  # Austerlitz: 1,600 adults (18+)
    n_65plus: int = count(400)  # Austerlitz: about 400 aged 65+
    residents_per_street: int = field(default=60, metadata={"check": "positive"})  # [people] assumption: a street of ~25 dwellings
    older_couple_share: float = share(0.55)  # share of 65+ living with a partner (assumption, CBS order of size)
    n_members: int = count(520)  # Austerlitz cooperative: 520 adult members
    member_fee_eur: float = nonneg(27.50)  # Austerlitz membership fee per year
    n_volunteers: int = count(112)  # Austerlitz cooperative: 112 volunteers
    n_supporters: int = count(2)  # Austerlitz: 2 village supporters
    supporter_hours_per_week: float = nonneg(10.0)  # each; the EUR 40,000 subsidy buys ~20 h/week (assumption)
    supporter_has_wmo_authority: bool = True  # Austerlitz: the supporter is the Wmo counter in the village
    n_assistants: int = count(0)  # neighbourhood assistants going door to door (Apeldoorn-Zuid)
    assistant_hours_per_week: float = nonneg(26.0)  # Apeldoorn-Zuid: 26 h/week each
    n_nurses: int = count(3)  # district nurses serving the village (assumption: ~1 per 130 aged 65+)
    nurse_hours_per_week: float = nonneg(28.0)  # each (assumption: part-time contracts are the norm)
    n_domestic_workers: int = count(4)  # Wmo domestic-help workers (assumption)
    domestic_hours_per_week: float = nonneg(24.0)  # each (assumption)
    n_counter_staff: int = count(1)  # municipal Wmo consultants handling this area (assumption)
    counter_hours_per_week: float = nonneg(8.0)  # their hours for this area (assumption)
    subsidy_eur_per_year: float = nonneg(40000.0)  # Austerlitz: municipality contributed about EUR 40,000/yr
    other_income_eur_per_year: float = nonneg(10000.0)  # cooperative's donations and local funds (assumption)
    status_quo_policy: str = choice("subsidy", POLICIES)  # how the community is funded now: the warm-up runs under it
    budget_headroom: float = positive(1.15)  # [times] payer budgets = expected spending x this (assumption)


@dataclass
class PolicyConfig:
    """The funding arrangement and what each arrangement's mechanisms need (configs/policy/)."""

    name: str = choice("subsidy", (*POLICIES, STATUS_QUO))  # the funding arrangement (sim/ODD.md 7.2; 8.3); status_quo: the community's own
    coordination_hours_per_volunteer: float = nonneg(0.12, where=acts(*COOPERATIVES), group="volunteers")  # [hours per week] weekly coordination a volunteer needs (assumption; range and evidence: data/policy_assumptions.csv, ~8 h/yr); calibrated to: volunteers, requests solved (designed search, experiments/searches/calibration_refine.yaml)
    indication_weeks: float = nonneg(8.0, where=acts(*INDICATION))  # Wmo 2015 art. 2.3.2: 6 weeks to investigate a request, then 2 to decide an application (range and evidence: data/policy_assumptions.csv)
    indication_cost_eur: float = nonneg(127.0, where=acts(*INDICATION), group="counter")  # one social-work consultation per indication (Kostenhandleiding)
    give_up_per_year: float = nonneg(4.0, where=acts(*INDICATION), group="counter")  # hazard of giving up while waiting at the counter (assumption; range and evidence: data/policy_assumptions.csv: ~40% over 6 weeks)
    tender_period_years: float = positive(4.0, where=acts("tendering", phase="after"))  # framework contracts run at most 4 years (Aanbestedingswet art. 2.140)
    incumbent_win_prob: float = share(0.4, where=acts("tendering", phase="after"), group="tendering")  # bids compete mostly on price; the local incumbent is rarely cheapest (assumption; range and evidence: data/policy_assumptions.csv)
    tender_buyer_cost_eur: float = nonneg(5500.0, where=acts("tendering", phase="after"))  # per procedure, buyer (EC 2011 study)
    tender_bidder_cost_eur: float = nonneg(22500.0, where=acts("tendering", phase="after"))  # per procedure, all bidders (EC 2011 study)
    staff_taken_over: float = share(0.0, where=acts("tendering", phase="after"), group="tendering")  # share of the outgoing team a new provider takes on, with their relationships (assumption: none; the others' relationships all go; range and evidence: data/policy_assumptions.csv)
    subcontract_share: float = share(0.25, where=acts("tendering", phase="after"))  # assistants' hours left to the cooperative as subcontractor (Apeldoorn-Zuid: 3 of the preset's 4 assistants lost; range and evidence: data/policy_assumptions.csv)
    unbilled_work_share: float = share(0.5, where=acts("tendering"), group="tendering")  # share of outreach and volunteer coordination a per-hour contract still gets done (assumption; range and evidence: data/policy_assumptions.csv)
    grant_years: float = positive(3.0, where=acts("project_grant", phase="after"))  # SamenOud's payment titles expired after three years
    grant_renewal_prob: float = share(0.5, where=acts("project_grant", phase="after"), group="project_grant")  # chance a grant is renewed at its end (assumption; range and evidence: data/policy_assumptions.csv)
    word_of_mouth_per_year: float = nonneg(2.0, where=acts("lump_sum"), group="lump_sum")  # hazard of hearing of the new activity places from a tie who has, for a resident 65+ (assumption; range and evidence: data/policy_assumptions.csv)
    lump_sum_extra_activity: float = nonneg(0.5, where=acts("lump_sum"), group="lump_sum")  # [share of today's activity places] extra activity places the area team buys as prevention (assumption; range and evidence: data/policy_assumptions.csv)
    tender_price_cut: float = share(0.03, where=acts("tendering"), group="tendering")  # the winning bid's price below the standard tariff (EC 2011: tendering saves 2.1-4% of contract value; range and evidence: data/policy_assumptions.csv)
    volunteer_centre_coordination: float = share(0.2, group="counter")  # coordination a generic volunteer centre gives (assumption; range and evidence: data/policy_assumptions.csv)
    generic_volunteer_share: float = share(0.5, where=acts("no_cooperative", phase="start"), group="counter")  # volunteers for care without a cooperative, share of preset (assumption; range and evidence: data/policy_assumptions.csv)
    coach_day_care_half_days: float = nonneg(4.0, where=acts("pooled_budget"), group="pooled_budget")  # [half-days per week] most weekly day-care half-days a pooled coach buys a client (assumption; range and evidence: data/policy_assumptions.csv)
    day_care_hours_per_half_day: float = nonneg(4.0, where=acts("pooled_budget"), group="pooled_budget")  # [hours] hours of care in a half-day of day activities (assumption; range and evidence: data/policy_assumptions.csv)
    coach_adaptation_eur: float = nonneg(4000.0, where=acts("pooled_budget"), group="pooled_budget")  # one-off home adaptation per client (assumption; range and evidence: data/policy_assumptions.csv, Wmo order of size)
    coach_admission_reduction: float = share(0.2, where=acts("pooled_budget"), group="pooled_budget")  # fewer admissions of a coached client once trust is built (assumption; range and evidence: data/policy_assumptions.csv: two Dutch trials found no significant effect at 12 months, Dongen reports a delay)
    coach_crisis_reduction: float = share(0.1, where=acts("pooled_budget"), group="pooled_budget")  # fewer crises (falls, hospital) of a coached client once trust is built (assumption; range and evidence: data/policy_assumptions.csv)
    coach_trust_months: float = nonneg(6.0, where=acts("pooled_budget"), group="pooled_budget")  # [months] a coached client's prevention reaches 63% of its size after this long (1 - e^-t/T): trust and a plan take months (assumption; range and evidence: data/policy_assumptions.csv)
    coach_share: float = share(0.25, where=acts("pooled_budget"), group="pooled_budget")  # most of the supporters' hours the coaching may take, the rest for requests and visits (assumption; range and evidence: data/policy_assumptions.csv)
    coach_intake_hours: float = nonneg(3.0, where=acts("pooled_budget"), group="pooled_budget")  # [hours] a coach's intake of a new client: a kitchen-table talk and one support plan (assumption; range and evidence: data/policy_assumptions.csv)
    coach_hours_per_client: float = nonneg(0.25, where=acts("pooled_budget"), group="pooled_budget")  # [hours per week] the coach's follow-up of each client on the caseload (assumption; range and evidence: data/policy_assumptions.csv)
    pool_wmo_weight: float = nonneg(1.0, where=acts("pooled_budget"), group="pooled_budget")  # [weight] what the municipality puts into the pool (the coach's purchases), against the other two: its share is its weight over the three together (assumption: equal thirds; range and evidence: data/policy_assumptions.csv)
    pool_zvw_weight: float = nonneg(1.0, where=acts("pooled_budget"), group="pooled_budget")  # [weight] the same for the health insurer (assumption; range and evidence: data/policy_assumptions.csv)
    pool_wlz_weight: float = nonneg(1.0, where=acts("pooled_budget"), group="pooled_budget")  # [weight] the same for the long-term-care office (assumption; range and evidence: data/policy_assumptions.csv)
    off: list[str] = field(default_factory=list, metadata={"check": "choice", "options": MECHANISM_NAMES} | acts(*EXPLAINED_POLICIES, phase="after"))  # mechanisms of the run's policy switched off (sim/mechanisms.py): all off, a policy acts as the structural subsidy; the explained differences switch each off in turn


@dataclass
class ScenarioConfig:
    """Pressures across policies: funding cuts, fading support, ageing, volunteers, turnover, shyness."""

    name: str = "baseline"
    cut_payer: str = choice(WMO, PAYER_NAMES, where=acts(phase="after", needs="cut_share"))  # which payer's budget is cut
    cut_share: float = share(0.0, where=acts(phase="after"))  # share of the budget removed
    cut_year: float = nonneg(3.0, where=acts(phase="after", needs="cut_share"))  # [years after the switch] from this simulated year on
    fade_per_year: float = share(0.0, where=acts(*FADING, phase="after"))  # [share per year] yearly fall of the municipal contribution as the initiative matures
    fade_from_year: float = nonneg(2.0, where=acts(*FADING, phase="after", needs="fade_per_year"))  # [years after the switch] fading starts in this simulated year
    young_leave_multiplier: float = nonneg(1.0)  # x young adults moving away (double ageing when > 1)
    move_in_multiplier: float = nonneg(1.0)  # x young households moving in
    volunteer_supply_multiplier: float = nonneg(1.0)  # x volunteer recruitment
    staff_turnover_multiplier: float = nonneg(1.0)  # x professional turnover
    shyness_shift: float = field(default=0.0, metadata={"check": "range", "low": -1.0, "high": 1.0})  # [shyness, 0-1 scale] added to shyness


@dataclass
class NetworkParams:
    """The social network: street neighbours, friendships, adult children nearby."""

    street_neighbours: int = count(4, assumed=(2, 6))  # [ties] ties to the nearest neighbours on one's street (assumption)
    street_rewire_prob: float = share(0.1, assumed=(0.05, 0.3))  # share of street ties to someone further along the street (assumption)
    friends_per_adult: int = count(2, assumed=(1, 4))  # [ties] friendships each adult starts (each also receives some) (assumption)
    friend_age_sd: float = nonneg(5.0, assumed=(3, 10))  # [years] age difference of friends, sd in years: age homophily (assumption)
    child_nearby_prob: float = share(0.5, assumed=(0.3, 0.7))  # older residents (55+) with an adult child living in the community (assumption: about half of older Dutch people have a child within a few kilometres)
    child_age_gap: float = nonneg(30.0, assumed=(25, 35))  # age gap between parent and child [years] (assumption)
    child_age_sd: float = positive(5.0, assumed=(3, 8))  # [years] spread of that gap (assumption; was fixed at 5 in the code)


@dataclass
class DemographyParams:
    """Births, young adults leaving and young households moving in."""

    birth_per_year_per_1000: float = nonneg(9.5)  # crude birth rate NL 2022 (CBS)
    young_leave_per_year: float = nonneg(0.06, assumed=(0.03, 0.1))  # 18-29 moving away (assumption, rural out-migration)
    move_in_per_year_per_1000: float = nonneg(12.0, assumed=(6, 20))  # young adults moving in (assumption, keeps size ~stable)


@dataclass
class MortalityParams:
    """Mortality by age (Gompertz), frailty and dementia."""

    gompertz_a: float = nonneg(0.0049)  # [per year] mortality mu(x) = a exp(b (x-60)), fit to CBS 70701ned 2019
    gompertz_b: float = nonneg(0.108)  # [per year of age] same fit
    frailty_log_hr: float = nonneg(4.4)  # [log hazard ratio per unit of frailty index] log hazard ratio per unit FI: ~4.5% per 0.01 (Mitnitski et al. 2005)
    critical_per_year: float = nonneg(0.45, assumed=(0.3, 0.6))  # at least this at critical need at home, whatever the age band's average: survival ~2 years (assumption)
    nursing_home_per_year: float = nonneg(0.30, assumed=(0.22, 0.40))  # residents of nursing homes die at this rate: about 752 of about 123,000 residents died a week in early 2020 (CBS), 0.3 a year, a mean stay of about 3 years (derived; winter weeks, so a little high)
    dementia_hr: float = positive(1.9, assumed=(1.5, 3.0))  # [times] x mortality with dementia, within the age band (assumption: studies report about 1.5-3); calibrated to: death probabilities 85-89 and 95+, dementia 95+ (designed search, experiments/searches/calibration_refine.yaml)


@dataclass
class FrailtyParams:
    """The frailty index: its level at 65, its growth, what speeds or slows it."""

    at_65: float = positive(0.10)  # [frailty index] mean frailty index at 65 (Mitnitski & Rockwood FI studies)
    gradient_per_year: float = nonneg(0.035)  # [log frailty index per year of age] cross-sectional log-FI rise per year of age (Mitnitski et al.: ~3-4%/yr)
    growth_per_year: float = nonneg(0.032, assumed=(0.03, 0.045))  # [log frailty index per year] individual log-FI growth of the lasting part: below the cross-sectional gradient of 0.035-0.037 (Mitnitski et al.), since episodes now carry part of the limitation that rises with age; unmet need and dementia add to it, activity slows it; calibrated to: ADL and IADL at home, ADL recovery 75-84, nursing-home share 75+ (designed search, experiments/searches/episodes.yaml then episodes_refine.yaml, Austerlitz fit rows, 4 seeds x 5 years: 15 of 15)
    proneness_log_sd: float = nonneg(0.2, assumed=(0.1, 0.4))  # [log scale] spread of the personal pace of frailty growth (assumption)
    log_sd: float = positive(0.6, assumed=(0.4, 0.8))  # [log scale] heterogeneity of log FI at a given age (assumption, calibrated to CBS 85454NED)
    unmet_growth_multiplier: float = nonneg(1.5, assumed=(0.5, 3.0))  # growth x (1 + this x unmet share) (Silverman: past unmet need)
    activity_growth_reduction: float = share(0.3, assumed=(0.1, 0.5))  # exercise/fall prevention slows growth by this share (assumption)
    dementia_growth_multiplier: float = nonneg(1.5, assumed=(1.0, 2.0))  # frailty grows faster with dementia (assumption)
    settle_unmet_fraction: list[float] = per_level([0.02, 0.27, 0.29, 0.32, 0.35], "share")  # [share] by lasting need level: the unmet fraction the status quo leaves people 55+ at home; for settling the initial state only (measured: Austerlitz, years 2-6 after the warm-up, seed 1)
    settle_active_share: list[float] = per_level([0.26, 0.37, 0.37, 0.30, 0.0], "share")  # [share] by lasting need level: those 55+ at home in an activity at the status quo; for settling the initial state only (same measurement)


@dataclass
class EpisodeParams:
    """Episodes of limitation: an illness or injury that limits daily activities for a while, and recovery."""

    per_year_at_65: float = nonneg(0.15, assumed=(0.05, 0.3))  # [per year] hazard of an episode at the frailty index of an average 65-year-old (frailty.at_65), in proportion to one's lasting frailty (assumption); calibrated to: ADL and IADL at home, ADL recovery 75-84, nursing-home share 75+ (designed search, experiments/searches/episodes.yaml then episodes_refine.yaml, Austerlitz fit rows, 4 seeds x 5 years: 15 of 15)
    frailty_added: float = nonneg(0.13, assumed=(0.05, 0.15))  # [frailty index] deficits an episode adds while it lasts (assumption: 3-5 of the 30-40 deficits of a frailty index); calibrated to: ADL and IADL at home, ADL recovery 75-84, nursing-home share 75+ (designed search, experiments/searches/episodes.yaml then episodes_refine.yaml, Austerlitz fit rows, 4 seeds x 5 years: 15 of 15)
    recovery_per_year: float = nonneg(2.45, assumed=(1.5, 4.0))  # [per year] episodes end at this rate, after 4.9 months on average: 81% of newly disabled people 70+ regained independent ADL function, after a mean of 4.9 months (Hardy & Gill 2005, monthly interviews)


@dataclass
class DementiaParams:
    """Dementia onset by age and what it does to need."""

    onset_at_57: float = nonneg(0.001)  # [per year] onset hazard at 57.5, doubling every 5 years (Ott et al. 1995)
    doubling_years: float = positive(5.0)  # same source
    max_onset_per_year: float = nonneg(0.07, assumed=(0.05, 0.12))  # the doubling stops here, from about age 90 (assumption: incidence levels off at the oldest ages, Jorm & Jolley 1998); calibrated to: dementia 80+ and 95+ (designed search, experiments/searches/calibration_refine.yaml)
    level_bump: int = count(1)  # [need levels] dementia raises the need level by this many steps (assumption)


@dataclass
class CrisisParams:
    """Falls and hospital stays: how often, what they cost the body and the insurer."""

    per_year_by_level: list[float] = per_level([0.02, 0.15, 0.3, 0.5, 0.8], "nonneg")  # [per year] falls/hospital by need level (assumption)
    unmet_multiplier: float = nonneg(2.0, assumed=(1, 4))  # crisis hazard x (1 + this x unmet share) (assumption)
    frailty_jump: float = nonneg(0.03, assumed=(0.01, 0.06))  # [frailty index] FI added by a crisis, most of it for a while (assumption)
    lasting_share: float = share(0.3, assumed=(0.1, 0.6))  # share of the jump that stays; the rest recovers (assumption: reablement after a fall or a stay)
    recovery_per_year: float = nonneg(3.0, assumed=(1, 6))  # the acute part wanes at this rate: about half in three months (assumption)
    hospital_days: float = nonneg(5.0, assumed=(3, 8))  # [days] inpatient days per crisis (assumption, NL mean stay ~5 d)


@dataclass
class NeedParams:
    """Care need from frailty: levels, hours a week, and their split over kinds of care."""

    level_thresholds: list[float] = per_level([0.21, 0.24, 0.33, 0.45], "share", "increasing")  # [frailty index] FI cut points for low..critical (calibrated to CBS IADL/ADL)
    hours_by_level: list[float] = per_level([0.0, 8.0, 16.0, 32.0, 80.0], "week_hours", "rising")  # [hours per week] Silverman et al. 2013
    social_share: list[float] = per_level([0.0, 0.6, 0.4, 0.25, 0.12], "share")  # transport, meals, chores, company (assumption)
    domestic_share: list[float] = per_level([0.0, 0.4, 0.3, 0.2, 0.08], "share")  # domestic help (assumption)
    personal_share: list[float] = per_level([0.0, 0.0, 0.3, 0.45, 0.3], "share")  # personal & nursing care (assumption)
    # round-the-clock care is the remainder of each level's hours


@dataclass
class CareParams:
    """Round-the-clock care at home, nursing-home admission, the insurer's ceiling."""

    wlz_home_limit_hours: float = nonneg(25.0, assumed=(15, 35))  # [hours per week] Wlz care at home per week before a home is cheaper (assumption)
    admission_per_year_critical: float = nonneg(0.28, assumed=(0.17, 0.67))  # [per year] nursing-home admission hazard at lasting critical need (assumption: 0.5 when residents died at the critical rate 0.45, rescaled by 0.30 / 0.45 to 0.33 when they came to die at the CBS rate); calibrated to: ADL and IADL at home, ADL recovery 75-84, nursing-home share 75+ (designed search, experiments/searches/episodes.yaml then episodes_refine.yaml, Austerlitz fit rows, 4 seeds x 5 years: 15 of 15)
    admission_per_year_unmet: float = nonneg(1.0, assumed=(0.33, 2.0))  # [per year] extra hazard x unmet share at substantial+ need (assumption: 1.5 rescaled by 0.30 / 0.45 as the critical hazard)
    admission_min_age: float = nonneg(65.0)  # [years of age] nursing homes are for older people; younger people at critical need get other Wlz care (assumption)
    zvw_ceiling_growth: float = nonneg(0.02, assumed=(0.0, 0.05))  # [share per year] the insurer's yearly ceiling for district nursing: last year's spending x (1 + this) (assumption: contract ceilings, the cause of Austerlitz's 2016 client stop)


@dataclass
class HelpParams:
    """Help-seeking shyness and asking for help."""

    shyness_mean: float = share(0.55, assumed=(0.4, 0.75))  # mean help-seeking shyness (assumption); calibrated to: 55+ who get no help but want it (designed search, experiments/searches/calibration_refine.yaml)
    shyness_concentration: float = positive(6.0, assumed=(3, 12))  # [Beta concentration] Beta concentration of shyness (assumption)
    ask_per_year: float = nonneg(5.5, assumed=(2, 10))  # asking hazard of an unshy person with full unmet need (assumption); calibrated to: 55+ who get no help but want it, Wmo household help (designed search, experiments/searches/calibration_refine.yaml; re-fitted (experiments/searches/volunteers.yaml, 16 rows x 4 seeds x 10 years, Austerlitz fit rows: 15 of 15; the row nearest the earlier values): with episodes more people have a new need while the counter's procedure runs)
    trust_multiplier: float = nonneg(2.0, assumed=(1.2, 3.0))  # x asking when one knows a supporter, volunteer or member (sim/ODD.md 8.2, mechanism 3)
    urgent_unmet_hours: float = positive(16.0, assumed=(8, 32))  # [hours per week] unmet hours/week at which asking feels fully urgent (assumption)
    give_up_shyness_rise: float = share(0.1, assumed=(0.02, 0.2))  # shyness added by giving up at the counter (assumption)
    refusal_shyness_rise: float = share(0.1, assumed=(0.02, 0.2))  # shyness added by being refused at a client stop (assumption)
    loss_shyness_rise: float = share(0.1, assumed=(0.02, 0.2))  # shyness added by losing the only worker one knew (assumption)
    shyness_drift_per_year: float = nonneg(0.5, assumed=(0.2, 1.5))  # pull of shyness back to one's own: a visit's or a bad experience's effect halves in about 1.4 years (assumption)


@dataclass
class OutreachParams:
    """Home visits by supporters and neighbourhood assistants that find hidden need."""

    supporter_share: float = share(0.4, assumed=(0.2, 0.6))  # share of supporter hours for home visits, rest triage/coordination (assumption)
    assistant_share: float = share(0.7, assumed=(0.5, 0.9))  # neighbourhood assistants spend most hours at the door (assumption)
    visits_per_hour: float = nonneg(0.8, assumed=(0.5, 1.2))  # [visits per hour] home visits per outreach hour incl. travel (assumption)
    min_age: float = nonneg(70.0)  # [years of age] the supporter visits residents of this age and over (Austerlitz)
    detect_prob: float = share(0.8, assumed=(0.5, 0.95))  # a visit by someone known finds hidden need with this probability (assumption)
    stranger_detect_factor: float = share(0.5, assumed=(0.3, 0.8))  # people open up less to a visitor they do not know yet (assumption)
    shyness_drop: float = share(0.05, assumed=(0.01, 0.1))  # [share of shyness per visit] shyness lost per visit (assumption)


@dataclass
class TriageParams:
    """Handling requests: the handler's time per request."""

    handling_hours_per_request: float = positive(1.5, assumed=(0.75, 3.0))  # [hours] handler time per request (assumption)


@dataclass
class PracticalParams:
    """Practical questions (a ride, an odd job, paperwork, company) that volunteers answer."""

    per_year_65plus: float = nonneg(0.9, assumed=(0.5, 3.0))  # [per resident 65+ per year] practical questions (a ride, an odd job, paperwork, company) per resident 65+ a year (assumption); calibrated to: requests solved (designed search, experiments/searches/calibration_refine.yaml)
    per_year_adult: float = nonneg(0.1, assumed=(0.02, 0.3))  # [per adult per year] the same for adults under 65 (assumption)
    alone_multiplier: float = nonneg(1.5, assumed=(1.0, 2.5))  # x for people living alone (assumption)
    need_multiplier: float = nonneg(2.0, assumed=(1.0, 3.0))  # x for people with a care need (assumption)
    hours: float = nonneg(2.0, assumed=(1.0, 4.0))  # [hours per question] volunteer hours one such question takes (assumption)
    handling_hours: float = nonneg(0.5, assumed=(0.25, 1.0))  # [hours per question] supporter's time to take a question and pass it on (assumption)


@dataclass
class MealParams:
    """Shared meals: how often, who comes, what they do to shyness, loneliness and ties."""

    per_week: int = field(default=1, metadata={"check": "range", "low": 0, "high": 7})  # [meals per week] village dinners are typically weekly or fortnightly (sim/ODD.md 8.7; Rotterdam-West's three a week is a city district)
    guests_per_1000_65plus: float = nonneg(75.0, assumed=(50, 100))  # [guests per meal per 1,000 aged 65+] guests per meal per 1,000 residents 65+: a few dozen in a village of ~400 aged 65+ (sim/ODD.md 8.7)
    volunteers_per_meal: int = count(4, assumed=(2, 6))  # [volunteers] volunteers needed per meal (assumption)
    hours_per_volunteer: float = nonneg(3.0, assumed=(2, 4))  # [hours per meal] cooking, serving, clearing up per meal (assumption)
    shy_avoidance: float = share(0.7, assumed=(0.3, 0.9))  # how much shyness keeps people from meals: weight 1 - this x shyness (assumption)
    net_cost_eur: float = nonneg(2.5, assumed=(1, 5))  # cooperative's net cost per meal after guests' contributions (assumption)
    shyness_drop: float = share(0.03, assumed=(0.01, 0.06))  # [share of shyness per meal] share of shyness lost per meal; drifts back (assumption)
    loneliness_drop: float = share(0.005, assumed=(0.002, 0.01))  # [score / 11 per meal] loneliness (De Jong Gierveld / 11) lost per meal; drifts back. A weekly guest ends about 0.1 (one scale point, ~1/3 SD) less lonely (assumption: the order of group interventions' effects)
    tie_prob: float = share(0.05, assumed=(0.02, 0.1))  # chance a meal makes a new tie for a participant (assumption)
    tie_end_per_year: float = nonneg(0.5, assumed=(0.25, 1.0))  # ties made at meals fade unless kept up (assumption)
    member_join_prob: float = share(0.02, assumed=(0.005, 0.05))  # a non-member guest joins the cooperative after a meal (assumption)
    active_weeks: float = nonneg(8.0, assumed=(4, 12))  # a meal/exercise visit keeps a person 'active' this long (assumption)


@dataclass
class LonelinessParams:
    """Loneliness (De Jong Gierveld score / 11): levels by age and what lowers them."""

    at_18: float = share(0.45)  # [share lonely] lonely share: 47% adults, 56% 75+, 66% 85+ (Gezondheidsmonitor 2020)
    at_75: float = share(0.56)  # [share lonely] same
    at_85: float = share(0.66)  # [share lonely] same
    threshold: float = share(3 / 11)  # [score / 11] the score is the De Jong Gierveld scale / 11: lonely from 3 of 11 (the scale's cut-off)
    severe_threshold: float = share(9 / 11)  # [score / 11] severely lonely from 9 of 11 (same)
    drift_per_year: float = nonneg(2.0, assumed=(1, 4))  # pull of the score back to its baseline: an effect halves in about four months (assumption)
    tie_drop: float = share(0.03, assumed=(0.01, 0.06))  # [score / 11 per tie] fall of one's baseline per tie made at an activity, while the tie lasts (assumption)
    company_drop_per_hour_per_year: float = nonneg(0.2, assumed=(0.1, 0.5))  # [score / 11 per year per weekly hour] loneliness lost per year per weekly hour of volunteer company (assumption: 0.005 a week); calibrated to: lonely 75+ and 85+ (designed search, experiments/searches/calibration_refine.yaml)


@dataclass
class CarerParams:
    """Informal carers: who cares, how many hours, strain and collapse."""

    household_hours: float = nonneg(25.0, assumed=(10, 30))  # [hours per week] typical hours/week a partner or household member can give (assumption; heavy carers give 20+); calibrated to: carers 20+, carers giving 8 h or more, mean hours (designed search, experiments/searches/calibration_refine.yaml)
    tie_hours: float = nonneg(7.0, assumed=(2, 10))  # [hours per week] typical hours/week a child/friend can give (assumption; CBS: 12 h average, 36% >= 8 h); calibrated to: carers 20+, carers giving 8 h or more, mean hours (designed search, experiments/searches/calibration_refine.yaml)
    hours_log_sd: float = nonneg(1.0, assumed=(0.3, 1.2))  # [log scale] spread of what carers can give around the typical hours (log-normal; assumption); calibrated to: carers giving 8 h or more (designed search, experiments/searches/calibration_refine.yaml)
    family_care_prob: float = share(0.7, assumed=(0.4, 0.9))  # share of adult children nearby who would become their parent's carer (a stable property of the tie; assumption: children are most carers after partners, CBS); calibrated to: carers 20+ (designed search, experiments/searches/calibration_refine.yaml)
    friend_care_prob: float = share(0.2, assumed=(0.1, 0.5))  # the same for friends (assumption); calibrated to: carers 20+ (designed search, experiments/searches/calibration_refine.yaml)
    neighbour_care_prob: float = share(0.05, assumed=(0.01, 0.15))  # the same for street neighbours and people met at activities (assumption; CBS: about one carer in ten helps a neighbour or friend)
    strain_per_year: float = nonneg(1.0, assumed=(0.6, 2.0))  # strain growth at full load (assumption); calibrated to: carers heavily burdened and overburdened (designed search, experiments/searches/carer_strain.yaml, 1.2); re-fitted to carers heavily burdened alone once felt burden gained the carer's own part (Austerlitz, 4 seeds x 10 years: 0.9 / 1.0 / 1.2 gave 16.5% / 20.6% / 28.8%, 1.0 the nearest to CBS's 19%)
    recovery_per_year: float = nonneg(1.8, assumed=(0.8, 3.0))  # strain recovery rate (assumption); calibrated to: carers heavily burdened and overburdened (designed search, experiments/searches/carer_strain.yaml)
    heavily_burdened: float = share(0.5, assumed=(0.4, 0.6))  # [burden, 0-1] felt burden (strain + own part) from which a carer counts as heavily burdened (assumption: the survey's mark, CBS 19% of carers)
    very_heavily_burdened: float = share(0.65)  # [burden, 0-1] felt burden from which a carer counts as very heavily burdened: midway between the heavily-burdened and overburdened marks (a definition, set before fitting)
    overburdened: float = share(0.8)  # [strain, 0-1] strain (the load itself, without one's own part) from which a carer counts as overburdened (CBS: 1.4% of carers)
    subjective_burden: float = share(0.3, assumed=(0.1, 0.5))  # [burden, 0-1] the most that a carer's own situation adds to how heavy caring feels, whatever the load: their own health, paid work, relation to the person cared for (Kraijo; CBS 2024: at equal hours 34% of daughters and 24% of sons heavily burdened); each carer has a stable share of it, uniform 0-1 (assumption)
    collapse_weeks: float = nonneg(10.0, assumed=(6, 26))  # weeks a collapsed carer gives no care (assumption); calibrated to: carers overburdened (designed search, experiments/searches/carer_strain.yaml)
    support_relief: float = share(0.25, assumed=(0.2, 0.6))  # strain growth removed by carer support from a supporter (assumption)
    dementia_load: float = nonneg(0.35, assumed=(0.2, 1.0))  # [share of a full load] extra load of caring for someone with dementia (assumption); calibrated to: carers heavily burdened and overburdened (designed search, experiments/searches/carer_strain.yaml)
    search_per_year: float = nonneg(6.0, assumed=(2, 20))  # how often a person whose need informal care does not cover asks one more person (assumption); calibrated to: carers 20+, Wmo household help (designed search, experiments/searches/calibration_refine.yaml)
    outside_share_at_peak: float = share(0.06, assumed=(0.0, 0.2))  # residents aged ~57 caring for someone outside the community (a parent elsewhere); CBS counts them among carers (assumption); calibrated to: carers 20+ (designed search, experiments/searches/calibration_refine.yaml)
    max_carers: int = field(default=2, metadata={"check": "range", "low": 1, "high": 4, "assumed": (2, 4)})  # [people] informal carers a person can have (assumption: care networks of a few people); calibrated to: carers 20+, mean hours (designed search, experiments/searches/calibration_refine.yaml)


@dataclass
class VolunteerParams:
    """Volunteers: hours, strain and burnout, quitting, recruitment through the network."""

    capacity_hours: float = positive(4.0)  # [hours per week] a little over 4 h/week (CBS Vrijwilligerswerk 2023)
    max_overtime: float = positive(1.5, assumed=(1.0, 2.0))  # [times capacity] an overloaded volunteer still gives up to this x capacity (assumption)
    hours_per_client: float = positive(1.9, assumed=(1, 4))  # [hours per week] what a volunteer commits to one client a week: a visit, a ride, an errand (assumption); calibrated to: cooperative volunteers, requests solved (designed search, experiments/searches/calibration_refine.yaml)
    strain_per_year: float = nonneg(1.1, assumed=(0.6, 1.6))  # strain growth at load = capacity without coordination (assumption; the Austerlitz pool stays near its size at the default load, collapses at half the capacity)
    coordination_relief: float = share(0.5, assumed=(0.3, 0.7))  # share of strain growth removed by full coordination (sim/ODD.md 8.2, mechanism 5)
    overask_share: float = share(0.47, assumed=(0.2, 0.8))  # share of the care beyond their role (domestic, personal, round-the-clock) a matched client goes without that weighs on their volunteer as hours asked, at most hours_per_client a client (assumption: a fifth of care volunteers feel overasked, pressed to take on tasks beyond their knowledge or role, mostly one-to-one helpers at home: UvH / Vrijwillig Dichtbij 2018); calibrated to: cooperative volunteers, overasked share, re-fitted (experiments/searches/volunteers.yaml, 16 rows x 4 seeds x 10 years, Austerlitz fit rows: 15 of 15; the row nearest the earlier values)
    overasked_strain: float = positive(0.5)  # [strain] from this strain a volunteer counts as overasked in the survey: half the burnout strain (a definition, fixed before fitting)
    recovery_per_year: float = nonneg(1.2, assumed=(0.6, 2.0))  # strain decay rate (assumption)
    burnout_threshold: float = positive(1.0)  # [strain] strain at which a volunteer burns out
    resilience_log_sd: float = nonneg(0.25, assumed=(0.1, 0.5))  # [log scale] spread of personal resilience (capacity before strain) (assumption)
    burnout_recovery_weeks: float = nonneg(26.0, assumed=(13, 52))  # months out after burnout (assumption)
    quit_after_burnout_prob: float = share(0.5, assumed=(0.3, 0.7))  # burnt-out volunteers who never return (assumption)
    quit_per_year: float = nonneg(0.17, assumed=(0.1, 0.3))  # baseline quitting (CNCS 2007: over 1 in 3 US volunteers stop each year); calibrated to: cooperative volunteers, re-fitted (experiments/searches/volunteers.yaml, 16 rows x 4 seeds x 10 years, Austerlitz fit rows: 15 of 15; the row nearest the earlier values)
    quit_no_support_multiplier: float = nonneg(1.0, assumed=(0.5, 2.0))  # x quitting when uncoordinated (Tilburg 2023 meta-analysis)
    quit_strain_multiplier: float = nonneg(1.4, assumed=(0.5, 3.0))  # x quitting per unit strain (same); calibrated to: cooperative volunteers, re-fitted (experiments/searches/volunteers.yaml, 16 rows x 4 seeds x 10 years, Austerlitz fit rows: 15 of 15; the row nearest the earlier values)
    recruit_per_volunteer_per_year: float = nonneg(0.7, assumed=(0.1, 1.0))  # new volunteers asked by each active volunteer (assumption); calibrated to: cooperative volunteers (designed search, experiments/searches/calibration_refine.yaml)
    recruit_spontaneous_per_1000: float = nonneg(11.0, assumed=(3, 15))  # [per 1,000 adults per year] self-started volunteers per 1000 adults/yr (assumption); calibrated to: cooperative volunteers (designed search, experiments/searches/calibration_refine.yaml)
    settle_strain: float = nonneg(0.22)  # [strain] mean strain of active volunteers at the status quo, given to the volunteers at the start so the pool does not first grow while strain builds up; for settling the initial state only (measured: Austerlitz, years 2-6 of runs without a warm-up, 4 seeds)
    keen_from_age: float = nonneg(55.0)  # [years of age] from this age to keen_to_age people take up volunteering in care most (assumption: the volunteers of Austerlitz and the Dutch care cooperatives are mostly recently retired)
    keen_to_age: float = nonneg(76.0)  # [years of age] the end (exclusive) of the keen ages (assumption)
    keen_age_weight: float = positive(3.0, assumed=(1.5, 5.0))  # [x] how much likelier people at the keen ages take up volunteering than other adults, at the start and when recruited alike (assumption)
    member_weight: float = positive(2.0, assumed=(1.0, 3.0))  # [x] how much likelier a cooperative member takes up volunteering (assumption)
    age_out: float = nonneg(82.0, assumed=(78, 86))  # [years of age] volunteers stop at this age (assumption)
    stop_at_level: int = count(2)  # [need level, 0-4] volunteers stop when their own need reaches this level (moderate) (assumption)
    min_age: float = nonneg(18.0)  # [years of age] youngest volunteer


@dataclass
class StaffParams:
    """Professionals: turnover, vacancies, how long a relationship takes."""

    turnover_per_year: float = nonneg(0.11)  # staff leaving care & welfare (CBS AZW 2022-2023)
    vacancy_weeks: float = nonneg(8.0, assumed=(4, 16))  # weeks before a leaver is replaced (assumption)
    continuity_years: float = positive(1.0)  # a relationship counts fully after this long (assumption)
    lose_touch_prob: float = share(0.2, assumed=(0.05, 0.5))  # a client whose last worker in person (and matched volunteer) left drops out of view with this probability: nobody picks up the thread (assumption: no measured rate found; continuity brings trust, Baker et al. 2020; clients put up with a worker to avoid disruption, Buch 2012)


@dataclass
class PriceParams:
    """Prices in 2022 euros (Kostenhandleiding 2024), and the cooperative's own costs."""

    nursing_home_per_day: float = nonneg(290.0)  # Kostenhandleiding 2024
    district_nursing_per_hour: float = nonneg(75.0)  # same
    personal_care_per_hour: float = nonneg(57.58)  # same
    domestic_help_per_hour: float = nonneg(32.76)  # same
    support_per_hour: float = nonneg(64.0)  # support/guidance at home (Wmo), also supporter cost per hour
    day_care_per_half_day: float = nonneg(83.29)  # same
    gp_visit: float = nonneg(30.87)  # same
    hospital_day: float = nonneg(644.0)  # same
    emergency_visit: float = nonneg(258.0)  # same
    ambulance_ride: float = nonneg(528.0)  # same
    informal_care_per_hour: float = nonneg(18.80)  # replacement value (same)
    volunteer_expenses_per_hour: float = nonneg(0.5)  # mileage and expenses paid by the cooperative (assumption; range and evidence: data/policy_assumptions.csv)
    supporter_cost_per_hour: float = nonneg(40.0)  # a cooperative's own employee incl. employer costs (assumption; range and evidence: data/policy_assumptions.csv, CAO Sociaal Werk)


@dataclass
class StudyConfig:
    """The study a run belongs to (set by experiments/<study>.yaml) and its design table."""

    name: str = "single_run"  # the study a run belongs to (experiments/<name>.yaml sets it)
    question: str = ""  # the question the study answers, in one sentence
    design: str = ""  # a design table (CSV, one column per dotted parameter) whose row `design_row` this run uses
    design_row: int = -1  # the row of `design` (-1: none); a sweep over it runs a sampled design, one job per row


@dataclass
class Config:
    study: StudyConfig = field(default_factory=StudyConfig)
    run: RunConfig = field(default_factory=RunConfig)
    community: CommunityConfig = field(default_factory=CommunityConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    scenario: ScenarioConfig = field(default_factory=ScenarioConfig)
    network: NetworkParams = field(default_factory=NetworkParams)
    demography: DemographyParams = field(default_factory=DemographyParams)
    mortality: MortalityParams = field(default_factory=MortalityParams)
    frailty: FrailtyParams = field(default_factory=FrailtyParams)
    episodes: EpisodeParams = field(default_factory=EpisodeParams)
    dementia: DementiaParams = field(default_factory=DementiaParams)
    crises: CrisisParams = field(default_factory=CrisisParams)
    needs: NeedParams = field(default_factory=NeedParams)
    care: CareParams = field(default_factory=CareParams)
    help: HelpParams = field(default_factory=HelpParams)
    outreach: OutreachParams = field(default_factory=OutreachParams)
    triage: TriageParams = field(default_factory=TriageParams)
    practical: PracticalParams = field(default_factory=PracticalParams)
    meals: MealParams = field(default_factory=MealParams)
    loneliness: LonelinessParams = field(default_factory=LonelinessParams)
    carers: CarerParams = field(default_factory=CarerParams)
    volunteers: VolunteerParams = field(default_factory=VolunteerParams)
    staff: StaffParams = field(default_factory=StaffParams)
    prices: PriceParams = field(default_factory=PriceParams)


def assumption_ranges(config: Any = None) -> dict[str, tuple[float, float]]:
    """Every parameter marked as an assumption with its plausible range, by dotted name (e.g. 'carers.tie_hours'): the
    `assumed=` ranges here, and those the register of policy assumptions grades "assumed" (sim/register.py)."""
    from .register import ranges  # noqa: PLC0415 (the register resolves relative ranges against a Config)

    config = config if config is not None else Config()
    return _declared_ranges(config) | ranges(config, grades=("assumed",))


def _declared_ranges(config: Any, prefix: str = "") -> dict[str, tuple[float, float]]:
    from dataclasses import fields, is_dataclass

    found = {}
    for f in fields(config):
        value = getattr(config, f.name)
        if is_dataclass(value):
            found |= _declared_ranges(value, f"{prefix}{f.name}.")
        elif "assumed" in f.metadata:
            found[f"{prefix}{f.name}"] = tuple(f.metadata["assumed"])
    return found


def screening_group(parameter: str) -> str:
    """The group the sensitivity screening moves a parameter in (experiments/sensitivity.py): its section, or for a
    policy parameter the arrangement it acts in, declared beside it (`group=`)."""
    from dataclasses import fields

    section, _, name = parameter.partition(".")
    if section != "policy":
        return section
    declared = {f.name: f.metadata for f in fields(PolicyConfig)}
    if name not in declared:
        raise ValueError(f"{parameter} is not a parameter")
    if "group" not in declared[name]:
        raise ValueError(f"{parameter} has no screening group; declare it beside the parameter in sim/params.py "
                         f"(group=, the arrangement it acts in)")
    return declared[name]["group"]
