"""Model against the published statistics it must reproduce: the target table (data/calibration_targets.csv), each
run's yearly survey, and the comparison as a table (Markdown, CSV) and a figure, in English and Dutch."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from results.atomic import write_text
from results.columns import REPLICATE, RUN_ID
from results.runs import read_survey
from sim.schema import SURVEY_YEAR

from .labels import NAMES, kind_of, money, names, number, pick, unit_of
from .load import load_runs
from .style import OKABE_ITO, figure, finish, save

TARGETS = Path(__file__).resolve().parent.parent / "data" / "calibration_targets.csv"
VILLAGES = ("austerlitz", "hollandscheveld")  # villages of a few thousand (the requests target's population)
FIT_COMMUNITY = "austerlitz"  # the only community a fit reads (its fit rows); every other community validates
KINDS = ("input", "input-derived", "emergent")  # a parameter or imposed; arithmetic on inputs; what the model makes
ROLES = ("fit", "validation", "check")  # emergent rows a fit reads; emergent rows no fit reads; inputs (not scored)
WORDS = {
    "title_fit": ("{place} (fit community): emergent targets inside their band: {fit_in} of {fit_n} fitted, "
                  "{val_in} of {val_n} held out",
                  "{place} (fitgemeenschap): emergente doelen binnen de band: {fit_in} van {fit_n} gefit, "
                  "{val_in} van {val_n} achtergehouden"),
    "title_val": ("{place} (validation community, never fitted): {val_in} of {val_n} emergent targets inside "
                  "their band",
                  "{place} (validatiegemeenschap, nooit gefit): {val_in} van {val_n} emergente doelen binnen de band"),
    "fit": ("Fit: emergent targets the fit reads (in sample)",
            "Fit: emergente doelen die de fit leest (in de steekproef)"),
    "validation": ("Validation: emergent targets no fit reads", "Validatie: emergente doelen die geen fit leest"),
    "validation_all": ("Validation: every emergent target (no fit reads this community)",
                       "Validatie: elk emergent doel (geen fit leest deze gemeenschap)"),
    "check": ("Consistency checks: inputs and input-derived rows (not scored)",
              "Consistentiecontroles: invoer en daaruit afgeleide regels (niet gescoord)"),
    "of": ("{inside} of {n} inside their band", "{inside} van {n} binnen de band"),
    "ratio": ("model / reference (line: 1; bar: the band)", "model / referentie (lijn: 1; balk: de band)"),
    "inside": ("inside the band", "binnen de band"), "outside": ("outside the band", "buiten de band"),
    "shown": ("check (input; not scored)", "controle (invoer; niet gescoord)"),
    "input": ("input", "invoer"), "input-derived": ("input-derived", "afgeleid van invoer"),
    "fit_row": ("fitted at Austerlitz", "gefit in Austerlitz"),
    "summary": ("Calibration by community: emergent targets inside their band", "Kalibratie per gemeenschap: "
                "emergente doelen binnen de band"),
    "summary_columns": (("community", "fit (in sample)", "validation: held-out rows",
                         "validation: rows fitted at Austerlitz", "checks: inputs (not scored)", "runs"),
                        ("gemeenschap", "fit (in de steekproef)", "validatie: achtergehouden regels",
                         "validatie: regels gefit in Austerlitz", "controles: invoer (niet gescoord)", "runs")),
    "applies": ("Targets for some communities only: {rows}; every other target applies to every community.",
                "Doelen voor sommige gemeenschappen: {rows}; elk ander doel geldt voor elke gemeenschap."),
    "runs": ("{seeds} seeds x {years} years", "{seeds} seeds x {years} jaar"),
    "note": ("Each point: mean over {seeds} seeds of the yearly surveys over {years} years, with its standard "
             "deviation over seeds; rows marked (no cooperative) describe places without a care cooperative. "
             "Targets, their kind and role, and sources: data/calibration_targets.csv. Model {version}.",
             "Elk punt: gemiddelde over {seeds} seeds van de jaarlijkse enquêtes over {years} jaar, met de "
             "standaardafwijking over seeds; regels met (geen coöperatie) beschrijven plaatsen zonder zorgcoöperatie. "
             "Doelen, hun soort en rol, en bronnen: data/calibration_targets.csv. Model {version}."),
    "provenance": ("Only emergent targets are scored; inputs and what follows from them by arithmetic are shown as "
                   "consistency checks. {tuned} parameters were set by designed searches against these targets "
                   "(column tuned_on; sim/params.py, 'calibrated to'), {tuned_emergent} of them against emergent "
                   "ones: {emergent} emergent targets, {fit} of them read by a fit. Those searches scored every "
                   "Austerlitz row, held-out rows included: the split binds the history match and the searches "
                   "from now on, so at Austerlitz the held-out rows test only defaults that such a fit sets. The "
                   "searches on record (experiments/searches) ran in Austerlitz only.",
                   "Alleen emergente doelen worden gescoord; invoer en wat daar rekenkundig uit volgt staan erbij "
                   "als consistentiecontrole. {tuned} parameters zijn met ontworpen zoektochten op deze doelen "
                   "gezet (kolom tuned_on; sim/params.py, 'calibrated to'), {tuned_emergent} daarvan op emergente "
                   "doelen: {emergent} emergente doelen, waarvan een fit er {fit} leest. Die zoektochten scoorden "
                   "elke regel van Austerlitz, ook de achtergehouden: de splitsing bindt de history matching en de "
                   "zoektochten vanaf nu, dus in Austerlitz toetsen de achtergehouden regels alleen standaardwaarden "
                   "die zo'n fit zet. De vastgelegde zoektochten (experiments/searches) liepen alleen in Austerlitz."),
}
COLUMNS = {"en": ("target", "unit", "policy", "reference", "band", "model (mean ± sd)", "model / reference", "inside",
                  "parameters tuned on it"),
           "nl": ("doel", "eenheid", "beleid", "referentie", "band", "model (gem. ± sd)", "model / referentie",
                  "binnen", "parameters erop afgesteld")}


def load_targets(community: str, path: Path = TARGETS) -> pd.DataFrame:
    """The targets that apply to `community` (all, villages, or that community only), each with what it is scored
    as here: fit (a fit row at the fit community), validation (a held-out row, or any emergent row of a community
    no fit reads) or check (an input or input-derived row: shown, never scored)."""
    targets = pd.read_csv(path, keep_default_na=False)  # an empty tuned_on is no parameter, not NaN
    applies = (targets["communities"] == "all") | (targets["communities"] == community)
    applies |= (targets["communities"] == "villages") & (community in VILLAGES)
    targets = targets[applies].reset_index(drop=True)
    fitted = (targets["role"] == "fit") & (community == FIT_COMMUNITY)
    scored = np.where(targets["role"] == "check", "check", np.where(fitted, "fit", "validation"))
    return targets.assign(scored_as=scored)


def fit_targets(overrides: list[str] = ()) -> pd.DataFrame:
    """The only rows a fit (history match, designed search) may read: the fit rows of the fit community. Runs
    elsewhere would fit a validation community: refused (exit 2)."""
    moved = [o for o in overrides if o.split("=")[0].lstrip("+") == "community"]
    if moved:
        print(f"Invalid fit: {moved[0]}: a fit runs {FIT_COMMUNITY} only (analysis.calibration.FIT_COMMUNITY); "
              "other communities validate (python -m experiments calibrate)", file=sys.stderr)
        raise SystemExit(2)
    targets = load_targets(FIT_COMMUNITY)
    return targets[targets["scored_as"] == "fit"].reset_index(drop=True)


def tuned_on(targets: pd.DataFrame) -> pd.Series:
    """Per target, the parameters that designed searches set against it (the `tuned_on` column, ';'-separated)."""
    return targets["tuned_on"].map(lambda text: [p.strip() for p in text.split(";") if p.strip()])


def survey_by_run(study_dir: Path, by: str = REPLICATE) -> pd.DataFrame:
    """One row per finished run: its survey measures averaged over the recorded years, with its replicate (and the
    column `by`, e.g. the design row of a search)."""
    runs, _ = load_runs(study_dir)
    rows = []
    for run in runs.to_dict("records"):
        survey = read_survey(study_dir, run[RUN_ID])
        rows.append({RUN_ID: run[RUN_ID], "replicate": run[REPLICATE], by: run[by], "years": len(survey),
                     **survey.drop(columns=SURVEY_YEAR).mean().to_dict()})
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
    """Per target: the model's mean, sd and standard error over runs of the arrangement the row names, the ratio,
    inside the band or not, and a miss: the mean outside the band by more than its standard error."""
    rows = []
    for t in targets.itertuples(index=False):
        values = surveys[t.policy][t.measure].dropna()
        mean, sd = float(values.mean()), float(values.std(ddof=1)) if len(values) > 1 else float("nan")
        se = sd / np.sqrt(len(values))
        rows.append({**t._asdict(), "model_mean": mean, "model_sd": sd, "model_se": se, "seeds": len(values),
                     "ratio": mean / t.reference, "inside": bool(t.low <= mean <= t.high),
                     "miss": bool(mean + se < t.low or mean - se > t.high)})
    return pd.DataFrame(rows)


def headline(result: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Per section (fit, validation, check): (targets inside their band, targets)."""
    return {s: (int(result.loc[result["scored_as"] == s, "inside"].sum()), int((result["scored_as"] == s).sum()))
            for s in ROLES}


