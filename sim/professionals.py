"""Professionals: village supporters, neighbourhood assistants, district nurses, domestic-help workers
and the municipal counter; their hours, caseloads, relationships and turnover.

Relationships are held sparsely: each worker holds the residents they know (sorted) and the week they first met
each (`Professional.known`, `Professional.since`), and the staff count, per role and resident, how many current
workers know the resident (`Staff.n_known`). So "does anyone know this person" is a lookup per resident, and every
weekly question costs residents + relationships, never workers x residents. A leaver takes their relationships with
them; a provider switch ends every relationship of that provider at once.
"""

from enum import StrEnum
from functools import cache

import mesa
import numpy as np

from .params import StaffParams
from .rates import step_prob


class Role(StrEnum):
    SUPPORTER = "supporter"  # village supporter / dorpsondersteuner (cooperative or welfare provider)
    ASSISTANT = "assistant"  # neighbourhood assistant going door to door
    NURSE = "nurse"  # district nurse (Zvw)
    DOMESTIC = "domestic"  # domestic-help worker (Wmo)
    COUNTER = "counter"  # municipal Wmo consultant at the anonymous counter


RELATIONAL = (Role.SUPPORTER, Role.ASSISTANT)  # roles whose relationships make people trust and be known
ALL_ROLES = tuple(Role)
LINKS = tuple(r for r in Role if r != Role.COUNTER)  # workers who know a client in person (the counter: by case file)


@cache
def role_rows(roles: tuple[Role, ...]) -> slice | list[int]:
    """The rows of `Staff.n_known` that hold `roles`: a slice where they are neighbours (the relational roles, all
    roles), so that reading them copies nothing."""
    rows = sorted(ALL_ROLES.index(role) for role in roles)
    return slice(rows[0], rows[-1] + 1) if rows == list(range(rows[0], rows[-1] + 1)) else rows


class Professional(mesa.Agent):
    """One worker: role, employer, weekly hours, tenure, a slot (their place in per-worker draws) and the residents
    they know."""

    def __init__(self, model: mesa.Model, role: Role, employer: str, hours_per_week: float, slot: int):
        super().__init__(model)
        self.role, self.employer, self.hours_per_week, self.slot = role, employer, hours_per_week, slot
        self.hired_week = model.clock
        self.known = np.empty(0, dtype=np.int64)  # residents this worker knows, ascending
        self.since = np.empty(0, dtype=np.int32)  # the week (model clock) they first met each of them

    def knows(self, residents: np.ndarray) -> np.ndarray:
        """Whether this worker knows each of `residents` (a binary search in the worker's own list)."""
        pos = np.minimum(np.searchsorted(self.known, residents), max(self.known.size - 1, 0))
        return self.known[pos] == residents if self.known.size else np.zeros(np.shape(residents), dtype=bool)

    @property
    def tenure_years(self) -> float:
        return (self.model.clock - self.hired_week) / self.model.steps_per_year

    @property
    def caseload(self) -> int:
        """Residents this worker knows who are clients now."""
        return int(self.model.people.client[self.known].sum())

    def effective_hours(self) -> float:
        return self.hours_per_week


