"""The main comparison with both kinds of uncertainty: the noise between replicates (the old table: today's
defaults, paired by replicate) and what we do not know of the assumptions (the same study run over draws that join
the not-implausible set of the history match, data/posterior, with the ranges of the register of policy
assumptions, data/uncertainty/draws.csv). A difference is claimed only when it survives both: its
95% interval over replicates excludes zero, and so does its 95% range over the draws (each draw's paired mean).
Run: python -m analysis.uncertainty POSTERIOR_STUDY --noise DEFAULTS_STUDY"""

import argparse
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from results.atomic import write_text
from results.columns import POLICY, REPLICATE, ROW, RUN_ID
from results.files import STUDY
from sim import register
from sim.schema import HEADLINE

from .calibration import compare, headline, load_targets, survey_by_run
from .explained import split
from .labels import NAMES, kind_of, names, outcome_label, pick, value_text
from .load import load_runs, sweep_values
from .style import POLICY_COLOURS, figure, finish, money_axis, percent_axis, save
from .tables import interval

WORDS = {
    "noise": ("noise only: mean ± 95% CI over replicates", "alleen toeval: gemiddelde ± 95%-BI over herhalingen"),
    "params": ("with parameter uncertainty: mean, 95% range over draws", "met onzekerheid in aannames: gemiddelde, "
               "95%-bereik over trekkingen"),
    "survives": ("survives both", "houdt stand bij beide"), "same_sign": ("draws with that sign", "trekkingen met dat "
                                                                           "teken"),
    "difference": ("difference from {ref}", "verschil met {ref}"),
    "title_none": ("No option differs from {ref} beyond what we do not know", "Geen optie verschilt van {ref} meer dan "
                   "wat we niet weten"),
    "title": ("Beyond noise and the assumptions we do not know: {claims}", "Voorbij toeval en de aannames die we niet "
              "kennen: {claims}"),
    "more": ("{p}: {o} higher", "{p}: {o} hoger"), "less": ("{p}: {o} lower", "{p}: {o} lager"),
    "note": ("Thick bar: 95% interval over {reps} replicates at today's defaults (noise). Thin line: 95% range over "
             "{draws} draws of the assumptions ({varied}; {dreps} each; parameter uncertainty and noise). Paired by "
             "replicate; {years} years, {place}.",
             "Dikke balk: 95%-interval over {reps} herhalingen bij de huidige standaardwaarden (toeval). Dunne lijn: "
             "95%-bereik over {draws} trekkingen van de aannames ({varied}; {dreps} elk; onzekerheid in aannames en "
             "toeval). Gepaard per herhaling; {years} jaar, {place}."),
    "varied_both": ("behaviour the calibration targets leave standing, and the register of policy assumptions",
                    "gedrag dat de kalibratiedoelen overeind laten, en het register van beleidsaannames"),
    "varied_behaviour": ("behaviour the calibration targets leave standing; the policy assumptions at their defaults",
                         "gedrag dat de kalibratiedoelen overeind laten; de beleidsaannames op hun standaardwaarden"),
    "replicate": ("1 replicate", "1 herhaling"), "replicates": ("{n} replicates", "{n} herhalingen"),
}


def varies_register(runs: pd.DataFrame) -> bool:
    """Whether the draws vary an entry of the register of policy assumptions, or behaviour alone."""
    return any(key in runs and runs[key].nunique() > 1 for key in register.by_key())


def paired(runs: pd.DataFrame, reference: str, by: list[str]) -> pd.DataFrame:
    """Each policy minus the reference, per (`by`..., replicate): long table policy, keys, outcome values."""
    wide = runs.set_index([*by, REPLICATE, POLICY])[list(HEADLINE)].unstack(POLICY)
    frames = [(wide.xs(p, axis=1, level=POLICY) - wide.xs(reference, axis=1, level=POLICY)).assign(policy=p)
              for p in runs[POLICY].unique() if p != reference]
    return pd.concat(frames).reset_index()


def complete_draws(runs: pd.DataFrame) -> pd.DataFrame:
    """The runs of the draws (and replicates) every option finished. A study that was stopped, or a run that failed,
    leaves a draw some option lacks: its differences pair with nothing, so the draw is left out, not counted as a
    draw without that sign."""
    options = runs[POLICY].nunique()
    return runs[runs.groupby([ROW, REPLICATE])[POLICY].transform("nunique") == options]


