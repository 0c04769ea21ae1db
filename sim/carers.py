"""Informal care (mantelzorg): who cares for whom, how many hours, carer strain and collapse.

A person with a need gets a primary carer: an adult in the household, else (with some
probability) a friend. Carers give up to their capacity; strain builds with hours, with the
receiver's unmet need and dementia, is eased by support, and past 1 the carer collapses.
"""

import numpy as np

from .params import CarerParams
from .rates import step_prob
from .residents import Residents, Status


def can_care(people: Residents, idx: np.ndarray, week: int) -> np.ndarray:
    """Carers must be adults at home, without much need themselves, and not collapsed."""
    return ((people.status[idx] == Status.HOME) & (people.age[idx] >= 18) & (people.level[idx] <= 1)
            & (people.collapsed_until[idx] <= week))


def find_carer(model, i: int, tie: float) -> int:
    """A household adult if there is one, else a friend if `tie` (a uniform draw of the person looking) is below
    `informal_tie_prob`; the choice among them is the looker's (`Stream.choose`)."""
    people, week = model.people, model.clock
    ties = model.graph.adj[i] if i in model.graph else {}
    household = np.array([j for j, d in ties.items() if d["kind"] == "household"], dtype=np.int64)
    household = household[can_care(people, household, week)]
    if household.size:
        return model.streams.carers.choose(i, household)
    friends = np.array([j for j, d in ties.items() if d["kind"] in ("friend", "activity")], dtype=np.int64)
    friends = friends[can_care(people, friends, week)]
    if friends.size and tie < model.cfg.carers.informal_tie_prob:
        return model.streams.carers.choose(i, friends)
    return -1


def assign_carers(model, search_prob: float) -> None:
    """Drop carers who can no longer care; people in need without one look for one with `search_prob`."""
    people, week = model.people, model.clock
    carer = people.view("carer")
    has = carer >= 0
    lost = has.copy()
    lost[has] = ~can_care(people, carer[has], week)
    carer[lost | ~people.home] = -1
    looking = np.flatnonzero(people.home & (people.view("level") > 0) & (carer < 0))
    draws = model.streams.carers.uniform(week, looking, each=2)  # look at all, ask a friend or not
    for i, (look, tie) in zip(looking.tolist(), draws.tolist()):
        if look < search_prob:
            carer[i] = find_carer(model, i, tie)
    carer[people.view("level") == 0] = -1


def give_informal_care(model) -> np.ndarray:
    """Hours given by each receiver's carer, spread over need kinds in proportion; returns hours per receiver."""
    people, p = model.people, model.cfg.carers
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


def strain_carers(model, supported: np.ndarray) -> int:
    """Update carer strain and collapse carers whose strain reaches 1; returns the number collapsed.

    Load per carer = hours given / partner capacity + the receiver's unmet share (+ more with dementia).
    `supported` marks receivers whose carer gets support (supporter contact, day care).
    """
    people, p = model.people, model.cfg.carers
    n = people.n
    carer = people.view("carer")
    has = np.flatnonzero(carer >= 0)
    hours = people.given[has, 0, :].sum(axis=1)
    load_each = hours / p.household_hours + people.unmet_fraction[has] + p.dementia_load * people.dementia[has]
    relief = 1 - p.support_relief * supported[has]
    load = np.bincount(carer[has], weights=load_each * relief, minlength=n).astype(float)
    strain = people.view("carer_strain")
    strain += model.dt * (p.strain_per_year * load - p.recovery_per_year * strain)
    np.clip(strain, 0.0, None, out=strain)
    collapse = np.flatnonzero(strain >= 1.0)
    people.collapsed_until[collapse] = model.clock + model.weeks(p.collapse_weeks)
    strain[collapse] = 0.5
    return collapse.size


def overburdened(people: Residents, p: CarerParams, week: int) -> int:
    """Carers who are giving care with strain above the overburdened mark, or collapsed."""
    carer = people.view("carer")
    carers = np.unique(carer[carer >= 0])
    heavy = people.carer_strain[carers] >= p.overburdened
    collapsed = np.flatnonzero(people.view("collapsed_until") > week)
    return int(heavy.sum()) + collapsed.size


def search_prob(model) -> float:
    """Weekly chance that a person in need without a carer looks for one."""
    return float(step_prob(model.cfg.carers.search_per_year, model.dt))
