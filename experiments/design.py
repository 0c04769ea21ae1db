"""A study file read without running it: its header, its grid, and the run folder of every (point, replicate).

The grid is expanded the way Hydra's basic sweeper does it (study params first, command-line overrides replace
keys), and folder names follow Hydra's `override_dirname`, so the runner knows every run folder in advance.
`check_design` composes and validates every parameter point before anything launches.
"""

import math
import re
from dataclasses import asdict, dataclass, field
from itertools import product
from pathlib import Path

import yaml
from hydra.core.override_parser.overrides_parser import OverridesParser
from omegaconf import OmegaConf

from results.atomic import write_text
from results.columns import OFF, REPLICATE
from results.files import STUDY
from results.runs import read_sweep
from sim.configs import check_syntax, compose_each
from sim.mechanisms import names_of
from sim.params import Config
from sim.run import model_fingerprint
from sim.validation import ConfigError, validate

STUDY_DIR = Path(__file__).resolve().parent
ROOT = STUDY_DIR.parent
STUDY_KEY = "experiments"  # the config group the study files form (`+experiments=<name>`)


def study_names() -> list[str]:
    """Every study file in experiments/, by name."""
    return sorted(p.stem for p in STUDY_DIR.glob("*.yaml"))


def study_path(name: str) -> Path:
    path = STUDY_DIR / f"{name}.yaml"
    if not path.exists():
        raise SystemExit(f"No study '{name}'. Studies: {', '.join(study_names())}")
    return path


def header(name: str) -> dict[str, str]:
    """The `# Field: text` lines at the top of a study file (Question, Design, Run, Analyse, ...)."""
    fields, last = {}, None
    for line in study_path(name).read_text().splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        match = re.match(r"^([A-Z][A-Za-z ]+):\s*(.*)$", text)
        if match and not text.startswith("@"):
            last = match.group(1)
            fields[last] = match.group(2)
        elif last and text:
            fields[last] += " " + text
    return fields


def study_params(name: str) -> dict[str, str]:
    """The study's `hydra.sweeper.params` as written (key -> sweep string), in file order."""
    cfg = OmegaConf.load(study_path(name))
    params = OmegaConf.select(cfg, "hydra.sweeper.params", default=None) or {}
    return {str(k): str(v) for k, v in params.items()}


def knockouts(policies: list[str]) -> list[list[str]]:
    """One extra point per mechanism of each policy, that mechanism switched off (sim/mechanisms.py)."""
    return [[f"policy={p}", f"{OFF}=[{m}]"] for p in policies for m in names_of(p)]


def study_question(name: str) -> str:
    return str(OmegaConf.select(OmegaConf.load(study_path(name)), "study.question", default="") or "")


@dataclass
class Design:
    """What a study command will run: swept keys and their values, and the fixed settings hidden from folder names."""

    study: str
    sweeps: dict[str, list[str]]  # keys named in every run folder, values in sweep order
    fixed: list[str] = field(default_factory=list)  # other command-line overrides, the same for every run
    fixed_keys: list[str] = field(default_factory=list)
    cli: list[str] = field(default_factory=list)  # the command-line overrides as given, passed on to Hydra
    extra: list[list[str]] = field(default_factory=list)  # points beyond the grid (mechanisms switched off), each
    # run at every replicate
    model: str = field(default_factory=model_fingerprint)  # the model the runs are made with ("" if not recorded)

    @property
    def replicates(self) -> int:
        return len(self.sweeps.get(REPLICATE, ["0"]))

    @property
    def points(self) -> int:
        return math.prod(len(v) for k, v in self.sweeps.items() if k != REPLICATE) + len(self.extra)

    @property
    def runs(self) -> int:
        return self.points * self.replicates

    def run_dirs(self) -> list[str]:
        """One folder name per run, as Hydra's override_dirname makes it (sorted `key=value`, comma-joined)."""
        return list(self.run_overrides())

    def run_overrides(self) -> dict[str, list[str]]:
        """Run folder name -> that run's swept overrides, in sweep order (the order Hydra's basic sweeper uses)."""
        combos = [[]]
        for key, values in self.sweeps.items():
            combos = [c + [f"{key}={v}"] for c in combos for v in values]
        replicates = [f"{REPLICATE}={r}" for r in self.sweeps.get(REPLICATE, [])] or [[]]
        combos += [point + ([r] if r else []) for point in self.extra for r in replicates]
        return {",".join(sorted(c)): c for c in combos}

    def describe(self) -> str:
        factors = " x ".join(f"{len(v)} {k}" for k, v in self.sweeps.items() if k != REPLICATE and len(v) > 1)
        factors = (factors or "1 point") + (f" + {len(self.extra)} mechanisms switched off" if self.extra else "")
        return f"{factors} = {self.points} points x {self.replicates} replicates = {self.runs} runs"

    def save(self, folder: Path) -> None:
        """Write the design into the study folder, where the analysis reads the swept keys in sweep order."""
        write_text(Path(folder) / STUDY.sweep, yaml.safe_dump(asdict(self), sort_keys=False))

    @classmethod
    def load(cls, folder: Path) -> "Design | None":
        saved = read_sweep(folder)
        return cls(**{"model": "", **saved}) if saved else None  # a folder from before models were recorded


