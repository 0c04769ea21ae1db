"""Named random streams: every process draws from its own generator, and a person's draws are keyed by person.

Common random numbers only pay when two runs that differ in one process still draw the same numbers
everywhere else. So each process (mortality, crises, asking for help, tenders, ...) has its own stream,
derived from the run seed and the stream's *name* (a stable hash: adding a stream never moves the others),
and each week every stream starts afresh from a state fixed by (stream, week, lane): what a process drew
last week, or how often another process drew, cannot shift it. Draws that belong to a person
(`Stream.uniform` and the distributions built on it) are element `i` of the week's block for person `i`, so
they stay put when other people are added, removed or skipped (the approach Starsim takes to common random
numbers); the block starts at the smallest index drawn for, so drawing for a few newcomers is cheap.

The generator is numpy's PCG64DXSM; each (week, lane) gets its own state and increment, hashed from the
stream's 256-bit key (SplitMix64 finalisers), so blocks are unrelated starting points of the generator rather
than evenly spaced ones (which an LCG-based generator would correlate).
"""

import zlib

import numpy as np
from scipy import special

# every stream, by the process that draws from it (sim/ODD.md, "Stochasticity")
NAMES = (
    "population", "network", "traits", "births", "move_out", "move_in", "dementia", "crises", "mortality",
    "carers", "meals", "outreach", "asking", "triage", "give_up", "matching", "admission", "burnout", "quitting",
    "recruitment", "turnover", "tenders", "grants", "membership", "practical", "episodes", "initial_state",
    "losing_touch", "carer_burden", "word_of_mouth",
)
TABLE_LANE = 1 << 20  # the lane of the week's table of draws for everyone (`Stream.table`)
TRAIT_LANE = 1 << 21  # the lane of draws that are the same every week (`Stream.trait`)
M64 = (1 << 64) - 1
_U11, _U27, _U30, _U31 = (np.uint64(k) for k in (11, 27, 30, 31))
_MIX1, _MIX2, _PAIR = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0xD1B54A32D192ED03)


def run_seed(seed: int, replicate: int) -> int:
    """The run's own seed, the one place it is derived: replicate r draws the same streams at every parameter point
    (common random numbers); the model derives it from its config (`CaringCommunity.run_seed`)."""
    return int(np.random.SeedSequence(seed, spawn_key=(replicate,)).generate_state(1, dtype=np.uint64)[0])


def stream_id(name: str) -> int:
    """A stable number for a stream's name (Python's `hash` is salted per process, so it will not do)."""
    return zlib.crc32(name.encode())


def _mix(x: int) -> int:
    """SplitMix64's finaliser: a 64-bit integer to a well-mixed 64-bit integer."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def _mix_array(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser over an array of uint64 (array arithmetic wraps around silently, as it should; done in
    place on a copy, as this runs for every keyed choice)."""
    return _mix_in_place(np.array(z, dtype=np.uint64, ndmin=1))


def _mix_in_place(z: np.ndarray) -> np.ndarray:
    """`_mix_array` on a uint64 array of one's own, overwriting it."""
    z ^= z >> _U30
    z *= _MIX1
    z ^= z >> _U27
    z *= _MIX2
    z ^= z >> _U31
    return z


