"""Sensitivity indices of a `sensitivity` study (experiments/sensitivity.py): Morris μ* (with its bootstrap 95%
confidence interval) and σ, or Sobol first-order and total indices (S1, ST, with theirs), per group of assumptions,
for each headline outcome's level under the status quo and each policy's paired difference from it, and for the
calibration targets. Tables (CSV, Markdown) and a figure, in English and Dutch. Run: python -m analysis.sensitivity DIR
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from SALib.analyze import morris, sobol

from results.atomic import write_text
from results.columns import POLICY, REPLICATE, ROW, RUN_ID
from results.files import STUDY
from sim.schema import HEADLINE

from .calibration import load_targets, survey_by_run
from .labels import NAMES, names, outcome_label, pick
from .load import load_runs
from .style import figure, finish, save

RESAMPLES = 1000  # bootstrap resamples for the confidence intervals (SALib's default)
GROUPS = dict(  # group (a config section, or a policy's parameters) -> (English, Dutch)
    carers=("informal carers", "mantelzorgers"), volunteers=("volunteers", "vrijwilligers"),
    meals=("meals and members", "maaltijden en leden"), help=("asking for help", "hulp vragen"),
    network=("social network", "sociaal netwerk"), frailty=("frailty", "kwetsbaarheid"),
    outreach=("home visits", "huisbezoeken"), practical=("practical questions", "praktische vragen"),
    crises=("acute crises", "acute crises"), care=("formal care and admission", "formele zorg en opname"),
    loneliness=("loneliness", "eenzaamheid"), demography=("moving in and out", "verhuizen"),
    mortality=("mortality", "sterfte"), prices=("prices", "prijzen"), dementia=("dementia", "dementie"),
    triage=("handling requests", "hulpvragen afhandelen"), staff=("staff vacancies", "vacatures"),
    tendering=("tendering", "aanbesteding"), project_grant=("project grant", "projectsubsidie"),
    lump_sum=("lump-sum budget", "lumpsumbudget"), pooled_budget=("pooled budget", "ontschot budget"),
    counter=("counter, no cooperative", "loket, geen coöperatie"),
)
WORDS = {
    "level": ("level under {ref}", "niveau bij {ref}"), "minus": ("{p} − {ref}", "{p} − {ref}"),
    "morris_title": ("Assumptions on {groups} move the answers most (Morris μ*, scaled)",
                     "Aannames over {groups} bewegen de antwoorden het meest (Morris μ*, geschaald)"),
    "sobol_title": ("Of the groups varied, {groups} explain most of the variance (Sobol total index)",
                    "Van de gevarieerde groepen verklaren {groups} de meeste variantie (Sobol, totale index)"),
    "level_short": ("level", "niveau"),
    "table_morris": ("Which assumptions move the answer (Morris μ*)",
                     "Welke aannames het antwoord bewegen (Morris μ*)"),
    "table_sobol": ("Share of the variance each group explains (Sobol)", "Aandeel van de variantie per groep (Sobol)"),
    "note": ("Colour: μ* divided by the outcome's standard deviation over the sample (Sobol: the total index ST); "
             "{rows} rows x {policies} policies x {reps} replicate(s), {years} years, {place}. Tables with 95% "
             "intervals: {folder}/analysis.",
             "Kleur: μ* gedeeld door de standaardafwijking van de uitkomst over de steekproef (Sobol: de totale index "
             "ST); {rows} rijen x {policies} beleidsopties x {reps} herhaling(en), {years} jaar, {place}. Tabellen met "
             "95%-intervallen: {folder}/analysis."),
    "group": ("group of assumptions", "groep aannames"), "targets": ("calibration targets", "kalibratiedoelen"),
}


def outcome_columns(study_dir: Path, runs: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """One row per design row: each headline outcome's level under the status quo and each policy's paired
    difference from it (mean over replicates), and each calibration target's measure under its arrangement."""
    reference = str(runs["community.status_quo_policy"].iloc[0])
    means = runs.groupby([ROW, POLICY])[list(HEADLINE)].mean()
    ref = means.xs(reference, level=POLICY)
    columns = {(o, reference): ref[o] for o in HEADLINE}
    for policy in (p for p in runs[POLICY].unique() if p != reference):
        diff = means.xs(policy, level=POLICY) - ref
        columns |= {(o, policy): diff[o] for o in HEADLINE}
    table = pd.DataFrame(columns)
    table.columns.names = ["outcome", "contrast"]
    return table.join(target_columns(study_dir, runs, reference)), reference


