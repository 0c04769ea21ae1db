"""The sentences titles, table notes and briefs state, computed from the runs (never typed in by hand).

A difference is called a difference only when its 95% interval, paired by replicate, excludes zero; otherwise the
sentence says there is no clear difference. A ranking names every option it ranks: the lowest, the options not
clearly apart from it ("inside the same range"), and those clearly higher. Runs that do not differ at all say so:
the setting did not act in them."""

import numpy as np
import pandas as pd

from results.columns import REPLICATE
from sim.schema import PUBLIC_COST, TOTAL_COST, UNMET_CARE, UNMET_MEASURES

from .labels import NAMES, decimals_for, difference_text, names, outcome_label, payer_label, pick, value_text
from .tables import MIN_REPLICATES, interval

TEXT = {
    "lowest": ("{what}: lowest under {best} ({b}){same}; clearly higher under {rest} (up to {w} under {worst})",
               "{what}: laagst bij {best} ({b}){same}; duidelijk hoger bij {rest} (tot {w} bij {worst})"),
    "least_unmet": ("Least care left unmet under {best} ({b}){same}; clearly more under {rest} (up to {w} under "
                    "{worst})", "Minste onvervulde zorg bij {best} ({b}){same}; duidelijk meer bij {rest} (tot {w} bij "
                    "{worst})"),
    "same_range": (", with {others} inside the same range", ", met {others} binnen dezelfde marge"),
    "unclear": ("No clear difference in {what} between {options} ({b} to {w})",
                "Geen duidelijk verschil in {what} tussen {options} ({b} tot {w})"),
    "identical": ("{What} is the same under {options} ({b}): the runs do not differ in it",
                  "{What} is gelijk bij {options} ({b}): de runs verschillen er niet in"),
    "by_year": ("By {year}: {rest}", "In {year}: {rest}"),
    "wrong_pocket": ("{option} vs {ref}: {up} pays {a} more, {down} saves {b}",
                     "{option} t.o.v. {ref}: {up} betaalt {a} meer, {down} bespaart {b}"),
    "moves": ("{what} {verb} from {a} at {x0} to {b} at {x1}", "{what} {verb} van {a} bij {x0} naar {b} bij {x1}"),
    "steepest": ("{what} {verb} most between {x0} and {x1}: from {a} to {b}",
                 "{what} {verb} het sterkst tussen {x0} en {x1}: van {a} naar {b}"),
    "flat_unclear": ("No clear difference in {what} between {x0} and {x1} ({a} and {b})",
                     "Geen duidelijk verschil in {what} tussen {x0} en {x1} ({a} en {b})"),
    "inert": ("{What} is the same at every value of {param} ({a}): the setting did not change these runs",
              "{What} is gelijk bij elke waarde van {param} ({a}): de instelling veranderde deze runs niet"),
    "all_inert": ("Every outcome is the same at every value of {param}: the setting did not act in these runs",
                  "Elke uitkomst is gelijk bij elke waarde van {param}: de instelling werkte in deze runs niet"),
    "whatif": ("In {place}, {b} instead of {a}: {claims}", "In {place}, {b} in plaats van {a}: {claims}"),
    "whatif_claim": ("{what} {sign} by {value}", "{what} {value} {sign}"),
    "whatif_more": ("{k} more clear differences below", "nog {k} duidelijke verschillen hieronder"),
    "whatif_care": ("no clear difference in care", "geen duidelijk verschil in de zorg"),
    "whatif_none": ("no clear difference in any payer's cost or in care ({n} paired replicates)",
                    "geen duidelijk verschil in de kosten van een betaler of in de zorg ({n} gepaarde herhalingen)"),
    "whatif_same": ("the runs are the same: the difference did not act", "de runs zijn gelijk: het verschil werkte "
                    "niet door"),
    "clear_diff": ("{point} vs {ref}: {claims}", "{point} t.o.v. {ref}: {claims}"),
    "claim": ("{what} {sign} ({low} to {high})", "{what} {sign} ({low} tot {high})"),
    "no_clear": ("no clear difference in {rest}", "geen duidelijk verschil in {rest}"),
    "none_clear": ("{point} vs {ref}: no clear difference in any outcome", "{point} t.o.v. {ref}: geen duidelijk "
                   "verschil in enige uitkomst"),
    "few": ("Only {n} replicates each: their 95% intervals are wide and unreliable; a comparison needs at "
            "least {min}.", "Maar {n} herhalingen elk: hun 95%-intervallen zijn breed en onbetrouwbaar; een "
            "vergelijking vraagt er minstens {min}."),
    "cut_low": ("The 95% intervals of {what} reach below 0, which these outcomes cannot: too few replicates to bound "
                "the means there; the bands are cut at 0.", "De 95%-intervallen van {what} reiken onder 0, wat deze "
                "uitkomsten niet kunnen: te weinig herhalingen om het gemiddelde daar te begrenzen; de banden zijn bij "
                "0 afgesneden."),
    "cut_high": ("The 95% intervals of {what} reach above their most (a share above 100%): the bands are cut there.",
                 "De 95%-intervallen van {what} reiken boven hun maximum (een aandeel boven 100%): de banden zijn daar "
                 "afgesneden."),
    "no_interval": ("{point} vs {ref}: too few replicates for an interval", "{point} t.o.v. {ref}: te weinig "
                    "herhalingen voor een interval"),
    "all_same": ("{point} vs {ref}: the same in every outcome shown (the difference did not act in these runs)",
                 "{point} t.o.v. {ref}: gelijk in elke getoonde uitkomst (het verschil werkte in deze runs niet door)"),
    "why": ("{option} vs {ref}: {what} {sign} by {value} ({low} to {high}); {parts}",
            "{option} t.o.v. {ref}: {what} {value} {sign} ({low} tot {high}); {parts}"),
    "unclear_total": ("{option} vs {ref}: no clear difference in {what} ({low} to {high}); {parts}",
                      "{option} t.o.v. {ref}: geen duidelijk verschil in {what} ({low} tot {high}); {parts}"),
    "through": ("through {items}", "via {items}"),
    "part_item": ("{label} {value} ({low} to {high})", "{label} {value} ({low} tot {high})"),
    "no_share": ("no clear part from {rest}", "geen duidelijk deel van {rest}"),
    "no_part": ("no mechanism clearly moves it", "geen mechanisme verschuift het duidelijk"),
}
UP, DOWN = ("rises", "stijgt"), ("falls", "daalt")
HIGHER, LOWER = ("higher", "hoger"), ("lower", "lager")


