"""The funding arrangements compared: no cooperative, structural subsidy, lump-sum area budget,
competitive tendering, project grants and a pooled budget across the care laws.

Each policy changes how money and people flow: who employs and pays the supporters, whether
there is an indication procedure, how much outreach a contract pays for, what happens at the
start of each year (a tender, the end of a grant) and what a pooled coach buys. Each does so through named
mechanisms (sim/mechanisms.py) that `policy.off` can switch off one by one; with all of them off an arrangement is
the structural subsidy, which every other one subclasses.
"""

import numpy as np

from .mechanisms import names_of
from .params import PolicyConfig
from .professionals import Role
from .rates import step_prob
from .residents import ROUND_THE_CLOCK, SOCIAL, Residents
from .scenarios import fade_factor, funding_factor
from .schema import COOPERATIVE, FUND, ITEM, WLZ, WMO, ZVW

NOT_VISITED = -(10**6)  # a `last_visit` that puts a person first in the visit queue (sim/outreach.py)


class Policy:
    """What every funding arrangement decides; the defaults are a cooperative with a village supporter."""

    name = ""
    has_cooperative = True  # the community starts with (or, switching, sets up) a cooperative
    coordination_payer = WMO  # who pays the supporters' hours
    fades = False  # whether the municipal contribution fades as the initiative matures

    def __init__(self, model, settings: PolicyConfig):
        self.model, self.settings = model, settings
        self.hours_factor = 1.0  # share of the supporters' base hours that is funded this year
        self.employer = COOPERATIVE

    # --- rules read by the mechanisms -------------------------------------------------
    def on(self, mechanism: str) -> bool:
        """Whether one of this arrangement's own mechanisms acts: all do, unless `policy.off` names them."""
        return mechanism in names_of(self.name) and mechanism not in self.settings.off

    def removes(self, part: str) -> bool:
        """Whether this arrangement does without a part of the cooperative (its supporters; its members, money and
        activities; its own volunteer matching: `no_cooperative`'s mechanisms)."""
        return self.on(part)

    @property
    def indication_procedure(self) -> bool:
        """Whether domestic help needs a Wmo indication at the counter (unless the supporter has authority)."""
        return True

    def supporter_route(self) -> bool:
        """Whether people who know a supporter can ask one (there are supporters and the arrangement keeps them)."""
        return not self.removes("supporters") and bool(self.model.staff.of(Role.SUPPORTER))

    def unbilled_work_factor(self) -> float:
        """Share of the work nobody bills for (outreach, volunteer coordination) that still gets done."""
        return 1.0

    def supporter_grants_wmo(self) -> bool:
        return self.model.cfg.community.supporter_has_wmo_authority

    def local_matching(self) -> bool:
        return not self.removes("volunteer_centre")

    def capacity_factor(self, payer: str) -> float:
        """Share of contracted professional hours the payer still buys (cuts)."""
        return funding_factor(self.model.cfg.scenario, payer, self.model.year)

    def admission_reduction(self, people: Residents) -> np.ndarray:
        """Share by which each person's nursing-home admission hazard is lowered (a pooled coach's prevention)."""
        return np.zeros(people.n)

    def crisis_reduction(self, people: Residents) -> np.ndarray:
        """Share by which each person's crisis hazard is lowered (a pooled coach's prevention)."""
        return np.zeros(people.n)

    def supporter_time(self) -> float:
        """Share of the supporters' hours left for requests and home visits (a pooled coach takes the rest)."""
        return 1.0

    def meal_places_factor(self) -> float:
        return 1.0

    def per_hour(self, payer: str) -> bool:
        """Whether care hours are charged to `payer` one by one."""
        return True

    def day_care(self, left: np.ndarray) -> np.ndarray:
        """Hours of day care per person and need kind this week (only a pooled coach buys it)."""
        return np.zeros_like(left)

    def carer_relief(self, people: Residents) -> np.ndarray:
        """Whose carers a coach's day care relieves (only a pooled coach buys it)."""
        return np.zeros(people.n, dtype=bool)

    def coordination(self, spare_hours: float, n_volunteers: int) -> float:
        """Share of the volunteers' coordination need met: a generic volunteer centre plus supporters' spare hours."""
        base = self.model.cfg.policy.volunteer_centre_coordination
        if self.removes("supporters") or n_volunteers == 0:
            return base
        needed = n_volunteers * self.settings.coordination_hours_per_volunteer
        return max(base, min(1.0, spare_hours * self.unbilled_work_factor() / needed))

    # --- setup and yearly/weekly events -----------------------------------------------
    def setup(self) -> None:
        c = self.model.cfg.community
        for _ in range(c.n_supporters):
            self.model.staff.hire(Role.SUPPORTER, self.employer, c.supporter_hours_per_week)
        for _ in range(c.n_assistants):
            self.model.staff.hire(Role.ASSISTANT, COOPERATIVE, c.assistant_hours_per_week)

    def take_over(self, old: "Policy") -> None:
        """Take over from the arrangement before (the warm-up's status quo): keep its team, or start one."""
        self.employer = old.employer
        if self.has_cooperative and not old.has_cooperative:
            self.setup()

    def funding_share(self) -> float:
        """Share of the initiative's base funding available this year (cuts and fading)."""
        s, year = self.model.cfg.scenario, self.model.year
        share = funding_factor(s, self.coordination_payer, year)
        return share * (fade_factor(s, year) if self.fades else 1.0)

    def start_year(self) -> None:
        self.hours_factor = self.funding_share()
        base = self.model.cfg.community.supporter_hours_per_week
        for pro in self.model.staff.of(Role.SUPPORTER):
            pro.hours_per_week = base * self.hours_factor

    def pay_coordination(self) -> None:
        """Pay this week's supporter and assistant hours (each arrangement pays them its own way)."""
        raise NotImplementedError

    def step(self) -> None:
        self.pay_coordination()


