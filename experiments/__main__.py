"""`python -m experiments list`, `python -m experiments run <study> [--replicates N] [--years Y] [--jobs J]
[--out DIR] [--dry-run] [--launcher local|slurm] [cluster options] [overrides ...]` (a named study as resumable
Hydra multiruns, on this machine or as a SLURM job array),
`python -m experiments calibrate [--communities ...] [--seeds N]` (the model against its calibration targets) and
`python -m experiments search` (a designed search of assumption parameters against those targets),
`python -m experiments sensitivity [--method morris|sobol]` (which assumptions drive the answer) and
`python -m experiments match` (history matching: the parameter values not ruled out by the targets) and
`python -m experiments whatif community=ruwaard policy=lump_sum,tendering` (two options in one community: the runs,
a difference figure and a one-page brief for a council, in English or Dutch).

Options and every point of the grid are checked before anything launches: a bad one stops with exit code 2 and
one line naming the option or key and what is allowed."""

import argparse
import importlib
import shlex
import shutil
import sys
from pathlib import Path

from results.files import STUDY
from sim.validation import ConfigError

from .cautions import study_cautions, warn
from .commands import launcher_from
from .commands import parse as parse_command
from .design import check_design, header, make_design, study_names, study_question
from .runner import hydra_command, run_study

COMMANDS = {  # command -> (module, function): imported when that command runs, so `run` starts quickly
    "whatif": ("whatif", "whatif"), "calibrate": ("calibrate", "calibrate"), "search": ("search", "search"),
    "sensitivity": ("sensitivity", "sensitivity"), "match": ("match", "history_match"),
}


def parse(argv: list[str]) -> argparse.Namespace:
    return parse_command(argv, __doc__)


def command(name: str):
    """The function that carries out command `name`."""
    module, function = COMMANDS[name]
    return getattr(importlib.import_module(f".{module}", __package__), function)


def sampled_study():
    """experiments/sensitivity.py, imported when needed (it loads SALib)."""
    return importlib.import_module(".sensitivity", __package__)


def sensitivity_options(args: argparse.Namespace) -> argparse.Namespace:
    """`run sensitivity`'s options as the `sensitivity` command's: that command's defaults, then the options `run`
    was given, passed through as parsed and checked."""
    given = {"replicates": args.replicates, "years": args.years, "out": args.out}
    return argparse.Namespace(**{**vars(parse(["sensitivity"])), **{k: v for k, v in given.items() if v is not None},
                                 "jobs": args.jobs, "dry_run": args.dry_run, "overrides": list(args.overrides),
                                 "launcher": args.launcher})


def list_studies() -> None:
    for name in study_names():
        design = make_design(name)
        described = sampled_study().describe(design) if name == "sensitivity" else design.describe()
        print(f"{name}\n  {study_question(name)}\n  {described}")
        print(f"  {header(name).get('Run', '')}\n")


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "list":
        list_studies()
        return 0
    try:
        args.launcher = launcher_from(args)
    except ConfigError as err:
        print(f"Invalid cluster settings: {err}", file=sys.stderr)
        return 2
    if args.launcher.kind == "slurm" and not getattr(args, "dry_run", False) and not shutil.which("sbatch"):
        print("--launcher slurm needs SLURM's sbatch on the PATH: run on the cluster's login node", file=sys.stderr)
        return 2
    if args.command in COMMANDS:
        return command(args.command)(args)
    if args.study == "sensitivity":  # its design table is drawn first: the Morris screening with the run's options
        return command("sensitivity")(sensitivity_options(args))
    return run(args)


def run(args: argparse.Namespace) -> int:
    """`run <study>`: check the design, then run it (or show it: --dry-run)."""
    overrides = list(args.overrides)
    if args.replicates is not None:
        overrides.append(f"run.replicate=range(0,{args.replicates})")
    if args.years is not None:
        overrides.append(f"run.years={args.years:g}")
    launcher = args.launcher
    try:
        design = make_design(args.study, overrides, explain=args.explain)
        warn(study_cautions(design, check_design(design)))
    except ConfigError as err:
        print(f"Invalid study: {err}", file=sys.stderr)
        return 2
    out = (args.out or Path("outputs/studies") / args.study).resolve()
    if args.dry_run:
        print(f"Study {args.study}: {design.describe()}\nOutput: {out}")
        size = launcher.chunk_size or "auto"
        print(f"Chunks of {size} runs: {design.runs if size == 'auto' else -(-design.runs // size)} jobs at most")
        print("Hydra: " + shlex.join(hydra_command(design, out / STUDY.launches / "<time stamp>", launcher, "K")))
        return 0
    return run_study(design, out, args.jobs, launcher=launcher)


if __name__ == "__main__":
    sys.exit(main())
