"""Residents: the state of every person as numpy arrays, plus a thin Mesa agent per person.

The arrays are authoritative (population-wide updates are vectorised); `Resident` is the Mesa
agent that reads them, so students and the browser page can inspect one person.
"""

from enum import IntEnum

import mesa
import numpy as np

KINDS = ("social", "domestic", "personal", "round_the_clock")  # need kinds, see ODD "Needs"
SOCIAL, DOMESTIC, PERSONAL, ROUND_THE_CLOCK = range(4)


class Status(IntEnum):
    HOME = 0
    NURSING_HOME = 1
    DEAD = 2
    MOVED_OUT = 3


class VolunteerStatus(IntEnum):
    NONE = 0
    ACTIVE = 1
    BURNT_OUT = 2
    QUIT = 3


# name -> (dtype, initial value) of every per-person array
FIELDS = {
    "status": (np.int8, Status.DEAD),
    "age": (np.float64, 0.0),
    "household": (np.int32, -1),
    "street": (np.int32, -1),
    "frailty": (np.float64, 0.0),
    "proneness": (np.float64, 1.0),  # personal multiplier of frailty growth
    "dementia": (np.bool_, False),
    "shyness": (np.float64, 0.0),
    "loneliness": (np.float64, 0.0),
    "lonely_base": (np.float64, 0.0),  # the loneliness a person drifts back to
    "member": (np.bool_, False),
    "level": (np.int8, 0),  # care-need level 0..4 (none, low, moderate, substantial, critical)
    "client": (np.bool_, False),  # need known to the formal system (a handler accepted a request)
    "pending": (np.bool_, False),  # a request is queued or waiting for an indication
    "nursing_ok": (np.bool_, False),  # admitted to district nursing (Zvw)
    "domestic_ok": (np.bool_, False),  # granted Wmo domestic help
    "coached": (np.bool_, False),  # has a pooled-budget coach package
    "buddy": (np.int32, -1),  # matched volunteer (resident index)
    "carer": (np.int32, -1),  # primary informal carer (resident index)
    "carer_strain": (np.float64, 0.0),  # strain of this person as a carer
    "collapsed_until": (np.int32, -1),  # step until which this carer gives no care
    "vol_status": (np.int8, VolunteerStatus.NONE),
    "vol_strain": (np.float64, 0.0),
    "vol_load": (np.float64, 0.0),  # hours asked of this volunteer this week
    "vol_resilience": (np.float64, 1.0),
    "vol_back_at": (np.int32, -1),
    "active_until": (np.int32, -1),  # step until which the person counts as active (meals, exercise)
    "last_visit": (np.int32, -10**6),  # step of the last outreach visit
    "unmet_share": (np.float64, 0.0),  # unmet / need last step
    "born_step": (np.int32, 0),
}


class Residents:
    """Arrays over all persons ever created; `status` says who is present."""

    def __init__(self, capacity: int):
        self.n = 0
        for name, (dtype, init) in FIELDS.items():
            setattr(self, name, np.full(capacity, init, dtype=dtype))
        self.need = np.zeros((capacity, 4))  # hours per week by kind, this step
        self.given = np.zeros((capacity, 3, 4))  # hours by source (informal, volunteer, professional) x kind

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
        for name in ("need", "given"):
            old = getattr(self, name)
            new = np.zeros((new_capacity,) + old.shape[1:])
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


class Resident(mesa.Agent):
    """One person: a handle on row `idx` of the model's `Residents` arrays."""

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
