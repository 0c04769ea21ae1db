"""Chunks of runs: one Hydra job (one SLURM task) runs several runs of a study one after another, so that thousands
of runs of seconds each do not swamp a scheduler with thousands of jobs of seconds each (Hydra #2786).

Each run still gets its own folder, named exactly as a one-run-per-job sweep names it, and goes through
sim/jobs.py: a finished folder is skipped, a failing run leaves FAILED.json and the chunk goes on. When its runs
are done the chunk writes its part of the study's Parquet dataset (results/dataset.py) once; a killed chunk
loses nothing that finished, as the runner adds runs missing from the dataset from their folders afterwards.
The runner writes a plan (which runs form which chunk) and sweeps the chunk number:
`python -m experiments.chunks -m plan=<out>/launches/<stamp>/plan.yaml chunk=range(0,K)`.
"""

import logging
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import hydra
import pandas as pd
import yaml
from hydra.core.config_store import ConfigStore

from results import dataset
from results.atomic import write_text
from results.columns import OFF, POLICY, SECONDS
from results.files import FILES
from results.runs import read_back
from sim.configs import compose_each
from sim.hydra_adapter import own_hydra
from sim.jobs import run_job
from sim.run import WarmUps

from .design import ROOT

log = logging.getLogger(__name__)
PLAN = "plan.yaml"
SEARCH_PATH = f"hydra.searchpath=[file://{ROOT}]"  # where Hydra finds the study files (`+experiments=<study>`)


@dataclass
class Plan:
    """Which runs each chunk of one launch runs: folder names in run order, each run's overrides, the fixed ones."""

    study_dir: str
    launch: str  # the launch's time stamp: names its folder and its dataset parts
    base: list[str]  # overrides every run shares (search path, study, fixed settings)
    chunks: list[list[str]]  # run folder names, chunk by chunk
    runs: dict[str, list[str]] = field(default_factory=dict)  # run folder name -> its swept overrides

    def save(self, path: Path) -> None:
        write_text(path, yaml.safe_dump(asdict(self), sort_keys=False))

    @classmethod
    def load(cls, path: Path) -> "Plan":
        return cls(**yaml.safe_load(Path(path).read_text()))


def warm_up_group(overrides: list[str]) -> tuple[str, ...]:
    """What runs that may share a warm-up have in common: their overrides but the policy and its mechanisms switched
    off (sim/run.py WarmUps decides from the whole config; this only puts them next to each other)."""
    return tuple(o for o in overrides if o.partition("=")[0].lstrip("+~") not in ("policy", POLICY, OFF))


def warm_up_groups(runs: dict[str, list[str]]) -> list[list[str]]:
    """The run folder names by warm-up group, in run order of each group's first run."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, overrides in runs.items():
        groups.setdefault(warm_up_group(overrides), []).append(name)
    return list(groups.values())


def make_plan(study_dir: Path, launch: str, base: list[str], runs: dict[str, list[str]], size: int) -> Plan:
    """Cut the runs into chunks of at most `size`, the runs that share a warm-up (the policies of one replicate) one
    after another in the same chunk where they fit, so that the chunk simulates their warm-up once."""
    return Plan(str(study_dir), launch, list(base), cut(warm_up_groups(runs), size), dict(runs))


def cut(groups: list[list[str]], size: int) -> list[list[str]]:
    """Chunks of at most `size` runs: each group in pieces of `size`, a piece joining the last chunk if it fits."""
    chunks: list[list[str]] = []
    for names in groups:
        for piece in (names[i:i + size] for i in range(0, len(names), size)):
            if chunks and len(chunks[-1]) + len(piece) <= size:
                chunks[-1] += piece
            else:
                chunks.append(piece)
    return chunks


PACK = 4  # runs per local chunk at least, where that costs no time: a Hydra job's set-up is ~0.3 s of CPU a run


def local_chunk_size(runs: dict[str, list[str]], slots: int) -> int:
    """Runs per chunk on this machine: the largest size, up to a warm-up group (the policies of a replicate share
    one warm-up) or PACK runs, with which the chunks would end as soon as with one run each (counted in runs, as
    if all took as long, and handed to `slots` workers in plan order as joblib does): so no core waits at the end
    for one long chunk."""
    groups = warm_up_groups(runs)
    fastest = finish(cut(groups, 1), slots)
    largest = max([PACK, *map(len, groups)])
    return next(size for size in range(largest, 0, -1) if finish(cut(groups, size), slots) <= fastest)


def finish(chunks: list[list[str]], slots: int) -> int:
    """When the last chunk ends, in runs, if each free worker takes the next chunk of the plan."""
    load = [0] * max(slots, 1)
    for chunk in chunks:
        load[load.index(min(load))] += len(chunk)
    return max(load)


def chunk_size(seconds_per_run: float, runs: int, slots: int, task_seconds: float) -> int:
    """Runs per chunk: enough that a task lasts about `task_seconds`, but never so many that fewer chunks than
    `slots` (tasks that may run at once) leave slots idle."""
    by_time = max(1, int(task_seconds // max(seconds_per_run, 1e-3)))
    return max(1, min(by_time, math.ceil(runs / max(slots, 1))))


@dataclass
class ChunkJob:
    """The chunk app's config: the plan and which of its chunks this job runs."""

    plan: str = ""
    chunk: int = 0


