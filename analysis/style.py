"""Slide-ready look shared by the figures: Okabe-Ito colours (colour-blind safe), large type, money axes, saving."""

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from results.columns import POLICY  # noqa: E402

from .labels import number  # noqa: E402
from .load import Factor  # noqa: E402

OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
             "purple": "#CC79A7", "sky": "#56B4E9", "black": "#000000", "yellow": "#F0E442"}
SEQUENCE = list(OKABE_ITO.values())
POLICY_COLOURS = {"subsidy": "#0072B2", "lump_sum": "#009E73", "tendering": "#D55E00", "project_grant": "#E69F00",
                  "pooled_budget": "#CC79A7", "no_cooperative": "#000000"}
LINESTYLES = ["-", "--", ":", "-."]
HATCHES = ["", "//", "..", "xx"]
SLIDE = (13.33, 7.5)  # inches: a 16:9 slide
RC = {"font.size": 14, "axes.titlesize": 15, "axes.labelsize": 14, "legend.fontsize": 12, "xtick.labelsize": 12,
      "ytick.labelsize": 12, "axes.spines.top": False, "axes.spines.right": False, "figure.dpi": 100,
      "svg.fonttype": "none"}


def figure(rows: int, cols: int, **kw):
    """A slide-sized figure with the project's look."""
    with plt.rc_context(RC):
        fig, axes = plt.subplots(rows, cols, figsize=SLIDE, squeeze=False, **kw)
    return fig, axes


def colour_of(factors: list[Factor], point: tuple) -> str:
    """Policies keep one colour in every figure; otherwise the first factor's level picks the colour."""
    for f, value in zip(factors, point, strict=True):
        if f.column == POLICY and value in POLICY_COLOURS:
            return POLICY_COLOURS[value]
    return SEQUENCE[factors[0].levels.index(point[0]) % len(SEQUENCE)] if factors else SEQUENCE[0]


def pattern_index(factors: list[Factor], point: tuple) -> int:
    """Line style / hatch index: the level of the first factor that does not already set the colour."""
    columns = [f.column for f in factors]
    colour_factor = POLICY if POLICY in columns else columns[0] if columns else None
    for f, value in zip(factors, point, strict=True):
        if f.column != colour_factor and len(f.levels) <= len(LINESTYLES):
            return f.levels.index(value)
    return 0


def percent_axis(axis) -> None:
    """A share (0-1) read as whole percents: 0.25 is 25%, as the axis label's unit says."""
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{100 * value:.0f}%"))


def money_axis(axis, lang: str, ticks: int = 5) -> None:
    """At most `ticks` ticks like €250k / €1.5m (€250k / €1,5 mln in Dutch); the axis label says 'EUR per year'."""
    def fmt(value, _pos):
        sign = "−" if value < 0 else ""
        value = abs(value)
        if value >= 1e6:
            text = number(value / 1e6, 1, lang).removesuffix(",0").removesuffix(".0")
            text += " mln" if lang == "nl" else "m"
        elif value >= 1e3:  # 2.5k stays 2.5k (rounded to whole thousands it read €2k)
            thousands = value / 1e3
            text = number(thousands, 0 if thousands.is_integer() else 1, lang) + "k"
        else:
            text = number(value, 0, lang)
        return f"{sign}€{text}"
    axis.set_major_locator(MaxNLocator(ticks))
    axis.set_major_formatter(FuncFormatter(fmt))


NOTE_WIDTH, NOTE_LINE = 150, 0.022  # the footnote's characters per line and the height of a line (figure fraction)


def above_note(note: str) -> float:
    """Where a legend under the panels sits: just above the footnote, however many lines it wraps to."""
    return 0.011 + NOTE_LINE * len(textwrap.wrap(note, NOTE_WIDTH))


def finish(fig, title: str, note: str, bottom: float = 0.07, left: float | None = None) -> None:
    """The finding as the title (capitalised, wrapped), the design and interval as a footnote, panels in between
    (laid out tightly, or from `left` on when the panels are a grid tight_layout cannot place)."""
    title = textwrap.fill(title[:1].upper() + title[1:], 78)
    note = textwrap.fill(note, NOTE_WIDTH)
    top = 1 - 0.065 * (title.count("\n") + 1) - 0.02 if title else 0.95  # no title: panels to the top
    with plt.rc_context(RC):
        if left is None:
            fig.tight_layout(rect=(0, bottom + NOTE_LINE * note.count("\n"), 1, top))
        else:
            fig.subplots_adjust(left=left, right=0.98, bottom=bottom + NOTE_LINE * note.count("\n"), top=top - 0.05)
        fig.suptitle(title, fontsize=19, fontweight="bold", x=0.01, y=0.985, ha="left", va="top")
        fig.text(0.01, 0.01, note, fontsize=11, color="#333333", ha="left", va="bottom")


def save(fig, stem: Path) -> list[Path]:
    """Write PNG (for slides) and SVG (for print) next to each other; return both paths."""
    paths = [stem.parent / f"{stem.name}.png", stem.parent / f"{stem.name}.svg"]
    fig.savefig(paths[0], dpi=150)
    fig.savefig(paths[1])
    plt.close(fig)
    return paths