def make_design(name: str, overrides: list[str] = (), explain: bool = False) -> Design:
    """The grid of `name` with command-line overrides: a sweep or a study key joins the grid, others are fixed.
    `explain`: also each swept policy with each of its mechanisms switched off (the explained differences): extra
    points with their own folders, so the grid's runs are the same with or without them."""
    check_syntax(overrides)
    parser = OverridesParser.create()
    sweeps = {k: _values(parser.parse_override(f"{k}={v}")) for k, v in study_params(name).items()}
    fixed, fixed_keys = [f"+{STUDY_KEY}={name}"], [STUDY_KEY]
    for override in parser.parse_overrides(list(overrides)):
        key = override.get_key_element()
        if override.is_sweep_override() or key in sweeps:
            sweeps[key] = _values(override)
        else:
            fixed.append(override.input_line)
            fixed_keys.append(override.key_or_group)
    extra = knockouts(sweeps.get("policy", [])) if explain else []
    return Design(name, sweeps, fixed, fixed_keys, list(overrides), extra)


def _values(override) -> list[str]:
    if override.is_sweep_override():
        return list(override.sweep_string_iterator())
    return [override.get_value_element_as_str()]


def checked_config(config: Config) -> Config | ConfigError:
    """The config if it is valid, else the ConfigError that refuses it (as the model would when it starts)."""
    try:
        return validate(config)
    except ConfigError as err:
        return err


def check_design(design: Design) -> list[tuple[list[str], Config]]:
    """Compose and validate every parameter point, and each replicate number once, before anything launches;
    return each point's overrides with its config (for the warnings of experiments/cautions.py).

    Replicates are checked at the first point only: run.replicate enters no rule that ties fields together, so
    funding_cut's 36 points x 10 replicates take 45 compositions, not 360. Raises ConfigError naming the point."""
    empty = [key for key, values in design.sweeps.items() if not values]
    if empty:
        raise ConfigError(f"{empty[0]} sweeps over no values; the study would have no runs")
    base = [f"hydra.searchpath=[file://{ROOT}]", *design.fixed]
    keys = [key for key in design.sweeps if key != REPLICATE]
    replicates = [f"{REPLICATE}={r}" for r in design.sweeps.get(REPLICATE, [])]
    points = [[f"{k}={v}" for k, v in zip(keys, combo)] for combo in product(*(design.sweeps[k] for k in keys))]
    points += [list(point) for point in design.extra]
    checks = [point + replicates[:1] for point in points] + [points[0] + [r] for r in replicates[1:]]
    composed = []
    for overrides, result in compose_each(base, checks):
        if not isinstance(result, ConfigError):
            result = checked_config(result)
        if isinstance(result, ConfigError):
            where = ",".join(sorted(overrides)) or "with the fixed settings"
            raise ConfigError(f"{result} (in the run {where})")
        composed.append((overrides, result))
    return composed[:len(points)]
