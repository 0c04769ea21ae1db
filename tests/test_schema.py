"""Every output is declared once (sim/schema.py) and read from there: names are unique, selections name declared
outputs, the recorder writes exactly the declared series, a misspelt event is an error, and no output name or payer
label is typed as a string in more than one module besides the schema."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import run

from sim.schema import OUTCOME_NAMES, PAYERS, SERIES_NAMES, Events, check_selections

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
