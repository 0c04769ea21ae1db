"""Run folders -> tables: one row per run (flattened config + summary, EMA-workbench style), a long time series
keyed by run, the failed runs, and the swept factors (from the design the runner saved, else the columns that
vary).

Nothing is read silently wrong: a run with a corrupt, truncated or missing file is named, skipped and listed
(error UNREADABLE); settings that differ between runs without being swept are found (unswept_differences), and a
folder holding other study folders is refused (nested_studies) rather than pooled.

Runs in the study's Parquet dataset (results/dataset.py) are read from it (their files were read back when the
run finished and its row was written); only the other runs open their folders (results/runs.py)."""

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from results import dataset
from results.columns import REPLICATE, RUN_ID, SECONDS
from results.files import FILES, STUDY
from results.runs import UNREADABLE, UnreadableFile, read_finished, read_json, read_series, read_sweep, run_folders
from sim.params import Config

GROUPS = ("community", "policy", "scenario")  # config groups: the option's name column is `<group>.name`
NOT_FACTORS = {REPLICATE, "run.seed", "study.name", "study.question"}  # a seed is a draw, not a setting compared
SECTIONS = {f.name for f in fields(Config)}  # a runs-table column `<section>.<key>` comes from the run's config


@dataclass
class Factor:
    """A swept setting: its runs-table column and its levels (first level = default reference)."""

    column: str
    levels: list

    @property
    def numeric(self) -> bool:
        return all(pd.api.types.is_number(v) and not pd.api.types.is_bool(v) for v in self.levels)


def load_runs(study_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(runs, failures): one row per finished run (config + summary) and one per run that left FAILED.json or
    whose files cannot be read (error UNREADABLE, message naming the file and why)."""
    study_dir = Path(study_dir)
    stored = dataset.read_runs(study_dir)
    stored = stored.drop(columns=SECONDS, errors="ignore").set_index(RUN_ID)
    rows, failures, order = [], [], []
    for folder in run_folders(study_dir):
        run_id = folder.relative_to(study_dir).as_posix()
        try:
            if (folder / FILES.summary).exists():
                if run_id not in stored.index:
                    rows.append({RUN_ID: run_id, **read_finished(folder)})
                order.append(run_id)
            else:
                record = read_json(folder / FILES.failed)
                failures.append({RUN_ID: run_id, "error": record.get("error"), "message": record.get("message"),
                                 "overrides": " ".join(record.get("overrides", []))})
        except UnreadableFile as err:
            failures.append({RUN_ID: run_id, "error": UNREADABLE, "message": str(err), "overrides": ""})
    known = stored.loc[stored.index.isin(order)].copy()  # a copy is consolidated: many columns, few blocks
    parts = [part for part in (known.reset_index(), pd.DataFrame(rows)) if len(part)]
    runs = pd.concat(parts, ignore_index=True).set_index(RUN_ID).loc[order].reset_index() if parts else pd.DataFrame()
    return runs, pd.DataFrame(failures, columns=[RUN_ID, "error", "message", "overrides"])


def nested_studies(study_dir: Path) -> list[str]:
    """Folders below `study_dir` that are study folders themselves (hold a study.yaml): their runs must not be
    pooled with each other's."""
    study_dir = Path(study_dir)
    return sorted(p.parent.relative_to(study_dir).as_posix() for p in study_dir.rglob(STUDY.sweep)
                  if p.parent != study_dir and STUDY.analysis not in p.relative_to(study_dir).parts)


def unswept_differences(runs: pd.DataFrame, factors: list["Factor"]) -> dict[str, list]:
    """Config settings that differ between runs of the same parameter point: settings nobody swept (run.years,
    community, seed ...), so pooling those runs would mix two experiments. Setting -> its values. A setting that
    older runs do not have at all (added to the model since) is not a difference: the code-version warning
    covers it."""
    columns = [c for c in runs.columns if c.split(".")[0] in SECTIONS and c not in (REPLICATE, "study.question")]
    keys = [f.column for f in factors]
    groups = runs.groupby(keys, dropna=False) if keys else [(None, runs)]
    differ = {}
    for _, group in groups:
        for column in columns:
            if column not in differ and group[column].dropna().astype(str).nunique() > 1:
                differ[column] = sorted(runs[column].dropna().astype(str).unique())
    return differ


def load_timeseries(study_dir: Path, runs: pd.DataFrame) -> pd.DataFrame:
    """The weekly time series of every finished run, stacked in the order of `runs`, with its run_id: from the
    dataset for the runs it holds, from the run folders for the others."""
    parts = dataset.run_parts(study_dir)
    stored = {run_id: parts[run_id] for run_id in runs[RUN_ID] if run_id in parts} if RUN_ID in runs else {}
    frames = [dataset.read_timeseries(study_dir, stored)] if stored else []
    frames += [read_series(study_dir, run_id) for run_id in runs.get(RUN_ID, []) if run_id not in stored]
    if not frames:
        return pd.DataFrame(columns=[RUN_ID])
    stacked = pd.concat(frames, ignore_index=True)
    rank = stacked[RUN_ID].map({run_id: i for i, run_id in enumerate(runs[RUN_ID])})
    return stacked.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def sweep_values(study_dir: Path) -> dict[str, list[str]]:
    """Swept key -> values as written, in sweep order, from the design the study runner saved ({} if absent)."""
    design = read_sweep(study_dir)
    return {str(k): [str(v) for v in values] for k, values in design["sweeps"].items()} if design else {}


def find_factors(runs: pd.DataFrame, study_dir: Path | None = None) -> list[Factor]:
    """The settings that vary between runs, in sweep order; a group (policy=...) is its `.name` column. Without a
    declared sweep (a folder of single runs) every config setting that varies, never an output (outputs such as
    cost items vary from run to run) and never the seed (runs with different seeds are not paired, so they are
    refused by unswept_differences rather than compared)."""
    declared = sweep_values(study_dir) if study_dir else {}
    columns = [f"{k}.name" if k in GROUPS else k for k in declared if k != REPLICATE]
    if not declared:  # not a Hydra multirun: every varying setting, names first
        varying = [c for c in runs.columns if c.split(".")[0] in SECTIONS and c not in NOT_FACTORS
                   and runs[c].nunique() > 1]
        columns = sorted(varying, key=lambda c: not c.endswith(".name"))
    factors = []
    for column in columns:
        if column in runs and runs[column].nunique() > 1 and not _same_split(runs, column, factors):
            order = declared.get(column.removesuffix(".name") if column.endswith(".name") else column, [])
            factors.append(Factor(column, _ordered_levels(runs[column], order)))
    return factors


def _same_split(runs: pd.DataFrame, column: str, factors: list[Factor]) -> bool:
    """True when `column` only renames an earlier factor (e.g. scenario settings that come with scenario.name)."""
    return any(runs.groupby(f.column)[column].nunique().max() == 1 and runs.groupby(column)[f.column].nunique().max()
               == 1 for f in factors)


def _ordered_levels(values: pd.Series, order: list[str]) -> list:
    """Levels in the order the sweep lists them (matching text or number), then any others sorted."""
    levels = list(pd.unique(values.dropna()))
    ranked = []
    for text in order:
        ranked += [v for v in levels if v not in ranked and (str(v) == text or _same_number(v, text))]
    return ranked + sorted((v for v in levels if v not in ranked), key=str)


def _same_number(value, text: str) -> bool:
    try:
        return float(value) == float(text)
    except (TypeError, ValueError):
        return False