def fmt(value: float, reference: float, measure: str, lang: str) -> str:
    """A value of a survey measure as its kind in sim/schema.py reads: percentages (two decimals for small ones),
    money in euros, counts and hours as numbers (one decimal below 20)."""
    kind = kind_of(measure)
    if kind == "percent":
        return number(100 * value, 2 if reference < 0.02 else 1, lang) + "%"
    if kind == "money":
        return money(value, lang)
    return number(value, 0 if reference >= 20 else 1, lang)


def label(row, community: str, lang: str) -> str:
    """The target's name, with its kind for a check and, at a validation community, whether Austerlitz fitted it."""
    name = row.target if lang == "en" else row.target_nl
    if row.scored_as == "check":
        return f"{name} ({pick(WORDS[row.kind], lang)})"
    if row.role == "fit" and community != FIT_COMMUNITY:
        return f"{name} ({pick(WORDS['fit_row'], lang)})"
    return name


def targets_md(result: pd.DataFrame, community: str, lang: str) -> str:
    """One row per target: its unit from the schema, reference, band, the model's mean and sd, ratio, inside, and how
    many parameters were tuned on it."""
    def f(value, r):
        return fmt(value, r.reference, r.measure, lang)

    rows = [[label(r, community, lang), unit_of(r.measure, lang), r.policy, f(r.reference, r),
             f"{f(r.low, r)} – {f(r.high, r)}", f"{f(r.model_mean, r)} ± {f(r.model_sd, r)}",
             number(r.ratio, 2, lang), "✓" if r.inside else "✗", str(len(r.tuned)) if r.tuned else ""]
            for r in result.assign(tuned=tuned_on(result)).itertuples()]
    return pd.DataFrame(rows, columns=COLUMNS[lang]).to_markdown(index=False, disable_numparse=True) + "\n"


