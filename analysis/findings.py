"""The sentence a figure's title states, computed from the runs (never typed in by hand).

A difference is called a difference only when its 95% interval, paired by replicate, excludes zero."""

import numpy as np
import pandas as pd

from sim.schema import TOTAL_COST, UNMET_CARE, UNMET_MEASURES

from .labels import names, outcome_label, payer_label, pick, value_text
from .load import REPLICATE
from .tables import interval

TEXT = {
    "least_unmet": ("{best} {verb} the least care unmet ({b}), {worst} the most ({w})",
                    "Bij {best} blijft de minste zorg liggen ({b}), bij {worst} de meeste ({w})"),
    "lowest": ("{what}: lowest under {best} ({b}), highest under {worst} ({w})",
               "{what}: laagst bij {best} ({b}), hoogst bij {worst} ({w})"),
    "by_year": ("By {year}, {rest}", "In {year}: {rest}"),
    "little": ("The options differ little in {what}: {b} to {w}",
               "De opties verschillen weinig in {what}: {b} tot {w}"),
    "wrong_pocket": ("{option} vs {ref}: {up} pays {a} more, {down} saves {b}",
                     "{option} t.o.v. {ref}: {up} betaalt {a} meer, {down} bespaart {b}"),
    "cheapest": ("Lowest total cost under {best} ({b}), highest under {worst} ({w})",
                 "Laagste totale kosten bij {best} ({b}), hoogste bij {worst} ({w})"),
    "steepest": ("{what} changes most between {x0} and {x1}: from {a} to {b}",
                 "{what} verandert het sterkst tussen {x0} en {x1}: van {a} naar {b}"),
    "from_to": ("{what}: {a} at {x0}, {b} at {x1}", "{what}: {a} bij {x0}, {b} bij {x1}"),
    "flat": ("{what} hardly depends on {param} ({a} at {x0}, {b} at {x1})",
             "{what} hangt nauwelijks af van {param} ({a} bij {x0}, {b} bij {x1})"),
}


def paired_gap(table: pd.DataFrame, a: str, b: str, outcome: str) -> tuple[float, float, float]:
    """Mean and 95% interval of b minus a over replicates (both rows of `table` are labelled in column 'point')."""
    wide = table[table["point"].isin([a, b])].pivot_table(index=REPLICATE, columns="point", values=outcome,
                                                          observed=True)
    if a not in wide or b not in wide:
        return np.nan, np.nan, np.nan
    _, mean, low, high = interval((wide[b] - wide[a]).to_numpy())
    return mean, low, high


def clear(gap: tuple[float, float, float]) -> bool:
    """True when the interval of a difference lies wholly on one side of zero."""
    _, low, high = gap
    return bool(np.isfinite(low) and np.isfinite(high) and (low > 0 or high < 0))


def best_worst(table: pd.DataFrame, outcome: str, lang: str) -> str:
    """Which options do best (lowest) and worst on an outcome; options not clearly worse than the best are named
    with it, and when best and worst are not clearly apart the sentence says the options differ little."""
    means = table.groupby("point", observed=True, sort=False)[outcome].mean().sort_values()
    best, worst = means.index[0], means.index[-1]
    text = {"worst": worst, "w": value_text(outcome, means[worst], lang)}  # the unit is said once, with the best
    if not clear(paired_gap(table, best, worst, outcome)):
        what = outcome_label(outcome, lang, unit=False).lower()
        return pick(TEXT["little"], lang).format(what=what, b=value_text(outcome, means[best], lang),
                                                 w=value_text(outcome, means[worst], lang, unit=True))
    tied = [p for p in means.index[:-1] if p == best or not clear(paired_gap(table, best, p, outcome))]
    low = value_text(outcome, means[best], lang)
    text["b"] = value_text(outcome, means[best], lang, unit=True) if len(tied) == 1 else \
        f"{low}–{value_text(outcome, means[tied[-1]], lang, unit=True)}"
    text["best"] = names(tied, lang) if len(tied) <= 3 else f"{len(tied)} {pick(('options', 'opties'), lang)}"
    if outcome in UNMET_MEASURES:
        return pick(TEXT["least_unmet"], lang).format(verb="leaves" if len(tied) == 1 else "leave", **text)
    return pick(TEXT["lowest"], lang).format(what=outcome_label(outcome, lang, unit=False), **text)