class Subsidy(Policy):
    """Structural subsidy (Austerlitz-like): the municipality subsidises a village supporter year after year. The
    reference every other arrangement departs from, through its mechanisms."""

    name = "subsidy"
    coordination_item = ITEM.subsidy
    fades = True  # "the longer and more successful an initiative, the less the municipality contributes"

    def pay_coordination(self) -> None:
        """Supporters' hours this week: the payer's contribution first, the cooperative's fees for the rest."""
        m, c = self.model, self.model.cfg.community
        cost = m.staff.hours(Role.SUPPORTER, Role.ASSISTANT) * m.cfg.prices.supporter_cost_per_hour
        contribution = min(cost, c.subsidy_eur_per_year * self.hours_factor * m.dt)
        m.ledger.charge(self.coordination_payer, self.coordination_item, contribution)
        m.ledger.charge(COOPERATIVE, ITEM.coordination, cost - contribution)


class NoCooperative(Subsidy):
    """The counterfactual: no supporter, activities or members; the municipal counter and a volunteer centre. Each
    part of the cooperative it does without is one of its mechanisms (kept when `policy.off` names it, and then
    paid as the subsidy pays it)."""

    name = "no_cooperative"
    has_cooperative = False

    def supporter_grants_wmo(self) -> bool:
        return not self.removes("supporters") and super().supporter_grants_wmo()

    def setup(self) -> None:
        pass

    def take_over(self, old: Policy) -> None:
        """The cooperative stops: supporters and assistants go, membership ends (volunteers stay, uncoordinated)."""
        self.employer = old.employer
        if self.removes("supporters"):
            self.model.staff.disband(Role.SUPPORTER, Role.ASSISTANT)
        if self.removes("activities"):
            self.model.people.member[:] = False


