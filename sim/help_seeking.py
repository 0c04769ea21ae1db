"""Help-seeking: who asks (shyness, trust in people known), where (the known supporter or the
anonymous counter), and outreach visits that find hidden need and build trust.

Unaddressed need is unmet need of a person with no request pending who is not a client, or a client
whom no current worker or matched volunteer knows any more. It is *hidden* when, on top, nobody in
the system knows the person at all: when workers leave, the people only they knew drop out of sight.
"""

import numpy as np

from .professionals import Role
from .rates import step_prob
from .residents import Residents, VolunteerStatus

SUPPORTER, COUNTER, REFERRAL, HANDOVER = "supporter", "counter", "referral", "handover"


def unmet_before_formal(people: Residents) -> np.ndarray:
    """Need hours per person not covered by informal care."""
    n = people.n
    return np.maximum(people.need[:n].sum(axis=1) - people.given[:n, 0, :].sum(axis=1), 0.0)


def unaddressed(people: Residents, unmet: np.ndarray, known: np.ndarray) -> np.ndarray:
    """People at home with unmet need, no request pending, and no client that anyone current knows."""
    in_sight = people.view("client") & (known | (people.view("buddy") >= 0))
    return people.home & (unmet > 1e-9) & ~people.view("pending") & ~in_sight


def hidden(people: Residents, unmet: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Unaddressed need of people whom no current worker or matched volunteer knows."""
    return unaddressed(people, unmet, known) & ~known & (people.view("buddy") < 0)


def known_now(model) -> np.ndarray:
    """Whether any current worker knows each person."""
    return model.staff.known(model.people.n, tuple(Role))


def hidden_now(model, unmet: np.ndarray) -> np.ndarray:
    """`hidden` with the relationships of all current workers."""
    return hidden(model.people, unmet, known_now(model))


def trusted_tie(model, idx: np.ndarray) -> np.ndarray:
    """Whether each person knows a supporter/assistant, is a member, or has a volunteer or member as a tie."""
    people = model.people
    known = model.staff.known(people.n)[idx] | people.member[idx]
    helpers = (people.view("vol_status") == VolunteerStatus.ACTIVE) | people.view("member")
    for k, i in enumerate(idx.tolist()):
        if not known[k] and i in model.graph:
            known[k] = any(helpers[j] for j in model.graph.adj[i])
    return known


def seek_help(model, unmet: np.ndarray) -> list[tuple[int, str]]:
    """People with unaddressed need ask with a weekly probability lowered by shyness, raised by trust."""
    people, h = model.people, model.cfg.help
    candidates = np.flatnonzero(unaddressed(people, unmet, known_now(model)))
    if candidates.size == 0:
        return []
    urgency = np.minimum(1.0, unmet[candidates] / h.urgent_unmet_hours)  # light needs feel less urgent
    trust = trusted_tie(model, candidates)
    rate = h.ask_per_year * (1 - people.shyness[candidates]) * urgency * np.where(trust, h.trust_multiplier, 1.0)
    asks = candidates[model.rng.random(candidates.size) < step_prob(rate, model.dt)]
    supporter_route = model.policy.has_cooperative and bool(model.staff.of(Role.SUPPORTER))
    trusts = trust[np.isin(candidates, asks)]
    return [(int(i), SUPPORTER if supporter_route and t else COUNTER) for i, t in zip(asks.tolist(), trusts.tolist())]


def visit_targets(people: Residents, min_age: float, n_visits: int, rng: np.random.Generator) -> np.ndarray:
    """The residents at home of at least `min_age` visited longest ago (random order among equals)."""
    eligible = np.flatnonzero(people.home & (people.view("age") >= min_age))
    if eligible.size == 0 or n_visits <= 0:
        return eligible[:0]
    order = np.lexsort((rng.random(eligible.size), people.last_visit[eligible]))
    return eligible[order[:n_visits]]


def outreach(model, unmet: np.ndarray) -> list[tuple[int, str]]:
    """Supporters visit older residents, assistants go door to door: relationships, less shyness,
    and hidden need found with some probability (a request that needs no asking)."""
    people, h, found = model.people, model.cfg.help, []
    plans = ((Role.SUPPORTER, h.outreach_age, h.outreach_share * model.policy.unbilled_work_factor()),
             (Role.ASSISTANT, 18.0, h.assistant_outreach_share))
    for role, min_age, share in plans:
        for pro in model.staff.of(role):
            visits = model.rng.poisson(pro.effective_hours() * share * h.outreach_visits_per_hour)
            who = visit_targets(people, min_age, visits, model.rng)
            open_need = unaddressed(people, unmet, known_now(model))[who]
            opens_up = np.where(model.staff.known_since[pro.slot, who] >= 0, 1.0, h.stranger_detect_factor)
            detect = who[open_need & (model.rng.random(who.size) < h.outreach_detect_prob * opens_up)]
            model.staff.meet(pro, who, model.steps)
            people.last_visit[who] = model.steps
            people.shyness[who] *= 1 - h.visit_shyness_drop
            model.record["outreach_visits"] += who.size
            found += [(int(i), REFERRAL) for i in detect.tolist()]
            model.record["found_by_outreach"] += detect.size
            people.pending[detect] = True
    return found
