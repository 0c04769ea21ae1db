"""The explained differences: each policy's difference from the subsidy taken apart by its mechanisms (switched off one
at a time on the same seeds), the parts and their interaction adding up to the whole, claims only from intervals."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from helpers import config

from analysis.explained import decompose, panel_head, part_label, split, waterfall
from analysis.findings import explained
from experiments.chunks import warm_up_groups
from experiments.design import ROOT, make_design
from sim.cautions import run_cautions
from sim.mechanisms import names_of
from sim.validation import ConfigError


def test_explain_adds_one_point_per_mechanism_of_each_swept_policy():
    plain = make_design("lumpsum_vs_tendering", ["run.replicate=range(0,3)"])
    design = make_design("lumpsum_vs_tendering", ["run.replicate=range(0,3)"], explain=True)
    mechanisms = sum(len(names_of(p)) for p in plain.sweeps["policy"])
    assert design.points == plain.points + mechanisms and design.runs == 3 * design.points
    assert set(plain.run_dirs()) < set(design.run_dirs())  # the grid's folders are the same with or without
    assert "policy.off=[grant_ends],policy=project_grant,run.replicate=2" in design.run_dirs()
    groups = warm_up_groups(design.run_overrides())  # a replicate's policies and mechanisms share one warm-up
    assert len(groups) == 3 and all(len(g) == design.points for g in groups)


def test_a_mechanism_off_must_exist_and_one_of_another_policy_is_warned_about():
    with pytest.raises(ConfigError, match=r"policy.off\[0\]='nonsense' is not allowed; choose one of supporters"):
        config("policy=lump_sum", "policy.off=[nonsense]")
    assert any("not a mechanism of tendering" in line for line in
               run_cautions(config("policy=tendering", "policy.off=[activity_places]")))
    assert any(line.startswith("policy.off=['activity_places']: it acts only under") for line in
               run_cautions(config("policy=subsidy", "policy.off=[activity_places]")))


def synthetic(effects: dict[str, float], together: float, noise: float = 0.0) -> pd.DataFrame:
    """Runs of subsidy and a lump sum whose mechanisms add `effects` to the public cost, and `together` more when all
    act; each replicate shares a level (common random numbers)."""
    rng = np.random.default_rng(1)
    rows = []
    for r in range(8):
        level = 1000.0 + 100 * rng.standard_normal()

        def cost(off=(), level=level):
            acting = [m for m in effects if m not in off]
            return level + sum(effects[m] for m in acting) + together * (len(acting) == len(effects)) \
                + noise * rng.standard_normal() * bool(acting)
        rows.append({"policy.name": "subsidy", "policy.off": "[]", "run.replicate": r, "cost_public_eur_per_year":
                     level})
        rows.append({"policy.name": "lump_sum", "policy.off": "[]", "run.replicate": r,
                     "cost_public_eur_per_year": cost()})
        for m in effects:
            rows.append({"policy.name": "lump_sum", "policy.off": f"['{m}']", "run.replicate": r,
                         "cost_public_eur_per_year": cost((m,))})
    return pd.DataFrame(rows)


def test_parts_and_interaction_are_recovered_and_add_up_to_the_total():
    effects = {"activity_places": -500.0, "no_indication": -50.0, "area_budget": 0.0}
    whole, knocked = split(synthetic(effects, together=-30.0))
    result = decompose(whole, knocked, "subsidy", "lump_sum").set_index("part")
    assert result.loc["activity_places", "mean"] == pytest.approx(-530.0)  # with it, the others' extra comes too
    assert result.loc["area_budget", "mean"] == pytest.approx(-30.0)
    assert result.loc["interaction", "mean"] == pytest.approx(60.0)  # each part above counted `together` once
    assert result.loc["total", "mean"] == pytest.approx(-580.0)
    assert result["mean"].drop("total").sum() == pytest.approx(result.loc["total", "mean"])


def test_the_sentence_names_only_parts_whose_interval_excludes_zero():
    whole, knocked = split(synthetic({"activity_places": -500.0, "no_indication": 3.0, "area_budget": 0.0},
                                     together=0.0, noise=20.0))
    part = decompose(whole, knocked, "subsidy", "lump_sum")
    text = explained(part, "cost_public_eur_per_year", part_label, "en")
    assert text.startswith("lump-sum budget vs structural subsidy: public cost lower by EUR")
    assert "through more activity places -EUR 5" in text
    assert "no clear part from no indication procedure and a fixed area budget" in text
    assert explained(part, "cost_public_eur_per_year", part_label, "nl").startswith(
        "lumpsumbudget t.o.v. structurele subsidie: publieke kosten € 500 lager")
    title = explained(part, "cost_public_eur_per_year", part_label, "en", compact=True)
    assert title.endswith("through more activity places -EUR 500")  # a figure's title: the parts' intervals are drawn


@pytest.fixture(scope="module")
def explained_study(tmp_path_factory):
    """Two policies of the main study with tendering's mechanisms switched off, 2 replicates of 10 weeks."""
    out = tmp_path_factory.mktemp("explained") / "lvt"
    args = ["lumpsum_vs_tendering", "--replicates", "2", "--years", "0.2", "community=tiny", "policy=subsidy,tendering",
            "policy.tender_period_years=0.1", "policy.incumbent_win_prob=0", "--explain", "--out", str(out)]
    result = subprocess.run([sys.executable, "-m", "experiments", "run", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    analysed = subprocess.run([sys.executable, "-m", "analysis", str(out), "--lang", "both"], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
    assert analysed.returncode == 0, analysed.stderr
    return out


def test_the_main_study_explained_runs_share_warm_ups_and_the_analysis_writes_tables_and_figures(explained_study):
    out = explained_study
    logs = " ".join(p.read_text() for p in out.glob("launches/*/chunk-*/*.log"))
    assert logs.count("6 runs finished, 5 started from a shared warm-up") == 2
    written = {p.name for p in (out / "analysis").iterdir()}
    assert {"explained.csv", "explained_en.md", "explained_nl.md", "explained_tendering_en.png",
            "explained_tendering_nl.svg"} <= written
    parts = pd.read_csv(out / "analysis" / "explained.csv")
    diffs = pd.read_csv(out / "analysis" / "differences.csv")
    for outcome, rows in parts.groupby("outcome"):
        total = rows.set_index("part").loc["total", "mean"]
        assert rows.set_index("part")["mean"].drop("total").sum() == pytest.approx(total, abs=1e-6)
        main = diffs[(diffs["policy.name"] == "tendering") & (diffs["outcome"] == outcome)]["mean"]
        assert main.empty or main.iloc[0] == pytest.approx(total)  # the same difference the main table shows
    assert "| paid per hour at the contract price" in (out / "analysis" / "explained_en.md").read_text()
    assert "| per uur betaald tegen contractprijs" in (out / "analysis" / "explained_nl.md").read_text()


def test_the_waterfall_money_ticks_do_not_run_into_each_other():
    """Five money panels side by side are narrow: with five ticks, labels like '−€200k' ran into '−€150k'."""
    whole, knocked = split(synthetic({"activity_places": -180_000.0, "no_indication": -20_000.0,
                                      "area_budget": 4_000.0}, together=0.0, noise=20_000.0))
    part = decompose(whole, knocked, "subsidy", "lump_sum")
    money = ["cost_public_eur_per_year", "cost_wmo_eur_per_year", "cost_zvw_eur_per_year", "cost_wlz_eur_per_year",
             "cost_cooperative_eur_per_year"]
    fig = waterfall(pd.concat([part.assign(outcome=outcome) for outcome in money]), "title", "note", "en")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        boxes = sorted((t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()),
                       key=lambda box: box.x0)
        assert all(left.x1 < right.x0 for left, right in zip(boxes, boxes[1:])), [t.get_text() for t in
                                                                               ax.get_xticklabels()]


def test_every_waterfall_panel_names_its_unit():
    """The tables' short heads leave units to the legend under them; a panel has none, so its head carries one."""
    assert panel_head("cost_public_eur_per_year", "en") == "Public cost [EUR per year]"
    assert panel_head("volunteers_active_end", "nl") == "Vrijwilligers eind [personen, in de laatste week]"
    assert panel_head("mean_hidden_need", "en") == "Hidden need [people]"  # a head that has its unit keeps it
