"""The social network has no hubs that its drawing makes: age-matched ties go to people of about the right age, as
many as there are, and nobody gets ties for being the youngest or oldest of the ages drawn from."""

import numpy as np
from helpers import config

from sim.network import FRIEND, draw_by_age
from sim.run import build_model


def test_age_matched_draws_spread_over_everyone_of_about_that_age():
    rng = np.random.default_rng(1)
    age = np.concatenate([rng.uniform(18, 65, 80_000), 65 + rng.exponential(8, 20_000)])  # a town's adults
    pool = np.arange(age.size)
    friend = draw_by_age(age, pool, age, 5.0, rng)
    received = np.bincount(friend, minlength=age.size)
    assert received.max() <= 10  # one draw each: Poisson around 1 (clipping gave the youngest about 40,000)
    youngest, oldest = np.argmin(age), np.argmax(age)
    assert received[youngest] <= 5 and received[oldest] <= 5
    middle = (age > 30) & (age < 55)
    assert abs(np.std(age[friend[middle]] - age[middle]) - 5.0) < 0.2  # the homophily asked for, where no edge is near
    assert 18 < age[friend[age < 19]].mean() < 25  # the youngest befriend young adults


def test_no_resident_of_a_district_has_more_ties_than_a_network_survey_can_name():
    """LASA's name generator caps a personal network at 80 members (Van Tilburg): a check, not a target."""
    model = build_model(config("community=ruwaard"))
    present = np.flatnonzero(model.people.present)
    degree = model.graph.degree[present]
    assert degree.max() <= 80 and np.percentile(degree, 99) <= 40
    owner, _, kind = model.graph.of(present)
    friends = np.bincount(owner[kind == FRIEND], minlength=present.size)
    assert friends.max() <= 20
    carers = model.people.carers[: model.people.n]
    assert np.bincount(carers[carers >= 0]).max() <= 4  # nobody starts as the informal carer of a crowd
