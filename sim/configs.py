"""Hydra glue: the dataclasses as the config schema, composing configs outside the CLI, and conversion."""

from pathlib import Path

from hydra import compose as hydra_compose
from hydra import initialize_config_dir
from hydra.core.config_store import ConfigStore
from omegaconf import DictConfig, OmegaConf

from .params import Config
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
    return validate(config)


def compose(overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Compose configs/config.yaml with Hydra-style overrides, e.g. ["community=tiny", "run.years=1"]."""
    register_configs()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return to_config(hydra_compose(config_name="config", overrides=list(overrides)))
