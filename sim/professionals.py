"""Professionals: village supporters, neighbourhood assistants, district nurses, domestic-help workers
and the municipal counter; their hours, caseloads, relationships and turnover.

Relationships are a matrix `known_since[slot, resident]` (step first met, -1 if not), so that
relational continuity and "does anyone know this person" are numpy operations. A leaver takes
their row with them; a provider switch empties every row of that provider at once.
"""

from enum import StrEnum

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


class Professional(mesa.Agent):
    """One worker: role, employer, weekly hours, tenure and a row of relationships."""

    def __init__(self, model: mesa.Model, role: Role, employer: str, hours_per_week: float, slot: int):
        super().__init__(model)
        self.role, self.employer, self.hours_per_week, self.slot = role, employer, hours_per_week, slot
        self.hired_week = model.clock
        self.transition_until = -1  # a new provider's team works at `transition_capacity` until this week
        self.transition_capacity = 1.0

    @property
    def tenure_years(self) -> float:
        return (self.model.clock - self.hired_week) / self.model.steps_per_year

    @property
    def caseload(self) -> int:
        """Residents this worker knows who are clients now."""
        known = self.model.staff.known_since[self.slot, : self.model.people.n] >= 0
        return int((known & self.model.people.view("client")).sum())

    def effective_hours(self) -> float:
        return self.hours_per_week * (self.transition_capacity if self.model.clock < self.transition_until else 1.0)


class Staff:
    """All professionals of the community, their relationship matrix and pending vacancies."""

    def __init__(self, model: mesa.Model, capacity: int, p: StaffParams):
        self.model, self.p = model, p
        self.known_since = np.full((8, capacity), -1, dtype=np.int32)
        self.members: list[Professional] = []
        self.vacancies: list[tuple[int, Role, str, float]] = []  # (week filled, role, employer, hours)

    def hire(self, role: Role, employer: str, hours: float) -> Professional:
        used = {m.slot for m in self.members}
        slot = next(s for s in range(self.known_since.shape[0] + 1) if s not in used)
        if slot >= self.known_since.shape[0]:
            self.known_since = np.vstack([self.known_since, np.full_like(self.known_since, -1)])
        self.known_since[slot] = -1
        pro = Professional(self.model, role, employer, hours, slot)
        self.members.append(pro)
        return pro

    def grow(self, capacity: int) -> None:
        """Follow the residents' arrays when they grow."""
        if capacity > self.known_since.shape[1]:
            extra = np.full((self.known_since.shape[0], capacity - self.known_since.shape[1]), -1, np.int32)
            self.known_since = np.hstack([self.known_since, extra])

    def leave(self, pro: Professional, replace_after: int | None) -> None:
        """A worker leaves with their relationships (people who knew no one else in the system grow shyer);
        optionally a successor starts after a vacancy."""
        self.members.remove(pro)
        knew = np.flatnonzero(self.known_since[pro.slot] >= 0)
        self.known_since[pro.slot] = -1
        if knew.size and self.members:
            alone = knew[~(self.known_since[[m.slot for m in self.members]][:, knew] >= 0).any(axis=0)]
        else:
            alone = knew
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

    def disband(self, *roles: Role) -> None:
        """Everyone in `roles` leaves for good and their open vacancies are not filled (funding has stopped)."""
        for pro in self.of(*roles):
            self.leave(pro, replace_after=None)
        self.vacancies = [v for v in self.vacancies if v[1] not in roles]

    def replace_team(self, employer: str, new_employer: str, transition_capacity: float, transition_weeks: int) -> int:
        """A provider switch: every worker of `employer` leaves at once; a new team starts cold."""
        team = [m for m in self.members if m.employer == employer]
        self.vacancies = [v for v in self.vacancies if v[2] != employer]
        for pro in team:
            self.leave(pro, None)
            new = self.hire(pro.role, new_employer, pro.hours_per_week)
            new.transition_until = self.model.clock + transition_weeks
            new.transition_capacity = transition_capacity
        return len(team)

    def of(self, *roles: Role) -> list[Professional]:
        return [m for m in self.members if m.role in roles]

    def hours(self, *roles: Role) -> float:
        return sum(m.effective_hours() for m in self.of(*roles))

    def meet(self, pro: Professional, residents: np.ndarray) -> None:
        """Start relationships with residents not yet known to this worker."""
        row = self.known_since[pro.slot]
        new = residents[row[residents] < 0]
        row[new] = self.model.clock

    def known(self, n: int, roles: tuple[Role, ...] = RELATIONAL) -> np.ndarray:
        """Whether each resident knows at least one current worker in `roles`."""
        slots = [m.slot for m in self.of(*roles)]
        if not slots:
            return np.zeros(n, dtype=bool)
        return (self.known_since[slots, :n] >= 0).any(axis=0)

    def known_by(self, resident: int) -> list[str]:
        """The roles of the current workers who know `resident` (for one person's view)."""
        return [str(m.role) for m in self.members if self.known_since[m.slot, resident] >= 0]

    def caseload_and_tenure(self, clients: np.ndarray) -> tuple[float, float]:
        """Mean clients known per care worker (all but the counter) and their mean tenure [years]."""
        workers = [m for m in self.members if m.role != Role.COUNTER]
        if not workers:
            return 0.0, 0.0
        known = self.known_since[[m.slot for m in workers]][:, clients] >= 0
        return float(known.sum(axis=1).mean()), float(np.mean([m.tenure_years for m in workers]))

    def continuity(self, who: np.ndarray) -> float:
        """Mean over `who` of the longest current relationship, in units of `continuity_years` (capped at 1)."""
        if who.size == 0 or not self.members:
            return 0.0 if who.size else float("nan")
        since = self.known_since[[m.slot for m in self.members]][:, who]
        years = np.where(since >= 0, (self.model.clock - since) / self.model.steps_per_year, 0.0).max(axis=0)
        return float(np.minimum(years / self.p.continuity_years, 1.0).mean())
