"""`python -m experiments search`: a designed search over assumption-marked parameters for the values that bring the
model closest to its calibration targets: the fit rows of Austerlitz only (analysis.calibration.fit_targets), so
that the held-out rows and the other communities stay a validation. A Latin hypercube over the chosen parameters'
declared ranges (sim/params.py, `assumed=`) becomes a design table; the calibration study runs every row (one Hydra
job per row and seed, through the study runner: parallel and resumable) under each arrangement the fit rows name;
each row is scored by how far its surveys fall outside the fit rows' bands (analysis/calibration.score)."""

import argparse
from pathlib import Path

import pandas as pd
import yaml
from scipy.stats import qmc

from analysis.calibration import FIT_COMMUNITY, compare, fit_targets, score, survey_by_run
from results.columns import ROW
from results.files import STUDY
from sim.params import assumption_ranges

from .calibrate import ARRANGEMENTS
from .design import make_design
from .options import checked
from .runner import run_study


def design_table(parameters: list[str] | dict[str, list[float]], points: int, seed: int = 20120101) -> pd.DataFrame:
    """A Latin hypercube, `points` rows, one column per parameter: over its declared range (a list of names), or over
    a narrower range given with it (a mapping name -> [low, high], to refine a search around a good region)."""
    declared = assumption_ranges()
    unknown = [p for p in parameters if p not in declared]
    if unknown:
        raise SystemExit(f"not assumption-marked parameters with a range: {', '.join(unknown)}")
    ranges = parameters if isinstance(parameters, dict) else {p: declared[p] for p in parameters}
    sample = qmc.LatinHypercube(d=len(ranges), seed=seed).random(points)
    low, high = zip(*ranges.values())
    return pd.DataFrame(qmc.scale(sample, low, high), columns=list(ranges))


def write_design(table: pd.DataFrame, out: Path) -> Path:
    """`out`/design.csv, refusing to replace another design: finished runs in `out` belong to that one."""
    design_csv = out / STUDY.design_table
    if design_csv.exists() and not pd.read_csv(design_csv).round(12).equals(table.round(12)):
        raise SystemExit(f"{design_csv} holds another design; use --out for a new one")
    table.to_csv(design_csv, index=False)
    return design_csv


def run_rows(table: pd.DataFrame, args: argparse.Namespace, out: Path,
             targets: pd.DataFrame) -> tuple[int, dict[str, pd.DataFrame]]:
    """Run every row of a design table at the fit community under each arrangement the `targets` name; (exit code,
    surveys by run)."""
    design_csv = write_design(table, out)
    code, surveys = 0, {}
    for arrangement in targets["policy"].unique():
        folder = out / arrangement
        grid = [f"community={FIT_COMMUNITY}", *ARRANGEMENTS[arrangement], *args.overrides,
                f"study.design={design_csv}", f"study.design_row=range(0,{len(table)})",
                f"run.replicate=range(0,{args.seeds})", f"run.years={args.years:g}"]
        design = checked(make_design("calibration", grid))
        code = max(code, run_study(design, folder, args.jobs, launcher=args.launcher))
        surveys[arrangement] = survey_by_run(folder, by=ROW)
    return code, surveys


def search(args: argparse.Namespace) -> int:
    spec = yaml.safe_load(args.spec.read_text())
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    table = design_table(spec["parameters"], args.points)
    targets = fit_targets(args.overrides)
    code, surveys = run_rows(table, args, out, targets)
    scores = [{"row": row, **score(compare(targets, {a: s[s[ROW] == row] for a, s in surveys.items()}))}
              for row in range(args.points)]
    ranking = pd.concat([table, pd.DataFrame(scores).set_index("row")], axis=1).sort_values("loss")
    ranking.to_csv(out / "ranking.csv", index_label="row")
    print(f"\nBest rows of {args.points} ({args.seeds} seeds, {args.years:g} years), of {out / 'ranking.csv'}:")
    print(ranking.head(5).to_markdown(floatfmt=".3g"))
    return code
