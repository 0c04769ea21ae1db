"""Markdown copies of the tables, to print or paste: options as rows, main outcomes as columns, mean ± half-width."""

import numpy as np
import pandas as pd

from .labels import OUTCOMES, WORDS, level_label, number, parameter_label, pick
from .load import Factor

DECIMALS = {"number": 0, "decimal": 1, "share": 2, "percent": 1}
SHORT = {  # column heads short enough for a terminal; LEGEND says what they mean
    "cost_public_eur_per_year": ("Public cost", "Publieke kosten"),
    "cost_total_eur_per_year": ("Total cost", "Totaal"),
    "cost_wmo_eur_per_year": ("Wmo", "Wmo"),
    "cost_zvw_eur_per_year": ("Zvw", "Zvw"),
    "cost_wlz_eur_per_year": ("Wlz", "Wlz"),
    "unmet_share": ("Unmet need [%]", "Onvervuld [%]"),
    "mean_hidden_need": ("Hidden need [people]", "Verborgen [pers.]"),
    "nursing_home_admissions_per_1000_65plus_per_year": ("NH admissions [/1000 65+/yr]", "Opnames VPH [/1000 65+/jr]"),
    "volunteers_active_end": ("Volunteers at end", "Vrijwilligers eind"),
    "mean_relational_continuity": ("Continuity [0-1]", "Continuïteit [0-1]"),
}
LEGEND = ("Costs in EUR 1,000 per year. Unmet need: share of care hours needed but not given. NH: nursing home.",
          "Kosten in 1.000 euro per jaar. Onvervuld: deel van de benodigde zorguren dat niet geleverd is. "
          "VPH: verpleeghuis.")


def cell(key: str, mean: float, low: float, high: float, lang: str, signed: bool = False) -> str:
    """'1,234 ± 56' (money in thousands of euros, shares in percent)."""
    kind = OUTCOMES.get(key, ("", "", "", "", "number"))[4]
    scale, decimals = {"money": (1e-3, 0), "percent": (100, 1)}.get(kind, (1, DECIMALS.get(kind, 1)))
    half = (high - low) / 2 * scale if np.isfinite(high) and np.isfinite(low) else np.nan
    text = ("+" if signed and mean * scale > 0 else "") + number(mean * scale, decimals, lang)
    return text + (f" ± {number(half, decimals, lang)}" if np.isfinite(half) else "")


def header(key: str, lang: str) -> str:
    if key in SHORT:
        return pick(SHORT[key], lang)
    en, nl, unit_en, unit_nl, kind = OUTCOMES.get(key, (key, key, "", "", "number"))
    label, unit = (nl, unit_nl) if lang == "nl" else (en, unit_en)
    return f"{label} [{'EUR 1,000/yr' if kind == 'money' else unit}]" if unit else label


def table_md(long: pd.DataFrame, factors: list[Factor], outcomes, lang: str, signed: bool = False) -> str:
    """A pipe table from a long summary (factor columns, outcome, n, mean, ci_low, ci_high); one row per point."""
    cols = [f.column for f in factors if f.column in long]
    outcomes = [o for o in outcomes if o in set(long["outcome"].astype(str))]
    heads = [parameter_label(c, lang) for c in cols] or ["runs"]
    lines = ["| " + " | ".join(heads + ["n"] + [header(o, lang) for o in outcomes]) + " |",
             "|" + "---|" * (len(heads) + 1 + len(outcomes))]
    groups = long.groupby(cols, observed=True, sort=True) if cols else [((), long)]
    for point, rows in groups:
        point = point if isinstance(point, tuple) else (point,)
        by = rows.set_index(rows["outcome"].astype(str))
        values = [cell(o, by.at[o, "mean"], by.at[o, "ci_low"], by.at[o, "ci_high"], lang, signed) for o in outcomes]
        names = [level_label(c, v, lang) for c, v in zip(cols, point, strict=True)] or [pick(("all", "alle"), lang)]
        lines.append("| " + " | ".join(names + [str(int(rows["n"].min()))] + values) + " |")
    return "\n".join(lines) + "\n"


def summary_md(summary: pd.DataFrame, factors, outcomes, n_runs: int, lang: str) -> str:
    intro = f"{n_runs} runs; {pick(WORDS['mean_ci'], lang)}. {pick(LEGEND, lang)}"
    return intro + "\n\n" + table_md(summary, factors, outcomes, lang)


def differences_md(diffs: pd.DataFrame, factors, outcomes, reference_label: str, lang: str) -> str:
    intro = pick((f"Difference from {reference_label}, paired by replicate (n = pairs)",
                  f"Verschil met {reference_label}, gepaard per herhaling (n = paren)"), lang)
    intro = f"{intro}; {pick(WORDS['mean_ci'], lang)}. {pick(LEGEND, lang)}"
    return intro + "\n\n" + table_md(diffs, factors, outcomes, lang, signed=True)
