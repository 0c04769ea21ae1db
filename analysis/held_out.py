"""Held-out checks: the model against reported policy outcomes it was never tuned to (data/held_out_checks.csv), where
it produces a comparable quantity. Each check is a few paired differences between two policies with the sign the
report gives (or "no clear difference", where a trial found none); a difference agrees when its 95% interval lies on
the reported side, disagrees when it lies on the other, and is unclear otherwise. Written beside the main table as
held_out_<lang>.md; a check whose policies the study did not run is skipped."""

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from results.columns import POLICY, REPLICATE, RUN_ID
from sim.schema import PUBLIC_COST, PUBLIC_PAYERS

from .labels import NAMES, decimals_for, difference_text, outcome_label, pick
from .register import CHECKS
from .tables import interval

FIRST_YEAR_PUBLIC = "first_year_public_cost"  # the public payers' cost in the first simulated year
FIRST_YEAR_ADMISSIONS = "first_year_admissions"  # nursing-home admissions in the first simulated year
WLZ_BEYOND = "wlz_saving_beyond_wmo_zvw"  # the Wlz's saving minus what the Wmo and the Zvw spend more


@dataclass(frozen=True)
class Claim:
    b: str  # the policy compared ...
    a: str  # ... with this one (b minus a)
    measure: str  # a run outcome, or one of the derived measures above
    sign: int  # +1 higher, -1 lower, 0 no clear difference (what the report says)


CLAIMS = {  # a check's `check` key -> the claims that make it
    "pooled_wlz": (Claim("pooled_budget", "subsidy", "cost_wmo_eur_per_year", 1),
                   Claim("pooled_budget", "subsidy", "cost_zvw_eur_per_year", 1),
                   Claim("pooled_budget", "subsidy", "cost_wlz_eur_per_year", -1),
                   Claim("pooled_budget", "subsidy", WLZ_BEYOND, 1)),
    "lump_sum_lonely": (Claim("lump_sum", "subsidy", "mean_loneliness_65plus", -1),),
    "lump_sum_cost": (Claim("lump_sum", "subsidy", PUBLIC_COST, -1),),
    "pooled_first_year": (Claim("pooled_budget", "subsidy", FIRST_YEAR_ADMISSIONS, 0),
                          Claim("pooled_budget", "subsidy", FIRST_YEAR_PUBLIC, 1)),
    "cooperative": (Claim("subsidy", "no_cooperative", PUBLIC_COST, -1),
                    Claim("subsidy", "no_cooperative", "nursing_home_admissions_per_1000_65plus_per_year", -1),
                    Claim("subsidy", "no_cooperative", "mean_loneliness_65plus", -1)),
    "cooperative_unmet": (Claim("subsidy", "no_cooperative", "unmet_share", -1),
                          Claim("subsidy", "no_cooperative", "mean_hidden_need", -1)),
}
LABELS = {FIRST_YEAR_PUBLIC: ("public cost in the first year", "publieke kosten in het eerste jaar"),
          FIRST_YEAR_ADMISSIONS: ("nursing-home admissions in the first year", "opnames in het eerste jaar"),
          WLZ_BEYOND: ("Wlz saving beyond the Wmo's and Zvw's extra cost", "Wlz-besparing boven de extra kosten van "
                       "Wmo en Zvw")}
UNITS = {FIRST_YEAR_PUBLIC: PUBLIC_COST, FIRST_YEAR_ADMISSIONS: "nursing_home_admissions_total",
         WLZ_BEYOND: "cost_wlz_eur_per_year"}  # whose format a derived measure borrows
WORDS = {
    "title": ("Held-out checks: the model against reported policy outcomes (never tuned to them)",
              "Achtergehouden toetsen: het model tegen gemelde beleidsuitkomsten (er nooit op afgesteld)"),
    "intro": ("Each reported outcome (data/held_out_checks.csv, docs/policy_assumptions_{lang}.md) against the paired "
              "difference the model gives, with its 95% interval over {n} replicates. Agrees: the interval lies on the "
              "reported side (for 'no clear difference': it includes 0); disagrees: it lies on the other side; "
              "unclear: neither. These are analogues (another village, another comparison), not replications.",
              "Elke gemelde uitkomst (data/held_out_checks.csv, docs/policy_assumptions_{lang}.md) tegen het gepaarde "
              "verschil dat het model geeft, met het 95%-interval over {n} herhalingen. Klopt: het interval ligt aan "
              "de gemelde kant (bij 'geen duidelijk verschil': het bevat 0); klopt niet: het ligt aan de andere kant; "
              "onduidelijk: geen van beide. Het zijn analogieën (een ander dorp, een andere vergelijking), geen "
              "herhalingen."),
    "heads": (("check", "reported", "model: difference", "95% interval", "agrees?"),
              ("toets", "gemeld", "model: verschil", "95%-interval", "klopt?")),
    "agrees": ("agrees", "klopt"), "disagrees": ("disagrees", "klopt niet"), "unclear": ("unclear", "onduidelijk"),
    "higher": ("higher", "hoger"), "lower": ("lower", "lager"), "none": ("no clear difference", "geen duidelijk "
                                                                         "verschil"),
}


