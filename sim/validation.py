"""Checking a configuration before a run: every field against its metadata in sim/params.py, then the rules
that tie fields together. A bad value raises ConfigError naming the dotted key and what is allowed."""

from dataclasses import fields, is_dataclass
from typing import Any

from .params import Config


class ConfigError(ValueError):
    """An invalid configuration value, named by its dotted key."""


def _check(key: str, value: Any, meta: dict) -> None:
    kind = meta.get("check")
    if kind is None:
        return
    if kind == "choice":
        if value not in meta["options"]:
            raise ConfigError(f"{key}={value!r} is not allowed; choose one of {', '.join(meta['options'])}")
        return
    low, high, what = {
        "count": (0, None, "a whole number >= 0"),
        "nonneg": (0, None, "a number >= 0"),
        "share": (0, 1, "a share in [0, 1]"),
        "positive": (None, None, "a number > 0"),
        "range": (meta.get("low"), meta.get("high"), f"a number in [{meta.get('low')}, {meta.get('high')}]"),
    }[kind]
    bad = ((low is not None and value < low) or (high is not None and value > high)
           or (kind == "positive" and value <= 0))
    if kind == "count" and value != int(value):
        bad = True
    if bad:
        raise ConfigError(f"{key}={value!r} is invalid; it must be {what}")


def validate(cfg: Any, prefix: str = "") -> Any:
    """Check every field against its metadata and cross-field rules; raise ConfigError naming the key."""
    for f in fields(cfg):
        value = getattr(cfg, f.name)
        key = f"{prefix}{f.name}"
        if is_dataclass(value):
            validate(value, key + ".")
        else:
            _check(key, value, dict(f.metadata))
    if isinstance(cfg, Config):
        _check_cross_fields(cfg)
    return cfg


def _check_cross_fields(cfg: Config) -> None:
    c = cfg.community
    if c.n_adults > c.n_residents:
        raise ConfigError(f"community.n_adults={c.n_adults} exceeds community.n_residents={c.n_residents}")
    if c.n_65plus > c.n_adults:
        raise ConfigError(f"community.n_65plus={c.n_65plus} exceeds community.n_adults={c.n_adults}")
    if c.n_members > c.n_adults or c.n_volunteers > c.n_adults:
        raise ConfigError("community.n_members and community.n_volunteers must not exceed community.n_adults")
    n = cfg.needs
    if len(n.level_thresholds) != 4 or sorted(n.level_thresholds) != list(n.level_thresholds):
        raise ConfigError("needs.level_thresholds must be 4 increasing frailty cut points")
    for name in ("hours_by_level", "social_share", "domestic_share", "personal_share"):
        if len(getattr(n, name)) != 5:
            raise ConfigError(f"needs.{name} must have 5 values, one per need level (none..critical)")
    for level in range(5):
        total = n.social_share[level] + n.domestic_share[level] + n.personal_share[level]
        if total > 1 + 1e-9:
            raise ConfigError(f"needs shares of level {level} add to {total:.2f}; they must not exceed 1")
    if len(cfg.crises.per_year_by_level) != 5:
        raise ConfigError("crises.per_year_by_level must have 5 values, one per need level")
    if cfg.run.years * cfg.run.steps_per_year < 1:
        raise ConfigError(f"run.years={cfg.run.years} gives no step; it must be > 0")
