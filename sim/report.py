"""A short, readable summary table of one run for the terminal."""

from pathlib import Path

ROWS = (
    ("cost_per_resident_per_year_eur", "cost per resident per year", "EUR {:,.0f}"),
    ("cost_wmo_eur_per_year", "municipality (Wmo) per year", "EUR {:,.0f}"),
    ("cost_zvw_eur_per_year", "health insurer (Zvw) per year", "EUR {:,.0f}"),
    ("cost_wlz_eur_per_year", "long-term care (Wlz) per year", "EUR {:,.0f}"),
    ("cost_fund_eur_per_year", "temporary fund per year", "EUR {:,.0f}"),
    ("cost_cooperative_eur_per_year", "cooperative per year", "EUR {:,.0f}"),
    ("unmet_share", "share of need hours unmet", "{:.1%}"),
    ("mean_hidden_need", "people with hidden need (mean)", "{:.1f}"),
    ("nursing_home_admissions_per_1000_65plus_per_year", "nursing-home admissions /1000 65+ /yr", "{:.1f}"),
    ("volunteers_active_start", "active volunteers at start", "{:d}"),
    ("volunteers_active_end", "active volunteers at end", "{:d}"),
    ("volunteer_burnouts", "volunteer burnouts", "{:d}"),
    ("mean_relational_continuity", "relational continuity (0-1)", "{:.2f}"),
    ("mean_lonely_share", "lonely share of adults", "{:.1%}"),
)


def format_summary(summary: dict) -> str:
    head = f"{summary['community']} | policy {summary['policy']} | scenario {summary['scenario']} | " \
           f"{summary['years']:g} years | seed {summary['seed']} replicate {summary['replicate']}"
    lines = [head, "-" * len(head)]
    lines += [f"{label:<42}{fmt.format(summary[key])}" for key, label, fmt in ROWS]
    return "\n".join(lines)


def print_summary(summary: dict, out_dir: Path) -> None:
    print(format_summary(summary))
    print(f"\noutputs: {out_dir}/ (timeseries.parquet, summary.json, resolved_config.yaml, .hydra/)")
