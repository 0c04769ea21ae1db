"""Units are data: every label's unit and period comes from sim/schema.py. A flow summed to years is labelled per
year, a run outcome says whether it is per year, over the whole run or a mean over the weeks, summary.json says the
same of its values, and no figure, table or report types a unit or period of its own."""

import ast
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import run

from analysis.figures import over_time
from analysis.load import Factor, load_runs
from analysis.markdown import differences_md
from analysis.tables import YEARLY_PERIOD
from results.files import UNITS_KEY
from sim.configs import compose
from sim.report import format_summary
from sim.schema import BY_NAME, OUTCOMES, OVER_TIME, label, payer, unit

ROOT = Path(__file__).resolve().parent.parent
TYPED = ("per week", "per year", "per jaar", "a year", "/yr", "whole run", "hele run", "EUR per", "euro per",
         "EUR 1000", "EUR 1,000")  # units and periods only the schema may state
INPUTS = {"Hours a volunteer can give per week", "Uren per week die een vrijwilliger kan geven"}  # a swept input


def test_a_flow_is_labelled_by_the_period_it_is_summed_over():
    assert label("cost_total_eur", "en") == "Total cost, all payers (EUR per week)"
    assert label("cost_total_eur", "en", period="year") == "Total cost, all payers (EUR per year)"
    assert label("nursing_home_admissions", "nl", period="year") == "Opnames in verpleeghuis (per jaar)"
    assert label("unmet_hours", "en", period="year") == "Unmet care (hours per week)"  # a stock keeps its unit


def test_every_run_outcome_says_its_period():
    says = {"year": "per year", "run": "over the whole run", "mean": "mean over the weeks", "last": "last week",
            "first": "first week"}
    for out in OUTCOMES:
        assert says[out.period] in unit(out.name, "en"), out.name
    assert unit("nursing_home_admissions_total", "en") == "over the whole run"
    assert unit("cost_wmo_eur_per_year", "nl", thousands=True) == "1.000 euro per jaar"


def test_the_over_time_figure_labels_yearly_totals_per_year():
    """The figure draws the yearly table (flows summed to years): its panels must not say 'per week'."""
    rows = [{"point": "a", "calendar_year": 2024 + y, "outcome": key, "mean": 1.0, "ci_low": 0.5, "ci_high": 1.5}
            for key in OVER_TIME for y in range(3)]
    for lang, word in (("en", "per year"), ("nl", "per jaar")):
        fig = over_time(pd.DataFrame(rows), list(OVER_TIME), {"a": ("#000000", 0)}, "t", "n", lang, YEARLY_PERIOD)
        titles = {key: ax.get_title() for key, ax in zip(OVER_TIME, fig.axes, strict=False)}
        for key, title in titles.items():
            assert title == label(key, lang, period=YEARLY_PERIOD)
            assert ("per week" in title) == (key == "unmet_hours"), title  # hours per week is a stock's unit
            assert (word in title) == (BY_NAME[key].over_time == "sum"), title


def test_summary_json_says_which_values_are_totals_and_which_per_year(tmp_path):
    _, summary = run("run.years=0.2")
    units = summary[UNITS_KEY]
    assert set(units) >= {o.name for o in OUTCOMES}
    assert units["nursing_home_admissions_total"] == "over the whole run"
    assert units["cost_wlz_eur_per_year"] == "EUR per year"
    assert "whole run" in units["cost_items_eur"]
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "summary.json").write_text(json.dumps(summary, default=float))
    (folder / "resolved_config.yaml").write_text("run:\n  replicate: 0\n")
    pd.DataFrame({"step": [1]}).to_parquet(folder / "timeseries.parquet")
    runs, _ = load_runs(tmp_path)
    assert not [c for c in runs.columns if c.startswith(UNITS_KEY)]  # the schema's, not columns of the runs table


def test_the_cooperatives_cost_is_its_spending_not_its_fee_income():
    """Its label once said 'member fees' while the number is what it spends (coordination top-up, meals,
    volunteer expenses): the fees its members pay would be another number."""
    ts, summary = run("run.years=0.2")
    fees = ts["n_members"].iloc[0] * compose(["community=tiny"]).community.member_fee_eur
    assert summary["cost_cooperative_eur_per_year"] != pytest.approx(fees, rel=0.05)
    coop = payer("cooperative")
    assert not any(word in text.lower() for text in (coop.en, coop.nl) for word in ("fee", "contributie"))


def test_the_terminal_report_labels_from_the_schema():
    _, summary = run("run.years=0.2")
    text = format_summary(summary)
    assert "Care needed but not given (% of care hours, over the whole run)" in text
    assert "Volunteer burnouts (over the whole run)" in text


def literals(path: Path) -> list[str]:
    """String constants of a module, docstrings left out (they may explain units)."""
    tree = ast.parse(path.read_text())
    docs = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, ast.Module | ast.ClassDef |
            ast.FunctionDef) and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs]


@pytest.mark.parametrize("package", ["analysis", "page", "experiments"])
def test_no_figure_or_table_types_a_unit_or_period(package):
    typed = {text: path.relative_to(ROOT) for path in (ROOT / package).rglob("*.py") for text in literals(path)
             if any(word in text for word in TYPED) and text not in INPUTS}
    assert not typed, typed


def test_money_in_thousands_and_bounds_come_from_the_schema():
    from sim.schema import bounds
    assert bounds("unmet_share") == (0.0, 1.0) and bounds("mean_level_at_request") == (0.0, 4)
    assert bounds("cost_total_eur_per_year") == (0.0, None)
    assert np.isfinite(bounds("mean_loneliness_65plus")[1])


def test_a_difference_of_percentages_is_headed_in_percentage_points():
    diffs = pd.DataFrame({"policy.name": ["tendering"], "outcome": ["unmet_share"], "n": 5, "mean": [0.004],
                          "ci_low": [0.001], "ci_high": [0.007], "narrower": [3.0]})
    text = differences_md(diffs, [Factor("policy.name", ["subsidy", "tendering"])], ["unmet_share"], "subsidy", "en")
    assert "Care needed but not given [percentage points]" in text and "[%]" not in text
    assert "- Care needed but not given [percentage points]: Care needed but not given, percentage points" in text
