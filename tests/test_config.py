"""Config composition for every group option, and rejection of bad input before any run starts: a table of bad
inputs, each refused with one line that names the key (and for contradictions both keys), and the command line
stopping with exit code 2 and no run folder."""

import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from sim.configs import CONFIG_DIR, compose, compose_each, compose_raw, to_config
from sim.params import Config
from sim.validation import ConfigError, validate

GROUPS = {g: sorted(p.stem for p in (CONFIG_DIR / g).glob("*.yaml")) for g in ("community", "policy", "scenario")}
ROOT = Path(__file__).parent.parent
NOBODY = ("community.n_residents=0", "community.n_adults=0", "community.n_65plus=0", "community.n_members=0",
          "community.n_volunteers=0", "community.n_supporters=0", "community.n_nurses=0",
          "community.n_domestic_workers=0", "community.n_counter_staff=0")


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


def test_composing_many_points_at_once_gives_what_composing_each_gives(tmp_path):
    """compose_each converts once per choice of groups and values and sets each design row on a copy: the same
    configs as composing every point on its own, and the same refusals."""
    table = tmp_path / "design.csv"
    table.write_text("carers.tie_hours,policy.incumbent_win_prob\n3.5,0.2\n6.0,0.6\n")
    base = [f"study.design={table}", "community=tiny"]
    variants = [[f"policy={p}", f"study.design_row={r}", "run.years=2"] for p in ("subsidy", "tendering") for r in
                (0, 1)] + [["policy=tendering", "study.design_row=2"], ["policy=subsidy", "run.replicate=3"]]
    for variant, config in compose_each(base, variants):
        try:
            alone = to_config(compose_raw([*base, *variant]))
        except ConfigError as err:
            assert str(config) == str(err)
            continue
        assert asdict(config) == asdict(alone)


def test_defaults_are_austerlitz_subsidy_baseline():
    cfg = compose()
    assert (cfg.community.name, cfg.policy.name, cfg.scenario.name) == ("austerlitz", "subsidy", "baseline")
    assert cfg.community.n_residents == 1900 and cfg.community.n_65plus == 400


def test_overrides_read_like_dataclass_fields():
    cfg = compose(["community=austerlitz", "run.years=2", "run.seed=3", "outreach.supporter_share=0.1"])
    assert (cfg.run.years, cfg.run.seed, cfg.outreach.supporter_share) == (2, 3, 0.1)


def test_values_at_the_limits_are_accepted():
    cfg = compose(["run.years=200", "run.warmup_years=50", "community.n_residents=1000000", "run.seed=0",
                   "needs.hours_by_level=[0,8,8,32,168]", "meals.per_week=7", "community.n_adults=1",
                   "community.n_65plus=1", "community.n_members=1", "community.n_volunteers=1"])
    assert (cfg.run.years, cfg.community.n_residents, cfg.needs.hours_by_level[-1]) == (200, 1_000_000, 168)


