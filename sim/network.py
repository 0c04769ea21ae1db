"""The social network: households (strong ties), family in other households (an older person's adult child
living nearby), street neighbours, age-homophilous friends, activity ties.

Nodes are resident indices; every tie has a kind. The network is held per person (`Network`): row i lists
person i's neighbours in the order the ties were made and the kind of each, so the ties of a group of people are
one array lookup and every weekly question costs their ties, not a walk in Python. All randomness comes from the
network stream, and networkx generators get `seed=rng`, so one seed gives one network.
"""

import networkx as nx
import numpy as np

from .params import NetworkParams

KINDS = ("household", "family", "street", "friend", "activity")  # tie kinds, by their code in `Network.kinds`
HOUSEHOLD, FAMILY, STREET, FRIEND, ACTIVITY = range(len(KINDS))


class Network:
    """Ties per person: `ties[i, :degree[i]]` are person i's neighbours (oldest tie first), `kinds` their kinds.
    Adding a tie that exists gives it the new kind, as networkx's `add_edge` does."""

    def __init__(self, capacity: int, width: int = 8):
        self.ties = np.full((capacity, width), -1, dtype=np.int32)
        self.kinds = np.zeros((capacity, width), dtype=np.int8)
        self.degree = np.zeros(capacity, dtype=np.int32)
        self.nodes = np.zeros(capacity, dtype=bool)  # who is in the network (present residents)

    def __contains__(self, i: int) -> bool:
        return bool(self.nodes[i])

    def number_of_nodes(self) -> int:
        return int(self.nodes.sum())

    def grow(self, capacity: int) -> None:
        """Follow the residents' arrays when they grow."""
        extra = capacity - self.nodes.size
        if extra > 0:
            self.ties = np.vstack([self.ties, np.full((extra, self.ties.shape[1]), -1, dtype=np.int32)])
            self.kinds = np.vstack([self.kinds, np.zeros((extra, self.kinds.shape[1]), dtype=np.int8)])
            self.degree = np.concatenate([self.degree, np.zeros(extra, dtype=np.int32)])
            self.nodes = np.concatenate([self.nodes, np.zeros(extra, dtype=bool)])

    def _widen(self, width: int) -> None:
        """Room for `width` ties per person (doubling, so a busy person costs a copy now and then)."""
        new = max(width, 2 * self.ties.shape[1])
        extra = new - self.ties.shape[1]
        self.ties = np.hstack([self.ties, np.full((self.ties.shape[0], extra), -1, dtype=np.int32)])
        self.kinds = np.hstack([self.kinds, np.zeros((self.kinds.shape[0], extra), dtype=np.int8)])

    def add_nodes(self, idx: np.ndarray) -> None:
        self.nodes[idx] = True

    def neighbours(self, i: int) -> np.ndarray:
        return self.ties[i, : self.degree[i]]

    def has_edge(self, a: int, b: int) -> bool:
        return bool((self.neighbours(a) == b).any())

    def _column(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The column of b[k] in row a[k], -1 where they are not tied."""
        hit = self.ties[a] == b[:, None]
        return np.where(hit.any(axis=1), hit.argmax(axis=1), -1)

    def has_edges(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self._column(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)) >= 0

    def add_edges(self, a: np.ndarray, b: np.ndarray, kind) -> None:
        """Ties a[k]-b[k] of `kind` (one kind, or one per pair), as if added one by one: a new tie takes its place
        at its first mention, and a tie that exists or is mentioned again takes the last kind given."""
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        if a.size == 0:
            return
        kind = np.broadcast_to(np.asarray(kind, dtype=np.int8), a.shape)
        key = np.minimum(a, b) * self.nodes.size + np.maximum(a, b)
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        last = np.full(first.size, -1)
        np.maximum.at(last, inverse, np.arange(a.size))
        order = np.sort(first)
        a, b, kind = a[order], b[order], kind[last[inverse[order]]]
        src, dst = np.stack([a, b], axis=1).ravel(), np.stack([b, a], axis=1).ravel()
        kinds = np.repeat(kind, 2)
        col = self._column(src, dst)
        self.kinds[src[col >= 0], col[col >= 0]] = kinds[col >= 0]
        new = np.flatnonzero(col < 0)
        src, dst, kinds = src[new], dst[new], kinds[new]
        by_src = np.argsort(src, kind="stable")
        src, dst, kinds = src[by_src], dst[by_src], kinds[by_src]
        col = self.degree[src] + np.arange(src.size) - np.searchsorted(src, src)
        if col.size and col.max() >= self.ties.shape[1]:
            self._widen(int(col.max()) + 1)
        self.ties[src, col] = dst
        self.kinds[src, col] = kinds
        np.add.at(self.degree, src, 1)

    def remove_edge(self, a: int, b: int) -> None:
        """End the tie a-b; the other ties keep their order."""
        for x, y in ((a, b), (b, a)):
            d = int(self.degree[x])
            col = int(np.flatnonzero(self.ties[x, :d] == y)[0])
            self.ties[x, col : d - 1] = self.ties[x, col + 1 : d]
            self.kinds[x, col : d - 1] = self.kinds[x, col + 1 : d]
            self.ties[x, d - 1] = -1
            self.degree[x] = d - 1

    def remove_nodes(self, idx: np.ndarray) -> None:
        """People who died or moved away leave the network with all their ties."""
        idx = np.asarray(idx, dtype=np.int64)
        if idx.size == 0:
            return
        gone = np.zeros(self.nodes.size, dtype=bool)
        gone[idx] = True
        rows = np.unique(self.ties[idx])
        rows = rows[(rows >= 0)]
        rows = rows[~gone[rows]]
        block = self.ties[rows]
        keep = (block >= 0) & ~gone[block]
        order = np.argsort(~keep, axis=1, kind="stable")
        self.ties[rows] = np.where(np.take_along_axis(keep, order, axis=1), np.take_along_axis(block, order, 1), -1)
        self.kinds[rows] = np.take_along_axis(self.kinds[rows], order, axis=1)
        self.degree[rows] = keep.sum(axis=1)
        self.ties[idx], self.degree[idx], self.nodes[idx] = -1, 0, False

    def of(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ties of persons `idx`: neighbours and kinds, one row per person (-1 where a row has no more)."""
        width = int(self.degree[idx].max(initial=0))
        return self.ties[idx, :width], self.kinds[idx, :width]

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every tie once (a < b) with its kind: for the browser page."""
        a, col = np.nonzero(self.ties >= 0)
        b = self.ties[a, col]
        once = a < b
        return a[once], b[once].astype(np.int64), self.kinds[a, col][once]


def household_ties(graph: Network, members: np.ndarray, household: np.ndarray) -> None:
    """Connect everyone in the same household."""
    order = members[np.argsort(household[members], kind="stable")]
    same = household[order]
    first, second, gaps = [], [], []
    for gap in range(1, order.size):
        pairs = np.flatnonzero(same[gap:] == same[:-gap])
        if pairs.size == 0:
            break  # households are runs in `order`: no pair this far apart means none further
        first.append(pairs), second.append(pairs + gap), gaps.append(np.full(pairs.size, gap))
    if first:
        first, second = np.concatenate(first), np.concatenate(second)
        by_pair = np.lexsort((np.concatenate(gaps), first))  # pair by pair, as a loop over each household would
        graph.add_edges(order[first[by_pair]], order[second[by_pair]], HOUSEHOLD)


def street_ties(graph: Network, members: np.ndarray, street: np.ndarray, rng: np.random.Generator,
                p: NetworkParams) -> None:
    """Neighbours along each street: a small-world ring per street (next doors plus a few further)."""
    k = p.street_neighbours
    a, b = [], []
    for s in np.unique(street[members]).tolist():
        residents = members[street[members] == s]
        if residents.size <= k:
            continue
        ring = np.array(nx.watts_strogatz_graph(residents.size, k, p.street_rewire_prob, seed=rng).edges(),
                        dtype=np.int64).reshape(-1, 2)
        a.append(residents[ring[:, 0]]), b.append(residents[ring[:, 1]])
    if a:
        graph.add_edges(np.concatenate(a), np.concatenate(b), STREET)


def add_new_ties(graph: Network, a: np.ndarray, b: np.ndarray, kind: int, ok: np.ndarray) -> None:
    """Ties a[k]-b[k] where `ok` and not tied yet, as if checked and added one by one (a pair mentioned twice is
    tied at its first mention)."""
    a, b = a[ok & (a != b)], b[ok & (a != b)]
    new = ~graph.has_edges(a, b)
    a, b = a[new], b[new]
    _, first = np.unique(np.minimum(a, b) * graph.nodes.size + np.maximum(a, b), return_index=True)
    first.sort()
    graph.add_edges(a[first], b[first], kind)


def friend_ties(graph: Network, adults: np.ndarray, pool: np.ndarray, age: np.ndarray,
                rng: np.random.Generator, p: NetworkParams) -> None:
    """Friendships with age homophily: each adult befriends someone in `pool` near an age drawn around their own."""
    order = pool[np.argsort(age[pool])]
    sorted_ages = age[order]
    for _ in range(p.friends_per_adult):
        target = age[adults] + rng.normal(0, p.friend_age_sd, adults.size)
        pos = np.clip(np.searchsorted(sorted_ages, target), 0, order.size - 1)
        add_new_ties(graph, adults, order[pos], FRIEND, np.ones(adults.size, dtype=bool))


def family_ties(graph: Network, members: np.ndarray, age: np.ndarray, household: np.ndarray,
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
    child = order[pos]
    add_new_ties(graph, older, child, FAMILY, household[older] != household[child])


def build_graph(members: np.ndarray, age: np.ndarray, household: np.ndarray, street: np.ndarray,
                rng: np.random.Generator, p: NetworkParams, capacity: int) -> Network:
    """The initial network over the residents `members` (indices)."""
    graph = Network(capacity)
    graph.add_nodes(members)
    household_ties(graph, members, household)
    street_ties(graph, members, street, rng, p)
    adults = members[age[members] >= 18]
    friend_ties(graph, adults, adults, age, rng, p)
    family_ties(graph, members, age, household, rng, p)
    return graph


def connect_newcomers(graph: Network, new: np.ndarray, present: np.ndarray, age: np.ndarray,
                      household: np.ndarray, street: np.ndarray, rng: np.random.Generator, p: NetworkParams) -> None:
    """Ties for births and arrivals: their household, a few street neighbours, friends among present adults."""
    if new.size == 0:
        return
    graph.add_nodes(new)
    household_ties(graph, present[np.isin(household[present], household[new])], household)
    by_street = present[np.argsort(street[present], kind="stable")]
    bounds = np.searchsorted(street[by_street], street[new]), np.searchsorted(street[by_street], street[new], "right")
    a, b = [], []
    for person, start, stop in zip(new.tolist(), *(x.tolist() for x in bounds)):
        neighbours = by_street[start:stop]
        neighbours = neighbours[neighbours != person]
        chosen = rng.choice(neighbours, min(p.street_neighbours, neighbours.size), replace=False)
        a.append(np.full(chosen.size, person)), b.append(chosen)
    graph.add_edges(np.concatenate(a), np.concatenate(b), STREET)
    adults = new[age[new] >= 18]
    pool = present[age[present] >= 18]
    if adults.size and pool.size:
        friend_ties(graph, adults, pool, age, rng, p)


def add_activity_tie(graph: Network, a: int, b: int) -> bool:
    """A weak tie made at a shared activity; returns whether it is new."""
    if a == b or graph.has_edge(a, b):
        return False
    graph.add_edges(np.array([a]), np.array([b]), ACTIVITY)
    return True


def end_activity_tie(graph: Network, a: int, b: int) -> None:
    graph.remove_edge(a, b)
