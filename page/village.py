"""Drawing the village for the browser page: fixed positions, residents by care state, and the figures (PNG).

Positions are computed, not drawn at random: streets are blocks on a grid, households sit at
quasi-random (R2 sequence) spots in their block and members around them, so a person never moves.
"""

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

from sim.network import HOUSEHOLD, STREET
from sim.residents import CareState, VolunteerStatus
from sim.schema import BY_NAME, PAGE, PAYERS, unit

# Okabe & Ito (2008) colour-blind-safe palette
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
GREY = "#A6A6A6"
SHOWN = tuple(s for s in CareState if s != CareState.GONE)  # the states of people who live here
STATE_COLOURS = {CareState.NO_NEED: GREY, CareState.MET: OKABE_ITO["green"], CareState.UNMET_KNOWN: OKABE_ITO["orange"],
                 CareState.HIDDEN: OKABE_ITO["vermillion"], CareState.NURSING_HOME: OKABE_ITO["blue"],
                 CareState.GONE: GREY}
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
    snap = {"pos": positions(people), "state": model.care_states().copy(), "present": np.flatnonzero(people.present),
            "vol": people.view("vol_status").copy(), "grid": grid(people),
            "strain": np.clip(people.view("vol_strain") / model.cfg.volunteers.burnout_threshold, 0, 1)}
    if with_ties:
        a, b, kind = model.graph.edges()
        local = (kind == HOUSEHOLD) | (kind == STREET)
        snap["ties"] = [np.stack([a[m], b[m]], axis=1) for m in (~local, local)]
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
    colours = np.array([STATE_COLOURS[s] for s in CareState])
    residents = present[(vol[present] != VolunteerStatus.ACTIVE) & (vol[present] != VolunteerStatus.BURNT_OUT)]
    ax.scatter(*pos[residents].T, s=12, c=colours[state[residents]], linewidths=0, zorder=2)
    active = present[vol[present] == VolunteerStatus.ACTIVE]
    ax.scatter(*pos[active].T, s=24, marker="D", c=colours[state[active]], edgecolors=OKABE_ITO["black"],
               linewidths=0.3 + 2.0 * strain[active], zorder=3)
    burnt = present[vol[present] == VolunteerStatus.BURNT_OUT]
    ax.scatter(*pos[burnt].T, s=40, marker="D", c=colours[state[burnt]], edgecolors=OKABE_ITO["purple"],
               linewidths=2.2, zorder=4)
    counts = np.bincount(state[present], minlength=len(CareState))
    handles = [Line2D([], [], ls="", marker="o", ms=6, mfc=STATE_COLOURS[s], mec="none",
                      label=f"{s.label} ({counts[s]})") for s in SHOWN]
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
    cols = [f"cost_{payer.name}_eur" for payer in PAYERS]
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
        t = run.start_year + df["time_years"].astype(float)
        unmet, hidden, active, burnt = PAGE
        axes[0].plot(t, df[unmet], color=OKABE_ITO["vermillion"], lw=1.2)
        axes[0].set_ylabel(f"{BY_NAME[unmet].en.lower()}\n[{unit(unmet, 'en')}]", fontsize=8)
        axes[1].plot(t, df[hidden], color=OKABE_ITO["vermillion"], lw=1.2)
        axes[1].set_ylabel("people with\nhidden need", fontsize=8)
        axes[2].plot(t, df[active], color=OKABE_ITO["black"], lw=1.2, label="active")
        axes[2].plot(t, df[burnt], color=OKABE_ITO["purple"], lw=1.5, label="burnt out")
        axes[2].set_ylabel("volunteers", fontsize=8)
        axes[2].legend(fontsize=7, loc="best", frameon=False)
        cost = yearly_cost(df, run.steps_per_year)
        for payer in PAYERS:
            series = cost[f"cost_{payer.name}_eur"] / 1000
            if (series > 0).any():
                axes[3].plot(t, series, color=payer.colour, lw=1.2, label=payer.en)
        axes[3].set_yscale("log")
        axes[3].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))  # no mathtext: it is slow
        axes[3].yaxis.set_minor_formatter(NullFormatter())
        money = unit(f"cost_{PAYERS[0].name}_eur", "en", period="year", thousands=True)  # EUR 1,000 per year
        axes[3].set_ylabel(f"cost\n[{money}, log]", fontsize=8)
        axes[3].legend(fontsize=7, loc="best", ncols=2, frameon=False)
        for ax in axes[:3]:
            ax.set_ylim(bottom=0, top=max(1.0, ax.get_ylim()[1]))
        for ax in axes[1:3]:
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # counts of people
    axes[0].set_title(f"Over time (cost: mean of the last {run.steps_per_year} weeks x {run.steps_per_year})",
                      fontsize=10)
    axes[-1].set_xlabel("year", fontsize=8)
    return to_png(fig)
