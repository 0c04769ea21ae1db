"""Relationships and ties held sparsely behave as the dense forms they replaced: a workers x residents matrix of
the week first met, and a networkx graph built tie by tie."""

import networkx as nx
import numpy as np
from helpers import stepped

from sim.network import KINDS, Network
from sim.professionals import ALL_ROLES, RELATIONAL, Role
from sim.recorder import weekly_series
from sim.streams import Stream


def dense_since(staff, n: int) -> np.ndarray:
    """The old relationship matrix: week first met per (worker, resident), -1 if not, one row per current worker."""
    since = np.full((len(staff.members), n), -1)
    for row, pro in enumerate(staff.members):
        since[row, pro.known] = pro.since
    return since


def test_sparse_relationships_answer_as_the_dense_matrix_did():
    model = stepped("policy=tendering", "policy.tender_period_years=0.25", "scenario.staff_turnover_multiplier=6",
                    steps=40)
    staff, n, people = model.staff, model.people.n, model.people
    assert weekly_series(model)["staff_left"].sum() > 0  # switches and turnover happened
    since = dense_since(staff, n)
    for pro in staff.members:
        assert (np.diff(pro.known) > 0).all() and (pro.since <= model.clock).all()
        assert pro.knows(pro.known).all() and not pro.knows(np.setdiff1d(np.arange(n), pro.known)).any()
    for k, role in enumerate(ALL_ROLES):
        rows = [r for r, m in enumerate(staff.members) if m.role == role]
        assert (staff.n_known[k, :n] == (since[rows] >= 0).sum(axis=0)).all()
    relational = [r for r, m in enumerate(staff.members) if m.role in RELATIONAL]
    assert (staff.known(n) == (since[relational] >= 0).any(axis=0)).all()
    clients = np.flatnonzero(people.home & people.view("client"))
    years = np.where(since >= 0, (model.clock - since) / model.steps_per_year, 0.0).max(axis=0)[clients]
    assert staff.continuity(clients) == float(np.minimum(years / staff.p.continuity_years, 1.0).mean())
    workers = [r for r, m in enumerate(staff.members) if m.role != Role.COUNTER]
    assert staff.caseload_and_tenure(clients)[0] == float((since[workers][:, clients] >= 0).sum(axis=1).mean())


def test_a_leaver_takes_their_relationships_and_the_people_only_they_knew_grow_shyer():
    model = stepped(steps=20)
    staff, people = model.staff, model.people
    supporter = staff.of(Role.SUPPORTER)[0]
    knew = supporter.known.copy()
    others = np.any([pro.knows(knew) for pro in staff.members if pro is not supporter], axis=0)
    shyness = people.shyness[knew].copy()
    staff.leave(supporter, replace_after=None)
    assert supporter not in staff.members and supporter.known.size == 0
    assert (staff.known(people.n, ALL_ROLES)[knew] == others).all()
    assert (people.shyness[knew][~others] >= shyness[~others]).all()
    assert (people.shyness[knew][others] == shyness[others]).all()


def test_the_network_keeps_ties_as_networkx_adds_and_removes_them():
    rng = np.random.default_rng(5)
    graph, reference = Network(capacity=60, room=2), nx.Graph()
    graph.add_nodes(np.arange(60))
    reference.add_nodes_from(range(60))
    for _ in range(6):
        a, b = rng.choice(list(reference.nodes), 80), rng.choice(list(reference.nodes), 80)  # ties among those here
        keep = a != b
        a, b, kind = a[keep], b[keep], rng.integers(0, len(KINDS), keep.sum())
        graph.add_edges(a, b, kind)
        for x, y, k in zip(a.tolist(), b.tolist(), kind.tolist()):
            reference.add_edge(x, y, kind=k)
        x, y = next(iter(reference.edges()))
        graph.remove_edge(x, y), reference.remove_edge(x, y)
        gone = rng.choice(list(reference.nodes), 3, replace=False)
        graph.remove_nodes(gone), reference.remove_nodes_from(gone.tolist())
        for i in reference.nodes:
            assert graph.neighbours(i).tolist() == list(reference.adj[i])
            assert graph.kinds(i).tolist() == [d["kind"] for d in reference.adj[i].values()]
        assert graph.number_of_nodes() == reference.number_of_nodes()
        assert len(graph.edges()[0]) == reference.number_of_edges()


def test_a_choice_among_ties_is_the_same_alone_or_in_a_group():
    stream = Stream(7, "carers")
    chooser, candidates = 11, np.array([4, 9, 30, 2])
    alone = stream.choose(chooser, candidates)
    together = stream.pair(np.full(candidates.size, chooser), candidates)
    assert alone == candidates[np.argmin(together)]