def target_columns(study_dir: Path, runs: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Each calibration target's survey measure per design row, under the policy its arrangement means; a measure the
    runs cannot give (recovery a year later, in runs of one year) is left out rather than blanking every row."""
    surveys = survey_by_run(study_dir, by=ROW).merge(runs[[RUN_ID, POLICY]], on=RUN_ID)
    arrangement = {"status_quo": reference, "no_cooperative": "no_cooperative"}
    columns = {}
    for t in load_targets(str(runs["community.name"].iloc[0])).itertuples():
        part = surveys[surveys[POLICY] == arrangement[t.policy]]
        if len(part) and t.measure in part and part[t.measure].notna().any():
            columns[(t.measure, "target:" + t.policy)] = part.groupby(ROW)[t.measure].mean()
    return pd.DataFrame(columns)


def indices(study_dir: Path, table: pd.DataFrame) -> pd.DataFrame:
    """Long table: outcome, contrast, group and the method's indices with their 95% confidence half-widths."""
    spec = yaml.safe_load((study_dir / STUDY.problem).read_text())
    design = pd.read_csv(study_dir / STUDY.design_table)
    missing = sorted(set(range(len(design))) - set(table.dropna().index))
    if missing:
        raise SystemExit(f"{study_dir}: design rows {missing[:10]} lack a finished run under every policy; "
                         "run the study again to finish them")
    rows = []
    for (outcome, contrast), y in table.sort_index().items():
        rows += _indices(spec, design.to_numpy(), y.to_numpy(dtype=float), outcome, contrast)
    return pd.DataFrame(rows)


def _indices(spec: dict, x: np.ndarray, y: np.ndarray, outcome: str, contrast: str) -> list[dict]:
    scale = float(np.std(y)) or 1.0  # a flat outcome has no variance to apportion: its indices are zero
    if spec["method"] == "morris":
        res = morris.analyze(spec, x, y, num_resamples=RESAMPLES, seed=spec["seed"])
        return [{"outcome": outcome, "contrast": contrast, "group": str(g), "mu_star": float(m), "mu_star_conf":
                 float(c), "sigma": float(s), "scaled": float(m) / scale}
                for g, m, c, s in zip(res["names"], res["mu_star"], res["mu_star_conf"], res["sigma"], strict=True)]
    res = sobol.analyze(spec, y, calc_second_order=False, num_resamples=RESAMPLES, seed=spec["seed"])
    names = list(dict.fromkeys(spec["groups"]))
    return [{"outcome": outcome, "contrast": contrast, "group": g, "S1": res["S1"][i], "S1_conf": res["S1_conf"][i],
             "ST": res["ST"][i], "ST_conf": res["ST_conf"][i], "scaled": res["ST"][i]} for i, g in enumerate(names)]


def ranking(long: pd.DataFrame) -> pd.DataFrame:
    """Groups by their mean scaled index over the headline columns (and, apart, over the calibration targets)."""
    is_target = long["contrast"].str.startswith("target:")
    score = long[~is_target].groupby("group")["scaled"].mean().rename("headline")
    table = pd.concat([score, long[is_target].groupby("group")["scaled"].mean().rename("targets")], axis=1)
    return table.sort_values("headline", ascending=False).rename_axis("group").reset_index()


def contrast_label(contrast: str, reference: str, lang: str) -> str:
    if contrast.startswith("target:"):
        return pick(WORDS["targets"], lang)
    ref = pick(NAMES[reference], lang)
    if contrast == reference:
        return pick(WORDS["level"], lang).format(ref=ref)
    return pick(WORDS["minus"], lang).format(p=pick(NAMES[contrast], lang), ref=ref)


def cell(row: pd.Series, method: str) -> str:
    if method == "morris":
        sigma = "" if np.isnan(row["sigma"]) else f" (σ {row['sigma']:.3g})"
        return f"{row['mu_star']:.3g} ± {row['mu_star_conf']:.2g}{sigma}"
    return f"{row['S1']:.2f} ± {row['S1_conf']:.2f} / {row['ST']:.2f} ± {row['ST_conf']:.2f}"


def tables_md(long: pd.DataFrame, method: str, reference: str, order: list[str], lang: str) -> str:
    """Per headline outcome: groups as rows, the level and each policy's difference as columns."""
    what = ("μ* ± 95% CI (σ where the group is one parameter)" if method == "morris" else "S1 ± 95% CI / ST ± 95% CI")
    parts = [f"# {pick(WORDS['table_' + method], lang)}\n\n{what}\n"]
    for outcome in HEADLINE:
        part = long[long["outcome"] == outcome].assign(text=lambda d: d.apply(cell, axis=1, method=method))
        wide = part.pivot(index="group", columns="contrast", values="text")
        wide = wide.reindex(index=[g for g in order if g in wide.index],
                            columns=[reference, *[c for c in part["contrast"].unique() if c != reference]])
        wide.columns = [contrast_label(c, reference, lang) for c in wide.columns]
        wide.index = [pick(GROUPS.get(g, (g, g)), lang) for g in wide.index]
        parts.append(f"## {outcome_label(outcome, lang)}\n\n{wide.to_markdown()}\n")
    return "\n".join(parts)


def heatmap(long: pd.DataFrame, reference: str, order: list[str], note: str, lang: str):
    """One panel per headline outcome (groups as rows; the level and each policy's difference as columns) and one
    for the calibration targets; colour: the index scaled by the outcome's spread, on one scale for all."""
    panels = [*HEADLINE, "targets"]
    fig, axes = figure(1, len(panels), sharey=True, gridspec_kw={"width_ratios": [6] * len(HEADLINE) + [1.2]})
    top = float(np.nanquantile(long["scaled"], 0.98)) or 1.0
    for ax, outcome in zip(axes[0], panels, strict=True):
        if outcome == "targets":
            part = long[long["contrast"].str.startswith("target:")].groupby("group")["scaled"].mean().to_frame()
            labels = [pick(WORDS["targets"], lang)]
        else:
            part = long[long["outcome"] == outcome].pivot(index="group", columns="contrast", values="scaled")
            part = part[[reference, *[c for c in part.columns if c != reference]]]
            labels = [pick(NAMES[c], lang) if c != reference else pick(WORDS["level_short"], lang) for c in part]
            ax.set_title(outcome_label(outcome, lang, unit=False), fontsize=10, wrap=True)
        image = ax.imshow(part.reindex(order).to_numpy(dtype=float), aspect="auto", cmap="viridis", vmin=0, vmax=top)
        ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    axes[0, 0].set_yticks(range(len(order)), [pick(GROUPS.get(g, (g, g)), lang) for g in order], fontsize=9)
    fig.colorbar(image, ax=list(axes[0]), fraction=0.015, pad=0.01)
    finish(fig, title(order, long, lang), note, bottom=0.1)
    return fig


def title(order: list[str], long: pd.DataFrame, lang: str) -> str:
    """The finding: which three groups move the answers most."""
    top = [pick(GROUPS.get(g, (g, g)), lang) for g in order[:3]]
    return pick(WORDS["morris_title" if "mu_star" in long else "sobol_title"], lang).format(groups=names(top, lang))


def analyse(study_dir: Path) -> list[Path]:
    """Write indices.csv, ranking.csv, the Markdown tables and the figure, in English and Dutch."""
    study_dir = Path(study_dir)
    spec = yaml.safe_load((study_dir / STUDY.problem).read_text())
    runs, _ = load_runs(study_dir)
    table, reference = outcome_columns(study_dir, runs)
    long = indices(study_dir, table)
    rank = ranking(long)
    out = study_dir / STUDY.analysis
    out.mkdir(exist_ok=True)
    write_text(out / "indices.csv", long.to_csv(index=False))
    write_text(out / "ranking.csv", rank.to_csv(index=False))
    written = [out / "indices.csv", out / "ranking.csv"]
    for lang in ("en", "nl"):
        md = out / f"{spec['method']}_{lang}.md"
        write_text(md, tables_md(long, spec["method"], reference, rank["group"].tolist(), lang))
        note = pick(WORDS["note"], lang).format(
            rows=len(pd.read_csv(study_dir / STUDY.design_table)), policies=runs[POLICY].nunique(),
            reps=runs[REPLICATE].nunique(), years=f"{runs['run.years'].iloc[0]:g}",
            place=pick(NAMES.get(runs["community.name"].iloc[0], ("", "")), lang), folder=study_dir.name)
        written += [md, *save(heatmap(long, reference, rank["group"].tolist(), note, lang),
                              out / f"{spec['method']}_{lang}")]
    print(rank.head(8).to_markdown(index=False, floatfmt=".3f"))
    return written


if __name__ == "__main__":
    analyse(Path(sys.argv[1]))
