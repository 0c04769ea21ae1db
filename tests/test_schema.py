"""Every output is declared once (sim/schema.py) and read from there: names are unique, selections name declared
outputs, the recorder writes exactly the declared series, a misspelt event is an error, and no output name or payer
label is typed as a string in more than one module besides the schema."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import config, run, stepped

from results.files import COST_ITEMS_KEY
from sim.run import build_model
from sim.schema import (
    COST_ITEM_NAMES,
    ITEM,
    OUTCOME_NAMES,
    PAYER_NAMES,
    PAYERS,
    SERIES_NAMES,
    WMO,
    Events,
    check_selections,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("sim", "analysis", "experiments", "page", "benchmarks")


def test_names_are_unique_and_selections_are_declared():
    check_selections()


def test_a_run_records_exactly_the_declared_outputs():
    ts, summary = run("run.years=0.2")
    assert list(ts.columns) == list(SERIES_NAMES)
    assert set(OUTCOME_NAMES) <= set(summary)


def test_a_misspelt_event_is_an_error_not_a_silent_zero():
    events = Events()
    events.deaths += 2
    with pytest.raises(AttributeError):
        events.death += 1  # noqa: B018 (the misspelling is the point)


def string_literals(path: Path) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Constant)
            and isinstance(node.value, str)}


def test_no_output_name_or_payer_label_is_typed_in_two_modules():
    declared = set(SERIES_NAMES) | set(OUTCOME_NAMES) | {p.en for p in PAYERS} | {p.nl for p in PAYERS}
    where = defaultdict(set)
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path.name != "schema.py":
                for text in string_literals(path) & declared:
                    where[text].add(str(path.relative_to(ROOT)))
    repeated = {name: sorted(files) for name, files in where.items() if len(files) > 1}
    assert not repeated, repeated


def test_a_cost_item_or_payer_the_schema_does_not_declare_cannot_be_charged():
    ledger = build_model(config()).ledger
    ledger.charge(WMO, ITEM.procurement, 1.0)
    with pytest.raises(KeyError, match="procurment"):
        ledger.charge(WMO, "procurment", 1.0)
    with pytest.raises(KeyError, match="gemeente"):
        ledger.charge("gemeente", ITEM.procurement, 1.0)
    with pytest.raises(AttributeError):
        ITEM.procurment  # noqa: B018 (the misspelling is the point)


def test_every_cost_item_a_run_books_is_declared():
    _, summary = run("policy=pooled_budget")
    booked = [key.split(":") for key in summary[COST_ITEMS_KEY]]
    assert booked and all(payer in PAYER_NAMES and item in COST_ITEM_NAMES for payer, item in booked)


def test_a_survey_answer_the_schema_does_not_declare_is_an_error(monkeypatch):
    model = stepped(steps=3)
    survey = model.survey
    asked = survey.cross_section
    monkeypatch.setattr(survey, "cross_section", lambda: {**asked(), "lonely_adult": 0.1})
    with pytest.raises(KeyError, match="lonely_adult"):
        survey.close_year()


def test_payer_names_are_typed_only_in_the_schema():
    where = defaultdict(set)
    for path in (ROOT / "sim").rglob("*.py"):
        if path.name != "schema.py":
            for text in string_literals(path) & set(PAYER_NAMES):
                where[text].add(str(path.relative_to(ROOT)))
    assert not where, dict(where)
