"""The command line of `python -m experiments`: every command's options, in a module that imports none of the
commands, so that `run` starts without loading what calibration, history matching and sensitivity analysis need
(SALib, scikit-learn, scipy.stats, matplotlib: 3.7 s of a runner's 6.5 s start). Every command that launches runs
takes the launcher options, and gets them as a Launcher (launcher_from)."""

import argparse
import os
from pathlib import Path

from sim.validation import ConfigError

from . import cluster
from .assumption_draws import DRAWS
from .design import ROOT, study_names
from .options import Parser, chunks, minutes, whole, years
from .runner import Launcher

METHODS = ("morris", "sobol", "lhs")  # sensitivity methods; lhs: a Latin hypercube for scenario discovery (PRIM)
SEARCH_SPEC = ROOT / "experiments" / "searches" / "calibration.yaml"  # what `search` varies by default
MATCH_SPEC = ROOT / "experiments" / "searches" / "history_match.yaml"  # what `match` varies by default


def parse(argv: list[str], description: str = "") -> argparse.Namespace:
    """The command line of `python -m experiments`, checked (argparse exits 2 with one line on a bad option)."""
    parser = Parser(prog="python -m experiments", description=description)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    sub.add_parser("list", help="the studies, their questions and designs")
    run = sub.add_parser("run", help="run a study (again: only the runs not yet finished)")
    run.add_argument("study", choices=study_names())
    run.add_argument("--replicates", type=whole(1), help="replicates per parameter point (run.replicate=range(0,N))")
    run.add_argument("--years", type=years, help="simulated years (run.years)")
    run.add_argument("--out", type=Path, help="study folder (default outputs/studies/<study>)")
    run.add_argument("--dry-run", action="store_true", help="show the design and the Hydra command, run nothing")
    run.add_argument("--explain", action="store_true", help="also run each swept policy with each of its mechanisms "
                     "switched off in turn, on the same seeds: the analysis then takes each difference apart by "
                     "mechanism (one more run per mechanism and replicate)")
    add_launcher_options(run)
    run.add_argument("overrides", nargs="*", help="Hydra overrides, e.g. community=tiny policy=subsidy,tendering")
    for add in (add_whatif, add_calibrate, add_search, add_sensitivity, add_match):
        add(sub)
    args, rest = parser.parse_known_args(argv)  # overrides may come before or after the options
    unknown = [a for a in rest if a.startswith("-")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if rest:
        args.overrides = list(getattr(args, "overrides", [])) + rest
    return args


def add_launcher_options(parser) -> None:
    """Where a command's runs go (this machine's cores or a SLURM job array) and how they are packed: `run`,
    `calibrate`, `search`, `sensitivity` and `match` all launch through the study runner."""
    parser.add_argument("--jobs", type=whole(1), default=min(2, os.cpu_count() or 1),
                        help="runs at a time on this machine (default 2)")
    parser.add_argument("--launcher", choices=("local", "slurm"), default="local",
                        help="local: this machine's cores (joblib); slurm: a SLURM job array (hydra-submitit-launcher)")
    parser.add_argument("--chunk-size", type=chunks, help="runs per Hydra job / SLURM task, or 'auto' (the default): "
                        "locally, the runs that share a warm-up (the policies of a replicate) or 4; on SLURM, sized "
                        "from the time of a run so a task lasts --task-minutes")
    slurm = parser.add_argument_group("SLURM (--launcher slurm; defaults in configs/cluster.yaml)")
    slurm.add_argument("--partition", help="SLURM partition (default: the cluster's default)")
    slurm.add_argument("--time-limit", type=whole(1), dest="time_limit_min", help="time limit of a task [minutes]")
    slurm.add_argument("--mem-gb", type=whole(1), help="memory of a task [GB]")
    slurm.add_argument("--parallelism", type=whole(1), help="tasks of the array that may run at once")
    slurm.add_argument("--task-minutes", type=minutes, help="how long a task should last with --chunk-size auto")
    slurm.add_argument("--cluster-config", type=Path, help="a YAML file with any of configs/cluster.yaml's keys")


SLURM_ONLY = ("partition", "time_limit_min", "mem_gb", "parallelism", "cluster_config")


def launcher_from(args: argparse.Namespace) -> Launcher:
    """The launcher the options ask for; SLURM settings with the local launcher are refused (ConfigError)."""
    given = {key: getattr(args, key) for key in SLURM_ONLY if getattr(args, key) is not None}
    if args.launcher == "local" and given:
        option = "--" + next(iter(given)).replace("_min", "").replace("_", "-")
        raise ConfigError(f"{option} applies to --launcher slurm only")
    settings = cluster.load(args.cluster_config, **{k: v for k, v in given.items() if k != "cluster_config"},
                            task_minutes=args.task_minutes)
    size = args.chunk_size if args.chunk_size is not None else "auto"
    return Launcher(args.launcher, args.jobs, None if size == "auto" else size, settings)


def add_whatif(sub) -> None:
    w = sub.add_parser("whatif", help="two options in one community: runs, a difference figure and a one-page brief")
    w.add_argument("--replicates", type=whole(1), default=10, help="replicates per option (default 10, at least 5)")
    w.add_argument("--years", type=years, help="simulated years after the warm-up (default: the study's, 10)")
    w.add_argument("--lang", choices=("en", "nl", "both"), default="en", help="language of the figure and brief")
    w.add_argument("--out", type=Path, help="study folder (default outputs/whatif/<community>/<key>-<a>-vs-<b>)")
    w.add_argument("--dry-run", action="store_true", help="check and show the comparison, run nothing")
    w.add_argument("--explain", action="store_true", help="also run each option with each of its mechanisms switched "
                   "off in turn: the brief then says how much of each difference each mechanism carries (one more run "
                   "per mechanism and replicate)")
    add_launcher_options(w)
    w.add_argument("overrides", nargs="*", help="e.g. community=ruwaard policy=lump_sum,tendering")


def add_calibrate(sub) -> None:
    cal = sub.add_parser("calibrate", help="the model against its calibration targets (data/calibration_targets.csv)")
    cal.add_argument("--communities", nargs="+", default=["austerlitz"], help="presets to check (default austerlitz)")
    cal.add_argument("--seeds", type=whole(1), default=8, help="replicates per community and arrangement (default 8)")
    cal.add_argument("--years", type=years, default=10, help="simulated years after the warm-up (default 10)")
    cal.add_argument("--out", type=Path, default=ROOT / "outputs" / "calibration", help="run folders")
    cal.add_argument("--report", type=Path, default=ROOT / "docs" / "calibration", help="tables and figures")
    add_launcher_options(cal)
    cal.add_argument("overrides", nargs="*", help="Hydra overrides for every run, e.g. frailty.growth_per_year=0.04")


def add_search(sub) -> None:
    s = sub.add_parser("search", help="a designed search of assumption parameters against the calibration targets")
    add_design_options(s, SEARCH_SPEC, points=64, seeds=2)
    s.add_argument("--out", type=Path, default=ROOT / "outputs" / "calibration" / "search")
    s.add_argument("overrides", nargs="*", help="Hydra overrides for every run (fixed while the search varies others)")


def add_design_options(parser, spec: Path, points: int, seeds: int, least_seeds: int = 1) -> None:
    """The options of a designed batch run against the fit targets (search, match): what to vary, how much to run
    (`least_seeds`: the match needs three to see each point's noise)."""
    parser.add_argument("--spec", type=Path, default=spec, help="YAML: `parameters:` to vary (ranges in sim/params.py)")
    parser.add_argument("--points", type=whole(2), default=points, help=f"design rows (per wave) (default {points})")
    parser.add_argument("--seeds", type=whole(least_seeds), default=seeds, help=f"replicates per row and arrangement "
                        f"(default {seeds})")
    parser.add_argument("--years", type=years, default=5, help="simulated years after the warm-up (default 5)")
    add_launcher_options(parser)


def add_sensitivity(sub) -> None:
    s = sub.add_parser("sensitivity", help="Morris screening of every assumption, then Sobol over the influential")
    s.add_argument("--method", choices=METHODS, default="morris")
    s.add_argument("--size", type=whole(2), help="Morris trajectories (default 3), Sobol base points (default 8) or "
                   "Latin-hypercube rows (lhs, default 96)")
    s.add_argument("--groups", nargs="+", help="the groups to vary (Morris default: all; Sobol default: the top --top "
                   "groups of the Morris run in --out)")
    s.add_argument("--top", type=whole(1), default=3, help="Sobol: how many Morris groups to vary (default 3)")
    s.add_argument("--replicates", type=whole(1), default=1, help="replicates per row and policy (default 1)")
    s.add_argument("--years", type=years, default=5, help="simulated years after the warm-up (default 5)")
    add_launcher_options(s)
    s.add_argument("--out", type=Path, default=ROOT / "outputs" / "studies" / "sensitivity")
    s.add_argument("--dry-run", action="store_true", help="draw the sample and show the design, write and run nothing")
    s.add_argument("overrides", nargs="*", help="Hydra overrides for every run, e.g. community=tiny policy=a,b")


def add_match(sub) -> None:
    m = sub.add_parser("match", help="history matching of assumption parameters to the fit targets, in waves")
    add_design_options(m, MATCH_SPEC, points=64, seeds=3, least_seeds=3)
    m.add_argument("--waves", type=whole(1), default=3, help="waves, each inside what the earlier left (default 3)")
    m.add_argument("--draws", type=whole(1), default=DRAWS, help="points drawn from the not-implausible set (default "
                   f"{DRAWS}: one for each draw of funding_uncertainty, so that its draws are independent)")
    m.add_argument("--out", type=Path, default=ROOT / "outputs" / "calibration" / "history_match", help="run folders")
    m.add_argument("--keep", type=Path, default=ROOT / "data" / "posterior", help="the set, draws and record")
    m.add_argument("--report", type=Path, default=ROOT / "docs" / "calibration", help="the figure")
    m.add_argument("overrides", nargs="*", help="Hydra overrides for every run")
