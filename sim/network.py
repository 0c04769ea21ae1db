"""The social network: households (strong ties), family in other households (an older person's adult child
living nearby), street neighbours, age-homophilous friends, activity ties.

Nodes are resident indices; every edge has a `kind`. All randomness comes from the network stream, and networkx
generators get `seed=rng`, so one seed gives one network.
"""

import networkx as nx
import numpy as np

from .params import NetworkParams


def household_ties(graph: nx.Graph, members: np.ndarray, household: np.ndarray) -> None:
    """Connect everyone in the same household."""
    order = members[np.argsort(household[members], kind="stable")]
    groups = np.split(order, np.flatnonzero(np.diff(household[order])) + 1)
    for group in groups:
        for k, a in enumerate(group.tolist()):
            for b in group[k + 1 :].tolist():
                graph.add_edge(a, b, kind="household")


def street_ties(graph: nx.Graph, members: np.ndarray, street: np.ndarray, rng: np.random.Generator,
                p: NetworkParams) -> None:
    """Neighbours along each street: a small-world ring per street (next doors plus a few further)."""
    k = p.street_neighbours
    for s in np.unique(street[members]).tolist():
        residents = members[street[members] == s]
        if residents.size <= k:
            continue
        ring = nx.watts_strogatz_graph(residents.size, k, p.street_rewire_prob, seed=rng)
        for a, b in ring.edges():
            graph.add_edge(int(residents[a]), int(residents[b]), kind="street")


def friend_ties(graph: nx.Graph, adults: np.ndarray, pool: np.ndarray, age: np.ndarray,
                rng: np.random.Generator, p: NetworkParams) -> None:
    """Friendships with age homophily: each adult befriends someone in `pool` near an age drawn around their own."""
    order = pool[np.argsort(age[pool])]
    sorted_ages = age[order]
    for _ in range(p.friends_per_adult):
        target = age[adults] + rng.normal(0, p.friend_age_sd, adults.size)
        pos = np.clip(np.searchsorted(sorted_ages, target), 0, order.size - 1)
        for a, b in zip(adults.tolist(), order[pos].tolist()):
            if a != b and not graph.has_edge(a, b):
                graph.add_edge(a, b, kind="friend")


def family_ties(graph: nx.Graph, members: np.ndarray, age: np.ndarray, household: np.ndarray,
                 rng: np.random.Generator, p: NetworkParams) -> None:
    """Some older residents have an adult child living nearby: a tie to an adult of about a generation younger in
    another household."""
    older = members[(age[members] >= 55) & (rng.random(members.size) < p.child_nearby_prob)]
    pool = members[(age[members] >= 25) & (age[members] < 70)]
    order = pool[np.argsort(age[pool])]
    if older.size == 0 or order.size == 0:
        return
    target = age[older] - p.child_age_gap + rng.normal(0, 5, older.size)
    pos = np.clip(np.searchsorted(age[order], target), 0, order.size - 1)
    for a, b in zip(older.tolist(), order[pos].tolist()):
        if household[a] != household[b] and not graph.has_edge(a, b):
            graph.add_edge(a, b, kind="family")


def build_graph(members: np.ndarray, age: np.ndarray, household: np.ndarray, street: np.ndarray,
                rng: np.random.Generator, p: NetworkParams) -> nx.Graph:
    """The initial network over the residents `members` (indices)."""
    graph = nx.Graph()
    graph.add_nodes_from(members.tolist())
    household_ties(graph, members, household)
    street_ties(graph, members, street, rng, p)
    adults = members[age[members] >= 18]
    friend_ties(graph, adults, adults, age, rng, p)
    family_ties(graph, members, age, household, rng, p)
    return graph


def connect_newcomers(graph: nx.Graph, new: np.ndarray, present: np.ndarray, age: np.ndarray,
                      household: np.ndarray, street: np.ndarray, rng: np.random.Generator, p: NetworkParams) -> None:
    """Ties for births and arrivals: their household, a few street neighbours, friends among present adults."""
    if new.size == 0:
        return
    graph.add_nodes_from(new.tolist())
    household_ties(graph, present[np.isin(household[present], household[new])], household)
    for a in new.tolist():
        neighbours = present[(street[present] == street[a]) & (present != a)]
        for b in rng.choice(neighbours, min(p.street_neighbours, neighbours.size), replace=False).tolist():
            graph.add_edge(a, b, kind="street")
    adults = new[age[new] >= 18]
    pool = present[age[present] >= 18]
    if adults.size and pool.size:
        friend_ties(graph, adults, pool, age, rng, p)


def add_activity_tie(graph: nx.Graph, a: int, b: int, week: int) -> bool:
    """A weak tie made at a shared activity; returns whether it is new."""
    if a == b or graph.has_edge(a, b):
        return False
    graph.add_edge(a, b, kind="activity", since=week)
    return True


def end_activity_tie(graph: nx.Graph, a: int, b: int) -> None:
    graph.remove_edge(a, b)