ConfigStore.instance().store(name="chunk_job", node=ChunkJob)


def run_chunk(plan: Plan, index: int) -> int:
    """Run the unfinished runs of chunk `index`, one after another, then write the chunk's dataset part once
    (also when a run raises past run_job); returns how many finished now."""
    study = Path(plan.study_dir)
    todo = [name for name in plan.chunks[index] if not (study / name / FILES.summary).exists()]
    log.info("chunk %d: %d of %d runs to do", index, len(todo), len(plan.chunks[index]))
    rows, series, warm_ups = [], [], WarmUps()
    try:
        with own_hydra():
            composed = compose_each([SEARCH_PATH, *plan.base], [plan.runs[name] for name in todo])
            for name, (overrides, config) in zip(todo, composed):
                start = time.perf_counter()
                (study / name).mkdir(parents=True, exist_ok=True)  # a started run has its folder, as Hydra makes one
                if run_job(lambda c=config: _raise_or(c), study / name, [*plan.base, *overrides], warm_ups) is None:
                    continue
                try:
                    row, frame = read_back(study, name)
                except (OSError, ValueError) as err:  # kept out of the dataset; the analysis names it from its folder
                    log.error("%s finished but does not read back: %s", name, err)
                    continue
                rows.append({**row, SECONDS: time.perf_counter() - start})
                series.append(frame)
    finally:
        write_part(study, f"{plan.launch}-{index:05d}", rows, series)
    log.info("chunk %d: %d runs finished, %d started from a shared warm-up", index, len(rows), warm_ups.shared)
    return len(rows)


def write_part(study: Path, part: str, rows: list[dict], series: list[pd.DataFrame]) -> None:
    """The chunk's part of the dataset, written once: rewriting it after every run would cost time quadratic in
    the chunk's size. A chunk killed before this loses no run: its runs are in their folders, and the runner adds
    them to the dataset afterwards (gather_missing)."""
    if not rows:
        return
    try:
        dataset.write_part(study, part, rows, series)
    except OSError as err:  # the runs are safe in their folders; the analysis reads them from there
        log.error("dataset part not written: %s", err)


def gather_missing(study: Path, run_dirs: list[str], part: str) -> int:
    """Add the finished runs the dataset lacks (their chunk was killed before it wrote its part, or they ran
    before the dataset existed) as one part, read back from their folders; returns how many."""
    parts = dataset.run_parts(study)
    rows, series = [], []
    for name in run_dirs:
        if name in parts or not (study / name / FILES.summary).exists():
            continue
        try:
            row, frame = read_back(study, name)
        except (OSError, ValueError):  # unreadable: the analysis names it when it reads the folder
            continue
        rows.append(row)
        series.append(frame)
    write_part(study, part, rows, series)
    return len(rows)


def _raise_or(config):
    """The config, or the ConfigError that refused it: run_job records it as the run's failure."""
    if isinstance(config, Exception):
        raise config
    return config


@hydra.main(version_base="1.3", config_path="../configs", config_name="chunk_job")
def main(cfg) -> None:
    """One job: one chunk. Returns nothing, so no results travel back to the launching process."""
    run_chunk(Plan.load(Path(cfg.plan)), int(cfg.chunk))


if __name__ == "__main__":
    main()
