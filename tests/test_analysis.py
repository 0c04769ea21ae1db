"""Analysis of hand-made run folders: the loaded tables, means, 95% intervals and paired differences come out as
computed by hand, failed runs and runs with broken files are skipped and listed, runs with different unswept
settings and folders of studies are refused, titles state what the data say, and run folders stay as they
were."""

import json
import re
from dataclasses import asdict

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf
from scipy import stats

from analysis.findings import wrong_pocket
from analysis.load import Factor, find_factors, load_runs, load_timeseries, unswept_differences
from analysis.markdown import differences_md
from analysis.study import main as analyse
from analysis.tables import interval, paired_differences, summarise, unpaired_half_width, yearly
from experiments.design import Design
from results.runs import UNREADABLE
from sim.params import Config
from sim.schema import PAYER_NAMES as PAYERS

T_975_2 = 4.302652729911275  # Student t, 97.5% quantile, 2 degrees of freedom
UNMET = {"subsidy": [0.10, 0.20, 0.30], "tendering": [0.15, 0.30, 0.35]}  # per replicate 0, 1, 2
WMO = {"subsidy": [100.0, 110.0, 120.0], "tendering": [130.0, 150.0, 140.0]}  # EUR per step


def write_run(folder, policy: str, replicate: int) -> None:
    """A run of 2 years x 4 steps whose numbers are chosen so the expected results can be worked out by hand."""
    cfg = Config()
    cfg.policy.name, cfg.run.replicate, cfg.run.years, cfg.run.steps_per_year = policy, replicate, 2.0, 4
    folder.mkdir(parents=True)
    steps = np.arange(1, 9)
    wmo = WMO[policy][replicate]
    ts = pd.DataFrame({
        "step": steps, "time_years": steps / 4, "population": 400, "unmet_hours": steps * 10.0, "n_hidden_need": 2,
        "nursing_home_admissions": (steps == 8).astype(int), "n_volunteers_active": 25,
        "relational_continuity": 0.5, **{f"cost_{p}_eur": 0.0 for p in PAYERS}, "cost_total_eur": wmo + 1000.0,
    })
    ts["cost_wmo_eur"], ts["cost_wlz_eur"] = wmo, 1000.0
    ts.to_parquet(folder / "timeseries.parquet", index=False)
    (folder / "resolved_config.yaml").write_text(OmegaConf.to_yaml(OmegaConf.structured(asdict(cfg))))
    summary = {"seed": cfg.run.seed, "replicate": replicate, "code_version": "test", "community": "austerlitz",
               "policy": policy, "scenario": "baseline", "years": 2.0, "unmet_share": UNMET[policy][replicate],
               **{f"cost_{p}_eur_per_year": 0.0 for p in PAYERS}, "cost_wmo_eur_per_year": 4 * wmo,
               "cost_wlz_eur_per_year": 4000.0 + (500.0 if policy == "subsidy" else -300.0 * (replicate + 1)),
               "mean_hidden_need": 2.0, "nursing_home_admissions_per_1000_65plus_per_year": 1.0,
               "volunteers_active_end": 25}
    summary["cost_total_eur_per_year"] = summary["cost_wmo_eur_per_year"] + summary["cost_wlz_eur_per_year"]
    (folder / "summary.json").write_text(json.dumps(summary))


@pytest.fixture
def study_dir(tmp_path):
    for policy in UNMET:
        for r in range(3):
            write_run(tmp_path / f"policy={policy},run.replicate={r}", policy, r)
    (tmp_path / "policy=tendering,run.replicate=3").mkdir()
    (tmp_path / "policy=tendering,run.replicate=3" / "FAILED.json").write_text(json.dumps(
        {"error": "ConfigError", "message": "bad value", "overrides": ["policy=tendering"]}))
    return tmp_path


def test_interval_is_the_student_t_interval_of_the_mean():
    n, mean, low, high = interval([0.1, 0.2, 0.3])
    assert (n, mean) == (3, pytest.approx(0.2))
    assert high - mean == pytest.approx(T_975_2 * 0.1 / np.sqrt(3))
    assert mean - low == pytest.approx(high - mean)
    assert np.isnan(interval([5.0])[2]) and interval([])[0] == 0


def test_unpaired_interval_is_welchs():
    a, b = [1.0, 2.5, 2.0, 4.0], [0.5, 0.7, 3.0]
    low, high = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert unpaired_half_width(a, b) == pytest.approx((high - low) / 2)
    assert unpaired_half_width([1.0, 1.0], [2.0, 2.0]) == 0.0 and np.isnan(unpaired_half_width([1.0], [2.0, 3.0]))


