"""Hydra glue: the dataclasses as the config schema, composing configs outside the CLI, and conversion.

Every way a composed config can be wrong ends as one ConfigError line that names the key and what is allowed:
override syntax, an unknown option or key, a value of the wrong type, a key added with `+` that the schema does
not know (Hydra's `+` bypasses the structured-config schema), and the checks of sim/validation.py.
"""

import copy
import os
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_origin, get_type_hints

import pandas as pd
from hydra import compose as hydra_compose
from hydra import initialize_config_dir
from hydra.core.config_store import ConfigStore
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.errors import HydraException, MissingConfigException
from omegaconf import DictConfig, OmegaConf, open_dict
from omegaconf.errors import OmegaConfBaseException

from .hydra_adapter import apply_overrides
from .params import STATUS_QUO, Config
from .validation import ConfigError, validate

CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"
KEY = re.compile(r"[+~]{0,2}[\w.@/-]+")
DESIGN_ROW = re.compile(r"study\.design_row=(0|[1-9][0-9]*)")  # a plain row number: set on the converted config


def register_configs() -> None:
    """The schema every composed config is checked against, and `${pid:}` for unique run folder names."""
    ConfigStore.instance().store(name="base_config", node=Config)
    OmegaConf.register_new_resolver("pid", os.getpid, replace=True)


def to_config(cfg: DictConfig) -> Config:
    """A composed DictConfig as a `Config`: keys and types checked (ConfigError naming the bad key), the status quo
    resolved and a design row applied. Its values are validated once, by whoever uses it: the model when it starts
    (sim/model.py), or the checks before a run (`compose`, `check_cli`, experiments/design.check_design)."""
    unknown = unknown_keys(OmegaConf.to_container(cfg, resolve=False))
    if unknown:
        raise ConfigError(not_a_setting(unknown[0]))
    try:
        config = OmegaConf.to_object(cfg)
    except Exception as err:  # omegaconf type errors name the key; keep their first line
        raise ConfigError(explain(err)) from err
    if config.policy.name == STATUS_QUO:  # resolved here, so the run's resolved config names the real policy
        config.policy.name = config.community.status_quo_policy
    apply_design_row(config)
    return config


def apply_design_row(config: Config) -> None:
    """Set the parameters of row `study.design_row` of the design table `study.design` (a sampled design: each
    column a dotted parameter, each row a point), so that a sweep over the row number runs the whole design."""
    if not config.study.design or config.study.design_row < 0:
        return
    path = Path(config.study.design)
    table = design_table(path if path.is_absolute() else CONFIG_DIR.parent / path)
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


