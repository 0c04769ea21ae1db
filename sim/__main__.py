"""Command line: `python -m sim [community=...] [policy=...] [scenario=...] [run.years=...] [run.seed=...]`."""

import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from .configs import register_configs, to_config
from .params import ConfigError
from .report import print_summary
from .run import run_and_write

register_configs()


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
def main(cfg: DictConfig) -> float | None:
    try:
        config = to_config(cfg)
    except ConfigError as err:
        print(f"Invalid configuration: {err}", file=sys.stderr)
        sys.exit(2)
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    summary = run_and_write(config, out_dir)
    print_summary(summary, out_dir)
    return summary["unmet_share"]


if __name__ == "__main__":
    main()
