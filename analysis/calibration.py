"""Model against the published statistics it must reproduce: the target table (data/calibration_targets.csv), each
run's yearly survey, and the comparison as a table (Markdown, CSV) and a figure, in English and Dutch."""

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from sim.schema import FILES

from .labels import NAMES, kind_of, money, number, pick, unit_of
from .load import load_runs
from .style import OKABE_ITO, figure, finish, save

TARGETS = Path(__file__).resolve().parent.parent / "data" / "calibration_targets.csv"
VILLAGES = ("austerlitz", "hollandscheveld")  # villages of a few thousand (the requests target's population)
WORDS = {
    "title": ("{place}: {inside} of {n} targets inside their band", "{place}: {inside} van {n} doelen binnen de band"),
    "ratio": ("model / reference (line: 1; bar: the band)", "model / referentie (lijn: 1; balk: de band)"),
    "inside": ("inside the band", "binnen de band"), "outside": ("outside the band", "buiten de band"),
    "note": ("Each point: mean over {seeds} seeds of the yearly surveys over {years} years, with its standard "
             "deviation over seeds; rows marked (no cooperative) describe places without a care cooperative. "
             "Targets and sources: data/calibration_targets.csv. Model {version}.",
             "Elk punt: gemiddelde over {seeds} seeds van de jaarlijkse enquêtes over {years} jaar, met de "
             "standaardafwijking over seeds; regels met (geen coöperatie) beschrijven plaatsen zonder zorgcoöperatie. "
             "Doelen en bronnen: data/calibration_targets.csv. Model {version}."),
}
COLUMNS = {"en": ("target", "unit", "policy", "reference", "band", "model (mean ± sd)", "model / reference", "inside"),
           "nl": ("doel", "eenheid", "beleid", "referentie", "band", "model (gem. ± sd)", "model / referentie",
                  "binnen")}


def load_targets(community: str, path: Path = TARGETS) -> pd.DataFrame:
    """The targets that apply to `community` (all, villages, or that community only)."""
    targets = pd.read_csv(path)
    applies = (targets["communities"] == "all") | (targets["communities"] == community)
    applies |= (targets["communities"] == "villages") & (community in VILLAGES)
    return targets[applies].reset_index(drop=True)


def survey_by_run(study_dir: Path, by: str = "run.replicate") -> pd.DataFrame:
    """One row per finished run: its survey measures averaged over the recorded years, with its replicate (and the
    column `by`, e.g. the design row of a search)."""
    runs, _ = load_runs(study_dir)
    rows = []
    for run in runs.to_dict("records"):
        survey = pd.read_parquet(Path(study_dir) / run["run_id"] / FILES.survey)
        rows.append({"run_id": run["run_id"], "replicate": run["run.replicate"], by: run[by], "years": len(survey),
                     **survey.drop(columns="survey_year").mean().to_dict()})
    return pd.DataFrame(rows)


def score(result: pd.DataFrame) -> dict:
    """How far the model is from its targets: the summed distance outside the bands (relative to the reference),
    plus a twentieth of the summed |log(model / reference)| so that among equals the one nearer the centre wins."""
    below = np.maximum(result["low"] - result["model_mean"], 0)
    outside = below + np.maximum(result["model_mean"] - result["high"], 0)
    distance = (outside / result["reference"]).sum()
    centre = np.abs(np.log(np.maximum(result["model_mean"], 1e-9) / result["reference"])).sum()
    return {"loss": float(distance + centre / 20), "inside": int(result["inside"].sum()), "targets": len(result)}


