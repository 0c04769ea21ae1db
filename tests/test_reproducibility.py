"""One seed fixes a run completely; another replicate gives another run; and common random numbers hold: a policy
that changes one process leaves the other processes' draws where they were."""

import hashlib

import numpy as np
from helpers import config, run

from sim.run import build_model, run_and_write
from sim.streams import Stream, Streams, run_seed


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_gives_byte_identical_timeseries(tmp_path):
    cfg = config("run.years=0.5")
    run_and_write(cfg, tmp_path / "a")
    run_and_write(cfg, tmp_path / "b")
    assert digest(tmp_path / "a" / "timeseries.parquet") == digest(tmp_path / "b" / "timeseries.parquet")


def test_other_replicate_gives_other_timeseries(tmp_path):
    run_and_write(config("run.years=0.5"), tmp_path / "a")
    run_and_write(config("run.years=0.5", "run.replicate=1"), tmp_path / "b")
    assert digest(tmp_path / "a" / "timeseries.parquet") != digest(tmp_path / "b" / "timeseries.parquet")


def test_replicates_get_distinct_seeds_and_points_share_them():
    seeds = [run_seed(7, r) for r in range(50)]
    assert len(set(seeds)) == 50
    a, b = build_model(config("run.replicate=3")), build_model(config("run.replicate=3", "policy=tendering"))
    assert np.array_equal(a.people.view("age"), b.people.view("age"))  # the same village for every policy


def test_a_persons_draw_does_not_depend_on_who_else_is_drawn():
    alone = Stream(11, "mortality").uniform(5, np.array([9]))
    with_others = Stream(11, "mortality").uniform(5, np.array([2, 9, 40]))
    assert with_others[1] == alone[0]
    assert Stream(11, "mortality").uniform(6, np.array([9]))[0] != alone[0]  # another week, another draw
    assert Stream(11, "crises").uniform(5, np.array([9]))[0] != alone[0]  # another process, another draw


def test_a_process_draws_the_same_whatever_other_processes_drew():
    quiet, busy = Streams(11), Streams(11)
    for week in range(1, 4):
        busy.tenders.week(week).random(1000)  # a process that draws a lot (or not at all) in one run
        busy.meals.uniform(week, np.arange(500))
    assert np.array_equal(quiet.mortality.uniform(3, np.arange(50)), busy.mortality.uniform(3, np.arange(50)))
    assert quiet.births.week(3).random() == busy.births.week(3).random()


def test_policies_share_births_moves_and_early_deaths():
    """After the switch the policies differ in care, not in the people born, moving or (at first) dying."""
    base, _ = run("run.years=0.5")
    for policy in ("lump_sum", "tendering", "pooled_budget", "no_cooperative"):
        other, _ = run("run.years=0.5", f"policy={policy}")
        for column in ("births", "moved_in", "moved_out"):
            assert other[column].tolist() == base[column].tolist(), (policy, column)
        assert other["deaths"][:4].tolist() == base["deaths"][:4].tolist(), policy
