"""Warnings about a study before anything runs: events that fall at or after the end of its runs, settings fixed to
a value that cannot act in them, a swept key that cannot act in any of its runs (its values would give identical
runs), and too few replicates for a comparison. They are printed, not enforced: a study may mean to do this."""

import sys
from collections import Counter

from results.columns import ROW
from sim.cautions import MIN_REPLICATES, changed_but_inert, events_outside, inert
from sim.params import Config

from .design import REPLICATE, Design


def study_cautions(design: Design, points: list[tuple[list[str], Config]]) -> list[str]:
    """One line per warning, each naming the key; `points`: every parameter point's overrides and config."""
    swept = {_dotted(key) for key in design.sweeps if key != REPLICATE}
    counts = Counter(line for _, cfg in points for line in events_outside(cfg))
    counts += _per_key(Counter(line for _, cfg in points for line in changed_but_inert(cfg, swept)))
    lines = [line + ("" if n == len(points) else f" (in {n} of {len(points)} points)") for line, n in counts.items()]
    for key in sorted(swept):
        reasons = [inert(cfg, key) for _, cfg in points]
        if all(reasons) and len(design.sweeps.get(key) or design.sweeps.get(key.removesuffix(".name"), [])) > 1:
            lines.append(f"{key} is swept but cannot act in any run of this study ({reasons[0]}): its values give "
                         "identical runs")
    if design.points > 1 and ROW not in design.sweeps and design.replicates < MIN_REPLICATES:
        lines.append(f"{design.replicates} replicate(s) per point: paired 95% intervals from fewer than "
                     f"{MIN_REPLICATES} are wide and unreliable; use --replicates {MIN_REPLICATES} or more to compare")
    return lines


def _per_key(counts: Counter) -> Counter:
    """One line per key: a key a design table sets to a different value in each point (an uncertainty or screening
    sample) would otherwise give one line per point (50,000 for 400 draws), so its lines are summed into one."""
    by_key: dict[str, list[str]] = {}
    for line in counts:
        by_key.setdefault(line.split(":")[0].split("=")[0], []).append(line)
    merged = Counter()
    for key, found in by_key.items():
        if len(found) == 1:
            merged[found[0]] = counts[found[0]]
        else:
            values = {line.split(":")[0].split("=", 1)[1] for line in found}
            why = found[0].split(": ", 1)[1].split(", and this run has")[0]
            merged[f"{key}: {len(values)} values cannot act where {why}"] = sum(counts[line] for line in found)
    return merged


def warn(lines: list[str]) -> None:
    """Print each warning on one line to stderr, before anything runs."""
    for line in lines:
        print(f"Warning: {line}", file=sys.stderr)


def _dotted(key: str) -> str:
    """A swept key as a config key: a group (policy=...) is its name."""
    return f"{key}.name" if "." not in key else key