def over_time(final_year: pd.DataFrame, year: int, lang: str) -> str:
    """Title for the outcomes-over-time figure: unmet care in the last year."""
    rest = best_worst(final_year, UNMET_CARE, lang)
    if lang == "en" and rest.startswith("The "):
        rest = "t" + rest[1:]
    return pick(TEXT["by_year"], lang).format(year=year, rest=rest)


def who_pays(diffs: pd.DataFrame, totals: pd.Series, ref: str, lang: str) -> str:
    """The clearest wrong-pocket effect (one payer pays more, another saves), else the cheapest and dearest option.

    `diffs`: rows (point, payer) with mean, ci_low, ci_high of the paired difference; `totals`: mean total per point."""
    best_score, sentence = 0.0, None
    for point, rows in diffs.groupby("point", sort=False, observed=True):
        sure = rows[(rows["ci_low"] > 0) | (rows["ci_high"] < 0)].set_index("payer")["mean"]
        sure = sure.drop("total", errors="ignore")
        if sure.max() > 0 > sure.min() and min(sure.max(), -sure.min()) > best_score:
            best_score = min(sure.max(), -sure.min())
            up, down = sure.idxmax(), sure.idxmin()
            sentence = pick(TEXT["wrong_pocket"], lang).format(
                option=point, ref=ref, up=_lower(payer_label(up, lang)), down=_lower(payer_label(down, lang)),
                a=value_text(f"cost_{up}_eur_per_year", sure[up], lang, unit=True),
                b=value_text(f"cost_{down}_eur_per_year", -sure[down], lang, unit=True))
    if sentence:
        return sentence
    return pick(TEXT["cheapest"], lang).format(
        best=totals.idxmin(), worst=totals.idxmax(), b=value_text(TOTAL_COST, totals.min(), lang, unit=True),
        w=value_text(TOTAL_COST, totals.max(), lang))


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def response(curve: pd.DataFrame, outcome: str, x_labels: dict, param: str, lang: str) -> str:
    """How an outcome moves along the swept parameter: 'hardly' if within its 95% half-width, its steepest step
    if that step is most of the change, else from the first to the last value. `curve`: x, mean, ci_low, ci_high."""
    curve = curve.sort_values("x")
    xs, ys = curve["x"].to_list(), curve["mean"].to_numpy()
    steps = np.abs(np.diff(ys))
    half = float(np.nanmean((curve["ci_high"] - curve["ci_low"]) / 2))
    what = outcome_label(outcome, lang, unit=False)
    ends = {"what": what, "x0": x_labels[xs[0]], "x1": x_labels[xs[-1]], "a": value_text(outcome, ys[0], lang),
            "b": value_text(outcome, ys[-1], lang, unit=True)}
    if not ys.max() - ys.min() > half:
        return pick(TEXT["flat"], lang).format(param=param[:1].lower() + param[1:], **ends)
    if len(ys) >= 4 and steps.max() >= 0.5 * (ys.max() - ys.min()):
        i = int(steps.argmax())
        return pick(TEXT["steepest"], lang).format(what=what, x0=x_labels[xs[i]], x1=x_labels[xs[i + 1]],
                                                   a=value_text(outcome, ys[i], lang),
                                                   b=value_text(outcome, ys[i + 1], lang, unit=True))
    return pick(TEXT["from_to"], lang).format(**ends)


def note(n_runs: int, n_points: int, replicates: str, context: str, lang: str, kind: str = "options") -> str:
    """The footnote: how many runs, what the bands are, on which community and horizon, with which code."""
    if lang == "nl":
        kind = {"options": "opties", "points": "parameterpunten"}[kind]
        return (f"{n_runs} runs: {n_points} {kind} x {replicates} herhalingen, gemeenschappelijke toevalsgetallen "
                f"(verschillen gepaard per herhaling). Lijn/staaf: gemiddelde; band/streep: 95%-betrouwbaarheids"
                f"interval van het gemiddelde. {context}")
    kind = {"options": "options", "points": "parameter points"}[kind]
    return (f"{n_runs} runs: {n_points} {kind} x {replicates} replicates, common random numbers (differences paired "
            f"by replicate). Line/bar: mean; band/whisker: 95% confidence interval of the mean. {context}")

