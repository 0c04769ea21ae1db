"""Outreach: supporters visit older residents regularly and neighbourhood assistants go door to door. A visit
starts a relationship, lowers shyness, and finds unaddressed need with some probability (a request that needs
no asking)."""

import numpy as np

from .professionals import Role
from .residents import Residents
from .triage import Route
from .visibility import known_now, unaddressed


def visit_targets(people: Residents, min_age: float, n_visits: int, tiebreak: np.ndarray) -> np.ndarray:
    """The residents at home of at least `min_age` visited longest ago (in `tiebreak` order among equals)."""
    eligible = np.flatnonzero(people.home & (people.view("age") >= min_age))
    if eligible.size == 0 or n_visits <= 0:
        return eligible[:0]
    order = np.lexsort((tiebreak[eligible], people.last_visit[eligible]))
    return eligible[order[:n_visits]]


def outreach(model, unmet: np.ndarray) -> list[tuple[int, Route]]:
    """This week's visits by every supporter and assistant; returns the need they found as referrals."""
    people, o, found = model.people, model.cfg.outreach, []
    rng = model.streams.outreach.week(model.clock)
    draws = model.streams.outreach.table(model.clock, people.n, 2)  # per person: visit order, opening up
    tiebreak, detect_draw = draws[:, 0], draws[:, 1]
    plans = ((Role.SUPPORTER, o.min_age, o.supporter_share * model.policy.unbilled_work_factor()),
             (Role.ASSISTANT, 18.0, o.assistant_share))
    for role, min_age, share in plans:
        for pro in model.staff.of(role):
            visits = rng.poisson(pro.effective_hours() * share * o.visits_per_hour)
            who = visit_targets(people, min_age, visits, tiebreak)
            open_need = unaddressed(people, unmet, known_now(model))[who]
            opens_up = np.where(model.staff.known_since[pro.slot, who] >= 0, 1.0, o.stranger_detect_factor)
            detect = who[open_need & (detect_draw[who] < o.detect_prob * opens_up)]
            model.staff.meet(pro, who)
            people.last_visit[who] = model.clock
            people.shyness[who] *= 1 - o.shyness_drop
            model.events.outreach_visits += who.size
            model.events.found_by_outreach += detect.size
            people.pending[detect] = True
            found += [(i, Route.REFERRAL) for i in detect.tolist()]
    return found
