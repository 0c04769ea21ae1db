"""The mechanisms through which each funding arrangement differs from the structural subsidy, declared once.

Every difference a policy makes runs through one of its mechanisms: switch them all off (`policy.off`) and the
arrangement behaves exactly as the structural subsidy does (tests/test_mechanisms.py checks it run by run). So a
policy's paired difference from the subsidy can be taken apart mechanism by mechanism (analysis/explained.py):
each switched off in turn on the same seeds, and what the parts do together shown as their interaction.
The policy classes (sim/policies.py) ask `policy.on(name)`; the register of policy assumptions
(data/policy_assumptions.csv) names the mechanism each parameter acts through."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    policy: str  # the arrangement it belongs to
    name: str  # as `policy.off` names it
    en: str  # a short label (tables, figures)
    nl: str
    what: str  # what it does in the model, in one sentence (English)
    wat: str  # the same in Dutch


M = Mechanism
MECHANISMS = (
    M("no_cooperative", "supporters", "no village supporters", "geen dorpsondersteuners",
      "the supporters and assistants leave: no home visits, no trusted route for questions, no Wmo authority in the "
      "village, no coordination of volunteers or support for carers, and no subsidy for them",
      "de ondersteuners en assistenten vertrekken: geen huisbezoeken, geen vertrouwde ingang voor vragen, geen "
      "Wmo-bevoegdheid in het dorp, geen coördinatie van vrijwilligers of steun aan mantelzorgers, en geen subsidie"),
    M("no_cooperative", "activities", "no members, meals or activities", "geen leden, maaltijden of activiteiten",
      "membership ends (no fees, donations or member ties to the cooperative) and with the cooperative's own money "
      "the shared meals and activities stop",
      "het lidmaatschap eindigt (geen contributie, giften of band van leden met de coöperatie) en met het eigen geld "
      "van de coöperatie stoppen de gezamenlijke maaltijden en activiteiten"),
    M("no_cooperative", "volunteer_centre", "a generic volunteer centre", "een algemene vrijwilligerscentrale",
      "a municipal volunteer centre matches volunteers only where they have room (and the Wmo pays their expenses) "
      "instead of the cooperative matching them with neighbours",
      "een gemeentelijke vrijwilligerscentrale koppelt vrijwilligers alleen waar ze ruimte hebben (en de Wmo betaalt "
      "hun onkosten) in plaats van dat de coöperatie ze aan buren koppelt"),
    M("lump_sum", "activity_places", "more activity places", "meer activiteitenplekken",
      "prevention money buys more places at meals and activities",
      "preventiegeld koopt meer plekken bij maaltijden en activiteiten"),
    M("lump_sum", "no_indication", "no indication procedure", "geen indicatieprocedure",
      "the area team decides on Wmo help itself: no indication, its delay, cost or people giving up",
      "het gebiedsteam beslist zelf over Wmo-hulp: geen indicatie, geen wachttijd, kosten of afhakers"),
    M("lump_sum", "area_budget", "a fixed area budget", "een vast gebiedsbudget",
      "one budget for domestic help and support, paid whatever is produced and never faded, instead of hours billed "
      "one by one and a subsidy for the supporters",
      "één budget voor huishoudelijke hulp en ondersteuning, betaald wat er ook geleverd wordt en zonder afbouw, in "
      "plaats van uren per stuk en een subsidie voor de ondersteuners"),
    M("tendering", "contract_price", "paid per hour at the contract price", "per uur betaald tegen contractprijs",
      "the municipality pays every supporter hour at the tender's contract price instead of subsidising the "
      "cooperative's own supporters",
      "de gemeente betaalt elk ondersteuningsuur tegen de contractprijs van de aanbesteding in plaats van de eigen "
      "ondersteuners van de coöperatie te subsidiëren"),
    M("tendering", "procurement", "procurement costs", "aanbestedingskosten",
      "each tender costs the buyer and the bidders money", "elke aanbesteding kost de inkoper en de inschrijvers geld"),
    M("tendering", "provider_switch", "provider switches", "wisseling van aanbieder",
      "the incumbent can lose: a new team replaces the supporters and their relationships, and the cooperative "
      "keeps its assistants only as a subcontractor",
      "de zittende partij kan verliezen: een nieuw team vervangt de ondersteuners en hun relaties, en de coöperatie "
      "houdt haar assistenten alleen als onderaannemer"),
    M("tendering", "per_hour_contract", "only billed hours paid", "alleen declarabele uren betaald",
      "a per-hour contract pays for only part of the home visits and volunteer coordination nobody bills for",
      "een contract per uur betaalt maar een deel van de huisbezoeken en vrijwilligerscoördinatie die niemand "
      "declareert"),
    M("project_grant", "grant_ends", "the grant may end", "de subsidie kan stoppen",
      "at the end of each term the grant is renewed only by chance; unrenewed, the supporters leave",
      "aan het eind van elke termijn wordt de subsidie alleen bij toeval verlengd; zonder verlenging vertrekken de "
      "ondersteuners"),
    M("project_grant", "fund_pays", "a fund pays, not the Wmo", "een fonds betaalt, niet de Wmo",
      "a temporary fund pays the supporters, fixed for its term, instead of the municipality",
      "een tijdelijk fonds betaalt de ondersteuners, vast voor de looptijd, in plaats van de gemeente"),
    M("pooled_budget", "no_indication", "no indication procedure", "geen indicatieprocedure",
      "the coach decides on Wmo help: no indication, its delay, cost or people giving up",
      "de coach beslist over Wmo-hulp: geen indicatie, geen wachttijd, kosten of afhakers"),
    M("pooled_budget", "coach_prevention", "fewer admissions and crises", "minder opnames en crises",
      "the coach's prevention lowers the admission and crisis hazards of coached clients",
      "de preventie van de coach verlaagt de kans op opname en crisis van begeleide cliënten"),
    M("pooled_budget", "day_care", "day care", "dagbesteding",
      "the coach buys day care in place of round-the-clock care at home, which keeps clients active and relieves "
      "their carers",
      "de coach koopt dagbesteding in plaats van zorg thuis, wat cliënten actief houdt en hun mantelzorgers ontlast"),
    M("pooled_budget", "home_adaptation", "home adaptations", "woningaanpassingen",
      "the coach buys a home adaptation once per client", "de coach koopt eenmalig een woningaanpassing per cliënt"),
    M("pooled_budget", "coach_time", "coaching takes the supporters' time", "coaching kost tijd van ondersteuners",
      "the coach is the supporters' own time: what coaching takes is not there for requests and home visits",
      "de coach is de eigen tijd van de ondersteuners: wat coaching kost, gaat af van hulpvragen en huisbezoeken"),
    M("pooled_budget", "one_budget", "one budget across the laws", "één budget over de wetten",
      "the coach's purchases come from one pool the Wmo, Zvw and Wlz fund in agreed shares, outside each payer's own "
      "ceiling, instead of from the Wmo's budget (where they can stop new Wmo clients)",
      "de inkoop van de coach komt uit één pot die Wmo, Zvw en Wlz in afgesproken delen vullen, buiten het eigen "
      "plafond van elke betaler, in plaats van uit het Wmo-budget (waar ze nieuwe Wmo-cliënten kan stoppen)"),
)
NAMES = tuple(dict.fromkeys(m.name for m in MECHANISMS))  # every name `policy.off` accepts
EXPLAINED_POLICIES = tuple(dict.fromkeys(m.policy for m in MECHANISMS))  # arrangements with mechanisms


def of(policy: str) -> tuple[Mechanism, ...]:
    """The mechanisms of one arrangement (none for the structural subsidy, the reference)."""
    return tuple(m for m in MECHANISMS if m.policy == policy)


def names_of(policy: str) -> tuple[str, ...]:
    return tuple(m.name for m in of(policy))


def find(policy: str, name: str) -> Mechanism:
    return next(m for m in of(policy) if m.name == name)