def test_runs_table_has_one_row_per_finished_run_and_lists_failures(study_dir):
    runs, failures = load_runs(study_dir)
    assert len(runs) == 6 and set(runs["policy.name"]) == set(UNMET)
    assert {"run.replicate", "unmet_share", "community.n_residents"} <= set(runs.columns)
    assert failures["run_id"].tolist() == ["policy=tendering,run.replicate=3"]
    assert [f.column for f in find_factors(runs, study_dir)] == ["policy.name"]


def test_means_intervals_and_paired_differences_match_hand_computation(study_dir):
    runs, _ = load_runs(study_dir)
    factors = find_factors(runs, study_dir)
    summary = summarise(runs, ["policy.name"], ["unmet_share"]).set_index("policy.name")
    assert summary.loc["subsidy", "mean"] == pytest.approx(0.2)
    assert summary.loc["subsidy", "ci_high"] == pytest.approx(0.2 + T_975_2 * 0.1 / np.sqrt(3))
    diff = paired_differences(runs, factors, "subsidy", ["unmet_share", "cost_wmo_eur_per_year"])
    unmet = diff[diff["outcome"] == "unmet_share"].iloc[0]
    # pairs by replicate: 0.05, 0.10, 0.05 -> mean 1/15, sd 0.028868
    assert (unmet["policy.name"], unmet["n"]) == ("tendering", 3)
    assert unmet["mean"] == pytest.approx(1 / 15)
    assert unmet["ci_high"] - unmet["mean"] == pytest.approx(T_975_2 * np.std([0.05, 0.1, 0.05], ddof=1) / np.sqrt(3))
    wmo = diff[diff["outcome"] == "cost_wmo_eur_per_year"].iloc[0]
    assert wmo["mean"] == pytest.approx(4 * 30.0)  # (30, 40, 20) per step, 4 steps a year
    # what pairing bought: the unpaired (Welch) half-width over the paired one
    unpaired = unpaired_half_width(UNMET["tendering"], UNMET["subsidy"])
    assert unmet["narrower"] == pytest.approx(unpaired / (unmet["ci_high"] - unmet["mean"]))
    assert unmet["narrower"] > 3  # replicate effects shared by both options cancel in the pairs


def test_yearly_series_sum_flows_and_average_stocks(study_dir):
    runs, _ = load_runs(study_dir)
    year = yearly(load_timeseries(study_dir, runs), runs).set_index(["run_id", "year"])
    row = year.loc[("policy=subsidy,run.replicate=1", 2)]
    assert row["cost_wmo_eur"] == pytest.approx(4 * 110.0)
    assert row["unmet_hours"] == pytest.approx(np.mean([50, 60, 70, 80]))
    assert row["nursing_home_admissions"] == 1


def test_cli_writes_tables_and_figures_and_leaves_runs_untouched(study_dir, capsys):
    before = {p: p.stat().st_mtime_ns for p in study_dir.rglob("*") if p.is_file()}
    assert analyse([str(study_dir), "--lang", "both"]) == 0
    assert {p: p.stat().st_mtime_ns for p in before} == before
    assert not [p for p in study_dir.rglob("*") if p.is_file() and p not in before and "analysis" not in p.parts]
    out = study_dir / "analysis"
    table = pd.read_csv(out / "differences.csv")
    assert table.loc[table["outcome"] == "unmet_share", "mean"].item() == pytest.approx(1 / 15)
    for stem in ("over_time", "who_pays", "who_gets_care"):
        for lang in ("en", "nl"):
            assert (out / f"{stem}_{lang}.png").stat().st_size > 10_000 and (out / f"{stem}_{lang}.svg").exists()
    printed = capsys.readouterr().out
    assert "Skipping 1 failed run(s)" in printed and re.search(r"\| tendering +\| 3 +\|", printed)
    assert re.search(r"\| aanbesteding +\| 3 +\|", (out / "differences_nl.md").read_text())


def test_who_pays_title_states_the_wrong_pocket_effect_from_the_data():
    diffs = pd.DataFrame({"point": "tendering", "payer": ["wmo", "wlz", "total"], "mean": [120.0, -600.0, -480.0],
                          "ci_low": [80.0, -900.0, -700.0], "ci_high": [160.0, -300.0, -200.0]})
    table = pd.DataFrame({"point": ["structural subsidy"] * 3 + ["tendering"] * 3, "run.replicate": [0, 1, 2] * 2,
                          "cost_total_eur_per_year": [5000.0, 5100.0, 4900.0, 4400.0, 4700.0, 4460.0]})
    title = wrong_pocket(diffs, table, "structural subsidy", "en")
    assert title == ("tendering vs structural subsidy: municipality (Wmo) pays EUR 120 per year more, "
                     "long-term care (Wlz) saves EUR 600 per year")
    unclear = diffs.assign(ci_low=[-10.0, -900.0, -700.0])
    assert wrong_pocket(unclear, table, "structural subsidy", "nl").startswith("Totale kosten: laagst bij tendering")


