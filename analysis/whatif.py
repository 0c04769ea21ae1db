"""An advocate's what-if: one option against another in one community. Every payer's cost and the headline outcomes
as differences paired by replicate, with their 95% intervals, in one slide-sized figure whose title says what
survives (analysis.findings.whatif), and the table the brief reads (analysis/brief.py)."""

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from results.columns import REPLICATE
from sim.schema import ALL_PAYERS, PAYER_NAMES, TOTAL_COST, WHATIF, WHATIF_MONEY, payer

from . import findings
from .labels import WORDS, difference_unit, kind_of, level_label, outcome_label, pick, unit_of
from .load import Factor
from .style import RC, SLIDE, finish, money_axis, save
from .tables import interval

PAGE = (12.5, 5.6)  # inches: the figure on a page, beside text that says its title and note (the brief)
PUBLIC = "#555555"  # the public payers together (a grey between the payers' colours and the net's black)
TEXT = {
    "money": ("Who pays more, who saves", "Wie betaalt meer, wie bespaart"),
    "axis": ("{b} − {a}, {unit}", "{b} − {a}, {unit}"),
    "outcomes": ("Care and volunteers", "Zorg en vrijwilligers"),
    "note": ("{n} replicates per option ({runs} runs), common random numbers: each replicate runs both options on the "
             "same random draws, so a bar or dot is the mean paired difference ({b} minus {a}) and its whisker the 95% "
             "interval of that difference; faded and hatched: the interval includes 0 (no clear difference). {context}",
             "{n} herhalingen per optie ({runs} runs), gemeenschappelijke toevalsgetallen: elke herhaling draait beide "
             "opties op dezelfde toevalstrekkingen, dus een staaf of stip is het gemiddelde gepaarde verschil ({b} min "
             "{a}) en de streep het 95%-interval van dat verschil; vaag en gearceerd: het interval bevat 0 (geen "
             "duidelijk verschil). {context}"),
}


@dataclass
class Comparison:
    """Two options of one setting, compared in one community: `table` has one row per measure."""

    factor: Factor
    a: object  # the reference option (first listed)
    b: object
    table: pd.DataFrame  # measure, money, mean_a, mean_b, mean, ci_low, ci_high, n, verdict
    runs: pd.DataFrame

    def label(self, option, lang: str) -> str:
        return level_label(self.factor.column, option, lang)


def compare(runs: pd.DataFrame, factor: Factor) -> Comparison:
    """b minus a for each payer with any cost, public and total cost, and the headline outcomes, paired by replicate."""
    a, b = factor.levels[:2]
    measures = [m for m in WHATIF_MONEY if m in runs and runs[m].abs().sum() > 0] + [m for m in WHATIF if m in runs]
    wide = {option: runs[runs[factor.column] == option].set_index(REPLICATE) for option in (a, b)}
    rows = []
    for measure in measures:
        pairs = (wide[b][measure] - wide[a][measure]).dropna()
        n, mean, low, high = interval(pairs.to_numpy())
        rows.append({"measure": measure, "money": measure in WHATIF_MONEY, "mean_a": wide[a][measure].mean(),
                     "mean_b": wide[b][measure].mean(), "mean": mean, "ci_low": low, "ci_high": high, "n": n,
                     "verdict": findings.verdict(pairs.to_numpy(), low, high)})
    return Comparison(factor, a, b, pd.DataFrame(rows), runs)


def colour(measure: str) -> str:
    name = measure.removeprefix("cost_").removesuffix("_eur_per_year")
    if measure == TOTAL_COST:
        return ALL_PAYERS.colour
    return payer(name).colour if name in PAYER_NAMES else PUBLIC


def figure(c: Comparison, title: str, note: str, lang: str, size: tuple = SLIDE):
    """Left: each payer's, the public and the total cost difference (bars, 95% whiskers). Right: one small panel per
    headline outcome (a dot with its whisker, on its own scale around zero)."""
    a, b = c.label(c.a, lang), c.label(c.b, lang)
    money, outcomes = c.table[c.table["money"]], c.table[~c.table["money"]]
    with plt.rc_context(RC):
        fig = plt.figure(figsize=size)
        grid = fig.add_gridspec(len(outcomes), 2, width_ratios=[1.3, 1], wspace=0.3, hspace=2.7)
        _money_panel(fig.add_subplot(grid[:, 0]), money, a, b, lang)
        for i, row in enumerate(outcomes.itertuples(index=False)):
            _outcome_panel(fig.add_subplot(grid[i, 1]), row, lang)
        finish(fig, title, note, bottom=0.14 if note else 0.11, left=0.17)
    return fig


