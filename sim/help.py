"""`python -m sim --help [section]`: what a run can be told, from sim/params.py and configs/ (not Hydra's raw dump of
the config: `--hydra-help` shows Hydra's own options). Without a section: the command, the named options of each
config group, and the parameter sections; with one: its parameters with default, unit, allowed values, whether each
is an assumption, where it acts, and its meaning and source."""

import sys
import textwrap

from .configs import CONFIG_DIR
from .parameters import Parameter, describe, sections

USAGE = """usage: python -m sim [group=option ...] [section.parameter=value ...]
       python -m sim --help [section]      (a section's parameters: python -m sim --help policy)

One run of the caring-community model: a warm-up under the community's current arrangement, then the chosen
funding policy for run.years years. Writes timeseries.parquet, survey.parquet, summary.json and
resolved_config.yaml to outputs/runs/<time>_<pid>_<community>_<policy>_<scenario>/. A bad value stops before the
run with exit code 2 and one line naming the key; a run that would not show something (an event after its end, a
setting that cannot act under its policy) is warned about first. Studies over many runs: python -m experiments."""
GROUPS = ("community", "policy", "scenario")
WIDTH = 116


def options(group: str) -> list[str]:
    """The named options of a config group (configs/<group>/*.yaml), the default first."""
    names = sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))
    default = {"community": "austerlitz", "policy": "subsidy", "scenario": "baseline"}[group]
    return [f"{default} (default)", *(n for n in names if n != default)]


def overview() -> str:
    lines = [USAGE, "", "Named options (configs/<group>/<option>.yaml sets the parameters an option changes):"]
    lines += [f"  {group}={'|'.join(n.split(' ')[0] for n in options(group))}" for group in GROUPS]
    lines += ["", "Parameter sections (python -m sim --help <section>; units, allowed values and sources):"]
    counts = {}
    for p in describe():
        counts[p.key.split(".")[0]] = counts.get(p.key.split(".")[0], 0) + 1
    lines += [f"  {name:<12}{counts.get(name, 0):>3}  {doc}" for name, doc in sections()]
    lines += ["", *textwrap.wrap("Units: rates are per year (converted to per-step probabilities), money in euros "
                                 "(2022 prices), hours per week, unless a parameter says otherwise. 'assumption' marks "
                                 "values no source gives, with the range a sensitivity analysis varies them over.",
                                 WIDTH)]
    return "\n".join(lines) + "\n"


def section_text(section: str) -> str:
    """One section's parameters, each: key = default [unit]; allowed; assumption range; where it acts; meaning."""
    doc = dict(sections()).get(section)
    if doc is None:
        names = ", ".join(name for name, _ in sections())
        return f"No parameter section '{section}'. Sections: {names}\n"
    lines = [f"{section}: {doc}", ""]
    for p in describe(section):
        lines += parameter_lines(p)
    return "\n".join(lines) + "\n"


def parameter_lines(p: Parameter) -> list[str]:
    default = "[" + ", ".join(f"{v:g}" for v in p.default) + "]" if isinstance(p.default, list) else f"{p.default}"
    head = f"{p.key} = {default}" + (f" [{p.unit}]" if p.unit else "")
    facts = [f"allowed: {p.allowed}"] if p.allowed else []
    facts += [f"assumption, plausible {p.assumed[0]:g}-{p.assumed[1]:g}"] if p.assumed else []
    facts += [f"acts {p.acts}"] if p.acts else []
    body = "; ".join(facts + ([p.meaning] if p.meaning else []))
    return [f"  {head}", *textwrap.wrap(body, WIDTH, initial_indent="      ", subsequent_indent="      ")]


def main(argv: list[str]) -> int:
    """Print the help `argv` asks for: the overview, or one section's parameters (exit code 2 for no such section)."""
    rest = [a for a in argv if a not in ("--help", "-h")]
    if rest and rest[0] not in dict(sections()):
        print(section_text(rest[0]), end="", file=sys.stderr)
        return 2
    print(section_text(rest[0]) if rest else overview(), end="")
    return 0