def both(noise_runs: pd.DataFrame, draw_runs: pd.DataFrame) -> pd.DataFrame:
    """Per policy and outcome: the noise-only interval and the parameter-uncertainty range over the complete draws,
    and what survives."""
    noise_runs = split(noise_runs)[0]  # the main study's runs with a mechanism switched off (--explain) do not pair
    draw_runs = complete_draws(draw_runs)
    reference = str(noise_runs["community.status_quo_policy"].iloc[0])
    noise = paired(noise_runs, reference, [])
    draws = paired(draw_runs, reference, [ROW]).groupby(["policy", ROW])[list(HEADLINE)].mean()
    rows = []
    for (policy, part) in noise.groupby("policy", sort=False):
        for outcome in HEADLINE:
            n, mean, low, high = interval(part[outcome])
            per_draw = draws.loc[policy, outcome].to_numpy(dtype=float)
            lo, hi = np.quantile(per_draw, [0.025, 0.975])
            sign = np.sign(mean)
            rows.append({"policy": policy, "outcome": outcome, "reference": reference, "replicates": n,
                         "mean": mean, "ci_low": low, "ci_high": high, "draws": len(per_draw),
                         "draw_mean": float(per_draw.mean()), "draw_low": float(lo), "draw_high": float(hi),
                         "same_sign": float(np.mean(np.sign(per_draw) == sign)) if sign else 0.0,
                         "survives": bool(low * high > 0 and lo * hi > 0 and np.sign(lo) == np.sign(low))})
    return pd.DataFrame(rows)


def uncertainty_md(result: pd.DataFrame, lang: str) -> str:
    """Policies as rows; per outcome the noise-only cell, the cell with parameter uncertainty and a check mark."""
    def cells(r):
        noise = f"{value_text(r.outcome, r.mean, lang)} [{value_text(r.outcome, r.ci_low, lang)}, " \
                f"{value_text(r.outcome, r.ci_high, lang)}]"
        params = f"{value_text(r.outcome, r.draw_mean, lang)} [{value_text(r.outcome, r.draw_low, lang)}, " \
                 f"{value_text(r.outcome, r.draw_high, lang)}] {r.same_sign:.0%}"
        return f"{noise} / {params}{' ✓' if r.survives else ''}"
    frame = result.assign(text=[cells(r) for r in result.itertuples()])
    wide = frame.pivot(index="policy", columns="outcome", values="text").reindex(
        index=list(dict.fromkeys(result["policy"])), columns=list(HEADLINE))
    wide.index = [pick(NAMES[p], lang) for p in wide.index]
    wide.columns = [outcome_label(o, lang) for o in wide.columns]
    ref = pick(NAMES[result["reference"].iloc[0]], lang)
    legend = (f"{pick(WORDS['noise'], lang)} / {pick(WORDS['params'], lang)}, {pick(WORDS['same_sign'], lang)}; "
              f"✓ {pick(WORDS['survives'], lang)}")
    return f"# {pick(WORDS['difference'], lang).format(ref=ref)}\n\n{legend}\n\n{wide.to_markdown()}\n"


def title(result: pd.DataFrame, lang: str) -> str:
    """A title that claims only the differences that survive both kinds of uncertainty (at most three)."""
    ref = pick(NAMES[result["reference"].iloc[0]], lang)
    kept = result[result["survives"]]
    if kept.empty:
        return pick(WORDS["title_none"], lang).format(ref=ref)
    kept = kept.head(3).assign(up=lambda k: k["mean"] > 0)
    claims = [pick(WORDS["more" if up else "less"], lang).format(  # one clause per option and direction
        p=pick(NAMES[policy], lang), o=names([lowered(outcome_label(o, lang, unit=False)) for o in part.outcome], lang))
        for (policy, up), part in kept.groupby(["policy", "up"], sort=False)]
    return pick(WORDS["title"], lang).format(claims="; ".join(claims))


def lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


def forest(result: pd.DataFrame, note: str, lang: str):
    """One panel per outcome; per policy the noise interval (thick) inside the parameter range (thin)."""
    fig, axes = figure(1, len(HEADLINE), sharey=True)
    policies = list(dict.fromkeys(result["policy"]))
    for ax, outcome in zip(axes[0], HEADLINE, strict=True):
        part = result[result["outcome"] == outcome].set_index("policy").reindex(policies)
        for i, (policy, r) in enumerate(part.iterrows()):
            colour = POLICY_COLOURS.get(policy, "#000000")
            ax.plot([r.draw_low, r.draw_high], [i, i], color=colour, lw=1.5)
            ax.plot([r.ci_low, r.ci_high], [i, i], color=colour, lw=7, solid_capstyle="butt")
            ax.plot(r["mean"], i, "o", color="white", mec=colour, ms=7)
        ax.axvline(0, color="#555555", lw=1)
        ax.set_title(textwrap.fill(outcome_label(outcome, lang), 22), fontsize=10)
        ax.tick_params(axis="x", labelsize=9)
        if kind_of(outcome) == "money":
            money_axis(ax.xaxis, lang)
            ax.xaxis.set_major_locator(MaxNLocator(3))
        elif kind_of(outcome) == "percent":
            percent_axis(ax.xaxis)  # the title says % of care hours: 0.04 read as 0.04%
    axes[0, 0].set_yticks(range(len(policies)), [pick(NAMES[p], lang) for p in policies])
    axes[0, 0].invert_yaxis()
    finish(fig, title(result, lang), note, bottom=0.1)
    return fig


