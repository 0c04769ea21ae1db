"""Ageing and health: frailty progression, episodes of limitation, dementia onset, crises and mortality (vectorised).

Frailty is a frailty index (FI, deficits accumulated / deficits counted) whose logarithm grows
linearly with age (Mitnitski & Rockwood), faster with unmet need and dementia, slower with activity. On top of
this lasting part come deficits that pass: an episode of limitation after an illness or injury, and the acute part
of a crisis.
"""

import numpy as np

from .params import Config
from .rates import step_prob
from .residents import Status

FI_MAX = 0.7  # the submaximal limit of the frailty index (Rockwood & Mitnitski 2006)
SETTLE_FROM = 55  # [years of age] from here on mortality selects on frailty enough to shape the initial state


def reference_frailty(age: np.ndarray, cfg: Config) -> np.ndarray:
    """Median frailty index at a given age."""
    f = cfg.frailty
    return f.at_65 * np.exp(f.gradient_per_year * (age - 65))


def initial_frailty(age: np.ndarray, cfg: Config, normal: np.ndarray) -> np.ndarray:
    """Log-normal frailty around the age reference (`normal`: standard normal draws, one per person)."""
    return np.minimum(reference_frailty(age, cfg) * np.exp(cfg.frailty.log_sd * normal), FI_MAX)


def settle_health(model, idx: np.ndarray) -> None:
    """Lasting frailty, proneness and dementia of the people of `idx` aged SETTLE_FROM or more as the model's own
    growth, dementia onset and frailty-weighted mortality leave them, so that the initial state does not drift while
    the frailest and the demented die first.

    Each starts at SETTLE_FROM with their own deviation from the reference frailty and is aged year by year at their
    own pace (`frailty.growth_per_year` x proneness, faster with dementia); dementia begins at the onset hazard of
    `onset_dementia`; each year some of those whose life passes that age die, with the hazards `mortality` gives an
    age's members (the Gompertz total shared by relative risk and the dementia hazard ratio, the critical rate at
    least for the critically frail), and each is replaced by a copy of a survivor of that age (a Moran step). So the
    survivors at every age are the selection the model makes, not the reference cross-section, which lies above it
    at old ages (drawn from it, the frailty of the 85-94 at home fell by a fifth in eight years), nor the Rotterdam
    prevalence of dementia, below what onset and survival keep (drawn from it, the number with dementia rose by a
    quarter in eight years). Growth carries the unmet need and activity the status quo gives each lasting level, and
    people are admitted to a home at the run's hazards (with the status quo's unmet fraction), where they die at the
    homes' own rate: so the frail tail and the homes start as the run keeps them (settled without either, people at
    lasting substantial need at home doubled in ten years while the 65+ grew 6%, and the homes filled behind them).
    Returns the persons settled into a home and their years there so far (`start_nursing_homes` places them)."""
    people, cfg = model.people, model.cfg
    old = idx[people.age[idx] >= SETTLE_FROM]
    if old.size < 2:
        return np.empty(0, dtype=np.int64), np.empty(0)
    rng = model.streams.initial_state.week(model.clock)
    age = people.age[old]
    fi = reference_frailty(SETTLE_FROM, cfg) * people.frailty[old] / reference_frailty(age, cfg)
    prone = people.proneness[old].copy()
    demented = np.zeros(old.size, dtype=bool)
    in_home, stayed = np.zeros(old.size, dtype=bool), np.zeros(old.size)  # in a nursing home, years there so far
    for year in range(SETTLE_FROM, int(age.max())):
        alive = np.flatnonzero(age >= year + 1)
        demented[alive] |= rng.random(alive.size) < step_prob(onset_hazard(np.array(year + 0.5), cfg), 1.0)
        episode = rng.random(alive.size) < episode_share(fi[alive], cfg)  # in an episode this year
        current = fi[alive] + episode * cfg.episodes.frailty_added
        hazard = _settle_hazards(fi[alive], current, demented[alive], in_home[alive], year, cfg)
        die = alive[rng.random(alive.size) < -np.expm1(-hazard)]
        survivors = np.setdiff1d(alive, die, assume_unique=True)
        if die.size and survivors.size:
            donor = survivors[rng.integers(0, survivors.size, die.size)]
            fi[die], prone[die], demented[die] = fi[donor], prone[donor], demented[donor]
            in_home[die], stayed[die] = in_home[donor], stayed[donor]
        stayed[alive[in_home[alive]]] += 1
        if year + 1 >= cfg.care.admission_min_age:
            home = alive[~in_home[alive]]
            admit = home[rng.random(home.size) < -np.expm1(-_settle_admission(fi[home], demented[home], cfg))]
            in_home[admit], stayed[admit] = True, rng.random(admit.size)  # some time within the year
        fi[alive] = np.minimum(fi[alive] * np.exp(_growth(fi[alive], prone[alive], demented[alive], cfg)), FI_MAX)
    people.frailty[old] = np.minimum(fi * np.exp(_growth(fi, prone, demented, cfg) * (age - np.floor(age))), FI_MAX)
    people.proneness[old], people.dementia[old] = prone, demented
    return old[in_home], stayed[in_home]