def compare(targets: pd.DataFrame, surveys: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per target: the model's mean and sd over runs of the arrangement the row names, ratio and inside the band."""
    rows = []
    for t in targets.itertuples(index=False):
        values = surveys[t.policy][t.measure].dropna()
        mean, sd = float(values.mean()), float(values.std(ddof=1)) if len(values) > 1 else float("nan")
        rows.append({**t._asdict(), "model_mean": mean, "model_sd": sd, "seeds": len(values),
                     "ratio": mean / t.reference, "inside": bool(t.low <= mean <= t.high)})
    return pd.DataFrame(rows)


def fmt(value: float, reference: float, measure: str, lang: str) -> str:
    """A value of a survey measure as its kind in sim/schema.py reads: percentages (two decimals for small ones),
    money in euros, counts and hours as numbers (one decimal below 20)."""
    kind = kind_of(measure)
    if kind == "percent":
        return number(100 * value, 2 if reference < 0.02 else 1, lang) + "%"
    if kind == "money":
        return money(value, lang)
    return number(value, 0 if reference >= 20 else 1, lang)


def table_md(result: pd.DataFrame, lang: str) -> str:
    """One row per target: its unit from the schema, reference, band, the model's mean and sd, ratio, inside."""
    heads = COLUMNS[lang]
    label = "target" if lang == "en" else "target_nl"
    rows = [[getattr(r, label), unit_of(r.measure, lang), r.policy, fmt(r.reference, r.reference, r.measure, lang),
             f"{fmt(r.low, r.reference, r.measure, lang)} – {fmt(r.high, r.reference, r.measure, lang)}",
             f"{fmt(r.model_mean, r.reference, r.measure, lang)} ± {fmt(r.model_sd, r.reference, r.measure, lang)}",
             number(r.ratio, 2, lang), "✓" if r.inside else "✗"] for r in result.itertuples()]
    return pd.DataFrame(rows, columns=heads).to_markdown(index=False, disable_numparse=True) + "\n"


def ratio_figure(result: pd.DataFrame, place: str, note: str, lang: str):
    """Each target's model / reference ratio with its band: a grey bar from low/ref to high/ref, the model's mean as
    a dot (blue inside the band, vermilion outside) with its sd over seeds."""
    fig, axes = figure(1, 1)
    ax = axes[0, 0]
    y = np.arange(len(result))[::-1]
    ax.barh(y, (result["high"] - result["low"]) / result["reference"], left=result["low"] / result["reference"],
            color="#DDDDDD", height=0.6)
    colours = np.where(result["inside"], OKABE_ITO["blue"], OKABE_ITO["vermillion"])
    err = (result["model_sd"] / result["reference"]).fillna(0).to_numpy()
    ax.errorbar(result["ratio"], y, xerr=err, fmt="none", ecolor="#555555", lw=1, capsize=2)
    ax.scatter(result["ratio"], y, c=colours, s=40, zorder=3)
    ax.axvline(1, color="black", lw=1)
    ax.set_yticks(y, result["target" if lang == "en" else "target_nl"], fontsize=9)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator([0.25, 0.5, 1, 2, 4]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, 2, lang).rstrip("0").rstrip(".,")))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(pick(WORDS["ratio"], lang))
    ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=pick(WORDS["inside"], lang)),
                       Patch(color=OKABE_ITO["vermillion"], label=pick(WORDS["outside"], lang))], loc="lower right")
    title = pick(WORDS["title"], lang).format(place=place, inside=int(result["inside"].sum()), n=len(result))
    finish(fig, title, note)
    return fig


def write_report(result: pd.DataFrame, community: str, meta: dict, out: Path) -> list[Path]:
    """calibration_<community>.csv, and per language a Markdown table and the ratio figure (PNG, SVG)."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"calibration_{community}.csv"]
    result.to_csv(written[0], index=False)
    for lang in ("en", "nl"):
        place = pick(NAMES.get(community, (community, community)), lang)
        note = pick(WORDS["note"], lang).format(**meta)
        md = out / f"calibration_{community}_{lang}.md"
        title = pick(WORDS["title"], lang).format(place=place, inside=int(result["inside"].sum()), n=len(result))
        md.write_text(f"{title}\n\n{note}\n\n{table_md(result, lang)}")
        written += [md, *save(ratio_figure(result, place, note, lang), out / f"calibration_{community}_{lang}")]
    return written
