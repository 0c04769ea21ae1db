"""Funders and the cost ledger: annual budgets per payer, cuts and fading, client stops, every euro booked.

Payers: the municipality (Wmo), the health insurer (Zvw), the long-term-care office (Wlz, an
entitlement without a cap), a temporary fund (project grants) and the cooperative (member fees).
"""

from collections import defaultdict

import mesa
import numpy as np

from .params import PAYERS, ScenarioConfig

LABELS = {
    "wmo": "municipality (Wmo)",
    "zvw": "health insurer (Zvw)",
    "wlz": "long-term-care office (Wlz)",
    "fund": "temporary fund",
    "cooperative": "cooperative (member fees)",
}


class Funder(mesa.Agent):
    """A payer with a yearly budget; when the year's spending reaches it, new clients are stopped."""

    def __init__(self, model: mesa.Model, payer: str, base_budget_eur: float, items: tuple[str, ...] | None = None):
        super().__init__(model)
        self.payer, self.base_budget_eur = payer, base_budget_eur
        self.items = items  # the spending that counts against the budget (None: all of it)
        self.budget_eur = base_budget_eur
        self.spent_eur = 0.0  # this year
        self.overspend_eur = 0.0  # spending past the budget (existing clients keep their care)

    @property
    def client_stop(self) -> bool:
        return self.spent_eur >= self.budget_eur

    @property
    def remaining_eur(self) -> float:
        return max(0.0, self.budget_eur - self.spent_eur)

    def start_year(self, factor: float) -> None:
        self.budget_eur = self.base_budget_eur * factor
        self.spent_eur = 0.0


def funding_factor(s: ScenarioConfig, payer: str, year: float) -> float:
    """Share of a payer's base budget left in `year` after the scenario's cut."""
    return 1 - s.cut_share if payer == s.cut_payer and year >= s.cut_year else 1.0


def fade_factor(s: ScenarioConfig, year: float) -> float:
    """Share of the municipal contribution to the initiative left after fading support."""
    return (1 - s.fade_per_year) ** max(0.0, np.floor(year - s.fade_from_year + 1))


class Ledger:
    """Costs by payer and item, this step and in total; `total` always equals the payers' sum."""

    def __init__(self):
        self.step_cost = dict.fromkeys(PAYERS, 0.0)
        self.items: dict[tuple[str, str], float] = defaultdict(float)
        self.funders: dict[str, Funder] = {}

    def charge(self, payer: str, item: str, eur: float) -> None:
        if eur < 0:
            raise ValueError(f"negative charge {eur} for {item}")
        if eur == 0:
            return
        self.step_cost[payer] += eur
        self.items[(payer, item)] += eur
        funder = self.funders[payer]
        if funder.items is not None and item not in funder.items:
            return
        before = funder.remaining_eur
        funder.spent_eur += eur
        funder.overspend_eur += max(0.0, eur - before)

    def new_step(self) -> None:
        self.step_cost = dict.fromkeys(PAYERS, 0.0)

    def total(self, item: str | None = None) -> float:
        return sum(v for (_, i), v in self.items.items() if item is None or i == item)
