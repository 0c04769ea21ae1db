"""From the runs and yearly tables to the figures: label the options, style them, compute each title, save.

Option figures (over time, who pays, who gets care) are drawn when a study has at most 8 parameter points;
response figures (outcomes against a swept number) when a numeric setting has 3 or more levels."""

from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd

from results.columns import CODE_VERSION, POLICY, REPLICATE, RUN_ID
from sim.schema import CARE, OVER_TIME, PAYER_NAMES, RESPONSE, TOTAL_COST

from . import figures, findings
from .labels import NAMES, level_label, parameter_label, pick
from .load import Factor
from .style import LINESTYLES, POLICY_COLOURS, SEQUENCE, colour_of, pattern_index, save
from .tables import YEARLY_PERIOD, paired_differences, past_bounds, summarise, with_levels

MAX_OPTIONS = 8


def label_points(table: pd.DataFrame, factors: list[Factor], lang: str) -> pd.DataFrame:
    """Add `point`: the option's readable label ('lump-sum budget', 'faster ageing · subsidy'), in sweep order."""
    table = with_levels(table, factors).sort_values([f.column for f in factors], kind="stable")
    labels = [" · ".join(level_label(f.column, v, lang) for f, v in zip(factors, row, strict=True))
              for row in table[[f.column for f in factors]].itertuples(index=False)]
    return table.assign(point=pd.Categorical(labels, categories=list(dict.fromkeys(labels)), ordered=True))


def point_styles(table: pd.DataFrame, factors: list[Factor]) -> dict:
    """point label -> (colour, pattern): policies keep their colour; a second factor sets line style / hatch."""
    combos = table.drop_duplicates("point")[["point", *[f.column for f in factors]]]
    return {row[0]: (colour_of(factors, row[1:]), pattern_index(factors, row[1:]))
            for row in combos.itertuples(index=False, name=None)}


def context(runs: pd.DataFrame, lang: str) -> str:
    """'Austerlitz, 10 years (2024-2033). Model 0.1.0+abc1234.'"""
    place = ", ".join(pick(NAMES.get(c, (c, c)), lang) for c in runs["community.name"].unique())
    place = place[:1].upper() + place[1:]
    years = runs["run.years"].max()
    start = int(runs["run.start_year"].min())
    span = f"{start}-{start + int(np.ceil(years)) - 1}"
    word = "jaar" if lang == "nl" else "years"
    return f"{place}, {years:g} {word} ({span}). Model {', '.join(map(str, runs[CODE_VERSION].unique()))}."


def replicate_text(table: pd.DataFrame) -> str:
    counts = table.groupby("point", observed=True).size()
    return str(counts.min()) if counts.min() == counts.max() else f"{counts.min()}-{counts.max()}"


def option_figures(runs, yearly, factors, reference, lang, out: Path) -> list[Path]:
    """Over time, who pays, who gets care: one figure each, options as colours."""
    table = label_points(runs, factors, lang)
    styles = point_styles(table, factors)
    note = findings.note(len(table), table["point"].nunique(), replicate_text(table), context(runs, lang), lang,
                         "options")
    paths = []
    years = yearly.merge(table[[RUN_ID, "point", REPLICATE, "run.start_year"]], on=RUN_ID)
    bands = summarise(years, ["point", "year"], list(OVER_TIME))
    bands["calendar_year"] = bands["year"] + int(runs["run.start_year"].min()) - 1
    final = years[years["year"] == years["year"].max()]
    title = findings.unmet_in_last_year(final, int(bands["calendar_year"].max()), lang)
    paths += save(figures.over_time(bands, list(OVER_TIME), styles, title, with_cuts(note, bands, lang), lang,
                                    YEARLY_PERIOD), out / f"over_time_{lang}")
    paths += save(who_pays_figure(table, factors, reference, note, lang), out / f"who_pays_{lang}")
    care = summarise(table, ["point"], list(CARE))
    title = findings.best_worst(table, CARE[0], lang)
    paths += save(figures.who_gets_care(care, list(CARE), styles, title, with_cuts(note, care, lang), lang),
                  out / f"who_gets_care_{lang}")
    return paths


