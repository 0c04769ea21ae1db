"""Run-level outcomes from one run's time series and ledger: what a policy analyst compares."""

import numpy as np
import pandas as pd

from .params import PAYERS

PUBLIC = ("wmo", "zvw", "wlz", "fund")  # payers spending public money
OVERHEAD_ITEMS = ("procurement", "indication")


def summarise(ts: pd.DataFrame, ledger, years: float) -> dict:
    """Costs per payer and per resident per year, unmet and hidden need, admissions, volunteers, continuity."""
    population = ts["population"].mean()
    cost = {payer: float(ts[f"cost_{payer}_eur"].sum()) / years for payer in PAYERS}
    total = sum(cost.values())
    need = ts["need_hours"].sum()
    out = {f"cost_{payer}_eur_per_year": cost[payer] for payer in PAYERS}
    out.update(
        cost_total_eur_per_year=total,
        cost_public_eur_per_year=sum(cost[p] for p in PUBLIC),
        cost_per_resident_per_year_eur=total / population,
        procurement_cost_eur_per_year=ledger.total("procurement") / years,
        overhead_cost_eur_per_year=sum(ledger.total(i) for i in OVERHEAD_ITEMS) / years,
        unmet_share=float(ts["unmet_hours"].sum() / need) if need > 0 else 0.0,
        mean_unmet_hours_per_week=float(ts["unmet_hours"].mean()),
        mean_hidden_need=float(ts["n_hidden_need"].mean()),
        hidden_need_share=float(ts["n_hidden_need"].sum() / max(ts["n_with_need"].sum(), 1)),
        nursing_home_admissions=int(ts["nursing_home_admissions"].sum()),
        nursing_home_admissions_per_1000_65plus_per_year=float(
            ts["nursing_home_admissions"].sum() / ts["n_65plus"].mean() * 1000 / years),
        volunteer_burnouts=int(ts["volunteer_burnouts"].sum()),
        volunteers_active_end=int(ts["n_volunteers_active"].iloc[-1]),
        volunteers_active_start=int(ts["n_volunteers_active"].iloc[0]),
        mean_volunteer_strain=float(ts["mean_volunteer_strain"].mean()),
        mean_relational_continuity=float(np.nanmean(ts["relational_continuity"])),
        mean_lonely_share=float(ts["lonely_share"].mean()),
        mean_shyness=float(ts["mean_shyness"].mean()),
        mean_level_at_request=_mean_level_at_request(ts),
        help_requests_per_year=float(ts["help_requests"].sum() / years),
        crises_per_year=float(ts["crises"].sum() / years),
        deaths_per_year=float(ts["deaths"].sum() / years),
        carers_overburdened_mean=float(ts["n_carers_overburdened"].mean()),
        informal_care_value_eur_per_year=float(ts["informal_care_value_eur"].sum() / years),
        provider_switches=int(ts["provider_switches"].sum()),
        population_start=int(ts["population"].iloc[0]),
        population_end=int(ts["population"].iloc[-1]),
    )
    return out


def _mean_level_at_request(ts: pd.DataFrame) -> float:
    """Need level at a self-made request, averaged over all requests of the run."""
    requests = ts["help_requests"].sum()
    return float((ts["mean_level_at_request"].fillna(0) * ts["help_requests"]).sum() / requests) if requests else np.nan
