"""Command line: `python -m sim [community=...] [policy=...] [scenario=...] [run.years=...] [run.seed=...]`.

In a multirun (`-m`, as `python -m experiments run` starts it) every job goes through `jobs.run_job`: a finished
run folder is skipped and a failing run leaves FAILED.json instead of stopping the sweep.
"""

import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from .configs import register_configs, to_config
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
        config = to_config(cfg)
    except ConfigError as err:
        print(f"Invalid configuration: {err}", file=sys.stderr)
        sys.exit(2)
    print_summary(run_and_write(config, out_dir), out_dir)


if __name__ == "__main__":
    main()
