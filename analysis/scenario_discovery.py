"""Scenario discovery for one question users ask: when does tendering cost the public more than the lump-sum
budget? PRIM (the EMA Workbench's Patient Rule Induction Method, Friedman & Fisher 1999; Bryant & Lempert 2010)
peels the parameter box of a sampled study (every row run under both policies on the same seeds) down to where
tendering is dearer, trading coverage (the share of all dearer rows inside the box) against density (the share of
rows inside the box that are dearer). Run: python -m analysis.scenario_discovery STUDY_DIR"""

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from results.atomic import write_text
from results.columns import POLICY, ROW
from results.files import STUDY
from sim.configs import CONFIG_DIR

from .labels import pick
from .load import load_runs
from .style import figure, finish, save

ROOT = CONFIG_DIR.parent  # relative design paths are relative to the repository

MIN_COVERAGE = 0.6  # the box kept: the densest on the peeling trajectory that still covers this share of cases
MAX_RESTRICTED = 4  # ... and restricts at most this many parameters, so that a reader can hold it in mind
SIGNIFICANT = 0.05  # ... each restriction with a quasi-p-value below this (Bryant & Lempert 2010)
WORDS = {
    "title": ("Tendering costs the public more than the lump-sum budget when {box}",
              "Aanbesteden kost de overheid meer dan het lumpsumbudget als {box}"),
    "none": ("Tendering costs the public more than the lump-sum budget in {share} of the sampled settings; no box of "
             "assumptions is significant (shown: the best, quasi-p >= 0.05)",
             "Aanbesteden kost de overheid meer dan het lumpsumbudget in {share} van de steekproef; geen combinatie "
             "van aannames is significant (getoond: de beste, quasi-p >= 0,05)"),
    "coverage": ("coverage (share of the dearer cases inside the box)", "dekking (aandeel dure gevallen in de box)"),
    "density": ("density (share of the box that is dearer)", "dichtheid (aandeel duur in de box)"),
    "trajectory": ("Peeling trajectory; ringed: the box shown", "Afpeltraject; omcirkeld: de getoonde box"),
    "limits": ("The box within each declared range", "De box binnen elk opgegeven bereik"),
    "note": ("{n} sampled parameter sets, each run under tendering and the lump-sum budget on the same seeds ({years} "
             "years); {dearer} of them ({share}) have tendering dearer. Box: coverage {cov}, density {dens}.",
             "{n} steekproefpunten, elk gedraaid onder aanbesteding en lumpsumbudget met dezelfde seeds ({years} "
             "jaar); in {dearer} ({share}) is aanbesteden duurder. Box: dekking {cov}, dichtheid {dens}."),
}


def cases(study_dir: Path) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """(parameters per design row, tendering dearer than the lump-sum budget?, the paired cost difference)."""
    runs, _ = load_runs(study_dir)
    cost = runs.groupby([ROW, POLICY])["cost_public_eur_per_year"].mean().unstack()
    diff = (cost["tendering"] - cost["lump_sum"]).dropna().rename("tendering_minus_lump_sum")
    design = design_table(study_dir, runs).loc[diff.index].drop(columns="run.seed", errors="ignore")
    varied = design.loc[:, design.nunique() > 1]
    return varied.reset_index(drop=True), (diff > 0).to_numpy(), diff.reset_index()


def separating(x: pd.DataFrame, diff: pd.DataFrame) -> pd.DataFrame:
    """Each varied parameter's rank correlation (Spearman) with the paired cost difference, strongest first: which
    assumptions separate the draws where tendering is dearer from those where it is cheaper."""
    rho = x.corrwith(diff["tendering_minus_lump_sum"].reset_index(drop=True), method="spearman")
    return rho.rename("spearman_rho").rename_axis("parameter").reset_index().sort_values(
        "spearman_rho", key=abs, ascending=False, ignore_index=True)


def design_table(study_dir: Path, runs: pd.DataFrame) -> pd.DataFrame:
    """The sampled design: the study's own design.csv (a sensitivity Latin hypercube), else the table its runs name
    in `study.design` (the uncertainty study's draws, data/uncertainty/draws.csv)."""
    own = Path(study_dir) / STUDY.design_table
    if own.exists():
        return pd.read_csv(own)
    path = Path(str(runs["study.design"].iloc[0]))
    return pd.read_csv(path if path.is_absolute() else ROOT / path)


def find_box(x: pd.DataFrame, y: np.ndarray):
    """(box, peeling trajectory, significant): the densest box that covers MIN_COVERAGE of the cases and restricts
    at most MAX_RESTRICTED parameters; significant when each restriction is unlikely by chance (quasi-p below
    SIGNIFICANT), else the densest candidate is returned to be shown as such; (None, ..., False) if none."""
    with warnings.catch_warnings():  # the workbench warns of optional parts (ipyparallel) it does not need here
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim  # noqa: PLC0415 (a heavy import, only for this analysis)

        box = prim.Prim(x, y).find_box()
    if box is None:
        return None, None, False
    trajectory = box.peeling_trajectory
    fit = trajectory[(trajectory["coverage"] >= MIN_COVERAGE) & (trajectory["res_dim"].between(1, MAX_RESTRICTED))]
    candidates = fit.sort_values(["density", "coverage"], ascending=False).index
    for i in candidates:
        box.select(int(i))
        if (limits(box, x)["qp_value"] < SIGNIFICANT).all():
            return box, trajectory, True
    if len(candidates) == 0:
        return None, trajectory, False
    box.select(int(candidates[0]))
    return box, trajectory, False