BAD = [  # (overrides, keys the one-line message must name)
    # not a number
    (["run.years=nan"], ["run.years"]),
    (["run.years=inf"], ["run.years"]),
    (["run.warmup_years=-inf"], ["run.warmup_years"]),
    (["outreach.supporter_share=nan"], ["outreach.supporter_share"]),
    (["prices.hospital_day=inf"], ["prices.hospital_day"]),
    (["scenario.shyness_shift=nan"], ["scenario.shyness_shift"]),
    (["needs.hours_by_level=[0,8,nan,32,80]"], ["needs.hours_by_level[2]"]),
    (["crises.per_year_by_level=[0.02,inf,0.3,0.5,0.8]"], ["crises.per_year_by_level[1]"]),
    (["needs.level_thresholds=[0.21,nan,0.33,0.45]"], ["needs.level_thresholds[1]"]),
    # lists, element by element
    (["needs.hours_by_level=[0,16,8,32,80]"], ["needs.hours_by_level"]),
    (["needs.hours_by_level=[0,-8,16,32,80]"], ["needs.hours_by_level[1]"]),
    (["needs.hours_by_level=[0,8,16,32,200]"], ["needs.hours_by_level[4]", "168"]),
    (["needs.hours_by_level=[0,8,16,32]"], ["needs.hours_by_level"]),
    (["needs.level_thresholds=[0.21,0.21,0.33,0.45]"], ["needs.level_thresholds"]),
    (["needs.level_thresholds=[0.45,0.33,0.24,0.21]"], ["needs.level_thresholds"]),
    (["needs.level_thresholds=[0.21,0.24,0.33,1.5]"], ["needs.level_thresholds[3]"]),
    (["needs.social_share=[0,0.6,0.4,0.25,0.9]"], ["needs.social_share", "level 4"]),
    (["needs.personal_share=[0,0,0.3,0.45,-0.1]"], ["needs.personal_share[4]"]),
    (["crises.per_year_by_level=[0.02,-0.15,0.3,0.5,0.8]"], ["crises.per_year_by_level[1]"]),
    (["crises.per_year_by_level=[0.02,0.15]"], ["crises.per_year_by_level"]),
    (["needs.hours_by_level=abc"], ["needs.hours_by_level"]),
    (["needs.hours_by_level=[0,a,16,32,80]"], ["needs.hours_by_level"]),
    # limits that would hang a run or exhaust memory
    (["run.years=201"], ["run.years", "200"]),
    (["run.years=1e6"], ["run.years", "200"]),
    (["run.warmup_years=51"], ["run.warmup_years", "50"]),
    (["community.n_residents=1000001"], ["community.n_residents", "1,000,000"]),
    (["run.steps_per_year=100000"], ["run.steps_per_year", "365"]),
    (["meals.per_week=8"], ["meals.per_week", "7"]),
    (["community.n_nurses=5000"], ["community.n_nurses", "community.n_residents"]),
    (["community.n_counter_staff=100000000"], ["community.n_counter_staff", "community.n_residents"]),
    # degenerate communities and contradictory counts (both keys named)
    (list(NOBODY), ["community.n_residents"]),
    (["community.n_adults=0", "community.n_65plus=0", "community.n_members=0", "community.n_volunteers=0"],
     ["community.n_adults"]),
    (["community.n_65plus=1700"], ["community.n_65plus", "community.n_adults"]),
    (["community.n_adults=2000"], ["community.n_adults", "community.n_residents"]),
    (["community.n_volunteers=1700"], ["community.n_volunteers", "community.n_adults"]),
    (["community.n_members=1601"], ["community.n_members", "community.n_adults"]),
    (["community.n_volunteers=-5"], ["community.n_volunteers"]),
    # seeds numpy's SeedSequence does not take
    (["run.seed=-1"], ["run.seed"]),
    (["run.seed=1.5"], ["run.seed"]),
    (["run.seed=abc"], ["run.seed"]),
    (["run.replicate=-1"], ["run.replicate"]),
    # keys the schema does not know (`+` bypasses it), and options that do not exist
    (["+run.yeers=2"], ["run.yeers", "years"]),
    (["+foo=1"], ["foo"]),
    (["+study.extra=1"], ["study.extra", "question"]),
    (["++community.n_flats=3"], ["community.n_flats"]),
    (["+community.garden.size=3"], ["community.garden"]),
    (["run.yeers=2"], ["run.yeers", "years"]),
    (["+run.seed=3"], ["run.seed"]),
    (["~run.seed"], ["run.seed"]),
    (["+experiments=funding_cut"], ["experiments", "hydra.searchpath"]),
    (["policy=marketplace"], ["policy", "tendering"]),
    (["policy.name=marketplace"], ["policy.name", "tendering"]),
    (["scenario.cut_payer=bank"], ["scenario.cut_payer", "wmo"]),
    (["community.supporter_has_wmo_authority=maybe"], ["community.supporter_has_wmo_authority"]),
    (["community.n_residents=1e9"], ["community.n_residents"]),
    (["run=5"], ["run"]),
    # values outside their range
    (["outreach.supporter_share=1.5"], ["outreach.supporter_share", "[0, 1]"]),
    (["scenario.cut_share=-0.1"], ["scenario.cut_share"]),
    (["scenario.shyness_shift=2"], ["scenario.shyness_shift"]),
    (["run.years=0"], ["run.years"]),
    (["run.years=0.001"], ["run.years"]),
    # names that become folder names; values that trip the override grammar get advice to quote them
    (["community.name=a/b"], ["community.name"]),
    (["scenario.name=../up"], ["scenario.name"]),
    (["run.years=1)"], ["run.years", "write a number", "run.years=10"]),
    (["needs.hours_by_level=[0,8,16,32,80"], ["needs.hours_by_level", "unquoted", "=[0,8,16,32,80]"]),
    (["needs.hours_by_level='[0,8,16,32,80'"], ["needs.hours_by_level is a list", "[0,8,16,32,80]"]),
    (["needs.hours_by_level='[0,8,16,32,80]'"], ["needs.hours_by_level is a list", "unquoted"]),
    (["+needs.level_thresholds=[0.2,0.3"], ["needs.level_thresholds", "4 numbers", "[0.21,0.24,0.33,0.45]"]),
    (["study.question=why (not)?"], ["study.question", "quotes"]),
    (["study.question=a=b,c"], ["study.question", "quotes"]),
    (["run.years"], ["run.years", "key=value"]),
]


@pytest.mark.parametrize("overrides,keys", BAD, ids=[" ".join(o)[:60] for o, _ in BAD])
def test_bad_input_is_refused_in_one_line_naming_the_key(overrides, keys):
    with pytest.raises(ConfigError) as caught:
        compose(overrides)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    for key in keys:
        assert key in message, message


def test_a_config_built_in_python_is_checked_too():
    cfg = Config()
    cfg.needs.hours_by_level = [0.0, 8.0, float("nan"), 32.0, 80.0]
    with pytest.raises(ConfigError, match=r"needs\.hours_by_level\[2\]"):
        validate(cfg)


CLI_BAD = [  # each class once more through `python -m sim`
    ("community.n_volunteers=-1", "community.n_volunteers"),
    ("run.years=nan", "run.years"),
    ("needs.level_thresholds=[0.3,0.2,0.4,0.5]", "needs.level_thresholds"),
    ("run.years=500", "run.years"),
    ("community.n_65plus=1700", "community.n_adults"),
    ("+run.yeers=2", "run.yeers"),
    ("policy=marketplace", "policy"),
    ("run.years=1)", "run.years"),
    ("run.seed=-3", "run.seed"),
]


@pytest.mark.parametrize("override,key", CLI_BAD)
def test_cli_stops_before_the_run_with_one_line_and_no_folder(tmp_path, override, key):
    out = tmp_path / "run"
    result = subprocess.run([sys.executable, "-m", "sim", override, f"hydra.run.dir={out}"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and key in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert not out.exists() and result.stdout == ""


def test_cli_refuses_a_run_folder_it_cannot_make(tmp_path):
    (tmp_path / "a_file").write_text("")
    result = subprocess.run([sys.executable, "-m", "sim", f"hydra.run.dir={tmp_path / 'a_file' / 'run'}"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2 and "hydra.run.dir" in result.stderr and "not a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
