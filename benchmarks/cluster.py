"""What a run costs beyond the model on the local SLURM cluster, with and without packing, against the local joblib
launcher, all measured in the same run on the same study.

The study is lumpsum_vs_tendering on the tiny village with runs of a fraction of a second (run.years=0.1, no
warm-up), the kind of run that swamps a scheduler. Each way runs the whole study into a fresh folder through
`python -m experiments run` and is timed from start to end (runner, checks, Hydra, submission, tasks, polling),
once with R and once with 4R replicates per policy. Overhead is in slot-seconds, the time a core was held but
not simulating: per run of the larger study, (slots x wall time - model time) / runs, the fixed cost of a launch
included; and per run added, (slots x extra wall time - extra model time) / extra runs, the fixed cost left out
(noisier: polling every few seconds blurs both walls). The model time is what the chunks recorded in the dataset.
"Packed" puts all runs of a launch in as many chunks as there are slots, which is what --chunk-size auto picks for
runs this short. Needs root for the cluster (scripts/slurm-start.sh; stopped after unless it was running).

Usage: python benchmarks/cluster.py [--replicates 6] [--out outputs/benchmarks/cluster]
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from results.columns import SECONDS
from results.dataset import read_runs

ROOT = Path(__file__).resolve().parent.parent
SLURM_ROOT = os.environ.get("SLURM_ROOT", "/tmp/caring-communities-slurm")
SLOTS = 2  # the machine's cores: joblib's --jobs and the array's --parallelism
STUDY = ["lumpsum_vs_tendering", "community=tiny", "policy=subsidy,tendering", "--years", "0.1", "run.warmup_years=0"]


def ways() -> dict[str, list[str]]:
    """The launchers compared (chunk size "packed": filled in per study size)."""
    slurm = ["--launcher", "slurm", "--parallelism", str(SLOTS), "--mem-gb", "1", "--time-limit", "30"]
    return {
        "local joblib, 1 run per job (reference)": ["--jobs", str(SLOTS), "--chunk-size", "1"],
        "local joblib, packed": ["--jobs", str(SLOTS), "--chunk-size", "packed"],
        "SLURM, 1 run per task": [*slurm, "--chunk-size", "1"],
        "SLURM, packed": [*slurm, "--chunk-size", "packed"],
    }


def timed_study(out: Path, replicates: int, args: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, the runs' own seconds) for the whole study into a fresh folder."""
    shutil.rmtree(out, ignore_errors=True)
    args = [str(-(-2 * replicates // SLOTS)) if a == "packed" else a for a in args]
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "experiments", "run", *STUDY, "--replicates", str(replicates),
                             "--out", str(out), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the study failed ({' '.join(args)}):\n{result.stdout}\n{result.stderr}")
    rows = read_runs(out)
    return wall, float(rows[SECONDS].sum())


def start_cluster() -> tuple[dict, bool]:
    """The environment that reaches the local cluster, and whether it was running before."""
    env = {**os.environ, "SLURM_ROOT": SLURM_ROOT}
    pid = Path(SLURM_ROOT) / "run" / "slurmctld.pid"
    was_running = pid.exists() and Path(f"/proc/{pid.read_text().strip()}").exists()
    subprocess.run([str(ROOT / "scripts" / "slurm-start.sh")], env=env, check=True, capture_output=True)
    env.update(SLURM_CONF=f"{SLURM_ROOT}/etc/slurm.conf", PATH=f"{SLURM_ROOT}/bin:{env['PATH']}")
    return env, was_running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=6, help="R: per policy (2 policies), then 4R")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "benchmarks" / "cluster")
    args = parser.parse_args()
    env, was_running = start_cluster()
    sizes = (args.replicates, 4 * args.replicates)
    try:
        results = {name: [timed_study(args.out / f"{i}-{r}", r, way, env) for r in sizes]
                   for i, (name, way) in enumerate(ways().items())}
    finally:
        if not was_running:
            subprocess.run([str(ROOT / "scripts" / "slurm-stop.sh")], env=env, capture_output=True)
    extra, runs = 2 * (sizes[1] - sizes[0]), 2 * sizes[1]
    print(f"{2 * sizes[0]} and {runs} runs of the tiny village (0.1 year, no warm-up), {SLOTS} slots")
    print(f"{'launcher':40} {'wall s':>13} {'model s':>11} {f'overhead/run at {runs}':>20} {'per run added':>14}")
    reference = None
    for name, ((wall1, model1), (wall2, model2)) in results.items():
        total = (SLOTS * wall2 - model2) / runs
        added = (SLOTS * (wall2 - wall1) - (model2 - model1)) / extra
        reference = reference or total
        print(f"{name:40} {wall1:6.1f} {wall2:6.1f} {model1:5.1f} {model2:5.1f} {total:8.2f} s "
              f"({total / reference:4.2f}x) {added:10.2f} s")


if __name__ == "__main__":
    main()
