"""`python -m experiments match`: history matching of the influential assumption parameters to the fit targets of
Austerlitz (analysis/history_matching.py; analysis.calibration.fit_targets: the held-out rows and the other
communities stay a validation), in successive waves. Wave 1 is a Latin hypercube over the parameters' declared
ranges; each later wave samples only inside what the earlier ones left standing. Every wave runs its design on
--seeds seeds under each arrangement the fit rows name (the calibration study, through the runner: parallel,
resumable, on a cluster if asked), in its own folder (<out>/wave_<k>). The not-implausible set after the last wave,
draws from it for the studies, and a record of every wave (design, emulator checks, region, how today's defaults
fare) are saved together in --keep (data/posterior by default).

Why history matching and not ABC-SMC (pyabc): ABC-SMC proposes one simulation at a time from inside its own
sampler, so its thousands of runs would bypass the study runner (no resume, no common random numbers, no cluster
path), and with banded targets an acceptance distance is arbitrary; history matching runs designed batches through
the runner, and its implausibility reads the targets' bands as what they are: tolerances."""

import argparse

import pandas as pd
import yaml
from omegaconf import OmegaConf

from analysis import history_matching as hm
from analysis.calibration import FIT_COMMUNITY, fit_targets
from analysis.labels import pick
from analysis.style import save
from results.atomic import write_text
from results.columns import CODE_VERSION, ROW
from sim.params import Config, assumption_ranges
from sim.run import code_version, model_fingerprint

from .design import ROOT
from .search import design_table, run_rows


def default_values(names: list[str]) -> dict[str, float]:
    """Today's defaults of the dotted parameters `names`."""
    defaults = OmegaConf.structured(Config())
    return {name: float(OmegaConf.select(defaults, name)) for name in names}


def history_match(args: argparse.Namespace) -> int:
    """Run the waves, save the set, the draws, the record and the figures; exit 1 (saving nothing) if a run
    failed."""
    names = yaml.safe_load(args.spec.read_text())["parameters"]
    ranges = {p: assumption_ranges()[p] for p in names}
    targets = fit_targets(args.overrides)
    out = args.out.resolve()
    codes = []

    def run_wave(k: int, table):
        folder = out / f"wave_{k}"
        folder.mkdir(parents=True, exist_ok=True)
        code, surveys = run_rows(table, args, folder, targets)
        codes.append(code)
        return (*hm.replicates(targets, surveys, ROW), code)

    result = hm.run_waves(design_table(names, args.points), run_wave, targets, ranges, args.waves)
    if max(codes, default=0):  # the kept set and draws stay as they were until every wave has finished
        print(f"\nRuns of wave {len(codes)} failed; run the same command again to finish them (finished runs stay).")
        return 1
    save_result(args, result, targets, ranges, default_values(names))
    return 0


def wave_record(k: int, wave, summary: dict, kept, judged: dict) -> dict:
    """What one wave did: its emulators' leave-one-out checks, what it left standing, how the defaults fare."""
    checks = {t: {key: round(v, 4) if isinstance(v, float) else v for key, v in hm.loo_summary(e).items()}
              for t, e in wave.loo.items()}
    return {
        "wave": k, "design_points": summary["design_points"], "emulator_points": wave.points,
        "targets_used": wave.used, "targets_left_out": [t for t in wave.loo if t not in wave.used],
        "judged_on": f"implausibility rank {hm.ORDER if len(wave.used) >= hm.MANY else 1} of {len(wave.used)} targets",
        "share_not_implausible": float(f"{summary['share']:.4g}"), "set_size": summary["set_size"],
        "loo": checks,
        "defaults": {"judged": round(judged["judged"], 3), "standing": judged["standing"],
                     "by_target": {t: round(float(v), 2) for t, v in judged["by_target"].items()}},
        "parameters_q05_q50_q95": {p: [round(float(q), 5) for q in kept[p].quantile([0.05, 0.5, 0.95])]
                                   for p in kept.columns} if len(kept) else {},
    }


def save_result(args: argparse.Namespace, result: dict, targets, ranges: dict, defaults: dict) -> None:
    """The set, the record and the figures first; then the draws, which need enough points in the set."""
    keep = args.keep.resolve()
    keep.mkdir(parents=True, exist_ok=True)
    sets, waves = result["sets"], result["waves"]
    kept = sets[-1] if sets else None
    judged = hm.judge_point(waves, targets, pd.DataFrame([defaults]), ranges)
    record = {
        CODE_VERSION: code_version(), "model_fingerprint": model_fingerprint(), "spec": str(args.spec.relative_to(ROOT) if args.spec.is_absolute() and
                                                     args.spec.is_relative_to(ROOT) else args.spec),
        "community": FIT_COMMUNITY, "fit_targets": list(targets["id"]), "points_per_wave": args.points,
        "seeds": args.seeds, "years": args.years, "waves_asked": args.waves, "cutoff": hm.CUTOFF,
        "loo_level": hm.LOO_LEVEL, "nugget": "variance of each point's mean over its seeds (shrunk to the pooled one)",
        "waves": [wave_record(k, w, s, kept_k, j) for k, (w, s, kept_k, j)
                  in enumerate(zip(waves, result["record"], sets, judged), start=1)],
        "stopped": [r for r in result["record"] if "stopped" in r],
        "parameters": {p: {"range": list(map(float, ranges[p])), "default": defaults[p]} for p in ranges},
    }
    if kept is not None:
        write_text(keep / "not_implausible.csv", kept.to_csv(index=False))
    write_text(keep / "history_match.yaml", yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    for lang in ("en", "nl"):
        if sets:
            note = pick(hm.WORDS["note"], lang).format(points=args.points, seeds=args.seeds, years=f"{args.years:g}",
                                                    cutoff=hm.CUTOFF)
            save(hm.ranges_figure(sets, ranges, defaults, result["share"], note, lang),
                 args.report / f"history_match_{lang}")
            save(hm.loo_figure(waves, lang), args.report / f"history_match_loo_{lang}")
    summary = "; ".join(f"wave {r['wave']}: {100 * r['share_not_implausible']:.3g}% of the box, emulators used "
                        f"{len(r['targets_used'])} of {len(r['loo'])}" for r in record["waves"])
    print(f"\n{summary}. Today's defaults: {'standing' if judged and judged[-1]['standing'] else 'ruled out'}. "
          f"Saved in {keep}")
    for stop in record["stopped"]:
        print(f"Stopped at wave {stop['wave']}: {stop['stopped']}")
    if kept is not None and len(kept):
        write_text(keep / "draws.csv", hm.draws(kept, args.draws).to_csv(index=False))
