"""Every output declared once: the weekly time series, the run summary, the payers and their cost items.

Each output has a name, a unit and the period it is counted over, a one-line meaning, English and Dutch labels, a
number format (`kind`) and how it aggregates: over time within a run (`over_time`: a stock is averaged, a flow is
summed) and over runs (`over_runs`: the mean with its 95% interval). Units are data: a flow's unit is declared
without its period (`EUR` with `period="week"`), so a table that sums it to years says "EUR per year" from the same
declaration (`unit(name, lang, period="year")`); a run outcome's period follows from how it is computed
(`per_year`: per year, `sum`: over the whole run, `mean`: mean over the weeks, ...). The recorder, the summary, the terminal report, the
analysis tables and figures and the browser page all read these declarations, so a name is typed in one
place. Events counted during a week are series too (`event=True`); the model counts them in an `Events`
record whose fields are exactly these names, so a misspelt event is an error, not a silent zero.
The files a run writes and their names are the results package's (results/files.py). This module imports nothing
from the model: the analysis reads it without loading Mesa.
"""

from dataclasses import dataclass, field, make_dataclass

from results.files import COST_ITEMS_KEY

KINDS = ("money", "percent", "share", "decimal", "number")  # how a value is written: EUR, %, 0-1, 1 decimal, whole


@dataclass(frozen=True)
class Payer:
    name: str
    en: str
    nl: str
    colour: str  # Okabe-Ito, colour-blind safe; the same in every figure and on the page
    short: tuple[str, str]  # (English, Dutch) in narrow table heads
    public: bool = True  # spends public money


WMO, ZVW, WLZ, FUND, COOPERATIVE = "wmo", "zvw", "wlz", "fund", "cooperative"  # the payers, by the name the model uses
PAYERS = (
    Payer(WMO, "Municipality (Wmo)", "Gemeente (Wmo)", "#0072B2", ("Wmo", "Wmo")),
    Payer(ZVW, "Health insurer (Zvw)", "Zorgverzekeraar (Zvw)", "#56B4E9", ("Zvw", "Zvw")),
    Payer(WLZ, "Long-term care (Wlz)", "Langdurige zorg (Wlz)", "#D55E00", ("Wlz", "Wlz")),
    Payer(FUND, "Temporary fund", "Tijdelijk fonds", "#E69F00", ("Fund", "Fonds")),
    Payer(COOPERATIVE, "Cooperative (own funds)", "Coöperatie (eigen middelen)", "#009E73",
          ("Cooperative", "Coöperatie"), public=False),  # what it spends from fees and donations, not its income
)
PAYER_NAMES = tuple(p.name for p in PAYERS)
PUBLIC_PAYERS = tuple(p.name for p in PAYERS if p.public)
ALL_PAYERS = Payer("total", "Net, all payers", "Netto, alle betalers", "#000000", ("Net", "Netto"))


@dataclass(frozen=True)
class CostItem:
    """What a payer spends on: booked in the ledger by name, summed per payer over the run in summary.json
    (`cost_items_eur`, "<payer>:<item>")."""

    name: str
    meaning: str
    overhead: bool = False  # a procedure rather than care
    pooled: bool = False  # a pooled budget's purchase: each payer's agreed share, outside that payer's own ceiling


COST_ITEMS = (
    CostItem("domestic_help", "Wmo domestic help at home, per hour given"),
    CostItem("district_nursing", "district nursing and personal care at home, per hour given"),
    CostItem("care_at_home", "Wlz care at home for those entitled to long-term care, per hour given"),
    CostItem("nursing_home", "days in a nursing home"),
    CostItem("crisis", "a health crisis: emergency visit, ambulance, GP and hospital days"),
    CostItem("meals", "the net cost of the shared meals"),
    CostItem("volunteer_expenses", "volunteers' expenses, per hour volunteered"),
    CostItem("subsidy", "the municipality's structural contribution to the supporters' hours"),
    CostItem("grant", "a temporary fund's grant towards the supporters' hours"),
    CostItem("coordination", "the supporters' hours the cooperative pays from its own funds"),
    CostItem("area_budget", "the lump-sum area budget for support and welfare"),
    CostItem("contract", "a tendered support contract, paid per hour"),
    CostItem("procurement", "a tender's procedure, for the buyer and the bidder", overhead=True),
    CostItem("indication", "an indication at the municipal counter (a consultation)", overhead=True),
    CostItem("home_adaptation", "home adaptations a coach buys from the Wmo budget"),
    CostItem("day_care", "day care a coach buys from the Wmo budget"),
    CostItem("pooled_adaptation", "home adaptations a coach buys from the pooled budget", pooled=True),
    CostItem("pooled_day_care", "day care a coach buys from the pooled budget", pooled=True),
)
COST_ITEM_NAMES = tuple(c.name for c in COST_ITEMS)
OVERHEAD_ITEMS = tuple(c.name for c in COST_ITEMS if c.overhead)
POOLED_ITEMS = tuple(c.name for c in COST_ITEMS if c.pooled)
Items = make_dataclass("Items", [(c.name, str, field(default=c.name)) for c in COST_ITEMS], frozen=True)
Items.__doc__ = "The cost items by attribute (ITEM.procurement): a misspelt one raises AttributeError."
ITEM = Items()


@dataclass(frozen=True)
class Output:
    """One output: what it is, how it is written and how it aggregates."""

    name: str
    en: str
    nl: str
    unit_en: str
    unit_nl: str
    kind: str  # one of KINDS
    meaning: str
    over_time: str = "mean"  # series: "mean" (a stock: weekly level) or "sum" (a flow: counted per week)
    over_runs: str = "mean"  # runs combine as the mean with a 95% Student-t interval
    event: bool = False  # counted during the step in `Events` (a flow)
    # summary outcomes only: how the run's series make the value (see sim/outcomes.py)
    how: str = ""  # mean, sum, per_year, first, last, ratio, per_resident, per_1000_per_year
    source: str = ""  # the series it is computed from
    per: str = ""  # the denominator series (ratio, per_1000_per_year)
    lower_is_better: bool = True  # for titles that name the best option
    short: tuple[str, str] = ()  # (English, Dutch) column head for narrow tables
    period: str = ""  # what the unit is counted over (a key of PERIODS); "" when the unit says it all
    high: float | None = None  # the most a level can be (1 for shares and percentages); every output is >= 0


PERIODS = {  # key -> (English, Dutch) words after a unit: a flow's period, or how a run outcome takes the run
    "": ("", ""),
    "week": ("per week", "per week"),
    "year": ("per year", "per jaar"),
    "run": ("over the whole run", "over de hele run"),
    "mean": ("mean over the weeks", "gemiddelde over de weken"),
    "first": ("in the first week", "in de eerste week"),
    "last": ("in the last week", "in de laatste week"),
}
HOW_PERIOD = {"per_year": "year", "per_resident": "year", "per_1000_per_year": "year", "sum": "run", "ratio": "run",
              "mean": "mean", "first": "first", "last": "last"}  # a run outcome's period, from how it is computed