def _settle_admission(fi: np.ndarray, demented: np.ndarray, cfg: Config) -> np.ndarray:
    """A year's admission hazard at this lasting level, with the unmet fraction the status quo leaves there (as
    `care.admission_hazard` gives it in the run)."""
    c, level = cfg.care, lasting_level(fi, demented, cfg)
    unmet = np.asarray(cfg.frailty.settle_unmet_fraction)[level]
    return c.admission_per_year_critical * (level == 4) + c.admission_per_year_unmet * unmet * (level >= 3)


def _growth(fi: np.ndarray, prone: np.ndarray, demented: np.ndarray, cfg: Config) -> np.ndarray:
    """A year's growth of log frailty at one's own pace, faster with dementia, and with the unmet need and activity
    the status quo gives people at that lasting level (as `progress_frailty` grows it in the run)."""
    f = cfg.frailty
    level = lasting_level(fi, demented, cfg)
    pace = (1 + f.unmet_growth_multiplier * np.asarray(f.settle_unmet_fraction)[level]) \
        * (1 - f.activity_growth_reduction * np.asarray(f.settle_active_share)[level])
    return f.growth_per_year * prone * np.where(demented, f.dementia_growth_multiplier, 1.0) * pace


def lasting_level(frailty: np.ndarray, demented: np.ndarray, cfg: Config) -> np.ndarray:
    """The need level lasting frailty and dementia alone give (0-4): without a passing episode or crisis."""
    level = np.searchsorted(np.asarray(cfg.needs.level_thresholds), frailty, side="right")
    return np.minimum(level + demented * cfg.dementia.level_bump, 4)


def _settle_hazards(fi: np.ndarray, current: np.ndarray, demented: np.ndarray, resident: np.ndarray, year: int,
                    cfg: Config) -> np.ndarray:
    """The hazards `mortality` gives people of one age: residents of a home die at its rate, the others share what
    is left of the age's Gompertz total by the relative risk of their current frailty, at least the critical rate
    for those at lasting critical need."""
    m = cfg.mortality
    gompertz = np.full(fi.size, m.gompertz_a * np.exp(m.gompertz_b * (year + 0.5 - 60)))
    relative = np.exp(m.frailty_log_hr * (current - reference_frailty(year, cfg)))
    relative = relative * np.where(demented, m.dementia_hr, 1.0)
    floor = np.where(resident, m.nursing_home_per_year,
                     np.where(lasting_level(fi, demented, cfg) == 4, m.critical_per_year, 0.0))
    weight = np.where(resident, 0.0, gompertz * relative)
    return band_hazards(gompertz, weight, floor, np.zeros(fi.size, dtype=np.int64))


def episode_share(frailty: np.ndarray, cfg: Config) -> np.ndarray:
    """The share of the time people of this lasting frailty are in an episode of limitation: h / (h + r) for the
    episode hazard h and the recovery rate r."""
    e = cfg.episodes
    hazard = e.per_year_at_65 * frailty / cfg.frailty.at_65
    return np.divide(hazard, hazard + e.recovery_per_year, out=np.zeros(np.shape(frailty)), where=hazard > 0)