def paired_gap(table: pd.DataFrame, a: str, b: str, outcome: str) -> tuple[float, float, float]:
    """Mean and 95% interval of b minus a over replicates (both rows of `table` are labelled in column 'point')."""
    diff = paired_values(table, a, b, outcome)
    if diff.size == 0:
        return np.nan, np.nan, np.nan
    _, mean, low, high = interval(diff)
    return mean, low, high


def paired_values(table: pd.DataFrame, a: str, b: str, outcome: str) -> np.ndarray:
    """b minus a, replicate by replicate (replicates that ran under both only)."""
    wide = table[table["point"].isin([a, b])].pivot_table(index=REPLICATE, columns="point", values=outcome,
                                                          observed=True)
    if a not in wide or b not in wide:
        return np.array([])
    return (wide[b] - wide[a]).dropna().to_numpy()


def clear(gap: tuple[float, float, float]) -> bool:
    """True when the interval of a difference lies wholly on one side of zero."""
    _, low, high = gap
    return bool(np.isfinite(low) and np.isfinite(high) and (low > 0 or high < 0))


def ranking(table: pd.DataFrame, outcome: str) -> tuple[list, list]:
    """(options not clearly above the lowest, lowest first; options clearly above it, lowest first)."""
    means = table.groupby("point", observed=True, sort=False)[outcome].mean().sort_values()
    best = means.index[0]
    same = [p for p in means.index if p == best or not clear(paired_gap(table, best, p, outcome))]
    return same, [p for p in means.index if p not in same]


def best_worst(table: pd.DataFrame, outcome: str, lang: str) -> str:
    """Which options are lowest on an outcome, which lie inside the same range, which are clearly higher; every
    option by name. When none is clearly apart from the lowest, it says there is no clear difference."""
    means = table.groupby("point", observed=True, sort=False)[outcome].mean().sort_values()
    what = outcome_label(outcome, lang, unit=False)
    span = {"b": value_text(outcome, means.iloc[0], lang), "w": value_text(outcome, means.iloc[-1], lang, unit=True)}
    if all(_identical(table, means.index[0], p, outcome) for p in means.index[1:]):
        return pick(TEXT["identical"], lang).format(What=what, options=names(list(means.index), lang),
                                                    b=value_text(outcome, means.iloc[0], lang, unit=True))
    same, rest = ranking(table, outcome)
    if not rest:
        return pick(TEXT["unclear"], lang).format(what=_lower(what), options=names(list(means.index), lang), **span)
    others = pick(TEXT["same_range"], lang).format(others=names(same[1:], lang)) if len(same) > 1 else ""
    text = {"best": same[0], "same": others, "rest": names(rest, lang), "worst": rest[-1],
            "b": value_text(outcome, means[same[0]], lang, unit=True), "w": value_text(outcome, means[rest[-1]], lang)}
    key = "least_unmet" if outcome in UNMET_MEASURES else "lowest"
    return pick(TEXT[key], lang).format(what=what, **text)


