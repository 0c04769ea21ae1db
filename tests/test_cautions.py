"""Warnings before the run: an event (cut, fading, tender, grant term) that falls at or after the end of the run, a
setting that cannot act under the run's arrangements, a swept key that cannot act in any run of a study, and too few
replicates for a comparison. The `acts` declarations in sim/params.py are checked by negative control: changing a
parameter where it is declared unable to act leaves the run identical (common random numbers), and the event
timing the warnings assume is the model's."""

from dataclasses import fields, is_dataclass, replace

import pytest

from experiments.__main__ import main as experiments_main
from experiments.cautions import drawn_on_another_model, study_cautions
from experiments.design import check_design, make_design
from sim.__main__ import check_first
from sim.cautions import declared, events_outside, inert, run_cautions
from sim.configs import compose
from sim.params import POLICIES
from sim.run import model_fingerprint, run_model

SHORT = ["community=tiny", "run.steps_per_year=4", "run.years=3"]  # 12 steps of a quarter year: cheap, and every
EVENTS = ["policy.tender_period_years=1", "policy.grant_years=1", "scenario.fade_per_year=0.3",  # event happens
          "scenario.fade_from_year=0", "scenario.cut_share=0.3", "scenario.cut_year=1"]


def moved(value, meta: dict):
    """Another valid value of a parameter, far enough from `value` to change a run where it acts."""
    if meta.get("check") == "choice":
        return next(option for option in meta["options"] if option != value)
    if meta.get("check") == "share":
        return 0.9 if value < 0.5 else 0.1
    return value * 1.7 + 1


def with_inert_moved(cfg):
    """A copy of `cfg` with every declared parameter that cannot act in it moved; returns it and the keys moved."""
    keys = [key for key in declared(cfg) if inert(cfg, key)]
    for key in keys:
        section, name = key.split(".")
        group = getattr(cfg, section)
        meta = next(f.metadata for f in fields(group) if f.name == name)
        setattr(cfg, section, replace(group, **{name: moved(getattr(group, name), meta)}))
    return cfg, keys


def series(cfg):
    return run_model(cfg)[0]


@pytest.mark.parametrize("policy", POLICIES)
def test_a_parameter_declared_inert_under_a_policy_does_not_change_its_run(policy):
    cfg = compose([*SHORT, *EVENTS, f"policy={policy}", "run.warmup_years=0"])
    changed, keys = with_inert_moved(compose([*SHORT, *EVENTS, f"policy={policy}", "run.warmup_years=0"]))
    assert keys and all(k.startswith(("policy.", "scenario.")) for k in keys)
    assert series(changed).equals(series(cfg)), keys
    acting, keys = cfg, [k for k in declared(cfg) if not inert(cfg, k)]
    for key in keys:  # the others, moved together, do change it: the negative control removes something real
        section, name = key.split(".")
        group = getattr(acting, section)
        meta = next(f.metadata for f in fields(group) if f.name == name)
        acting = replace(acting, **{section: replace(group, **{name: moved(getattr(group, name), meta)})})
    assert not series(acting).equals(series(cfg)), keys


@pytest.mark.parametrize("status_quo,policy,key,acting", [
    ("subsidy", "no_cooperative", "policy.generic_volunteer_share", "policy.coordination_hours_per_volunteer"),
    ("tendering", "subsidy", "policy.tender_period_years", "policy.unbilled_work_share")])
def test_phases_the_warm_up_runs_the_status_quo_and_events_count_from_the_switch(status_quo, policy, key, acting):
    """A volunteer pool set up by the warm-up's cooperative is not the one a village without one starts with (and
    that cooperative's coordination acts in the warm-up); a tendering status quo holds no tender during the warm-up,
    but pays per hour."""
    overrides = [*SHORT, *EVENTS, f"policy={policy}", "run.warmup_years=1", f"community.status_quo_policy={status_quo}"]
    cfg = compose(overrides)
    changed, keys = with_inert_moved(compose(overrides))
    assert key in keys and acting not in keys
    assert series(changed).equals(series(cfg))


@pytest.mark.parametrize("event,inside,outside", [
    ("cut", ["scenario.cut_share=0.5", "scenario.cut_year=1.75"], ["scenario.cut_share=0.5", "scenario.cut_year=2"]),
    ("tender", ["policy=tendering", "policy.tender_period_years=1"],
     ["policy=tendering", "policy.tender_period_years=2"]),
    ("grant", ["policy=project_grant", "policy.grant_years=1", "policy.grant_renewal_prob=0"],
     ["policy=project_grant", "policy.grant_years=1.5", "policy.grant_renewal_prob=0"]),
    ("fade", ["scenario.fade_per_year=0.5", "scenario.fade_from_year=1"],
     ["scenario.fade_per_year=0.5", "scenario.fade_from_year=1.25"])])
