"""Council-meeting figures as pure functions of prepared tables: each returns a matplotlib Figure.

Tables come from analysis/build.py: `point` is the option's label, `mean`/`ci_low`/`ci_high` the replicate mean and
its 95% interval; `styles` maps a point to (colour, pattern index)."""

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from sim.schema import TOTAL_COST, bounds
from sim.schema import payer as payer_of

from .labels import WORDS, kind_of, outcome_label, payer_label, pick, unit_of, value_text
from .style import HATCHES, LINESTYLES, above_note, figure, finish, money_axis, percent_axis


def _is_money(key: str) -> bool:
    return kind_of(key) == "money"


def over_time(bands: pd.DataFrame, series: list[str], styles: dict, title: str, note: str, lang: str, period: str):
    """One panel per series: yearly mean per option with its 95% band; x is the calendar year. `period`: what the
    flows among the series were summed over (the yearly table's "year"), which their labels say."""
    cols = 3 if len(series) > 4 else 2
    fig, axes = figure(int(np.ceil(len(series) / cols)), cols, sharex=True)
    for ax, key in zip(axes.flat, series, strict=False):  # spare panels are hidden below
        for point, rows in bands[bands["outcome"] == key].groupby("point", sort=False, observed=True):
            colour, pattern = styles[point]
            ax.plot(rows["calendar_year"], rows["mean"], color=colour, ls=LINESTYLES[pattern], lw=2.5, label=point,
                    marker="o" if len(rows) < 3 else None)  # a year or two: points, not invisible lines
            ax.fill_between(rows["calendar_year"], *_band(rows, key), color=colour, alpha=0.18, lw=0)
        _floor(ax, key)
        ax.set_title(outcome_label(key, lang, period=period))
        if _is_money(key):
            money_axis(ax.yaxis, lang)
        ax.grid(axis="y", alpha=0.3)
    for ax in axes[-1]:
        ax.set_xlabel(pick(WORDS["year"], lang))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    for ax in list(axes.flat)[len(series):]:
        ax.set_visible(False)
    rows = _legend(fig, axes.flat[0], note)
    finish(fig, title, note, bottom=0.08 + 0.035 * rows)
    return fig


def _legend(fig, ax, note: str) -> int:
    """The options' legend under the panels, above the footnote, in one row when the labels are short; returns the
    number of rows."""
    handles, labels = ax.get_legend_handles_labels()
    ncol = len(labels) if sum(len(label) for label in labels) < 110 else min(len(labels), 3)
    fig.legend(handles, labels, loc="lower center", ncol=ncol, frameon=False, bbox_to_anchor=(0.5, above_note(note)))
    return int(np.ceil(len(labels) / ncol))


def _band(rows: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series]:
    """The 95% band cut at what the outcome can be (>= 0; <= 1 for shares; sim.schema.bounds); the note says where
    a band was cut (analysis.tables.past_bounds)."""
    low, high = bounds(key)
    return rows["ci_low"].clip(lower=low), rows["ci_high"].clip(upper=high)


def _whiskers(rows: pd.DataFrame, key: str) -> np.ndarray:
    """Error bars from the mean to the band, cut like the band."""
    low, high = _band(rows, key)
    return np.nan_to_num(np.vstack([rows["mean"] - low, high - rows["mean"]]).clip(min=0))


def _floor(ax, key: str, axis: str = "y") -> None:
    """An axis of a level never starts below what the level can be (no '-1 people' from a margin)."""
    low = bounds(key)[0]
    limits = ax.get_ylim() if axis == "y" else ax.get_xlim()
    if limits[0] < low:
        (ax.set_ylim if axis == "y" else ax.set_xlim)(low, limits[1])


def who_pays(costs: pd.DataFrame, diffs: pd.DataFrame, payers: list[str], ref: str, title: str, note: str,
             lang: str):
    """Left: yearly cost per payer per option, stacked. Right: each payer's paired difference from `ref`, on the
    same rows and in the same colours (right of zero: that payer pays more; left: it saves), and the net (diamond)."""
    fig, axes = figure(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 1.1]})
    points = list(dict.fromkeys(costs["point"]))
    rows = np.arange(len(points))
    left = np.zeros(len(points))
    ax = axes[0, 0]
    for payer in payers:
        values = costs[costs["payer"] == payer].set_index("point").reindex(points)["mean"].fillna(0).to_numpy()
        ax.barh(rows, values, left=left, color=payer_of(payer).colour, label=payer_label(payer, lang),
                edgecolor="white", lw=0.5)
        left += values
    ax.set_yticks(rows, points)
    ax.invert_yaxis()
    ax.set_title(pick(WORDS["cost_by_payer"], lang))
    ax.set_xlabel(unit_of(TOTAL_COST, lang))
    money_axis(ax.xaxis, lang)
    net = _difference_panel(axes[0, 1], diffs, payers, points, ref, lang)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend([*handles, net], [*labels, payer_label("total", lang)], loc="lower center", ncol=len(payers) + 1,
               frameon=False, bbox_to_anchor=(0.5, above_note(note)))
    finish(fig, title, note, bottom=0.13)
    return fig


