"""What one step looks like from outside: the time-series row (one per step) collected by Mesa's DataCollector."""

import numpy as np

from .carers import overburdened
from .help_seeking import hidden_now
from .params import PAYERS
from .professionals import Role
from .residents import KINDS, Status, VolunteerStatus

COUNTS = (  # events counted during the step (model.record)
    "help_requests", "referrals", "gave_up", "client_stops", "nursing_home_admissions", "deaths", "births",
    "moved_in", "moved_out", "crises", "dementia_onsets", "volunteer_burnouts", "volunteers_quit",
    "volunteers_aged_out", "volunteers_recruited", "carer_collapses", "meals_served", "new_ties",
    "outreach_visits", "found_by_outreach", "staff_left", "clients_lost", "tenders", "provider_switches",
    "grant_endings", "grant_renewals",
)
COLUMNS = (
    "step", "year", "population", "n_65plus", "n_80plus", "mean_frailty", "n_dementia",
    "need_hours", "met_informal_hours", "met_volunteer_hours", "met_professional_hours", "unmet_hours",
    *(f"unmet_{kind}_hours" for kind in KINDS),
    "n_with_need", "n_hidden_need", "n_clients", "help_requests", "referrals", "mean_level_at_request", "gave_up",
    "client_stops", "n_in_nursing_home", "nursing_home_admissions", "deaths", "births", "moved_in", "moved_out",
    "crises", "dementia_onsets", "n_volunteers_active", "n_volunteers_burnt_out", "volunteer_burnouts",
    "volunteers_quit", "volunteers_aged_out", "volunteers_recruited", "mean_volunteer_strain", "coordination",
    "n_carers", "n_carers_overburdened", "carer_collapses", "lonely_share", "mean_shyness", "n_members",
    "meals_served", "new_ties", "outreach_visits", "found_by_outreach", "relational_continuity",
    "supporter_hours", "mean_caseload", "mean_staff_tenure_years", "staff_left", "clients_lost", "tenders",
    "provider_switches", "grant_endings",
    "grant_renewals", "wmo_client_stop", "zvw_client_stop",
    *(f"cost_{payer}_eur" for payer in PAYERS), "cost_total_eur", "informal_care_value_eur",
)


def record_step(model) -> None:
    """Compute this step's row into `model.row`."""
    p, rec = model.people, model.record
    present, home = p.present, p.home
    age = p.view("age")
    given = p.given[: p.n]
    need = p.need[: p.n].sum(axis=1)
    unmet = need - given.sum(axis=(1, 2))
    volunteer = p.view("vol_status")
    active = volunteer == VolunteerStatus.ACTIVE
    adults = home & (age >= 18)
    carer = p.view("carer")
    clients = np.flatnonzero(home & p.view("client") & (need > 0))
    caseload, tenure = model.staff.caseload_and_tenure(clients)
    row = {c: rec.get(c, 0) for c in COUNTS}
    row.update(
        step=model.week, year=model.week / model.steps_per_year,
        population=int(present.sum()), n_65plus=int((present & (age >= 65)).sum()),
        n_80plus=int((present & (age >= 80)).sum()), mean_frailty=float(p.view("frailty")[present].mean()),
        n_dementia=int((present & p.view("dementia")).sum()),
        need_hours=float(need.sum()), met_informal_hours=float(given[:, 0].sum()),
        met_volunteer_hours=float(given[:, 1].sum()), met_professional_hours=float(given[:, 2].sum()),
        unmet_hours=float(unmet.sum()), n_with_need=int((home & (need > 0)).sum()),
        n_hidden_need=int(hidden_now(model, need - given[:, 0].sum(axis=1)).sum()), n_clients=int(clients.size),
        mean_level_at_request=rec["level_at_request_sum"] / rec["help_requests"] if rec["help_requests"] else np.nan,
        n_in_nursing_home=int((p.view("status") == Status.NURSING_HOME).sum()),
        n_volunteers_active=int(active.sum()),
        n_volunteers_burnt_out=int((volunteer == VolunteerStatus.BURNT_OUT).sum()),
        mean_volunteer_strain=float(p.view("vol_strain")[active].mean()) if active.any() else 0.0,
        coordination=float(model.coordination), n_carers=int(np.unique(carer[carer >= 0]).size),
        n_carers_overburdened=overburdened(model.people, model.cfg.carers, model.steps),
        lonely_share=float((p.view("loneliness")[adults] > model.cfg.help.loneliness_threshold).mean()),
        mean_shyness=float(p.view("shyness")[adults].mean()), n_members=int((present & p.view("member")).sum()),
        relational_continuity=model.staff.continuity(clients, model.steps, model.steps_per_year),
        supporter_hours=model.staff.hours(Role.SUPPORTER, Role.ASSISTANT), mean_caseload=caseload,
        mean_staff_tenure_years=tenure,
        wmo_client_stop=int(model.funders["wmo"].client_stop), zvw_client_stop=int(model.funders["zvw"].client_stop),
        cost_total_eur=sum(model.ledger.step_cost.values()),
        informal_care_value_eur=float(given[:, 0].sum()) * model.cfg.prices.informal_care_per_hour,
    )
    row.update({f"cost_{payer}_eur": cost for payer, cost in model.ledger.step_cost.items()})
    unmet_by_kind = np.maximum(p.need[: p.n] - given.sum(axis=1), 0.0).sum(axis=0)
    row.update({f"unmet_{kind}_hours": float(h) for kind, h in zip(KINDS, unmet_by_kind)})
    model.row = row


REPORTERS = {column: (lambda m, c=column: m.row[c]) for column in COLUMNS}
