"""Words and number formats for tables and figures, in English and Dutch (`--lang en|nl`). Outputs and payers
are labelled in sim/schema.py; option names, swept settings and the figures' own words are here."""

import math

import numpy as np

from results.columns import POLICY
from sim.schema import BY_NAME, payer
from sim.schema import label as schema_label
from sim.schema import unit as schema_unit

NAMES = {  # option names: policies, scenarios, communities
    "no_cooperative": ("no cooperative", "geen coöperatie"),
    "subsidy": ("structural subsidy", "structurele subsidie"),
    "lump_sum": ("lump-sum budget", "lumpsumbudget"),
    "tendering": ("tendering", "aanbesteding"),
    "project_grant": ("project grant", "projectsubsidie"),
    "pooled_budget": ("pooled budget", "ontschot budget"),
    "baseline": ("today's trends", "huidige trends"),
    "faster_ageing": ("faster ageing", "snellere vergrijzing"),
    "funding_cut": ("funding cut", "bezuiniging"),
    "fading_support": ("fading support", "afnemende steun"),
    "scarce_volunteers": ("scarce volunteers", "schaarse vrijwilligers"),
    "high_turnover": ("high staff turnover", "hoog personeelsverloop"),
    "high_shyness": ("more shyness", "meer vraagverlegenheid"),
    "austerlitz": ("Austerlitz", "Austerlitz"),
    "hollandscheveld": ("Hollandscheveld", "Hollandscheveld"),
    "apeldoorn_zuid": ("Apeldoorn-Zuid", "Apeldoorn-Zuid"),
    "ruwaard": ("Ruwaard (Oss)", "Ruwaard (Oss)"),
    "tiny": ("a small test village", "een klein testdorp"),
}
# swept setting -> (English, Dutch, English level template, Dutch level template, kind)
PARAMETERS = {
    POLICY: ("Funding", "Financiering", "{v}", "{v}", "name"),
    "scenario.name": ("Scenario", "Scenario", "{v}", "{v}", "name"),
    "community.name": ("Community", "Gemeenschap", "{v}", "{v}", "name"),
    "scenario.cut_share": ("Cut in the Wmo budget", "Bezuiniging op het Wmo-budget", "{v} cut", "{v} bezuiniging",
                           "percent"),
    "scenario.cut_year": ("Year of the cut", "Jaar van de bezuiniging", "cut in year {v}", "bezuiniging in jaar {v}",
                          "number"),
    "scenario.shyness_shift": ("Change in help-seeking shyness", "Verandering in vraagverlegenheid", "shyness {v}",
                               "verlegenheid {v}", "signed"),
    "outreach.supporter_share": ("Supporter's hours spent on home visits", "Uren dorpsondersteuner voor huisbezoek",
                            "{v} on visits", "{v} huisbezoek", "percent"),
    "volunteers.capacity_hours": ("Hours a volunteer can give per week", "Uren per week die een vrijwilliger kan geven",
                                  "{v} h/week", "{v} uur/week", "number"),
    "scenario.volunteer_supply_multiplier": ("New volunteers, times today's number", "Nieuwe vrijwilligers, keer het "
                                             "huidige aantal", "{v}x new volunteers", "{v}x nieuwe vrijwilligers",
                                             "number"),
    "policy.grant_renewal_prob": ("Chance a grant is renewed", "Kans dat de subsidie wordt verlengd",
                                  "{v} renewal chance", "{v} kans op verlenging", "percent"),
    "policy.grant_years": ("Grant term", "Looptijd subsidie", "{v}-year grants", "subsidie van {v} jaar", "number"),
}
WORDS = {
    "year": ("Year", "Jaar"), "points": ("percentage points", "procentpunt"),
    "difference": ("Difference from {ref}", "Verschil met {ref}"),
    "pays_more": ("pays more →", "betaalt meer →"), "saves": ("← saves", "← bespaart"),
    "cost_by_payer": ("Cost by payer", "Kosten per betaler"),
    "who_pays_diff": ("Who pays more, who saves (vs {ref})", "Wie betaalt meer, wie bespaart (t.o.v. {ref})"),
    "reference": ("(reference)", "(referentie)"),
    "mean_ci": ("mean ± half-width of the 95% confidence interval",
                "gemiddelde ± halve breedte 95%-betrouwbaarheidsinterval"),
}


def pick(pair: tuple, lang: str) -> str:
    return pair[1] if lang == "nl" else pair[0]


