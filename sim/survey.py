"""A yearly survey of the community, measured the way the calibration sources measure their statistics.

Cross-sectional questions (who lives in a home, who has dementia or a limitation, who gets Wmo household
help, who cares for whom and how heavily, who is lonely, who gets no help but needs it) are asked at the end of
each recorded year; flows (deaths by age band per person-year, requests solved, staff leaving, spending) are
counted over the year. The measures are declared in sim/schema.py (SURVEY); the targets they are compared
with are in data/calibration_targets.csv.
"""

import numpy as np

from .carers import felt_burden, outside_hours
from .professionals import Role
from .residents import DOMESTIC, SOCIAL, Status, VolunteerStatus
from .schema import ITEM, SURVEY_NAMES, SURVEY_YEAR, WLZ

DEATH_BANDS = {"death_prob_65_69": (65, 70), "death_prob_75_79": (75, 80), "death_prob_85_89": (85, 90),
               "death_prob_95plus": (95, 200)}
RECOVERY_BANDS = {"adl_recovered_65_74": (65, 75), "adl_recovered_75_84": (75, 85), "adl_recovered_85_94": (85, 95)}
ADL_LEVEL = 2  # a need level of moderate or more: personal care, the survey's ADL limitation


def mean_ratio(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """The mean of `values` where `a` over their mean where `b` (NaN when either is empty)."""
    return float(values[a].mean() / values[b].mean()) if a.any() and b.any() else float("nan")


def share(mask: np.ndarray, among: np.ndarray) -> float:
    """Share of `among` for which `mask` holds (NaN when nobody is among them)."""
    n = int(among.sum())
    return float((mask & among).sum() / n) if n else float("nan")


class Survey:
    """Counts a year's flows week by week and asks the cross-sectional questions at the year's end."""

    def __init__(self, model):
        self.model = model
        self.rows: list[dict] = []
        self.limited = self.adl_census()
        self.start_year()

    def start_year(self) -> None:
        self.deaths = dict.fromkeys(DEATH_BANDS, 0)
        self.person_weeks = dict.fromkeys(DEATH_BANDS, 0)
        self.weeks = self.requests_solved = self.staff_left = 0
        self.staff_weeks = self.resident_weeks = 0.0
        self.home_weeks, self.home_stays = 0, []  # nursing-home resident-weeks; stays of residents who died
        self.burnouts, self.volunteers_at_start = 0, self.active_volunteers()  # burnouts; who was active at the start
        ledger = self.model.ledger
        self.spent_from = {item: ledger.total(item) for item in (ITEM.district_nursing,)}
        self.wlz_from = sum(v for (payer, _), v in ledger.items.items() if payer == WLZ)

    def observe_week(self) -> None:
        """One recorded week: deaths and person-weeks by age band, residents of nursing homes and the stays of those who
        died, requests solved, staff, residents."""
        m, people = self.model, self.model.people
        died_ages = m.died_ages
        self.home_weeks += int((people.view("status") == Status.NURSING_HOME).sum()) + m.resident_deaths_stayed.size
        self.home_stays.extend(m.resident_deaths_stayed.tolist())
        age = people.view("age")[people.present]
        for name, (low, high) in DEATH_BANDS.items():
            self.person_weeks[name] += int(((age >= low) & (age < high)).sum())
            self.deaths[name] += int(((died_ages >= low) & (died_ages < high)).sum())
        self.weeks += 1
        self.requests_solved += m.events.requests_solved
        self.burnouts += m.events.volunteer_burnouts
        self.staff_left += m.events.staff_left
        self.staff_weeks += len(m.staff.members)
        self.resident_weeks += age.size

    def close_year(self) -> dict:
        """The year's answers (one row of the run's survey table); the next year starts."""
        m = self.model
        years = self.weeks / m.steps_per_year
        residents = self.resident_weeks / max(self.weeks, 1)
        wlz = sum(v for (payer, _), v in m.ledger.items.items() if payer == WLZ) - self.wlz_from
        row = {SURVEY_YEAR: len(self.rows) + 1, **self.cross_section(), **self.recovered()}
        self.limited = self.adl_census()
        for name in DEATH_BANDS:
            years_lived = self.person_weeks[name] / m.steps_per_year
            rate = self.deaths[name] / years_lived if years_lived else float("nan")
            row[name] = float(-np.expm1(-rate))  # the rate as a probability of dying within a year
        stays = np.asarray(self.home_stays)
        row.update(
            nh_death_rate=stays.size / (self.home_weeks / m.steps_per_year) if self.home_weeks else float("nan"),
            nh_stays_over_4_years=float((stays > 4).mean()) if stays.size else float("nan"),
            help_requests_solved_per_1000=self.requests_solved / years / residents * 1000,
            volunteers_left_share=float(1 - np.isin(self.volunteers_at_start, self.active_volunteers()).mean())
            if self.volunteers_at_start.size else float("nan"),
            volunteer_burnouts_per_100=100 * self.burnouts / years / max(len(self.active_volunteers()), 1),
            staff_leaving_share=self.staff_left / years / max(self.staff_weeks / self.weeks, 1e-9),
            wlz_per_resident=wlz / years / residents,
            district_nursing_per_resident=(m.ledger.total(ITEM.district_nursing)
                                           - self.spent_from[ITEM.district_nursing]) / years / residents,
        )
        declared = {SURVEY_YEAR, *SURVEY_NAMES}  # as the recorder checks its series: declared, or an error
        if row.keys() != declared:
            raise KeyError(f"surveyed columns differ from the schema: {sorted(set(row) ^ declared)}")
        self.rows.append(row)
        self.start_year()
        return row

    def cross_section(self) -> dict:
        """Who is where and how they fare, as a survey of residents would find it this week."""
        m, people = self.model, self.model.people
        age, level, status = people.view("age"), people.view("level"), people.view("status")
        present, home = people.present, people.home
        given = people.given[: people.n]
        carer_hours = self.carer_hours()
        carers = carer_hours > 0
        strain, felt, cp = people.view("carer_strain"), felt_burden(people, m.cfg.carers), m.cfg.carers
        collapsed = people.view("collapsed_until") > m.clock
        heavy = (felt >= cp.heavily_burdened) | collapsed
        over = (strain >= cp.overburdened) | collapsed
        lonely = m.cfg.loneliness
        score = people.view("loneliness")
        household_size = people.household_size()
        with_need = home & (age >= 55) & (level >= 1)
        no_help = given[:, :, SOCIAL].sum(axis=1) + given[:, :, DOMESTIC].sum(axis=1) <= 1e-9
        in_band = lambda low, high=200: present & (age >= low) & (age < high)  # noqa: E731
        at_home = lambda low, high=200: home & (age >= low) & (age < high)  # noqa: E731
        return {
            "nh_share_75plus": share(status == Status.NURSING_HOME, in_band(75)),
            "dementia_80plus": share(people.view("dementia"), in_band(80)),
            "dementia_95plus": share(people.view("dementia"), in_band(95)),
            "iadl_65_74": share(level >= 1, at_home(65, 75)),
            "adl_65_74": share(level >= 2, at_home(65, 75)),
            "iadl_75plus": share(level >= 1, at_home(75)),
            "adl_75plus": share(level >= 2, at_home(75)),
            "wmo_household_help_75_84": share(given[:, 2, DOMESTIC] > 0, in_band(75, 85)),
            "wmo_household_help_85plus": share(given[:, 2, DOMESTIC] > 0, in_band(85)),
            "carers_share_adults": share(carers, at_home(20)),
            "carers_8h_share": share(carer_hours >= 8, carers),
            "carer_mean_hours": float(carer_hours[carers].mean()) if carers.any() else float("nan"),
            "carers_heavily_burdened": share(heavy, carers | collapsed),
            "carers_very_heavily_burdened": share((felt >= cp.very_heavily_burdened) | over, carers | collapsed),
            "carers_overburdened": share(over, carers | collapsed),
            "heavy_carer_hours_ratio": mean_ratio(carer_hours, heavy & carers, ~heavy & carers),
            "lonely_adults": share(score >= lonely.threshold, at_home(18)),
            "lonely_75plus": share(score >= lonely.threshold, at_home(75)),
            "lonely_85plus": share(score >= lonely.threshold, at_home(85)),
            "severely_lonely_adults": share(score >= lonely.severe_threshold, at_home(18)),
            "unmet_want_55plus": share(no_help, with_need),
            "unmet_want_55plus_alone": share(no_help, with_need & (household_size == 1)),
            "cooperative_volunteers": int((people.view("vol_status") == VolunteerStatus.ACTIVE).sum()),
            "volunteers_overasked": share(people.view("vol_strain") >= m.cfg.volunteers.overasked_strain,
                                          people.view("vol_status") == VolunteerStatus.ACTIVE),
            "supporters": len(m.staff.of(Role.SUPPORTER, Role.ASSISTANT)),
        }

    def active_volunteers(self) -> np.ndarray:
        return np.flatnonzero(self.model.people.view("vol_status") == VolunteerStatus.ACTIVE)

    def adl_census(self) -> dict[str, np.ndarray]:
        """Who lives at home with an ADL limitation this week, by age band: the panel a year's recovery is read from."""
        people = self.model.people
        age, limited = people.view("age"), people.home & (people.view("level") >= ADL_LEVEL)
        return {name: np.flatnonzero(limited & (age >= low) & (age < high))
                for name, (low, high) in RECOVERY_BANDS.items()}

    def recovered(self) -> dict[str, float]:
        """Of those at home with an ADL limitation a year ago, the share at home without one now (those who died, moved
        or went into a home count as not recovered), as yearly panel waves measure it (Thielke & Diehr 2012)."""
        people = self.model.people
        return {name: float(((people.status[idx] == Status.HOME) & (people.level[idx] < ADL_LEVEL)).mean())
                if idx.size else float("nan") for name, idx in self.limited.items()}

    def carer_hours(self) -> np.ndarray:
        """Hours of informal care each resident gives this week (over everyone they care for)."""
        people = self.model.people
        carers, hours = people.carers[: people.n], people.carer_hours[: people.n]
        has = carers >= 0
        return np.bincount(carers[has], weights=hours[has], minlength=people.n) + outside_hours(people,
                                                                                             self.model.cfg.carers)