THOUSANDS = ("EUR 1,000", "1.000 euro")  # the money unit of a table in thousands (English, Dutch)
BOUNDED = ("percent", "share")  # kinds whose levels lie in [0, 1] unless an output declares its own `high`


def weekly(name, en, nl, unit_en, unit_nl, kind, meaning, over_time="mean", event=False):
    """A weekly series: a stock (its level this week) or, with over_time="sum", a flow counted per week."""
    return Output(name, en, nl, unit_en, unit_nl, kind, meaning, over_time=over_time, event=event,
                  period="week" if over_time == "sum" else "")


def counted(name, en, nl, meaning, kind="number"):
    """An event counted during the week (a flow: summed over time; its unit is the count, its period the week)."""
    return Output(name, en, nl, "", "", kind, meaning, over_time="sum", event=True, period="week")


def outcome(name, en, nl, unit_en, unit_nl, kind, meaning, how, source, per="", lower_is_better=True, short=(),
            high=None):
    """A summary outcome of a run; its period follows from `how` (HOW_PERIOD)."""
    return Output(name, en, nl, unit_en, unit_nl, kind, meaning, how=how, source=source, per=per,
                  lower_is_better=lower_is_better, short=short, period=HOW_PERIOD[how], high=high)


HOURS, UUR, PEOPLE, PERSONEN = "hours per week", "uur per week", "people", "personen"
EUR, EURO = "EUR", "euro"  # money series are flows: their period is added (per week; per year in yearly tables)

