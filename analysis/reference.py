"""`python -m analysis.reference [--check]`: the reference of outputs, docs/outputs_en.md and docs/outputs_nl.md,
generated from sim/schema.py: every file a run writes, every weekly column, run outcome and survey measure with its
label, unit and period, meaning and how it aggregates (over time within a run, over runs in the analysis), and the
tables the analysis writes. `--check` exits 1 when the pages differ from what the schema gives (a test runs it)."""

import argparse
import sys
from pathlib import Path

import pandas as pd

from results.files import FILES, STUDY
from sim.schema import OUTCOMES, PAYERS, PERIODS, SERIES, SURVEY, Output, label, meaning, unit

from .labels import pick
from .tables import YEARLY_PERIOD

DOCS = Path(__file__).resolve().parent.parent / "docs"
WORDS = {
    "title": ("Outputs reference", "Overzicht van de uitkomsten"),
    "intro": ("Generated from `sim/schema.py` by `python -m analysis.reference`; do not edit by hand. Every output "
              "is declared once there, with its unit and period, and every table, figure, report and page reads it "
              "from there. Units: a flow is counted {week} in `timeseries.parquet` and summed to years in the "
              "analysis's `yearly.csv`; a run outcome says whether it is {year}, {run} (after the warm-up), {mean}, "
              "{first} or {last}.",
              "Gemaakt uit `sim/schema.py` met `python -m analysis.reference`; niet met de hand bewerken. Elke "
              "uitkomst staat daar één keer, met eenheid en periode, en elke tabel, figuur, rapportage en pagina leest "
              "hem daar. Eenheden: een stroom wordt in `timeseries.parquet` {week} geteld en in `yearly.csv` van de "
              "analyse tot een jaar opgeteld; een run-uitkomst zegt of hij {year} is, {run} (na de inloop), {mean}, "
              "{first} of {last}."),
    "files": ("Files of a run", "Bestanden van een run"),
    "series": ("Weekly series (`timeseries.parquet`, one row per recorded week)",
               "Weekreeksen (`timeseries.parquet`, één rij per geregistreerde week)"),
    "outcomes": ("Run outcomes (`summary.json`, one value per run)", "Run-uitkomsten (`summary.json`, één waarde per "
                 "run)"),
    "survey": ("Yearly survey (`survey.parquet`, one row per recorded year; the calibration targets read it)",
               "Jaarlijkse enquête (`survey.parquet`, één rij per geregistreerd jaar; de kalibratiedoelen lezen hem)"),
    "payers": ("Payers", "Betalers"),
    "analysis": ("Tables of the analysis (`python -m analysis <study>` writes them to `<study>/analysis/`)",
                 "Tabellen van de analyse (`python -m analysis <studie>` schrijft ze naar `<studie>/analysis/`)"),
    "heads_series": (("column", "label", "unit", "over time", "meaning"),
                     ("kolom", "label", "eenheid", "over de tijd", "betekenis")),
    "heads_outcomes": (("outcome", "label", "unit and period", "computed from the weekly series", "meaning"),
                       ("uitkomst", "label", "eenheid en periode", "berekend uit de weekreeksen", "betekenis")),
    "heads_survey": (("measure", "label", "unit", "meaning"), ("maat", "label", "eenheid", "betekenis")),
    "heads_files": (("file", "what it holds"), ("bestand", "wat erin staat")),
    "heads_payers": (("payer", "label", "public money"), ("betaler", "label", "publiek geld")),
    "stock": ("a level: averaged over weeks (yearly.csv: mean of the year's weeks)",
              "een stand: gemiddeld over weken (yearly.csv: gemiddelde van de weken van het jaar)"),
    "flow": ("counted during the week: summed over weeks (yearly.csv: {year})",
             "geteld in de week: opgeteld over weken (yearly.csv: {year})"),
    "over_runs": ("Over runs (`summary.csv`, `differences.csv`): each outcome's mean over the replicates with its 95% "
                  "Student-t interval; differences between options are paired by replicate (common random numbers).",
                  "Over runs (`summary.csv`, `differences.csv`): het gemiddelde van elke uitkomst over de herhalingen "
                  "met het 95%-Student-t-interval; verschillen tussen opties zijn gepaard per herhaling "
                  "(gemeenschappelijke toevalsgetallen)."),
    "yes": ("yes", "ja"), "no": ("no", "nee"),
}
HOW = {  # how a run outcome is computed from its series (sim/outcomes.py)
    "mean": ("mean of `{s}` over the weeks", "gemiddelde van `{s}` over de weken"),
    "sum": ("sum of `{s}` over the run", "som van `{s}` over de run"),
    "per_year": ("sum of `{s}` / years", "som van `{s}` / jaren"),
    "first": ("`{s}` in the first week", "`{s}` in de eerste week"),
    "last": ("`{s}` in the last week", "`{s}` in de laatste week"),
    "ratio": ("sum of `{s}` / sum of `{p}`", "som van `{s}` / som van `{p}`"),
    "per_resident": ("sum of `{s}` / years / mean `{p}`", "som van `{s}` / jaren / gemiddelde `{p}`"),
    "per_1000_per_year": ("sum of `{s}` / mean `{p}` x 1,000 / years", "som van `{s}` / gemiddelde `{p}` x 1.000 / "
                          "jaren"),
}
FILE_TEXT = {  # a run's (and a study's) file -> (English, Dutch)
    FILES.timeseries: ("one row per recorded week: the weekly series below", "één rij per geregistreerde week: de "
                   "weekreeksen hieronder"),
    FILES.survey: ("one row per recorded year: the yearly survey below", "één rij per geregistreerd jaar: de "
                   "jaarlijkse enquête hieronder"),
    FILES.summary: ("the run outcomes below; cost items per payer, summed over the run; each survey measure's mean; "
                "seed, replicate, run seed, code version; and `units`: each value's unit and period (written last: "
                "its presence marks a finished run)", "de run-uitkomsten hieronder; kostenposten per betaler, "
                "opgeteld over de run; het gemiddelde van elke enquêtemaat; seed, herhaling, run-seed, codeversie; en "
                "`units`: eenheid en periode van elke waarde (als laatste geschreven: een afgeronde run heeft hem)"),
    FILES.config: ("every parameter of the run as it was resolved", "elke parameter van de run zoals hij gold"),
    FILES.failed: ("a run that raised: its overrides, the error and the traceback", "een run die faalde: de overrides, "
               "de fout en de traceback"),
    STUDY.sweep: ("in a study folder: the swept keys and fixed settings the runner launched", "in een studiemap: de "
               "gevarieerde sleutels en vaste instellingen die de runner startte"),
}
ANALYSIS = {  # analysis table -> (English, Dutch)
    "runs.csv": ("one row per run: its flattened config and run outcomes", "één rij per run: de platte config en de "
                 "run-uitkomsten"),
    "yearly.csv": ("per run and simulated year: levels averaged, flows summed to the year", "per run en gesimuleerd "
                   "jaar: standen gemiddeld, stromen opgeteld tot het jaar"),
    "summary.csv": ("per parameter point and outcome: n, mean, 95% interval", "per parameterpunt en uitkomst: n, "
                    "gemiddelde, 95%-interval"),
    "differences.csv": ("per option and outcome: the difference from the reference paired by replicate, its 95% "
                        "interval, the unpaired half-width and how many times narrower pairing made it",
                        "per optie en uitkomst: het verschil met de referentie, gepaard per herhaling, met 95%-"
                        "interval, de ongepaarde halve breedte en hoeveel keer smaller paren het maakte"),
    "timeseries_long.parquet": ("every run's weekly series, keyed by run_id", "de weekreeksen van elke run, per "
                                "run_id"),
}


