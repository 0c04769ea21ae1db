"""The study's Parquet dataset: every finished run's row of the runs table and its weekly time series, written by
the job that ran it, so that analysing 10,000 runs reads a few dozen files instead of opening 10,000 folders.

Layout: `<study>/dataset/runs/part-<launch>-<chunk>.parquet` and the same name under `timeseries/`; one part per
chunk of runs (one SLURM task), written atomically once its runs are done, never changed by another job. The
time-series part is written first, so a runs part always has its series. A run that ran again (its folder was
deleted) takes its rows from the newest part. Runs the dataset lacks (a chunk cut short before it wrote its part,
a study run before the dataset existed) are read from their folders (results/runs.py), and the runner adds them as a
part of their own at the end of a study (experiments/chunks.gather_missing).
"""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .atomic import atomic_write
from .columns import RUN_ID, SECONDS
from .files import STUDY

FOLDER = STUDY.dataset
RUNS, TIMESERIES = "runs", "timeseries"


def part_paths(study_dir: Path, table: str = RUNS) -> list[Path]:
    """The parts of one table, oldest first (names start with the launch's time stamp)."""
    return sorted((Path(study_dir) / FOLDER / table).glob("part-*.parquet"))


def write_part(study_dir: Path, name: str, rows: list[dict], series: list[pd.DataFrame]) -> None:
    """Write (or replace) part `name`: the runs' rows and their stacked time series, series first."""
    folder = Path(study_dir) / FOLDER
    stacked = pd.concat(series, ignore_index=True)
    atomic_write(folder / TIMESERIES / f"part-{name}.parquet", lambda tmp: stacked.to_parquet(tmp, index=False))
    table = pd.DataFrame(rows)
    atomic_write(folder / RUNS / f"part-{name}.parquet", lambda tmp: table.to_parquet(tmp, index=False))


def readable_parts(study_dir: Path, columns: list[str] | None = None) -> list[tuple[Path, pa.Table]]:
    """The runs table's parts that can be read, oldest first (`columns` only, if given). A part that cannot be read
    is passed over; its runs are then read from their folders."""
    parts = []
    for path in part_paths(study_dir):
        try:
            parts.append((path, pq.read_table(path, columns=columns)))
        except (OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
            continue
    return parts


def read_runs(study_dir: Path) -> pd.DataFrame:
    """One row per run in the dataset (the newest if it ran twice), with run_seconds."""
    tables = [table for _, table in readable_parts(study_dir)]
    if not tables:
        return pd.DataFrame(columns=[RUN_ID])
    rows = pa.concat_tables(wide_integers(tables), promote_options="permissive").to_pandas()
    return rows.drop_duplicates(RUN_ID, keep="last").reset_index(drop=True)


def run_parts(study_dir: Path) -> dict[str, str]:
    """The part holding each run's rows (the newest if it ran twice), from the parts' run_id columns alone."""
    parts: dict[str, str] = {}
    for path, table in readable_parts(study_dir, columns=[RUN_ID]):
        parts.update(dict.fromkeys(table.column(RUN_ID).to_pylist(), path.name))
    return parts


def wide_integers(tables: list[pa.Table]) -> list[pa.Table]:
    """A column that is uint64 in one part and int64 in another becomes uint64 in all, as in a table pandas makes
    from the runs' summaries: run seeds fill all 64 bits, and a part whose seeds all fit int64 stores int64."""
    wide = {f.name for table in tables for f in table.schema if pa.types.is_uint64(f.type)}
    return [table.cast(pa.schema([pa.field(f.name, pa.uint64()) if f.name in wide and pa.types.is_int64(f.type)
                                  else f for f in table.schema])) for table in tables]


def read_timeseries(study_dir: Path, parts: dict[str, str]) -> pd.DataFrame:
    """The weekly series of the runs in `parts` (run_id -> part name), each from the part its row came from."""
    by_part: dict[str, set[str]] = {}
    for run_id, part in parts.items():
        by_part.setdefault(part, set()).add(run_id)
    frames = []
    for part, run_ids in sorted(by_part.items()):
        series = pd.read_parquet(Path(study_dir) / FOLDER / TIMESERIES / part)
        frames.append(series[series[RUN_ID].isin(run_ids)])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[RUN_ID])


def median_seconds(study_dir: Path) -> float | None:
    """The median wall time of a run recorded in the dataset, or None when it holds none."""
    rows = read_runs(study_dir)
    if SECONDS not in rows or rows[SECONDS].dropna().empty:
        return None
    return float(rows[SECONDS].median())