SERIES = (
    weekly("step", "Week", "Week", "weeks since the switch", "weken na de overstap", "number", "recorded week, 1 = first"),
    weekly("time_years", "Time", "Tijd", "years", "jaar", "decimal", "simulated years since the switch, at the week's end"),
    weekly("population", "Residents", "Inwoners", PEOPLE, PERSONEN, "number", "residents at home or in a nursing home"),
    weekly("n_65plus", "Residents 65+", "Inwoners 65+", PEOPLE, PERSONEN, "number", "residents aged 65 or more"),
    weekly("n_80plus", "Residents 80+", "Inwoners 80+", PEOPLE, PERSONEN, "number", "residents aged 80 or more"),
    weekly("mean_frailty", "Mean frailty", "Gemiddelde kwetsbaarheid", "frailty index", "kwetsbaarheidsindex", "share",
      "mean frailty index of residents"),
    weekly("n_dementia", "People with dementia", "Mensen met dementie", PEOPLE, PERSONEN, "number",
      "residents with dementia"),
    weekly("need_hours", "Care needed", "Zorgvraag", HOURS, UUR, "number", "hours of care needed at home this week"),
    weekly("met_informal_hours", "Informal care", "Mantelzorg", HOURS, UUR, "number", "hours given by informal carers"),
    weekly("met_volunteer_hours", "Volunteer care", "Vrijwilligershulp", HOURS, UUR, "number", "hours given by volunteers"),
    weekly("met_professional_hours", "Professional care", "Professionele zorg", HOURS, UUR, "number",
      "hours given by professionals (Wmo, Zvw, Wlz at home, day care)"),
    weekly("unmet_hours", "Unmet care", "Onvervulde zorg", HOURS, UUR, "number", "hours needed but not given"),
    weekly("unmet_social_hours", "Unmet social help", "Onvervulde sociale hulp", HOURS, UUR, "number",
      "unmet hours of transport, meals, chores and company"),
    weekly("unmet_domestic_hours", "Unmet domestic help", "Onvervulde huishoudelijke hulp", HOURS, UUR, "number",
      "unmet hours of domestic help"),
    weekly("unmet_personal_hours", "Unmet personal care", "Onvervulde persoonlijke zorg", HOURS, UUR, "number",
      "unmet hours of personal and nursing care"),
    weekly("unmet_round_the_clock_hours", "Unmet round-the-clock care", "Onvervulde 24-uurszorg", HOURS, UUR, "number",
      "unmet hours of round-the-clock care at home"),
    weekly("n_with_need", "People with a care need", "Mensen met zorgvraag", PEOPLE, PERSONEN, "number",
      "residents at home who need care"),
    weekly("n_hidden_need", "People with hidden need", "Mensen met verborgen zorgvraag", PEOPLE, PERSONEN, "decimal",
      "unmet need of people nobody in the system knows"),
    weekly("n_clients", "Clients", "Cliënten", PEOPLE, PERSONEN, "number", "people at home in need whom the system knows"),
    weekly("n_in_nursing_home", "In a nursing home", "In een verpleeghuis", PEOPLE, PERSONEN, "number",
      "residents living in a nursing home"),
    weekly("n_volunteers_active", "Active volunteers", "Actieve vrijwilligers", PEOPLE, PERSONEN, "number",
      "volunteers available this week"),
    weekly("n_volunteers_burnt_out", "Burnt-out volunteers", "Opgebrande vrijwilligers", PEOPLE, PERSONEN, "number",
      "volunteers out after a burnout"),
    weekly("volunteer_strain", "Volunteer strain", "Belasting vrijwilligers", "0 = none, 1 = burnout",
      "0 = geen, 1 = burn-out", "share", "mean strain of active volunteers"),
    weekly("coordination", "Coordination", "Coördinatie", "share of need met", "deel van de behoefte", "share",
      "share of the volunteers' coordination need met this week"),
    weekly("n_carers", "Informal carers", "Mantelzorgers", PEOPLE, PERSONEN, "number", "residents caring for someone"),
    weekly("n_carers_overburdened", "Overburdened carers", "Overbelaste mantelzorgers", PEOPLE, PERSONEN, "decimal",
      "carers with strain past the overburdened mark, or collapsed"),
    weekly("lonely_share", "Lonely adults", "Eenzame volwassenen", "% of adults", "% van de volwassenen", "percent",
      "adults at home whose loneliness is above the threshold"),
    weekly("loneliness_65plus", "Loneliness 65+", "Eenzaamheid 65+", "De Jong Gierveld score 0-11", "De Jong Gierveld-score 0-11",
      "decimal", "mean loneliness score of residents 65+ at home (the people meals are for)"),
    weekly("adult_shyness", "Help-seeking shyness", "Vraagverlegenheid", "0-1", "0-1", "share",
      "mean help-seeking shyness of adults at home"),
    weekly("n_members", "Members", "Leden", PEOPLE, PERSONEN, "number", "members of the cooperative"),
    weekly("relational_continuity", "Relational continuity", "Relationele continuïteit", "0 = none, 1 = full",
      "0 = geen, 1 = volledig", "share", "clients' longest current relationship with a worker, in years (at most 1)"),
    weekly("supporter_hours", "Supporter hours", "Uren dorpsondersteuning", HOURS, UUR, "number",
      "effective hours of village supporters and neighbourhood assistants"),
    weekly("mean_caseload", "Caseload", "Caseload", "clients per worker", "cliënten per medewerker", "decimal",
      "clients known per care worker"),
    weekly("heard_of_activities", "Heard of the new activity places", "Kent de nieuwe activiteitenplekken", "share of "
      "residents 65+", "aandeel 65-plussers", "percent", "residents 65+ at home who have heard of the activity places a "
      "lump-sum budget buys"),
    weekly("n_coached", "On the coach's caseload", "In de caseload van de coach", PEOPLE, PERSONEN, "number",
      "people at home a pooled-budget coach has taken on"),
    weekly("mean_staff_tenure_years", "Staff tenure", "Diensttijd", "years", "jaar", "decimal",
      "mean years in post of care workers"),
    weekly("wmo_client_stop", "Municipal client stop", "Cliëntenstop gemeente", "0/1", "0/1", "share",
      "1 when the Wmo budget is spent and new clients are stopped"),
    weekly("zvw_client_stop", "Insurer client stop", "Cliëntenstop verzekeraar", "0/1", "0/1", "share",
      "1 when the district-nursing budget is spent and new clients are stopped"),
    *(weekly(f"cost_{p.name}_eur", p.en, p.nl, EUR, EURO, "money", f"spending of {p.en}", over_time="sum")
      for p in PAYERS),
    weekly("cost_public_eur", "Public cost", "Publieke kosten", EUR, EURO, "money", "spending of every public payer",
      over_time="sum"),
    weekly("cost_total_eur", "Total cost, all payers", "Totale kosten, alle betalers", EUR, EURO, "money",
      "spending of every payer", over_time="sum"),
    weekly("overhead_eur", "Procedures and tenders", "Procedures en aanbestedingen", EUR, EURO, "money",
      "indications and procurement", over_time="sum"),
    weekly("procurement_eur", "Procurement", "Aanbesteding", EUR, EURO, "money", "tender costs of buyer and bidders",
      over_time="sum"),
    weekly("informal_care_value_eur", "Value of informal care", "Waarde mantelzorg", EUR, EURO, "money",
      "informal care hours at the replacement price", over_time="sum"),
    counted("help_requests", "Help requests", "Hulpvragen", "requests people made themselves"),
    counted("level_at_request_sum", "Need level at requests", "Zorgniveau bij hulpvragen",
      "sum of need levels (0-4) at self-made requests"),
    counted("referrals", "Referrals", "Verwijzingen", "need found by outreach or after a hospital stay"),
    counted("requests_solved", "Requests solved", "Opgeloste hulpvragen",
            "requests a supporter or the counter took on (asked, referred, changed needs, practical)"),
    counted("changed_needs", "Changed needs", "Veranderde hulpvragen",
            "known clients whose need grew, or whose volunteer or carer stopped"),
    counted("practical_requests", "Practical requests", "Praktische hulpvragen",
            "a ride, an odd job, paperwork or company asked for"),
    counted("clients_discharged", "Clients whose need ended", "Cliënten zonder zorgvraag meer",
            "clients who left the caseload because their need was gone"),
    counted("gave_up", "Gave up waiting", "Afgehaakt", "people who stopped waiting at the counter"),
    counted("client_stops", "Refused at a client stop", "Geweigerd door cliëntenstop",
      "new clients refused because a budget was spent"),
    counted("nursing_home_admissions", "Nursing-home admissions", "Opnames in verpleeghuis", "admissions this week"),
    counted("deaths", "Deaths", "Overlijdens", "residents who died"),
    counted("births", "Births", "Geboortes", "children born"),
    counted("moved_in", "Moved in", "Verhuisd naar de wijk", "residents who arrived"),
    counted("moved_out", "Moved out", "Verhuisd uit de wijk", "residents who left"),
    counted("crises", "Crises", "Crises", "falls and hospital admissions at home"),
    counted("disability_episodes", "Episodes of limitation", "Periodes van beperking",
            "illnesses or injuries at home that limit daily activities for a while"),
    counted("episodes_ended", "Episodes ended", "Beëindigde periodes van beperking",
            "episodes of limitation that ended: the person regained what they lost"),
    counted("dementia_onsets", "Dementia onsets", "Nieuwe gevallen van dementie", "new cases of dementia"),
    counted("volunteer_burnouts", "Volunteer burnouts", "Opgebrande vrijwilligers", "volunteers who burnt out"),
    counted("volunteers_quit", "Volunteers who stopped", "Gestopte vrijwilligers", "volunteers who stopped for good"),
    counted("volunteers_aged_out", "Volunteers aged out", "Vrijwilligers te oud of te zwak",
      "volunteers who stopped by age or own need"),
    counted("volunteers_returned", "Volunteers back", "Teruggekeerde vrijwilligers", "volunteers back after a burnout"),
    counted("volunteers_recruited", "New volunteers", "Nieuwe vrijwilligers", "volunteers who started"),
    counted("carer_collapses", "Carer collapses", "Uitgevallen mantelzorgers", "informal carers who collapsed"),
    counted("meals_served", "Meals served", "Maaltijden", "guest meals at shared meals"),
    counted("new_ties", "New ties", "Nieuwe contacten", "ties made at shared meals"),
    counted("outreach_visits", "Home visits", "Huisbezoeken", "outreach visits"),
    counted("found_by_outreach", "Found by visits", "Gevonden bij huisbezoek", "unaddressed need found at a visit"),
    counted("staff_left", "Staff who left", "Vertrokken medewerkers", "professionals who left"),
    counted("clients_lost", "Clients lost from view", "Cliënten uit beeld", "clients nobody knows any more"),
    counted("tenders", "Tenders", "Aanbestedingen", "tender procedures"),
    counted("provider_switches", "Provider switches", "Wisselingen van aanbieder", "tenders the incumbent lost"),
    counted("grant_endings", "Grant endings", "Beëindigde subsidies", "project grants not renewed"),
    counted("grant_renewals", "Grant renewals", "Verlengde subsidies", "project grants renewed"),
)

