"""Markdown copies of the tables, to print or paste: options as rows, main outcomes as columns, mean ± half-width
(pandas' `to_markdown`), and under each table what every column is, with its unit and period from sim/schema.py."""

import numpy as np
import pandas as pd

from sim.schema import BY_NAME, bounds

from .findings import clear_differences, few_replicates
from .labels import WORDS, difference_unit, kind_of, level_label, number, outcome_label, parameter_label, pick, unit_of
from .load import Factor
from .tables import past_bounds

DECIMALS = {"number": 0, "decimal": 1, "share": 2, "percent": 1}
COLUMNS = ("Columns", "Kolommen")
PAST = ("the 95% interval reaches past what the outcome can be (below 0, or a share above 100%): too few replicates "
        "to bound this mean", "het 95%-interval reikt voorbij wat de uitkomst kan zijn (onder 0, of een aandeel boven "
        "100%): te weinig herhalingen om dit gemiddelde te begrenzen")
NO_SPREAD = ("no spread", "geen spreiding")  # every pair differs by the same amount: the paired interval has no width
FOUND = ("What the paired 95% intervals show (a difference counts only when its interval excludes zero)",
         "Wat de gepaarde 95%-intervallen laten zien (een verschil telt alleen als het interval nul uitsluit)")
PAIRING = ("How many times narrower pairing by replicate made each 95% interval than the same runs unpaired "
           "(common random numbers; 1 = no gain; no spread: every pair differs by the same amount)",
           "Hoeveel keer smaller het 95%-interval is doordat runs per herhaling gepaard zijn, vergeleken met "
           "dezelfde runs ongepaard (gemeenschappelijke toevalsgetallen; 1 = geen winst; geen spreiding: elk paar "
           "verschilt evenveel)")


def cell(key: str, mean: float, low: float, high: float, lang: str, signed: bool = False) -> str:
    """'1,234 ± 56' (money in thousands of euros, shares in percent)."""
    kind = kind_of(key)
    scale, decimals = {"money": (1e-3, 0), "percent": (100, 1)}.get(kind, (1, DECIMALS.get(kind, 1)))
    half = (high - low) / 2 * scale if np.isfinite(high) and np.isfinite(low) else np.nan
    text = ("+" if signed and mean * scale > 0 else "") + number(mean * scale, decimals, lang)
    return text + (f" ± {number(half, decimals, lang)}" if np.isfinite(half) else "")


def header(key: str, lang: str, difference: bool = False) -> str:
    """A column head: the schema's short head, else the label with its unit (money in EUR 1,000); a difference of
    percentages is in percentage points."""
    out = BY_NAME.get(key)
    if out is None:
        return key
    if difference and out.kind == "percent":
        return f"{outcome_label(key, lang, unit=False)} [{difference_unit(key, lang)}]"
    if out.short:
        return pick(out.short, lang)
    unit = unit_of(key, lang, thousands=True)
    return f"{outcome_label(key, lang, unit=False)} [{unit}]" if unit else outcome_label(key, lang, unit=False)


def legend(outcomes, lang: str, difference: bool = False) -> str:
    """What each column is, with its unit and period as the cells give them (money in EUR 1,000; differences of
    percentages in percentage points)."""
    shown = [o for o in outcomes if o in BY_NAME]
    lines = [f"- {header(o, lang, difference)}: {outcome_label(o, lang, unit=False)}, "
             f"{difference_unit(o, lang) if difference and kind_of(o) == 'percent' else unit_of(o, lang, True)}"
             for o in shown]
    return f"{pick(COLUMNS, lang)}:\n\n" + "\n".join(lines) + "\n"


def table_md(long: pd.DataFrame, factors: list[Factor], outcomes, lang: str, value, difference: bool = False) -> str:
    """A pipe table from a long table (factor columns, outcome, n, ...); one row per point, `value(row)` per cell."""
    cols = [f.column for f in factors if f.column in long]
    outcomes = [o for o in outcomes if o in set(long["outcome"].astype(str))]
    rows = []
    groups = long.groupby(cols, observed=True, sort=True) if cols else [((), long)]
    for point, part in groups:
        point = point if isinstance(point, tuple) else (point,)
        by = part.set_index(part["outcome"].astype(str))
        names = [level_label(c, v, lang) for c, v in zip(cols, point, strict=True)] or [pick(("all", "alle"), lang)]
        rows.append([*names, str(int(part["n"].min())), *(value(o, by.loc[o]) for o in outcomes)])
    heads = [parameter_label(c, lang) for c in cols] or ["runs"]
    frame = pd.DataFrame(rows, columns=[*heads, "n", *(header(o, lang, difference) for o in outcomes)])
    return frame.to_markdown(index=False, disable_numparse=True) + "\n"


def summary_md(summary: pd.DataFrame, factors, outcomes, n_runs: int, lang: str) -> str:
    intro = f"{n_runs} runs; {pick(WORDS['mean_ci'], lang)}. {few_replicates(int(summary['n'].min()), lang)}".strip()
    past = past_bounds(summary)
    marked = {o for side in past.values() for o in side}

    def value(o, r):
        crosses = o in marked and (r["ci_low"] < bounds(o)[0] or r["ci_high"] > (bounds(o)[1] or np.inf))
        return cell(o, r["mean"], r["ci_low"], r["ci_high"], lang) + (" †" if crosses else "")
    table = table_md(summary, factors, outcomes, lang, value)
    note = f"\n† {pick(PAST, lang)}\n" if marked & set(outcomes) else ""
    return f"{intro}\n\n{table}{note}\n{legend(outcomes, lang)}"


def differences_md(diffs: pd.DataFrame, factors, outcomes, reference_label: str, lang: str) -> str:
    """The paired differences, then how much narrower pairing made each interval."""
    intro = pick((f"Difference from {reference_label}, paired by replicate (n = pairs)",
                  f"Verschil met {reference_label}, gepaard per herhaling (n = paren)"), lang)
    intro = f"{intro}; {pick(WORDS['mean_ci'], lang)}. {few_replicates(int(diffs['n'].min()), lang)}".strip()
    table = table_md(diffs, factors, outcomes, lang,
                     lambda o, r: cell(o, r["mean"], r["ci_low"], r["ci_high"], lang, signed=True), difference=True)
    gains = table_md(diffs, factors, outcomes, lang, lambda o, r: _times(r["narrower"], lang), difference=True)
    cols = [f.column for f in factors if f.column in diffs]
    labelled = diffs.assign(point=[" · ".join(level_label(c, v, lang) for c, v in zip(cols, row, strict=True))
                                   for row in diffs[cols].itertuples(index=False)])
    found = "\n".join(f"- {line}" for line in clear_differences(labelled, list(outcomes), reference_label, lang))
    return (f"{intro}\n\n{table}\n{pick(FOUND, lang)}:\n\n{found}\n\n{legend(outcomes, lang, difference=True)}\n"
            f"{pick(PAIRING, lang)}:\n\n{gains}")


def _times(value: float, lang: str) -> str:
    if np.isinf(value):
        return pick(NO_SPREAD, lang)
    return f"×{number(value, 1, lang)}" if np.isfinite(value) else "–"