def _identical(table: pd.DataFrame, a: str, b: str, outcome: str) -> bool:
    """True when every replicate gives exactly the same value under a and b (nothing that differs acted)."""
    diff = paired_values(table, a, b, outcome)
    return bool(diff.size and np.all(diff == 0))


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def unmet_in_last_year(final_year: pd.DataFrame, year: int, lang: str) -> str:
    """Title for the outcomes-over-time figure: unmet care in the last year."""
    return pick(TEXT["by_year"], lang).format(year=year, rest=_lower(best_worst(final_year, UNMET_CARE, lang)))


def wrong_pocket(diffs: pd.DataFrame, table: pd.DataFrame, ref: str, lang: str) -> str:
    """The clearest wrong-pocket effect (one payer clearly pays more, another clearly saves), else the ranking of
    total cost (which names no cheapest option unless the paired intervals show one).

    `diffs`: rows (point, payer) with mean, ci_low, ci_high of the paired difference; `table`: the runs, labelled."""
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
    return sentence or best_worst(table, TOTAL_COST, lang)


def along_the_sweep(part: pd.DataFrame, outcome: str, x_labels: dict, param: str, lang: str) -> str:
    """How an outcome moves along the swept parameter, from differences paired by replicate (each replicate's mean
    over the lines): identical runs say the setting did not act; a change from the first to the last value is
    claimed only when its interval excludes zero, then its steepest step if that step is clear and most of it.
    `part`: runs with columns x, line, the replicate and `outcome`."""
    per_x = _per_x(part, outcome)
    xs, means = list(per_x.columns), per_x.mean()
    what = outcome_label(outcome, lang, unit=False)
    ends = {"x0": x_labels[xs[0]], "x1": x_labels[xs[-1]], "a": value_text(outcome, means.iloc[0], lang),
            "b": value_text(outcome, means.iloc[-1], lang, unit=True)}
    if inert(part, outcome):
        return pick(TEXT["inert"], lang).format(What=what, param=_lower(param), a=ends["b"])
    steps = per_x.diff(axis=1).iloc[:, 1:]
    total = interval((per_x[xs[-1]] - per_x[xs[0]]).dropna())[1:]
    if not clear(total):
        return pick(TEXT["flat_unclear"], lang).format(what=_lower(what), **ends)
    verb = pick(UP if total[0] > 0 else DOWN, lang)
    gaps = [interval(steps[x].dropna())[1:] for x in steps.columns]
    i = int(np.argmax([abs(g[0]) for g in gaps]))
    if len(xs) >= 4 and clear(gaps[i]) and abs(gaps[i][0]) >= 0.5 * abs(total[0]):
        return pick(TEXT["steepest"], lang).format(what=what, verb=verb, x0=x_labels[xs[i]], x1=x_labels[xs[i + 1]],
                                                   a=value_text(outcome, means.iloc[i], lang),
                                                   b=value_text(outcome, means.iloc[i + 1], lang, unit=True))
    return pick(TEXT["moves"], lang).format(what=what, verb=verb, **ends)


