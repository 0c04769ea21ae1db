"""Config composition for every group option, and rejection of bad input before any run starts."""

import subprocess
import sys
from pathlib import Path

import pytest
from hydra.errors import HydraException
from omegaconf.errors import OmegaConfBaseException

from sim.configs import CONFIG_DIR, compose
from sim.validation import ConfigError

GROUPS = {g: sorted(p.stem for p in (CONFIG_DIR / g).glob("*.yaml")) for g in ("community", "policy", "scenario")}


@pytest.mark.parametrize("group,option", [(g, o) for g, opts in GROUPS.items() for o in opts])
def test_every_option_composes_and_names_itself(group, option):
    cfg = compose([f"{group}={option}"])
    expected = cfg.community.status_quo_policy if option == "status_quo" else option  # resolved to the real one
    assert getattr(cfg, group).name == expected


def test_status_quo_means_the_communitys_own_policy():
    assert compose(["policy=status_quo", "community=hollandscheveld"]).policy.name == "pooled_budget"
    assert compose(["policy=status_quo", "community=ruwaard"]).policy.name == "lump_sum"


def test_a_design_table_row_sets_its_parameters(tmp_path):
    table = tmp_path / "design.csv"
    table.write_text("carers.tie_hours,volunteers.hours_per_client,network.friends_per_adult\n3.5,1.5,2.6\n6.0,2.5,1.2\n")
    cfg = compose([f"study.design={table}", "study.design_row=1"])
    assert (cfg.carers.tie_hours, cfg.volunteers.hours_per_client, cfg.network.friends_per_adult) == (6.0, 2.5, 1)
    with pytest.raises(ConfigError, match="past the 2 rows"):
        compose([f"study.design={table}", "study.design_row=2"])


def test_defaults_are_austerlitz_subsidy_baseline():
    cfg = compose()
    assert (cfg.community.name, cfg.policy.name, cfg.scenario.name) == ("austerlitz", "subsidy", "baseline")
    assert cfg.community.n_residents == 1900 and cfg.community.n_65plus == 400


def test_overrides_read_like_dataclass_fields():
    cfg = compose(["community=austerlitz", "run.years=2", "run.seed=3", "outreach.supporter_share=0.1"])
    assert (cfg.run.years, cfg.run.seed, cfg.outreach.supporter_share) == (2, 3, 0.1)


@pytest.mark.parametrize("override,key", [
    ("community.n_volunteers=-5", "community.n_volunteers"),
    ("outreach.supporter_share=1.5", "outreach.supporter_share"),
    ("scenario.cut_share=-0.1", "scenario.cut_share"),
    ("run.years=0", "run.years"),
    ("policy.name=marketplace", "policy.name"),
    ("scenario.cut_payer=bank", "scenario.cut_payer"),
])
def test_invalid_values_are_rejected_naming_the_key(override, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        compose([override])


def test_unknown_group_option_lists_the_allowed_ones():
    with pytest.raises(HydraException, match="tendering"):
        compose(["policy=marketplace"])


def test_misspelt_key_is_rejected():
    with pytest.raises((HydraException, OmegaConfBaseException), match="yeers"):
        compose(["run.yeers=2"])


def test_inconsistent_counts_are_rejected():
    with pytest.raises(ConfigError, match="n_65plus"):
        compose(["community.n_65plus=1700"])


def test_cli_stops_before_the_run_with_a_clear_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sim", "community.n_volunteers=-1", f"hydra.run.dir={tmp_path}"],
                            capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    assert result.returncode != 0
    assert "community.n_volunteers" in result.stderr and ">= 0" in result.stderr
    assert not (tmp_path / "summary.json").exists()
