"""Warnings about a study before anything runs: events that fall at or after the end of its runs, settings fixed to
a value that cannot act in them, a swept key that cannot act in any of its runs (its values would give identical
runs), and too few replicates for a comparison. They are printed, not enforced: a study may mean to do this."""

import sys
from collections import Counter

import yaml

from results.columns import CODE_VERSION, ROW
from sim.cautions import MIN_REPLICATES, changed_but_inert, events_outside, inert
from sim.params import Config
from sim.run import model_fingerprint

from .design import REPLICATE, ROOT, Design

MATCH_RECORD = ROOT / "data" / "posterior" / "history_match.yaml"  # the history match behind these design tables:
DRAWN_FROM_MATCH = ("data/posterior/draws.csv", "data/uncertainty/draws.csv")  # its draws, and the uncertainty's


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
    lines += drawn_on_another_model({cfg.study.design for _, cfg in points})
    if design.points > 1 and ROW not in design.sweeps and design.replicates < MIN_REPLICATES:
        lines.append(f"{design.replicates} replicate(s) per point: paired 95% intervals from fewer than "
                     f"{MIN_REPLICATES} are wide and unreliable; use --replicates {MIN_REPLICATES} or more to compare")
    return lines


def drawn_on_another_model(tables: set[str], record_path=MATCH_RECORD) -> list[str]:
    """A design drawn from the history match holds for the model the match ran on: warn when today's model differs
    (its fingerprint, sim.run.model_fingerprint), since its draws may be villages today's targets rule out."""
    drawn = sorted(t for t in tables if t in DRAWN_FROM_MATCH)
    if not drawn or not record_path.exists():
        return []
    record = yaml.safe_load(record_path.read_text()) or {}
    if record.get("model_fingerprint") == model_fingerprint():
        return []
    return [f"study.design: {', '.join(drawn)} comes from a history match on another model (code "
            f"{record.get(CODE_VERSION, 'unknown')}): its draws may be villages today's targets rule out; run "
            "python -m experiments match, then python -m experiments.assumption_draws"]


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
