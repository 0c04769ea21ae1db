"""What a run would not show, said before it runs: events that fall at or after its end (a cut, fading support, a
tender, the end of a grant), and settings that cannot act in it (a tender's parameters under a lump-sum budget, a
cut year without a cut). Pure functions of a Config, read from the `acts` declarations in sim/params.py;
`python -m sim` and `python -m experiments run` print them as warnings, and never refuse a run for them."""

import math
from dataclasses import fields, is_dataclass

from results.columns import OFF

from .mechanisms import names_of
from .params import FADING, FUND_PAID, Config
from .schema import FUND

MIN_REPLICATES = 5  # fewer make a paired 95% interval (t with under 4 degrees of freedom) wide and unreliable


def arrangements(cfg: Config, phase: str = "running") -> set[str]:
    """The funding arrangements a run goes through in a phase: after the switch only its policy; while running,
    also the status quo of the warm-up; at the start, the arrangement that sets the community up."""
    first = cfg.community.status_quo_policy if cfg.run.warmup_years > 0 else cfg.policy.name
    return {"after": {cfg.policy.name}, "start": {first}, "running": {first, cfg.policy.name}}[phase]


def declared(cfg: Config) -> dict[str, dict]:
    """Every parameter with an `acts` declaration, by dotted key."""
    found = {}
    for section in fields(cfg):
        group = getattr(cfg, section.name)
        if is_dataclass(group):
            found |= {f"{section.name}.{f.name}": f.metadata["acts"] for f in fields(group) if "acts" in f.metadata}
    return found


def inert(cfg: Config, key: str) -> str | None:
    """Why setting `key` cannot act in this run ('acts only under tendering, from the switch'), or None if it can."""
    where = declared(cfg).get(key)
    if where is None:
        return None
    section = key.split(".")[0]
    if where["needs"] and not getattr(getattr(cfg, section), where["needs"]) > 0:
        return f"it acts only when {section}.{where['needs']} > 0"
    if not arrangements(cfg, where["phase"]) & set(where["policies"]):
        when = {"after": " after the switch", "start": " as the first arrangement", "running": ""}[where["phase"]]
        return f"it acts only under {', '.join(where['policies'])}{when}, and this run has {cfg.policy.name}" + \
            (f" (warm-up: {cfg.community.status_quo_policy})" if cfg.run.warmup_years > 0 else "")
    return None


def idle_in_warm_up(cfg: Config) -> list[str]:
    """The declared parameters that cannot act during the warm-up (it runs the community's status quo, whole): those
    that act only after the switch (tenders, grants, cuts, fading, mechanisms switched off), only under other
    arrangements, or only when a setting that is off is on. Runs that differ only in these share a warm-up."""
    first = cfg.community.status_quo_policy
    idle = []
    for key, where in declared(cfg).items():
        section = getattr(cfg, key.split(".")[0])
        needs_off = where["needs"] and not getattr(section, where["needs"]) > 0
        if where["phase"] == "after" or needs_off or first not in where["policies"]:
            idle.append(key)
    return idle


def events_outside(cfg: Config) -> list[str]:
    """Events the run's settings schedule at or after its end, each in one line naming the key. Years count from
    the switch (after the warm-up); a tender, a grant's end and fading happen at the start of a simulated year."""
    s, p, years = cfg.scenario, cfg.policy, cfg.run.years
    after = f"at or after the end of the {years:g}-year run"
    found = []
    if s.cut_share > 0 and s.cut_year >= years:
        found.append(f"scenario.cut_year={s.cut_year:g}: the cut of the {s.cut_payer} budget starts after "
                     f"{s.cut_year:g} complete years, {after}: it never acts")
    if s.cut_share > 0 and s.cut_payer == FUND and cfg.policy.name not in FUND_PAID:
        found.append(f"scenario.cut_payer=fund: only {', '.join(FUND_PAID)} is paid from a fund; under "
                     f"{cfg.policy.name} the cut never acts")
    if s.fade_per_year > 0 and cfg.policy.name in FADING and math.ceil(s.fade_from_year) >= years:
        found.append(f"scenario.fade_from_year={s.fade_from_year:g}: support starts fading at the start of year "
                     f"{math.ceil(s.fade_from_year) + 1}, {after}: it never fades")
    if cfg.policy.name == "tendering" and math.ceil(p.tender_period_years) >= years:
        found.append(f"policy.tender_period_years={p.tender_period_years:g}: the first tender comes after "
                     f"{math.ceil(p.tender_period_years)} years, {after}: no tender happens")
    if cfg.policy.name == "project_grant" and math.ceil(p.grant_years) >= years:
        found.append(f"policy.grant_years={p.grant_years:g}: the grant's term ends after {math.ceil(p.grant_years)} "
                     f"years, {after}: it never ends or is renewed")
    return found


def changed_but_inert(cfg: Config, skip=()) -> list[str]:
    """Settings given a value other than the default that cannot act in this run, one line each (keys in `skip`
    left out)."""
    default = Config()
    found = []
    for key in (k for k in declared(cfg) if k not in skip):
        section, name = key.split(".")
        value = getattr(getattr(cfg, section), name)
        why = inert(cfg, key) if value != getattr(getattr(default, section), name) else None
        if why:
            found.append(f"{key}={value:g}: {why}" if isinstance(value, float) else f"{key}={value}: {why}")
    return found


def foreign_mechanisms(cfg: Config) -> list[str]:
    """Mechanisms `policy.off` names that are not the run's policy's own (switching them off changes nothing)."""
    own = names_of(cfg.policy.name)
    foreign = [m for m in cfg.policy.off if m not in own]
    if not foreign or cfg.policy.name not in {p for p in declared(cfg)[OFF]["policies"]}:
        return []  # a policy without mechanisms: changed_but_inert says so
    return [f"policy.off names {', '.join(foreign)}, not a mechanism of {cfg.policy.name} (its own: "
            f"{', '.join(own)}): switching it off changes nothing"]


def run_cautions(cfg: Config) -> list[str]:
    """Everything a single run should be warned about before it starts."""
    return events_outside(cfg) + changed_but_inert(cfg) + foreign_mechanisms(cfg)
