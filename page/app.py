"""The browser page: explore one community with Mesa's SolaraViz (start it with `scripts/page.sh`).

The page runs the same model as `python -m sim`: it composes configs/config.yaml with the knobs as Hydra
overrides, so every default and every slider range comes from sim/params.py and the composed config. It reads
the model (care states, the residents as Mesa agents) and never changes how the model works.
"""

import threading
from dataclasses import asdict, fields

import numpy as np
import solara
from mesa.visualization import Slider, SolaraViz
from omegaconf import OmegaConf

from page.village import network_png, tie_layer, timeseries_png, village_snapshot
from results.columns import REPLICATE
from sim.configs import CONFIG_DIR, compose
from sim.model import CaringCommunity
from sim.params import POLICIES, Config
from sim.recorder import weekly_series
from sim.residents import CareState, VolunteerStatus
from sim.schema import PAYER_NAMES

_COMPOSE_LOCK = threading.Lock()  # Hydra's global state allows one compose at a time (sessions share a process)


def composed(overrides: list[str]) -> Config:
    with _COMPOSE_LOCK:
        return compose(overrides)


DEFAULTS = composed([])
COMMUNITIES = tuple(sorted(path.stem for path in (CONFIG_DIR / "community").glob("*.yaml")))
TIE_REFRESH_WEEKS = 4  # ties change slowly, and drawing the village-wide ones is most of a frame's time
KNOBS = {  # keyword of PageModel -> dotted config key
    "shyness_shift": "scenario.shyness_shift",
    "outreach_share": "outreach.supporter_share",
    "capacity_hours": "volunteers.capacity_hours",
    "cut_share": "scenario.cut_share",
    "cut_payer": "scenario.cut_payer",
    "cut_year": "scenario.cut_year",
    "tender_period_years": "policy.tender_period_years",
    "replicate": REPLICATE,
}


def default(key: str):
    """The composed default of a dotted key, e.g. default("outreach.supporter_share")."""
    section, name = key.split(".")
    return getattr(getattr(DEFAULTS, section), name)


def metadata(key: str) -> dict:
    section, name = key.split(".")
    return dict(next(f.metadata for f in fields(getattr(DEFAULTS, section)) if f.name == name))


def slider(label: str, key: str, step: float, high: float | None = None) -> Slider:
    """A slider whose default and bounds come from the field's validation metadata in sim/params.py."""
    meta = metadata(key)
    low, top = {"share": (0.0, 1.0), "range": (meta.get("low"), meta.get("high")),
                "nonneg": (0.0, high), "positive": (step, high), "count": (0, high)}[meta["check"]]
    value = default(key)
    kind = int if isinstance(value, int) else float
    return Slider(label, value=value, min=kind(low), max=kind(top), step=kind(step), dtype=kind)


def page_overrides(community: str, policy: str, knobs: dict) -> list[str]:
    """Hydra overrides for the choices that differ from the defaults (unchanged knobs keep a preset's value)."""
    out = [f"{group}={name}" for group, name, base in (("community", community, DEFAULTS.community.name),
                                                       ("policy", policy, DEFAULTS.policy.name)) if name != base]
    for knob, key in KNOBS.items():
        value, base = knobs[knob], default(key)
        if isinstance(base, float):
            value = round(float(value), 6)
        elif isinstance(base, int):
            value = int(value)
        if value != base:
            out.append(f"{key}={value}")
    return out


def study_yaml(overrides: list[str]) -> str:
    """The overrides as a Hydra experiment file (`# @package _global_`) for a study or `+experiment=`."""
    groups = [o.split("=", 1) for o in overrides if "." not in o.split("=", 1)[0]]
    values = [o for o in overrides if "." in o.split("=", 1)[0]]
    text = "# @package _global_\n"
    if groups:
        text += "defaults:\n" + "".join(f"  - override /{group}: {name}\n" for group, name in groups)
    if values:
        text += OmegaConf.to_yaml(OmegaConf.from_dotlist(values))
    return text if overrides else text + "# (all defaults)\n"


