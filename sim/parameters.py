"""Every parameter of sim/params.py described for a reader: its dotted key, default, unit, allowed values, whether it
is an assumption (and its plausible range), where it acts, and its meaning and source, all read from params.py
itself: the dataclasses, their validation metadata and the comment each field carries. The unit is the one the
comment states in brackets (`# [hours per week] ...`), else the one the project's naming rules give it (money
`*_eur`, rates `*_per_year`, probabilities `*_prob`, counts `n_*`, ...)."""

import inspect
import io
import re
import tokenize
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import cache

from . import params, register
from .params import Config
from .validation import KINDS

NAMED = (  # (name ends with / starts with, unit): the naming rules of STYLE.md, most specific first
    ("_eur_per_year", "EUR per year"), ("_eur", "EUR"), ("_prob", "probability"), ("per_year_per_1000",
    "per 1,000 per year"), ("_per_year", "per year"), ("_weeks", "weeks"), ("_years", "years"),
    ("hours_per_week", "hours per week"), ("_multiplier", "times"), ("_per_hour", "EUR per hour"),
    ("_per_day", "EUR per day"), ("_per_half_day", "EUR per half-day"))


@dataclass(frozen=True)
class Parameter:
    key: str  # section.name, as a Hydra override names it
    default: object
    unit: str
    allowed: str
    assumed: tuple | None  # the plausible range of an assumption (sensitivity, calibration), else None
    meaning: str  # the field's comment: what it is and where its value comes from
    acts: str  # where it can act ('' when everywhere)


@cache
def comments() -> dict[tuple[str, str], str]:
    """(class name, field name) -> the comment on the field's line in sim/params.py."""
    source = inspect.getsource(params)
    by_line = {tok.start[0]: tok.string[1:].strip() for tok in tokenize.generate_tokens(io.StringIO(source).readline)
               if tok.type == tokenize.COMMENT}
    found, current = {}, None
    for number, line in enumerate(source.splitlines(), start=1):
        head = re.match(r"class (\w+)", line)
        current = head.group(1) if head else current
        name = re.match(r"    (\w+): ", line)
        if current and name and number in by_line:
            found[(current, name.group(1))] = by_line[number]
    return found


def unit_of(section: str, name: str, meta: dict, comment: str) -> str:
    """The unit the comment states in brackets, else the one the naming rules give, else '' (a name, a seed)."""
    stated = re.match(r"\[([^\]]+)\]", comment) or re.search(r"\[([^\]]+)\]", comment)
    if stated:
        return stated.group(1)
    if name.startswith("n_"):
        return "people"
    for ending, unit in NAMED:
        if name.endswith(ending):
            return unit
    if section == "prices":
        return "EUR"
    return "share, 0-1" if meta.get("check") == "share" else ""


def allowed(meta: dict) -> str:
    """What validation accepts, in words ('a share in [0, 1]', 'a number >= 0 and at most 200')."""
    check = meta.get("check")
    if check is None:
        return ""
    if check == "choice":
        return "one of " + ", ".join(meta["options"])
    text = f"a number in [{meta['low']}, {meta['high']}]" if check == "range" else KINDS[check][2]
    if meta.get("length"):
        text = f"{meta['length']} values, each {text}" + (f", {meta['order']}" if meta.get("order") else "")
    return text + (f", at most {meta['most']:,}" if meta.get("most") is not None else "")


def where(meta: dict) -> str:
    """Where a parameter acts, from its `acts` declaration ('' when under every arrangement, at any time)."""
    acts = meta.get("acts")
    if not acts:
        return ""
    parts = [f"under {', '.join(acts['policies'])}"] if set(acts["policies"]) != set(params.POLICIES) else []
    parts += [{"after": "after the switch", "start": "as the first arrangement", "running": ""}[acts["phase"]]]
    parts += [f"when {acts['needs']} > 0"] if acts["needs"] else []
    return " ".join(p for p in parts if p)


def sections() -> list[tuple[str, str]]:
    """(section, what it holds) in the order of Config, from each dataclass's docstring."""
    return [(f.name, (type(getattr(Config(), f.name)).__doc__ or "").strip()) for f in fields(Config)]


def describe(section: str | None = None) -> list[Parameter]:
    """Every parameter (of one section, if given), in the order params.py declares them."""
    cfg, notes, found = Config(), comments(), []
    registered = register.ranges(cfg, grades=("assumed",))  # the register holds the policy assumptions' ranges
    for part in fields(cfg):
        group = getattr(cfg, part.name)
        if not is_dataclass(group) or section not in (None, part.name):
            continue
        for f in fields(group):
            comment = notes.get((type(group).__name__, f.name), "")
            meaning = re.sub(r"^\[[^\]]+\]\s*", "", comment)
            default = f.default if f.default is not MISSING else f.default_factory()
            key = f"{part.name}.{f.name}"
            assumed = f.metadata.get("assumed") or registered.get(key)
            found.append(Parameter(key, default, unit_of(part.name, f.name, f.metadata, comment),
                                   allowed(f.metadata), assumed, meaning, where(f.metadata)))
    return found


def by_key() -> dict[str, Parameter]:
    return {p.key: p for p in describe()}
