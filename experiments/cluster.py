"""A SLURM cluster as the launcher of a study: its settings (configs/cluster.yaml, a file of the user's, options),
the Hydra overrides that hand the chunks to hydra-submitit-launcher as one job array, and cancelling that array.
"""

import subprocess
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from omegaconf import OmegaConf
from omegaconf.errors import OmegaConfBaseException

from sim.validation import ConfigError

from .design import ROOT

DEFAULTS = ROOT / "configs" / "cluster.yaml"
SUBMITIT = ".submitit"  # in a launch's folder: one folder per SLURM task, named <array job id>_<task id>


@dataclass
class ClusterSettings:
    """What a study asks of the cluster; defaults in configs/cluster.yaml (read by `load`)."""

    partition: str | None = None  # SLURM partition; None: the cluster's default partition
    time_limit_min: int = 60  # time limit of one task (one chunk of runs) [minutes]
    mem_gb: int = 2  # memory of one task [GB]; a 10-year Austerlitz run needs well under 1 GB
    parallelism: int = 64  # tasks of the array that may run at once (SLURM's %N array throttle)
    task_minutes: float = 5.0  # how long a task should last when chunks are sized from the run time [minutes]
    account: str | None = None  # SLURM account to charge, where the cluster wants one
    qos: str | None = None  # SLURM quality of service
    additional: dict[str, str] = field(default_factory=dict)  # any other sbatch option, e.g. {constraint: cpu}

    def check(self) -> "ClusterSettings":
        """Raise ConfigError naming the first setting out of range."""
        for name, least in (("time_limit_min", 1), ("mem_gb", 1), ("parallelism", 1)):
            if getattr(self, name) < least:
                raise ConfigError(f"{name}={getattr(self, name)} is not allowed; it must be a whole number >= {least}")
        if not self.task_minutes > 0 or self.task_minutes == float("inf"):
            raise ConfigError(f"task_minutes={self.task_minutes} is not allowed; it must be a number of minutes > 0")
        if self.partition is not None and not self.partition.strip():
            raise ConfigError("partition is empty; name a partition or leave it out")
        return self

    def launcher_overrides(self, job_name: str) -> list[str]:
        """hydra-submitit-launcher's settings for the job array: one CPU per task, one task per chunk."""
        values = {"timeout_min": self.time_limit_min, "mem_gb": self.mem_gb, "cpus_per_task": 1,
                  "array_parallelism": self.parallelism, "name": job_name, "partition": self.partition,
                  "account": self.account, "qos": self.qos}
        overrides = ["hydra/launcher=submitit_slurm"]
        overrides += [f"hydra.launcher.{key}={_value(v)}" for key, v in values.items() if v is not None]
        overrides += [f"+hydra.launcher.additional_parameters.{key}={_value(v)}" for key, v in self.additional.items()]
        return overrides


def _value(value) -> str:
    """A setting as a Hydra override value (quoted, so a partition like `gpu-a100` or `a,b` stays one string)."""
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return str(value)


def load(path: Path | None = None, **given) -> ClusterSettings:
    """configs/cluster.yaml, then the user's file, then the options given (None: not given). Raises ConfigError."""
    merged = OmegaConf.structured(ClusterSettings)
    for source in (DEFAULTS, path):
        if source is None:
            continue
        try:
            merged = OmegaConf.merge(merged, OmegaConf.load(source))
        except OSError as err:
            raise ConfigError(f"--cluster-config {source}: {err.strerror or err}") from None
        except (OmegaConfBaseException, ValueError, yaml.YAMLError) as err:  # unknown key, wrong type, not YAML
            key = getattr(err, "full_key", None)
            raise ConfigError(f"{source}: {f'{key}: ' if key else ''}{str(err).splitlines()[0]}; settings: "
                              f"{', '.join(f.name for f in fields(ClusterSettings))}") from None
    settings = OmegaConf.to_object(merged)
    for key, value in given.items():
        if value is not None:
            setattr(settings, key, value)
    return settings.check()


def array_ids(launch_dir: Path) -> list[str]:
    """The SLURM job ids of the arrays submitted from a launch folder (submitit names a folder per task)."""
    folder = Path(launch_dir) / SUBMITIT
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    return sorted({name.split("_")[0] for name in names if name.split("_")[0].isdigit()})


def cancel(launch_dir: Path) -> list[str]:
    """scancel the job arrays of a launch that are still queued or running (a stopped runner must not leave tasks
    running); the ids cancelled."""
    ids = array_ids(launch_dir)
    if not ids:
        return []
    listed = subprocess.run(["squeue", "-h", "--me", "-o", "%F"], capture_output=True, text=True, timeout=60)
    live = sorted(set(ids) & set(listed.stdout.split())) if listed.returncode == 0 else ids
    if live:
        subprocess.run(["scancel", *live], capture_output=True, timeout=60)
    return live