def _money_panel(ax, money: pd.DataFrame, a: str, b: str, lang: str) -> None:
    y = np.arange(len(money))[::-1]
    for yi, row in zip(y, money.itertuples(index=False), strict=True):
        sure = row.verdict in ("higher", "lower")
        ax.barh(yi, row.mean, color=colour(row.measure), alpha=1.0 if sure else 0.35, hatch="" if sure else "//",
                edgecolor="white", height=0.6)
        ax.errorbar(row.mean, yi, xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]], fmt="none",
                    ecolor="#333333", capsize=4, lw=1.2)
    labels = [textwrap.fill(outcome_label(m, lang, unit=False), 22) for m in money["measure"]]
    ax.set_yticks(y, labels)
    ax.axvline(0, color="black", lw=1)
    money_axis(ax.xaxis, lang)
    ax.set_title(pick(TEXT["money"], lang), pad=20)
    ax.set_xlabel(pick(TEXT["axis"], lang).format(a=a, b=b, unit=unit_of(TOTAL_COST, lang)), fontsize=12)
    for x, ha, word in ((0.01, "left", "saves"), (0.99, "right", "pays_more")):
        ax.text(x, 1.01, pick(WORDS[word], lang), transform=ax.transAxes, ha=ha, va="bottom", fontsize=11,
                color="#333333")
    ax.grid(axis="x", alpha=0.3)


def _outcome_panel(ax, row, lang: str) -> None:
    sure = row.verdict in ("higher", "lower")
    ax.errorbar(row.mean, 0, xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]], fmt="o", ms=9, capsize=4,
                color="black" if sure else "#999999", lw=1.5)
    reach = np.nanmax(np.abs([row.ci_low, row.ci_high, row.mean])) if np.isfinite(row.ci_low) else abs(row.mean)
    reach = reach * 1.35 if reach > 0 else 1.0
    ax.set_xlim(-reach, reach)
    ax.axvline(0, color="black", lw=1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(lambda v, _pos: _tick(row.measure, v, lang))
    ax.locator_params(axis="x", nbins=5)
    ax.tick_params(axis="x", labelsize=10)
    title = f"{outcome_label(row.measure, lang, unit=False)} ({difference_unit(row.measure, lang)})"
    ax.set_title(textwrap.fill(title, 50), fontsize=10, loc="left")


def _tick(measure: str, value: float, lang: str) -> str:
    """A tick of a difference: signed, with the digits small differences need (percentages in points)."""
    scaled = 100 * value if kind_of(measure) == "percent" else value
    text = f"{scaled:+.2g}" if abs(scaled) < 1 else f"{scaled:+,.3g}"
    text = "0" if scaled == 0 else text.replace("+0", "0") if text in ("+0", "+0.0") else text
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def note(c: Comparison, context: str, lang: str) -> str:
    n = int(c.table["n"].min())
    text = pick(TEXT["note"], lang).format(n=n, runs=len(c.runs), a=c.label(c.a, lang), b=c.label(c.b, lang),
                                           context=context)
    return f"{findings.few_replicates(n, lang)} {text}".strip()


def untitled_png(c: Comparison, lang: str) -> bytes:
    """The figure without its title and note, for a page that says both in text (the brief)."""
    fig = figure(c, "", "", lang, PAGE)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    return buffer.getvalue()


def write(c: Comparison, context: str, place: str, lang: str, out: Path) -> tuple[list[Path], str]:
    """The figure, as PNG and SVG (whatif_<lang>); returns the paths and its title."""
    title = findings.whatif(c.table, c.label(c.a, lang), c.label(c.b, lang), place, lang)
    return save(figure(c, title, note(c, context, lang), lang), out / f"whatif_{lang}"), title
