"""A one-page brief of a what-if, in English or Dutch: one self-contained HTML file (the figure embedded; nothing to
fetch, so it reads offline) with the finding, the numbers, how the two options differ in the model and the
parameters the difference runs through, what the numbers do not cover, and the command that reproduces it.

A brief is the SECTIONS, in order, each a function of the Brief that returns HTML ('' when it has nothing to say).
After the numbers come the explained differences (analysis/explained.py: how much of each difference each mechanism
carries, when the what-if ran with `--explain`), then the parameters the difference runs through."""

import base64
import html
import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from results.columns import CODE_VERSION, POLICY, REPLICATE, RUN_ID
from results.files import FILES
from results.runs import read_sweep
from sim.cautions import declared, run_cautions
from sim.configs import CONFIG_DIR, to_config
from sim.parameters import describe
from sim.params import Config

from . import findings
from .explained import part_label
from .labels import (
    NAMES,
    decimals_for,
    difference_text,
    difference_unit,
    kind_of,
    names,
    outcome_label,
    pick,
    unit_of,
    value_text,
)
from .whatif import Comparison, compare, untitled_png
from .whatif import write as figure_of

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "data" / "calibration_targets.csv"
CALIBRATED = ROOT / "docs" / "calibration"  # a calibration_<community>.csv per community with a report
T = {  # (English, Dutch)
    "question_policy": ("What if {place} were funded by {b} instead of {a}?",
                        "Wat als {place} gefinancierd werd met {b} in plaats van {a}?"),
    "question": ("What if {place} had {b} instead of {a}?", "Wat als {place} {b} had in plaats van {a}?"),
    "numbers": ("The numbers", "De cijfers"),
    "heads": (("", "{a}", "{b}", "{b} − {a} (95% interval)", "the runs show"),
              ("", "{a}", "{b}", "{b} − {a} (95%-interval)", "de runs tonen")),
    "verdict": {"higher": ("clearly higher", "duidelijk hoger"), "lower": ("clearly lower", "duidelijk lager"),
                "unclear": ("no clear difference", "geen duidelijk verschil"),
                "same": ("the same in every run", "gelijk in elke run")},
    "numbers_note": ("Means over {n} replicates per option; each replicate runs both options on the same random draws "
                     "(common random numbers), so the difference is paired and its interval is that of the pairs. A "
                     "difference counts only when its interval excludes zero.",
                     "Gemiddelden over {n} herhalingen per optie; elke herhaling draait beide opties op dezelfde "
                     "toevalstrekkingen, dus het verschil is gepaard en het interval is dat van de paren. Een verschil "
                     "telt alleen als het interval nul uitsluit."),
    "options": ("The two options in the model", "De twee opties in het model"),
    "warmup": ("Every run first settles for {w:g} years under {place}'s current arrangement ({sq}), unrecorded; then "
               "each option runs for {years:g} years from the same state.",
               "Elke run draait eerst {w:g} jaar ongeregistreerd onder de huidige regeling van {place} ({sq}); daarna "
               "draait elke optie {years:g} jaar vanuit dezelfde toestand."),
    "carried": ("What the difference runs through", "Waar het verschil doorheen loopt"),
    "carried_note": ("The parameters of sim/params.py through which the two options act differently, with the "
                     "values these runs used, each an assumption with its plausible range or with its source.",
                     "De parameters in sim/params.py waarlangs de twee opties verschillend werken, met de waarden van "
                     "deze runs, elk een aanname met aannemelijk bereik of met zijn bron (in het Engels)."),
    "why": ("Why they differ: the mechanisms", "Waarom ze verschillen: de mechanismen"),
    "why_note": ("Each mechanism of the two options switched off in turn on the same seeds: its part is the run with "
                 "it minus the run without it (a mechanism of {a} counts with the opposite sign); the interaction is "
                 "what the parts leave of the whole difference. Mean and paired 95% interval; bold: it excludes zero.",
                 "Elk mechanisme van de twee opties om de beurt uitgezet met dezelfde toevalsgetallen: zijn deel is de "
                 "run met het mechanisme min de run zonder (een mechanisme van {a} telt met omgekeerd teken); de "
                 "wisselwerking is wat de delen van het hele verschil overlaten. Gemiddelde en gepaard 95%-interval; "
                 "vet: het sluit nul uit."),
    "not_explained": ("How much of each difference each mechanism carries is not computed for these runs: run "
                      "the what-if again with <code>--explain</code> (each mechanism of the two options switched off "
                      "in turn, one more run per mechanism and replicate).",
                      "Hoeveel van elk verschil elk mechanisme draagt is voor deze runs niet berekend: draai de "
                      "what-if opnieuw met <code>--explain</code> (elk mechanisme van de twee opties om de beurt "
                      "uitgezet, één run extra per mechanisme en herhaling)."),
    "through": ("Acting under {who} only:", "Werkt alleen bij {who}:"),
    "assumed": ("assumption (plausible {lo:g}–{hi:g})", "aanname (aannemelijk {lo:g}–{hi:g})"),
    "limits": ("What these numbers do not cover", "Wat deze cijfers niet dekken"),
    "noise": ("The intervals cover the noise between replicates only, not what we do not know about the model's "
              "assumptions ({n} parameters are marked as assumptions in sim/params.py); "
              "<code>python -m experiments run funding_uncertainty</code> and <code>python -m experiments sensitivity"
              "</code> measure what they add.",
              "De intervallen dekken alleen de ruis tussen herhalingen, niet wat we niet weten over de aannames van "
              "het model ({n} parameters staan als aanname in sim/params.py); <code>python -m experiments run "
              "funding_uncertainty</code> en <code>python -m experiments sensitivity</code> meten wat die toevoegen."),
    "calibrated": ("The model is checked against {n} published Dutch statistics in {places} "
                   "(docs/calibration/); {place} has {what}.",
                   "Het model is getoetst aan {n} gepubliceerde Nederlandse statistieken in {places} "
                   "(docs/calibration/); {place} heeft {what}."),
    "own_report": ("a report of its own there", "daar een eigen rapport"),
    "no_report": ("no calibration report of its own: it is a preset from the field reports",
                  "geen eigen kalibratierapport: het is een voorinstelling uit de praktijkverslagen"),
    "warnings": ("Warnings before these runs:", "Waarschuwingen vóór deze runs:"),
    "reproduce": ("Reproduce", "Opnieuw maken"),
    "made": ("Made on {day} with model {version}; the runs are in <code>{folder}</code>.",
             "Gemaakt op {day} met model {version}; de runs staan in <code>{folder}</code>."),
    "both": ("both", "beide"),
}
CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:190mm;margin:6mm auto;
color:#111;font-size:9.5pt;line-height:1.3}h1{font-size:15pt;margin:0 0 1mm}h2{font-size:11pt;margin:3mm 0 1mm;
border-bottom:1px solid #ccc}p.finding{font-size:11.5pt;font-weight:600;margin:1mm 0}p,ul{margin:1mm 0}
img{width:100%;display:block;margin:0 auto}table{border-collapse:collapse;width:100%;font-size:8pt}
td,th{border-bottom:1px solid #e3e3e3;padding:0 4px;text-align:left;vertical-align:top}
td.n,td:first-child{text-align:right;white-space:nowrap}td:first-child{text-align:left}p.small,li{font-size:8pt}small{color:#555}
ul.cols{columns:2;column-gap:6mm;padding-left:4mm}ul.cols li{break-inside:avoid}
code{font-size:8pt;background:#f3f3f3;padding:0 2px}@page{size:A4;margin:8mm}"""


@dataclass
class Brief:
    """What a brief says, in one language."""

    c: Comparison
    lang: str
    place: str
    title: str  # the figure's title: what survives
    png: bytes
    command: str
    version: str
    folder: Path
    cautions: list[str] = field(default_factory=list)
    parts: pd.DataFrame | None = None  # the explained differences (analysis/explained.py), if the what-if ran them

    def t(self, key: str, **values) -> str:
        return pick(T[key], self.lang).format(**values) if values else pick(T[key], self.lang)

    @property
    def a(self) -> str:
        return self.c.label(self.c.a, self.lang)

    @property
    def b(self) -> str:
        return self.c.label(self.c.b, self.lang)

    def setting(self, key: str):
        """A setting of the runs (a config column of the runs table), as one value or per option when it differs."""
        values = self.c.runs.groupby(self.c.factor.column)[key].first() if key in self.c.runs else pd.Series()
        return values.iloc[0] if values.nunique() == 1 else values.to_dict()


def head(b: Brief) -> str:
    key = "question_policy" if b.c.factor.column == POLICY else "question"
    image = base64.b64encode(b.png).decode()
    return (f"<h1>{html.escape(b.t(key, place=b.place, a=b.a, b=b.b))}</h1>\n"
            f"<p class=finding>{html.escape(b.title)}</p>\n"
            f"<img alt='{html.escape(b.title)}' src='data:image/png;base64,{image}'>")


def numbers(b: Brief) -> str:
    heads = [h.format(a=b.a, b=b.b) for h in pick(T["heads"], b.lang)]
    rows = []
    for r in b.c.table.itertuples(index=False):
        unit = html.escape(difference_unit(r.measure, b.lang) if kind_of(r.measure) == "percent" else
                           unit_of(r.measure, b.lang))
        what = f"{html.escape(outcome_label(r.measure, b.lang, unit=False))}<br><small>{unit}</small>"
        places = decimals_for(r.measure, (r.ci_high - r.ci_low) / 2)
        diff = " ".join([difference_text(r.measure, r.mean, b.lang, decimals=places), "(" + " … ".join(
            difference_text(r.measure, v, b.lang, decimals=places) for v in (r.ci_low, r.ci_high)) + ")"])
        cells = [value_text(r.measure, r.mean_a, b.lang), value_text(r.measure, r.mean_b, b.lang), diff,
                 pick(T["verdict"][r.verdict], b.lang)]
        strong = r.verdict in ("higher", "lower")
        rows.append(f"<tr><td>{what}</td>" + "".join(f"<td class=n>{'<b>' * strong * (i == 3)}{html.escape(str(x))}"
                                                     f"{'</b>' * strong * (i == 3)}</td>" for i, x in enumerate(cells))
                    + "</tr>")
    note = html.escape(b.t("numbers_note", n=int(b.c.table["n"].min())))
    heads = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    return f"<h2>{b.t('numbers')}</h2>\n<table><tr>{heads}</tr>\n" + "\n".join(rows) + \
        f"</table>\n<p class=small>{note}</p>"


def why(b: Brief) -> str:
    """The explained differences: each headline outcome's difference taken apart by mechanism, with intervals, and
    what they show in words; or how to get them."""
    if b.c.factor.column != POLICY:
        return ""
    if b.parts is None or b.parts.empty:
        return f"<h2>{b.t('why')}</h2>\n<p class=small>{b.t('not_explained')}</p>"
    part = b.parts[b.parts["policy"] == b.c.b]
    outcomes = list(dict.fromkeys(part["outcome"]))
    heads = "".join(f"<th>{html.escape(outcome_label(o, b.lang, unit=False))}<br><small>"
                    f"{html.escape(difference_unit(o, b.lang))}</small></th>" for o in outcomes)
    rows = []
    for _, frame in part.groupby(["owner", "part"], sort=False):
        by = frame.set_index("outcome")
        cells = "".join(_part_cell(o, by.loc[o], b.lang) for o in outcomes)
        rows.append(f"<tr><td>{html.escape(part_label(frame.iloc[0], b.lang))}</td>{cells}</tr>")
    said = "".join(f"<li>{html.escape(findings.explained(part, o, part_label, b.lang))}</li>" for o in outcomes)
    return (f"<h2>{b.t('why')}</h2>\n<table><tr><th></th>{heads}</tr>\n" + "\n".join(rows) + "</table>\n"
            f"<p class=small>{html.escape(b.t('why_note', a=b.a))}</p>\n<ul>{said}</ul>")


def _part_cell(outcome: str, r, lang: str) -> str:
    text = difference_text(outcome, r["mean"], lang)
    span = "(" + " … ".join(difference_text(outcome, v, lang) for v in (r["ci_low"], r["ci_high"])) + ")"
    strong = r["verdict"] in ("higher", "lower")
    text = f"{'<b>' * strong}{html.escape(text)}{'</b>' * strong}"
    return f"<td class=n>{text}<br><small>{html.escape(span)}</small></td>"


def described(group: str, option: str, lang: str) -> str:
    """An option's description: the header comment of configs/<group>/<option>.yaml ('# NL:' lines in Dutch)."""
    path = CONFIG_DIR / group / f"{option}.yaml"
    lines = [line[1:].strip() for line in path.read_text().splitlines() if line.startswith("#")] if path.exists() \
        else []
    dutch = [line.removeprefix("NL:").strip() for line in lines if line.startswith("NL:")]
    return " ".join(dutch if lang == "nl" and dutch else [line for line in lines if not line.startswith("NL:")])


def options(b: Brief) -> str:
    group = b.c.factor.column.removesuffix(".name")
    items = "".join(f"<li><b>{html.escape(b.c.label(o, b.lang))}</b>: {html.escape(described(group, o, b.lang))}"
                    "</li>" for o in (b.c.a, b.c.b))
    quo = b.setting("community.status_quo_policy")
    warm = b.t("warmup", w=float(b.setting("run.warmup_years")), place=b.place, years=float(b.setting("run.years")),
               sq=pick(NAMES.get(str(quo), (str(quo), str(quo))), b.lang))
    return f"<h2>{b.t('options')}</h2>\n<ul>{items}</ul>\n<p class=small>{html.escape(warm)}</p>"


def carried(b: Brief) -> str:
    """The parameters through which one option acts and the other does not (their `acts` declarations in
    sim/params.py), and any setting that differs between the two, with these runs' values: an assumption with its
    plausible range, else the source params.py gives."""
    options, acting = {str(b.c.a), str(b.c.b)}, declared(Config())
    groups: dict[str, list[str]] = {}
    for p in describe():
        under = set(acting.get(p.key, {}).get("policies", ())) & options if b.c.factor.column == POLICY \
            else set()
        differs = isinstance(b.setting(p.key), dict) and p.key != b.c.factor.column
        if len(under) != 1 and not differs:
            continue
        value = b.setting(p.key)
        shown = ", ".join(f"{k}: {v}" for k, v in value.items()) if differs else f"{value:g}" \
            if isinstance(value, float | int) else str(value)
        why = b.t("assumed", lo=p.assumed[0], hi=p.assumed[1]) if p.assumed else source(p.meaning)
        who = pick(NAMES.get(min(under), (min(under),) * 2), b.lang) if under else b.t("both")
        groups.setdefault(who, []).append(f"<li><code>{p.key}</code> = {html.escape(f'{shown} {p.unit}'.strip())}: "
                                          f"{html.escape(why)}</li>")
    lists = "".join(f"<p class=small><b>{html.escape(b.t('through', who=who))}</b></p><ul class=cols>{''.join(items)}"
                    "</ul>" for who, items in groups.items())
    return f"<h2>{b.t('carried')}</h2>\n<p class=small>{html.escape(b.t('carried_note'))}</p>\n{lists}"


def source(meaning: str) -> str:
    """The source a parameter's comment names in its last brackets ('Wmo 2015 art. 2.3.2'), else the comment."""
    found = re.findall(r"\(([^()]+)\)", meaning)
    return found[-1] if found else meaning


def limits(b: Brief) -> str:
    assumptions = sum(1 for p in describe() if p.assumed)
    community = str(b.setting("community.name"))
    reports = sorted(p.stem.removeprefix("calibration_") for p in CALIBRATED.glob("calibration_*.csv"))
    places = names([pick(NAMES.get(r, (r, r)), b.lang) for r in reports], b.lang)
    what = b.t("own_report") if community in reports else b.t("no_report")
    items = [b.t("noise", n=assumptions), html.escape(b.t("calibrated", n=len(pd.read_csv(TARGETS)), places=places,
                                                          place=b.place, what=what))]
    if b.cautions:
        items.append(html.escape(b.t("warnings")) + "<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in b.cautions)
                     + "</ul>")
    return f"<h2>{b.t('limits')}</h2>\n<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def reproduce(b: Brief) -> str:
    made = b.t("made", day=date.today().isoformat(), version=html.escape(b.version), folder=html.escape(str(b.folder)))
    return f"<h2>{b.t('reproduce')}</h2>\n<p><code>{html.escape(b.command)}</code></p>\n<p class=small>{made}</p>"


SECTIONS = (head, numbers, why, options, carried, limits, reproduce)


def render(b: Brief) -> str:
    body = "\n".join(part for part in (section(b) for section in SECTIONS) if part)
    return (f"<!DOCTYPE html>\n<html lang={b.lang}><head><meta charset=utf-8><title>{html.escape(b.title)}</title>"
            f"<style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


def is_whatif(runs: pd.DataFrame, factors: list) -> bool:
    """A what-if study: the whatif study's runs, two options of one setting."""
    return (len(factors) == 1 and len(factors[0].levels) == 2 and "study.name" in runs
            and set(runs["study.name"]) == {"whatif"})


def command(study: Path, lang: str) -> str:
    """The command that makes this study and its brief again, from the design the runner saved (study.yaml)."""
    design = read_sweep(study)
    given = [o for o in design.get("cli", []) if not o.startswith(("run.replicate=", "run.years="))]
    replicates = len(design.get("sweeps", {}).get(REPLICATE, [])) or None
    years = next((o.split("=", 1)[1] for o in design.get("cli", []) if o.startswith("run.years=")), None)
    options = [*(["--replicates", str(replicates)] if replicates else []), *(["--years", years] if years else [])]
    options += ["--explain"] if design.get("extra") else []
    return shlex.join(["python", "-m", "experiments", "whatif", *given, *options, "--lang", lang])


def cautions(study: Path, runs: pd.DataFrame, factor) -> list[str]:
    """What sim/cautions.py says of one run of each option (events after the end, settings that cannot act)."""
    found = []
    for run_id in runs.groupby(factor.column)[RUN_ID].first():
        cfg = to_config(OmegaConf.merge(OmegaConf.structured(Config),
                                        OmegaConf.load(Path(study) / run_id / FILES.config)))
        found += [line for line in run_cautions(cfg) if line not in found]
    return found


def write(study: Path, runs: pd.DataFrame, factor, context: str, out: Path, lang: str,
          parts: pd.DataFrame | None = None) -> list[Path]:
    """The what-if figure (whatif_<lang>.png/.svg) and the brief (brief_<lang>.html) in one language."""
    c = compare(runs, factor)
    place = ", ".join(pick(NAMES.get(n, (n, n)), lang) for n in runs["community.name"].unique())
    paths, title = figure_of(c, context, place, lang, out)
    brief = Brief(c, lang, place, title, untitled_png(c, lang), command(study, lang),
                  ", ".join(map(str, runs[CODE_VERSION].unique())), Path(study).resolve(),
                  cautions(study, runs, factor), parts)
    (out / f"brief_{lang}.html").write_text(render(brief))
    return [*paths, out / f"brief_{lang}.html"]
