"""Funders and the cost ledger: annual budgets per payer, client stops, every euro booked.

Payers: the municipality (Wmo), the health insurer (Zvw), the long-term-care office (Wlz, an
entitlement without a cap), a temporary fund (project grants) and the cooperative (member fees).
Cuts and fading support are scenario effects (sim/scenarios.py).
"""

from collections import defaultdict

import mesa

from .schema import COST_ITEM_NAMES, OVERHEAD_ITEMS, PAYER_NAMES, POOLED_ITEMS, PUBLIC_PAYERS


class Funder(mesa.Agent):
    """A payer with a yearly budget; when the year's spending reaches it, new clients are stopped."""

    def __init__(self, model: mesa.Model, payer: str, base_budget_eur: float, items: tuple[str, ...] | None = None):
        super().__init__(model)
        self.payer, self.base_budget_eur = payer, base_budget_eur
        self.items = items  # the spending that counts against the budget (None: all of it)
        self.budget_eur = base_budget_eur
        self.spent_eur = 0.0  # this year, on the items that count against the budget
        self.overspend_eur = 0.0  # spending past the budget (existing clients keep their care)
        self.year_started = model.clock  # the week this budget year began

    @property
    def client_stop(self) -> bool:
        return self.spent_eur >= self.budget_eur

    @property
    def remaining_eur(self) -> float:
        return max(0.0, self.budget_eur - self.spent_eur)

    def start_year(self, factor: float) -> None:
        self.budget_eur = self.base_budget_eur * factor
        self.spent_eur = 0.0
        self.year_started = self.model.clock

    def spend(self, item: str, eur: float) -> None:
        """Book spending against the budget (if the item counts); what passes the budget is overspend."""
        if (self.items is not None and item not in self.items) or item in POOLED_ITEMS:
            return
        self.overspend_eur += max(0.0, eur - self.remaining_eur)
        self.spent_eur += eur


class Ledger:
    """Costs by payer and item, this step and in total; `total` always equals the payers' sum. Only the payers and
    cost items sim/schema.py declares can be charged: a misspelt one raises rather than becoming an output."""

    def __init__(self, funders: dict[str, Funder]):
        self.funders = funders
        self.step_cost = dict.fromkeys(PAYER_NAMES, 0.0)
        self.step_items: dict[str, float] = defaultdict(float)
        self.items: dict[tuple[str, str], float] = defaultdict(float)

    def charge(self, payer: str, item: str, eur: float) -> None:
        if eur < 0:
            raise ValueError(f"negative charge {eur} for {item}")
        if payer not in self.funders or item not in COST_ITEM_NAMES:
            raise KeyError(f"{payer}:{item} is not a declared payer and cost item (sim/schema.py PAYERS, COST_ITEMS)")
        if eur == 0:
            return
        self.step_cost[payer] += eur
        self.step_items[item] += eur
        self.items[(payer, item)] += eur
        self.funders[payer].spend(item, eur)

    def new_step(self) -> None:
        self.step_cost = dict.fromkeys(PAYER_NAMES, 0.0)
        self.step_items.clear()

    @property
    def step_public(self) -> float:
        return sum(self.step_cost[p] for p in PUBLIC_PAYERS)

    @property
    def step_overhead(self) -> float:
        return sum(self.step_items.get(i, 0.0) for i in OVERHEAD_ITEMS)

    def total(self, item: str | None = None) -> float:
        return sum(v for (_, i), v in self.items.items() if item is None or i == item)