def measures(runs: pd.DataFrame, per_year: pd.DataFrame) -> pd.DataFrame:
    """The runs table with the derived measures the claims read."""
    costs = [f"cost_{p}_eur" for p in PUBLIC_PAYERS]
    if {"year", RUN_ID, "nursing_home_admissions", *costs} <= set(per_year.columns):  # else no first-year claim
        first = per_year[per_year["year"] == 1].set_index(RUN_ID)
        runs = runs.assign(**{FIRST_YEAR_PUBLIC: runs[RUN_ID].map(first[costs].sum(axis=1)),
                              FIRST_YEAR_ADMISSIONS: runs[RUN_ID].map(first["nursing_home_admissions"])})
    return runs.assign(**{WLZ_BEYOND: -runs["cost_wlz_eur_per_year"] - runs["cost_wmo_eur_per_year"]
                          - runs["cost_zvw_eur_per_year"]})


def judge(runs: pd.DataFrame, claim: Claim) -> dict | None:
    """The paired difference b minus a in the claim's measure, with its interval and verdict (None: not run, or the
    runs do not record the measure)."""
    if claim.measure not in runs or POLICY not in runs:
        return None
    wide = runs[runs[POLICY].isin([claim.a, claim.b])].pivot_table(index=REPLICATE, columns=POLICY,
                                                                    values=claim.measure)
    if claim.a not in wide or claim.b not in wide:
        return None
    n, mean, low, high = interval((wide[claim.b] - wide[claim.a]).dropna().to_numpy())
    side = 1 if low > 0 else -1 if high < 0 else 0
    verdict = ("agrees" if side == 0 else "disagrees") if claim.sign == 0 else \
        "agrees" if side == claim.sign else "disagrees" if side == -claim.sign else "unclear"
    return {"n": n, "mean": mean, "ci_low": low, "ci_high": high, "verdict": verdict}


def evaluate(runs: pd.DataFrame, per_year: pd.DataFrame) -> pd.DataFrame:
    """One row per claim of every check the runs can answer."""
    table = measures(runs, per_year)
    with open(CHECKS, newline="") as f:
        checks = list(csv.DictReader(f))
    rows = []
    for check in checks:
        for claim in CLAIMS.get(check["check"], ()):
            found = judge(table, claim)
            if found:
                rows.append({"id": check["id"], "b": claim.b, "a": claim.a, "measure": claim.measure,
                             "reported_sign": claim.sign, **found})
    return pd.DataFrame(rows)


def label(measure: str, lang: str) -> str:
    if measure in LABELS:
        return pick(LABELS[measure], lang)
    text = outcome_label(measure, lang, unit=False)
    return text[:1].lower() + text[1:]


def claims_md(result: pd.DataFrame, lang: str) -> str:
    rows = []
    for r in result.itertuples():
        unit = UNITS.get(r.measure, r.measure)
        sign = pick(WORDS["higher" if r.reported_sign > 0 else "lower" if r.reported_sign < 0 else "none"], lang)
        what = f"{pick(NAMES[r.b], lang)} − {pick(NAMES[r.a], lang)}: {label(r.measure, lang)}"
        places = decimals_for(unit, (r.ci_high - r.ci_low) / 2)
        span = f"{difference_text(unit, r.ci_low, lang, decimals=places)} … " \
               f"{difference_text(unit, r.ci_high, lang, decimals=places)}" if np.isfinite(r.ci_low) else "–"
        value = difference_text(unit, r.mean, lang, unit=r.measure not in LABELS, decimals=places)
        rows.append([r.id, f"{what}: {sign}", value, span,
                     pick(WORDS[r.verdict], lang)])
    frame = pd.DataFrame(rows, columns=list(pick(WORDS["heads"], lang)))
    intro = pick(WORDS["intro"], lang).format(lang=lang, n=int(result["n"].min()))
    return f"# {pick(WORDS['title'], lang)}\n\n{intro}\n\n{frame.to_markdown(index=False, disable_numparse=True)}\n"


def write(runs: pd.DataFrame, per_year: pd.DataFrame, out: Path, langs) -> list[Path]:
    """held_out.csv and held_out_<lang>.md, when the runs answer any check."""
    result = evaluate(runs, per_year)
    if result.empty:
        return []
    result.to_csv(out / "held_out.csv", index=False)
    written = [out / "held_out.csv"]
    for lang in langs:
        (out / f"held_out_{lang}.md").write_text(claims_md(result, lang))
        written.append(out / f"held_out_{lang}.md")
    return written
