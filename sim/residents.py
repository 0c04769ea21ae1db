"""Residents: the state of every person as numpy arrays, plus a thin Mesa agent per person.

The arrays are authoritative (population-wide updates are vectorised); `Resident` is the Mesa
agent that reads them, so students and the browser page can inspect one person.
"""

from enum import IntEnum

import mesa
import numpy as np

KINDS = ("social", "domestic", "personal", "round_the_clock")  # need kinds, see ODD "assess_needs"
SOURCES = ("informal", "volunteer", "professional")  # who gives care
MAX_CARERS = 4  # informal carers a person can have at most (carers.max_carers <= this)
LEVELS = ("none", "low", "moderate", "substantial", "critical")  # care-need levels (Silverman et al. 2013)
SOCIAL, DOMESTIC, PERSONAL, ROUND_THE_CLOCK = range(4)
INFORMAL, VOLUNTEER, PROFESSIONAL = range(3)


class Status(IntEnum):
    HOME = 0
    NURSING_HOME = 1
    DEAD = 2
    MOVED_OUT = 3


class VolunteerStatus(IntEnum):
    NONE = 0
    ACTIVE = 1
    BURNT_OUT = 2
    QUIT = 3  # stopped: may be asked, or sign up, again like anyone
    GAVE_UP = 4  # burnt out and never coming back


# name -> (dtype, initial value) of every per-person array
FIELDS = {
    "status": (np.int8, Status.DEAD),
    "age": (np.float64, 0.0),
    "household": (np.int32, -1),
    "street": (np.int32, -1),
    "frailty": (np.float64, 0.0),  # the lasting frailty index
    "episode": (np.float64, 0.0),  # frailty added by a current episode of limitation (illness, injury) until it ends
    "acute": (np.float64, 0.0),  # frailty added by a recent crisis that wanes as the person recovers
    "proneness": (np.float64, 1.0),  # personal multiplier of frailty growth
    "dementia": (np.bool_, False),
    "shyness": (np.float64, 0.0),  # help-seeking shyness now
    "shyness_base": (np.float64, 0.0),  # the person's own shyness, which the current drifts back to
    "loneliness": (np.float64, 0.0),
    "lonely_base": (np.float64, 0.0),  # the loneliness a person drifts back to (from their rank and age)
    "lonely_rank": (np.float64, 0.0),  # a person's place among peers from most to least lonely (0-1, stable)
    "activity_ties": (np.int16, 0),  # ties made at activities that still last
    "member": (np.bool_, False),
    "level": (np.int8, 0),  # care-need level 0..4 (none, low, moderate, substantial, critical)
    "client": (np.bool_, False),  # need known to the formal system (a handler accepted a request)
    "pending": (np.bool_, False),  # a request is queued or waiting for an indication
    "assessed_level": (np.int8, 0),  # need level when a handler last took on the person's request
    "needs_review": (np.bool_, False),  # a client's volunteer or carer stopped: they will ask again
    "nursing_ok": (np.bool_, False),  # admitted to district nursing (Zvw)
    "domestic_ok": (np.bool_, False),  # granted Wmo domestic help
    "coached": (np.bool_, False),  # has a pooled-budget coach package
    "coached_since": (np.int32, -1),  # week (model clock) the pooled-budget coach took the person on
    "heard_of_places": (np.bool_, False),  # has heard of the new activity places a lump-sum budget buys
    "buddy": (np.int32, -1),  # matched volunteer (resident index)
    "care_willingness": (np.float64, 1.0),  # x the typical hours this person gives as a carer (personal)
    "distance_rank": (np.float64, 1.0),  # cares for someone outside the community while below the age's share
    "carer_strain": (np.float64, 0.0),  # strain of this person as a carer
    "carer_burden": (np.float64, 0.0),  # this person's own part of how heavy caring feels (0-1, stable): see carers.py
    "collapsed_until": (np.int32, -1),  # week (model clock) until which this carer gives no care
    "vol_status": (np.int8, VolunteerStatus.NONE),
    "vol_strain": (np.float64, 0.0),
    "vol_load": (np.float64, 0.0),  # hours asked of this volunteer this week
    "vol_tasks": (np.float64, 0.0),  # hours of one-off practical tasks this volunteer took on this week
    "vol_resilience": (np.float64, 1.0),
    "vol_back_at": (np.int32, -1),
    "active_until": (np.int32, -1),  # week until which the person counts as active (meals, exercise)
    "last_visit": (np.int32, -10**6),  # week of the last outreach visit
    "unmet_fraction": (np.float64, 0.0),  # share of last week's need that went unmet
    "born_week": (np.int32, 0),  # week the person joined the model
    "admitted_week": (np.int32, 0),  # week (model clock) the person moved into a nursing home (before 0: at the start)
}


def add_columns(table: np.ndarray) -> np.ndarray:
    """`table.sum(axis=1)` of a float table with a few columns (kinds of need, carers): added column by column, which
    is the order numpy adds fewer than 8 numbers in (the same bits), without its slow reduction over a short axis."""
    if table.shape[1] >= 8:
        return table.sum(axis=1)
    total = table[:, 0].copy()
    for k in range(1, table.shape[1]):
        total += table[:, k]
    return total


