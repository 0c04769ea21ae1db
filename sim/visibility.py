"""Who the system knows: unaddressed and hidden need, and each person's care state this week.

Unaddressed need is unmet need of a person with no request pending who is not a client, or a client whom no
current worker or matched volunteer knows any more. It is *hidden* when, on top, nobody in the system knows
the person at all: when workers leave, the people only they knew drop out of sight.
"""

import numpy as np

from .professionals import ALL_ROLES
from .residents import INFORMAL, CareState, Residents, Status


def unmet_before_formal(people: Residents) -> np.ndarray:
    """Need hours per person not covered by informal care."""
    return np.maximum(people.total_need() - people.total_given(INFORMAL), 0.0)


def known_now(model) -> np.ndarray:
    """Whether any current worker knows each person."""
    return model.staff.known(model.people.n, ALL_ROLES)


def unaddressed(people: Residents, unmet: np.ndarray, known: np.ndarray, idx=None) -> np.ndarray:
    """People at home with unmet need, no request pending, and no client that anyone current knows; for everyone, or
    for the persons `idx` only (`known` then for them), which costs a few lookups rather than a pass over all."""
    idx = slice(0, people.n) if idx is None else idx
    in_sight = people.client[idx] & (known | (people.buddy[idx] >= 0))
    return (people.status[idx] == Status.HOME) & (unmet[idx] > 1e-9) & ~people.pending[idx] & ~in_sight


def hidden(people: Residents, unmet: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Unaddressed need of people whom no current worker or matched volunteer knows."""
    return unaddressed(people, unmet, known) & ~known & (people.view("buddy") < 0)


def care_states(model) -> np.ndarray:
    """`CareState` of every person ever created: no need, met, unmet but known, hidden, nursing home, gone."""
    people, n = model.people, model.people.n
    need = people.total_need()
    unmet = need - people.total_given()
    state = np.full(n, CareState.NO_NEED, dtype=np.int8)
    state[need > 1e-9] = CareState.MET
    state[(need > 1e-9) & (unmet > 1e-9)] = CareState.UNMET_KNOWN
    state[hidden(people, unmet_before_formal(people), known_now(model))] = CareState.HIDDEN
    status = people.view("status")
    state[status == Status.NURSING_HOME] = CareState.NURSING_HOME
    state[status > Status.NURSING_HOME] = CareState.GONE
    return state