class LumpSum(Subsidy):
    """One area budget pooling Wmo support and welfare, spent by the area team; no per-case procedure.
    Stable over many years (Ruwaard: extended in 2022 for five years), so it does not fade."""

    name = "lump_sum"

    @property
    def indication_procedure(self) -> bool:
        return not self.on("no_indication")

    @property
    def fades(self) -> bool:
        return not self.on("area_budget")

    def supporter_grants_wmo(self) -> bool:
        return self.on("no_indication") or super().supporter_grants_wmo()

    def meal_places_factor(self) -> float:
        """Prevention money buys more activity places; they fill as the older residents hear of them."""
        return 1 + self.settings.lump_sum_extra_activity * self.on("activity_places") * self.heard_share()

    def heard_share(self) -> float:
        """The share of residents 65+ at home who have heard of the new places."""
        people = self.model.people
        older = people.home & (people.view("age") >= 65)
        return float(people.view("heard_of_places")[older].mean()) if older.any() else 0.0

    def take_over(self, old: Policy) -> None:
        """A new area budget: nobody has heard of its activity places yet."""
        super().take_over(old)
        self.model.people.heard_of_places[:] = False

    def step(self) -> None:
        super().step()
        if self.on("activity_places"):
            self.spread_word()

    def spread_word(self) -> None:
        """People hear of the new places from the area team at a home visit, at a meal, and from a tie who has heard
        (word of mouth, `policy.word_of_mouth_per_year`)."""
        m, people = self.model, self.model.people
        heard = people.view("heard_of_places")
        at_meal = people.view("active_until") >= m.clock - 1 + m.weeks(m.cfg.meals.active_weeks)  # a guest last week
        heard |= (people.view("last_visit") >= m.clock - 1) | at_meal
        older = np.flatnonzero(people.home & (people.view("age") >= 65) & ~heard)
        owner, tie, _ = m.graph.of(older)
        told = np.bincount(owner[heard[tie]], minlength=older.size) > 0
        draws = m.streams.word_of_mouth.uniform(m.clock, older)
        heard[older[told & (draws < step_prob(self.settings.word_of_mouth_per_year, m.dt))]] = True

    def per_hour(self, payer: str) -> bool:
        return payer != WMO or not self.on("area_budget")  # Wmo support is inside the area budget

    def pay_coordination(self) -> None:
        """The area budget (domestic help + support as they were) is paid whatever the team produces."""
        if not self.on("area_budget"):
            super().pay_coordination()
            return
        m, c = self.model, self.model.cfg.community
        domestic = c.n_domestic_workers * c.domestic_hours_per_week * 52 * m.cfg.prices.domestic_help_per_hour
        budget = (domestic + c.subsidy_eur_per_year) * self.capacity_factor(WMO)
        m.ledger.charge(WMO, ITEM.area_budget, budget * m.dt)


class ProjectGrant(Subsidy):
    """Coordination on a fixed-term grant from a fund, renewed only with some probability; a grant is fixed for
    its term, so it does not fade."""

    name = "project_grant"

    def __init__(self, model, settings: PolicyConfig):
        super().__init__(model, settings)
        self.terms = 1  # terms granted so far; the grant ends after `terms` x `grant_years` unless renewed
        self.ended = False

    @property
    def coordination_payer(self) -> str:
        return FUND if self.on("fund_pays") else WMO

    @property
    def coordination_item(self) -> str:
        return ITEM.grant if self.on("fund_pays") else ITEM.subsidy

    @property
    def fades(self) -> bool:
        return not self.on("fund_pays")

    def start_year(self) -> None:
        m = self.model
        if self.on("grant_ends") and not self.ended and m.year >= self.terms * self.settings.grant_years:
            if m.streams.grants.week(m.clock).random() < self.settings.grant_renewal_prob:
                self.terms += 1
                m.events.grant_renewals += 1
            else:
                self.ended = True
                m.events.grant_endings += 1
                m.staff.disband(Role.SUPPORTER, Role.ASSISTANT)
        super().start_year()


