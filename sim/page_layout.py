"""Drawing for the browser page: fixed village positions, resident states and the figures (PNG bytes).

Positions are computed, not drawn at random: streets are blocks on a grid, households sit at
quasi-random (R2 sequence) spots in their block and members around them, so a person never moves.
"""

import io
from enum import IntEnum

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

from .help_seeking import hidden, known_now, unmet_before_formal
from .params import PAYERS
from .residents import Status, VolunteerStatus

# Okabe & Ito (2008) colour-blind-safe palette
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
GREY = "#A6A6A6"
PAYER_COLOURS = dict(zip(PAYERS, ("blue", "orange", "purple", "green", "vermillion"), strict=True))
PAYER_LABELS = {"wmo": "Wmo (municipality)", "zvw": "Zvw (insurer)", "wlz": "Wlz (long-term care)",
                "fund": "fund", "cooperative": "cooperative"}


class State(IntEnum):
    NO_NEED = 0
    MET = 1
    UNMET_KNOWN = 2
    HIDDEN = 3
    NURSING_HOME = 4


STATE_STYLE = {  # state -> (colour, legend label)
    State.NO_NEED: (GREY, "no need"),
    State.MET: (OKABE_ITO["green"], "need met"),
    State.UNMET_KNOWN: (OKABE_ITO["orange"], "unmet, known"),
    State.HIDDEN: (OKABE_ITO["vermillion"], "hidden need"),
    State.NURSING_HOME: (OKABE_ITO["blue"], "nursing home"),
}
CELL_GAP = 0.18  # space between street blocks, in block widths
R2 = (0.7548776662466927, 0.5698402909980532)  # Roberts' R2 low-discrepancy sequence constants
GOLDEN = 0.6180339887498949
DPI, MAP_SIZE, MAP_RECT = 100, (6.6, 7.2), (0.01, 0.09, 0.98, 0.87)  # the network figure: inches, axes box


def grid(people) -> tuple[int, int, int]:
    """Number of streets and the (columns, rows) of street blocks; fixed for a run (streets never change)."""
    street = people.view("street")
    n_streets = int(street.max()) + 1 if street.size else 1
    cols = int(np.ceil(np.sqrt(n_streets)))
    return n_streets, cols, int(np.ceil(n_streets / cols))


