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


SORT_ALL_BELOW = 2048  # a village's queue is sorted whole: fewer steps than finding its front


def first_in_order(idx: np.ndarray, last: np.ndarray, tie: np.ndarray, count: int) -> np.ndarray:
    """The first `count` or a few more of `idx` in the order `idx[np.lexsort((tie, last))]` gives, without sorting
    them all (a municipality has tens of thousands to visit, a week's visits are a few hundred): those visited before
    the count's last visit week in full order, then those of that week whose tiebreak is low enough."""
    if count >= idx.size or idx.size < SORT_ALL_BELOW:
        return idx[np.lexsort((tie, last))]
    cut = last.min()  # most often the never visited are enough (np.partition is slow over many equal values)
    if np.count_nonzero(last == cut) < count:
        cut = np.partition(last, count - 1)[count - 1]
    before, at = np.flatnonzero(last < cut), np.flatnonzero(last == cut)
    low = np.partition(tie[at], count - before.size - 1)[count - before.size - 1]
    at = at[tie[at] <= low]
    before, at = before[np.lexsort((tie[before], last[before]))], at[np.argsort(tie[at], kind="stable")]
    return idx[np.concatenate([before, at])]


class VisitQueue:
    """`visit_targets` for one worker after another, sorted once: the residents not visited this week, longest ago
    first. Each worker takes the next ones; visited people go to the back, so the rest keep their order. Only the
    front of the queue is sorted, and more of it when a worker reaches its end; only when the queue runs out
    (everyone eligible was visited this week) does a worker sort everyone again."""

    def __init__(self, people: Residents, min_age: float, tiebreak: np.ndarray, week: int, expected: float = 0):
        self.people, self.min_age, self.tiebreak = people, min_age, tiebreak
        self.first = int(2 * expected) + 64  # how much to sort at first: `expected` visits are likely this week
        eligible = np.flatnonzero(people.home & (people.view("age") >= min_age))
        self.eligible = eligible[people.last_visit[eligible] < week]
        self.last, self.tie = people.last_visit[self.eligible], tiebreak[self.eligible]  # as they were at the start
        self.order = self.eligible[:0]  # the front of the queue, sorted
        self.next = 0

    def take(self, n_visits: int) -> np.ndarray:
        """The next worker's `n_visits` residents (the same as `visit_targets` would choose now)."""
        end = self.next + n_visits
        if end > self.eligible.size:
            self.next = self.eligible.size
            return visit_targets(self.people, self.min_age, n_visits, self.tiebreak)
        if end > self.order.size:
            self.order = first_in_order(self.eligible, self.last, self.tie, max(end, 2 * self.order.size, self.first))
        self.next = end
        return self.order[end - n_visits : end]


def outreach(model, unmet: np.ndarray) -> list[tuple[int, Route]]:
    """This week's visits by every supporter and assistant; returns the need they found as referrals."""
    people, o, found = model.people, model.cfg.outreach, []
    rng = model.streams.outreach.week(model.clock)
    draws = model.streams.outreach.table(model.clock, people.n, 2)  # per person: visit order, opening up
    tiebreak, detect_draw = draws[:, 0], draws[:, 1]
    plans = ((Role.SUPPORTER, o.min_age, o.supporter_share * model.policy.unbilled_work_factor()
              * model.policy.supporter_time()),
             (Role.ASSISTANT, 18.0, o.assistant_share))
    for role, min_age, share in plans:
        workers = model.staff.of(role)
        mean_visits = [pro.effective_hours() * share * o.visits_per_hour for pro in workers]
        queue = VisitQueue(people, min_age, tiebreak, model.clock, sum(mean_visits)) if workers else None
        for pro, mean in zip(workers, mean_visits):
            visits = rng.poisson(mean)
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