class Tendering(Subsidy):
    """Support re-tendered every few years; bids compete on price; a switch replaces the team."""

    name = "tendering"

    def __init__(self, model, settings: PolicyConfig):
        super().__init__(model, settings)
        self.tenders = 0  # tenders held so far; the next is due after (tenders + 1) x `tender_period_years`
        self.n_providers = 0

    @property
    def fades(self) -> bool:
        return not self.on("contract_price")

    def unbilled_work_factor(self) -> float:
        """Contracts pay per client hour: outreach and coordination suffer."""
        return self.settings.unbilled_work_share if self.on("per_hour_contract") else 1.0

    def start_year(self) -> None:
        m = self.model
        if m.year >= (self.tenders + 1) * self.settings.tender_period_years:
            self.tenders += 1
            if self.on("procurement") or self.on("provider_switch"):
                self.tender()
        super().start_year()

    def tender(self) -> None:
        m, s = self.model, self.settings
        if self.on("procurement"):
            m.ledger.charge(WMO, ITEM.procurement, s.tender_buyer_cost_eur + s.tender_bidder_cost_eur / 2)
            m.ledger.charge(COOPERATIVE, ITEM.procurement, s.tender_bidder_cost_eur / 2)  # the local bid
        m.events.tenders += 1
        if not self.on("provider_switch") or m.streams.tenders.week(m.clock).random() < s.incumbent_win_prob:
            return
        self.n_providers += 1
        new = f"provider_{self.n_providers}"
        m.events.provider_switches += 1
        knew = m.staff.replace_team(self.employer, new, s.staff_taken_over)
        handed_over = knew[m.people.client[knew]]
        m.people.last_visit[handed_over] = NOT_VISITED  # the new team visits the old team's clients first, week by week
        if self.employer == COOPERATIVE:  # the cooperative becomes a subcontractor with less money
            for pro in m.staff.of(Role.ASSISTANT):
                pro.hours_per_week *= s.subcontract_share
        self.employer = new

    def pay_coordination(self) -> None:
        """Every worked hour at the contract price (the winning bid's), to the municipality."""
        if not self.on("contract_price"):
            super().pay_coordination()
            return
        m = self.model
        price = m.cfg.prices.support_per_hour * (1 - self.settings.tender_price_cut)
        m.ledger.charge(WMO, ITEM.contract, m.staff.hours(Role.SUPPORTER, Role.ASSISTANT) * price)


