"""What one week looks like from outside: the time-series row (one per recorded week), collected in a table of Mesa's
DataCollector. The columns are declared in sim/schema.py; this module says how each is measured."""

from dataclasses import asdict

import numpy as np

from .carers import carers_now, overburdened
from .professionals import Role
from .residents import KINDS, CareState, Status, VolunteerStatus
from .schema import ITEM, SERIES_NAMES, WMO, ZVW


def record_step(model) -> None:
    """Measure this week into `model.row` (every declared series, nothing else)."""
    people, ledger = model.people, model.ledger
    present, home = people.present, people.home
    age = people.view("age")
    given = people.given[: people.n]
    need = people.total_need()
    unmet = need - people.total_given()
    volunteer = people.view("vol_status")
    active = volunteer == VolunteerStatus.ACTIVE
    adults = home & (age >= 18)
    older = home & (age >= 65)
    clients = np.flatnonzero(home & people.view("client") & (need > 0))
    caseload, tenure = model.staff.caseload_and_tenure(clients)
    states = np.bincount(model.care_states(), minlength=len(CareState))
    by_kind = given[:, 0] + given[:, 1] + given[:, 2]  # the three sources, in the order `sum(axis=1)` adds them
    unmet_by_kind = np.maximum(people.need[: people.n] - by_kind, 0.0).sum(axis=0)
    row = asdict(model.events)
    row.update(
        step=model.week, time_years=model.week / model.steps_per_year,
        population=int(present.sum()), n_65plus=int((present & (age >= 65)).sum()),
        n_80plus=int((present & (age >= 80)).sum()), mean_frailty=float(people.view("frailty")[present].mean()),
        n_dementia=int((present & people.view("dementia")).sum()),
        need_hours=float(need.sum()), met_informal_hours=float(given[:, 0].sum()),
        met_volunteer_hours=float(given[:, 1].sum()), met_professional_hours=float(given[:, 2].sum()),
        unmet_hours=float(unmet.sum()), **{f"unmet_{k}_hours": float(h) for k, h in zip(KINDS, unmet_by_kind)},
        n_with_need=int((home & (need > 0)).sum()), n_hidden_need=int(states[CareState.HIDDEN]),
        n_clients=int(clients.size), n_in_nursing_home=int((people.view("status") == Status.NURSING_HOME).sum()),
        n_volunteers_active=int(active.sum()),
        n_volunteers_burnt_out=int((volunteer == VolunteerStatus.BURNT_OUT).sum()),
        volunteer_strain=float(people.view("vol_strain")[active].mean()) if active.any() else 0.0,
        coordination=float(model.coordination), n_carers=int(carers_now(people).size),
        n_carers_overburdened=overburdened(people, model.cfg.carers, model.clock),
        lonely_share=float((people.view("loneliness")[adults] > model.cfg.loneliness.threshold).mean()),
        loneliness_65plus=11 * float(people.view("loneliness")[older].mean()) if older.any() else 0.0,
        adult_shyness=float(people.view("shyness")[adults].mean()),
        n_members=int((present & people.view("member")).sum()),
        relational_continuity=model.staff.continuity(clients),
        supporter_hours=model.staff.hours(Role.SUPPORTER, Role.ASSISTANT), mean_caseload=caseload,
        n_coached=int((home & people.view("coached")).sum()),
        heard_of_activities=float(people.view("heard_of_places")[older].mean()) if older.any() else 0.0,
        mean_staff_tenure_years=tenure,
        wmo_client_stop=int(model.funders[WMO].client_stop), zvw_client_stop=int(model.funders[ZVW].client_stop),
        **{f"cost_{payer}_eur": cost for payer, cost in ledger.step_cost.items()},
        cost_public_eur=ledger.step_public, cost_total_eur=sum(ledger.step_cost.values()),
        overhead_eur=ledger.step_overhead, procurement_eur=ledger.step_items.get(ITEM.procurement, 0.0),
        informal_care_value_eur=float(given[:, 0].sum()) * model.cfg.prices.informal_care_per_hour,
    )
    if row.keys() != set(SERIES_NAMES):
        raise KeyError(f"recorded columns differ from the schema: {sorted(set(row) ^ set(SERIES_NAMES))}")
    model.row = row


WEEKLY = "weekly"  # the DataCollector's table of weekly rows


def tables() -> dict[str, list[str]]:
    """Mesa DataCollector tables: one row a week, a column per declared series in schema order. A table takes the
    week's row at once; model reporters would call a function and deep-copy a number per column."""
    return {WEEKLY: list(SERIES_NAMES)}


def weekly_series(model):
    """The recorded weeks so far, one row each (a pandas DataFrame)."""
    return model.datacollector.get_table_dataframe(WEEKLY)
