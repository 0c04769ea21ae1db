"""Smoke: the default run works end to end from the command line and writes every output."""

import json
import subprocess
import sys

import pandas as pd
import pytest
from helpers import run

from sim.configs import CONFIG_DIR
from sim.schema import SERIES_NAMES as COLUMNS

REQUIRED_SUMMARY = (
    "cost_per_resident_per_year_eur", "unmet_share", "mean_hidden_need",
    "nursing_home_admissions_per_1000_65plus_per_year", "volunteer_burnouts_total", "mean_relational_continuity",
    "mean_lonely_share", "seed", "replicate", "run_seed", "code_version",
    "cost_wmo_eur_per_year", "cost_zvw_eur_per_year", "cost_wlz_eur_per_year", "cost_fund_eur_per_year",
    "cost_cooperative_eur_per_year",
)


REQUIRED_COLUMNS = (
    "step", "time_years", "population", "n_65plus", "n_80plus", "mean_frailty", "n_dementia", "need_hours",
    "met_informal_hours", "met_volunteer_hours", "met_professional_hours", "unmet_hours", "n_hidden_need",
    "help_requests", "n_in_nursing_home", "nursing_home_admissions", "deaths", "n_volunteers_active",
    "n_volunteers_burnt_out", "volunteers_quit", "volunteer_strain", "n_carers_overburdened", "lonely_share",
    "adult_shyness", "relational_continuity", "cost_wmo_eur", "cost_zvw_eur", "cost_wlz_eur", "cost_fund_eur",
    "cost_cooperative_eur",
)


def test_run_has_every_column_and_one_row_per_step():
    ts, summary = run()
    assert list(ts.columns) == list(COLUMNS) and set(REQUIRED_COLUMNS) <= set(COLUMNS)
    assert len(ts) == 52 and ts["step"].tolist() == list(range(1, 53))
    assert all(key in summary for key in REQUIRED_SUMMARY)


def test_cli_writes_outputs(tmp_path):
    out = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, "-m", "sim", "community=tiny", "run.years=0.5", "run.seed=3", f"hydra.run.dir={out}"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Cost per resident (EUR per resident per year)" in result.stdout and str(out) in result.stdout
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == 3 and summary["community"] == "tiny"
    assert len(pd.read_parquet(out / "timeseries.parquet")) == 26
    assert (out / "resolved_config.yaml").exists() and (out / ".hydra" / "config.yaml").exists()
    assert not list(out.glob(".*.tmp"))  # no half-written files left behind


POLICIES = sorted(p.stem for p in (CONFIG_DIR / "policy").glob("*.yaml") if p.stem != "status_quo")  # the six options
SCENARIOS = sorted(p.stem for p in (CONFIG_DIR / "scenario").glob("*.yaml"))


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_policy_runs_with_every_scenario(policy, scenario):
    ts, summary = run(f"policy={policy}", f"scenario={scenario}", "run.warmup_years=0.25", "run.years=0.5",
                      "scenario.cut_year=0.25", "scenario.fade_from_year=0.25")
    assert len(ts) == 26 and summary["policy"] == policy and summary["scenario"] == scenario
    assert summary["cost_total_eur_per_year"] > 0
