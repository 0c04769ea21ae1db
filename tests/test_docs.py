"""The documentation says what the code does: the README names every file a run writes, the warm-up is stated as
long as it is, the main study's replicates agree between the script, its study file and the README, the
calibration report is its CSV rendered with units, and `python -m sim --help` explains the parameters with units
and allowed values from sim/params.py instead of dumping Hydra's config."""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.calibration import ROLES, targets_md
from analysis.reference import main as reference
from results.files import FILES
from sim.help import main as explain
from sim.help import overview, section_text
from sim.parameters import describe
from sim.params import Config
from sim.schema import MEANING_NL, OUTCOMES, SERIES, SURVEY

ROOT = Path(__file__).resolve().parent.parent
WORDS = {1: "one", 2: "two", 3: "three"}
UNITLESS = {"study.design_row", "run.seed", "run.replicate", "policy.off"}  # a row number, a seed, a replicate
# number and mechanisms' names


def test_the_readme_names_every_file_a_run_writes():
    """The list of a run's outputs once left out survey.parquet."""
    section = (ROOT / "README.md").read_text().split("## Outputs of one run", 1)[1].split("\n## ", 1)[0]
    for name in (FILES.timeseries, FILES.survey, FILES.summary, FILES.config):
        assert f"`{name}`" in section, name


@pytest.mark.parametrize("doc", ["README.md", "experiments/README.md", "sim/ODD.md"])
def test_the_warm_up_is_stated_as_long_as_it_is(doc):
    """experiments/README.md once said one warm-up year; the default is two."""
    years = Config().run.warmup_years
    text = (ROOT / doc).read_text()
    for count in re.findall(r"\b(a|one|two|three|\d+) warm-up years?\b", text):
        assert count in (WORDS.get(int(years)), f"{years:g}"), f"{doc}: '{count} warm-up year(s)'; it is {years:g}"


def test_the_main_study_states_its_replicates_where_it_is_described():
    """Its study file's header once said 10 replicates; scripts/main.sh runs 12."""
    replicates = re.search(r"REPLICATES=\$\{REPLICATES:-(\d+)\}", (ROOT / "scripts/main.sh").read_text()).group(1)
    header = (ROOT / "experiments/lumpsum_vs_tendering.yaml").read_text()
    assert f"scripts/main.sh runs a {replicates}-replicate version" in header
    assert f"6 policies x {replicates} replicates" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("community", ["austerlitz", "hollandscheveld", "ruwaard", "apeldoorn_zuid"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_calibration_report_is_its_table_with_units(community, lang):
    """The report's costs once had no unit: money is written in euros, and every target's unit is a column (in each
    of the report's sections: fit, validation, checks)."""
    result = pd.read_csv(ROOT / "docs/calibration" / f"calibration_{community}.csv", keep_default_na=False)
    text = (ROOT / "docs/calibration" / f"calibration_{community}_{lang}.md").read_text()
    for section in ROLES:
        part = result[result["scored_as"] == section]
        assert part.empty or targets_md(part, community, lang) in text, section
    wlz = next(line for line in text.splitlines() if line.startswith("| Wlz"))
    assert ("EUR per resident per year" in wlz and "EUR 1,150" in wlz) if lang == "en" else "€ 1.150" in wlz


def test_every_parameter_with_a_number_has_a_unit():
    missing = [p.key for p in describe() if isinstance(p.default, int | float | list)
               and not isinstance(p.default, bool) and not p.unit and p.key not in UNITLESS]
    assert not missing, missing


def test_help_describes_the_parameter_groups_not_hydras_config():
    """`python -m sim --help` once opened with 'powered by Hydra' and printed 274 lines of raw config."""
    text = overview()
    assert "Hydra" not in text and len(text.splitlines()) < 60
    for section in ("policy", "scenario", "volunteers", "prices"):
        assert re.search(rf"^  {section} +\d+  \S", text, re.M), section
    policy = section_text("policy")
    assert "policy.grant_renewal_prob = 0.5 [probability]" in policy
    assert "assumption, plausible 0.2-0.8; acts under project_grant after the switch" in policy
    assert "policy.tender_period_years = 4.0 [years]" in section_text("policy")
    assert "allowed: 5 values, each hours per week in [0, 168], rising" in section_text("needs")


def test_help_runs_from_the_command_line(capsys):
    ok = subprocess.run([sys.executable, "-m", "sim", "--help", "scenario"], capture_output=True, text=True,
                        timeout=120, cwd=ROOT)
    assert ok.returncode == 0 and ok.stdout.startswith("scenario: ") and "scenario.cut_year = 3.0" in ok.stdout
    assert explain(["--help", "nosuch"]) == 2 and "Sections: study, run, community" in capsys.readouterr().err


def test_the_outputs_reference_is_generated_from_the_schema():
    """docs/outputs_<lang>.md list every column and outcome with unit, meaning and aggregation; regenerate with
    python -m analysis.reference after changing sim/schema.py."""
    assert reference(["--check"]) == 0
    for lang in ("en", "nl"):
        text = (ROOT / "docs" / f"outputs_{lang}.md").read_text()
        for out in (*SERIES, *OUTCOMES, *SURVEY):
            assert f"| `{out.name}` " in text, (lang, out.name)
    assert set(MEANING_NL) == {o.name for o in (*SERIES, *OUTCOMES, *SURVEY)}