def _per_x(part: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Replicates as rows, values of x as columns: each replicate's mean over the lines."""
    return part.groupby([REPLICATE, "x"], observed=True)[outcome].mean().unstack("x").sort_index(axis=1)


def inert(part: pd.DataFrame, outcome: str) -> bool:
    """True when every replicate gives exactly the same value of the outcome at every x (the setting did not act)."""
    values = part.pivot_table(index=[REPLICATE, "line"], columns="x", values=outcome, observed=True).to_numpy()
    return bool(np.all(values == values[:, :1]))


def all_inert(param: str, lang: str) -> str:
    return pick(TEXT["all_inert"], lang).format(param=_lower(param))


def verdict(pairs: np.ndarray, low: float, high: float) -> str:
    """What paired differences show: 'same' (every pair equal), 'higher', 'lower' (interval excludes 0), 'unclear'."""
    if pairs.size and np.all(pairs == 0):
        return "same"
    return "higher" if low > 0 else "lower" if high < 0 else "unclear"


def whatif(table: pd.DataFrame, a: str, b: str, place: str, lang: str) -> str:
    """The what-if's title, short enough for a slide: of the differences that survive, the public (else the total)
    cost, the payer whose cost moves most, and the first care outcome (or that care shows no clear difference);
    how many more survive; or that nothing does."""
    sure = table[table["verdict"].isin(["higher", "lower"])]
    head = {"place": place, "a": a, "b": b}
    if (table["verdict"] == "same").all():
        return pick(TEXT["whatif"], lang).format(claims=pick(TEXT["whatif_same"], lang), **head)
    if sure.empty:
        claims = pick(TEXT["whatif_none"], lang).format(n=int(table["n"].min()))
        return pick(TEXT["whatif"], lang).format(claims=claims, **head)
    money, care = sure[sure["money"]], sure[~sure["money"]]
    overall = money[money["measure"].isin([PUBLIC_COST, TOTAL_COST])].head(1)
    payers = money[~money["measure"].isin([PUBLIC_COST, TOTAL_COST])]
    payers = payers.iloc[np.argsort(-payers["mean"].abs().to_numpy(), kind="stable")].head(1)
    chosen = pd.concat([overall, payers, care.head(1)])
    claims = [pick(TEXT["whatif_claim"], lang).format(
        what=_lower(outcome_label(r.measure, lang, unit=False)), sign=pick(HIGHER if r.mean > 0 else LOWER, lang),
        value=difference_text(r.measure, abs(r.mean), lang, unit=True).lstrip("+")) for r in chosen.itertuples()]
    if care.empty:
        claims.append(pick(TEXT["whatif_care"], lang))
    if len(sure) > len(chosen):
        claims.append(pick(TEXT["whatif_more"], lang).format(k=len(sure) - len(chosen)))
    return pick(TEXT["whatif"], lang).format(claims="; ".join(claims), **head)


def strength(part: pd.DataFrame, outcome: str) -> float:
    """How clearly an outcome moves from the first to the last value of x: |mean| / half-width of the paired
    difference (0 when it cannot be told)."""
    per_x = _per_x(part, outcome)
    _, mean, low, high = interval((per_x.iloc[:, -1] - per_x.iloc[:, 0]).dropna())
    half = (high - low) / 2
    return float(abs(mean) / half) if np.isfinite(half) and half > 0 else 0.0


def clear_differences(diffs: pd.DataFrame, outcomes: list[str], ref: str, lang: str) -> list[str]:
    """One sentence per option of a differences table (its column 'point' names the option): the outcomes whose
    paired interval excludes zero, with the interval, and the others as 'no clear difference'."""
    lines = []
    for point, part in diffs.groupby("point", sort=False, observed=True):
        part = part.set_index(part["outcome"].astype(str))
        lines.append(_clear_sentence(point, part.reindex([o for o in outcomes if o in part.index]), ref, lang))
    return lines


def _clear_sentence(point: str, part: pd.DataFrame, ref: str, lang: str) -> str:
    if ((part["mean"] == 0) & (part["ci_low"] == 0) & (part["ci_high"] == 0)).all():
        return pick(TEXT["all_same"], lang).format(point=point, ref=ref)
    if part["ci_low"].isna().all():
        return pick(TEXT["no_interval"], lang).format(point=point, ref=ref)
    sure = part[(part["ci_low"] > 0) | (part["ci_high"] < 0)]
    if sure.empty:
        return pick(TEXT["none_clear"], lang).format(point=point, ref=ref)
    claims = [pick(TEXT["claim"], lang).format(
        what=_lower(outcome_label(o, lang, unit=False)), sign=pick(HIGHER if r["mean"] > 0 else LOWER, lang),
        low=difference_text(o, r["ci_low"], lang, decimals=_places(o, r)),
        high=difference_text(o, r["ci_high"], lang, unit=True, decimals=_places(o, r)))
        for o, r in sure.iterrows()]
    rest = [_lower(outcome_label(o, lang, unit=False)) for o in part.index if o not in sure.index]
    if rest:
        claims.append(pick(TEXT["no_clear"], lang).format(rest=names(rest, lang)))
    return pick(TEXT["clear_diff"], lang).format(point=point, ref=ref, claims="; ".join(claims))


def _places(outcome: str, r: pd.Series) -> int | None:
    """Decimals that keep a clear interval off zero in print: '-0.00 to -0.00' would claim a difference it hides."""
    return decimals_for(outcome, min(abs(r["ci_low"]), abs(r["ci_high"])), digits=1)


def note(n_runs: int, n_points: int, replicates: str, context: str, lang: str, kind: str = "options") -> str:
    """The footnote: how many runs, what the bands are, on which community and horizon, with which code; and a
    warning when there are too few replicates for the intervals to mean much."""
    fewest = int(replicates.split("-")[0])
    if lang == "nl":
        kind = {"options": "opties", "points": "parameterpunten"}[kind]
        text = (f"{n_runs} runs: {n_points} {kind} x {replicates} herhalingen, gemeenschappelijke toevalsgetallen "
                f"(verschillen gepaard per herhaling). Lijn/staaf: gemiddelde; band/streep: 95%-betrouwbaarheids"
                f"interval van het gemiddelde. {context}")
    else:
        kind = {"options": "options", "points": "parameter points"}[kind]
        text = (f"{n_runs} runs: {n_points} {kind} x {replicates} replicates, common random numbers (differences "
                f"paired by replicate). Line/bar: mean; band/whisker: 95% confidence interval of the mean. {context}")
    return f"{few_replicates(fewest, lang)} {text}".strip()


def few_replicates(n: int, lang: str) -> str:
    """A warning when `n` replicates per option are fewer than a comparison needs ('' otherwise)."""
    return pick(TEXT["few"], lang).format(n=n, min=MIN_REPLICATES) if n < MIN_REPLICATES else ""


def cut_bands(past: dict[str, list[str]], lang: str) -> str:
    """Says which bands a figure cut at their outcome's bounds (analysis.tables.past_bounds; '' when none)."""
    return " ".join(pick(TEXT[f"cut_{side}"], lang).format(what=names([_lower(outcome_label(o, lang, unit=False))
                                                                       for o in outcomes], lang))
                    for side, outcomes in past.items() if outcomes)


def explained(part: pd.DataFrame, outcome: str, label, lang: str, compact: bool = False) -> str:
    """Why a policy differs from the reference in one outcome: the total with its interval (or that it is not clear),
    the mechanisms whose part is clear (with their intervals), the interaction when clear, and the parts that are not.
    `part`: one policy's rows of analysis.explained.decompose; `label(row, lang)` names a part. `compact` (a figure's
    title, whose bars show the intervals): the clear parts without their intervals, and not the others."""
    rows = part[part["outcome"] == outcome]
    total = next(rows[rows["part"] == "total"].itertuples())
    pieces = rows[rows["part"] != "total"]

    def item(r):
        if compact:
            return f"{label(r, lang)} {difference_text(outcome, r.mean, lang)}"
        return pick(TEXT["part_item"], lang).format(label=label(r, lang), value=difference_text(outcome, r.mean, lang),
                                                    low=difference_text(outcome, r.ci_low, lang),
                                                    high=difference_text(outcome, r.ci_high, lang, unit=True))
    sure = [r for r in pieces.itertuples() if r.verdict in ("higher", "lower")]
    rest = [label(r, lang) for r in pieces.itertuples() if r.verdict not in ("higher", "lower") and r.part !=
            "interaction"]
    said = [pick(TEXT["through"], lang).format(items=names([item(r) for r in sure], lang))] if sure else \
        [pick(TEXT["no_part"], lang)]
    said += [pick(TEXT["no_share"], lang).format(rest=names(rest, lang))] if sure and rest and not compact else []
    head = {"option": pick(NAMES.get(total.policy, (total.policy,) * 2), lang),
            "ref": pick(NAMES.get(total.reference, (total.reference,) * 2), lang),
            "what": _lower(outcome_label(outcome, lang, unit=False)), "parts": "; ".join(said),
            "low": difference_text(outcome, total.ci_low, lang),
            "high": difference_text(outcome, total.ci_high, lang, unit=True)}
    if total.verdict not in ("higher", "lower"):
        return pick(TEXT["unclear_total"], lang).format(**head)
    return pick(TEXT["why"], lang).format(sign=pick(HIGHER if total.mean > 0 else LOWER, lang),
                                          value=difference_text(outcome, abs(total.mean), lang).lstrip("+"), **head)