class Residents:
    """Arrays over all persons ever created; `status` says who is present."""

    def __init__(self, capacity: int):
        self.n = 0
        for name, (dtype, init) in FIELDS.items():
            setattr(self, name, np.full(capacity, init, dtype=dtype))
        self.need = np.zeros((capacity, 4))  # hours per week by kind, this step
        self.given = np.zeros((capacity, 3, 4))  # hours by source (informal, volunteer, professional) x kind
        self.carers = np.full((capacity, MAX_CARERS), -1, dtype=np.int32)  # informal carers, in care order
        self.carer_hours = np.zeros((capacity, MAX_CARERS))  # hours a week received from each of them

    @property
    def capacity(self) -> int:
        return self.status.size

    def add(self, count: int) -> np.ndarray:
        """Reserve `count` new person slots (growing arrays if needed) and return their indices."""
        if self.n + count > self.capacity:
            self._grow(max(self.capacity * 2, self.n + count))
        idx = np.arange(self.n, self.n + count)
        self.n += count
        return idx

    def _grow(self, new_capacity: int) -> None:
        for name, (dtype, init) in FIELDS.items():
            old = getattr(self, name)
            new = np.full(new_capacity, init, dtype=dtype)
            new[: old.size] = old
            setattr(self, name, new)
        for name in ("need", "given", "carers", "carer_hours"):
            old = getattr(self, name)
            new = np.full((new_capacity,) + old.shape[1:], -1 if name == "carers" else 0, dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)

    def view(self, name: str) -> np.ndarray:
        """The first n entries of an array (all persons ever created)."""
        return getattr(self, name)[: self.n]

    @property
    def home(self) -> np.ndarray:
        return self.status[: self.n] == Status.HOME

    @property
    def present(self) -> np.ndarray:
        return self.status[: self.n] <= Status.NURSING_HOME

    @property
    def adult_at_home(self) -> np.ndarray:
        return self.home & (self.age[: self.n] >= 18)

    def total_need(self) -> np.ndarray:
        """Hours each person needs this week, all kinds together."""
        return add_columns(self.need[: self.n])

    def total_given(self, source: int | None = None) -> np.ndarray:
        """Hours each person was given this week by `source` (or by all sources), all kinds together (the same bits
        as `given.sum(axis=(1, 2))`, whose two short axes numpy reduces slowly)."""
        given = self.given[: self.n]
        if source is None:
            return given.reshape(self.n, len(SOURCES) * len(KINDS)).sum(axis=1)
        return add_columns(given[:, source])

    def household_size(self) -> np.ndarray:
        """How many people live at home in each person's household (1: living alone)."""
        household = self.view("household").clip(0)
        return np.bincount(household[self.home], minlength=int(household.max(initial=0)) + 1)[household]


class Resident(mesa.Agent):
    """One person: a handle on row `idx` of the model's `Residents` arrays (the arrays are authoritative)."""

    def __init__(self, model: mesa.Model, idx: int):
        super().__init__(model)
        self.idx = idx

    def __getattr__(self, name: str):
        arrays = self.__dict__.get("model") and self.model.people
        if arrays is not None and name in FIELDS:
            return getattr(arrays, name)[self.idx]
        raise AttributeError(name)

    @property
    def need_hours(self) -> dict[str, float]:
        """This week's need in hours by kind."""
        return dict(zip(KINDS, self.model.people.need[self.idx].tolist()))

    @property
    def given_hours(self) -> dict[str, float]:
        """This week's care in hours by source (informal, volunteer, professional)."""
        return dict(zip(SOURCES, self.model.people.given[self.idx].sum(axis=1).tolist()))

    @property
    def care_state(self) -> "CareState":
        return CareState(self.model.care_states()[self.idx])

    def describe(self) -> dict[str, str]:
        """This person's state in words and numbers, as the browser page shows it."""
        people, i = self.model.people, self.idx
        known = self.model.staff.known_by(i)
        return {
            "resident": f"#{i}, {people.age[i]:.0f} years, {Status(people.status[i]).name.lower().replace('_', ' ')}",
            "care": self.care_state.label,
            "need level": f"{LEVELS[people.level[i]]}{' (dementia)' if people.dementia[i] else ''}",
            "need": ", ".join(f"{k.replace('_', ' ')} {h:.0f} h" for k, h in self.need_hours.items() if h > 0) or "-",
            "care given": ", ".join(f"{k} {h:.0f} h" for k, h in self.given_hours.items() if h > 0) or "-",
            "frailty index": f"{people.frailty[i]:.2f}",
            "shyness": f"{people.shyness[i]:.2f}",
            "loneliness": f"{people.loneliness[i]:.2f}",
            "known by": ", ".join(known) or "no professional",
            "carers": ", ".join(f"#{c} ({h:.0f} h)" for c, h in zip(people.carers[i], people.carer_hours[i])
                                if c >= 0) or "-",
            "volunteer": VolunteerStatus(people.vol_status[i]).name.lower().replace("_", " ")
            + (f", strain {people.vol_strain[i]:.2f}" if people.vol_status[i] else ""),
            "member": "yes" if people.member[i] else "no",
        }


class CareState(IntEnum):
    """How a person's need stands this week (computed by `visibility.care_states`, read by recorder and page)."""

    NO_NEED = 0
    MET = 1
    UNMET_KNOWN = 2  # unmet, but someone in the system knows
    HIDDEN = 3  # unmet, and nobody in the system knows the person
    NURSING_HOME = 4
    GONE = 5  # died or moved away

    @property
    def label(self) -> str:
        return ("no need", "need met", "unmet, known", "hidden need", "nursing home", "gone")[self]
