"""Help-seeking: who asks (shyness, urgency, trust in people known) and where (the known supporter or the
anonymous counter)."""

import numpy as np

from .rates import step_prob
from .residents import VolunteerStatus
from .triage import Route
from .visibility import known_now, unaddressed


def drift_shyness(model) -> None:
    """Shyness drifts back to the person's own: what a visit, a meal or a bad experience did wears off."""
    people, h = model.people, model.cfg.help
    shyness = people.view("shyness")
    shyness += model.dt * h.shyness_drift_per_year * (people.view("shyness_base") - shyness)


def trusted_tie(model, idx: np.ndarray) -> np.ndarray:
    """Whether each person knows a supporter/assistant, is a member, or has a volunteer or member as a tie."""
    people = model.people
    known = model.staff.known_among(idx) | people.member[idx]
    helpers = (people.vol_status == VolunteerStatus.ACTIVE) | people.member
    owner, tie, _ = model.graph.of(idx[~known])
    known[~known] = np.bincount(owner[helpers[tie]], minlength=int((~known).sum())) > 0
    return known


def seek_help(model, unmet: np.ndarray) -> list[tuple[int, Route]]:
    """People with unaddressed need ask with a weekly probability lowered by shyness, raised by trust."""
    people, h = model.people, model.cfg.help
    candidates = np.flatnonzero(unaddressed(people, unmet, known_now(model)))
    draws = model.streams.asking.uniform(model.clock, candidates)
    if candidates.size == 0:
        return []
    urgency = np.minimum(1.0, unmet[candidates] / h.urgent_unmet_hours)  # light needs feel less urgent
    trust = trusted_tie(model, candidates)
    rate = h.ask_per_year * (1 - people.shyness[candidates]) * urgency * np.where(trust, h.trust_multiplier, 1.0)
    asks = draws < step_prob(rate, model.dt)
    supporter_route = model.policy.supporter_route()
    return [(i, Route.SUPPORTER if supporter_route and t else Route.COUNTER)
            for i, t in zip(candidates[asks].tolist(), trust[asks].tolist())]