class PooledBudget(Subsidy):
    """Wmo, Zvw and Wlz pooled behind one coach with authority: prevention, adaptations, day care. The coach is the
    supporters' own time (Hollandscheveld's village director): a caseload built intake by intake within the hours
    coaching may take, and trust that grows over months before a client's admissions and crises move."""

    name = "pooled_budget"

    def __init__(self, model, settings: PolicyConfig):
        super().__init__(model, settings)
        self.coaching_hours = 0.0  # the supporters' hours the coach takes this week (intakes and follow-up)
        self.intake_done = 0.0  # hours spent so far on the next intake (an intake can take more than a week's room)

    @property
    def indication_procedure(self) -> bool:
        return not self.on("no_indication")

    def supporter_grants_wmo(self) -> bool:
        return self.on("no_indication") or super().supporter_grants_wmo()

    def trust(self, people: Residents) -> np.ndarray:
        """How far each coached client's prevention has grown (0 when not coached, towards 1 over the months)."""
        coached = people.view("coached")
        months = (self.model.clock - people.view("coached_since")) / self.model.steps_per_year * 12
        tau = max(self.settings.coach_trust_months, 1e-9)
        return np.where(coached, 1 - np.exp(-np.maximum(months, 0) / tau), 0.0)

    def admission_reduction(self, people: Residents) -> np.ndarray:
        return self.settings.coach_admission_reduction * self.on("coach_prevention") * self.trust(people)

    def crisis_reduction(self, people: Residents) -> np.ndarray:
        return self.settings.coach_crisis_reduction * self.on("coach_prevention") * self.trust(people)

    def carer_relief(self, people: Residents) -> np.ndarray:
        return people.view("coached") & self.on("day_care")

    def supporter_time(self) -> float:
        hours = self.model.staff.hours(Role.SUPPORTER)
        return 1 - self.coaching_hours / hours if hours > 0 and self.on("coach_time") else 1.0

    def step(self) -> None:
        super().step()
        self.coach()

    def coach(self) -> None:
        """The coach follows up the caseload and takes on clients at risk of admission (critical need, or substantial
        need partly unmet), the most in need first, as many intakes as the coaching hours leave room for; each new
        client gets a home adaptation once, and day care weekly."""
        m, people, s = self.model, self.model.people, self.settings
        if not any(self.on(m) for m in ("coach_prevention", "day_care", "home_adaptation", "coach_time")):
            return  # nothing for a coach to do
        level, unmet, coached = people.view("level"), people.view("unmet_fraction"), people.view("coached")
        caseload = int((people.home & coached).sum())
        hours = s.coach_share * m.staff.hours(Role.SUPPORTER)
        follow_up = min(hours, caseload * s.coach_hours_per_client)
        heavy = people.home & people.view("client") & ((level == 4) | ((level == 3) & (unmet >= 0.1)))
        waiting = np.flatnonzero(heavy & ~coached)
        spare = hours - follow_up if waiting.size else 0.0  # with nobody waiting, the time goes to other work
        self.intake_done += spare
        room = int(self.intake_done // s.coach_intake_hours) if s.coach_intake_hours > 0 else waiting.size
        new = waiting[np.lexsort((waiting, -unmet[waiting], -level[waiting]))][:room]
        self.intake_done = 0.0 if new.size == waiting.size else self.intake_done - new.size * s.coach_intake_hours
        people.coached[new] = True
        people.coached_since[new] = m.clock
        self.coaching_hours = follow_up + spare
        if self.on("home_adaptation"):
            self.purchase(ITEM.home_adaptation, ITEM.pooled_adaptation, new.size * s.coach_adaptation_eur)
        if self.on("day_care"):  # at day care, active
            people.active_until[: people.n][people.home & coached] = m.clock + 1

    def purchase(self, item: str, pooled_item: str, eur: float) -> None:
        """The coach's purchases: as `pooled_item` from the pool the three payers fund in agreed shares (outside their
        own ceilings), or without one budget as `item` from the Wmo's."""
        m, s = self.model, self.settings
        if not self.on("one_budget"):
            m.ledger.charge(WMO, item, eur)
            return
        weights = {WMO: s.pool_wmo_weight, ZVW: s.pool_zvw_weight, WLZ: s.pool_wlz_weight}
        for payer, weight in weights.items():
            m.ledger.charge(payer, pooled_item, eur * weight / sum(weights.values()))

    def day_care(self, left: np.ndarray) -> np.ndarray:
        """Day care in place of round-the-clock care at home: as many half-days as that need fills (at least
        one, for respite; at most `coach_day_care_half_days`), then company and meals with the time left."""
        m, people = self.model, self.model.people
        per_half_day = self.settings.day_care_hours_per_half_day
        if per_half_day == 0 or not self.on("day_care"):
            return np.zeros_like(left)
        wanted = np.clip(np.ceil(left[:, ROUND_THE_CLOCK] / per_half_day), 1, self.settings.coach_day_care_half_days)
        half_days = np.where(people.home & people.view("coached"), wanted, 0.0)
        eur = half_days.sum() * m.cfg.prices.day_care_per_half_day * m.dt * 52
        self.purchase(ITEM.day_care, ITEM.pooled_day_care, eur)
        hours = np.zeros_like(left)
        budget = half_days * per_half_day
        for kind in (ROUND_THE_CLOCK, SOCIAL):
            hours[:, kind] = np.minimum(left[:, kind], budget)
            budget = budget - hours[:, kind]
        return hours


POLICIES = {
    "no_cooperative": NoCooperative,
    "subsidy": Subsidy,
    "lump_sum": LumpSum,
    "tendering": Tendering,
    "project_grant": ProjectGrant,
    "pooled_budget": PooledBudget,
}


def make_policy(model, settings: PolicyConfig) -> Policy:
    return POLICIES[settings.name](model, settings)
