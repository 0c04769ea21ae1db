"""Triage: requests queue for the people who handle them; "informal first, professional only if that is not
enough". The supporter handles requests from people who know the cooperative; the municipal counter handles
the rest with an indication procedure (delay, cost, people giving up).
"""

from collections import deque
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .carers import add_carer
from .professionals import Role
from .rates import step_prob
from .residents import DOMESTIC, PERSONAL, SOCIAL, Status
from .schema import ITEM, WMO, ZVW
from .volunteers import active_volunteers, match_volunteer


class Route(StrEnum):
    SUPPORTER = "supporter"  # asked someone they know at the cooperative
    COUNTER = "counter"  # asked at the anonymous municipal counter
    REFERRAL = "referral"  # found by an outreach visit or after a hospital stay
    HANDOVER = "handover"  # the supporter hands a Wmo question to the counter's indication
    CHANGE = "change"  # a known client's need grew, or their volunteer or carer stopped


@dataclass
class Request:
    idx: int  # resident
    route: Route
    created: int  # week asked
    decide_at: int = -1  # counter: week the indication is decided (-1: not yet handled)


class Triage:
    """The two queues and the weekly handling of requests."""

    def __init__(self, model):
        self.model = model
        self.supporter_queue: deque[Request] = deque()
        self.counter_queue: deque[Request] = deque()
        self.waiting: list[Request] = []  # counter requests handled, indication not yet decided
        self.volunteers = active_volunteers(model.people)  # read at each round of handling: no one joins or quits

    def submit(self, requests: list[tuple[int, Route]]) -> None:
        m, people = self.model, self.model.people
        supporter = m.policy.supporter_route()
        for idx, route in requests:
            people.pending[idx] = True
            request = Request(idx, route, m.clock)
            to_counter = route in (Route.COUNTER, Route.HANDOVER) or (route == Route.CHANGE and not supporter)
            (self.counter_queue if to_counter else self.supporter_queue).append(request)
            if route in (Route.SUPPORTER, Route.COUNTER):  # self-made requests; referrals and handovers are not
                m.events.help_requests += 1
                m.events.level_at_request_sum += int(people.level[idx])
            elif route == Route.REFERRAL:
                m.events.referrals += 1
            elif route == Route.CHANGE:
                m.events.changed_needs += 1

    def handle(self) -> float:
        """Work through the queues with this week's handler hours; returns supporter hours left over."""
        m, t = self.model, self.model.cfg.triage
        self.volunteers = active_volunteers(m.people)
        hours = m.staff.hours(Role.SUPPORTER) * m.policy.supporter_time() * (
            1 - m.cfg.outreach.supporter_share * m.policy.unbilled_work_factor())
        while self.supporter_queue and hours >= t.handling_hours_per_request:
            hours -= t.handling_hours_per_request
            self.admit(self.supporter_queue.popleft().idx, by_supporter=True)
        if not m.staff.of(Role.SUPPORTER):  # no supporter (any more): requests go to the counter
            self.counter_queue.extend(self.supporter_queue)
            self.supporter_queue.clear()
        self.handle_counter()
        return hours

    def handle_counter(self) -> None:
        """The counter takes requests as its hours allow; an indication is decided weeks later, or people give up."""
        m, pol = self.model, self.model.cfg.policy
        hours = m.staff.hours(Role.COUNTER)
        delay = m.weeks(pol.indication_weeks) if m.policy.indication_procedure else 0
        while self.counter_queue and hours >= m.cfg.triage.handling_hours_per_request:
            hours -= m.cfg.triage.handling_hours_per_request
            request = self.counter_queue.popleft()
            request.decide_at = m.clock + delay
            self.waiting.append(request)
        draws = m.streams.give_up.uniform(m.clock, np.array([r.idx for r in self.waiting], dtype=np.int64))
        give_up = step_prob(pol.give_up_per_year, m.dt)
        still = []
        for request, draw in zip(self.waiting, draws.tolist()):
            if request.decide_at <= m.clock:
                if m.policy.indication_procedure:
                    m.ledger.charge(WMO, ITEM.indication, pol.indication_cost_eur)
                self.admit(request.idx, by_supporter=False)  # the indication decides Wmo
            elif draw < give_up:
                self.give_up(request.idx)
            else:
                still.append(request)
        self.waiting = still

    def give_up(self, idx: int) -> None:
        """Someone stops waiting: no care, and more reluctant to ask next time."""
        people = self.model.people
        people.pending[idx] = False
        people.shyness[idx] = min(1.0, people.shyness[idx] + self.model.cfg.help.give_up_shyness_rise)
        self.model.events.gave_up += 1

    def admit(self, idx: int, by_supporter: bool) -> None:
        """Accept a request: informal first (the supporter mobilises the network), then volunteers and
        professionals (`grant`)."""
        m, people = self.model, self.model.people
        people.pending[idx] = False
        if people.status[idx] != Status.HOME:
            return
        people.client[idx] = True
        people.assessed_level[idx] = people.level[idx]
        people.needs_review[idx] = False
        m.events.requests_solved += 1
        handler = m.streams.triage.table(m.clock, people.n, 1)[idx, 0]  # this person's draw this week
        handlers = m.staff.of(Role.SUPPORTER if by_supporter else Role.COUNTER)
        if handlers:  # the handler now knows the person (the counter only by case file)
            m.staff.meet(handlers[int(handler * len(handlers))], np.array([idx]))
        if by_supporter:  # mobilise the network: ask a neighbour or friend
            add_carer(m, idx)
        self.grant(idx, authority=not by_supporter or m.policy.supporter_grants_wmo())

    def grant(self, idx: int, authority: bool) -> None:
        """Volunteer match for social need; Zvw nursing; Wmo domestic help if `authority` (else a handover
        to the counter's indication); each unless the payer has stopped new clients."""
        m, people = self.model, self.model.people
        need = people.need[idx]
        asked = need[SOCIAL] - people.given[idx, 0, SOCIAL]
        if asked > 0 and people.buddy[idx] < 0:
            people.buddy[idx] = match_volunteer(m, idx, asked, self.volunteers)
        if need[PERSONAL] > 0 and not people.nursing_ok[idx]:
            people.nursing_ok[idx] = self.accepted(idx, ZVW)
        if need[DOMESTIC] > 0 and not people.domestic_ok[idx]:
            if authority or not m.policy.indication_procedure:
                people.domestic_ok[idx] = self.accepted(idx, WMO)
            elif not people.pending[idx]:
                self.submit([(idx, Route.HANDOVER)])

    def accepted(self, idx: int, payer: str) -> bool:
        """Whether `payer` takes on a new client; refused at a client stop, a person grows shyer of asking."""
        m = self.model
        if not m.funders[payer].client_stop:
            return True
        m.events.client_stops += 1
        m.people.shyness[idx] = min(1.0, m.people.shyness[idx] + m.cfg.help.refusal_shyness_rise)
        return False

    def review_caseload(self) -> None:
        """Clients whose need is gone leave the caseload and care they no longer need ends; a known client whose
        need grew, or whose volunteer or carer stopped, asks again (a changed need is a new question)."""
        m, people = self.model, self.model.people
        n, need = people.n, people.need[: people.n]
        client = people.view("client")
        done = np.flatnonzero(client & (people.total_need() == 0))
        client[done] = False
        m.events.clients_discharged += done.size
        people.view("nursing_ok")[need[:, PERSONAL] == 0] = False
        people.view("domestic_ok")[need[:, DOMESTIC] == 0] = False
        buddy = people.view("buddy")
        freed = np.flatnonzero((buddy >= 0) & (need[:, SOCIAL] <= people.given[:n, 0, SOCIAL]))
        buddy[freed] = -1  # the volunteer is free for someone else
        changed = client & people.home & ~people.view("pending") & (
            (people.view("level") > people.view("assessed_level")) | people.view("needs_review"))
        self.submit([(i, Route.CHANGE) for i in np.flatnonzero(changed).tolist()])
