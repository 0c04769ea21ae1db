"""Professional care at home, paid per hour to the right payer, and nursing-home admission when
need at home cannot be met. Capacity is rationed evenly over the clients who are entitled to it.
"""

import numpy as np

from .health import lasting_level
from .params import CareParams
from .professionals import Role
from .rates import step_prob
from .residents import DOMESTIC, PERSONAL, ROUND_THE_CLOCK, Residents, Status, VolunteerStatus
from .schema import ITEM, WLZ, WMO, ZVW


def remaining_need(people: Residents) -> np.ndarray:
    """Need per kind left after informal and volunteer care."""
    n = people.n
    return np.maximum(people.need[:n] - people.given[:n, 0] - people.given[:n, 1], 0.0)


def ration(demand: np.ndarray, capacity: float) -> np.ndarray:
    """Share out `capacity` hours in proportion to demand."""
    total = demand.sum()
    return demand if total <= capacity else demand * (capacity / total)


def assign_workers(model, role: Role, clients: np.ndarray) -> None:
    """Clients not known by any worker of `role` get one (a new relationship)."""
    workers = model.staff.of(role)
    if not workers or clients.size == 0:
        return
    strangers = clients[~model.staff.known_among(clients, (role,))]
    for pro, new in zip(workers, (strangers[k :: len(workers)] for k in range(min(len(workers), strangers.size)))):
        model.staff.meet(pro, new)  # worker k takes strangers k, k + workers, ...; workers past the last take none


def deliver_professional_care(model) -> np.ndarray:
    """Wmo domestic help, Zvw nursing and Wlz care at home for entitled clients; returns hours per person."""
    people, prices, n = model.people, model.cfg.prices, model.people.n
    left = remaining_need(people)
    home = people.home & people.view("client")
    hours = np.zeros((n, 4))
    plans = (
        (DOMESTIC, people.view("domestic_ok"), Role.DOMESTIC, WMO, ITEM.domestic_help, prices.domestic_help_per_hour),
        (PERSONAL, people.view("nursing_ok"), Role.NURSE, ZVW, ITEM.district_nursing, prices.district_nursing_per_hour),
    )
    for kind, entitled, role, payer, item, price in plans:
        who = np.flatnonzero(home & entitled & (left[:, kind] > 0))
        capacity = model.staff.hours(role) * model.policy.capacity_factor(payer)
        hours[who, kind] = ration(left[who, kind], capacity)
        assign_workers(model, role, who)
        if model.policy.per_hour(payer):
            model.ledger.charge(payer, item, hours[:, kind].sum() * price)
    hours += model.policy.day_care(left - hours)  # a pooled coach's day care comes first (paid in the policy)
    limit = model.cfg.care.wlz_home_limit_hours * model.policy.capacity_factor(WLZ)  # a Wlz cut: less at home
    wlz = np.where(home, np.minimum(left[:, ROUND_THE_CLOCK] - hours[:, ROUND_THE_CLOCK], limit), 0.0)
    hours[:, ROUND_THE_CLOCK] += wlz
    model.ledger.charge(WLZ, ITEM.care_at_home, wlz.sum() * prices.personal_care_per_hour)
    people.given[:n, 2] = hours
    return hours


def admission_hazard(level: np.ndarray, unmet_fraction: np.ndarray, p: CareParams) -> np.ndarray:
    """Yearly admission hazard: at critical need, plus in proportion to unmet need at substantial need or more."""
    return p.admission_per_year_critical * (level == 4) + p.admission_per_year_unmet * unmet_fraction * (level >= 3)


def admit_to_nursing_homes(model) -> np.ndarray:
    """Admit people at home whose lasting need cannot be met there (less so with a pooled coach's package): a home is
    for a lasting need of care around the clock (a Wlz indication), so the level is that of lasting frailty and
    dementia, without a passing episode or crisis."""
    people = model.people
    at_home = np.flatnonzero(people.home)
    level = lasting_level(people.frailty[at_home], people.dementia[at_home], model.cfg)
    hazard = admission_hazard(level, people.unmet_fraction[at_home], model.cfg.care)
    hazard = hazard * (people.age[at_home] >= model.cfg.care.admission_min_age)
    hazard = hazard * (1 - model.policy.admission_reduction(people)[at_home])
    admit = at_home[model.streams.admission.uniform(model.clock, at_home) < step_prob(hazard, model.dt)]
    leave_home(people, admit, Status.NURSING_HOME)
    return admit


def leave_home(people: Residents, idx: np.ndarray, status: Status) -> None:
    """Someone leaves home (nursing home, death, moving): care ties and roles at home end."""
    if idx.size == 0:  # nobody left this week (most weeks): no pass over everyone's ties
        return
    people.status[idx] = status
    for name in ("client", "pending", "nursing_ok", "domestic_ok", "coached"):
        getattr(people, name)[idx] = False
    people.buddy[idx] = -1
    people.carers[idx] = -1
    people.carer_hours[idx] = 0.0
    people.need[idx] = 0.0
    people.given[idx] = 0.0
    people.unmet_fraction[idx] = 0.0
    active = idx[people.vol_status[idx] != VolunteerStatus.NONE]
    people.vol_status[active] = VolunteerStatus.QUIT
    people.buddy[np.isin(people.view("buddy"), idx).nonzero()[0]] = -1
    people.carers[: people.n][np.isin(people.carers[: people.n], idx)] = -1


def charge_nursing_homes(model) -> None:
    """Wlz pays every day of nursing-home care."""
    days = (model.people.view("status") == Status.NURSING_HOME).sum() * 365 * model.dt
    model.ledger.charge(WLZ, ITEM.nursing_home, days * model.cfg.prices.nursing_home_per_day)