def section_title(section: str, community: str, lang: str) -> str:
    return pick(WORDS["validation_all" if section == "validation" and community != FIT_COMMUNITY else section], lang)


def title(result: pd.DataFrame, community: str, lang: str) -> str:
    place = pick(NAMES.get(community, (community, community)), lang)
    counts = headline(result)
    (fit_in, fit_n), (val_in, val_n) = counts["fit"], counts["validation"]
    key = "title_fit" if community == FIT_COMMUNITY else "title_val"
    return pick(WORDS[key], lang).format(place=place, fit_in=fit_in, fit_n=fit_n, val_in=val_in, val_n=val_n)


def provenance(targets: pd.DataFrame, lang: str) -> str:
    """How many parameters were tuned on the targets, against how many emergent targets (the whole table)."""
    emergent = targets["kind"] == "emergent"
    tuned = tuned_on(targets)
    every, on_emergent = set().union(*tuned), set().union(*tuned[emergent])
    return pick(WORDS["provenance"], lang).format(tuned=len(every), tuned_emergent=len(on_emergent),
                                                  emergent=int(emergent.sum()),
                                                  fit=int((targets["role"] == "fit").sum()))


def ratio_figure(result: pd.DataFrame, community: str, note: str, lang: str):
    """Each target's model / reference ratio with its band, by section (fit, validation, checks): a grey bar from
    low/ref to high/ref, the model's mean as a dot (blue inside the band, vermilion outside; hollow grey for a
    check, which is not scored) with its sd over seeds."""
    fig, axes = figure(1, 1)
    ax = axes[0, 0]
    parts = [(s, result[result["scored_as"] == s]) for s in ROLES if (result["scored_as"] == s).any()]
    top, ticks, names = 0.0, [], []
    for section, part in parts:
        y = top - 1 - np.arange(len(part))
        ax.text(0.005, top - 0.2, section_title(section, community, lang), transform=ax.get_yaxis_transform(),
                ha="left", va="center", fontsize=9, fontweight="bold", color="#333333")
        ax.barh(y, (part["high"] - part["low"]) / part["reference"], left=part["low"] / part["reference"],
                color="#DDDDDD", height=0.6)
        err = (part["model_sd"] / part["reference"]).fillna(0).to_numpy()
        ax.errorbar(part["ratio"], y, xerr=err, fmt="none", ecolor="#555555", lw=1, capsize=2)
        if section == "check":
            ax.scatter(part["ratio"], y, facecolors="none", edgecolors="#555555", s=40, zorder=3)
        else:
            colours = np.where(part["inside"], OKABE_ITO["blue"], OKABE_ITO["vermillion"])
            ax.scatter(part["ratio"], y, c=colours, s=40, zorder=3)
        ticks += list(y)
        names += [label(r, community, lang) for r in part.itertuples()]
        top = y[-1] - 1.2
    ax.axvline(1, color="black", lw=1)
    ax.set_yticks(ticks, names, fontsize=8)
    ax.set_ylim(top + 0.6, 0.3)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator([0.25, 0.5, 1, 2, 4]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, 2, lang).rstrip("0").rstrip(".,")))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(pick(WORDS["ratio"], lang))
    ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=pick(WORDS["inside"], lang)),
                       Patch(color=OKABE_ITO["vermillion"], label=pick(WORDS["outside"], lang)),
                       Patch(facecolor="none", edgecolor="#555555", label=pick(WORDS["shown"], lang))],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False, fontsize=9)
    finish(fig, title(result, community, lang), note)
    return fig


