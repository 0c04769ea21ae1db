"""An advocate's what-if: two options in one community, compared by differences paired by replicate. The title claims
only what survives; the command refuses what is not a comparison of two options or has too few replicates; and the
brief is one self-contained HTML file with the numbers, the parameters the difference runs through, what the
numbers do not cover and the command that reproduces it. (Hand-made runs: the expected differences are known.)"""

import json
import re
from dataclasses import asdict

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf

from analysis.findings import whatif as title
from analysis.study import main as analyse
from experiments.__main__ import main as experiments
from experiments.design import Design
from sim.params import Config
from sim.schema import OVER_TIME, WHATIF, WHATIF_MONEY

SHARED = np.array([-2.0, 1.0, 0.5, 2.5, -1.0])  # what a replicate's draws do to both options alike
OWN = np.array([0.3, -0.2, 0.1, -0.3, 0.1])  # an option's own noise


def value(measure: str, policy: str, r: int) -> float:
    """Tendering: Wmo and public cost clearly higher by EUR 5,000 a year, volunteers clearly lower by 6; the rest
    differs by noise only."""
    base = {"cost_wmo_eur_per_year": 100_000.0, "cost_wlz_eur_per_year": 600_000.0, "volunteers_active_end": 40.0,
            "unmet_share": 0.25, "mean_hidden_need": 0.5}.get(measure, 1.0)
    scale = base / 100
    tender = policy == "tendering"
    effect = {"cost_wmo_eur_per_year": 5000.0, "cost_public_eur_per_year": 5000.0, "cost_total_eur_per_year": 5000.0,
              "volunteers_active_end": -6.0}.get(measure, 0.0) if tender else 0.0
    return base + scale * SHARED[r] + effect + (scale * OWN[r] if tender else 0.0)


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """A whatif study of 5 replicates of lump_sum and tendering in the tiny village, as the runner leaves it."""
    root = tmp_path_factory.mktemp("whatif")
    for policy in ("lump_sum", "tendering"):
        for r in range(5):
            cfg = Config()
            cfg.study.name, cfg.community.name, cfg.policy.name, cfg.run.replicate = "whatif", "tiny", policy, r
            cfg.community.status_quo_policy, cfg.run.years = "lump_sum", 2.0
            folder = root / f"policy={policy},run.replicate={r}"
            folder.mkdir()
            series = {name: 1.0 + r for name in OVER_TIME}  # the over-time figure's series: not what is tested here
            pd.DataFrame({"step": np.arange(1, 105), **series}).to_parquet(folder / "timeseries.parquet")
            (folder / "resolved_config.yaml").write_text(OmegaConf.to_yaml(OmegaConf.structured(asdict(cfg))))
            summary = {m: value(m, policy, r) for m in (*WHATIF_MONEY, *WHATIF)}
            summary["cost_fund_eur_per_year"] = 0.0
            summary["cost_public_eur_per_year"] = value("cost_public_eur_per_year", policy, r)
            (folder / "summary.json").write_text(json.dumps({**summary, "code_version": "test", "years": 2.0}))
    Design("whatif", {"policy": ["lump_sum", "tendering"], "run.replicate": [str(r) for r in range(5)]},
           ["+experiments=whatif", "community=tiny", "run.years=2"], ["experiments", "community", "run.years"],
           ["community=tiny", "policy=lump_sum,tendering", "run.replicate=range(0,5)", "run.years=2"]).save(root)
    assert analyse([str(root), "--lang", "both", "--reference", "lump_sum"]) == 0
    return root / "analysis"


def test_the_title_claims_only_what_survives():
    rows = pd.DataFrame({"measure": ["cost_public_eur_per_year", "cost_wmo_eur_per_year", "unmet_share"],
                         "money": [True, True, False], "mean": [5000.0, 4000.0, 0.001], "n": 10,
                         "verdict": ["higher", "higher", "unclear"]})
    assert title(rows, "lump-sum budget", "tendering", "Ruwaard (Oss)", "en") == (
        "In Ruwaard (Oss), tendering instead of lump-sum budget: public cost higher by EUR 5,000 per year; "
        "municipality (Wmo) higher by EUR 4,000 per year; no clear difference in care")
    unclear = rows.assign(verdict="unclear")
    assert title(unclear, "a", "b", "Ruwaard", "nl") == (
        "In Ruwaard, b in plaats van a: geen duidelijk verschil in de kosten van een betaler of in de zorg (10 "
        "gepaarde herhalingen)")
    assert title(rows.assign(verdict="same"), "a", "b", "Ruwaard", "en").endswith("the difference did not act")


def test_a_whatif_compares_two_options_with_enough_replicates(capsys):
    assert experiments(["whatif", "community=tiny", "--replicates", "3", "--dry-run"]) == 2
    assert experiments(["whatif", "community=tiny", "policy=subsidy,lump_sum,tendering", "--dry-run"]) == 2
    assert "compares two options of one setting" in capsys.readouterr().err
    assert experiments(["whatif", "community=tiny", "scenario=baseline,funding_cut", "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "What-if scenario: baseline vs funding_cut" in shown
    assert "whatif/tiny/scenario-baseline-vs-funding_cut" in shown


def test_the_figure_and_brief_are_written_in_both_languages(study):
    for lang in ("en", "nl"):
        assert (study / f"whatif_{lang}.png").stat().st_size > 20_000 and (study / f"whatif_{lang}.svg").exists()
        assert (study / f"brief_{lang}.html").exists()


def test_the_brief_is_one_offline_file_with_numbers_parameters_limits_and_command(study):
    text = (study / "brief_en.html").read_text()
    assert not re.search(r"(src|href)=['\"](?!data:)", text) and "http" not in text  # nothing to fetch
    assert "<h1>What if a small test village were funded by tendering instead of lump-sum budget?</h1>" in text
    assert "public cost higher by EUR 5,000 per year" in text  # the finding, as the figure's title says it
    wmo = next(row for row in text.split("<tr>") if row.startswith("<td>Municipality (Wmo)"))
    assert "+EUR 5,000" in wmo and "clearly higher" in wmo
    unmet = next(row for row in text.split("<tr>") if row.startswith("<td>Care needed but not given"))
    assert "no clear difference" in unmet and "percentage points" in unmet
    assert "<code>policy.tender_period_years</code> = 4 years: Aanbestedingswet art. 2.140" in text
    assert "<code>policy.incumbent_win_prob</code> = 0.4 probability: assumption (plausible 0.2–0.9)" in text
    assert "<code>policy.lump_sum_extra_activity</code>" in text  # acts under the lump-sum budget only
    assert "<code>policy.grant_years</code>" not in text  # neither option acts through it
    assert "not computed for these runs" in text and "--explain" in text  # no mechanisms switched off in these runs
    assert "no calibration report of its own" in text
    assert "policy.tender_period_years=4: the first tender comes after 4 years" in text  # a 2-year run has no tender
    assert "python -m experiments whatif community=tiny policy=lump_sum,tendering --replicates 5 --years 2 --lang " \
           "en" in text


def test_the_dutch_brief_is_dutch(study):
    text = (study / "brief_nl.html").read_text()
    assert "<h1>Wat als een klein testdorp gefinancierd werd met aanbesteding in plaats van lumpsumbudget?</h1>" in text
    assert "duidelijk hoger" in text and "Aanbesteding: ondersteuning wordt elke tender_period_years" in text
    assert "--lang nl" in text
