"""Informal care (mantelzorg): who cares for whom, how many hours, carer strain and collapse.

A person with a need gets a primary carer: an adult in the household, else (with some
probability) a friend. Carers give up to their capacity; strain builds with hours, with the
receiver's unmet need and dementia, is eased by support, and past 1 the carer collapses.
"""

import networkx as nx
import numpy as np

from .params import CarerParams
from .residents import Residents, Status


def can_care(people: Residents, idx: np.ndarray, step: int) -> np.ndarray:
    """Carers must be adults at home, without much need themselves, and not collapsed."""
    return ((people.status[idx] == Status.HOME) & (people.age[idx] >= 18) & (people.level[idx] <= 1)
            & (people.collapsed_until[idx] <= step))


def find_carer(people: Residents, graph: nx.Graph, i: int, p: CarerParams, step: int,
               rng: np.random.Generator) -> int:
    """A household adult if there is one, else a friend with probability `informal_tie_prob`."""
    ties = graph.adj[i] if i in graph else {}
    household = np.array([j for j, d in ties.items() if d["kind"] == "household"], dtype=np.int64)
    household = household[can_care(people, household, step)]
    if household.size:
        return int(household[rng.integers(household.size)])
    friends = np.array([j for j, d in ties.items() if d["kind"] in ("friend", "activity")], dtype=np.int64)
    friends = friends[can_care(people, friends, step)]
    if friends.size and rng.random() < p.informal_tie_prob:
        return int(friends[rng.integers(friends.size)])
    return -1


def assign_carers(people: Residents, graph: nx.Graph, p: CarerParams, step: int, rng: np.random.Generator,
                  search_prob: float) -> None:
    """Drop carers who can no longer care; find one for people in need without one."""
    n = people.n
    carer = people.view("carer")
    has = carer >= 0
    lost = has.copy()
    lost[has] = ~can_care(people, carer[has], step)
    carer[lost | ~people.home] = -1
    for i in np.flatnonzero(people.home & (people.view("level") > 0) & (carer < 0)).tolist():
        if rng.random() < search_prob:
            carer[i] = find_carer(people, graph, i, p, step, rng)
    carer[:n][people.view("level") == 0] = -1


def give_informal_care(people: Residents, p: CarerParams) -> np.ndarray:
    """Hours given by each receiver's carer, spread over need kinds in proportion; returns hours per receiver."""
    n = people.n
    carer = people.view("carer")
    has = np.flatnonzero(carer >= 0)
    same_home = people.household[carer[has]] == people.household[has]
    capacity = np.where(same_home, p.household_hours, p.tie_hours)
    receivers_per_carer = np.bincount(carer[has], minlength=n)[carer[has]]
    capacity = capacity / receivers_per_carer
    need = people.need[has]
    total = need.sum(axis=1)
    fraction = np.divide(np.minimum(capacity, total), total, out=np.zeros_like(total), where=total > 0)
    people.given[:n, 0, :] = 0.0
    people.given[has, 0, :] = need * fraction[:, None]
    hours = np.zeros(n)
    hours[has] = need.sum(axis=1) * fraction
    return hours


def strain_carers(people: Residents, p: CarerParams, dt: float, step: int, collapse_steps: int,
                  supported: np.ndarray) -> int:
    """Update carer strain and collapse carers whose strain reaches 1; returns the number collapsed.

    Load per carer = hours given / partner capacity + the receiver's unmet share (+ more with dementia).
    `supported` marks receivers whose carer gets support (supporter contact, day care).
    """
    n = people.n
    carer = people.view("carer")
    has = np.flatnonzero(carer >= 0)
    hours = people.given[has, 0, :].sum(axis=1)
    load_each = hours / p.household_hours + people.unmet_share[has] + p.dementia_load * people.dementia[has]
    relief = 1 - p.support_relief * supported[has]
    load = np.bincount(carer[has], weights=load_each * relief, minlength=n).astype(float)
    strain = people.view("carer_strain")
    strain += dt * (p.strain_per_year * load - p.recovery_per_year * strain)
    np.clip(strain, 0.0, None, out=strain)
    collapse = np.flatnonzero(strain >= 1.0)
    people.collapsed_until[collapse] = step + collapse_steps
    strain[collapse] = 0.5
    return collapse.size


def overburdened(people: Residents, p: CarerParams, step: int) -> int:
    """Carers who are giving care with strain above the overburdened mark, or collapsed."""
    carer = people.view("carer")
    carers = np.unique(carer[carer >= 0])
    heavy = people.carer_strain[carers] >= p.overburdened
    collapsed = np.flatnonzero(people.view("collapsed_until") > step)
    return int(heavy.sum()) + collapsed.size
