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
    """Ties per person, in one flat pool: person i's neighbours (oldest tie first) are
    `pool[start[i] : start[i] + degree[i]]` and their kinds `pool_kinds[...]`, with `room[i]` places reserved; a
    person who runs out of room moves to a larger place at the end of the pool. A set of tie keys answers "are these
    two tied". Adding a tie that exists gives it the new kind, as networkx's `add_edge` does."""

    def __init__(self, capacity: int, room: int = 8):
        self.start = np.arange(capacity, dtype=np.int64) * room
        self.room = np.full(capacity, room, dtype=np.int64)
        self.degree = np.zeros(capacity, dtype=np.int64)
        self.pool = np.full(capacity * room, -1, dtype=np.int32)
        self.pool_kinds = np.zeros(capacity * room, dtype=np.int8)
        self.used = capacity * room  # the pool's first free place
        self.nodes = np.zeros(capacity, dtype=bool)  # who is in the network (present residents)
        self.keys: set[int] = set()  # every tie once, as `key(a, b)`

    @staticmethod
    def key(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """One number per unordered pair (residents are numbered below 2**31)."""
        return (np.minimum(a, b).astype(np.int64) << 32) | np.maximum(a, b)

    def __contains__(self, i: int) -> bool:
        return bool(self.nodes[i])

    def number_of_nodes(self) -> int:
        return int(self.nodes.sum())

    def grow(self, capacity: int) -> None:
        """Follow the residents' arrays when they grow (newcomers get no room until they have ties)."""
        extra = capacity - self.nodes.size
        if extra > 0:
            self.start = np.concatenate([self.start, np.full(extra, self.used, dtype=np.int64)])
            self.room = np.concatenate([self.room, np.zeros(extra, dtype=np.int64)])
            self.degree = np.concatenate([self.degree, np.zeros(extra, dtype=np.int64)])
            self.nodes = np.concatenate([self.nodes, np.zeros(extra, dtype=bool)])

    def add_nodes(self, idx: np.ndarray) -> None:
        self.nodes[idx] = True

    def neighbours(self, i: int) -> np.ndarray:
        return self.pool[self.start[i] : self.start[i] + self.degree[i]]

    def kinds(self, i: int) -> np.ndarray:
        return self.pool_kinds[self.start[i] : self.start[i] + self.degree[i]]

    def has_edge(self, a: int, b: int) -> bool:
        return ((min(a, b) << 32) | max(a, b)) in self.keys

    def has_edges(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        keys = self.key(np.asarray(a), np.asarray(b))
        return np.fromiter((k in self.keys for k in keys.tolist()), dtype=bool, count=keys.size)

    def places(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every tie of persons `idx`, flat: whose it is (position in `idx`) and its place in the pool, in order."""
        idx = np.asarray(idx, dtype=np.int64)
        degree = self.degree[idx]
        owner = np.repeat(np.arange(idx.size), degree)
        first = np.cumsum(degree) - degree
        return owner, np.repeat(self.start[idx], degree) + np.arange(owner.size) - first[owner]

    def of(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ties of persons `idx`, flat: whose (position in `idx`), neighbour and kind."""
        owner, place = self.places(idx)
        return owner, self.pool[place].astype(np.int64), self.pool_kinds[place]

    def _make_room(self, idx: np.ndarray, extra: np.ndarray) -> None:
        """Move persons `idx` who need `extra` more places than they have to larger places at the end of the pool."""
        short = self.degree[idx] + extra > self.room[idx]
        idx, extra = idx[short], extra[short]
        if idx.size == 0:
            return
        room = np.maximum(2 * self.room[idx], self.degree[idx] + extra)
        start = self.used + np.cumsum(room) - room
        self.used += int(room.sum())
        if self.used > self.pool.size:
            size = max(2 * self.pool.size, self.used)
            self.pool = np.concatenate([self.pool, np.full(size - self.pool.size, -1, dtype=np.int32)])
            self.pool_kinds = np.concatenate([self.pool_kinds, np.zeros(size - self.pool_kinds.size, dtype=np.int8)])
        owner, old = self.places(idx)
        new = start[owner] + old - self.start[idx][owner]
        self.pool[new], self.pool_kinds[new] = self.pool[old], self.pool_kinds[old]
        self.start[idx], self.room[idx] = start, room

    def add_edges(self, a: np.ndarray, b: np.ndarray, kind) -> None:
        """Ties a[k]-b[k] of `kind` (one kind, or one per pair), as if added one by one: a new tie takes its place
        at its first mention, and a tie that exists or is mentioned again takes the last kind given."""
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        if a.size == 0:
            return
        kind = np.broadcast_to(np.asarray(kind, dtype=np.int8), a.shape)
        _, first, inverse = np.unique(self.key(a, b), return_index=True, return_inverse=True)
        last = np.full(first.size, -1)
        np.maximum.at(last, inverse, np.arange(a.size))
        order = np.sort(first)
        a, b, kind = a[order], b[order], kind[last[inverse[order]]]
        old = self.has_edges(a, b)
        for x, y, k in zip(a[old].tolist(), b[old].tolist(), kind[old].tolist()):  # a kind changes: rare
            self.kinds(x)[self.neighbours(x) == y] = k
            self.kinds(y)[self.neighbours(y) == x] = k
        a, b, kind = a[~old], b[~old], kind[~old]
        self.keys.update(self.key(a, b).tolist())
        src, dst = np.stack([a, b], axis=1).ravel(), np.stack([b, a], axis=1).ravel()
        kinds = np.repeat(kind, 2)
        by_src = np.argsort(src, kind="stable")
        src, dst, kinds = src[by_src], dst[by_src], kinds[by_src]
        persons, counts = np.unique(src, return_counts=True)
        self._make_room(persons, counts)
        place = self.start[src] + self.degree[src] + np.arange(src.size) - np.searchsorted(src, src)
        self.pool[place], self.pool_kinds[place] = dst, kinds
        self.degree[persons] += counts

    def add_tie(self, a: int, b: int, kind: int) -> None:
        """One new tie a-b (they are not tied yet): `add_edges` for a single pair, without its batch work."""
        self.keys.add((min(a, b) << 32) | max(a, b))
        for x, y in ((a, b), (b, a)):
            if self.degree[x] == self.room[x]:
                self._make_room(np.array([x]), np.array([1]))
            place = self.start[x] + self.degree[x]
            self.pool[place], self.pool_kinds[place] = y, kind
            self.degree[x] += 1

    def remove_edge(self, a: int, b: int) -> None:
        """End the tie a-b; the other ties keep their order."""
        self.keys.discard((min(a, b) << 32) | max(a, b))
        for x, y in ((a, b), (b, a)):
            ties, kinds, d = self.neighbours(x), self.kinds(x), int(self.degree[x])
            col = int(np.flatnonzero(ties == y)[0])
            ties[col : d - 1], kinds[col : d - 1] = ties[col + 1 : d].copy(), kinds[col + 1 : d].copy()
            self.degree[x] = d - 1

    def remove_nodes(self, idx: np.ndarray) -> None:
        """People who died or moved away leave the network with all their ties."""
        idx = np.asarray(idx, dtype=np.int64)
        if idx.size == 0:
            return
        owner, neighbour, _ = self.of(idx)
        self.keys.difference_update(self.key(idx[owner], neighbour).tolist())
        gone = np.zeros(self.nodes.size, dtype=bool)
        gone[idx] = True
        rows = np.unique(neighbour)
        rows = rows[~gone[rows]]
        owner, place = self.places(rows)
        keep = ~gone[self.pool[place]]
        kept = np.bincount(owner[keep], minlength=rows.size)
        rank = np.cumsum(keep) - 1 - (np.cumsum(kept) - kept)[owner]  # each kept tie's place among its row's kept
        new = self.start[rows][owner] + rank
        self.pool[new[keep]], self.pool_kinds[new[keep]] = self.pool[place[keep]], self.pool_kinds[place[keep]]
        self.degree[rows] = kept
        self.degree[idx], self.nodes[idx] = 0, False

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every tie once (a < b) with its kind: for the browser page."""
        people = np.flatnonzero(self.degree)
        owner, b, kind = self.of(people)
        a = people[owner]
        return a[a < b], b[a < b], kind[a < b]


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


def draw_by_age(centres: np.ndarray, pool: np.ndarray, age: np.ndarray, sd: float, rng: np.random.Generator,
                bin_years: float = 1.0, chunk: int = 4096) -> np.ndarray:
    """For each centre age, one person of `pool`, chosen with probability proportional to exp(-(age - centre)^2 /
    2 sd^2): people of about that age, as many as there are. Ages are grouped in bins of `bin_years`; a bin is
    chosen by its head count x the kernel at its mean age, then a member uniformly. Nobody is favoured for being at
    the edge of the ages or alone in a sparse age range (drawing a target age and taking the person nearest it gave
    the youngest adult every draw below their age: thousands of ties in a town)."""
    if centres.size == 0 or pool.size == 0:
        return np.empty(0, dtype=np.int64)
    order = pool[np.argsort(age[pool], kind="stable")]
    bins = np.floor((age[order] - age[order[0]]) / bin_years).astype(np.int64)
    first = np.searchsorted(bins, np.arange(bins[-1] + 1))
    count = np.diff(np.append(first, order.size))
    mean_age = np.add.reduceat(age[order], first) / np.maximum(count, 1)
    u_bin, u_member = rng.random(centres.size), rng.random(centres.size)
    chosen = np.empty(centres.size, dtype=np.int64)
    for lo in range(0, centres.size, chunk):  # a (chunk x bins) table at a time: a town's adults in a few passes
        z = (mean_age[None, :] - centres[lo:lo + chunk, None]) / sd
        cdf = np.cumsum(count * np.exp(-0.5 * z * z), axis=1)
        pick = (cdf < (u_bin[lo:lo + chunk] * cdf[:, -1])[:, None]).sum(axis=1)
        pick = np.minimum(pick, bins[-1])
        chosen[lo:lo + chunk] = order[first[pick] + (u_member[lo:lo + chunk] * count[pick]).astype(np.int64)]
    return chosen


def friend_ties(graph: Network, adults: np.ndarray, pool: np.ndarray, age: np.ndarray,
                rng: np.random.Generator, p: NetworkParams) -> None:
    """Friendships with age homophily: each adult befriends someone in `pool` of about their own age
    (`draw_by_age`, sd `network.friend_age_sd`)."""
    for _ in range(p.friends_per_adult):
        friend = draw_by_age(age[adults], pool, age, p.friend_age_sd, rng)
        add_new_ties(graph, adults, friend, FRIEND, np.ones(adults.size, dtype=bool))


def family_ties(graph: Network, members: np.ndarray, age: np.ndarray, household: np.ndarray,
                rng: np.random.Generator, p: NetworkParams) -> None:
    """Some older residents have an adult child living nearby: a tie to an adult (25-69) of about a generation
    younger in another household (`draw_by_age` around their age less `network.child_age_gap`)."""
    older = members[(age[members] >= 55) & (rng.random(members.size) < p.child_nearby_prob)]
    pool = members[(age[members] >= 25) & (age[members] < 70)]
    if older.size == 0 or pool.size == 0:
        return
    child = draw_by_age(age[older] - p.child_age_gap, pool, age, p.child_age_sd, rng)
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
    nearby = present[np.isin(street[present], street[new])]  # only the newcomers' streets need sorting
    by_street = nearby[np.argsort(street[nearby], kind="stable")]
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
    graph.add_tie(a, b, ACTIVITY)
    return True


def end_activity_tie(graph: Network, a: int, b: int) -> None:
    graph.remove_edge(a, b)
