"""The model against its calibration targets (data/calibration_targets.csv), small: Austerlitz, 4 seeds x 5 years under
the arrangement each target names (its status quo; no cooperative ever), through the same comparison as
`python -m experiments calibrate`. It fails when a target leaves its band: when the 95% interval of the mean over
the seeds lies wholly outside it. Four seeds of five years cannot place a mean near a band's edge on the right side
(the full report's eight seeds of ten years can); they can tell a target the model has left."""

import pandas as pd
import pytest
from helpers import config
from scipy import stats

from analysis.calibration import TARGETS, compare, load_targets
from experiments.calibrate import ARRANGEMENTS
from sim.run import run_model
from sim.schema import SURVEY_NAMES

SEEDS, YEARS = 4, 5


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    surveys = {}
    for arrangement, overrides in ARRANGEMENTS.items():
        rows = [run_model(config("community=austerlitz", *overrides, f"run.years={YEARS}", f"run.replicate={r}"))[2]
                .drop(columns="survey_year").mean() for r in range(SEEDS)]
        surveys[arrangement] = pd.DataFrame(rows)
    return compare(load_targets("austerlitz"), surveys)


def test_no_target_has_left_its_band(result):
    assert len(result) == len(pd.read_csv(TARGETS)) and result["model_mean"].notna().all()  # Austerlitz: every row
    half = stats.t.ppf(0.975, result["seeds"] - 1) * result["model_sd"] / result["seeds"] ** 0.5
    left = result[(result["model_mean"] + half < result["low"]) | (result["model_mean"] - half > result["high"])]
    assert left.empty, "\n" + left[["target", "policy", "model_mean", "model_sd", "low", "high"]].to_string()


def test_every_target_is_a_survey_measure_with_a_source_and_a_band_around_its_reference():
    targets = pd.read_csv(TARGETS)
    assert set(targets["measure"]) <= set(SURVEY_NAMES)
    assert targets["id"].is_unique and targets["source"].str.len().gt(3).all()
    assert ((targets["low"] <= targets["reference"]) & (targets["reference"] <= targets["high"])).all()
    assert set(targets["policy"]) <= set(ARRANGEMENTS)