def start_episodes(model, idx: np.ndarray) -> None:
    """At the start, people are in an episode of limitation as often as the episodes' own rates make them."""
    people = model.people
    ill = idx[model.streams.initial_state.uniform(model.clock, idx) < episode_share(people.frailty[idx], model.cfg)]
    people.episode[ill] = model.cfg.episodes.frailty_added


def dementia_prevalence(age: np.ndarray) -> np.ndarray:
    """Doubles every 5 years from 0.4% at 55-59, at most 43% (Ott et al. 1995)."""
    return np.where(age >= 55, np.minimum(0.43, 0.004 * 2 ** ((age - 57.5) / 5)), 0.0)


def age_residents(model) -> None:
    """Everyone present grows older by one step."""
    people = model.people
    people.age[: people.n][people.present] += model.dt


def current_frailty(people) -> np.ndarray:
    """The frailty index that sets need and mortality: the lasting part plus a current episode and what a recent
    crisis added."""
    return np.minimum(people.view("frailty") + people.view("episode") + people.view("acute"), FI_MAX)


def progress_frailty(model) -> None:
    """Grow log frailty: faster with past unmet need and dementia, slower for active people; the acute part of a
    crisis wanes."""
    people, f = model.people, model.cfg.frailty
    present = people.present
    growth = f.growth_per_year * people.view("proneness")
    growth = growth * (1 + f.unmet_growth_multiplier * people.view("unmet_fraction"))
    growth = growth * np.where(people.view("dementia"), f.dementia_growth_multiplier, 1.0)
    growth = growth * np.where(people.view("active_until") > model.clock, 1 - f.activity_growth_reduction, 1.0)
    fi = people.view("frailty")
    fi[present] = np.minimum(fi[present] * np.exp(growth[present] * model.dt), FI_MAX)
    people.view("acute")[:] *= np.exp(-model.cfg.crises.recovery_per_year * model.dt)


def disability_episodes(model) -> tuple[int, int]:
    """Episodes of limitation: an illness or injury at home adds `episodes.frailty_added` to a person's frailty
    until it ends, and most end: newly disabled older people regain their independence within months (Hardy & Gill
    2004, 2005), so limitations are partly reversible. Episodes end at `episodes.recovery_per_year`; they start with
    a hazard in proportion to one's lasting frailty (`episodes.per_year_at_65` at the frailty of an average
    65-year-old). Returns (started, ended)."""
    people, e, stream = model.people, model.cfg.episodes, model.streams.episodes
    episode = people.view("episode")
    ill = np.flatnonzero(episode > 0)
    ended = ill[stream.uniform(model.clock, ill) < step_prob(e.recovery_per_year, model.dt)]
    episode[ended] = 0.0
    at_risk = np.flatnonzero(people.home & (episode == 0))
    hazard = e.per_year_at_65 * people.frailty[at_risk] / model.cfg.frailty.at_65
    started = at_risk[stream.uniform(model.clock, at_risk) < step_prob(hazard, model.dt)]
    episode[started] = e.frailty_added
    return started.size, ended.size


def onset_hazard(age: np.ndarray, cfg: Config) -> np.ndarray:
    """Yearly dementia onset hazard at `age`: doubling every few years of age, up to a ceiling."""
    d = cfg.dementia
    return np.minimum(d.onset_at_57 * 2 ** ((age - 57.5) / d.doubling_years), d.max_onset_per_year)


def onset_dementia(model) -> int:
    """New dementia cases: onset hazard doubling every few years of age, up to a ceiling."""
    people = model.people
    age = people.view("age")
    at_risk = np.flatnonzero(people.present & ~people.view("dementia") & (age >= 50))
    hazard = onset_hazard(age[at_risk], model.cfg)
    new = at_risk[model.streams.dementia.uniform(model.clock, at_risk) < step_prob(hazard, model.dt)]
    people.dementia[new] = True
    return new.size


