"""The model against its calibration targets (data/calibration_targets.csv), small: Austerlitz, 4 seeds x 5 years under
the arrangement each target names (its status quo; no cooperative ever), through the same comparison as
`python -m experiments calibrate`. It fails when a target leaves its band."""

import pandas as pd
import pytest
from helpers import config

from analysis.calibration import compare, load_targets
from experiments.calibrate import ARRANGEMENTS
from sim.run import run_model

SEEDS, YEARS = 4, 5


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    surveys = {}
    for arrangement, overrides in ARRANGEMENTS.items():
        rows = [run_model(config("community=austerlitz", *overrides, f"run.years={YEARS}", f"run.replicate={r}"))[2]
                .drop(columns="survey_year").mean() for r in range(SEEDS)]
        surveys[arrangement] = pd.DataFrame(rows)
    return compare(load_targets("austerlitz"), surveys)


def test_every_target_is_inside_its_band(result):
    outside = result[~result["inside"]]
    assert outside.empty, "\n" + outside[["target", "policy", "model_mean", "low", "high"]].to_string()


def test_every_row_of_the_target_table_is_measured(result):
    assert len(result) == len(pd.read_csv("data/calibration_targets.csv"))  # Austerlitz: every row applies
    assert result["model_mean"].notna().all()
