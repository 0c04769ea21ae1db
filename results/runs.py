"""Reading a finished run back: its config and summary as one flat row of the runs table, every file checked.

A run with a corrupt, truncated or missing file raises UnreadableFile naming the file and why; the analysis lists it
(error UNREADABLE) instead of reading it silently wrong.
"""

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import yaml

from .columns import RUN_ID
from .files import FILES, STUDY, UNITS_KEY

UNREADABLE = "unreadable"  # the error of a run whose files cannot be read


def run_folders(study_dir: Path) -> list[Path]:
    """Every folder under the study holding a finished (summary) or failed (FAILED.json) run."""
    found = {p.parent for name in (FILES.summary, FILES.failed) for p in Path(study_dir).rglob(name)}
    return sorted(f for f in found if STUDY.analysis not in f.relative_to(study_dir).parts)


def flatten(tree: dict, prefix: str = "") -> dict:
    """Nested dicts as dotted keys; lists become text so every cell is a scalar."""
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value) if isinstance(value, list) else value
    return flat


class UnreadableFile(ValueError):
    """A run's file that is missing, truncated or corrupt: '<file>: <why>'."""


def read_finished(folder: Path) -> dict:
    """A finished run's config and summary as one flat row, after checking that every Parquet file reads."""
    config = read_yaml(folder / FILES.config)
    summary = read_json(folder / FILES.summary)
    summary.pop(UNITS_KEY, None)  # what each value's unit is: the schema's, not a column of the runs table
    for path in sorted({folder / FILES.timeseries, *folder.glob("*.parquet")}):
        try:
            pq.read_table(path)
        except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
            raise UnreadableFile(f"{path.name}: {_why(err)}") from err
    return {**flatten(config), **flatten(summary)}


def read_json(path: Path) -> dict:
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise UnreadableFile(f"{path.name}: {_why(err)}") from err
    if not isinstance(record, dict):
        raise UnreadableFile(f"{path.name}: not a JSON object")
    return record


def read_yaml(path: Path) -> dict:
    """A resolved config; YAML cut short usually still parses, so a text that does not end its last line (as
    every file sim/run.py writes does) counts as truncated. Parsed by libyaml: OmegaConf wrote it with PyYAML's
    dumper, which plain YAML reads back the same, and OmegaConf's own parser takes 13x as long (64 ms a file)."""
    try:
        text = path.read_text()
        tree = yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception as err:  # OSError, UnicodeDecodeError, yaml's errors
        raise UnreadableFile(f"{path.name}: {_why(err)}") from err
    if not isinstance(tree, dict) or not text.endswith("\n"):
        raise UnreadableFile(f"{path.name}: truncated or not a mapping of settings")
    return tree


def _why(err: BaseException) -> str:
    if isinstance(err, FileNotFoundError):
        return "missing"
    text = getattr(err, "strerror", None) or str(err)
    return next((line.strip() for line in text.splitlines() if line.strip()), type(err).__name__)


def read_sweep(study_dir: Path) -> dict:
    """The design the study runner saved in a study folder (study.yaml: the swept keys and values in sweep order, the
    fixed settings, the command line given), as written; {} when the folder has none."""
    path = Path(study_dir) / STUDY.sweep
    return yaml.safe_load(path.read_text()) if path.exists() else {}


def read_series(study: Path, run_id: str) -> pd.DataFrame:
    """A finished run's weekly time series, with its run_id (as the study's dataset and the analysis stack them)."""
    return pd.read_parquet(Path(study) / run_id / FILES.timeseries).assign(**{RUN_ID: run_id})


def read_survey(study: Path, run_id: str) -> pd.DataFrame:
    """A finished run's yearly survey, one row per recorded year."""
    return pd.read_parquet(Path(study) / run_id / FILES.survey)


def read_back(study: Path, name: str) -> tuple[dict, pd.DataFrame]:
    """A finished run's row of the runs table and its weekly series, as the study's dataset holds them."""
    return {RUN_ID: name, **read_finished(study / name)}, read_series(study, name)
