"""A study on a real single-node SLURM cluster (scripts/slurm-start.sh; Debian's slurm-wlm and munge): run through
hydra-submitit-launcher in chunks, a failing run isolated within its chunk and named as it appears, the runner
stopped mid-way (its job array cancelled), resumed with chunks sized from the recorded run time, and every output
byte-identical to the local launcher's; the study's Parquet dataset gives the analysis the same tables as the run
folders. Plus the pieces: chunk sizing, plans and cluster settings."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers import assert_tables_equal, tables

from experiments import cluster
from experiments.chunks import PACK, chunk_size, local_chunk_size, make_plan
from experiments.design import ROOT
from results.dataset import FOLDER, RUNS, part_paths, read_runs, run_parts, write_part
from results.files import FILES
from sim.validation import ConfigError

SLURM_ROOT = "/tmp/caring-communities-slurm"  # not under a 0700 folder: munged runs as user munge
STUDY = ["lumpsum_vs_tendering", "--replicates", "3", "--years", "0.1", "community=tiny", "policy=subsidy,tendering",
         "run.warmup_years=0"]  # runs of a fraction of a second: the test is about the launcher, not the model
OUTPUTS = (FILES.timeseries, FILES.summary, FILES.config, FILES.survey)


def test_chunks_last_the_target_time_but_keep_every_slot_busy():
    assert chunk_size(2.0, runs=10_000, slots=64, task_seconds=300) == 150  # a task of 5 minutes
    assert chunk_size(2.0, runs=100, slots=64, task_seconds=300) == 2  # 50 tasks rather than 1 of 200 s
    assert chunk_size(900.0, runs=100, slots=64, task_seconds=300) == 1  # runs longer than a task: one each
    assert chunk_size(0.0, runs=5, slots=1, task_seconds=300) == 5


def test_a_plan_puts_every_run_in_one_chunk_in_run_order(tmp_path):
    runs = {f"run.replicate={r}": [f"run.replicate={r}"] for r in range(7)}
    plan = make_plan(tmp_path, "stamp", ["community=tiny"], runs, 3)
    assert plan.chunks == [list(runs)[0:3], list(runs)[3:6], list(runs)[6:]]
    plan.save(tmp_path / "plan.yaml")
    assert type(plan).load(tmp_path / "plan.yaml") == plan


def test_the_runs_that_share_a_warm_up_go_to_one_chunk(tmp_path):
    """The policies of a replicate simulate the same warm-up: a chunk holds them together (sim/run.py WarmUps)."""
    runs = {f"policy={p},run.replicate={r}": [f"policy={p}", f"run.replicate={r}"] for p in "abc" for r in range(4)}
    name = "policy={},run.replicate={}".format
    assert make_plan(tmp_path, "stamp", [], runs, 3).chunks == [[name(p, r) for p in "abc"] for r in range(4)]
    assert make_plan(tmp_path, "stamp", [], runs, 2).chunks[:3] == [[name("a", 0), name("b", 0)], [name("c", 0)],
                                                                  [name("a", 1), name("b", 1)]]


def local_plan(runs: dict[str, list[str]], slots: int = 2) -> list[int]:
    """The sizes of the chunks the local launcher would run."""
    return [len(chunk) for chunk in make_plan(Path("."), "stamp", [], runs, local_chunk_size(runs, slots)).chunks]


def test_local_chunks_share_warm_ups_and_pack_runs_without_leaving_a_core_idle():
    def study(policies: str, replicates: int) -> dict[str, list[str]]:
        return {f"policy={p},run.replicate={r}": [f"policy={p}", f"run.replicate={r}"]
                for p in policies for r in range(replicates)}
    assert local_plan(study("abcdef", 12)) == [6] * 12  # the main study: one chunk per replicate
    assert local_plan(study("abcdef", 3)) == [3] * 6  # 3 chunks of 6 would leave a core idle for a third of the time
    assert local_plan(study("abcdef", 1)) == [3, 3]  # one replicate: both cores still work
    assert local_plan(study("a", 200)) == [PACK] * (200 // PACK)  # no warm-up to share: still a few runs per job
    assert local_plan(study("a", 1)) == [1]


def test_cluster_settings_come_from_the_file_then_the_options(tmp_path):
    assert cluster.load() == cluster.ClusterSettings()  # configs/cluster.yaml states the defaults
    mine = tmp_path / "mine.yaml"
    mine.write_text("partition: short\nmem_gb: 4\nadditional: {constraint: cpu}\n")
    settings = cluster.load(mine, mem_gb=8)
    assert (settings.partition, settings.mem_gb, settings.time_limit_min) == ("short", 8, 60)
    overrides = settings.launcher_overrides("study-x")
    assert "hydra/launcher=submitit_slurm" in overrides and "hydra.launcher.mem_gb=8" in overrides
    assert "hydra.launcher.partition='short'" in overrides
    assert "+hydra.launcher.additional_parameters.constraint='cpu'" in overrides
    mine.write_text("partitoin: short\n")
    with pytest.raises(ConfigError, match="partitoin"):
        cluster.load(mine)


def test_parts_with_and_without_64_bit_seeds_read_as_one_table(tmp_path):
    """Run seeds fill 64 bits: a part whose seeds all fit int64 stores int64, another uint64; read together they
    are the table pandas makes from the summaries (uint64, every digit kept)."""
    seeds = [5, 10222213035960493656]
    for i, seed in enumerate(seeds):
        write_part(tmp_path, f"{i}", [{"run_id": f"r{i}", "run_seed": seed}],
                   [pd.DataFrame({"week": [1], "run_id": [f"r{i}"]})])
    rows, parts = read_runs(tmp_path), run_parts(tmp_path)
    pd.testing.assert_frame_equal(rows, pd.DataFrame([{"run_id": f"r{i}", "run_seed": s} for i, s in enumerate(seeds)]))
    assert parts == {"r0": "part-0.parquet", "r1": "part-1.parquet"}


def run_study(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "experiments", "run", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def start_study(*args: str, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "experiments", "run", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def slurm():
    """A real single-node SLURM cluster: started here (installed first on a fresh machine) and stopped after,
    unless it was running already. If it cannot start, the test fails: a cluster test without a cluster proves
    nothing."""
    env = {**os.environ, "SLURM_ROOT": SLURM_ROOT}
    was_running = subprocess.run(["bash", "-c", f'kill -0 "$(cat {SLURM_ROOT}/run/slurmctld.pid)"'],
                                 capture_output=True).returncode == 0
    started = subprocess.run([str(ROOT / "scripts" / "slurm-start.sh")], env=env, capture_output=True, text=True,
                             timeout=600)
    assert started.returncode == 0, started.stdout + started.stderr
    env.update(SLURM_CONF=f"{SLURM_ROOT}/etc/slurm.conf", PATH=f"{SLURM_ROOT}/bin:{env['PATH']}")
    yield env
    if not was_running:
        subprocess.run([str(ROOT / "scripts" / "slurm-stop.sh")], env=env, capture_output=True, timeout=120)


def test_a_study_on_slurm_survives_a_failure_and_a_kill_and_equals_the_local_one(tmp_path, slurm):
    local, remote = tmp_path / "local", tmp_path / "slurm"
    reference = start_study(*STUDY, "--out", str(local), "--chunk-size", "3")  # the local launcher, meanwhile
    blocked = remote / "policy=subsidy,run.replicate=0" / FILES.timeseries
    blocked.mkdir(parents=True)  # the first run of the first chunk cannot write its output: it fails, alone
    runner = start_study(*STUDY, "--out", str(remote), "--launcher", "slurm", "--chunk-size", "3", "--parallelism",
                         "1", "--mem-gb", "1", "--time-limit", "5", env=slurm)
    wait_for(lambda: list(remote.glob("*/summary.json")) or runner.poll() is not None)
    runner.send_signal(signal.SIGTERM)  # mid-way: the second chunk has not started (one task at a time)
    output, _ = runner.communicate(timeout=120)
    assert runner.returncode == 143, output
    assert "failed: policy=subsidy,run.replicate=0: OutputError" in output.split("Stopped (SIGTERM)")[0]
    array = cluster.array_ids(next((remote / "launches").iterdir()))
    assert array and "cancelled SLURM job " + " ".join(array) in (remote / "multirun.log").read_text()
    wait_for(lambda: not queued(array, slurm), timeout=60)  # no task of the stopped study goes on
    finished = {p.parent.name: p.read_bytes() for p in remote.glob("*/summary.json")}
    assert 1 <= len(finished) < 6, output
    output, _ = reference.communicate(timeout=300)
    assert reference.returncode == 0, output
    runs = sorted(p.parent.name for p in local.glob("*/summary.json"))
    assert len(runs) == 6

    blocked.rmdir()
    result = run_study(*STUDY, "--out", str(remote), "--launcher", "slurm", "--parallelism", "2", "--mem-gb", "1",
                       "--time-limit", "5", env=slurm)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Already finished: {len(finished)}; to run: {6 - len(finished)}" in result.stdout
    assert "runs per chunk" in result.stdout and "Timing one run" not in result.stdout  # sized from recorded times
    assert {p.parent.name: p.read_bytes() for p in remote.glob("*/summary.json") if p.parent.name in finished} \
        == finished
    for run in runs:
        for name in OUTPUTS:
            assert (remote / run / name).read_bytes() == (local / run / name).read_bytes(), (run, name)
    assert len(part_paths(remote, RUNS)) <= 4  # one part per chunk, not one file per run
    rows = read_runs(remote)
    assert sorted(rows["run_id"]) == runs
    got = tables(remote)
    shutil.rmtree(remote / FOLDER)
    assert_tables_equal(got, tables(remote))


def queued(array: list[str], env: dict) -> str:
    """squeue's lines for the tasks of these job arrays (pending, running or completing)."""
    listed = subprocess.run(["squeue", "-h", "-j", ",".join(array)], env=env, capture_output=True, text=True)
    return listed.stdout.strip()


def wait_for(condition, timeout=180.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)
