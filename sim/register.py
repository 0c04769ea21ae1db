"""The register of policy assumptions (data/policy_assumptions.csv): every parameter through which a policy acts and
every price that decides a difference, with its evidence grade, plausible range, source and the mechanisms it acts
through (sim/mechanisms.py, as `policy.mechanism`). The values live in sim/params.py (the register never repeats
them); the register is the only home of these parameters' ranges: `assumption_ranges()` (sensitivity, calibration)
and the uncertainty study read them from here. A range may be relative to the community's value (`x0.75`), for a
setting every preset sets its own way (the subsidy, the supporters' hours)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "data" / "policy_assumptions.csv"
GRADES = {  # grade -> (English, Dutch) meaning
    "measured": ("measured in an evaluation, trial, price list or statistic", "gemeten in een evaluatie, trial, "
                 "prijslijst of statistiek"),
    "statutory": ("set by law (the value is a legal term or maximum)", "wettelijk vastgelegd (een termijn of maximum)"),
    "reported": ("reported by an initiative, municipality or press, without a published method",
                 "gemeld door een initiatief, gemeente of pers, zonder gepubliceerde methode"),
    "assumed": ("assumed: nothing found; a wide range", "aangenomen: niets gevonden; een ruim bereik"),
}


@dataclass(frozen=True)
class Entry:
    key: str  # the dotted parameter (section.name)
    grade: str  # a key of GRADES
    low: str  # a number, or 'x<factor>' of the community's value; '' for a setting that is not varied
    high: str
    mechanisms: tuple[str, ...]  # 'policy.mechanism' (or a policy alone), what it acts through
    source: str

    @property
    def varied(self) -> bool:
        return bool(self.low and self.high)

    def bounds(self, value: float) -> tuple[float, float]:
        """The range as numbers: relative bounds (x0.75) times the parameter's value in this config."""
        return tuple(value * float(b[1:]) if b.startswith("x") else float(b) for b in (self.low, self.high))


@cache
def entries() -> tuple[Entry, ...]:
    with open(PATH, newline="") as f:
        return tuple(Entry(r["parameter"], r["grade"], r["low"], r["high"],
                           tuple(m.strip() for m in r["mechanisms"].split(";") if m.strip()), r["source"])
                     for r in csv.DictReader(f))


def by_key() -> dict[str, Entry]:
    return {e.key: e for e in entries()}


def value_of(cfg, key: str):
    section, name = key.split(".")
    return getattr(getattr(cfg, section), name)


def ranges(cfg=None, grades: tuple[str, ...] = tuple(GRADES)) -> dict[str, tuple[float, float]]:
    """The varied entries of these grades with their ranges in `cfg` (default: the default config), by key."""
    from .params import Config  # noqa: PLC0415 (params reads the register for its assumption ranges)

    cfg = cfg if cfg is not None else Config()
    return {e.key: e.bounds(float(value_of(cfg, e.key))) for e in entries() if e.varied and e.grade in grades}
