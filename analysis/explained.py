"""Explained differences: each policy's paired difference from the reference taken apart by the mechanisms it acts
through (sim/mechanisms.py), as a table and a waterfall figure per policy, in English and Dutch.

Method: one mechanism switched off at a time, on the same seeds and from the same warm-up (the study's
`study.explain`). A mechanism's part is the policy's run minus the run with that mechanism off, replicate by
replicate; what is left of the total difference is the interaction (the mechanisms acting together: one feeding or
blocking another). Switched off together, a policy's mechanisms leave the structural subsidy exactly
(tests/test_mechanisms.py), so the parts and the interaction add up to the whole difference. Leave-one-out rather
than Shapley values: it needs one run per mechanism (Shapley needs every subset, 2^n, 16 runs for a policy of four
mechanisms), it answers the question a council asks of each mechanism ("what if this part were not there?"), and it
shows the interaction instead of sharing it out by a convention. Every part carries its paired 95% interval; the
sentences claim only parts whose interval excludes zero (analysis/findings.py)."""

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from results.columns import OFF, POLICY, REPLICATE
from sim.mechanisms import find, names_of
from sim.schema import EXPLAINED, PUBLIC_COST

from . import findings
from .labels import NAMES, kind_of, pick, unit_of
from .markdown import cell, header, legend
from .style import OKABE_ITO, figure, finish, money_axis, save
from .tables import interval

INTERACTION, TOTAL = "interaction", "total"
PART_WORDS = {INTERACTION: ("interaction (together)", "wisselwerking (samen)"), TOTAL: ("total difference",
                                                                                    "totaal verschil")}
TEXT = {
    "intro": ("{b} minus {a}, taken apart by mechanism: each switched off in turn on the same seeds; a part is the "
              "run with it minus the run without it; the interaction is what the parts leave of the total (they act "
              "together). Mean ± half-width of the paired 95% interval over {n} replicates; **bold**: the interval "
              "excludes zero.",
              "{b} min {a}, uitgesplitst naar mechanisme: elk om de beurt uitgezet met dezelfde toevalsgetallen; een "
              "deel is de run met het mechanisme min de run zonder; de wisselwerking is wat de delen van het totaal "
              "overlaten (ze werken samen). Gemiddelde ± halve breedte van het gepaarde 95%-interval over {n} "
              "herhalingen; **vet**: het interval sluit nul uit."),
    "part": ("part", "deel"),
    "found": ("What the intervals show", "Wat de intervallen laten zien"),
    "note": ("{n} replicates: each runs {b}, {a} and {b} with each mechanism switched off, on the same seeds. Bar: "
             "the mean part, one after another from zero to the total (black); whisker: its paired 95% interval; "
             "faded and hatched: the interval includes 0. Interaction: what the parts leave of the total. {context}",
             "{n} herhalingen: elk draait {b}, {a} en {b} met elk mechanisme uitgezet, met dezelfde toevalsgetallen. "
             "Staaf: het gemiddelde deel, na elkaar van nul tot het totaal (zwart); streep: het gepaarde "
             "95%-interval; vaag en gearceerd: het interval bevat 0. Wisselwerking: wat de delen van het totaal "
             "overlaten. {context}"),
    "mechanism_of": ("{label} (of {policy})", "{label} (van {policy})"),
}
UP, DOWN, NEUTRAL = OKABE_ITO["vermillion"], OKABE_ITO["blue"], "#888888"


def switched_off(runs: pd.DataFrame) -> pd.Series:
    """The mechanism each run switched off ('' for a whole policy; the runs table holds `policy.off` as text)."""
    if OFF not in runs:
        return pd.Series("", index=runs.index)
    return runs[OFF].astype(str).str.strip("[]").str.replace("'", "").str.strip()