class PageModel(CaringCommunity):
    """CaringCommunity built from the page's knobs; SolaraViz re-creates it with keyword arguments on Reset."""

    def __init__(self, community: str = DEFAULTS.community.name, policy: str = DEFAULTS.policy.name,
                 shyness_shift: float = default(KNOBS["shyness_shift"]),
                 outreach_share: float = default(KNOBS["outreach_share"]),
                 capacity_hours: float = default(KNOBS["capacity_hours"]),
                 cut_share: float = default(KNOBS["cut_share"]), cut_payer: str = default(KNOBS["cut_payer"]),
                 cut_year: float = default(KNOBS["cut_year"]),
                 tender_period_years: float = default(KNOBS["tender_period_years"]),
                 replicate: int = default(KNOBS["replicate"])):
        knobs = {k: v for k, v in locals().items() if k in KNOBS}
        overrides = page_overrides(community, policy, knobs)
        cfg = composed(overrides)
        super().__init__(cfg)
        self.overrides = overrides
        self.n_steps = int(round(cfg.run.years * cfg.run.steps_per_year))
        self.lock = threading.RLock()  # Play steps in a thread while the page draws: views copy under this lock
        self.tie_cache: tuple[int, np.ndarray] | None = None  # (refresh period, image) of the network's ties
        self.warm_up()  # the unrecorded warm-up, as on the command line: Mesa's clock starts at 0 after it

    def step(self) -> None:
        with self.lock:
            super().step()
            self.running = self.week < self.n_steps  # stop at the horizon, like the command line


def model_params() -> dict:
    horizon = DEFAULTS.run.years
    return {
        "community": {"type": "Select", "value": DEFAULTS.community.name, "values": list(COMMUNITIES),
                      "label": "Community"},
        "policy": {"type": "Select", "value": DEFAULTS.policy.name, "values": list(POLICIES),
                   "label": "Policy"},
        "shyness_shift": slider("Shyness shift", KNOBS["shyness_shift"], 0.05),
        "outreach_share": slider("Outreach share", KNOBS["outreach_share"], 0.05),
        "capacity_hours": slider("Volunteer h/week", KNOBS["capacity_hours"], 0.5,
                                 high=3 * default(KNOBS["capacity_hours"])),
        "cut_share": slider("Funding cut (share)", KNOBS["cut_share"], 0.05),
        "cut_payer": {"type": "Select", "value": default(KNOBS["cut_payer"]), "values": list(PAYER_NAMES),
                      "label": "Cut payer"},
        "cut_year": slider("Cut from year", KNOBS["cut_year"], 0.5, high=horizon),
        "tender_period_years": slider("Tender period (y)", KNOBS["tender_period_years"], 0.5, high=horizon),
        "replicate": slider("Replicate", KNOBS["replicate"], 1, high=19),
    }


HINT = (f"Step = one week (after a {DEFAULTS.run.warmup_years:g}-year warm-up, as on the command line). "
        "Changed parameters apply on Reset. Play draws every week: raise Render Interval to play faster.")
PAGE_CSS = """
.v-slider__thumb-label-container { display: block !important; }  /* always show a slider's value */
.v-input__slider { margin-top: 26px; }
.page-figure { width: 100%; max-height: 640px; object-fit: contain; object-position: left top; }
"""
LOOK_FOR = {"hidden need": CareState.HIDDEN, "unmet, known": CareState.UNMET_KNOWN, "need met": CareState.MET,
            "nursing home": CareState.NURSING_HOME}


def headline_items(model: PageModel) -> list[tuple[str, str]]:
    """The current week's numbers, from the model's arrays (so they exist at week 0, before any row)."""
    people, cfg = model.people, model.cfg
    present = people.present
    counts = np.bincount(model.care_states(), minlength=len(CareState))
    unmet = people.need[: people.n].sum() - people.given[: people.n].sum()  # as the recorder's unmet_hours
    vol = people.view("vol_status")
    n_hidden = int(counts[CareState.HIDDEN])
    year = cfg.run.start_year + model.week // model.steps_per_year
    return [
        ("week", f"{model.week} of {model.n_steps} ({year})"), ("community", cfg.community.name),
        ("policy", cfg.policy.name), ("residents", f"{int(present.sum()):,}"),
        ("unmet need", f"{unmet:,.0f} h/week"),
        (CareState.HIDDEN.label, f"{n_hidden} {'person' if n_hidden == 1 else 'people'}"),
        ("volunteers", f"{int((vol == VolunteerStatus.ACTIVE).sum())} active, "
                       f"{int((vol == VolunteerStatus.BURNT_OUT).sum())} burnt out"),
        ("mean shyness", f"{people.view('shyness')[people.adult_at_home].mean():.3f}"),
    ]


