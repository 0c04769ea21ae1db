"""The caring-community model: residents, volunteers, professionals and funders on a social network.

`__init__` is a list of named setup steps; `advance_week()` reads like the schedule in sim/ODD.md; `step()` is
one recorded week (Mesa's step), `warm_up()` the unrecorded weeks before it. Every submodel is called the
same way, `submodel(model)`, and returns what it counted.
"""

from dataclasses import replace

import mesa
import numpy as np

from . import care, carers, demography, health, help_seeking, meals, outreach, practical, scenarios, volunteers
from .funders import Funder, Ledger
from .loneliness import baseline, update_loneliness
from .needs import assess_needs
from .network import build_graph, connect_newcomers
from .params import Config
from .policies import make_policy
from .professionals import LINKS, Role, Staff
from .rates import weeks_to_steps
from .recorder import WEEKLY, record_step, tables
from .residents import Resident, Residents, Status
from .schema import COOPERATIVE, FUND, ITEM, PAYER_NAMES, WLZ, WMO, ZVW, Events
from .streams import Streams, run_seed
from .survey import Survey
from .triage import Route, Triage
from .validation import validate
from .visibility import care_states, known_now, unmet_before_formal


class CaringCommunity(mesa.Model):
    """A village or neighbourhood with (or without) a care cooperative, simulated week by week."""

    def __init__(self, cfg: Config):
        self.cfg = validate(cfg)  # the run's one validation: a bad value raises ConfigError naming its key
        self.run_seed = run_seed(cfg.run.seed, cfg.run.replicate)
        super().__init__(rng=self.run_seed)  # Mesa's own generators stay unused: every draw is from `self.streams`
        self.streams = Streams(self.run_seed)
        self.steps_per_year = cfg.run.steps_per_year
        self.dt = 1.0 / self.steps_per_year
        self.warmup_weeks = int(round(cfg.run.warmup_years * self.steps_per_year))
        self.clock = 0  # weeks simulated, warm-up included: what keyed draws and dates are counted in
        self.events = Events()
        self.coordination = 1.0  # share of the volunteers' coordination need met (set each week by triage)
        self.activity_ties: set[tuple[int, int]] = set()  # ties made at meals that still last (a, b with a < b)
        self._states = (-1, None)  # (clock, care states) cached for the recorder, the page and agents
        status_quo = replace(cfg.policy, name=cfg.community.status_quo_policy, off=[])  # the community's own, whole
        self.policy = make_policy(self, status_quo if self.warmup_weeks else cfg.policy)
        self.create_residents()
        self.build_network()
        self.create_staff()
        self.create_funders()
        self.start_cooperative()
        self.start_care()
        self.start_year()  # budgets and fees for the first (warm-up) year, whatever the warm-up's length
        self.datacollector = mesa.DataCollector(tables=tables())
        self.died_ages = np.empty(0)  # ages at death this week (for the survey)
        self.resident_deaths_stayed = np.empty(0)  # years in the home of residents who died this week (same)

    # --- setup --------------------------------------------------------------------------
    def create_residents(self) -> None:
        self.people = Residents(capacity=2 * self.cfg.community.n_residents + 64)
        self.resident_agents: dict[int, Resident] = {}  # person index -> Mesa agent, for those who live here
        idx = demography.populate(self)
        self.give_traits(idx)
        self.settled_residents = health.settle_health(self, idx)  # (persons, years so far) in a nursing home
        health.start_episodes(self, idx)

    def give_traits(self, idx: np.ndarray) -> None:
        """Frailty, proneness, dementia, shyness and loneliness of new persons, each drawn for the person."""
        people, cfg, traits, week = self.people, self.cfg, self.streams.traits, self.clock
        age = people.age[idx]
        h = cfg.help
        a, b = h.shyness_mean * h.shyness_concentration, (1 - h.shyness_mean) * h.shyness_concentration
        people.frailty[idx] = health.initial_frailty(age, cfg, traits.normal(week, idx))
        people.proneness[idx] = traits.lognormal(week, idx, 0.0, cfg.frailty.proneness_log_sd)
        people.dementia[idx] = traits.uniform(week, idx) < health.dementia_prevalence(age)
        people.shyness_base[idx] = scenarios.shifted_shyness(cfg, traits.beta(week, idx, a, b))
        people.shyness[idx] = people.shyness_base[idx]
        people.lonely_rank[idx] = traits.uniform(week, idx)
        people.lonely_base[idx] = baseline(age, people.lonely_rank[idx], people.activity_ties[idx], cfg.loneliness)
        people.loneliness[idx] = people.lonely_base[idx]
        people.care_willingness[idx] = traits.lognormal(week, idx, 0.0, cfg.carers.hours_log_sd)
        people.carer_burden[idx] = self.streams.carer_burden.uniform(week, idx)
        people.distance_rank[idx] = traits.uniform(week, idx)
        for i in idx.tolist():
            self.resident_agents[i] = Resident(self, i)

    def build_network(self) -> None:
        people = self.people
        present = np.flatnonzero(people.present)
        rng = self.streams.network.week(self.clock)
        self.graph = build_graph(present, people.view("age"), people.view("household"), people.view("street"), rng,
                                 self.cfg.network, people.capacity)

    def create_staff(self) -> None:
        c = self.cfg.community
        self.staff = Staff(self, self.people.capacity, self.cfg.staff)
        for role, n, hours in ((Role.NURSE, c.n_nurses, c.nurse_hours_per_week),
                               (Role.DOMESTIC, c.n_domestic_workers, c.domestic_hours_per_week),
                               (Role.COUNTER, c.n_counter_staff, c.counter_hours_per_week)):
            for _ in range(n):
                self.staff.hire(role, "municipality" if role == Role.COUNTER else f"{role}_provider", hours)
        self.policy.setup()

    def create_funders(self) -> None:
        c, prices = self.cfg.community, self.cfg.prices
        zvw = c.n_nurses * c.nurse_hours_per_week * 52 * prices.district_nursing_per_hour * c.budget_headroom
        wmo = c.n_domestic_workers * c.domestic_hours_per_week * 52 * prices.domestic_help_per_hour * c.budget_headroom
        base = {WMO: wmo + c.subsidy_eur_per_year, ZVW: zvw, WLZ: float("inf"), FUND: c.subsidy_eur_per_year,
                COOPERATIVE: 0.0}
        items = {ZVW: (ITEM.district_nursing,)}  # the insurer's budget per provider is for district nursing
        self.funders = {payer: Funder(self, payer, base[payer], items.get(payer)) for payer in PAYER_NAMES}
        self.ledger = Ledger(self.funders)

    def start_cooperative(self) -> None:
        """Members and volunteers at the start (without a cooperative: fewer volunteers, no members)."""
        c, people = self.cfg.community, self.people
        rng = self.streams.membership.week(self.clock)
        adults = np.flatnonzero(people.adult_at_home)
        if self.policy.has_cooperative and c.n_members:
            weight = 1 + 2 * (people.age[adults] >= 50)  # older people join more (assumption)
            people.member[rng.choice(adults, c.n_members, replace=False, p=weight / weight.sum())] = True
        share = 1.0 if self.policy.has_cooperative else self.cfg.policy.generic_volunteer_share
        n_vol = round(c.n_volunteers * share)
        fit = people.view("frailty") < self.cfg.needs.level_thresholds[0]
        pool = np.flatnonzero(volunteers.eligible(people, self.cfg.volunteers) & fit)
        weight = volunteers.keenness(people, pool, self.cfg.volunteers)
        chosen = rng.choice(pool, min(n_vol, pool.size), replace=False, p=weight / weight.sum())
        volunteers.enlist(self, chosen)
        people.vol_strain[chosen] = self.cfg.volunteers.settle_strain  # as if they had been volunteering for a while

    def start_care(self) -> None:
        """Needs at the start: many of the most dependent live in nursing homes, many others are known clients."""
        people = self.people
        assess_needs(self)
        self.start_nursing_homes()
        assess_needs(self)
        self.triage = Triage(self)
        carers.assign_carers(self, search_prob=1.0)
        in_need = np.flatnonzero(people.home & (people.view("level") > 0))
        known = in_need[self.streams.triage.uniform(self.clock, in_need) > people.shyness[in_need]]
        people.client[known] = True
        people.assessed_level[known] = people.level[known]
        for i in known.tolist():
            self.triage.grant(i, authority=True)

    def start_nursing_homes(self) -> None:
        """The residents `health.settle_health` admitted at the run's hazards and kept at the homes' death rate live in
        a home from the start, each for the years they have stayed so far."""
        people = self.people
        in_home, stayed = self.settled_residents
        care.leave_home(people, in_home, Status.NURSING_HOME)
        people.admitted_week[in_home] = self.clock - np.round(stayed * self.steps_per_year).astype(np.int32)

    # --- time -----------------------------------------------------------------------------
    @property
    def week(self) -> int:
        """Recorded weeks so far (week 1 is the first after the warm-up); negative during the warm-up."""
        return self.clock - self.warmup_weeks

    @property
    def year(self) -> float:
        """Simulated years completed at the start of this week (policy and scenario clocks start at 0 after warm-up)."""
        return (self.week - 1) / self.steps_per_year

    def weeks(self, weeks: float) -> int:
        return weeks_to_steps(weeks, self.steps_per_year)

    def warm_up(self) -> None:
        """The unrecorded weeks under the status quo that let the initial state settle."""
        while self.week < 0:
            self.advance_week()

    def step(self) -> None:
        """One recorded week (Mesa's step: its clock counts recorded weeks only)."""
        self.warm_up()
        self.advance_week()
        record_step(self)
        self.datacollector.add_table_row(WEEKLY, self.row)
        self.survey.observe_week()
        if self.week % self.steps_per_year == 0:
            self.survey.close_year()

    # --- the schedule -----------------------------------------------------------------------
    def advance_week(self) -> None:
        self.clock += 1
        self.start_week()
        self.renew_population()
        self.progress_health()
        assess_needs(self)
        self.give_informal_care()
        self.hold_meals()
        self.find_and_handle_requests()
        self.deliver_care()
        self.admit_to_nursing_homes()
        self.update_volunteers()
        self.update_staff()
        self.update_wellbeing()

    def start_week(self) -> None:
        self.events = Events()
        self.ledger.new_step()
        if self.week == 1:
            self.ledger.items.clear()  # the outputs count costs from the end of the warm-up
            self.survey = Survey(self)  # and the first survey year starts
            self.adopt_policy()
        if (self.week - 1) % self.steps_per_year == 0:
            self.start_year()
        self.policy.step()

    def adopt_policy(self) -> None:
        """After the warm-up under the status quo, every run starts from the same state and switches to its policy."""
        if self.policy.settings != self.cfg.policy:  # another arrangement, or its mechanisms switched otherwise
            new = make_policy(self, self.cfg.policy)
            new.take_over(self.policy)
            self.policy = new

    def start_year(self) -> None:
        """Budgets for the new year (after cuts), membership fees, the policy's yearly events."""
        c, s = self.cfg.community, self.cfg.scenario
        members = int(self.people.view("member")[self.people.present].sum())
        self.funders[COOPERATIVE].base_budget_eur = (
            members * c.member_fee_eur + c.other_income_eur_per_year * (not self.policy.removes("activities")))
        zvw, weeks = self.funders[ZVW], self.clock - self.funders[ZVW].year_started
        if weeks >= self.steps_per_year // 2:  # the insurer's ceiling follows last year's district nursing
            zvw.base_budget_eur = zvw.spent_eur * self.steps_per_year / weeks * (1 + self.cfg.care.zvw_ceiling_growth)
        for payer, funder in self.funders.items():
            funder.start_year(scenarios.funding_factor(s, payer, self.year))
        self.policy.start_year()

    def renew_population(self) -> None:
        """Ageing, births, young adults leaving, young households arriving (ODD: renew_population)."""
        people, e = self.people, self.events
        health.age_residents(self)
        born = demography.births(self)
        left = demography.young_leave(self)
        care.leave_home(people, left, Status.MOVED_OUT)
        arrived = demography.move_in(self)
        new = np.concatenate([born, arrived])
        self.staff.grow(people.capacity)
        self.graph.grow(people.capacity)
        self.give_traits(new)
        rng = self.streams.network.week(self.clock)
        present = np.flatnonzero(people.present)
        connect_newcomers(self.graph, new, present, people.view("age"), people.view("household"),
                          people.view("street"), rng, self.cfg.network)
        self.remove_residents(left)
        e.births, e.moved_in, e.moved_out = born.size, arrived.size, left.size

    def remove_residents(self, idx: np.ndarray) -> None:
        """People who died or moved away leave the network and the agent set."""
        self.graph.remove_nodes(idx)
        for i in idx.tolist():
            self.resident_agents.pop(i).remove()

    def progress_health(self) -> None:
        """Frailty growth, episodes of limitation, dementia onset, crises (with a hospital referral for people nobody
        knew), mortality."""
        people, prices = self.people, self.cfg.prices
        health.progress_frailty(self)
        self.events.disability_episodes, self.events.episodes_ended = health.disability_episodes(self)
        self.events.dementia_onsets = health.onset_dementia(self)
        hit = health.crises(self)
        per_crisis = (prices.emergency_visit + prices.ambulance_ride + prices.gp_visit
                      + self.cfg.crises.hospital_days * prices.hospital_day)
        self.ledger.charge(ZVW, ITEM.crisis, hit.size * per_crisis)
        self.events.crises = hit.size
        known = known_now(self)[hit]
        hidden_hit = hit[~known & ~people.pending[hit] & (people.level[hit] > 0)]
        self.triage.submit([(i, Route.REFERRAL) for i in hidden_hit.tolist()])  # hospital discharge
        resident = people.view("status") == Status.NURSING_HOME
        died = health.mortality(self)
        self.died_ages = people.age[died]
        self.resident_deaths_stayed = (self.clock - people.admitted_week[died[resident[died]]]) / self.steps_per_year
        care.leave_home(people, died, Status.DEAD)
        self.remove_residents(died)
        self.events.deaths = died.size

    def give_informal_care(self) -> None:
        carers.assign_carers(self, carers.search_prob(self))
        carers.give_informal_care(self)

    def hold_meals(self) -> None:
        """Shared meals, as many days as the volunteers can staff (only with a cooperative that has money left)."""
        m, people = self.cfg.meals, self.people
        if self.policy.removes("activities") or self.funders[COOPERATIVE].client_stop:
            held = 0
        else:
            held = meals.meals_held(people, m.per_week, m.volunteers_per_meal)
        n_65plus = int((people.home & (people.view("age") >= 65)).sum())
        places = int(round(m.guests_per_1000_65plus * n_65plus / 1000 * self.policy.meal_places_factor()))
        served = meals.hold_meals(self, held, places)
        self.ledger.charge(COOPERATIVE, ITEM.meals, served * m.net_cost_eur)
        self.events.meals_served = served
        self.meal_volunteer_hours = held * m.volunteers_per_meal * m.hours_per_volunteer
        meals.fade_activity_ties(self)

    def find_and_handle_requests(self) -> None:
        """Outreach, help-seeking, triage of both queues, reassessment of known clients, the week's coordination."""
        unmet = unmet_before_formal(self.people)
        found = [] if self.policy.removes("supporters") else outreach.outreach(self, unmet)
        self.triage.submit(found)
        self.triage.submit(help_seeking.seek_help(self, unmet))
        spare = self.triage.handle()
        spare = practical.handle_practical_requests(self, spare)
        self.triage.review_caseload()
        n_active = int(volunteers.active_volunteers(self.people).size)
        self.coordination = self.policy.coordination(spare, n_active)

    def deliver_care(self) -> None:
        people, prices = self.people, self.cfg.prices
        vol_hours = volunteers.give_volunteer_care(self, self.meal_volunteer_hours)
        expenses = (vol_hours.sum() + self.meal_volunteer_hours) * prices.volunteer_expenses_per_hour
        self.ledger.charge(WMO if self.policy.removes("volunteer_centre") else COOPERATIVE, ITEM.volunteer_expenses,
                           expenses)
        care.deliver_professional_care(self)
        n = people.n
        need = people.total_need()
        met = people.total_given()
        people.unmet_fraction[:n] = np.divide(need - met, need, out=np.zeros(n), where=need > 0)
        self.company_hours = vol_hours

    def admit_to_nursing_homes(self) -> None:
        admitted = care.admit_to_nursing_homes(self)
        self.people.admitted_week[admitted] = self.clock
        self.events.nursing_home_admissions = admitted.size
        care.charge_nursing_homes(self)

    def update_volunteers(self) -> None:
        """Strain, burnout, quitting and ageing out, recovery, recruitment."""
        e = self.events
        volunteers.accumulate_strain(self)
        e.volunteer_burnouts, never = volunteers.burn_out(self)
        quit_, e.volunteers_aged_out = volunteers.quit_volunteering(self)
        e.volunteers_quit = never + quit_
        e.volunteers_returned = volunteers.recover(self)
        e.volunteers_recruited = volunteers.recruit(self)

    def update_staff(self) -> None:
        """Turnover (vacancies filled when due), then clients who lost every link drop out of view."""
        draws = self.streams.turnover.table(self.clock, self.staff.n_slots, 1)[:, 0]  # one per slot
        rate = scenarios.staff_turnover_per_year(self.cfg)
        self.staff.turnover(rate, self.dt, self.weeks(self.cfg.staff.vacancy_weeks), draws)
        self.drop_unknown_clients()

    def drop_unknown_clients(self) -> None:
        """Losing touch: a client's links to the system are the workers who know them in person and their matched
        volunteer. When the last of them leaves (turnover, a provider switch, a team disbanded), nobody may pick up
        the thread: the client drops out of view with `staff.lose_touch_prob` (their care ends; they are hidden until
        they ask again or a visit finds them). The others are handed on: the next worker of their care meets them."""
        people, orphaned = self.people, self.staff.take_orphaned()
        at_risk = orphaned[people.client[orphaned] & (people.status[orphaned] == Status.HOME)
                           & (people.buddy[orphaned] < 0) & ~self.staff.known_among(orphaned, LINKS)]
        draws = self.streams.losing_touch.uniform(self.clock, at_risk)
        lost = at_risk[draws < self.cfg.staff.lose_touch_prob]
        for name in ("client", "nursing_ok", "domestic_ok", "needs_review"):
            getattr(people, name)[lost] = False
        self.events.clients_lost = lost.size

    def update_wellbeing(self) -> None:
        """Carer strain and collapse, loneliness, shyness drifting back to one's own."""
        people = self.people
        carer_support = (self.staff.known(people.n) & (not self.policy.removes("supporters"))) | \
            self.policy.carer_relief(people)
        self.events.carer_collapses = carers.strain_carers(self, carer_support)
        update_loneliness(self, self.company_hours)
        help_seeking.drift_shyness(self)

    # --- views ------------------------------------------------------------------------------
    def care_states(self) -> np.ndarray:
        """Each person's `CareState` this week (computed once a week, shared by the recorder, agents and page)."""
        if self._states[0] != self.clock:
            self._states = (self.clock, care_states(self))
        return self._states[1]

    def resident(self, idx: int) -> Resident | None:
        """The Mesa agent of person `idx`, if they still live here."""
        return self.resident_agents.get(idx)