def write_report(result: pd.DataFrame, community: str, meta: dict, out: Path) -> list[Path]:
    """calibration_<community>.csv, and per language a Markdown report (fit, validation and checks apart) and the
    ratio figure (PNG, SVG)."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"calibration_{community}.csv"]
    write_text(written[0], result.assign(years=meta["years"]).to_csv(index=False))
    targets = pd.read_csv(TARGETS, keep_default_na=False)
    for lang in ("en", "nl"):
        note = pick(WORDS["note"], lang).format(**meta)
        parts = [f"# {title(result, community, lang)}", note, provenance(targets, lang)]
        for section in ROLES:
            part = result[result["scored_as"] == section]
            if len(part):
                count = pick(WORDS["of"], lang).format(inside=int(part["inside"].sum()), n=len(part))
                parts += [f"## {section_title(section, community, lang)}: {count}", targets_md(part, community, lang)]
        md = out / f"calibration_{community}_{lang}.md"
        write_text(md, "\n\n".join(parts))
        written += [md, *save(ratio_figure(result, community, note, lang), out / f"calibration_{community}_{lang}")]
    return written


def write_summary(out: Path) -> list[Path]:
    """calibration_summary_<lang>.md: for every community reported in `out`, the emergent targets inside their band,
    fit and validation apart, and the checks; which targets apply where."""
    counts = []
    for path in sorted(out.glob("calibration_*.csv")):
        result = pd.read_csv(path, keep_default_na=False)
        community = path.stem.removeprefix("calibration_")
        held_out = result[(result["role"] == "validation")]
        fitted_elsewhere = result[(result["role"] == "fit") & (result["scored_as"] == "validation")]
        counts.append((community, headline(result)["fit"], _of(held_out), _of(fitted_elsewhere),
                       headline(result)["check"], int(result["seeds"].max()), result["years"].iloc[0]))
    counts.sort(key=lambda c: c[0] != FIT_COMMUNITY)
    targets = pd.read_csv(TARGETS, keep_default_na=False)
    some = targets[targets["communities"] != "all"]
    written = []
    for lang in ("en", "nl"):
        rows = [[pick(NAMES.get(c, (c, c)), lang) + (" (fit)" if c == FIT_COMMUNITY else ""),
                 *(_count(x, lang) for x in (fit, held, elsewhere, check)),
                 pick(WORDS["runs"], lang).format(seeds=seeds, years=years)]
                for c, fit, held, elsewhere, check, seeds, years in counts]
        table = pd.DataFrame(rows, columns=pick(WORDS["summary_columns"], lang))
        applies = pick(WORDS["applies"], lang).format(rows="; ".join(
            f"{r.target if lang == 'en' else r.target_nl}: {where(r.communities, lang)}" for r in some.itertuples()))
        text = (f"# {pick(WORDS['summary'], lang)}\n\n{provenance(targets, lang)}\n\n{applies}\n\n"
                f"{table.to_markdown(index=False, disable_numparse=True)}\n")
        written.append(out / f"calibration_summary_{lang}.md")
        write_text(written[-1], text)
    return written


def where(communities: str, lang: str) -> str:
    """A row's `communities` in words: the villages by name, or the one community."""
    places = VILLAGES if communities == "villages" else (communities,)
    return names([pick(NAMES.get(c, (c, c)), lang) for c in places], lang)


def _of(part: pd.DataFrame) -> tuple[int, int]:
    return int(part["inside"].sum()), len(part)


def _count(inside_of: tuple[int, int], lang: str) -> str:
    inside, n = inside_of
    return pick(("{inside} of {n}", "{inside} van {n}"), lang).format(inside=inside, n=n) if n else "–"