def cut_in_half(path):
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def tiny_parquet(path):
    pd.DataFrame({"answer": [1, 2]}).to_parquet(path)
    cut_in_half(path)


BROKEN = {  # (file, how it is broken)
    "summary truncated": ("summary.json", cut_in_half),
    "summary empty": ("summary.json", lambda p: p.write_text("")),
    "summary not an object": ("summary.json", lambda p: p.write_text("[1, 2]")),
    "config truncated": ("resolved_config.yaml", cut_in_half),
    "config missing": ("resolved_config.yaml", lambda p: p.unlink()),
    "config garbage": ("resolved_config.yaml", lambda p: p.write_text("run: [1, 2\n")),
    "timeseries truncated": ("timeseries.parquet", cut_in_half),
    "timeseries missing": ("timeseries.parquet", lambda p: p.unlink()),
    "timeseries garbage": ("timeseries.parquet", lambda p: p.write_bytes(b"PAR1" + b"\0" * 64)),
    "survey truncated": ("survey.parquet", tiny_parquet),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_run_with_a_broken_file_is_named_skipped_and_listed(study_dir, name):
    file, damage = BROKEN[name]
    damage(study_dir / "policy=subsidy,run.replicate=1" / file)
    runs, failures = load_runs(study_dir)
    assert len(runs) == 5 and "policy=subsidy,run.replicate=1" not in runs["run_id"].tolist()
    broken = failures[failures["error"] == UNREADABLE]
    assert broken["run_id"].tolist() == ["policy=subsidy,run.replicate=1"]
    assert broken["message"].item().startswith(f"{file}: ") and "\n" not in broken["message"].item()


def test_a_truncated_failure_record_is_listed_too(study_dir):
    cut_in_half(study_dir / "policy=tendering,run.replicate=3" / "FAILED.json")
    _, failures = load_runs(study_dir)
    assert failures.set_index("run_id").loc["policy=tendering,run.replicate=3", "error"] == UNREADABLE


def test_cli_analyses_the_rest_and_names_the_broken_run(study_dir, capsys):
    cut_in_half(study_dir / "policy=tendering,run.replicate=2" / "timeseries.parquet")
    assert analyse([str(study_dir)]) == 0
    printed = capsys.readouterr().out
    assert "Skipping 1 run(s) with a file that cannot be read:" in printed
    assert "policy=tendering,run.replicate=2: timeseries.parquet: " in printed
    assert len(pd.read_csv(study_dir / "analysis" / "runs.csv")) == 5
    assert UNREADABLE in pd.read_csv(study_dir / "analysis" / "failed_runs.csv")["error"].tolist()


def declare_sweep(study_dir):
    Design("lumpsum_vs_tendering", {"policy": ["subsidy", "tendering"], "run.replicate": ["0", "1", "2"]}).save(
        study_dir)


def change_config(folder, **settings):
    cfg = OmegaConf.load(folder / "resolved_config.yaml")
    for key, value in settings.items():
        OmegaConf.update(cfg, key, value)
    (folder / "resolved_config.yaml").write_text(OmegaConf.to_yaml(cfg))


@pytest.mark.parametrize("settings,key", [({"run.years": 5.0}, "run.years"),
                                          ({"community.name": "tiny"}, "community.name"),
                                          ({"run.seed": 7}, "run.seed")])
def test_runs_with_different_unswept_settings_are_not_pooled(study_dir, capsys, settings, key):
    declare_sweep(study_dir)
    change_config(study_dir / "policy=tendering,run.replicate=0", **settings)
    assert analyse([str(study_dir)]) == 2
    err = capsys.readouterr().err
    assert key in err and "not swept" in err and len(err.strip().splitlines()) == 1
    assert not (study_dir / "analysis").exists()


def test_without_a_declared_sweep_a_differing_setting_becomes_a_factor(study_dir):
    change_config(study_dir / "policy=tendering,run.replicate=0", **{"run.years": 5.0})
    runs, _ = load_runs(study_dir)
    factors = find_factors(runs, study_dir)
    assert "run.years" in [f.column for f in factors] and not unswept_differences(runs, factors)


def test_a_folder_of_studies_is_refused_with_a_hint(tmp_path, capsys):
    for name in ("first", "second"):
        for r in range(2):
            write_run(tmp_path / name / f"policy=subsidy,run.replicate={r}", "subsidy", r)
        declare_sweep(tmp_path / name)
    assert analyse([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "holds 2 study folders (first, second)" in err and f"python -m analysis {tmp_path / 'first'}" in err
    assert not (tmp_path / "analysis").exists()


def test_a_setting_that_older_runs_lack_is_not_a_difference(study_dir):
    declare_sweep(study_dir)
    change_config(study_dir / "policy=subsidy,run.replicate=0", **{"care.new_setting": 1.0})  # as a newer model
    runs, _ = load_runs(study_dir)
    assert runs["care.new_setting"].isna().sum() == 5
    assert not unswept_differences(runs, find_factors(runs, study_dir))


def test_rounding_is_no_difference_and_no_spread_is_no_astronomical_gain():
    """Project grant and subsidy pay the same public cost in different pockets: their sums differ by rounding only.
    The pairing gain once read x4,674,357,837,245,578.0; a difference of rounding is 0, and an interval of no width
    (each pair differs by the same amount) is 'no spread', not a gain of 10^15."""
    public = np.array([931_234.56, 902_111.11, 955_000.01, 918_765.43])
    rounding = public * (1 + np.array([1e-15, -2e-15, 3e-16, 1e-15]))
    same_shift = public + 1000.0 + np.array([1e-10, -2e-10, 0.0, 1e-10])
    runs = pd.DataFrame({"policy.name": np.repeat(["subsidy", "project_grant", "tendering"], 4),
                         "run.replicate": np.tile(range(4), 3), "cost_public_eur_per_year": np.r_[public, rounding,
                                                                                                 same_shift]})
    factor = Factor("policy.name", ["subsidy", "project_grant", "tendering"])
    diffs = paired_differences(runs, [factor], "subsidy", ["cost_public_eur_per_year"]).set_index("policy.name")
    grant, tendering = diffs.loc["project_grant"], diffs.loc["tendering"]
    assert (grant["mean"], grant["ci_low"], grant["ci_high"]) == (0.0, 0.0, 0.0)
    assert tendering["mean"] == pytest.approx(1000.0) and np.isinf(tendering["narrower"])
    assert np.isinf(grant["narrower"])  # unpaired, the levels spread by tens of thousands
    text = differences_md(diffs.reset_index(), [factor], ["cost_public_eur_per_year"], "subsidy", "en")
    assert "no spread" in text and "×4" not in text and "e+" not in text


def add_cost_items(folder, items: dict) -> None:
    summary = json.loads((folder / "summary.json").read_text())
    (folder / "summary.json").write_text(json.dumps({**summary, "cost_items_eur": items}))


def test_a_folder_of_single_runs_compares_settings_never_outputs(study_dir, capsys):
    """Single runs (no saved sweep) whose outputs differ, as cost items do between policies: only config settings
    can be factors. (Outputs such as cost_items_eur.cooperative:meals were once taken for factors, the tables had
    n = 0 and the analysis stopped with KeyError: 'n'.)"""
    for folder in sorted(study_dir.glob("policy=*,run.replicate=*")):
        if (folder / "summary.json").exists():
            wmo = 100.0 * (1 + int(folder.name[-1]))
            add_cost_items(folder, {"wmo:domestic_help": wmo} | ({"cooperative:meals": 5.0} if "subsidy" in folder.name
                                                                 else {}))
    runs, _ = load_runs(study_dir)
    assert [f.column for f in find_factors(runs, study_dir)] == ["policy.name"]
    assert analyse([str(study_dir)]) == 0
    assert re.search(r"\| tendering +\| 3 +\|", (study_dir / "analysis" / "differences_en.md").read_text())
    assert "KeyError" not in capsys.readouterr().err


def test_a_failing_analysis_leaves_no_half_written_folder(study_dir, monkeypatch):
    """An error mid-way (here in a figure) removes what it wrote and keeps the previous analysis as it was."""
    assert analyse([str(study_dir)]) == 0
    before = {p.name: p.read_bytes() for p in (study_dir / "analysis").iterdir()}

    def broken(*_args, **_kwargs):
        raise RuntimeError("a figure that fails")
    monkeypatch.setattr("analysis.study.response_figures", broken)
    with pytest.raises(RuntimeError):
        analyse([str(study_dir), "--lang", "nl"])
    assert {p.name: p.read_bytes() for p in (study_dir / "analysis").iterdir()} == before
    assert sorted(p.name for p in study_dir.iterdir() if p.name.startswith(".")) == []