OUTCOMES = (
    *(outcome(f"cost_{p.name}_eur_per_year", p.en, p.nl, EUR, EURO, "money", f"yearly spending of {p.en}",
        "per_year", f"cost_{p.name}_eur", short=p.short) for p in PAYERS),
    outcome("cost_total_eur_per_year", "Total cost", "Totale kosten", EUR, EURO, "money",
      "yearly spending of all payers", "per_year", "cost_total_eur", short=("Total cost", "Totaal")),
    outcome("cost_public_eur_per_year", "Public cost", "Publieke kosten", EUR, EURO, "money",
      "yearly spending of the public payers (Wmo, Zvw, Wlz, funds)", "per_year", "cost_public_eur",
      short=("Public cost", "Publieke kosten")),
    outcome("cost_per_resident_per_year_eur", "Cost per resident", "Kosten per inwoner", "EUR per resident",
      "euro per inwoner", "money", "yearly spending of all payers per resident", "per_resident",
      "cost_total_eur", per="population"),
    outcome("procurement_cost_eur_per_year", "Procurement", "Aanbesteding", EUR, EURO, "money",
      "yearly tender costs of buyer and bidders", "per_year", "procurement_eur"),
    outcome("overhead_cost_eur_per_year", "Procedures and tenders", "Procedures en aanbestedingen", EUR, EURO,
      "money", "yearly cost of indications and tenders", "per_year", "overhead_eur"),
    outcome("unmet_share", "Care needed but not given", "Zorgvraag niet geholpen", "% of care hours", "% van de zorguren",
      "percent", "unmet hours / needed hours over the run", "ratio", "unmet_hours", per="need_hours",
      short=("Unmet need [%]", "Onvervuld [%]")),
    outcome("mean_unmet_hours_per_week", "Unmet care", "Onvervulde zorg", HOURS, UUR, "number",
      "mean unmet hours per week", "mean", "unmet_hours"),
    outcome("mean_hidden_need", "People with hidden need", "Mensen met verborgen zorgvraag", PEOPLE, PERSONEN, "decimal",
      "mean number of people whose unmet need nobody knows", "mean", "n_hidden_need",
      short=("Hidden need [people]", "Verborgen [pers.]")),
    outcome("hidden_need_share", "Need nobody knows about", "Zorgvraag die niemand kent", "% of people in need",
      "% van wie zorg nodig heeft", "percent", "person-weeks of hidden need / person-weeks with need", "ratio",
      "n_hidden_need", per="n_with_need"),
    outcome("nursing_home_admissions_total", "Nursing-home admissions", "Opnames in verpleeghuis", "",
      "", "number", "admissions over the run", "sum", "nursing_home_admissions"),
    outcome("nursing_home_admissions_per_1000_65plus_per_year", "Nursing-home admissions", "Opnames in verpleeghuis",
      "per 1,000 aged 65+", "per 1.000 65-plussers", "decimal",
      "admissions per year per 1,000 residents aged 65+", "per_1000_per_year", "nursing_home_admissions",
      per="n_65plus", short=("NH admissions [/1000 65+/yr]", "Opnames VPH [/1000 65+/jr]")),
    outcome("volunteer_burnouts_total", "Volunteer burnouts", "Opgebrande vrijwilligers", "",
      "", "number", "burnouts over the run", "sum", "volunteer_burnouts"),
    outcome("volunteers_active_end", "Active volunteers at the end", "Actieve vrijwilligers aan het eind", PEOPLE,
      PERSONEN, "number", "active volunteers in the last week", "last", "n_volunteers_active",
      lower_is_better=False, short=("Volunteers at end", "Vrijwilligers eind")),
    outcome("volunteers_active_start", "Active volunteers at the start", "Actieve vrijwilligers aan het begin", PEOPLE,
      PERSONEN, "number", "active volunteers in the first week", "first", "n_volunteers_active",
      lower_is_better=False),
    outcome("mean_volunteer_strain", "Volunteer strain", "Belasting vrijwilligers", "0-1", "0-1", "share",
      "mean strain of active volunteers", "mean", "volunteer_strain"),
    outcome("mean_relational_continuity", "Relational continuity", "Relationele continuïteit", "0-1", "0-1", "share",
      "mean relational continuity of clients", "mean", "relational_continuity", lower_is_better=False,
      short=("Continuity [0-1]", "Continuïteit [0-1]")),
    outcome("mean_lonely_share", "Lonely adults", "Eenzame volwassenen", "% of adults", "% van de volwassenen", "percent",
      "mean share of adults who are lonely", "mean", "lonely_share"),
    outcome("mean_loneliness_65plus", "Loneliness 65+", "Eenzaamheid 65+", "score 0-11", "score 0-11", "decimal",
      "mean loneliness score of residents 65+ at home", "mean", "loneliness_65plus", high=11),
    outcome("mean_shyness", "Help-seeking shyness", "Vraagverlegenheid", "0-1", "0-1", "share",
      "mean help-seeking shyness of adults", "mean", "adult_shyness"),
    outcome("mean_level_at_request", "Need level at a request", "Zorgniveau bij een hulpvraag", "0-4", "0-4", "share",
      "mean need level of people when they ask for help", "ratio", "level_at_request_sum", per="help_requests",
      high=4),
    outcome("help_requests_per_year", "Help requests", "Hulpvragen", "", "", "decimal",
      "self-made help requests per year", "per_year", "help_requests", lower_is_better=False),
    outcome("crises_per_year", "Crises", "Crises", "", "", "decimal", "falls and hospital stays per year",
      "per_year", "crises"),
    outcome("deaths_per_year", "Deaths", "Overlijdens", "", "", "decimal", "deaths per year", "per_year",
      "deaths"),
    outcome("carers_overburdened_mean", "Overburdened carers", "Overbelaste mantelzorgers", PEOPLE, PERSONEN, "decimal",
      "mean number of overburdened or collapsed carers", "mean", "n_carers_overburdened"),
    outcome("informal_care_value_eur_per_year", "Value of informal care", "Waarde mantelzorg", EUR, EURO,
      "money", "informal care per year at the replacement price", "per_year", "informal_care_value_eur",
      lower_is_better=False),
    outcome("provider_switches_total", "Provider switches", "Wisselingen van aanbieder", "",
      "", "number", "tenders the incumbent lost", "sum", "provider_switches"),
    outcome("population_start", "Residents at the start", "Inwoners aan het begin", PEOPLE, PERSONEN, "number",
      "residents in the first week", "first", "population", lower_is_better=False),
    outcome("population_end", "Residents at the end", "Inwoners aan het eind", PEOPLE, PERSONEN, "number",
      "residents in the last week", "last", "population", lower_is_better=False),
)



def asked(name, en, nl, unit_en, unit_nl, kind, meaning):
    """A measure of the yearly survey (sim/survey.py), compared with a published statistic."""
    return Output(name, en, nl, unit_en, unit_nl, kind, meaning, over_time="mean")


