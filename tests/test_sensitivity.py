"""Sensitivity as a study (experiments/sensitivity.py, analysis/sensitivity.py): a tiny Morris screening through
the study runner, whose indices must follow what the parameters can reach (common random numbers make a parameter
that does not act under a policy leave that policy's runs bit-identical)."""

import pandas as pd
import pytest

from experiments.__main__ import main
from experiments.sensitivity import problem, sample
from sim.params import assumption_ranges, screening_group


def test_every_assumption_is_screened_in_one_named_group():
    spec = problem()
    assert spec["names"] == list(assumption_ranges())  # all 112, none dropped
    assert len(set(spec["groups"])) >= 15
    assert screening_group("policy.unbilled_work_share") == "tendering"
    assert screening_group("carers.tie_hours") == "carers"
    assert problem(["tendering"])["names"] == [n for n in assumption_ranges() if screening_group(n) == "tendering"]


def test_a_policy_parameter_without_a_screening_group_is_named():
    with pytest.raises(ValueError, match="policy.tender_period_years has no screening group"):
        screening_group("policy.tender_period_years")  # a clear line, not a StopIteration


@pytest.fixture(scope="module")
def morris(tmp_path_factory):
    out = tmp_path_factory.mktemp("sens")
    code = main(["sensitivity", "--size", "2", "--years", "1", "--groups", "tendering", "lump_sum", "--out", str(out),
                 "community=tiny", "policy=subsidy,tendering"])
    assert code == 0
    return pd.read_csv(out / "morris" / "analysis" / "indices.csv"), out


def test_morris_indices_follow_what_each_group_can_reach(morris):
    long, _ = morris
    mu = long.set_index(["outcome", "contrast", "group"])["mu_star"]
    # tendering's assumptions act only under tendering: they move its unmet care (the per-hour contract's visits),
    # never the subsidy's runs (its measured price cut is varied by the uncertainty study, not screened here)
    assert mu["unmet_share", "tendering", "tendering"] > 0
    assert mu.xs("subsidy", level="contrast").xs("tendering", level="group").eq(0).all()
    # the lump-sum budget's parameter acts under no policy that ran: zero everywhere
    assert mu.xs("lump_sum", level="group").eq(0).all()


def test_morris_writes_tables_figure_and_ranking_in_both_languages(morris):
    _, out = morris
    folder = out / "morris" / "analysis"
    for name in ("morris_en.md", "morris_nl.md", "morris_en.png", "morris_nl.png", "ranking.csv"):
        assert (folder / name).stat().st_size > 0
    assert pd.read_csv(folder / "ranking.csv")["group"].iloc[0] == "tendering"
    assert "aanbesteding" in (folder / "morris_nl.md").read_text()


def test_sobol_needs_groups_or_a_morris_ranking(tmp_path):
    with pytest.raises(SystemExit, match="run --method morris first"):
        main(["sensitivity", "--method", "sobol", "--out", str(tmp_path), "community=tiny"])
    with pytest.raises(SystemExit, match="not allowed"):
        main(["sensitivity", "--method", "sobol", "--groups", "nonsense", "--out", str(tmp_path)])


def test_a_scenario_discovery_sample_fills_the_box_of_the_groups_asked_about():
    spec = problem(["tendering", "lump_sum"])
    rows = sample("lhs", spec, 20)
    low, high = (pd.Series(dict(zip(spec["names"], b))) for b in zip(*spec["bounds"]))
    assert rows.shape == (20, 5) and ((rows >= low) & (rows <= high)).all().all()
    assert (rows.nunique() == 20).all()  # a Latin hypercube: every row in its own stratum of every parameter


def test_a_sensitivity_sample_goes_to_the_launcher_asked_for(tmp_path, monkeypatch):
    """`sensitivity` and `run sensitivity` take the launcher options, as `run` does: a sample of thousands of runs
    is what a cluster is for."""
    seen = []
    monkeypatch.setattr("experiments.sensitivity.run_study",
                        lambda design, out, jobs, launcher: seen.append(launcher) or 130)  # 130: as if stopped
    monkeypatch.setattr("experiments.__main__.shutil.which", lambda name: f"/usr/bin/{name}")  # sbatch is there
    options = ["--launcher", "slurm", "--parallelism", "3", "--chunk-size", "5", "community=tiny", "policy=subsidy"]
    assert main(["sensitivity", "--groups", "frailty", "--size", "2", "--out", str(tmp_path / "a"), *options]) == 130
    assert main(["run", "sensitivity", "--out", str(tmp_path / "b"), *options]) == 130
    assert [(got.kind, got.cluster.parallelism, got.chunk_size) for got in seen] == [("slurm", 3, 5)] * 2


def test_a_dry_run_of_the_sensitivity_study_runs_nothing_and_counts_its_runs(tmp_path, capsys):
    """`run sensitivity --dry-run` once started the 414-run study, and `list` described it as 6 runs."""
    assert main(["run", "sensitivity", "--dry-run", "--out", str(tmp_path / "sens")]) == 0
    shown = capsys.readouterr().out
    groups = len(set(problem()["groups"]))
    runs = 3 * (groups + 1) * 6  # Morris trajectories x (groups + 1) rows x 6 policies: 414 with 22 groups
    assert f"{3 * (groups + 1)} rows of the morris sample (3 trajectories x ({groups} groups + 1)) x 6 policy x 1 " \
           f"replicates = {runs} runs" in shown and not (tmp_path / "sens").exists()
    assert main(["list"]) == 0
    listed = capsys.readouterr().out.split("\nsensitivity\n", 1)[1].splitlines()
    assert listed[1].strip().endswith(f"= {runs} runs")
