"""Markdown copies of the tables, to print or paste: options as rows, main outcomes as columns, mean ± half-width
(pandas' `to_markdown`)."""

import numpy as np
import pandas as pd

from sim.schema import BY_NAME

from .labels import WORDS, kind_of, level_label, number, parameter_label, pick
from .load import Factor

DECIMALS = {"number": 0, "decimal": 1, "share": 2, "percent": 1}
LEGEND = ("Costs in EUR 1,000 per year. Unmet need: share of care hours needed but not given. NH: nursing home.",
          "Kosten in 1.000 euro per jaar. Onvervuld: deel van de benodigde zorguren dat niet geleverd is. "
          "VPH: verpleeghuis.")
PAIRING = ("How many times narrower pairing by replicate made each 95% interval than the same runs unpaired "
           "(common random numbers; 1 = no gain)",
           "Hoeveel keer smaller het 95%-interval is doordat runs per herhaling gepaard zijn, vergeleken met "
           "dezelfde runs ongepaard (gemeenschappelijke toevalsgetallen; 1 = geen winst)")


def cell(key: str, mean: float, low: float, high: float, lang: str, signed: bool = False) -> str:
    """'1,234 ± 56' (money in thousands of euros, shares in percent)."""
    kind = kind_of(key)
    scale, decimals = {"money": (1e-3, 0), "percent": (100, 1)}.get(kind, (1, DECIMALS.get(kind, 1)))
    half = (high - low) / 2 * scale if np.isfinite(high) and np.isfinite(low) else np.nan
    text = ("+" if signed and mean * scale > 0 else "") + number(mean * scale, decimals, lang)
    return text + (f" ± {number(half, decimals, lang)}" if np.isfinite(half) else "")


def header(key: str, lang: str) -> str:
    out = BY_NAME.get(key)
    if out is None:
        return key
    if out.short:
        return pick(out.short, lang)
    label, unit = (out.nl, out.unit_nl) if lang == "nl" else (out.en, out.unit_en)
    return f"{label} [{'EUR 1,000/yr' if out.kind == 'money' else unit}]" if unit else label


def table_md(long: pd.DataFrame, factors: list[Factor], outcomes, lang: str, value) -> str:
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
    frame = pd.DataFrame(rows, columns=[*heads, "n", *(header(o, lang) for o in outcomes)])
    return frame.to_markdown(index=False, disable_numparse=True) + "\n"


def summary_md(summary: pd.DataFrame, factors, outcomes, n_runs: int, lang: str) -> str:
    intro = f"{n_runs} runs; {pick(WORDS['mean_ci'], lang)}. {pick(LEGEND, lang)}"
    table = table_md(summary, factors, outcomes, lang, lambda o, r: cell(o, r["mean"], r["ci_low"], r["ci_high"], lang))
    return intro + "\n\n" + table


def differences_md(diffs: pd.DataFrame, factors, outcomes, reference_label: str, lang: str) -> str:
    """The paired differences, then how much narrower pairing made each interval."""
    intro = pick((f"Difference from {reference_label}, paired by replicate (n = pairs)",
                  f"Verschil met {reference_label}, gepaard per herhaling (n = paren)"), lang)
    intro = f"{intro}; {pick(WORDS['mean_ci'], lang)}. {pick(LEGEND, lang)}"
    table = table_md(diffs, factors, outcomes, lang,
                     lambda o, r: cell(o, r["mean"], r["ci_low"], r["ci_high"], lang, signed=True))
    gains = table_md(diffs, factors, outcomes, lang, lambda o, r: _times(r["narrower"], lang))
    return f"{intro}\n\n{table}\n{pick(PAIRING, lang)}:\n\n{gains}"


def _times(value: float, lang: str) -> str:
    return f"×{number(value, 1, lang)}" if np.isfinite(value) else "–"