def positions(people) -> np.ndarray:
    """(n, 2) coordinates of every person ever created: street block, household spot, own offset."""
    street = people.view("street").astype(np.int64)
    household = people.view("household").astype(np.int64)
    cols = grid(people)[1]
    hx = (0.5 + household * R2[0]) % 1.0
    hy = (0.5 + household * R2[1]) % 1.0
    angle = 2 * np.pi * ((np.arange(street.size) * GOLDEN) % 1.0)
    x = (street % cols) * (1 + CELL_GAP) + 0.06 + 0.88 * hx + 0.035 * np.cos(angle)
    y = -(street // cols) * (1 + CELL_GAP) + 0.06 + 0.88 * hy + 0.035 * np.sin(angle)
    return np.column_stack([x, y])


def states(model) -> np.ndarray:
    """State of every person ever created (meaningful for present persons only); hidden as in the recorder."""
    people, n = model.people, model.people.n
    need = people.need[:n].sum(axis=1)
    unmet = need - people.given[:n].sum(axis=(1, 2))
    state = np.full(n, State.NO_NEED, dtype=np.int8)
    state[need > 1e-9] = State.MET
    state[(need > 1e-9) & (unmet > 1e-9)] = State.UNMET_KNOWN
    state[hidden(people, unmet_before_formal(people), known_now(model))] = State.HIDDEN
    state[people.view("status") == Status.NURSING_HOME] = State.NURSING_HOME
    return state


def to_png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def polyline(pos: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y of all edges as one NaN-separated line: one path draws much faster than thousands."""
    xy = np.full((edges.shape[0], 3, 2), np.nan)
    xy[:, :2] = pos[edges]
    return xy[:, :, 0].ravel(), xy[:, :, 1].ravel()


def village_axes(fig: Figure, grid_shape: tuple[int, int, int]):
    """The map's axes with fixed limits, identical in the tie layer and the figure drawn over it."""
    _, cols, rows = grid_shape
    ax = fig.add_axes(MAP_RECT)
    ax.set_xlim(-0.05, cols * (1 + CELL_GAP) - CELL_GAP + 0.05)
    ax.set_ylim(-(rows - 1) * (1 + CELL_GAP) - 0.05, 1.05)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def village_snapshot(model, with_ties: bool) -> dict:
    """Everything the network figure needs, copied from the model (take it under the model's lock)."""
    people = model.people
    snap = {"pos": positions(people), "state": states(model), "present": np.flatnonzero(people.present),
            "vol": people.view("vol_status").copy(), "grid": grid(people),
            "strain": np.clip(people.view("vol_strain") / model.cfg.volunteers.burnout_threshold, 0, 1)}
    if with_ties:
        local, far = [], []
        for a, b, kind in model.graph.edges(data="kind"):
            (local if kind in ("household", "street") else far).append((a, b))
        snap["ties"] = [np.array(edges, dtype=np.int64).reshape(-1, 2) for edges in (far, local)]
    return snap


def tie_layer(snap: dict) -> np.ndarray:
    """Street blocks and ties as an RGBA image of the whole figure (long ties are slow: callers cache it)."""
    fig = Figure(figsize=MAP_SIZE, dpi=DPI)
    ax = village_axes(fig, snap["grid"])
    n_streets, cols, _ = snap["grid"]
    for s in range(n_streets):
        ax.add_patch(Rectangle(((s % cols) * (1 + CELL_GAP), -(s // cols) * (1 + CELL_GAP)), 1, 1,
                               facecolor="#F2F2F2", edgecolor="none"))
    for edges, alpha in zip(snap["ties"], (0.08, 0.16), strict=True):  # far ties (friends, activities) fainter
        if edges.size:
            ax.plot(*polyline(snap["pos"], edges), color="#808080", lw=0.35, alpha=alpha)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def network_png(snap: dict, ties: np.ndarray) -> bytes:
    """Present residents coloured by state over the tie layer; volunteers as diamonds edged by strain."""
    pos, state, present, vol, strain = (snap[k] for k in ("pos", "state", "present", "vol", "strain"))
    fig = Figure(figsize=MAP_SIZE, dpi=DPI)
    fig.figimage(ties, xo=0, yo=0, origin="upper", zorder=-1)
    ax = village_axes(fig, snap["grid"])
    colours = np.array([STATE_STYLE[s][0] for s in State])
    residents = present[(vol[present] != VolunteerStatus.ACTIVE) & (vol[present] != VolunteerStatus.BURNT_OUT)]
    ax.scatter(*pos[residents].T, s=12, c=colours[state[residents]], linewidths=0, zorder=2)
    active = present[vol[present] == VolunteerStatus.ACTIVE]
    ax.scatter(*pos[active].T, s=24, marker="D", c=colours[state[active]], edgecolors=OKABE_ITO["black"],
               linewidths=0.3 + 2.0 * strain[active], zorder=3)
    burnt = present[vol[present] == VolunteerStatus.BURNT_OUT]
    ax.scatter(*pos[burnt].T, s=40, marker="D", c=colours[state[burnt]], edgecolors=OKABE_ITO["purple"],
               linewidths=2.2, zorder=4)
    counts = np.bincount(state[present], minlength=len(State))
    handles = [Line2D([], [], ls="", marker="o", ms=6, mfc=STATE_STYLE[s][0], mec="none",
                      label=f"{STATE_STYLE[s][1]} ({counts[s]})") for s in State]
    handles += [Line2D([], [], ls="", marker="D", ms=6, mfc=GREY, mec=OKABE_ITO["black"], mew=0.6,
                       label=f"volunteer ({active.size}), edge = strain"),
                Line2D([], [], ls="", marker="D", ms=6, mfc=GREY, mec=OKABE_ITO["purple"], mew=2.2,
                       label=f"burnt-out volunteer ({burnt.size})")]
    fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=8, frameon=False,
               handletextpad=0.3, columnspacing=1.0)
    fig.suptitle(f"{present.size} residents: streets (grey blocks), households and their ties", fontsize=10, y=0.985)
    return to_png(fig)


def yearly_cost(df: pd.DataFrame, steps_per_year: int) -> pd.DataFrame:
    """Cost per year by payer: mean weekly cost over the last year (or fewer weeks at the start) x weeks/year."""
    cols = [f"cost_{payer}_eur" for payer in PAYERS]
    return df[cols].astype(float).rolling(steps_per_year, min_periods=1).mean() * steps_per_year


def timeseries_png(df: pd.DataFrame, cfg) -> bytes:
    """Unmet and hidden need, volunteers, and yearly cost per payer over simulated time (cfg: the run's Config)."""
    run = cfg.run
    fig = Figure(figsize=(4.6, 6.6), dpi=DPI)
    axes = fig.subplots(4, 1, sharex=True, gridspec_kw={"left": 0.17, "right": 0.97, "top": 0.95, "bottom": 0.07,
                                                          "hspace": 0.15})
    for ax in axes:
        ax.set_xlim(run.start_year, run.start_year + run.years)
        ax.grid(alpha=0.3, lw=0.5)
        ax.tick_params(labelsize=8)
    if df.empty:
        for ax in axes:
            ax.text(0.5, 0.5, "press Step or Play", ha="center", va="center", transform=ax.transAxes, color="grey")
    else:
        t = run.start_year + df["year"].astype(float)
        axes[0].plot(t, df["unmet_hours"], color=OKABE_ITO["vermillion"], lw=1.2)
        axes[0].set_ylabel("unmet need\n[hours/week]", fontsize=8)
        axes[1].plot(t, df["n_hidden_need"], color=OKABE_ITO["vermillion"], lw=1.2)
        axes[1].set_ylabel("people with\nhidden need", fontsize=8)
        axes[2].plot(t, df["n_volunteers_active"], color=OKABE_ITO["black"], lw=1.2, label="active")
        axes[2].plot(t, df["n_volunteers_burnt_out"], color=OKABE_ITO["purple"], lw=1.5, label="burnt out")
        axes[2].set_ylabel("volunteers", fontsize=8)
        axes[2].legend(fontsize=7, loc="best", frameon=False)
        cost = yearly_cost(df, run.steps_per_year)
        for payer in PAYERS:
            series = cost[f"cost_{payer}_eur"] / 1000
            if (series > 0).any():
                axes[3].plot(t, series, color=OKABE_ITO[PAYER_COLOURS[payer]], lw=1.2, label=PAYER_LABELS[payer])
        axes[3].set_yscale("log")
        axes[3].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))  # no mathtext: it is slow
        axes[3].yaxis.set_minor_formatter(NullFormatter())
        axes[3].set_ylabel("cost per year\n[EUR 1000, log]", fontsize=8)
        axes[3].legend(fontsize=7, loc="best", ncols=2, frameon=False)
        for ax in axes[:3]:
            ax.set_ylim(bottom=0, top=max(1.0, ax.get_ylim()[1]))
        for ax in axes[1:3]:
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # counts of people
    axes[0].set_title(f"Over time (cost: mean of the last {run.steps_per_year} weeks x {run.steps_per_year})",
                      fontsize=10)
    axes[-1].set_xlabel("year", fontsize=8)
    return to_png(fig)
