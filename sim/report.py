"""A short, readable summary table of one run for the terminal (rows, labels, units and periods from sim/schema.py)."""

from dataclasses import astuple
from pathlib import Path

from results.files import FILES

from .schema import BY_NAME, REPORT, label

FORMATS = {"money": "EUR {:,.0f}", "percent": "{:.1%}", "share": "{:.2f}", "decimal": "{:.1f}", "number": "{:,.0f}"}


def format_summary(summary: dict) -> str:
    head = f"{summary['community']} | policy {summary['policy']} | scenario {summary['scenario']} | " \
           f"{summary['years']:g} years | seed {summary['seed']} replicate {summary['replicate']}"
    lines = [head, "-" * len(head)]
    for name in REPORT:
        lines.append(f"{label(name, 'en'):<72}{FORMATS[BY_NAME[name].kind].format(summary[name])}")
    return "\n".join(lines)


def print_summary(summary: dict, out_dir: Path) -> None:
    print(format_summary(summary))
    written = [name for name in astuple(FILES) if name != FILES.failed and (Path(out_dir) / name).exists()]
    print(f"\noutputs: {out_dir}/ ({', '.join(written)}, .hydra/)")
