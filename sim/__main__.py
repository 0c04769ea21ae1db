"""Command line: `python -m sim [community=...] [policy=...] [scenario=...] [run.years=...] [run.seed=...]`.

A single run's config is checked before Hydra starts (Hydra makes the run folder before `main` runs): a bad one
stops with exit code 2, one line naming the key and what is allowed, and no folder left behind.
In a multirun (`-m`, as `python -m experiments run` starts it) every job goes through `jobs.run_job`: a finished
run folder is skipped and a failing run leaves FAILED.json instead of stopping the sweep.
"""

import os
import shutil
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from results.atomic import OutputError

from .cautions import run_cautions
from .configs import check_cli, register_configs, to_config
from .help import main as explain_parameters
from .hydra_adapter import hydra_command, parse_command_line
from .jobs import run_job
from .report import print_summary
from .run import run_and_write
from .validation import ConfigError

register_configs()


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
def main(cfg: DictConfig) -> None:
    hydra_cfg = HydraConfig.get()
    out_dir = Path(hydra_cfg.runtime.output_dir)
    if hydra_cfg.mode == RunMode.MULTIRUN:
        run_job(lambda: to_config(cfg), out_dir, list(hydra_cfg.overrides.task))
        return
    try:
        summary = run_and_write(to_config(cfg), out_dir)  # checked before Hydra started (check_first); the model
    except ConfigError as err:  # validates it as it starts, before anything is written
        discard_run_dir(out_dir, hydra_cfg.job.name)
        stop(f"Invalid configuration: {err}", 2)
    except OutputError as err:
        stop(f"Output not written: {err}", 1)
    print_summary(summary, out_dir)


def check_first(argv: list[str]) -> None:
    """Exit 2 with one line if a single run's config is invalid or its run folder cannot be made."""
    args = parse_command_line(argv)
    if hydra_command(args):  # Hydra's own commands are Hydra's business
        return
    try:
        config, run_dir = check_cli(args.overrides)
    except ConfigError as err:
        stop(f"Invalid configuration: {err}", 2)
    for line in run_cautions(config):  # what this run would not show: said before it runs
        print(f"Warning: {line}", file=sys.stderr)
    problem = run_dir and unwritable(run_dir)
    if problem:
        stop(f"Invalid configuration: hydra.run.dir={run_dir}: {problem}", 2)


def unwritable(folder: Path) -> str | None:
    """Why `folder` cannot be made and written, judged at its nearest existing parent; None if it can."""
    existing = Path(os.path.abspath(folder))
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write in {existing} (permission denied or a read-only file system)"
    return None


def discard_run_dir(out_dir: Path, job_name: str) -> None:
    """Remove the folder Hydra made for a run that never started, if it holds nothing but Hydra's own files."""
    if {p.name for p in out_dir.iterdir()} <= {".hydra", f"{job_name}.log"}:
        shutil.rmtree(out_dir, ignore_errors=True)


def stop(message: str, code: int):
    print(message, file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    if {"--help", "-h"} & set(sys.argv[1:]):  # the parameters explained (Hydra's own help: --hydra-help)
        sys.exit(explain_parameters(sys.argv[1:]))
    check_first(sys.argv[1:])
    main()