class Staff:
    """All professionals of the community, who knows whom, and pending vacancies."""

    def __init__(self, model: mesa.Model, capacity: int, p: StaffParams):
        self.model, self.p = model, p
        self.n_known = np.zeros((len(ALL_ROLES), capacity), dtype=np.int32)  # current workers per role knowing each
        self.members: list[Professional] = []
        self._of: dict[tuple[Role, ...], tuple[Professional, ...]] = {}  # `of(roles)` until someone comes or goes
        self.vacancies: list[tuple[int, Role, str, float]] = []  # (week filled, role, employer, hours)
        self.orphaned: list[np.ndarray] = []  # residents whose last worker in person (LINKS) left this week

    @property
    def n_slots(self) -> int:
        """One more than the highest slot in use: how many per-slot draws a week needs."""
        return max((m.slot for m in self.members), default=-1) + 1

    def hire(self, role: Role, employer: str, hours: float) -> Professional:
        """A new worker, in the lowest free slot, knowing nobody."""
        used = {m.slot for m in self.members}
        slot = next(s for s in range(len(used) + 1) if s not in used)
        pro = Professional(self.model, role, employer, hours, slot)
        self.members.append(pro)
        self._of.clear()
        return pro

    def grow(self, capacity: int) -> None:
        """Follow the residents' arrays when they grow."""
        if capacity > self.n_known.shape[1]:
            extra = np.zeros((self.n_known.shape[0], capacity - self.n_known.shape[1]), dtype=np.int32)
            self.n_known = np.hstack([self.n_known, extra])

    def leave(self, pro: Professional, replace_after: int | None) -> None:
        """A worker leaves with their relationships (people who knew no one else in the system grow shyer);
        optionally a successor starts after a vacancy."""
        self.members.remove(pro)
        self._of.clear()
        knew = pro.known
        self.n_known[ALL_ROLES.index(pro.role), knew] -= 1
        alone = knew[~self.n_known[:, knew].any(axis=0)]
        self.orphaned.append(knew[~self.known_among(knew, LINKS)])
        pro.known, pro.since = pro.known[:0], pro.since[:0]
        people = self.model.people
        people.shyness[alone] = np.minimum(1.0, people.shyness[alone] + self.model.cfg.help.loss_shyness_rise)
        pro.remove()
        self.model.events.staff_left += 1
        if replace_after is not None:
            self.vacancies.append((self.model.clock + replace_after, pro.role, pro.employer, pro.hours_per_week))

    def turnover(self, rate_per_year: float, dt: float, vacancy_weeks: int, draws: np.ndarray) -> None:
        """Each worker leaves with the yearly turnover hazard (`draws`: this week's draw per slot); vacancies are
        filled when due."""
        leaving = [m for m in self.members if draws[m.slot] < step_prob(rate_per_year, dt)]
        for pro in leaving:
            self.leave(pro, vacancy_weeks)
        due = [v for v in self.vacancies if v[0] <= self.model.clock]
        self.vacancies = [v for v in self.vacancies if v[0] > self.model.clock]
        for _, role, employer, hours in due:
            self.hire(role, employer, hours)

    def take_orphaned(self) -> np.ndarray:
        """The residents whose last worker in person left since the last call (ascending, each once)."""
        orphaned = np.unique(np.concatenate(self.orphaned)) if self.orphaned else np.empty(0, dtype=np.int64)
        self.orphaned = []
        return orphaned

    def disband(self, *roles: Role) -> None:
        """Everyone in `roles` leaves for good and their open vacancies are not filled (funding has stopped)."""
        for pro in self.of(*roles):
            self.leave(pro, replace_after=None)
        self.vacancies = [v for v in self.vacancies if v[1] not in roles]

    def replace_team(self, employer: str, new_employer: str, kept_share: float = 0.0) -> np.ndarray:
        """A provider switch: the new provider takes over `kept_share` of the team (with their relationships); every
        other worker of `employer` leaves at once and a newcomer who knows nobody takes their hours; posts left open
        by earlier leavers become the new provider's to fill (the hours are contracted). Returns the residents the
        leavers knew (their files go to the new team, their relationships do not)."""
        team = [m for m in self.members if m.employer == employer]
        self.vacancies = [(due, role, new_employer if e == employer else e, hours) for due, role, e, hours in
                          self.vacancies]
        kept = round(kept_share * len(team))
        knew = [pro.known for pro in team[kept:]]
        for pro in team[:kept]:
            pro.employer = new_employer
        for pro in team[kept:]:
            self.leave(pro, None)
            self.hire(pro.role, new_employer, pro.hours_per_week)
        return np.unique(np.concatenate(knew)) if knew else np.empty(0, dtype=np.int64)

    def of(self, *roles: Role) -> tuple[Professional, ...]:
        """The current workers in `roles`, in order of hiring (asked many times a week, so kept until a change)."""
        if roles not in self._of:
            self._of[roles] = tuple(m for m in self.members if m.role in roles)
        return self._of[roles]

    def hours(self, *roles: Role) -> float:
        return sum(m.effective_hours() for m in self.of(*roles))

    def meet(self, pro: Professional, residents: np.ndarray) -> None:
        """Start relationships with residents not yet known to this worker."""
        new = residents[~pro.knows(residents)]
        if new.size == 0:
            return
        if new.size > 1:  # one person (a request) is the common case
            new = np.unique(new)
        at = np.searchsorted(pro.known, new)
        pro.known = np.insert(pro.known, at, new)
        pro.since = np.insert(pro.since, at, np.int32(self.model.clock))
        self.n_known[ALL_ROLES.index(pro.role), new] += 1

    def known(self, n: int, roles: tuple[Role, ...] = RELATIONAL) -> np.ndarray:
        """Whether each of residents 0..n-1 knows at least one current worker in `roles`."""
        return self.known_among(slice(0, n), roles)

    def known_among(self, residents, roles: tuple[Role, ...] = RELATIONAL) -> np.ndarray:
        """Whether each of `residents` (indices or a slice) knows at least one current worker in `roles`."""
        return (self.n_known[role_rows(roles), residents] > 0).any(axis=0)

    def known_by(self, resident: int) -> list[str]:
        """The roles of the current workers who know `resident` (for one person's view)."""
        return [str(m.role) for m in self.members if m.knows(np.array([resident]))[0]]

    def caseload_and_tenure(self, clients: np.ndarray) -> tuple[float, float]:
        """Mean clients known per care worker (all but the counter) and their mean tenure [years]."""
        workers = [m for m in self.members if m.role != Role.COUNTER]
        if not workers:
            return 0.0, 0.0
        is_client = np.zeros(self.n_known.shape[1], dtype=bool)
        is_client[clients] = True
        known = np.array([int(is_client[m.known].sum()) for m in workers])
        return float(known.mean()), float(np.mean([m.tenure_years for m in workers]))

    def continuity(self, who: np.ndarray) -> float:
        """Mean over `who` of the longest current relationship, in units of `continuity_years` (capped at 1)."""
        if who.size == 0 or not self.members:
            return 0.0 if who.size else float("nan")
        first = np.full(self.n_known.shape[1], np.iinfo(np.int32).max, dtype=np.int32)  # earliest week met
        np.minimum.at(first, np.concatenate([m.known for m in self.members]),
                      np.concatenate([m.since for m in self.members]))
        since = first[who]
        years = np.where(since < np.iinfo(np.int32).max, (self.model.clock - since) / self.model.steps_per_year, 0.0)
        return float(np.minimum(years / self.p.continuity_years, 1.0).mean())