def md_table(rows: list[list[str]], heads: tuple) -> str:
    return pd.DataFrame(rows, columns=list(heads)).to_markdown(index=False, disable_numparse=True) + "\n"


def over_time(out: Output, lang: str) -> str:
    if out.over_time == "sum":
        return pick(WORDS["flow"], lang).format(year=unit(out.name, lang, YEARLY_PERIOD) or PERIODS["year"][0])
    return pick(WORDS["stock"], lang)


def computed(out: Output, lang: str) -> str:
    return pick(HOW[out.how], lang).format(s=out.source, p=out.per)


def page(lang: str) -> str:
    """The whole reference in one language."""
    w = {key: pick(value, lang) for key, value in WORDS.items()}
    periods = {key: words[lang == "nl"] for key, words in PERIODS.items() if key}
    parts = [f"# {w['title']}\n", f"{w['intro'].format(**periods)}\n", f"## {w['files']}\n",
             md_table([[f"`{name}`", pick(text, lang)] for name, text in FILE_TEXT.items()],
                      w["heads_files"]),
             f"## {w['series']}\n",
             md_table([[f"`{o.name}`", label(o.name, lang, unit_shown=False), unit(o.name, lang), over_time(o, lang),
                        meaning(o.name, lang)] for o in SERIES], w["heads_series"]),
             f"## {w['outcomes']}\n",
             md_table([[f"`{o.name}`", label(o.name, lang, unit_shown=False), unit(o.name, lang), computed(o, lang),
                        meaning(o.name, lang)] for o in OUTCOMES], w["heads_outcomes"]),
             f"{w['over_runs']}\n", f"## {w['survey']}\n",
             md_table([[f"`{o.name}`", label(o.name, lang, unit_shown=False), unit(o.name, lang),
                        meaning(o.name, lang)] for o in SURVEY], w["heads_survey"]),
             f"## {w['payers']}\n",
             md_table([[f"`{p.name}`", pick((p.en, p.nl), lang), w["yes"] if p.public else w["no"]] for p in PAYERS],
                      w["heads_payers"]),
             f"## {w['analysis']}\n",
             md_table([[f"`{name}`", pick(text, lang)] for name, text in ANALYSIS.items()], w["heads_files"])]
    return "\n".join(parts)


def paths() -> dict[str, Path]:
    return {lang: DOCS / f"outputs_{lang}.md" for lang in ("en", "nl")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.reference", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the pages differ from the schema's")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    stale = [path for lang, path in paths().items() if not path.exists() or path.read_text() != page(lang)]
    if args.check:
        for path in stale:
            print(f"{path} is out of date: run python -m analysis.reference", file=sys.stderr)
        return 1 if stale else 0
    for lang, path in paths().items():
        path.write_text(page(lang))
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