def Headline(model: PageModel):
    with model.lock:
        items = headline_items(model)
    with solara.Column(gap="2px", style={"padding": "4px"}) as column:
        solara.Style(PAGE_CSS)
        with solara.Row(gap="18px", style={"flex-wrap": "wrap", "font-size": "14px"}):
            for label, value in items:
                solara.v.Html(tag="span", class_="headline-item", children=[
                    solara.v.Html(tag="span", style_="color:#666", children=[f"{label}: "]),
                    solara.v.Html(tag="b", children=[value])])
        solara.Text(HINT, style={"color": "#666", "font-size": "12px"})
    return column


def draw_network(model: PageModel) -> bytes:
    """Copy the state under the lock, draw outside it; the slow tie layer is redrawn every TIE_REFRESH_WEEKS."""
    period = model.steps // TIE_REFRESH_WEEKS
    cached = model.tie_cache
    with model.lock:
        snap = village_snapshot(model, with_ties=cached is None or cached[0] != period)
    if "ties" in snap:
        model.tie_cache = cached = (period, tie_layer(snap))
    return network_png(snap, cached[1])


def draw_timeseries(model: PageModel) -> bytes:
    with model.lock:
        df = weekly_series(model)
    return timeseries_png(df, model.cfg)


def Village(model: PageModel):
    """The headline numbers over the village map: residents coloured by care state, volunteers as diamonds."""
    png = solara.use_memo(lambda: draw_network(model), [id(model), model.steps])
    with solara.Column(gap="0px") as column:
        Headline(model)
        solara.Image(png, classes=["page-figure"])
    return column


def TimeSeriesView(model: PageModel):
    png = solara.use_memo(lambda: draw_timeseries(model), [id(model), model.steps])
    return solara.Image(png, classes=["page-figure"])


def someone(model: PageModel, state: CareState, after: int) -> int | None:
    """The next resident (by number, after `after`, wrapping round) in a care state, or None."""
    who = np.flatnonzero(model.care_states() == state)
    if who.size == 0:
        return None
    later = who[who > after]
    return int(later[0] if later.size else who[0])


def PersonView(model: PageModel):
    """One resident through their Mesa agent: pick someone by care state, or type a number."""
    chosen = solara.use_reactive(-1)
    with model.lock:
        if chosen.value < 0:
            chosen.value = someone(model, CareState.HIDDEN, -1) or someone(model, CareState.UNMET_KNOWN, -1) or 0
        agent = model.resident(chosen.value)
        facts = agent.describe() if agent else None
    with solara.Column(gap="4px", style={"padding": "4px 8px"}) as col:
        solara.Text("One resident (a Mesa agent): pick the next person who is ...", style={"font-weight": "600"})
        with solara.Row(gap="6px", style={"flex-wrap": "wrap"}):
            for text, state in LOOK_FOR.items():
                solara.Button(text, small=True, outlined=True, classes=["person-pick"],
                              on_click=lambda s=state: chosen.set(someone(model, s, chosen.value) or chosen.value))
        solara.InputInt("resident number", value=chosen, classes=["person-number"])
        if facts is None:
            solara.Text(f"Resident #{chosen.value} does not live here (any more).", classes=["person-gone"])
        else:
            rows = "".join(f"<tr><td style='color:#666;padding-right:12px'>{k}</td><td><b>{v}</b></td></tr>"
                           for k, v in facts.items())
            solara.HTML(tag="table", unsafe_innerHTML=rows, classes=["person-facts"])
    return col


def ConfigView(model: PageModel):
    """The run as Hydra overrides and as a YAML experiment file, plus the full resolved configuration."""
    command = " ".join(["python -m sim", *model.overrides])
    full = solara.use_memo(lambda: OmegaConf.to_yaml(OmegaConf.create(asdict(model.cfg))), [id(model)])
    mono = "font-size:13px;background:#F5F5F5;padding:8px;border-radius:4px;white-space:pre-wrap;margin:4px 0 10px 0"
    with solara.Column(gap="0px", style={"padding": "4px 8px"}) as col:
        solara.Text("This run from the command line (changed knobs apply on Reset):", style={"font-weight": "600"})
        solara.Preformatted(command, style_=mono, class_="page-command")
        solara.Text("The same as a Hydra experiment / study file:", style={"font-weight": "600"})
        solara.Preformatted(study_yaml(model.overrides), style_=mono, class_="page-yaml")
        solara.Details("Full configuration (every parameter, resolved)",
                       children=[solara.Preformatted(full, style_="font-size:12px;max-height:420px;overflow:auto")])
    return col


model = PageModel()
page = SolaraViz(
    model,
    components=[(Village, 0), (TimeSeriesView, 0), (PersonView, 1), (ConfigView, 1)],
    model_params=model_params(),
    name="Caring community: explore one village",
    play_interval=50,
)
