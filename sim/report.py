"""A short, readable summary table of one run for the terminal (rows and labels from sim/schema.py)."""

from pathlib import Path

from .schema import BY_NAME, REPORT

FORMATS = {"money": "EUR {:,.0f}", "percent": "{:.1%}", "share": "{:.2f}", "decimal": "{:.1f}", "number": "{:,.0f}"}


def format_summary(summary: dict) -> str:
    head = f"{summary['community']} | policy {summary['policy']} | scenario {summary['scenario']} | " \
           f"{summary['years']:g} years | seed {summary['seed']} replicate {summary['replicate']}"
    lines = [head, "-" * len(head)]
    for name in REPORT:
        out = BY_NAME[name]
        label = f"{out.en} ({out.unit_en})" if out.kind != "percent" else out.en
        lines.append(f"{label:<58}{FORMATS[out.kind].format(summary[name])}")
    return "\n".join(lines)


def print_summary(summary: dict, out_dir: Path) -> None:
    print(format_summary(summary))
    print(f"\noutputs: {out_dir}/ (timeseries.parquet, summary.json, resolved_config.yaml, .hydra/)")
