"""`python -m experiments sensitivity`: which assumptions drive the answer. A Morris screening moves every
assumption-marked parameter (sim/params.py, `assumed=`) over its declared range, in groups by submodel
(Campolongo, Cariboni & Saltelli 2007: 109 parameters one at a time would need 110 points per trajectory); a policy
parameter is screened in the group of the arrangement it acts in, declared beside it (sim/params.py, `group=`).
A Sobol analysis then varies the parameters of the most influential groups. SALib draws both samples.

The sample becomes a design table whose row number the `sensitivity` study sweeps together with the policies: one
Hydra job per row, policy and replicate, through the study runner (parallel, resumable, cluster-ready). Every row
runs on the same replicate seeds, so rows and policies differ by their parameters only (common random numbers), and
each policy's difference from the status quo is paired within its row."""

import argparse
import math
import time

import pandas as pd
import yaml
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from scipy.stats import qmc

from analysis.sampled import sampled
from results.columns import ROW
from results.files import STUDY
from sim.params import assumption_ranges, screening_group

from .design import REPLICATE, make_design
from .options import checked
from .runner import run_study
from .search import write_design

SEED = 20260301  # the sample's own seed: the design is part of the study, the same on every machine
QUESTION = ("tendering", "lump_sum")  # what a scenario-discovery sample always varies: the arrangements asked about


def problem(groups: list[str] | None = None) -> dict:
    """The SALib problem: every assumption parameter (or those of `groups`) with its declared range and group."""
    ranges = {p: r for p, r in assumption_ranges().items() if groups is None or screening_group(p) in groups}
    return {"num_vars": len(ranges), "names": list(ranges), "bounds": [list(map(float, r)) for r in ranges.values()],
            "groups": [screening_group(p) for p in ranges]}


def sample(method: str, spec: dict, size: int) -> pd.DataFrame:
    """Morris: `size` trajectories on a 4-level grid; Sobol: Saltelli's scheme with `size` base points (first order
    and total indices only, N x (groups + 2) rows); lhs: `size` Latin-hypercube rows."""
    if method == "morris":
        rows = morris_sample.sample(spec, N=size, num_levels=4, seed=SEED)
    elif method == "lhs":
        rows = qmc.scale(qmc.LatinHypercube(d=spec["num_vars"], seed=SEED).random(size), *zip(*spec["bounds"]))
    else:
        rows = sobol_sample.sample(spec, N=size, calc_second_order=False, seed=SEED)
    return pd.DataFrame(rows, columns=spec["names"])


def grid(args: argparse.Namespace, design_csv, n_rows: int) -> list[str]:
    """The study's overrides: the design table's rows swept, with the replicates and horizon asked for."""
    return [*args.overrides, f"study.design={design_csv}", f"study.design_row=range(0,{n_rows})",
            f"run.replicate=range(0,{args.replicates})", f"run.years={args.years:g}"]


def show(args: argparse.Namespace, out, groups, size: int, n_rows: int) -> int:
    """--dry-run: the design that would run, and where; nothing written, nothing launched."""
    design = make_design("sensitivity", grid(args, out / STUDY.design_table, n_rows))
    print(f"Study sensitivity ({args.method}): {describe(design, args.method, size, groups)}\nOutput: {out}")
    print("Dry run: the sample was drawn but not written; nothing was launched.")
    return 0


def chosen_groups(args: argparse.Namespace) -> list[str] | None:
    """The groups to vary: as given; for Morris all (None); for Sobol the most influential of the Morris run; for a
    scenario-discovery sample those and the arrangements asked about."""
    if args.groups:
        unknown = sorted(set(args.groups) - set(problem()["groups"]))
        if unknown:
            raise SystemExit(f"--groups: {', '.join(unknown)} not allowed; groups: "
                             f"{', '.join(sorted(set(problem()['groups'])))}")
        return args.groups
    if args.method == "morris":
        return None
    ranking = args.out / "morris" / STUDY.analysis / "ranking.csv"
    if not ranking.exists():
        raise SystemExit(f"--groups not given and no Morris ranking at {ranking}; run --method morris first")
    top = pd.read_csv(ranking)["group"].head(args.top).tolist()
    return top if args.method == "sobol" else [*QUESTION, *top]


SIZES = {"morris": 3, "sobol": 8, "lhs": 96}  # the default size of each method's sample


def rows(method: str, size: int, groups: int) -> int:
    """Rows of a sample: Morris N x (groups + 1), Sobol (first and total order) N x (groups + 2), lhs N."""
    return size * {"morris": groups + 1, "sobol": groups + 2, "lhs": 1}[method]


def describe(design, method: str = "morris", size: int | None = None, groups: list[str] | None = None) -> str:
    """What the study runs: sample rows x the design's other points x replicates ('69 rows of the Morris sample
    (3 trajectories x (22 groups + 1)) x 6 policy x 1 replicates = 414 runs')."""
    size = size or SIZES[method]
    n_groups = len(set(problem(groups)["groups"]))
    n_rows = rows(method, size, n_groups)
    how = {"morris": f"{size} trajectories x ({n_groups} groups + 1)", "sobol": f"{size} base points x ({n_groups} "
           f"groups + 2)", "lhs": f"{size} Latin-hypercube points"}[method]
    others = {k: len(v) for k, v in design.sweeps.items() if k not in (REPLICATE, ROW)}
    shown = " x ".join(f"{n} {k}" for k, n in others.items()) or "1 point"
    return (f"{n_rows} rows of the {method} sample ({how}) x {shown} x {design.replicates} replicates = "
            f"{n_rows * math.prod(others.values()) * design.replicates} runs")


def sensitivity(args: argparse.Namespace) -> int:
    """Write the sample as a design table, run it under every policy, analyse; exit 1 if a run failed. With
    --dry-run: draw the sample, show the design and the Hydra command, write and run nothing."""
    size = args.size or SIZES[args.method]
    groups = chosen_groups(args)
    spec = problem(groups)
    out = (args.out / args.method).resolve()
    table = sample(args.method, spec, size)
    if args.dry_run:
        return show(args, out, groups, size, len(table))
    out.mkdir(parents=True, exist_ok=True)
    design_csv = write_design(table, out)
    (out / STUDY.problem).write_text(yaml.safe_dump({"method": args.method, "size": size, "seed": SEED, **spec},
                                                     sort_keys=False))
    design = checked(make_design("sensitivity", grid(args, design_csv, len(table))))
    started = time.monotonic()
    code = run_study(design, out, args.jobs, launcher=args.launcher)
    print(f"\n{args.method}: {len(table)} rows x {len(design.sweeps.get('policy', ['-']))} policies x "
          f"{args.replicates} replicates in {(time.monotonic() - started) / 60:.1f} min")
    if code:  # stopped, or runs failed: the indices need every row under every policy; run again to finish
        return code
    return sampled(out, noise=None)