def limits(box, x: pd.DataFrame) -> pd.DataFrame:
    """The restricted parameters: the box's bounds, the sample's bounds and PRIM's quasi-p-value per restriction
    (how likely so tight a bound on this parameter arises by chance; Bryant & Lempert 2010)."""
    _, frame = box.inspect(style="data")[0]
    bounds = frame.xs("min", axis=1, level=1).iloc[:, 0], frame.xs("max", axis=1, level=1).iloc[:, 0]
    qp = frame.xs("qp value", axis=1, level=1).min(axis=1)
    return pd.DataFrame({"parameter": frame.index, "box_low": bounds[0].to_numpy(), "box_high": bounds[1].to_numpy(),
                         "range_low": x.min()[frame.index].to_numpy(), "range_high": x.max()[frame.index].to_numpy(),
                         "qp_value": qp.to_numpy()})


def box_text(table: pd.DataFrame) -> str:
    parts = []
    for r in table.itertuples():
        if r.box_low > r.range_low and r.box_high < r.range_high:
            parts.append(f"{r.parameter} in [{r.box_low:.3g}, {r.box_high:.3g}]")
        else:
            parts.append(f"{r.parameter} {'>' if r.box_low > r.range_low else '<'} "
                         f"{r.box_low if r.box_low > r.range_low else r.box_high:.3g}")
    return ", ".join(parts)


def box_figure(trajectory: pd.DataFrame, box, table: pd.DataFrame, title: str, note: str, lang: str):
    """Left: coverage against density along the peeling trajectory; right: the box within each declared range."""
    fig, axes = figure(1, 2)
    left, right = axes[0]
    left.scatter(trajectory["coverage"], trajectory["density"], c=trajectory["res_dim"], cmap="viridis", s=30)
    if box is not None:
        left.scatter([box.coverage], [box.density], s=200, facecolors="none", edgecolors="#D55E00", lw=2)
    left.set_xlabel(pick(WORDS["coverage"], lang))
    left.set_ylabel(pick(WORDS["density"], lang))
    left.set_title(pick(WORDS["trajectory"], lang), fontsize=12)
    for i, r in enumerate(table.itertuples()):
        span = r.range_high - r.range_low
        right.barh(i, 1, color="#dddddd")
        right.barh(i, (r.box_high - r.box_low) / span, left=(r.box_low - r.range_low) / span, color="#0072B2")
    right.set_yticks(range(len(table)), [f"{r.parameter}\n[{r.range_low:.3g}, {r.range_high:.3g}]"
                                         for r in table.itertuples()], fontsize=9)
    right.set_xlim(0, 1)
    right.set_title(pick(WORDS["limits"], lang), fontsize=12)
    finish(fig, title, note, bottom=0.1)
    return fig


def discover(study_dir: Path) -> list[Path]:
    """Write prim_box.csv, prim_trajectory.csv, a YAML summary and the figure (English, Dutch) to <study>/analysis."""
    study_dir = Path(study_dir)
    x, y, diff = cases(study_dir)
    box, trajectory, significant = find_box(x, y)
    table = limits(box, x) if box is not None else pd.DataFrame(columns=["parameter"])
    out = study_dir / STUDY.analysis
    out.mkdir(exist_ok=True)
    write_text(out / "prim_box.csv", table.to_csv(index=False))
    write_text(out / "prim_cases.csv", diff.to_csv(index=False))
    ranked = separating(x, diff)
    write_text(out / "separating.csv", ranked.to_csv(index=False))
    summary = {"cases": len(y), "tendering_dearer": int(y.sum()), "significant": significant,
               "coverage": float(box.coverage) if box else None,
               "density": float(box.density) if box else None, "box": box_text(table) if len(table) else None,
               "separating": {r.parameter: round(float(r.spearman_rho), 2) for r in ranked.head(5).itertuples()}}
    write_text(out / "prim_summary.yaml", yaml.safe_dump(summary, sort_keys=False))
    written = [out / "prim_box.csv", out / "prim_cases.csv", out / "separating.csv", out / "prim_summary.yaml"]
    if trajectory is not None:
        write_text(out / "prim_trajectory.csv", trajectory.to_csv(index=False))
        runs, _ = load_runs(study_dir)
        for lang in ("en", "nl"):
            note = pick(WORDS["note"], lang).format(
                n=len(y), years=f"{runs['run.years'].iloc[0]:g}", dearer=int(y.sum()), share=f"{y.mean():.0%}",
                cov=f"{summary['coverage'] or 0:.2f}", dens=f"{summary['density'] or 0:.2f}")
            title = (pick(WORDS["title"], lang).format(box=box_text(table)) if significant
                     else pick(WORDS["none"], lang).format(share=f"{y.mean():.0%}"))
            written += save(box_figure(trajectory, box, table, title, note, lang), out / f"prim_{lang}")
    print(yaml.safe_dump(summary, sort_keys=False))
    return written


if __name__ == "__main__":
    discover(Path(sys.argv[1]))
