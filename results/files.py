"""The names of the files a run and a study write, and the keys of a run's summary: each declared once."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RunFiles:
    """The files of one run folder; `summary` is written last, so its presence marks a finished run."""

    timeseries: str = "timeseries.parquet"
    summary: str = "summary.json"
    config: str = "resolved_config.yaml"
    survey: str = "survey.parquet"  # one row per recorded year: the yearly survey (sim/survey.py)
    failed: str = "FAILED.json"  # a run that raised: its overrides, the error and the traceback


@dataclass(frozen=True)
class StudyFiles:
    """The files and folders of one study folder, beside its run folders."""

    sweep: str = "study.yaml"  # the design the runner launched: swept keys and values, fixed settings
    design_table: str = "design.csv"  # a sampled design: each column a dotted parameter, each row a point
    problem: str = "problem.yaml"  # a sensitivity sample: method, size, seed and the SALib problem
    dataset: str = "dataset"  # the study's Parquet dataset (results/dataset.py)
    launches: str = "launches"  # one folder per launch: its plan, Hydra's and submitit's files
    analysis: str = "analysis"  # what `python -m analysis <study>` writes: tables and figures, never runs


FILES = RunFiles()
STUDY = StudyFiles()

UNITS_KEY = "units"  # in summary.json: each value's unit and period, so totals and yearly values are not confused
COST_ITEMS_KEY = "cost_items_eur"  # in summary.json: each payer's spending by item, summed over the whole run