SHARE, DEEL = "share", "aandeel"
SURVEY = (
    asked("nh_share_75plus", "75+ in a nursing home", "75-plussers in een verpleeghuis", SHARE, DEEL, "percent",
          "residents 75+ living in a nursing home"),
    asked("nh_death_rate", "Deaths of nursing-home residents", "Sterfte van verpleeghuisbewoners",
          "per resident per year", "per bewoner per jaar", "decimal",
          "residents of nursing homes who died in a year / resident-years"),
    asked("nh_stays_over_4_years", "Stays over 4 years", "Verblijven langer dan 4 jaar", "% of stays ended",
          "% van de beëindigde verblijven", "percent",
          "residents who died in a year whose stay in the home had lasted more than 4 years"),
    *(asked(f"death_prob_{band}", f"Death probability {label}", f"Sterftekans {label}", "per year", "per jaar",
            "percent", f"deaths per person-year at {label}, as a probability") for band, label in
      (("65_69", "65-69"), ("75_79", "75-79"), ("85_89", "85-89"), ("95plus", "95+"))),
    asked("dementia_80plus", "Dementia 80+", "Dementie 80+", SHARE, DEEL, "percent", "residents 80+ with dementia"),
    asked("dementia_95plus", "Dementia 95+", "Dementie 95+", SHARE, DEEL, "percent", "residents 95+ with dementia"),
    asked("iadl_65_74", "IADL limitation 65-74", "IADL-beperking 65-74", SHARE, DEEL, "percent",
          "65-74 at home needing help with household tasks"),
    asked("adl_65_74", "ADL limitation 65-74", "ADL-beperking 65-74", SHARE, DEEL, "percent",
          "65-74 at home needing personal care"),
    asked("iadl_75plus", "IADL limitation 75+", "IADL-beperking 75+", SHARE, DEEL, "percent",
          "75+ at home needing help with household tasks"),
    asked("adl_75plus", "ADL limitation 75+", "ADL-beperking 75+", SHARE, DEEL, "percent",
          "75+ at home needing personal care"),
    *(asked(f"adl_recovered_{band}", f"ADL recovery {label}", f"Herstel ADL {label}", "per year", "per jaar", "percent",
            f"at home with an ADL limitation at {label} a year ago, at home without one now")
      for band, label in (("65_74", "65-74"), ("75_84", "75-84"), ("85_94", "85-94"))),
    asked("wmo_household_help_75_84", "Wmo household help 75-84", "Wmo-huishoudelijke hulp 75-84", SHARE, DEEL,
          "percent", "75-84 receiving Wmo domestic help"),
    asked("wmo_household_help_85plus", "Wmo household help 85+", "Wmo-huishoudelijke hulp 85+", SHARE, DEEL,
          "percent", "85+ receiving Wmo domestic help"),
    asked("carers_share_adults", "Informal carers", "Mantelzorgers", "% of adults 20+", "% van 20-plussers",
          "percent", "adults 20+ caring for someone in the community"),
    asked("carers_8h_share", "Carers giving 8+ h/week", "Mantelzorgers 8+ uur per week", "% of carers",
          "% van mantelzorgers", "percent", "carers giving at least 8 hours a week"),
    asked("carer_mean_hours", "Hours per carer", "Uren per mantelzorger", HOURS, UUR, "decimal",
          "mean hours a week given by a carer"),
    asked("carers_heavily_burdened", "Heavily burdened carers", "Zwaarbelaste mantelzorgers", "% of carers",
          "% van mantelzorgers", "percent", "carers whose felt burden (strain + their own part) is at the "
          "heavily-burdened mark or more, or collapsed"),
    asked("carers_very_heavily_burdened", "Very heavily burdened carers", "Zeer zwaar belaste mantelzorgers",
          "% of carers", "% van mantelzorgers", "percent",
          "carers whose felt burden is at the very-heavily-burdened mark or more, or overburdened"),
    asked("carers_overburdened", "Overburdened carers", "Overbelaste mantelzorgers", "% of carers",
          "% van mantelzorgers", "percent", "carers with strain at the overburdened mark or more, or collapsed"),
    asked("heavy_carer_hours_ratio", "Hours of heavily burdened carers", "Uren van zwaarbelaste mantelzorgers",
          "times the others' hours", "keer de uren van de anderen", "decimal",
          "mean weekly hours of heavily burdened carers / mean of the other carers"),
    asked("lonely_adults", "Lonely adults", "Eenzame volwassenen", SHARE, DEEL, "percent",
          "adults at home lonely (De Jong Gierveld 3+ of 11)"),
    asked("lonely_75plus", "Lonely 75+", "Eenzame 75-plussers", SHARE, DEEL, "percent", "75+ at home lonely"),
    asked("lonely_85plus", "Lonely 85+", "Eenzame 85-plussers", SHARE, DEEL, "percent", "85+ at home lonely"),
    asked("severely_lonely_adults", "Severely lonely adults", "Ernstig eenzame volwassenen", SHARE, DEEL, "percent",
          "adults at home severely lonely (De Jong Gierveld 9+ of 11)"),
    asked("unmet_want_55plus", "No help but needing it, 55+", "Geen hulp maar wel nodig, 55+", SHARE, DEEL,
          "percent", "55+ at home with a household-task need who got no help with it"),
    asked("unmet_want_55plus_alone", "No help but needing it, 55+ alone", "Geen hulp maar wel nodig, 55+ alleen",
          SHARE, DEEL, "percent", "as above, living alone"),
    asked("help_requests_solved_per_1000", "Requests solved", "Opgeloste hulpvragen", "per 1,000 residents per year",
          "per 1.000 inwoners per jaar", "number", "requests a supporter or the counter took on in a year"),
    asked("staff_leaving_share", "Staff leaving", "Vertrekkende medewerkers", "per year", "per jaar", "percent",
          "professionals who left in a year / mean number of professionals"),
    asked("cooperative_volunteers", "Active volunteers", "Actieve vrijwilligers", PEOPLE, PERSONEN, "number",
          "volunteers active at the survey"),
    asked("volunteers_overasked", "Overasked volunteers", "Overvraagde vrijwilligers", "% of active volunteers",
          "% van de actieve vrijwilligers", "percent",
          "active volunteers whose strain is at the overasked mark (half the burnout strain) or more"),
    asked("volunteers_left_share", "Volunteers who left", "Vertrokken vrijwilligers", "per year", "per jaar", "percent",
          "volunteers active at the start of a year who are not active at its end (for any reason)"),
    asked("volunteer_burnouts_per_100", "Volunteer burnouts", "Burn-outs van vrijwilligers",
          "per 100 active volunteers per year", "per 100 actieve vrijwilligers per jaar", "decimal",
          "burnouts in a year per 100 volunteers active at the survey"),
    asked("supporters", "Supporters and assistants", "Dorpsondersteuners en buurtassistenten", PEOPLE, PERSONEN,
          "number", "supporters and neighbourhood assistants at the survey"),
    asked("wlz_per_resident", "Wlz cost per resident", "Wlz-kosten per inwoner", "EUR per resident per year",
          "euro per inwoner per jaar", "money", "Wlz spending in a year per resident"),
    asked("district_nursing_per_resident", "District nursing per resident", "Wijkverpleging per inwoner",
          "EUR per resident per year", "euro per inwoner per jaar", "money",
          "district nursing (Zvw) spending in a year per resident"),
)
SURVEY_NAMES = tuple(s.name for s in SURVEY)
SURVEY_YEAR = "survey_year"  # survey.parquet's first column: which recorded year a row answers for