def test_an_event_warned_as_outside_the_run_never_acts_and_one_inside_does(event, inside, outside):
    """A 2-year run: the warning's timing is the model's (a cut from 1.75 years acts, from 2 it does not; a tender,
    a grant's end and fading happen at the start of a year)."""
    base = ["community=tiny", "run.steps_per_year=4", "run.years=2", "run.warmup_years=0"]
    without = series(compose([*base, *(o for o in inside if o.startswith("policy="))]))
    acting, late = compose([*base, *inside]), compose([*base, *outside])
    assert not events_outside(acting) and not series(acting).equals(without)
    warned = events_outside(late)
    assert len(warned) == 1 and "at or after the end of the 2-year run" in warned[0]
    assert series(late).equals(without)


def test_a_single_run_is_warned_before_it_starts(capsys):
    check_first(["community=tiny", "run.years=2", "policy=tendering", "scenario=fading_support",
                 "policy.grant_years=5", "hydra.run.dir=/tmp/never-made"])
    err = capsys.readouterr().err.splitlines()
    assert err == [f"Warning: {line}" for line in run_cautions(compose(
        ["community=tiny", "run.years=2", "policy=tendering", "scenario=fading_support", "policy.grant_years=5"]))]
    assert any(line.startswith("Warning: policy.tender_period_years=4: the first tender comes after 4 years")
               for line in err)
    assert any("policy.grant_years=5: it acts only under project_grant" in line for line in err)
    assert any("scenario.fade_per_year=0.15: it acts only under subsidy, pooled_budget" in line for line in err)


def test_a_study_whose_cut_falls_after_its_runs_is_warned_even_in_a_dry_run(tmp_path, capsys):
    """funding_cut with --years 2 once applied no cut at all, silently: every difference was 0 +- 0."""
    code = experiments_main(["run", "funding_cut", "community=tiny", "--replicates", "2", "--years", "2",
                             "policy=subsidy,tendering", "--dry-run", "--out", str(tmp_path / "cut")])
    err = capsys.readouterr().err
    assert code == 0 and not (tmp_path / "cut").exists()
    assert "Warning: scenario.cut_year=2: the cut of the wmo budget starts after 2 complete years, at or after the " \
           "end of the 2-year run: it never acts (in 4 of 12 points)" in err
    assert "scenario.cut_year=5" in err and "2 replicate(s) per point" in err


def test_a_swept_key_that_cannot_act_in_any_run_is_warned():
    design = make_design("project_carousel", ["policy=subsidy", "community=tiny", "run.replicate=range(0,5)"])
    lines = study_cautions(design, check_design(design))
    assert any(line.startswith("policy.grant_renewal_prob is swept but cannot act in any run of this study (it acts "
                               "only under project_grant") for line in lines)
    design = make_design("project_carousel", ["community=tiny", "run.replicate=range(0,5)"])
    assert not study_cautions(design, check_design(design))  # with project grants in the study it acts


def test_every_declaration_names_real_policies_and_settings():
    cfg = compose([])
    for key, where in declared(cfg).items():
        assert set(where["policies"]) <= set(POLICIES) and where["phase"] in ("running", "after", "start"), key
        section = getattr(cfg, key.split(".")[0])
        assert is_dataclass(section) and (not where["needs"] or hasattr(section, where["needs"])), key


def test_a_design_table_that_varies_a_key_gives_one_warning_for_it_not_one_per_point():
    """funding_uncertainty draws every register entry in each of 400 rows under six policies: a line per point and
    value printed 50,375 warnings before it ran."""
    design = make_design("funding_uncertainty", ["community=tiny", "study.design_row=range(0,8)"])
    lines = study_cautions(design, check_design(design))
    keys = [line.split(" ")[0].split("=")[0].removesuffix(":") for line in lines]
    assert len(keys) == len(set(keys)) and len(lines) < 40, lines
    assert "policy.coach_admission_reduction: 8 values cannot act where it acts only under pooled_budget (in 40 of " \
           "48 points)" in lines
    assert "policy.generic_volunteer_share: 8 values cannot act where it acts only under no_cooperative as the first " \
           "arrangement" in lines  # in none of the points: said without a count


def test_draws_from_a_history_match_on_another_model_are_warned(tmp_path):
    """The uncertainty study's behavioural draws hold for the model the history match ran on: the study says so
    before it runs when the model has changed since, and is silent when it has not."""
    record = tmp_path / "history_match.yaml"
    record.write_text(f"code_version: then\nmodel_fingerprint: {model_fingerprint()}\n")
    assert drawn_on_another_model({"data/uncertainty/draws.csv"}, record) == []
    record.write_text("code_version: then\nmodel_fingerprint: 0123456789abcdef\n")
    [line] = drawn_on_another_model({"data/uncertainty/draws.csv", ""}, record)
    assert line.startswith("study.design: data/uncertainty/draws.csv comes from a history match on another model "
                           "(code then)")
    assert drawn_on_another_model({"data/screening/morris.csv"}, record) == []  # not drawn from the match
    record.write_text("code_version: then\n")  # a record from before fingerprints: the model cannot be vouched for
    assert len(drawn_on_another_model({"data/posterior/draws.csv"}, record)) == 1