def design_table(path: Path) -> pd.DataFrame:
    """A design table, read once while it stays the same file (a study's points read it once each)."""
    stat = path.stat() if path.exists() else None
    return _read_design(path, stat and (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4)
def _read_design(path: Path, version) -> pd.DataFrame:
    return pd.read_csv(path)


def compose(overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Compose configs/config.yaml with Hydra-style overrides, e.g. ["community=tiny", "run.years=1"], and
    validate it (raises ConfigError naming the key)."""
    return validate(to_config(compose_raw(overrides)))


def compose_raw(overrides: list[str] | tuple[str, ...] = (), hydra: bool = False) -> DictConfig:
    """The composed DictConfig (with the `hydra` node when asked), or ConfigError in one line."""
    register_configs()
    check_syntax(overrides)
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        try:
            return hydra_compose(config_name="config", overrides=list(overrides), return_hydra_config=hydra)
        except (HydraException, OmegaConfBaseException) as err:
            raise ConfigError(explain(err)) from err


def compose_each(base: list[str], variants: list[list[str]]) -> Iterator[tuple[list[str], Config | ConfigError]]:
    """Compose `base + variant` for many variants, quickly: once per choice of config groups, then the plain
    `a.b=value` overrides applied the way Hydra applies them (sim/hydra_adapter.py), and converted once per choice
    of them but the design row, whose parameters are then set on a copy. Yields each variant with its Config (not
    yet validated: see to_config), or with the ConfigError that refuses it."""
    composed, converted = {}, {}
    for variant in variants:
        values = [o for o in variant if "." in o.partition("=")[0] and not re.match(r"[+~]|hydra\.", o)]
        groups = tuple(o for o in variant if o not in values)
        rows = [o for o in values if DESIGN_ROW.fullmatch(o)]
        others = tuple(o for o in values if o not in rows)
        try:
            check_syntax(variant)
            if (groups, others) not in converted:
                if groups not in composed:
                    composed[groups] = compose_raw([*base, *groups])
                cfg = copy.deepcopy(composed[groups])
                try:
                    apply_overrides(cfg, list(others))
                except (HydraException, OmegaConfBaseException) as err:
                    raise ConfigError(explain(err)) from err
                converted[groups, others] = to_config(cfg)
            config = copy.deepcopy(converted[groups, others])
            for row in rows:  # as `study.design_row=K` composed and converted would set it
                config.study.design_row = int(row.partition("=")[2])
                apply_design_row(config)
            yield variant, config
        except ConfigError as err:
            yield variant, err


def check_cli(overrides: list[str]) -> tuple[Config, Path | None]:
    """What `python -m sim` checks before Hydra makes the run folder: the config, and where the run would go."""
    cfg = compose_raw(overrides, hydra=True)
    try:
        run_dir = Path(str(cfg.hydra.run.dir))
    except OmegaConfBaseException:  # e.g. ${hydra:...}, which only resolves inside a Hydra run
        run_dir = None
    with open_dict(cfg):
        del cfg["hydra"]
    return validate(to_config(cfg)), run_dir


def check_syntax(overrides) -> None:
    """Each override must parse; a value with spaces, brackets or `?` needs quotes, but a list parameter needs its
    brackets and no quotes (one line of advice, with the list written out)."""
    parser = OverridesParser.create()
    for text in overrides:
        key, equals, value = text.partition("=")
        listed = list_example(key.lstrip("+~"))
        if listed and value[:1] in ("'", '"'):
            raise ConfigError(f"{key} is a list, not text: {listed}")
        try:
            parser.parse_overrides([text])
        except HydraException as err:
            if not equals or not KEY.fullmatch(key):
                raise ConfigError(f"cannot read the override {text!r}; write key=value") from err
            if listed:
                raise ConfigError(f"cannot read the value of {key} in {text!r}: {listed}") from err
            if field_type(key.lstrip("+~")) in (int, float):
                raise ConfigError(f"cannot read the value of {key} in {text!r}; write a number, e.g. {key}="
                                  f"{default_of(key.lstrip('+~'))}") from err
            quoted = "'" + value.replace("'", "\\'") + "'"
            raise ConfigError(f"cannot read the value of {key} in {text!r}; put it in quotes: \"{key}={quoted}\"") \
                from err
        if not key.strip("+~"):
            raise ConfigError(f"cannot read the override {text!r}; write key=value")


def field_type(key: str):
    """The declared type of a dotted parameter key (list[float], float, str, ...), or None if it is not one."""
    section, _, name = key.partition(".")
    group = get_type_hints(Config).get(section)
    return get_type_hints(group).get(name) if is_dataclass(group) else None


def default_of(key: str):
    section, _, name = key.partition(".")
    return getattr(getattr(Config(), section), name)


def list_example(key: str) -> str | None:
    """For a list parameter, how to write it ('write it unquoted, in brackets, 5 numbers: needs.hours_by_level=
    [0,8,16,32,80]', its default as the example); None for any other key."""
    if get_origin(field_type(key)) is not list:
        return None
    default = default_of(key)
    return f"write it unquoted, in brackets, {len(default)} numbers: {key}=[{','.join(f'{v:g}' for v in default)}]"


def unknown_keys(tree: dict, schema: type = Config, prefix: str = "") -> list[str]:
    """Dotted keys in `tree` that the dataclass schema does not have (keys added with `+` or `++`)."""
    hints = get_type_hints(schema)
    unknown = []
    for key, value in tree.items():
        if key not in hints:
            unknown.append(f"{prefix}{key}")
        elif is_dataclass(hints[key]) and isinstance(value, dict):
            unknown += unknown_keys(value, hints[key], f"{prefix}{key}.")
    return unknown


def not_a_setting(key: str) -> str:
    """'run.yeers is not a setting; run has: seed, replicate, years, ...'."""
    parent, _, name = key.rpartition(".")
    schema = Config
    for part in parent.split(".") if parent else []:
        hints = get_type_hints(schema)
        if part not in hints or not is_dataclass(hints[part]):
            return not_a_setting(parent)
        schema = hints[part]
    names = ", ".join(f.name for f in fields(schema))
    hint = " (studies are found with hydra.searchpath=[file://<repo>]; python -m experiments does that)" \
        if key == "experiments" else ""
    return f"{key} is not a setting; {parent or 'the config'} has: {names}{hint}"


def explain(err: BaseException) -> str:
    """One line from a Hydra or OmegaConf error: the key (or override) and what is allowed."""
    if isinstance(err, MissingConfigException) and err.missing_cfg_file and err.options:
        group, _, option = str(err.missing_cfg_file).rpartition("/")
        return f"{group}={option} is not an option; choose one of {', '.join(sorted(err.options))}"
    already = re.search(r"An item is already at '([^']+)'", str(err))
    if already:
        return f"{already.group(1)} is already a setting; override it without '+': {already.group(1)}=..."
    cause = err.__cause__ or err.__context__
    key = getattr(cause, "full_key", None) or getattr(err, "full_key", None)
    if key and "not in" in str(getattr(cause, "msg", "")):
        return not_a_setting(str(key))
    if cause is not None and isinstance(cause, OmegaConfBaseException):
        override = re.search(r"override (\S+)", str(err))
        where = override.group(1) if override else key
        return f"{where}: {_first_line(cause)}" if where else _first_line(cause)
    if key:
        return f"{key}: {_first_line(err)}"
    return _first_line(err)


def _first_line(err: BaseException) -> str:
    text = getattr(err, "msg", None) or str(err)
    return next((line.strip() for line in str(text).splitlines() if line.strip()), type(err).__name__)