def with_cuts(note: str, summary: pd.DataFrame, lang: str) -> str:
    """The footnote, and which of the figure's bands reach past their outcome's bounds and are cut there."""
    return f"{note} {findings.cut_bands(past_bounds(summary), lang)}".strip()


def who_pays_figure(table, factors, reference, note, lang):
    """Stacked cost per payer and each payer's paired difference from the reference option."""
    outcomes = {f"cost_{p}_eur_per_year": p for p in PAYER_NAMES} | {TOTAL_COST: "total"}
    payers = [p for p in PAYER_NAMES if table[f"cost_{p}_eur_per_year"].abs().sum() > 0]
    costs = summarise(table, ["point"], list(outcomes)).assign(payer=lambda d: d["outcome"].map(outcomes))
    diffs = paired_differences(table, factors, reference, list(outcomes))
    diffs = label_points(diffs, factors, lang).assign(payer=lambda d: d["outcome"].map(outcomes))
    diffs = diffs[diffs["payer"].isin([*payers, "total"])]
    ref = level_label(factors[0].column, reference, lang)
    title = findings.wrong_pocket(diffs, table, ref, lang)
    return figures.who_pays(costs, diffs, payers, ref, title, note, lang)


def response_figures(runs, factors, lang, out: Path) -> list[Path]:
    """Outcomes against the first numeric factor with 3+ levels; lines per level of the next factor;
    one figure per combination of any further factors (at most 6)."""
    x = next((f for f in factors if f.numeric and len(f.levels) >= 3), None)
    if x is None:
        return []
    rest = [f for f in factors if f is not x]
    line, slices = (rest[0], rest[1:]) if rest else (None, [])
    paths = []
    for combo in list(product(*(f.levels for f in slices)))[:6]:
        part = runs
        for f, value in zip(slices, combo, strict=True):
            part = part[part[f.column] == value]
        paths += save(_response(part, x, line, lang, slices, combo), out / _response_name(slices, combo, lang))
    return paths


def _response(part, x, line, lang, slices, combo):
    part = part.assign(line=[level_label(line.column, v, lang) for v in part[line.column]] if line else "all",
                       x=part[x.column].astype(float))
    order = [level_label(line.column, v, lang) for v in line.levels] if line else ["all"]
    part["line"] = pd.Categorical(part["line"], categories=order, ordered=True)
    curves = summarise(part, ["line", "x"], list(RESPONSE))
    styles = {name: (POLICY_COLOURS.get(str(v), SEQUENCE[i % len(SEQUENCE)]) if line and line.column == POLICY
                     else SEQUENCE[i % len(SEQUENCE)], i % len(LINESTYLES))
              for i, (name, v) in enumerate(zip(order, line.levels if line else [None], strict=True))}
    ticks = {float(v): level_label(x.column, v, lang, bare=True) for v in x.levels}
    labels = {float(v): level_label(x.column, v, lang) for v in x.levels}
    strength = {o: findings.strength(part, o) for o in RESPONSE}
    key = max(strength, key=strength.get) if max(strength.values()) > 0 else RESPONSE[0]  # none moves: unmet need
    param = parameter_label(x.column, lang)
    title = findings.all_inert(param, lang) if all(findings.inert(part, o) for o in RESPONSE if o in part) else \
        findings.along_the_sweep(part, key, labels, param, lang)
    where = " · ".join(level_label(f.column, v, lang) for f, v in zip(slices, combo, strict=True))
    where = where[:1].upper() + where[1:]
    note = findings.note(len(part), part.groupby(["line", "x"], observed=True).ngroups, replicate_text(
        part.assign(point=part["line"].astype(str) + part["x"].astype(str))), context(part, lang), lang, "points")
    note = f"{where}. {note}" if where else note
    return figures.response(curves, list(RESPONSE), styles, parameter_label(x.column, lang), ticks, title,
                            with_cuts(note, curves, lang), lang)


def _response_name(slices, combo, lang) -> str:
    parts = [f"{f.column.split('.')[-1]}-{v:g}" if f.numeric else f"{f.column.split('.')[-1]}-{v}"
             for f, v in zip(slices, combo, strict=True)]
    return "_".join(["response", *parts, lang]).replace("/", "-")
