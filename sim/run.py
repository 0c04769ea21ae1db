"""Run one simulation and write its outputs; plain functions with no Hydra, for tests, notebooks and the page."""

import copy
import hashlib
import json
import subprocess
from dataclasses import asdict
from functools import cache
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from results.atomic import atomic_write, write_text
from results.columns import CODE_VERSION
from results.files import COST_ITEMS_KEY, FILES, UNITS_KEY

from . import __version__
from .cautions import idle_in_warm_up
from .model import CaringCommunity
from .outcomes import summarise
from .params import Config
from .recorder import weekly_series
from .schema import SURVEY_YEAR, summary_units
from .validation import validate


@cache
def code_version() -> str:
    """Package version plus the git commit (and '+dirty' for uncommitted changes) when run from a checkout."""
    here = Path(__file__).resolve().parent
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True,
                             timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", str(here)], cwd=here, capture_output=True,
                               text=True, timeout=5).stdout.strip()
        return f"{__version__}+{sha}{'.dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        return __version__


def model_fingerprint() -> str:
    """A hash of what makes the model: its code (sim/*.py) and its presets and defaults (configs/). Results that hold
    for one model only, such as a history match's not-implausible set, keep it to tell when the model has changed."""
    here = Path(__file__).resolve().parent
    files = sorted(here.glob("*.py")) + sorted((here.parent / "configs").rglob("*.yaml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(here.parent)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_model(cfg: Config) -> CaringCommunity:
    """The model of `cfg` at week 0 (the model validates its config: once per run)."""
    return CaringCommunity(cfg)


def warm_up_key(cfg: Config) -> str:
    """What a run's warm-up depends on: its whole resolved config but the policy's name and the parameters that cannot
    act during the warm-up (sim/cautions.py: tender, grant and lump-sum parameters under a subsidy status quo, cuts
    and fading, mechanisms switched off). The warm-up runs the community's status quo, with the run's community,
    scenario, seed and replicate and the parameters that act under the status quo."""
    settings = asdict(cfg)
    del settings["policy"]["name"]
    for key in idle_in_warm_up(cfg):
        section, name = key.split(".")
        del settings[section][name]
    return json.dumps(settings, sort_keys=True, default=str)


class WarmUps:
    """The last warmed-up model, kept so that the next run with the same warm-up (the same config but for what the
    warm-up does not read: the policies of one replicate and their mechanisms switched off) starts from a copy of it
    instead of simulating the warm-up again.

    The copy is the model's whole state, random streams included, so the run is byte-identical to one from scratch
    (tests/test_warm_ups.py). One model is kept: a chunk runs the runs that share a warm-up one after another."""

    def __init__(self):
        self.key: str | None = None
        self.model: CaringCommunity | None = None
        self.shared = 0  # warm-ups not simulated again

    def warmed_up(self, cfg: Config) -> CaringCommunity:
        """A model of `cfg` at the end of its warm-up."""
        key = warm_up_key(cfg)
        if key == self.key:
            model = copy.deepcopy(self.model)
            model.cfg = validate(cfg)  # the run's one validation (no model is made): it differs from the warm-up's
            # config only in what the warm-up did not read; the switch reads it
            self.shared += 1
            return model
        model = build_model(cfg)
        if model.warmup_weeks == 0:  # no warm-up: the run's own policy acts from the start, nothing to share
            return model
        model.warm_up()
        self.key, self.model = key, copy.deepcopy(model)
        return model


def run_model(cfg: Config, warm_ups: WarmUps | None = None) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    """Warm up (or start from a copy of the same warm-up in `warm_ups`), simulate `cfg.run.years`; return the time
    series (one row per week), the run summary and the yearly survey (one row per recorded year)."""
    model = warm_ups.warmed_up(cfg) if warm_ups else build_model(cfg)
    n_steps = int(round(cfg.run.years * cfg.run.steps_per_year))
    model.warm_up()
    for _ in range(n_steps):
        model.step()
    ts = weekly_series(model)
    survey = pd.DataFrame(model.survey.rows)
    summary = {
        "seed": cfg.run.seed, "replicate": cfg.run.replicate, "run_seed": model.run_seed,
        CODE_VERSION: code_version(), "community": cfg.community.name, "policy": cfg.policy.name,
        "scenario": cfg.scenario.name, "years": cfg.run.years,
    }
    summary.update(summarise(ts, n_steps / cfg.run.steps_per_year))
    items = sorted(model.ledger.items.items())
    summary[COST_ITEMS_KEY] = {f"{payer}:{item}": round(v, 2) for (payer, item), v in items}
    summary["survey"] = {name: float(survey[name].mean()) for name in survey if name != SURVEY_YEAR}
    summary[UNITS_KEY] = summary_units()  # per year, over the whole run, mean over the weeks: said, not guessed
    return ts, summary, survey


def write_run(out_dir: Path, ts: pd.DataFrame, summary: dict, survey: pd.DataFrame, cfg: Config) -> None:
    """The time series, the resolved config, then the summary last (its presence marks a finished run)."""
    out_dir = Path(out_dir)
    atomic_write(out_dir / FILES.timeseries, lambda tmp: ts.to_parquet(tmp, index=False))
    atomic_write(out_dir / FILES.survey, lambda tmp: survey.to_parquet(tmp, index=False))
    write_text(out_dir / FILES.config, OmegaConf.to_yaml(OmegaConf.structured(asdict(cfg))))
    write_text(out_dir / FILES.summary, json.dumps(summary, indent=2, default=float, allow_nan=True) + "\n")


def run_and_write(cfg: Config, out_dir: Path, warm_ups: WarmUps | None = None) -> dict:
    ts, summary, survey = run_model(cfg, warm_ups)
    write_run(out_dir, ts, summary, survey, cfg)
    return summary