class Stream:
    """One process's randomness: `week(w)` for the process's own draws, `uniform(w, idx)` (and `normal`,
    `lognormal`, `beta`) for draws that belong to persons, `table(w, n, k)` for everyone's draws of the week."""

    def __init__(self, run_seed: int, name: str):
        self.name = name
        self._key = [int(k) for k in np.random.SeedSequence(run_seed, spawn_key=(stream_id(name),))
                     .generate_state(4, np.uint64)]
        self._sequence, self._blocks = np.random.PCG64DXSM(), np.random.PCG64DXSM()  # `week`; person draws
        self._sequence_gen, self._block_gen = np.random.Generator(self._sequence), np.random.Generator(self._blocks)
        self._week = None  # the week the sequence is in
        self._lane = (None, 0)  # (week, person draws made so far that week)
        self._table = (None, None)  # (week, this week's table)

    def _place(self, bits: np.random.PCG64DXSM, week: int, lane: int, skip: int = 0) -> None:
        """Put `bits` at the start of the (week, lane) block, `skip` draws in."""
        k, salt = self._key, (week * 0x9E3779B97F4A7C15 + lane * 0xD1B54A32D192ED03) & M64
        state = (_mix(k[0] ^ salt) << 64) | _mix(k[1] ^ _mix(salt))
        inc = (_mix(k[2] ^ salt) << 64) | _mix(k[3] ^ _mix(salt ^ lane)) | 1
        bits.state = {"bit_generator": "PCG64DXSM", "state": {"state": state, "inc": inc}, "has_uint32": 0,
                      "uinteger": 0}
        if skip:
            bits.advance(skip)

    def week(self, week: int) -> np.random.Generator:
        """The process's generator for this week (counts, choices, shuffles); later calls that week continue it."""
        if self._week != week:
            self._place(self._sequence, week, 0)
            self._week = week
        return self._sequence_gen

    def uniform(self, week: int, idx: np.ndarray, each: int = 0) -> np.ndarray:
        """One uniform draw per person in `idx`, the same whoever else is drawn; `each=k`: k draws per person
        (shape (len(idx), k)). Each call in a week takes the next lane: a process that draws twice a week
        draws from two blocks."""
        lane = self._lane[1] + 1 if self._lane[0] == week else 1
        self._lane = (week, lane)
        return self._block(week, lane, idx, each)

    def _block(self, week: int, lane: int, idx: np.ndarray, each: int) -> np.ndarray:
        """Element i of the (week, lane) block for each person i in `idx`; the block starts at the smallest i."""
        idx = np.asarray(idx, dtype=np.int64)
        width = max(each, 1)
        if idx.size == 0:
            return np.empty((0, each) if each else 0)
        low, high = int(idx.min()), int(idx.max())
        self._place(self._blocks, week, lane, skip=low * width)
        if not each:  # one draw each: the same numbers as a column of width 1, without the second axis
            return self._block_gen.random(high - low + 1)[idx - low]
        return self._block_gen.random((high - low + 1, width))[idx - low]

    def normal(self, week: int, idx: np.ndarray) -> np.ndarray:
        """A standard normal draw per person (the inverse CDF of the person's uniform)."""
        return special.ndtri(self.uniform(week, idx))

    def lognormal(self, week: int, idx: np.ndarray, mean: float, sigma: float) -> np.ndarray:
        return np.exp(mean + sigma * self.normal(week, idx))

    def beta(self, week: int, idx: np.ndarray, a: float, b: float) -> np.ndarray:
        return special.betaincinv(a, b, self.uniform(week, idx))

    def choose(self, chooser: int, candidates, turn: int = 0, weight: np.ndarray | None = None) -> int:
        """One of `candidates` (person indices), chosen uniformly by a draw for each (chooser, candidate) pair that
        stays the same all run: a person's preferences among people. So a chooser keeps their choice when other
        candidates come or go, and when the choice comes a week earlier or later (a client and a volunteer, a
        recruiter and a contact). `turn` gives a chooser a fresh set of preferences (a second meal of the week).
        With `weight` (positive, one per candidate) each is chosen in proportion to it: the first of exponential
        clocks of those rates (Efraimidis and Spirakis 2006). Returns -1 if there are none."""
        candidates = np.asarray(candidates, dtype=np.int64)
        if candidates.size == 0:
            return -1
        draws = self.pair(chooser, candidates, turn)
        return int(candidates[np.argmin(draws if weight is None else -np.log(draws) / weight)])

    def pair(self, chooser, others, turn: int = 0) -> np.ndarray:
        """A uniform draw for each (chooser, other) pair, the same all run: how a person stands to each of their ties
        (whether a friend would care for them). `chooser` is one person or one per `others`."""
        turn_salt = _mix(self._key[1] ^ turn)
        if np.ndim(chooser) == 0:  # one chooser (the common case): its salt in Python's integers, the same bits
            salt = np.uint64(_mix(int(chooser) ^ self._key[0]) ^ turn_salt)
        else:
            salt = _mix_array(np.asarray(chooser, dtype=np.uint64) ^ np.uint64(self._key[0])) ^ np.uint64(turn_salt)
        z = np.array(others, dtype=np.uint64, ndmin=1)
        z *= _PAIR
        z = _mix_in_place(z ^ salt)
        return (z >> _U11) * (1.0 / (1 << 53))

    def trait(self, idx: np.ndarray) -> np.ndarray:
        """One uniform draw per person that is the same every week: a personal disposition (whether a volunteer is
        the kind who never comes back after a burnout), so the consequence does not depend on the event's week."""
        return self._block(0, TRAIT_LANE, idx, 0)

    def table(self, week: int, n: int, each: int) -> np.ndarray:
        """This week's uniform draws for persons 0..n-1, `each` per person (row i belongs to person i), made once a
        week: for processes that handle people one at a time (a request, a match, a meal guest). A stream's table
        always has the same `each`."""
        if self._table[0] != week or self._table[1].shape[0] < n:
            self._place(self._blocks, week, TABLE_LANE)
            self._table = (week, self._block_gen.random((n, each)))
        return self._table[1]


class Streams:
    """All of a run's streams by name: `model.streams.mortality` is the stream named 'mortality'."""

    def __init__(self, run_seed: int):
        for name in NAMES:
            setattr(self, name, Stream(int(run_seed), name))