def targets_over_draws(study_dir: Path, runs: pd.DataFrame) -> pd.DataFrame:
    """Each calibration target over the draws (a posterior predictive check): mean and sd over the draws of the
    policy its arrangement names, and whether the mean is inside the band. The no-cooperative runs warmed up under
    the status quo, unlike the calibration study's, so their loneliness and unmet want start a little lower."""
    reference = str(runs["community.status_quo_policy"].iloc[0])
    surveys = survey_by_run(study_dir, by=ROW).merge(runs[[RUN_ID, POLICY]], on=RUN_ID)
    by_arrangement = {"status_quo": surveys[surveys[POLICY] == reference],
                      "no_cooperative": surveys[surveys[POLICY] == "no_cooperative"]}
    return compare(load_targets(str(runs["community.name"].iloc[0])), by_arrangement)


def figure_note(noise_runs: pd.DataFrame, draw_runs: pd.DataFrame, lang: str) -> str:
    """What the figure's two bars are: how many replicates and draws, and what the draws varied."""
    dreps = draw_runs[REPLICATE].nunique()
    return pick(WORDS["note"], lang).format(
        reps=noise_runs[REPLICATE].nunique(), draws=draw_runs[ROW].nunique(),
        varied=pick(WORDS["varied_both" if varies_register(draw_runs) else "varied_behaviour"], lang),
        dreps=pick(WORDS["replicate" if dreps == 1 else "replicates"], lang).format(n=dreps),
        years=f"{noise_runs['run.years'].iloc[0]:g}",
        place=pick(NAMES.get(noise_runs["community.name"].iloc[0], ("", "")), lang))


def write(posterior_dir: Path, noise_dir: Path) -> list[Path]:
    """main_uncertainty.csv, Markdown and the figure (English and Dutch) in <posterior study>/analysis."""
    noise_runs, _ = load_runs(noise_dir)
    draw_runs, _ = load_runs(posterior_dir)
    started, draw_runs = draw_runs[ROW].nunique(), complete_draws(draw_runs)
    if draw_runs[ROW].nunique() < started:
        print(f"Draws every option finished: {draw_runs[ROW].nunique()} of the {started} begun; the table uses those "
              "(resume the study for the rest)")
    order = sweep_values(posterior_dir).get("policy", [])  # the study's order of the options
    result = both(noise_runs, draw_runs).sort_values("policy", kind="stable", key=lambda p: p.map(
        {name: i for i, name in enumerate(order)})).reset_index(drop=True)
    out = posterior_dir / STUDY.analysis
    out.mkdir(exist_ok=True)
    write_text(out / "main_uncertainty.csv", result.to_csv(index=False))
    checked = targets_over_draws(posterior_dir, draw_runs)
    write_text(out / "targets_over_draws.csv", checked.to_csv(index=False))
    written = [out / "main_uncertainty.csv", out / "targets_over_draws.csv"]
    counts = headline(checked)
    print("Calibration targets over the draws, inside their band: " + ", ".join(
        f"{section} {inside} of {n}" for section, (inside, n) in counts.items() if n) + " (checks are inputs)")
    for lang in ("en", "nl"):
        write_text(out / f"main_uncertainty_{lang}.md", uncertainty_md(result, lang))
        note = figure_note(noise_runs, draw_runs, lang)
        name = f"main_uncertainty_{lang}"
        written += [out / f"{name}.md", *save(forest(result, note, lang), out / name)]
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.uncertainty", description=__doc__.splitlines()[0])
    parser.add_argument("posterior", type=Path, help="the study run over draws (study.design_row swept)")
    parser.add_argument("--noise", type=Path, required=True, help="the same study at today's defaults")
    args = parser.parse_args(argv)
    for path in write(args.posterior, args.noise):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