def number(value: float, decimals: int, lang: str) -> str:
    """1,234.5 in English, 1.234,5 in Dutch."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def money(value: float, lang: str) -> str:
    """EUR 1.25 million / EUR 340,000 (€ 1,25 miljoen / € 340.000 in Dutch)."""
    sign = "-" if value < 0 else ""
    if abs(value) >= 1e6:
        amount = number(abs(value) / 1e6, 2, lang) + (" miljoen" if lang == "nl" else " million")
    else:
        amount = number(round(abs(value), -3 if abs(value) >= 1e4 else 0), 0, lang)
    return f"{sign}€ {amount}" if lang == "nl" else f"{sign}EUR {amount}"


def outcome_label(key: str, lang: str, unit: bool = True, period: str | None = None) -> str:
    """An output's label with its unit and period from sim/schema.py; `period="year"` for flows summed to years."""
    return schema_label(key, lang, unit, period) if key in BY_NAME else key


def unit_of(key: str, lang: str, period: str | None = None, thousands: bool = False) -> str:
    """An output's unit and period from sim/schema.py ('EUR per year', 'people, mean over the weeks')."""
    return schema_unit(key, lang, period, thousands) if key in BY_NAME else ""


def kind_of(key: str) -> str:
    """How an output's values are written: money, percent, share, decimal or number (sim/schema.py)."""
    return BY_NAME[key].kind if key in BY_NAME else "number"


def payer_label(name: str, lang: str) -> str:
    p = payer(name)
    return pick((p.en, p.nl), lang)


def value_text(key: str, value: float, lang: str, unit: bool = False, period: str | None = None) -> str:
    """A value of an outcome, formatted the way its kind reads best (money, %, people, ...); `unit` appends its unit
    and period from the schema (money and percentages say theirs by their sign, except money's period)."""
    kind = kind_of(key)
    if kind == "money":
        words = unit_of(key, lang, period).split(" ", 1)[1:] if unit else []  # 'per year' of 'EUR per year'
        return " ".join([money(value, lang), *words])
    if kind == "percent":
        return number(100 * value, 1, lang) + "%"
    text = number(value, {"number": 0, "decimal": 1, "share": 2}[kind], lang)
    if not unit or kind == "share" or key not in BY_NAME:
        return text
    return f"{text} {unit_of(key, lang, period)}".rstrip()


def difference_text(key: str, value: float, lang: str, unit: bool = False, decimals: int | None = None) -> str:
    """A signed difference of an outcome: '+EUR 6,000 per year', '-3 people', '+0.4 percentage points' (a
    difference of two percentages is in points, not per cent); `decimals` for differences finer than the kind's."""
    sign = "+" if value > 0 else ""
    if kind_of(key) == "percent":
        text = sign + number(100 * value, 1 if decimals is None else decimals, lang)
        return f"{text} {pick(WORDS['points'], lang)}" if unit else text
    if decimals is not None and kind_of(key) != "money":
        text = sign + number(value, decimals, lang)
        return f"{text} {unit_of(key, lang)}".rstrip() if unit and kind_of(key) != "share" else text
    text = value_text(key, value, lang, unit)
    return text if text.startswith("-") else sign + text


def decimals_for(key: str, half_width: float, digits: int = 2) -> int | None:
    """Decimals that show an interval of this half-width (or a value this far from zero) with `digits` significant
    digits, when the kind's own are too few (None: the kind's own suffice, or money)."""
    if kind_of(key) == "money" or not np.isfinite(half_width) or half_width <= 0:
        return None
    scaled = half_width * (100 if kind_of(key) == "percent" else 1)
    needed = min(6, max(0, digits - 1 - int(np.floor(np.log10(scaled)))))
    own = {"percent": 1, "number": 0, "decimal": 1, "share": 2}.get(kind_of(key), 1)
    return needed if needed > own else None


def difference_unit(key: str, lang: str) -> str:
    """The unit of a difference: percentage points for percentages, else the output's unit and period."""
    return pick(WORDS["points"], lang) if kind_of(key) == "percent" else unit_of(key, lang)


def names(items: list[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' ('en' in Dutch)."""
    word = " en " if lang == "nl" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def parameter_label(column: str, lang: str) -> str:
    return pick(PARAMETERS.get(column, (column, column))[:2], lang)


def level_label(column: str, value, lang: str, bare: bool = False) -> str:
    """A level as a reader says it: 'lump-sum budget', '20% cut', '2 h/week' (bare: just '20%', '2')."""
    _, _, template_en, template_nl, kind = PARAMETERS.get(column, (column, column, column + " {v}", column + " {v}",
                                                                   "number"))
    if kind == "name":
        return pick(NAMES.get(str(value), (str(value), str(value))), lang)
    if kind == "percent":
        text = number(100 * float(value), 0, lang) + "%"
    elif kind == "signed":
        text = ("+" if float(value) > 0 else "") + number(float(value), 1, lang)
    else:
        v = float(value)
        text = number(v, 0, lang) if v.is_integer() else number(v, 2, lang).rstrip("0")
    return text if bare else (template_nl if lang == "nl" else template_en).format(v=text)
