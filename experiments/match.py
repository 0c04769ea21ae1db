"""`python -m experiments match`: history matching of the influential assumption parameters to the calibration
targets (analysis/history_matching.py). A Latin hypercube over the parameters' declared ranges runs under each
arrangement the targets name (the calibration study, through the runner: parallel, resumable); Gaussian-process
emulators fitted on it rule out the implausible part of the box. The not-implausible set, draws from it for the
studies, and what was done (code version, design, cut-off, how each target and today's defaults fare) are saved
together in --keep (data/posterior by default).

Why history matching and not ABC-SMC (pyabc): ABC-SMC proposes one simulation at a time from inside its own
sampler, so its thousands of runs would bypass the study runner (no resume, no common random numbers, no cluster
path), and with 28 banded targets an acceptance distance is arbitrary; history matching runs one designed batch
through the runner, and its implausibility reads the targets' bands as what they are: tolerances."""

import argparse

import yaml
from omegaconf import OmegaConf

from analysis.calibration import load_targets
from analysis.history_matching import CUTOFF, ORDER, WORDS, by_row, draws, match, ranges_figure
from analysis.labels import pick
from analysis.load import ROW
from analysis.style import save
from sim.params import Config, assumption_ranges
from sim.run import code_version, write_text

from .design import ROOT
from .search import design_table, run_rows


def default_values(names: list[str]) -> dict[str, float]:
    """Today's defaults of the dotted parameters `names`."""
    defaults = OmegaConf.structured(Config())
    return {name: float(OmegaConf.select(defaults, name)) for name in names}


def history_match(args: argparse.Namespace) -> int:
    """Run the design, match, save the set, the draws, the record and the figure; exit 1 if a run failed."""
    names = yaml.safe_load(args.spec.read_text())["parameters"]
    ranges = {p: assumption_ranges()[p] for p in names}
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    table = design_table(names, args.points)
    code, surveys = run_rows(table, args, out)
    targets = load_targets(args.community)
    outputs = by_row(targets, surveys, ROW)
    defaults = default_values(names)
    result = match(table.loc[outputs.index], outputs, targets, ranges, defaults)
    save_result(args, result, ranges, defaults)
    return code


def save_result(args: argparse.Namespace, result: dict, ranges: dict, defaults: dict) -> None:
    """The set, the record and the figure first; then the draws, which need enough points in the set."""
    keep = args.keep.resolve()
    keep.mkdir(parents=True, exist_ok=True)
    write_text(keep / "not_implausible.csv", result["set"].to_csv(index=False))
    kept = result["set"]
    record = {
        "code_version": code_version(), "spec": str(args.spec.relative_to(ROOT) if args.spec.is_absolute() and
                                                     args.spec.is_relative_to(ROOT) else args.spec),
        "community": args.community, "points": args.points, "seeds": args.seeds, "years": args.years,
        "cutoff": CUTOFF, "judged_on": f"implausibility rank {ORDER} of {len(result['by_target'])} targets",
        "share_not_implausible": round(result["share"], 4), "set_size": len(kept),
        "defaults_implausibility": round(result["defaults_judged"], 3),
        "defaults_by_target": {k: round(float(v), 2) for k, v in result["defaults"].items()},
        "target_share_not_implausible": {k: round(float(v), 3) for k, v in result["by_target"].items()},
        "emulator_r2": {k: round(v, 3) for k, v in result["fit"].items()},
        "parameters": {p: {"range": list(map(float, ranges[p])), "default": defaults[p],
                           "q05_q50_q95": [round(float(q), 5) for q in kept[p].quantile([0.05, 0.5, 0.95])]}
                       for p in ranges},
    }
    write_text(keep / "history_match.yaml", yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    for lang in ("en", "nl"):
        note = pick(WORDS["note"], lang).format(rows=args.points, seeds=args.seeds, years=f"{args.years:g}",
                                                cutoff=CUTOFF)
        save(ranges_figure(kept, ranges, defaults, result["share"], note, lang), args.report / f"history_match_{lang}")
    print(f"\nNot implausible: {100 * result['share']:.2f}% of the box ({len(kept)} of the candidates); today's "
          f"defaults: implausibility {result['defaults_judged']:.2f} (largest: {result['defaults'].idxmax()} "
          f"{result['defaults'].max():.2f}). Saved in {keep}")
    write_text(keep / "draws.csv", draws(kept, args.draws).to_csv(index=False))