def crises(model) -> np.ndarray:
    """Falls and hospital admissions at home: likelier with need level and unmet need; they raise frailty, most of
    it for a while (the acute part wanes as the person recovers).

    A pooled coach's prevention lowers the hazard (`policy.crisis_reduction`)."""
    people, c = model.people, model.cfg.crises
    at_home = np.flatnonzero(people.home)
    base = np.asarray(c.per_year_by_level)[people.level[at_home]]
    relief = model.policy.crisis_reduction(people)[at_home]
    hazard = base * (1 + c.unmet_multiplier * people.unmet_fraction[at_home]) * (1 - relief)
    hit = at_home[model.streams.crises.uniform(model.clock, at_home) < step_prob(hazard, model.dt)]
    people.frailty[hit] = np.minimum(people.frailty[hit] + c.lasting_share * c.frailty_jump, FI_MAX)
    people.acute[hit] += (1 - c.lasting_share) * c.frailty_jump
    return hit


def mortality(model) -> np.ndarray:
    """Deaths: the Gompertz hazard of one's age (CBS), redistributed within 5-year age bands towards the frail and
    demented, so that each band dies at the CBS rate. Residents of nursing homes die at the rate CBS counts among
    them (`mortality.nursing_home_per_year`), people at home whose lasting frailty (and dementia) puts them at
    critical need at least at the critical rate (about two years' survival; a passing episode or crisis raises the
    hazard through the relative risk, not to the floor): the band's other members share what is left of its deaths.

    Relative risk is exp(k (FI - reference)) (Mitnitski et al. 2005) x the dementia hazard ratio.
    """
    people, m = model.people, model.cfg.mortality
    present = np.flatnonzero(people.present)
    age, fi = people.age[present], current_frailty(people)[present]
    gompertz = m.gompertz_a * np.exp(m.gompertz_b * (age - 60))
    relative = np.exp(m.frailty_log_hr * (fi - reference_frailty(age, model.cfg)))
    relative = relative * np.where(people.dementia[present], m.dementia_hr, 1.0)
    resident = people.status[present] == Status.NURSING_HOME
    lasting = lasting_level(people.frailty[present], people.dementia[present], model.cfg)  # episodes pass
    floor = np.where(resident, m.nursing_home_per_year, np.where(lasting == 4, m.critical_per_year, 0.0))
    band = np.minimum(age // 5, 25).astype(np.int64)
    hazard = band_hazards(gompertz, np.where(resident, 0.0, gompertz * relative), floor, band)  # residents: their rate
    die = present[model.streams.mortality.uniform(model.clock, present) < step_prob(hazard, model.dt)]
    people.status[die] = Status.DEAD
    return die


def band_hazards(gompertz: np.ndarray, weight: np.ndarray, floor: np.ndarray, band: np.ndarray,
                 rounds: int = 6) -> np.ndarray:
    """Hazards max(floor, s_band x weight) with s_band set so each band's hazards add up to its Gompertz total
    (fixed-point rounds: the people held at their floor take their floor, the others share the rest). Where the
    floors alone exceed the total, they win: nobody is given less than the floor."""
    target, total = _band_sum(gompertz, band), _band_sum(weight, band)
    scale = np.divide(target, total, out=np.zeros_like(target), where=total > 0)
    before = None
    for _ in range(rounds):
        floored = scale[band] * weight < floor
        if before is not None and np.array_equal(floored, before):
            break  # the same people at their floor give the same scale: the rounds have settled
        free = np.where(floored, 0.0, weight)
        left = np.maximum(target - _band_sum(np.where(floored, floor, 0.0), band), 0.0)
        free_total = _band_sum(free, band)
        scale = np.divide(left, free_total, out=np.zeros_like(left), where=free_total > 0)
        before = floored
    return np.maximum(floor, scale[band] * weight)


def _band_sum(values: np.ndarray, band: np.ndarray) -> np.ndarray:
    """Sum of `values` per age band."""
    return np.bincount(band, weights=values, minlength=26)

