"""Help-seeking: who asks (shyness, trust in people known), where (the known supporter or the
anonymous counter), and outreach visits that find hidden need and build trust.

Hidden need is need that nobody in the formal system knows about: unmet need of a person who is
not a client and has no request pending.
"""

import numpy as np

from .professionals import Role
from .rates import step_prob
from .residents import SOCIAL, Residents, VolunteerStatus

SUPPORTER, COUNTER, REFERRAL, HANDOVER = "supporter", "counter", "referral", "handover"


def unmet_before_formal(people: Residents) -> np.ndarray:
    """Need hours per person not covered by informal care."""
    n = people.n
    return np.maximum(people.need[:n].sum(axis=1) - people.given[:n, 0, :].sum(axis=1), 0.0)


def hidden(people: Residents, unmet: np.ndarray) -> np.ndarray:
    """People at home with unmet need who are neither clients nor waiting on a request."""
    return people.home & (unmet > 1e-9) & ~people.view("client") & ~people.view("pending")


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
    """People with hidden need ask with a weekly probability lowered by shyness, raised by trust."""
    people, h = model.people, model.cfg.help
    need = people.need[: people.n].sum(axis=1)
    candidates = np.flatnonzero(hidden(people, unmet))
    if candidates.size == 0:
        return []
    urgency = unmet[candidates] / need[candidates]
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
    plans = ((Role.SUPPORTER, h.outreach_age, h.outreach_share * model.policy.outreach_factor()),
             (Role.ASSISTANT, 18.0, h.assistant_outreach_share))
    for role, min_age, share in plans:
        for pro in model.staff.of(role):
            visits = model.rng.poisson(pro.effective_hours() * share * h.outreach_visits_per_hour)
            who = visit_targets(people, min_age, visits, model.rng)
            model.staff.meet(pro, who, model.steps)
            people.last_visit[who] = model.steps
            people.shyness[who] *= 1 - h.visit_shyness_drop
            model.record["outreach_visits"] += who.size
            is_hidden = hidden(people, unmet)[who]
            detect = who[is_hidden & (model.rng.random(who.size) < h.outreach_detect_prob)]
            found += [(int(i), REFERRAL) for i in detect.tolist()]
            people.pending[detect] = True
    return found