def _difference_panel(ax, diffs: pd.DataFrame, payers: list[str], points: list[str], ref: str, lang: str):
    """Grouped bars per option row, one per payer, and the net as a black diamond; returns the diamond's handle."""
    height = 0.8 / len(payers)
    for j, payer in enumerate(payers):
        rows = diffs[diffs["payer"] == payer].set_index("point").reindex(points)
        y = np.arange(len(points)) + (j - (len(payers) - 1) / 2) * height
        err = np.nan_to_num(np.vstack([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]]))
        ax.barh(y, rows["mean"].fillna(0), height=height, color=payer_of(payer).colour, xerr=err,
                error_kw={"lw": 1, "capsize": 2, "ecolor": "#333333"})
    net = diffs[diffs["payer"] == "total"].set_index("point").reindex(points)
    err = np.nan_to_num(np.vstack([net["mean"] - net["ci_low"], net["ci_high"] - net["mean"]]))
    handle = ax.errorbar(net["mean"], np.arange(len(points)), xerr=err, fmt="D", color="black", ms=9, capsize=4)
    for y, point in enumerate(points):
        if point not in set(diffs["point"]):
            ax.text(0, y, "  " + pick(WORDS["reference"], lang), va="center", ha="left", fontsize=12, color="#555555")
    ax.axvline(0, color="black", lw=1)
    money_axis(ax.xaxis, lang)
    ax.set_title(pick(WORDS["who_pays_diff"], lang).format(ref=ref))
    ax.set_xlabel(f"{pick(WORDS['difference'], lang).format(ref=ref)}, {unit_of(TOTAL_COST, lang)}", fontsize=12)
    for x, ha, word in ((0.01, "left", "saves"), (0.99, "right", "pays_more")):
        ax.text(x, 0.99, pick(WORDS[word], lang), transform=ax.transAxes, ha=ha, va="top", fontsize=12,
                color="#333333")
    ax.grid(axis="x", alpha=0.3)
    return handle


def who_gets_care(summary: pd.DataFrame, outcomes: list[str], styles: dict, title: str, note: str, lang: str):
    """One horizontal bar panel per outcome (mean, 95% whisker), options top to bottom, values written at the bars."""
    fig, axes = figure(1, len(outcomes), sharey=True)
    for ax, key in zip(axes.flat, outcomes, strict=True):
        rows = summary[summary["outcome"] == key]
        points = rows["point"].to_list()
        colours = [styles[p][0] for p in points]
        hatches = [HATCHES[styles[p][1]] for p in points]
        bars = ax.barh(points, rows["mean"], color=colours, xerr=_whiskers(rows, key), edgecolor="white",
                       error_kw={"lw": 1.2, "capsize": 3})
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
        for y, (mean, high) in enumerate(zip(rows["mean"], rows["ci_high"], strict=True)):
            ax.text(np.nanmax([mean, high]), y, "  " + value_text(key, mean, lang), va="center", fontsize=11)
        ax.set_title(outcome_label(key, lang, unit=False))
        ax.set_xlabel(unit_of(key, lang))
        ax.margins(x=0.25)
        _floor(ax, key, "x")
        if kind_of(key) == "percent":
            percent_axis(ax.xaxis)
    axes[0, 0].invert_yaxis()
    finish(fig, title, note)
    return fig


def response(curves: pd.DataFrame, outcomes: list[str], styles: dict, x_label: str, x_ticks: dict, title: str,
             note: str, lang: str):
    """Outcomes against the swept parameter: one line per level of the second factor, with 95% bands."""
    fig, axes = figure(2, int(np.ceil(len(outcomes) / 2)))
    for ax, key in zip(axes.flat, outcomes, strict=False):
        for line, rows in curves[curves["outcome"] == key].groupby("line", sort=False, observed=True):
            rows = rows.sort_values("x")
            colour, pattern = styles[line]
            ax.plot(rows["x"], rows["mean"], color=colour, ls=LINESTYLES[pattern], marker="o", lw=2.5, label=line)
            ax.fill_between(rows["x"], *_band(rows, key), color=colour, alpha=0.18, lw=0)
        _floor(ax, key)
        ax.set_title(outcome_label(key, lang))
        ax.set_xticks(list(x_ticks), list(x_ticks.values()))
        if _is_money(key):
            money_axis(ax.yaxis, lang)
        elif kind_of(key) == "percent":
            percent_axis(ax.yaxis)
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        ax.set_xlabel(x_label)
    rows = _legend(fig, axes.flat[0], note) if len(axes.flat[0].get_legend_handles_labels()[1]) > 1 else 0
    finish(fig, title, note, bottom=0.08 + 0.035 * rows)
    return fig
