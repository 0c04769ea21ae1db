"""The caring-community model: residents, volunteers, professionals and funders on a social network.

`__init__` is a list of named setup steps and `step()` reads like the schedule in sim/ODD.md.
"""

from collections import Counter
from dataclasses import replace

import mesa
import numpy as np

from . import activities, care, carers, demography, health, help_seeking, volunteers
from .funders import Funder, Ledger, funding_factor
from .needs import assess_needs
from .network import build_graph, connect_newcomers
from .params import PAYERS, Config, validate
from .policies import make_policy
from .professionals import Role, Staff
from .rates import weeks_to_steps
from .recorder import REPORTERS, record_step
from .residents import Resident, Residents, Status
from .triage import Triage


class CaringCommunity(mesa.Model):
    """A village or neighbourhood with (or without) a care cooperative, simulated week by week."""

    def __init__(self, cfg: Config, rng: int | np.random.Generator | None = None):
        super().__init__(rng=rng)
        self.cfg = validate(cfg)
        self.steps_per_year = cfg.run.steps_per_year
        self.dt = 1.0 / self.steps_per_year
        self.warmup_steps = int(round(cfg.run.warmup_years * self.steps_per_year))
        self.record: Counter = Counter()
        self.coordination = 1.0  # share of the volunteers' coordination need met (set each step by triage)
        status_quo = replace(cfg.policy, name=cfg.community.status_quo_policy)
        self.policy = make_policy(self, status_quo if self.warmup_steps else cfg.policy)
        self.create_residents()
        self.build_network()
        self.create_staff()
        self.create_funders()
        self.start_cooperative()
        self.start_care()
        self.start_year()  # budgets and fees for the first (warm-up) year, whatever the warm-up's length
        self.datacollector = mesa.DataCollector(model_reporters=REPORTERS)

    # --- setup --------------------------------------------------------------------------
    def create_residents(self) -> None:
        cfg, rng = self.cfg, self.rng
        self.people = Residents(capacity=2 * cfg.community.n_residents + 64)
        idx = demography.populate(self.people, cfg, rng)
        self.init_traits(idx)
        self.resident_agents = {i: Resident(self, i) for i in idx.tolist()}

    def init_traits(self, idx: np.ndarray) -> None:
        """Frailty, dementia, shyness and loneliness of new persons."""
        p, cfg, rng = self.people, self.cfg, self.rng
        age = p.age[idx]
        p.frailty[idx] = health.initial_frailty(age, cfg, rng)
        p.proneness[idx] = rng.lognormal(0.0, cfg.health.proneness_log_sd, idx.size)
        p.dementia[idx] = rng.random(idx.size) < health.dementia_prevalence(age)
        h = cfg.help
        a, b = h.shyness_mean * h.shyness_concentration, (1 - h.shyness_mean) * h.shyness_concentration
        p.shyness[idx] = np.clip(rng.beta(a, b, idx.size) + cfg.scenario.shyness_shift, 0.0, 1.0)
        p.lonely_base[idx] = activities.lonely_baseline(age, h, rng)
        p.loneliness[idx] = p.lonely_base[idx]

    def build_network(self) -> None:
        p = self.people
        present = np.flatnonzero(p.present)
        self.graph = build_graph(present, p.view("age"), p.view("household"), p.view("street"), self.rng)

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
        base = {"wmo": wmo + c.subsidy_eur_per_year, "zvw": zvw, "wlz": float("inf"),
                "fund": c.subsidy_eur_per_year, "cooperative": 0.0}
        self.ledger = Ledger()
        items = {"zvw": ("district_nursing",)}  # the insurer's budget per provider is for district nursing
        self.funders = {payer: Funder(self, payer, base[payer], items.get(payer)) for payer in PAYERS}
        self.ledger.funders = self.funders

    def start_cooperative(self) -> None:
        """Members and volunteers at the start (without a cooperative: fewer volunteers, no members)."""
        c, p, rng = self.cfg.community, self.people, self.rng
        adults = np.flatnonzero(p.adult_at_home)
        if self.policy.has_cooperative and c.n_members:
            weight = 1 + 2 * (p.age[adults] >= 50)  # older people join more (assumption)
            p.member[rng.choice(adults, c.n_members, replace=False, p=weight / weight.sum())] = True
        share = 1.0 if self.policy.has_cooperative else self.cfg.policy.generic_volunteer_share
        n_vol = round(c.n_volunteers * share)
        fit = p.view("frailty") < self.cfg.needs.level_thresholds[0]
        pool = np.flatnonzero(volunteers.eligible(p, self.cfg.volunteers) & fit)
        weight = (1 + 2 * ((p.age[pool] >= 55) & (p.age[pool] < 76))) * (1 + p.member[pool])
        chosen = rng.choice(pool, min(n_vol, pool.size), replace=False, p=weight / weight.sum())
        volunteers.enlist(p, chosen, self.cfg.volunteers, rng)

    def start_care(self) -> None:
        """Needs at the start: the most dependent live in nursing homes, many others are known clients."""
        p = self.people
        assess_needs(p, self.cfg.needs)
        in_home = np.flatnonzero(p.home & (p.view("level") == 4) & (p.view("age") >= 65))
        care.leave_home(p, in_home, Status.NURSING_HOME)
        assess_needs(p, self.cfg.needs)
        self.triage = Triage(self)
        carers.assign_carers(p, self.graph, self.cfg.carers, 0, self.rng, search_prob=1.0)
        known = np.flatnonzero(p.home & (p.view("level") > 0) & (self.rng.random(p.n) > p.view("shyness")))
        p.client[known] = True
        for i in known.tolist():
            self.triage.grant(i, authority=True)

    # --- time -----------------------------------------------------------------------------
    @property
    def week(self) -> int:
        """Recorded weeks (steps) so far; negative during the warm-up."""
        return self.steps - self.warmup_steps

    @property
    def year(self) -> float:
        """Simulated years completed at the start of this step (policy and scenario clocks start at 0 after warm-up)."""
        return (self.week - 1) / self.steps_per_year

    def weeks(self, weeks: float) -> int:
        return weeks_to_steps(weeks, self.steps_per_year)

    # --- the schedule -----------------------------------------------------------------------
    def step(self) -> None:
        self.start_step()
        self.renew_population()
        self.progress_health()
        self.assess_needs()
        self.give_informal_care()
        self.run_activities()
        unmet = help_seeking.unmet_before_formal(self.people)
        self.find_and_handle_requests(unmet)
        self.deliver_care()
        self.admit_to_nursing_homes()
        self.update_volunteers()
        self.update_staff()
        self.update_wellbeing()
        if self.week > 0:  # the warm-up is simulated but not recorded
            record_step(self)
            self.datacollector.collect(self)

    def start_step(self) -> None:
        self.record.clear()
        self.ledger.new_step()
        if self.week == 1:
            self.ledger.items.clear()  # the outputs count costs from the end of the warm-up
            self.adopt_policy()
        if (self.week - 1) % self.steps_per_year == 0:
            self.start_year()
        self.policy.step()

    def adopt_policy(self) -> None:
        """After the warm-up under the status quo, every run starts from the same state and switches to its policy."""
        if self.policy.p.name != self.cfg.policy.name:
            new = make_policy(self, self.cfg.policy)
            new.take_over(self.policy)
            self.policy = new

    def start_year(self) -> None:
        """Budgets for the new year (after cuts), membership fees, the policy's yearly events."""
        c, s = self.cfg.community, self.cfg.scenario
        coop = self.funders["cooperative"]
        members = int(self.people.view("member")[self.people.present].sum())
        coop.base_budget_eur = members * c.member_fee_eur + c.other_income_eur_per_year * self.policy.has_cooperative
        for payer, funder in self.funders.items():
            funder.start_year(funding_factor(s, payer, self.year))
        self.policy.start_year()

    def renew_population(self) -> None:
        p, cfg, rng = self.people, self.cfg, self.rng
        health.age_residents(p, self.dt)
        born = demography.births(p, cfg, self.dt, rng, self.steps)
        left = demography.young_leave(p, cfg, self.dt, rng)
        care.leave_home(p, left, Status.MOVED_OUT)
        arrived = demography.move_in(p, cfg, self.dt, rng, self.steps)
        new = np.concatenate([born, arrived])
        self.init_traits(new)
        self.staff.grow(p.capacity)
        for i in new.tolist():
            self.resident_agents[i] = Resident(self, i)
        present = np.flatnonzero(p.present)
        connect_newcomers(self.graph, new, present, p.view("age"), p.view("household"), p.view("street"), rng)
        self.remove_residents(left)
        self.record.update(births=born.size, moved_in=arrived.size, moved_out=left.size)

    def remove_residents(self, idx: np.ndarray) -> None:
        """People who died or moved away leave the network and the agent set."""
        self.graph.remove_nodes_from(idx.tolist())
        for i in idx.tolist():
            self.resident_agents.pop(i).remove()

    def progress_health(self) -> None:
        p, cfg, rng = self.people, self.cfg, self.rng
        health.progress_frailty(p, cfg, self.dt, self.steps)
        self.record["dementia_onsets"] = health.onset_dementia(p, cfg, self.dt, rng)
        hit = health.crises(p, cfg, self.dt, rng, relief=self.policy.admission_reduction(p))
        prices = cfg.prices
        per_crisis = (prices.emergency_visit + prices.ambulance_ride + prices.gp_visit
                      + cfg.health.crisis_hospital_days * prices.hospital_day)
        self.ledger.charge("zvw", "crisis", hit.size * per_crisis)
        self.record["crises"] = hit.size
        known = self.staff.known(p.n, tuple(Role))[hit]
        hidden_hit = hit[~known & ~p.pending[hit] & (p.level[hit] > 0)]
        self.triage.submit([(int(i), help_seeking.REFERRAL) for i in hidden_hit])  # hospital discharge
        died = health.mortality(p, cfg, self.dt, rng)
        care.leave_home(p, died, Status.DEAD)
        self.remove_residents(died)
        self.record["deaths"] = died.size

    def assess_needs(self) -> None:
        assess_needs(self.people, self.cfg.needs)

    def give_informal_care(self) -> None:
        p, c = self.people, self.cfg.carers
        search = float(np.clip(c.search_per_year * self.dt, 0, 1))
        carers.assign_carers(p, self.graph, c, self.steps, self.rng, search_prob=search)
        carers.give_informal_care(p, c)

    def run_activities(self) -> None:
        h = self.cfg.help
        if not self.policy.has_cooperative or self.funders["cooperative"].client_stop:
            days = 0
        else:
            days = activities.meal_days_held(self.people, h.meal_days_per_week, h.meal_volunteers)
        places = int(round(h.meal_places * self.policy.meal_places_factor()))
        served = activities.hold_meals(self, days, places)
        self.ledger.charge("cooperative", "meals", served * h.meal_net_cost_eur)
        self.record["meals_served"] = served
        self.meal_volunteer_hours = days * h.meal_volunteers * h.meal_hours_per_volunteer

    def find_and_handle_requests(self, unmet: np.ndarray) -> None:
        found = help_seeking.outreach(self, unmet) if self.policy.has_cooperative else []
        self.triage.submit(found)
        self.triage.submit(help_seeking.seek_help(self, unmet))
        spare = self.triage.handle()
        self.triage.reassess()
        n_active = int(volunteers.active_volunteers(self.people).size)
        self.coordination = self.policy.coordination(spare, n_active)

    def deliver_care(self) -> None:
        p, prices = self.people, self.cfg.prices
        vol_hours = volunteers.give_volunteer_care(p, self.cfg.volunteers, self.meal_volunteer_hours)
        expenses = (vol_hours.sum() + self.meal_volunteer_hours) * prices.volunteer_expenses_per_hour
        self.ledger.charge("cooperative" if self.policy.has_cooperative else "wmo", "volunteer_expenses", expenses)
        care.deliver_professional_care(self)
        n = p.n
        need = p.need[:n].sum(axis=1)
        met = p.given[:n].sum(axis=(1, 2))
        p.unmet_share[:n] = np.divide(need - met, need, out=np.zeros(n), where=need > 0)
        self.company_hours = vol_hours

    def admit_to_nursing_homes(self) -> None:
        admitted = care.admit_to_nursing_homes(self)
        self.record["nursing_home_admissions"] = admitted.size
        care.charge_nursing_homes(self)

    def update_volunteers(self) -> None:
        p, v, rng = self.people, self.cfg.volunteers, self.rng
        volunteers.accumulate_strain(p, v, self.coordination, self.dt)
        burnt, never = volunteers.burn_out(p, v, self.steps, self.weeks(v.burnout_recovery_weeks), rng)
        quit_, aged_out = volunteers.quit_volunteering(p, v, self.coordination, self.dt, rng)
        self.record.update(volunteer_burnouts=burnt, volunteers_quit=never + quit_, volunteers_aged_out=aged_out,
                           volunteers_returned=volunteers.recover(p, self.steps))
        self.record["volunteers_recruited"] = volunteers.recruit(
            p, self.graph, v, self.coordination, self.cfg.scenario.volunteer_supply_multiplier, self.dt, rng)

    def update_staff(self) -> None:
        s = self.cfg.staff
        rate = s.turnover_per_year * self.cfg.scenario.staff_turnover_multiplier
        self.staff.turnover(rate, self.dt, self.weeks(s.vacancy_weeks), self.rng)
        self.record["staff_left"] = self.staff.left
        self.drop_unknown_clients()

    def drop_unknown_clients(self) -> None:
        """Clients whose only link to the system was a worker who left fall out of view."""
        p = self.people
        linked = (self.staff.known(p.n) | p.view("nursing_ok") | p.view("domestic_ok") | (p.view("buddy") >= 0))
        lost = p.view("client") & ~linked
        p.client[: p.n][lost] = False
        self.record["clients_lost"] = int(lost.sum())

    def update_wellbeing(self) -> None:
        p = self.people
        carer_support = (self.staff.known(p.n) & self.policy.has_cooperative) | p.view("coached")
        self.record["carer_collapses"] = carers.strain_carers(
            p, self.cfg.carers, self.dt, self.steps, self.weeks(self.cfg.carers.collapse_weeks), carer_support)
        activities.update_loneliness(p, self.cfg.help, self.dt, self.company_hours)
