"""The model against its calibration targets (data/calibration_targets.csv), small: Austerlitz, 4 seeds x 5 years under
the arrangement each target names (its status quo; no cooperative ever), through the same comparison as
`python -m experiments calibrate`. A target fails when it misses its band: when the mean over the seeds lies outside
the band by more than its standard error (analysis.calibration.compare, `miss`). Inputs are tested too: a check that
fails is a bug. A validation row is reported whatever it shows: one it misses is named in HELD_OUT_MISSES (strict, so
it fails once the row comes inside), never tuned on. And the table says what each row is: input, input-derived or emergent; fit, validation or check;
which parameters were tuned on it."""

import inspect
import re
from dataclasses import fields

import pandas as pd
import pytest
from helpers import config
from omegaconf import OmegaConf

from analysis.calibration import FIT_COMMUNITY, KINDS, ROLES, TARGETS, compare, fit_targets, load_targets, tuned_on
from experiments.calibrate import ARRANGEMENTS
from sim.params import Config
from sim.run import run_model
from sim.schema import SURVEY_NAMES, SURVEY_YEAR

SEEDS, YEARS = 4, 5
TABLE = pd.read_csv(TARGETS, keep_default_na=False)


@pytest.fixture(scope="module")
def result() -> pd.DataFrame:
    surveys = {}
    for arrangement, overrides in ARRANGEMENTS.items():
        rows = [run_model(config("community=austerlitz", *overrides, f"run.years={YEARS}", f"run.replicate={r}"))[2]
                .drop(columns=SURVEY_YEAR).mean() for r in range(SEEDS)]
        surveys[arrangement] = pd.DataFrame(rows)
    return compare(load_targets("austerlitz"), surveys).set_index("id")


def test_austerlitz_is_compared_on_every_row(result):
    assert len(result) == len(TABLE) and result["model_mean"].notna().all() and (result["seeds"] == SEEDS).all()


HELD_OUT_MISSES = {  # validation rows the fitted model misses, on record in docs/calibration: reported, not tuned away
    "carers_very_heavy": "held out: the model's very heavily burdened carers sit at the top of their band or above "
                         "(7.4% over 8 seeds x 10 years, 8% here; CBS 4.5%, band 2.5-7%): its mark, midway between the "
                         "two others, was set before fitting and is not moved to meet the held-out row",
}


def known_miss(target: str):
    """A held-out miss stays a failure to explain, not a pass: strict, so the test fails once the row comes inside."""
    reason = HELD_OUT_MISSES.get(target)
    return pytest.param(target, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else target


@pytest.mark.parametrize("target", [known_miss(t) for t in TABLE["id"]])
def test_no_target_misses_its_band(result, target):
    row = result.loc[target]
    assert not row["miss"], (f"{row['target']} ({row['kind']}, {row['role']}): mean {row['model_mean']:.4g} ± se "
                             f"{row['model_se']:.2g} over {SEEDS} seeds, band {row['low']:g}-{row['high']:g}")


def test_only_held_out_rows_may_be_known_misses():
    """Fit rows and input checks must sit in their bands; only validation rows are reported whatever they show."""
    assert set(TABLE.set_index("id").loc[list(HELD_OUT_MISSES), "role"]) <= {"validation"}


def test_every_target_is_a_survey_measure_with_a_source_and_a_band_around_its_reference():
    assert set(TABLE["measure"]) <= set(SURVEY_NAMES)
    assert TABLE["id"].is_unique and TABLE["source"].str.len().gt(3).all()
    assert ((TABLE["low"] <= TABLE["reference"]) & (TABLE["reference"] <= TABLE["high"])).all()
    assert set(TABLE["policy"]) <= set(ARRANGEMENTS)


def test_every_target_says_what_it_is_and_only_emergent_rows_are_scored():
    assert set(TABLE["kind"]) <= set(KINDS) and set(TABLE["role"]) <= set(ROLES)
    assert ((TABLE["kind"] == "emergent") == (TABLE["role"] != "check")).all()  # inputs are checks, never fit rows
    assert TABLE["why"].str.len().gt(10).all()
    assert {"fit", "validation"} <= set(TABLE["role"])


def test_the_tuned_on_column_names_exactly_the_parameters_params_py_says_were_calibrated():
    """A parameter whose comment in sim/params.py says it was calibrated names a target row here, and back."""
    defaults = OmegaConf.structured(Config())
    named = set().union(*tuned_on(TABLE))
    assert all(OmegaConf.select(defaults, name) is not None for name in named), named
    calibrated = set()
    for section in fields(Config):
        for line in inspect.getsource(type(getattr(Config(), section.name))).splitlines():
            found = re.match(r"\s+(\w+):.*#.*\bcalibrated\b", line)
            calibrated |= {f"{section.name}.{found[1]}"} if found else set()
    assert named == calibrated


def test_a_fit_reads_only_the_fit_rows_of_the_fit_community():
    fit = fit_targets()
    assert set(fit["id"]) == set(TABLE.loc[TABLE["role"] == "fit", "id"]) and (fit["scored_as"] == "fit").all()
    assert not (load_targets("ruwaard")["scored_as"] == "fit").any()  # elsewhere every emergent row validates
    assert (load_targets(FIT_COMMUNITY)["scored_as"] == "validation").sum() == (TABLE["role"] == "validation").sum()
    with pytest.raises(SystemExit) as refused:
        fit_targets(["policy=status_quo", "community=ruwaard"])
    assert refused.value.code == 2