def split(runs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(whole policies, runs with one mechanism switched off, with its name in column 'mechanism')."""
    off = switched_off(runs)
    return runs[off == ""].reset_index(drop=True), runs[off != ""].assign(mechanism=off[off != ""]).reset_index(
        drop=True)


def by_replicate(frame: pd.DataFrame, outcomes) -> pd.DataFrame:
    return frame.groupby(REPLICATE)[list(outcomes)].mean()


def parts(whole: pd.DataFrame, knocked: pd.DataFrame, a: str, b: str, outcomes) -> dict[tuple[str, str], pd.DataFrame]:
    """Per replicate: the total (b - a), each mechanism's part (b's with a plus sign, a's with a minus sign) and the
    interaction; {(owner, part): replicates x outcomes}, on the replicates that ran every one of them."""
    level = {p: by_replicate(whole[whole[POLICY] == p], outcomes) for p in (a, b)}
    found = {}
    for owner, sign in ((b, 1), (a, -1)):
        for m in names_of(owner):
            without = knocked[(knocked[POLICY] == owner) & (knocked["mechanism"] == m)]
            if len(without):
                found[(owner, m)] = sign * (level[owner] - by_replicate(without, outcomes))
    common = level[a].index.intersection(level[b].index)
    for frame in found.values():
        common = common.intersection(frame.index)
    total = (level[b] - level[a]).loc[common]
    found = {key: frame.loc[common] for key, frame in found.items()}
    interaction = total - sum(found.values()) if found else total * 0
    return {**found, ("", INTERACTION): interaction, ("", TOTAL): total}


def decompose(whole: pd.DataFrame, knocked: pd.DataFrame, a: str, b: str, outcomes=EXPLAINED) -> pd.DataFrame:
    """Long table: one row per part and outcome of b minus a, with n, mean, the paired 95% interval and a verdict."""
    outcomes = [o for o in outcomes if o in whole and (whole[o].abs().sum() > 0 or o == PUBLIC_COST)]
    rows = []
    found = parts(whole, knocked, a, b, outcomes)
    moved = [o for o in outcomes if o == PUBLIC_COST or any((frame[o] != 0).any() for frame in found.values())]
    for (owner, part), frame in found.items():
        for outcome in moved:  # an outcome no run of these moved (the fund's cost outside a project grant) is left out
            values = frame[outcome].to_numpy(dtype=float)
            n, mean, low, high = interval(values)
            rows.append({"policy": b, "reference": a, "owner": owner, "part": part, "outcome": outcome, "n": n,
                         "mean": mean, "ci_low": low, "ci_high": high,
                         "verdict": findings.verdict(values, low, high)})
    return pd.DataFrame(rows)


def explain_all(whole: pd.DataFrame, knocked: pd.DataFrame, reference: str, order: list[str]) -> pd.DataFrame:
    """Every policy with mechanisms switched off in these runs, against the reference, in the sweep's order."""
    explained = [p for p in order if p != reference and p in set(knocked[POLICY])]
    frames = [decompose(whole, knocked, reference, p) for p in explained]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def part_label(row, lang: str) -> str:
    """A part as a reader says it: the mechanism's label (naming its policy when it is the reference's)."""
    if row.part in PART_WORDS:
        return pick(PART_WORDS[row.part], lang)
    label = pick((find(row.owner, row.part).en, find(row.owner, row.part).nl), lang)
    if row.owner == row.policy:
        return label
    return pick(TEXT["mechanism_of"], lang).format(label=label, policy=pick(NAMES.get(row.owner, (row.owner,) * 2),
                                                                            lang))


def explained_md(result: pd.DataFrame, lang: str) -> str:
    """One table per policy: parts as rows, outcomes as columns (money in EUR 1,000), then the sentences."""
    blocks = []
    for policy, part in result.groupby("policy", sort=False):
        a, b = (pick(NAMES.get(x, (x, x)), lang) for x in (part["reference"].iloc[0], policy))
        outcomes = list(dict.fromkeys(part["outcome"]))
        rows = []
        for _, frame in part.groupby(["owner", "part"], sort=False):
            first = frame.iloc[0]
            by = frame.set_index("outcome")
            cells = [_bold(cell(o, by.at[o, "mean"], by.at[o, "ci_low"], by.at[o, "ci_high"], lang, signed=True),
                           by.at[o, "verdict"] in ("higher", "lower")) for o in outcomes]
            rows.append([part_label(first, lang), *cells])
        table = pd.DataFrame(rows, columns=[pick(TEXT["part"], lang), *(header(o, lang, True) for o in outcomes)])
        intro = pick(TEXT["intro"], lang).format(a=a, b=b, n=int(part["n"].min()))
        lines = "\n".join(f"- {findings.explained(part, o, part_label, lang)}" for o in outcomes)
        blocks.append(f"## {b}\n\n{intro}\n\n{table.to_markdown(index=False, disable_numparse=True)}\n\n"
                      f"{pick(TEXT['found'], lang)}:\n\n{lines}\n")
    outcomes = list(dict.fromkeys(result["outcome"]))
    return "\n".join(blocks) + "\n" + legend(outcomes, lang, difference=True)


def _bold(text: str, sure: bool) -> str:
    return f"**{text}**" if sure else text


def waterfall(part: pd.DataFrame, title: str, note: str, lang: str):
    """One panel per outcome: the parts one after another from zero (vermillion up, blue down), the interaction, then
    the total from zero (black); whiskers are each part's paired 95% interval; faded where it includes 0."""
    outcomes = list(dict.fromkeys(part["outcome"]))
    cols = min(5, len(outcomes))
    rows = -(-len(outcomes) // cols)
    fig, axes = figure(rows, cols, sharey=True)
    labels = [textwrap.fill(part_label(r, lang), 36) for r in part.drop_duplicates(["owner", "part"]).itertuples()]
    for ax, outcome in zip(axes.flat, outcomes):
        _panel(ax, part[part["outcome"] == outcome], outcome, lang)
    for ax in axes.flat[len(outcomes):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_yticks(range(len(labels)), labels, fontsize=8)  # one line each: wrapped labels ran into their neighbours
    axes[0, 0].invert_yaxis()
    finish(fig, title, note, bottom=0.1)
    return fig


def panel_head(outcome: str, lang: str) -> str:
    """A panel's head with its unit: a table's short head ('Public cost') leaves the unit to the legend under the
    table, but a figure has no such legend."""
    head, unit = header(outcome, lang, True), unit_of(outcome, lang)
    return head if "[" in head or not unit else f"{head} [{unit}]"


def _panel(ax, rows: pd.DataFrame, outcome: str, lang: str) -> None:
    scale = 100 if kind_of(outcome) == "percent" else 1
    start = 0.0
    for i, r in enumerate(rows.itertuples()):
        sure = r.verdict in ("higher", "lower")
        total = r.part == TOTAL
        base = 0.0 if total else start
        colour = "black" if total else NEUTRAL if r.part == INTERACTION else UP if r.mean > 0 else DOWN
        ax.barh(i, r.mean * scale, left=base * scale, color=colour, alpha=1.0 if sure else 0.35,
                hatch="" if sure else "//", edgecolor="white", height=0.65)
        if np.isfinite(r.ci_low):
            end = (base + r.mean) * scale
            ax.errorbar(end, i, xerr=[[(r.mean - r.ci_low) * scale], [(r.ci_high - r.mean) * scale]], fmt="none",
                        ecolor="#333333", capsize=3, lw=1)
        start = start if total else start + r.mean
    ax.axvline(0, color="black", lw=0.8)
    ax.set_title(textwrap.fill(panel_head(outcome, lang), 26), fontsize=10)
    ax.tick_params(axis="x", labelsize=8)
    if kind_of(outcome) == "money":
        money_axis(ax.xaxis, lang, ticks=3)  # five panels a row are narrow: five ticks ran into each other
    ax.grid(axis="x", alpha=0.3)


def write(result: pd.DataFrame, context: str, out: Path, lang: str) -> list[Path]:
    """explained_<lang>.md and one waterfall figure per policy (explained_<policy>_<lang>.png/.svg)."""
    if result.empty:
        return []
    (out / f"explained_{lang}.md").write_text(explained_md(result, lang))
    written = [out / f"explained_{lang}.md"]
    for policy, part in result.groupby("policy", sort=False):
        a, b = (pick(NAMES.get(x, (x, x)), lang) for x in (part["reference"].iloc[0], policy))
        title = findings.explained(part, PUBLIC_COST, part_label, lang, compact=True)
        note = pick(TEXT["note"], lang).format(n=int(part["n"].min()), a=a, b=b, context=context)
        written += save(waterfall(part, title, note, lang), out / f"explained_{policy}_{lang}")
    return written
