"""Hydra glue: the dataclasses as the config schema, composing configs outside the CLI, and conversion."""

from pathlib import Path

import pandas as pd
from hydra import compose as hydra_compose
from hydra import initialize_config_dir
from hydra.core.config_store import ConfigStore
from omegaconf import DictConfig, OmegaConf

from .params import STATUS_QUO, Config
from .validation import ConfigError, validate

CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"


def register_configs() -> None:
    """The schema every composed config is checked against (misspelt keys and wrong types fail)."""
    ConfigStore.instance().store(name="base_config", node=Config)


def to_config(cfg: DictConfig) -> Config:
    """A composed DictConfig as a validated `Config` (raises ConfigError naming the bad key)."""
    try:
        config = OmegaConf.to_object(cfg)
    except Exception as err:  # omegaconf type errors name the key; keep their message
        raise ConfigError(str(err)) from err
    if config.policy.name == STATUS_QUO:  # resolved here, so the run's resolved config names the real policy
        config.policy.name = config.community.status_quo_policy
    apply_design_row(config)
    return validate(config)


def apply_design_row(config: Config) -> None:
    """Set the parameters of row `study.design_row` of the design table `study.design` (a sampled design: each
    column a dotted parameter, each row a point), so that a sweep over the row number runs the whole design."""
    if not config.study.design or config.study.design_row < 0:
        return
    path = Path(config.study.design)
    table = pd.read_csv(path if path.is_absolute() else CONFIG_DIR.parent / path)
    if config.study.design_row >= len(table):
        raise ConfigError(f"study.design_row={config.study.design_row} is past the {len(table)} rows of {path}")
    for key, value in table.iloc[config.study.design_row].items():
        section, name = key.rsplit(".", 1)
        group = config
        for part in section.split("."):
            group = getattr(group, part)
        if not hasattr(group, name):
            raise ConfigError(f"{path}: column {key} is not a parameter")
        current = getattr(group, name)
        setattr(group, name, int(round(value)) if isinstance(current, int) else type(current)(value))


def compose(overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Compose configs/config.yaml with Hydra-style overrides, e.g. ["community=tiny", "run.years=1"]."""
    register_configs()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return to_config(hydra_compose(config_name="config", overrides=list(overrides)))
