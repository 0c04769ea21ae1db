"""The on-disk contract has one home (results/): reading results never loads Mesa or the model, and no file or
column name of the contract is typed as a string outside it."""

import ast
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from results import columns
from results.files import COST_ITEMS_KEY, FILES, STUDY, UNITS_KEY

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("sim", "analysis", "experiments", "page", "benchmarks")
CONTRACT = {*astuple(FILES), STUDY.sweep, STUDY.design_table, STUDY.problem, UNITS_KEY, COST_ITEMS_KEY,
            *(value for name, value in vars(columns).items() if name.isupper())}


@pytest.mark.parametrize("module", ["results", "results.dataset", "results.runs", "analysis.load"])
def test_reading_results_does_not_load_the_model(module):
    code = f"import {module}, sys; assert not {{'mesa', 'sim.model', 'hydra'}} & set(sys.modules), sorted(sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_results_imports_nothing_from_the_model_the_runner_or_the_analysis():
    for path in (ROOT / "results").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(n.split(".")[0] in PACKAGES for n in names), f"{path.name} imports {names}"


def test_no_file_or_column_name_of_the_contract_is_typed_outside_results():
    where = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and node.value in CONTRACT:
                    where.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert not where, where
