"""Checking a configuration before a run: every field against its metadata in sim/params.py, then the rules
that tie fields together. A bad value raises ConfigError naming the dotted key and what is allowed, in one line.

Every number must be finite (NaN and infinity pass comparisons silently and would poison a run); lists are checked
element by element, for their length and, where the metadata says so, for their order; `most` is a limit that
guards against runs that would not finish or fit in memory."""

import math
import re
from dataclasses import fields, is_dataclass
from typing import Any

from .params import Config


class ConfigError(ValueError):
    """An invalid configuration value, named by its dotted key."""


KINDS = {  # check kind -> (lowest, highest, what is allowed)
    "count": (0, None, "a whole number >= 0"),
    "nonneg": (0, None, "a number >= 0"),
    "share": (0, 1, "a share in [0, 1]"),
    "positive": (None, None, "a number > 0"),
    "week_hours": (0, 168, "hours per week in [0, 168]"),
}
ORDERS = {"increasing": (lambda a, b: b > a, "increase"), "rising": (lambda a, b: b >= a, "rise or stay level")}
NAME = re.compile(r"[A-Za-z0-9_-]+")  # names that become part of a run folder's name
STAFF = ("n_supporters", "n_assistants", "n_nurses", "n_domestic_workers", "n_counter_staff")


def _check(key: str, value: Any, meta: dict) -> None:
    if isinstance(value, list | tuple):
        _check_list(key, value, meta)
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{key}={value} is not allowed; it must be a finite number")
    kind = meta.get("check")
    if kind is None:
        return
    if kind == "choice":
        if value not in meta["options"]:
            raise ConfigError(f"{key}={value!r} is not allowed; choose one of {', '.join(meta['options'])}")
        return
    if kind == "range":
        low, high, what = meta.get("low"), meta.get("high"), f"a number in [{meta.get('low')}, {meta.get('high')}]"
    else:
        low, high, what = KINDS[kind]
    bad = ((low is not None and value < low) or (high is not None and value > high)
           or (kind == "positive" and value <= 0) or (kind == "count" and value != int(value)))
    if bad:
        raise ConfigError(f"{key}={value!r} is invalid; it must be {what}")
    most = meta.get("most")
    if most is not None and value > most:
        raise ConfigError(f"{key}={value!r} is over the limit of {most:,}; it must be {what} and at most {most:,}")


def _check_list(key: str, values: list | tuple, meta: dict) -> None:
    """Length, then every element as the field's kind, then the order (rising thresholds, hours, ...)."""
    length = meta.get("length")
    if length is not None and len(values) != length:
        raise ConfigError(f"{key} has {len(values)} values; it must have {length}, one per need level"
                          f"{' cut point' if meta.get('order') == 'increasing' else ''}")
    element = {k: v for k, v in meta.items() if k not in ("length", "order")}
    for i, value in enumerate(values):
        _check(f"{key}[{i}]", value, element)
    order = meta.get("order")
    if order:
        ok, word = ORDERS[order]
        for i in range(1, len(values)):
            if not ok(values[i - 1], values[i]):
                raise ConfigError(f"{key}={list(values)} is invalid; its values must {word} from one to the next "
                                  f"({key}[{i}]={values[i]} after {values[i - 1]})")


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
    _check_community(cfg)
    n = cfg.needs
    for level in range(len(n.social_share)):
        total = n.social_share[level] + n.domestic_share[level] + n.personal_share[level]
        if total > 1 + 1e-9:
            raise ConfigError(f"needs.social_share, needs.domestic_share and needs.personal_share of level {level} "
                              f"add to {total:.2f}; they must not exceed 1")
    p = cfg.policy
    if p.pool_wmo_weight + p.pool_zvw_weight + p.pool_wlz_weight <= 0:
        raise ConfigError("policy.pool_wmo_weight, policy.pool_zvw_weight and policy.pool_wlz_weight are all 0; at "
                          "least one payer must fund the pooled budget")
    if cfg.run.years * cfg.run.steps_per_year < 1:
        raise ConfigError(f"run.years={cfg.run.years} gives no step; it must be > 0")
    for key, name in (("community.name", cfg.community.name), ("scenario.name", cfg.scenario.name)):
        if not NAME.fullmatch(name):
            raise ConfigError(f"{key}={name!r} is not allowed; it names the run folder: use letters, digits, _ and -")


def _check_community(cfg: Config) -> None:
    """A community that can be simulated: people, adults among them, counts that fit inside each other."""
    c = cfg.community
    if c.n_residents < 1:
        raise ConfigError(f"community.n_residents={c.n_residents} leaves nobody to simulate; it must be >= 1")
    if c.n_adults < 1:
        raise ConfigError(f"community.n_adults={c.n_adults}: a community needs adults (carers, members, volunteers); "
                          "it must be >= 1")
    _not_more(c.n_adults, "n_adults", c.n_residents, "n_residents")
    _not_more(c.n_65plus, "n_65plus", c.n_adults, "n_adults")
    _not_more(c.n_members, "n_members", c.n_adults, "n_adults")
    _not_more(c.n_volunteers, "n_volunteers", c.n_adults, "n_adults")
    for name in STAFF:
        _not_more(getattr(c, name), name, c.n_residents, "n_residents")


def _not_more(value: int, name: str, limit: int, limit_name: str) -> None:
    if value > limit:
        raise ConfigError(f"community.{name}={value} exceeds community.{limit_name}={limit}; "
                          f"community.{name} must be at most community.{limit_name}")
