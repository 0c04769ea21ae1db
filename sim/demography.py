"""Who lives in the community: the initial population, households and streets, and renewal.

Renewal (births, young adults leaving, young households moving in) is what makes "double
ageing" a scenario: more young leavers and fewer arrivals age the village.
"""

import numpy as np

from . import scenarios
from .params import Config
from .rates import step_prob
from .residents import Status

AGE_MAX = 104.0


def sample_older_ages(rng: np.random.Generator, n: int, a: float, b: float) -> np.ndarray:
    """Ages 65+ distributed like Gompertz survivors from 65 (the shape of a stationary older population)."""
    grid = np.arange(65.0, AGE_MAX, 0.25)
    survival = np.exp(-a / b * (np.exp(b * (grid - 60)) - np.exp(b * 5)))
    cdf = np.cumsum(survival) / survival.sum()
    return np.interp(rng.random(n), cdf, grid) + rng.random(n) * 0.25


def initial_ages(cfg: Config, rng: np.random.Generator) -> np.ndarray:
    """Children, working-age adults and older adults in the preset's numbers."""
    c, m = cfg.community, cfg.mortality
    children = rng.uniform(0, 18, c.n_residents - c.n_adults)
    adults = rng.uniform(18, 65, c.n_adults - c.n_65plus)
    older = sample_older_ages(rng, c.n_65plus, m.gompertz_a, m.gompertz_b)
    return np.concatenate([children, adults, older])


def form_households(ages: np.ndarray, couple_share: float, rng: np.random.Generator) -> np.ndarray:
    """Household id per person: couples of similar age, singles, children placed with parents aged 25-55."""
    household = np.full(ages.size, -1, dtype=np.int32)
    adults = np.flatnonzero(ages >= 18)
    adults = adults[np.argsort(ages[adults] + rng.normal(0, 3, adults.size))]
    pairs = rng.random(adults.size) < couple_share
    next_id, i = 0, 0
    while i < adults.size:
        pair = i + 1 < adults.size and pairs[i]
        household[adults[i : i + 1 + pair]] = next_id
        next_id, i = next_id + 1, i + 1 + pair
    parent_households = np.unique(household[adults[(ages[adults] >= 25) & (ages[adults] < 55)]])
    children = np.flatnonzero(ages < 18)
    if children.size and parent_households.size:
        n_families = max(1, min(parent_households.size, children.size // 2))
        families = rng.choice(parent_households, n_families, replace=False)
        household[children] = families[rng.integers(0, n_families, children.size)]
    return household


def assign_streets(household: np.ndarray, per_street: int, rng: np.random.Generator) -> np.ndarray:
    """Street id per person: households in random order fill streets of about `per_street` people."""
    ids, sizes = np.unique(household, return_counts=True)
    order = rng.permutation(ids.size)
    street_by_id = np.empty(ids.size, dtype=np.int32)
    street_by_id[order] = np.cumsum(sizes[order]) // per_street
    return street_by_id[np.searchsorted(ids, household)]


def populate(model) -> np.ndarray:
    """Create the initial residents (ages, households, streets); return their indices."""
    people, cfg, rng = model.people, model.cfg, model.streams.population.week(model.clock)
    ages = initial_ages(cfg, rng)
    idx = people.add(ages.size)
    people.status[idx] = Status.HOME
    people.age[idx] = ages
    people.household[idx] = form_households(ages, cfg.community.older_couple_share, rng)
    people.street[idx] = assign_streets(people.household[idx], cfg.community.residents_per_street, rng)
    return idx


def births(model) -> np.ndarray:
    """Children born into households with an adult aged 25-45."""
    people, rng = model.people, model.streams.births.week(model.clock)
    expected = model.cfg.demography.birth_per_year_per_1000 / 1000 * people.present.sum() * model.dt
    parents = np.flatnonzero(people.home & (people.view("age") >= 25) & (people.view("age") < 45))
    n = int(rng.poisson(expected)) if parents.size else 0
    idx = people.add(n)
    chosen = parents[rng.integers(0, parents.size, n)] if n else parents[:0]
    people.status[idx] = Status.HOME
    people.age[idx] = 0.0
    people.household[idx] = people.household[chosen]
    people.street[idx] = people.street[chosen]
    people.born_week[idx] = model.clock
    return idx


def young_leave(model) -> np.ndarray:
    """Young adults (18-29) moving away for study and work."""
    people = model.people
    age = people.view("age")
    candidates = np.flatnonzero(people.home & (age >= 18) & (age < 30))
    draws = model.streams.move_out.uniform(model.clock, candidates)
    leave = candidates[draws < step_prob(scenarios.young_leave_per_year(model.cfg), model.dt)]
    people.status[leave] = Status.MOVED_OUT
    return leave


def move_in(model) -> np.ndarray:
    """Young households (one or two adults aged 22-40) moving into the community."""
    people, rng = model.people, model.streams.move_in.week(model.clock)
    rate = scenarios.move_in_per_year_per_1000(model.cfg) / 1000
    n_households = int(rng.poisson(rate * people.present.sum() * model.dt / 1.5))
    sizes = 1 + (rng.random(n_households) < 0.5)
    idx = people.add(int(sizes.sum()))
    first_new = int(people.household[: people.n].max()) + 1 if people.n else 0
    streets = people.view("street")
    n_streets = int(streets.max()) + 1 if streets.size else 1
    household = np.repeat(np.arange(first_new, first_new + n_households), sizes)
    people.status[idx] = Status.HOME
    people.age[idx] = rng.uniform(22, 40, idx.size)
    people.household[idx] = household
    people.street[idx] = np.repeat(rng.integers(0, n_streets, n_households), sizes)
    people.born_week[idx] = model.clock
    return idx