BY_NAME = {o.name: o for o in (*SERIES, *OUTCOMES, *SURVEY)}
EVENT_NAMES = tuple(s.name for s in SERIES if s.event)
SERIES_NAMES = tuple(s.name for s in SERIES)
OUTCOME_NAMES = tuple(o.name for o in OUTCOMES)

# the selections each reader shows, by name (each name is declared above)
REPORT = ("cost_per_resident_per_year_eur", *(f"cost_{p}_eur_per_year" for p in PAYER_NAMES), "unmet_share",
          "mean_hidden_need", "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_start",
          "volunteers_active_end", "volunteer_burnouts_total", "mean_relational_continuity", "mean_lonely_share")
TABLE = ("cost_total_eur_per_year", "cost_public_eur_per_year", *(f"cost_{p}_eur_per_year" for p in PAYER_NAMES),
         "overhead_cost_eur_per_year", "unmet_share", "mean_unmet_hours_per_week", "mean_hidden_need",
         "hidden_need_share", "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_end",
         "volunteer_burnouts_total", "mean_relational_continuity", "mean_lonely_share", "carers_overburdened_mean")
MAIN = ("cost_public_eur_per_year", "cost_wmo_eur_per_year", "cost_wlz_eur_per_year", "unmet_share",
        "mean_hidden_need", "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_end",
        "mean_relational_continuity")
HEADLINE = ("cost_public_eur_per_year", "unmet_share", "nursing_home_admissions_per_1000_65plus_per_year",
            "mean_hidden_need", "volunteers_active_end")  # the five a policy comparison is read by
CARE = ("unmet_share", "mean_hidden_need", "nursing_home_admissions_per_1000_65plus_per_year")
WHATIF_MONEY = (*(f"cost_{p}_eur_per_year" for p in PAYER_NAMES), "cost_public_eur_per_year", "cost_total_eur_per_year")
WHATIF = ("unmet_share", "mean_hidden_need", "nursing_home_admissions_per_1000_65plus_per_year", "volunteers_active_end",
          "mean_relational_continuity")  # beside each payer's cost: what an advocate's what-if is read by
EXPLAINED = ("cost_public_eur_per_year", *(f"cost_{p}_eur_per_year" for p in PAYER_NAMES), "unmet_share",
             "nursing_home_admissions_per_1000_65plus_per_year", "mean_hidden_need", "volunteers_active_end")  # what the
# explained differences take apart by mechanism (analysis/explained.py)
RESPONSE = ("unmet_share", "mean_hidden_need", "volunteers_active_end", "cost_public_eur_per_year")
SETTLING = ("n_in_nursing_home", "cost_total_eur", "n_clients", "n_volunteers_active")  # the stocks the initial state
# must start in balance with: the warm-up is measured on them and the drift test holds them
OVER_TIME = ("unmet_hours", "n_hidden_need", "nursing_home_admissions", "n_volunteers_active",
             "relational_continuity", "cost_total_eur")
YEARLY = ("unmet_hours", "n_hidden_need", "n_volunteers_active", "relational_continuity", "population",
          "nursing_home_admissions", "volunteer_burnouts", *(f"cost_{p}_eur" for p in PAYER_NAMES), "cost_total_eur")
UNMET_CARE = "unmet_hours"  # the series a figure about care over time leads with
UNMET_MEASURES = ("unmet_share", "unmet_hours", "mean_unmet_hours_per_week")  # "leaves the least care unmet"
PAGE = ("unmet_hours", "n_hidden_need", "n_volunteers_active", "n_volunteers_burnt_out")
TOTAL_COST = "cost_total_eur_per_year"  # what "cheapest" means in a title
PUBLIC_COST = "cost_public_eur_per_year"  # what a what-if's title leads with


Events = make_dataclass("Events", [(name, int, field(default=0)) for name in EVENT_NAMES], slots=True)
Events.__doc__ = "This week's events; only the declared names exist (a misspelt one raises AttributeError)."


def unit(name: str, lang: str, period: str | None = None, thousands: bool = False) -> str:
    """An output's unit with its period: 'EUR per week'; for a flow summed to years (period="year") 'EUR per year';
    'people, mean over the weeks' for a run's mean. `thousands`: money in EUR 1,000 ('EUR 1,000 per year')."""
    out, nl = BY_NAME[name], lang == "nl"
    base = out.unit_nl if nl else out.unit_en
    currency = base.split(" ", 1)[0]
    if thousands and out.kind == "money" and currency in (EUR, EURO):
        base = THOUSANDS[nl] + base[len(currency):]
    flow = out.period == "week" and not out.how  # a weekly flow can be counted over another period
    key = period if flow and period is not None else out.period
    words = PERIODS[key][nl]
    return (" " if key in ("week", "year") else ", ").join(part for part in (base, words) if part)


def label(name: str, lang: str, unit_shown: bool = True, period: str | None = None) -> str:
    """'Unmet care (hours per week)' / 'Onvervulde zorg (uur per week)'; 'Deaths (per year)' for a flow summed to
    years (period="year")."""
    out = BY_NAME[name]
    text = out.nl if lang == "nl" else out.en
    unit_text = unit(name, lang, period)
    return f"{text} ({unit_text})" if unit_shown and unit_text else text


def summary_units() -> dict[str, str]:
    """What summary.json's `units` says: every outcome's unit and period, and those of its cost items and survey."""
    return {**{o.name: unit(o.name, "en") for o in OUTCOMES},
            COST_ITEMS_KEY: f"{EUR}, {PERIODS['run'][0]}", "survey": "mean of the yearly surveys (survey.parquet)",
            "years": "years recorded after the warm-up"}


def bounds(name: str) -> tuple[float, float | None]:
    """The range an output's level can take: every output is >= 0; shares and percentages <= 1 unless declared."""
    out = BY_NAME[name]
    return 0.0, out.high if out.high is not None else (1.0 if out.kind in BOUNDED else None)


def payer(name: str) -> Payer:
    return ALL_PAYERS if name == "total" else next(p for p in PAYERS if p.name == name)


def check_selections() -> None:
    """Names are unique and every selection names declared outputs (run by the tests)."""
    names = [o.name for o in (*SERIES, *OUTCOMES, *SURVEY)]
    if len(set(names)) != len(names):
        raise KeyError(f"declared twice: {sorted({n for n in names if names.count(n) > 1})}")
    groups = (REPORT, TABLE, MAIN, HEADLINE, CARE, RESPONSE, OVER_TIME, YEARLY, PAGE, (UNMET_CARE,), UNMET_MEASURES,
              WHATIF_MONEY, WHATIF, EXPLAINED)
    for group in groups:
        missing = [name for name in group if name not in BY_NAME]
        if missing:
            raise KeyError(f"undeclared outputs: {missing}")
    for out in OUTCOMES:
        for name in filter(None, (out.source, out.per)):
            if name not in SERIES_NAMES:
                raise KeyError(f"{out.name} is computed from undeclared series {name}")


