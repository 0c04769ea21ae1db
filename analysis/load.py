"""Run folders -> tables: one row per run (flattened config + summary, EMA-workbench style), a long time series
keyed by run, the failed runs, and the swept factors (from the design the runner saved, else the columns that
vary)."""

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from omegaconf import OmegaConf

from sim.schema import FILES

RUN_ID = "run_id"
REPLICATE = "run.replicate"
GROUPS = ("community", "policy", "scenario")  # config groups: the option's name column is `<group>.name`
NOT_FACTORS = {REPLICATE, "study.name", "study.question"}


@dataclass
class Factor:
    """A swept setting: its runs-table column and its levels (first level = default reference)."""

    column: str
    levels: list

    @property
    def numeric(self) -> bool:
        return all(pd.api.types.is_number(v) and not pd.api.types.is_bool(v) for v in self.levels)


def run_folders(study_dir: Path) -> list[Path]:
    """Every folder under the study holding a finished (summary) or failed (FAILED.json) run."""
    found = {p.parent for name in (FILES.summary, FILES.failed) for p in Path(study_dir).rglob(name)}
    return sorted(f for f in found if "analysis" not in f.relative_to(study_dir).parts)


def flatten(tree: dict, prefix: str = "") -> dict:
    """Nested dicts as dotted keys; lists become text so every cell is a scalar."""
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value) if isinstance(value, list) else value
    return flat


def load_runs(study_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(runs, failures): one row per finished run (config + summary) and one per run that left FAILED.json."""
    study_dir = Path(study_dir)
    rows, failures = [], []
    for folder in run_folders(study_dir):
        run_id = folder.relative_to(study_dir).as_posix()
        if (folder / FILES.summary).exists():
            config = OmegaConf.to_container(OmegaConf.load(folder / FILES.config))
            summary = json.loads((folder / FILES.summary).read_text())
            rows.append({RUN_ID: run_id, **flatten(config), **flatten(summary)})
        else:
            record = json.loads((folder / FILES.failed).read_text())
            failures.append({RUN_ID: run_id, "error": record.get("error"), "message": record.get("message"),
                             "overrides": " ".join(record.get("overrides", []))})
    return pd.DataFrame(rows), pd.DataFrame(failures, columns=[RUN_ID, "error", "message", "overrides"])


def load_timeseries(study_dir: Path, runs: pd.DataFrame) -> pd.DataFrame:
    """The weekly time series of every finished run, stacked, with its run_id."""
    frames = [pd.read_parquet(Path(study_dir) / run_id / FILES.timeseries).assign(**{RUN_ID: run_id})
              for run_id in runs[RUN_ID]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[RUN_ID])


def sweep_values(study_dir: Path) -> dict[str, list[str]]:
    """Swept key -> values as written, in sweep order, from the design the study runner saved ({} if absent)."""
    path = Path(study_dir) / FILES.design
    if not path.exists():
        return {}
    return {str(k): [str(v) for v in values] for k, values in yaml.safe_load(path.read_text())["sweeps"].items()}


def find_factors(runs: pd.DataFrame, study_dir: Path | None = None) -> list[Factor]:
    """The settings that vary between runs, in sweep order; a group (policy=...) is its `.name` column."""
    declared = sweep_values(study_dir) if study_dir else {}
    columns = [f"{k}.name" if k in GROUPS else k for k in declared if k != REPLICATE]
    if not declared:  # not a Hydra multirun: every varying setting, names first
        varying = [c for c in runs.columns if "." in c and c not in NOT_FACTORS and runs[c].nunique() > 1]
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
