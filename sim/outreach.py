"""Outreach: supporters visit older residents regularly and neighbourhood assistants go door to door. A visit
starts a relationship, lowers shyness, and finds unaddressed need with some probability (a request that needs
no asking)."""

import numpy as np

from .professionals import ALL_ROLES, Role
from .residents import Residents
from .triage import Route
from .visibility import unaddressed


def visit_targets(people: Residents, min_age: float, n_visits: int, tiebreak: np.ndarray) -> np.ndarray:
    """The residents at home of at least `min_age` visited longest ago (in `tiebreak` order among equals)."""
    eligible = np.flatnonzero(people.home & (people.view("age") >= min_age))
    if eligible.size == 0 or n_visits <= 0:
        return eligible[:0]
    order = np.lexsort((tiebreak[eligible], people.last_visit[eligible]))
    return eligible[order[:n_visits]]


class VisitQueue:
    """`visit_targets` for one worker after another, sorted once: the residents not visited this week, longest ago
    first. Each worker takes the next ones; visited people go to the back, so the rest keep their order. Only when
    the queue runs out (everyone eligible was visited this week) does a worker sort again."""

    def __init__(self, people: Residents, min_age: float, tiebreak: np.ndarray, week: int):
        self.people, self.min_age, self.tiebreak = people, min_age, tiebreak
        eligible = np.flatnonzero(people.home & (people.view("age") >= min_age))
        eligible = eligible[people.last_visit[eligible] < week]
        self.order = eligible[np.lexsort((tiebreak[eligible], people.last_visit[eligible]))]
        self.next = 0

    def take(self, n_visits: int) -> np.ndarray:
        """The next worker's `n_visits` residents (the same as `visit_targets` would choose now)."""
        if self.next + n_visits <= self.order.size:
            self.next += n_visits
            return self.order[self.next - n_visits : self.next]
        self.next = self.order.size
        return visit_targets(self.people, self.min_age, n_visits, self.tiebreak)


def outreach(model, unmet: np.ndarray) -> list[tuple[int, Route]]:
    """This week's visits by every supporter and assistant; returns the need they found as referrals."""
    people, o, found = model.people, model.cfg.outreach, []
    rng = model.streams.outreach.week(model.clock)
    draws = model.streams.outreach.table(model.clock, people.n, 2)  # per person: visit order, opening up
    tiebreak, detect_draw = draws[:, 0], draws[:, 1]
    plans = ((Role.SUPPORTER, o.min_age, o.supporter_share * model.policy.unbilled_work_factor()),
             (Role.ASSISTANT, 18.0, o.assistant_share))
    for role, min_age, share in plans:
        workers = model.staff.of(role)
        queue = VisitQueue(people, min_age, tiebreak, model.clock) if workers else None  # none: nobody to sort for
        for pro in workers:
            visits = rng.poisson(pro.effective_hours() * share * o.visits_per_hour)
            who = queue.take(visits)
            open_need = unaddressed(people, unmet, model.staff.known_among(who, ALL_ROLES), who)
            opens_up = np.where(pro.knows(who), 1.0, o.stranger_detect_factor)
            detect = who[open_need & (detect_draw[who] < o.detect_prob * opens_up)]
            model.staff.meet(pro, who)
            people.last_visit[who] = model.clock
            people.shyness[who] *= 1 - o.shyness_drop
            model.events.outreach_visits += who.size
            model.events.found_by_outreach += detect.size
            people.pending[detect] = True
            found += [(i, Route.REFERRAL) for i in detect.tolist()]
    return found
