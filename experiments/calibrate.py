"""`python -m experiments calibrate`: run the calibration study for each community and arrangement a target names
(its status quo; no cooperative ever), then write model against target as tables and figures (analysis/calibration)."""

import argparse
from pathlib import Path

from analysis.calibration import compare, load_targets, survey_by_run, write_report

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
        print(f"\n{community}: {int(result['inside'].sum())} of {len(result)} targets inside their band; "
              f"report: {', '.join(p.name for p in written if p.suffix in ('.md', '.png'))} in {args.report}")
        for row in result[~result["inside"]].itertuples():
            print(f"  outside: {row.target} ({row.policy}): model {row.model_mean:.4g}, band {row.low:g}-{row.high:g}")
    return code


def version_of(folder: Path) -> str:
    """The code version(s) the runs under `folder` were made with."""
    from analysis.load import load_runs

    versions = set()
    for arrangement in ARRANGEMENTS:
        runs, _ = load_runs(folder / arrangement)
        versions |= set(runs["code_version"].astype(str))
    return ", ".join(sorted(versions))
