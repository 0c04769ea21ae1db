"""`python -m experiments calibrate`: run the calibration study for each community and arrangement a target names
(its status quo; no cooperative ever), then write model against target as tables and figures (analysis/calibration):
emergent targets scored apart as fit (Austerlitz's fit rows) and validation (held-out rows, and every community no
fit reads), inputs shown as consistency checks."""

import argparse
from pathlib import Path

from analysis.calibration import compare, headline, load_targets, survey_by_run, write_report, write_summary
from results.columns import CODE_VERSION

from .design import make_design
from .options import checked
from .runner import run_study

ARRANGEMENTS = {  # arrangement -> overrides (what the target table's policy column means)
    "status_quo": ["policy=status_quo"],
    "no_cooperative": ["policy=no_cooperative", "community.status_quo_policy=no_cooperative"],
}


def calibrate(args: argparse.Namespace) -> int:
    """Run what is missing, compare, report; exit 1 if a run failed, else 0 (whatever the targets say)."""
    code = 0
    for community in args.communities:
        surveys = {}
        for arrangement, overrides in ARRANGEMENTS.items():
            folder = args.out.resolve() / community / arrangement
            grid = [f"community={community}", *overrides, *args.overrides,
                    f"run.replicate=range(0,{args.seeds})", f"run.years={args.years:g}"]
            design = checked(make_design("calibration", grid))
            code = max(code, run_study(design, folder, args.jobs, launcher=args.launcher))
            surveys[arrangement] = survey_by_run(folder)
        result = compare(load_targets(community), surveys)
        meta = {"seeds": args.seeds, "years": f"{args.years:g}", "version": version_of(args.out / community)}
        written = write_report(result, community, meta, args.report)
        counts = headline(result)
        print(f"\n{community}: emergent targets inside their band: " + ", ".join(
            f"{section} {inside} of {n}" for section, (inside, n) in counts.items() if section != "check" and n)
            + f"; checks (inputs) {counts['check'][0]} of {counts['check'][1]}; report: "
            f"{', '.join(p.name for p in written if p.suffix in ('.md', '.png'))} in {args.report}")
        for row in result[~result["inside"]].itertuples():
            print(f"  outside ({row.scored_as}): {row.target} ({row.policy}): model {row.model_mean:.4g}, "
                  f"band {row.low:g}-{row.high:g}")
    print(f"Summary of every community in {args.report}: {', '.join(p.name for p in write_summary(args.report))}")
    return code


def version_of(folder: Path) -> str:
    """The code version(s) the runs under `folder` were made with."""
    from analysis.load import load_runs

    versions = set()
    for arrangement in ARRANGEMENTS:
        runs, _ = load_runs(folder / arrangement)
        versions |= set(runs[CODE_VERSION].astype(str))
    return ", ".join(sorted(versions))
