"""The three places the project reaches past Hydra's public API, in one module (hydra-core 1.3; pinned <1.4).

- `apply_overrides`: apply `a.b=value` overrides to an already composed config, as Hydra's compose does
  (`ConfigLoaderImpl._apply_overrides_to_config`), so that a study's thousands of points compose once per choice
  of config groups instead of once each (sim/configs.compose_each).
- `parse_command_line` and `HYDRA_FLAGS`: Hydra's own command-line parser, so that `python -m sim` can check a
  run's overrides before Hydra makes its folder, and leave Hydra's own commands (--cfg, --info, -m, ...) to it.
- `own_hydra`: set a running app's Hydra state aside while another config is composed (a chunk of runs composes
  its runs' configs inside its own Hydra job: experiments/chunks.py), with the backup functions
  `hydra.initialize` itself uses.

tests/test_hydra_adapter.py fails when Hydra changes under any of them.
"""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from hydra._internal.config_loader_impl import ConfigLoaderImpl
from hydra._internal.utils import get_args_parser
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.initialize import get_gh_backup, restore_gh_from_backup
from omegaconf import DictConfig

# Hydra's flags that are Hydra's own commands: with any of them `python -m sim` leaves the command line to Hydra
HYDRA_FLAGS = ("multirun", "help", "hydra_help", "cfg", "info", "shell_completion", "config_path", "config_name",
               "config_dir", "experimental_rerun")
# the rest of Hydra's parser: the overrides, and flags that only modify the ones above or run as usual
OTHER_ARGUMENTS = ("overrides", "version", "resolve", "package", "run")


def apply_overrides(cfg: DictConfig, overrides: list[str]) -> None:
    """Apply plain `a.b=value` overrides to the composed `cfg` in place, with Hydra's own errors."""
    ConfigLoaderImpl._apply_overrides_to_config(OverridesParser.create().parse_overrides(overrides), cfg)


def parse_command_line(argv: list[str]) -> argparse.Namespace:
    """`argv` as Hydra's main parses it: `.overrides`, and one attribute per flag of HYDRA_FLAGS."""
    return get_args_parser().parse_args(argv)


def hydra_command(args: argparse.Namespace) -> bool:
    """Whether the command line asks for one of Hydra's own commands rather than a run."""
    return any(getattr(args, flag, None) for flag in HYDRA_FLAGS)


@contextmanager
def own_hydra() -> Iterator[None]:
    """Set the running app's Hydra state aside while other configs are composed (Hydra composes one app at a time),
    and put it back after."""
    backup = get_gh_backup()
    GlobalHydra.instance().clear()
    try:
        yield
    finally:
        restore_gh_from_backup(backup)