# The meaning of every output in Dutch, beside the English `meaning` declared above: the Dutch reference of outputs
# (docs/outputs_nl.md) and a Dutch brief read it. A test keeps one entry per declared output.
MEANING_NL = {
    # weekly series
    "step": "geregistreerde week, 1 = de eerste",
    "time_years": "gesimuleerde jaren sinds de overstap, aan het eind van de week",
    "population": "inwoners thuis of in een verpleeghuis",
    "n_65plus": "inwoners van 65 jaar of ouder",
    "n_80plus": "inwoners van 80 jaar of ouder",
    "mean_frailty": "gemiddelde kwetsbaarheidsindex van de inwoners",
    "n_dementia": "inwoners met dementie",
    "need_hours": "uren zorg die thuis nodig zijn deze week",
    "met_informal_hours": "uren gegeven door mantelzorgers",
    "met_volunteer_hours": "uren gegeven door vrijwilligers",
    "met_professional_hours": "uren gegeven door professionals (Wmo, Zvw, Wlz thuis, dagbesteding)",
    "unmet_hours": "uren nodig maar niet gegeven",
    "unmet_social_hours": "onvervulde uren vervoer, maaltijden, klussen en gezelschap",
    "unmet_domestic_hours": "onvervulde uren huishoudelijke hulp",
    "unmet_personal_hours": "onvervulde uren persoonlijke verzorging en verpleging",
    "unmet_round_the_clock_hours": "onvervulde uren 24-uurszorg thuis",
    "n_with_need": "inwoners thuis die zorg nodig hebben",
    "n_hidden_need": "onvervulde zorgvraag van mensen die niemand in het systeem kent",
    "n_clients": "mensen thuis met een zorgvraag die het systeem kent",
    "n_in_nursing_home": "inwoners die in een verpleeghuis wonen",
    "n_volunteers_active": "vrijwilligers die deze week beschikbaar zijn",
    "n_volunteers_burnt_out": "vrijwilligers die uitvallen na een burn-out",
    "volunteer_strain": "gemiddelde belasting van actieve vrijwilligers",
    "coordination": "deel van de coördinatie die vrijwilligers nodig hebben dat deze week geleverd is",
    "n_carers": "inwoners die voor iemand zorgen",
    "n_carers_overburdened": "mantelzorgers met een belasting boven de grens van overbelast, of uitgevallen",
    "lonely_share": "volwassenen thuis met een eenzaamheid boven de grens",
    "loneliness_65plus": "gemiddelde eenzaamheidsscore van 65-plussers thuis (voor wie de maaltijden zijn)",
    "adult_shyness": "gemiddelde vraagverlegenheid van volwassenen thuis",
    "n_members": "leden van de coöperatie",
    "relational_continuity": "langste huidige relatie van cliënten met een zorgverlener, in jaren (hoogstens 1)",
    "supporter_hours": "effectieve uren van dorpsondersteuners en buurtassistenten",
    "mean_caseload": "bekende cliënten per zorgverlener",
    "heard_of_activities": "thuiswonende 65-plussers die gehoord hebben van de activiteitenplekken die een "
    "lumpsumbudget koopt",
    "n_coached": "thuiswonenden die een coach van het ontschotte budget heeft aangenomen",
    "mean_staff_tenure_years": "gemiddeld aantal jaren in dienst van zorgverleners",
    "wmo_client_stop": "1 als het Wmo-budget op is en nieuwe cliënten worden geweigerd",
    "zvw_client_stop": "1 als het budget voor wijkverpleging op is en nieuwe cliënten worden geweigerd",
    **{f"cost_{p.name}_eur": f"uitgaven van {p.nl}" for p in PAYERS},
    "cost_public_eur": "uitgaven van alle publieke betalers",
    "cost_total_eur": "uitgaven van alle betalers",
    "overhead_eur": "indicaties en aanbestedingen",
    "procurement_eur": "kosten van aanbesteden voor opdrachtgever en inschrijvers",
    "informal_care_value_eur": "uren mantelzorg tegen de vervangingsprijs",
    "help_requests": "hulpvragen die mensen zelf stelden",
    "level_at_request_sum": "som van de zorgniveaus (0-4) bij zelf gestelde hulpvragen",
    "referrals": "zorgvraag gevonden bij huisbezoek of na een ziekenhuisopname",
    "requests_solved": "hulpvragen die een ondersteuner of het loket oppakte (gevraagd, verwezen, veranderd, "
                       "praktisch)",
    "changed_needs": "bekende cliënten van wie de zorgvraag groeide of van wie de vrijwilliger of mantelzorger stopte",
    "practical_requests": "gevraagd: een rit, een klus, papierwerk of gezelschap",
    "clients_discharged": "cliënten die uit beeld gingen omdat hun zorgvraag over was",
    "gave_up": "mensen die stopten met wachten bij het loket",
    "client_stops": "nieuwe cliënten geweigerd omdat een budget op was",
    "nursing_home_admissions": "opnames deze week",
    "deaths": "overleden inwoners",
    "births": "geboren kinderen",
    "moved_in": "inwoners die kwamen wonen",
    "moved_out": "inwoners die vertrokken",
    "crises": "vallen en ziekenhuisopnames van mensen thuis",
    "disability_episodes": "ziekte of letsel thuis dat de dagelijkse activiteiten een tijd beperkt",
    "episodes_ended": "periodes van beperking die voorbij gingen: de persoon kreeg terug wat hij kwijt was",
    "dementia_onsets": "nieuwe gevallen van dementie",
    "volunteer_burnouts": "vrijwilligers met een burn-out",
    "volunteers_quit": "vrijwilligers die voorgoed stopten",
    "volunteers_aged_out": "vrijwilligers die stopten door leeftijd of eigen zorgvraag",
    "volunteers_returned": "vrijwilligers terug na een burn-out",
    "volunteers_recruited": "vrijwilligers die begonnen",
    "carer_collapses": "mantelzorgers die uitvielen",
    "meals_served": "gastmaaltijden bij gezamenlijke maaltijden",
    "new_ties": "contacten gelegd bij gezamenlijke maaltijden",
    "outreach_visits": "huisbezoeken",
    "found_by_outreach": "niet opgepakte zorgvraag gevonden bij een bezoek",
    "staff_left": "professionals die vertrokken",
    "clients_lost": "cliënten die niemand meer kent",
    "tenders": "aanbestedingsprocedures",
    "provider_switches": "aanbestedingen die de zittende aanbieder verloor",
    "grant_endings": "projectsubsidies die niet verlengd werden",
    "grant_renewals": "projectsubsidies die verlengd werden",
    # run outcomes
    **{f"cost_{p.name}_eur_per_year": f"jaarlijkse uitgaven van {p.nl}" for p in PAYERS},
    "cost_total_eur_per_year": "jaarlijkse uitgaven van alle betalers",
    "cost_public_eur_per_year": "jaarlijkse uitgaven van de publieke betalers (Wmo, Zvw, Wlz, fondsen)",
    "cost_per_resident_per_year_eur": "jaarlijkse uitgaven van alle betalers per inwoner",
    "procurement_cost_eur_per_year": "jaarlijkse kosten van aanbesteden voor opdrachtgever en inschrijvers",
    "overhead_cost_eur_per_year": "jaarlijkse kosten van indicaties en aanbestedingen",
    "unmet_share": "onvervulde uren / benodigde uren over de hele run",
    "mean_unmet_hours_per_week": "gemiddeld aantal onvervulde uren per week",
    "mean_hidden_need": "gemiddeld aantal mensen van wie niemand de onvervulde zorgvraag kent",
    "hidden_need_share": "persoonsweken met verborgen zorgvraag / persoonsweken met zorgvraag",
    "nursing_home_admissions_total": "opnames over de hele run",
    "nursing_home_admissions_per_1000_65plus_per_year": "opnames per jaar per 1.000 inwoners van 65 of ouder",
    "volunteer_burnouts_total": "burn-outs over de hele run",
    "volunteers_active_end": "actieve vrijwilligers in de laatste week",
    "volunteers_active_start": "actieve vrijwilligers in de eerste week",
    "mean_volunteer_strain": "gemiddelde belasting van actieve vrijwilligers",
    "mean_relational_continuity": "gemiddelde relationele continuïteit van cliënten",
    "mean_lonely_share": "gemiddeld aandeel eenzame volwassenen",
    "mean_loneliness_65plus": "gemiddelde eenzaamheidsscore van 65-plussers thuis",
    "mean_shyness": "gemiddelde vraagverlegenheid van volwassenen",
    "mean_level_at_request": "gemiddeld zorgniveau van mensen als ze om hulp vragen",
    "help_requests_per_year": "zelf gestelde hulpvragen per jaar",
    "crises_per_year": "vallen en ziekenhuisopnames per jaar",
    "deaths_per_year": "overlijdens per jaar",
    "carers_overburdened_mean": "gemiddeld aantal overbelaste of uitgevallen mantelzorgers",
    "informal_care_value_eur_per_year": "mantelzorg per jaar tegen de vervangingsprijs",
    "provider_switches_total": "aanbestedingen die de zittende aanbieder verloor",
    "population_start": "inwoners in de eerste week",
    "population_end": "inwoners in de laatste week",
    # the yearly survey
    "nh_share_75plus": "75-plussers die in een verpleeghuis wonen",
    "nh_death_rate": "verpleeghuisbewoners die in een jaar overleden / bewonersjaren",
    "nh_stays_over_4_years": "in een jaar overleden bewoners van wie het verblijf langer dan 4 jaar had geduurd",
    "death_prob_65_69": "overlijdens per persoonsjaar op 65-69, als kans",
    "death_prob_75_79": "overlijdens per persoonsjaar op 75-79, als kans",
    "death_prob_85_89": "overlijdens per persoonsjaar op 85-89, als kans",
    "death_prob_95plus": "overlijdens per persoonsjaar op 95+, als kans",
    "dementia_80plus": "80-plussers met dementie",
    "dementia_95plus": "95-plussers met dementie",
    "iadl_65_74": "65-74-jarigen thuis die hulp nodig hebben bij huishoudelijke taken",
    "adl_65_74": "65-74-jarigen thuis die persoonlijke verzorging nodig hebben",
    "iadl_75plus": "75-plussers thuis die hulp nodig hebben bij huishoudelijke taken",
    "adl_75plus": "75-plussers thuis die persoonlijke verzorging nodig hebben",
    **{f"adl_recovered_{band}": f"thuiswonend met een ADL-beperking op {label} een jaar eerder, nu thuis zonder"
       for band, label in (("65_74", "65-74"), ("75_84", "75-84"), ("85_94", "85-94"))},
    "wmo_household_help_75_84": "75-84-jarigen met huishoudelijke hulp uit de Wmo",
    "wmo_household_help_85plus": "85-plussers met huishoudelijke hulp uit de Wmo",
    "carers_share_adults": "20-plussers die voor iemand in de gemeenschap zorgen",
    "carers_8h_share": "mantelzorgers die minstens 8 uur per week geven",
    "carer_mean_hours": "gemiddeld aantal uren per week dat een mantelzorger geeft",
    "carers_heavily_burdened": "mantelzorgers met een ervaren belasting (belasting + eigen deel) op of boven de grens "
                               "van zwaarbelast, of uitgevallen",
    "carers_very_heavily_burdened": "mantelzorgers met een ervaren belasting op of boven de grens van zeer zwaar belast, "
                                    "of overbelast",
    "carers_overburdened": "mantelzorgers met een belasting op of boven de grens van overbelast, of uitgevallen",
    "heavy_carer_hours_ratio": "gemiddelde uren per week van zwaarbelaste mantelzorgers / die van de andere mantelzorgers",
    "lonely_adults": "eenzame volwassenen thuis (De Jong Gierveld 3+ van 11)",
    "lonely_75plus": "eenzame 75-plussers thuis",
    "lonely_85plus": "eenzame 85-plussers thuis",
    "severely_lonely_adults": "ernstig eenzame volwassenen thuis (De Jong Gierveld 9+ van 11)",
    "unmet_want_55plus": "55-plussers thuis met een huishoudelijke zorgvraag die er geen hulp bij kregen",
    "unmet_want_55plus_alone": "als hierboven, alleenwonend",
    "help_requests_solved_per_1000": "hulpvragen die een ondersteuner of het loket in een jaar oppakte",
    "staff_leaving_share": "professionals die in een jaar vertrokken / gemiddeld aantal professionals",
    "cooperative_volunteers": "vrijwilligers actief bij de enquête",
    "volunteers_overasked": "actieve vrijwilligers met een belasting op of boven de grens van overvraagd "
                            "(de helft van de burn-outgrens)",
    "volunteers_left_share": "vrijwilligers actief aan het begin van een jaar die aan het eind niet meer actief zijn "
                             "(om welke reden ook)",
    "volunteer_burnouts_per_100": "burn-outs in een jaar per 100 vrijwilligers actief bij de enquête",
    "supporters": "dorpsondersteuners en buurtassistenten bij de enquête",
    "wlz_per_resident": "Wlz-uitgaven in een jaar per inwoner",
    "district_nursing_per_resident": "uitgaven aan wijkverpleging (Zvw) in een jaar per inwoner",
}


def meaning(name: str, lang: str) -> str:
    """An output's meaning in English or Dutch."""
    return MEANING_NL[name] if lang == "nl" else BY_NAME[name].meaning
