"""Run a study as Hydra multiruns of chunks of runs and account for every run, on this machine (joblib launcher) or
on a SLURM cluster (hydra-submitit-launcher, one job array).

Each Hydra job runs one chunk of runs (experiments/chunks.py): on this machine by default the runs that share a
warm-up (the policies of one replicate, which then simulate it once) or a few runs, on SLURM as many runs as make a
task last minutes. Folders are `<out>/<key=value,...>` (Hydra's override_dirname of
the swept keys), so a re-run finds what is finished: sim/jobs.py skips folders with a summary and records
FAILED.json for a failing run. The design is saved as `<out>/study.yaml`: the analysis reads the sweep from it, and
a later run with other fixed settings is refused. Each launch keeps its plan and Hydra's files in
`<out>/launches/<stamp>/`.

Nothing is lost: one runner at a time works in a study folder (a lock file); Ctrl-C, SIGTERM or SIGHUP stop the
multirun and every worker it started (on a cluster: cancel the job array), keeping the finished runs; when the
local multirun dies on its own (a joblib worker killed by the OS, as the out-of-memory killer does) the runner
launches the missing runs once more; what a runner killed outright (SIGKILL) left running, the next runner stops
first (experiments/processes.py). Finished runs a cut-short chunk did not put in the dataset are added from their
folders at the end.
"""

import re
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from results import dataset
from results.atomic import write_text
from results.files import FILES, STUDY

from . import cluster
from .chunks import PLAN, chunk_size, gather_missing, local_chunk_size, make_plan
from .cluster import ClusterSettings
from .design import ROOT, Design
from .processes import PID, stop_leftovers, stop_tree
from .progress import FailureNotes, Progress, Watch, failure_line, statuses

LOCK = ".runner.lock"  # in the study folder, held while a runner works there (released when its process ends)
STOPPED = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}  # exit codes, as a shell reports them


class Stopped(Exception):
    """The runner was asked to stop (SIGTERM, SIGHUP); Ctrl-C arrives as KeyboardInterrupt."""


@dataclass
class Launcher:
    """Where the chunks run and how big they are: this machine's cores (joblib) or a SLURM cluster (submitit)."""

    kind: str = "local"  # local: joblib on this machine; slurm: a SLURM job array through submitit
    jobs: int = 2  # local: chunks at a time
    chunk_size: int | None = None  # runs per chunk (one Hydra job); None: local, the runs that share a warm-up;
    # SLURM, chosen from the measured time of a run
    cluster: ClusterSettings = field(default_factory=ClusterSettings)

    @property
    def poll_seconds(self) -> float:
        """How often the run folders are looked at: on a cluster's shared file system, thousands of folders are
        not looked at every second."""
        return 1.0 if self.kind == "local" else 5.0

    @property
    def slots(self) -> int:
        """How many chunks may run at once."""
        return self.jobs if self.kind == "local" else self.cluster.parallelism

    def overrides(self, study: str) -> list[str]:
        """The launcher, chosen on the command line, where Hydra cannot ignore it (#2946)."""
        if self.kind == "local":
            return ["hydra/launcher=joblib", f"hydra.launcher.n_jobs={self.jobs}"]
        return self.cluster.launcher_overrides(f"study-{study}")


def hydra_command(design: Design, launch_dir: Path, launcher: Launcher, chunks: int) -> list[str]:
    """The `python -m experiments.chunks -m ...` command that runs chunks 0..chunks-1 of the launch's plan."""
    return [
        sys.executable, "-m", "experiments.chunks", "-m", *launcher.overrides(design.study),
        "hydra/job_logging=study",
        f"hydra.sweep.dir={_quoted(launch_dir)}", "hydra.sweep.subdir=chunk-${chunk}",
        f"plan={_quoted(launch_dir / PLAN)}", f"chunk=range(0,{chunks})",
    ]


def _quoted(path: Path) -> str:
    """A path as a Hydra override value: quoted when it holds characters the override grammar would read."""
    text = str(path)
    return text if re.fullmatch(r"[\w/.+-]+", text) else "'" + text.replace("'", "\\'") + "'"


def settings_conflict(out: Path, design: Design) -> str | None:
    """A message if `out` holds runs made with other fixed settings (they are not in the folder names), or with
    another model: resuming would count its finished runs as runs of this one."""
    previous = Design.load(out)
    if previous is None:
        return None
    if sorted(previous.fixed) != sorted(design.fixed):
        return (f"{out} holds runs made with other settings ({' '.join(sorted(previous.fixed))}; now "
                f"{' '.join(sorted(design.fixed))}).\nUse --out for a new folder, or delete the old one.")
    if previous.model != design.model:
        return (f"{out} holds runs made with another model (fingerprint {previous.model or 'not recorded'}; now "
                f"{design.model}: sim/ or configs/ changed).\nUse --out for a new folder, or delete the old one.")
    return None


def run_study(design: Design, out: Path, jobs: int, echo=print, launcher: Launcher | None = None) -> int:
    """Run the missing runs of `design` into `out`, show progress, report failures; 0 only if every run finished.

    Without a `launcher`, one run per job on this machine, `jobs` at a time."""
    launcher = launcher or Launcher(jobs=jobs)
    out = Path(out).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out / LOCK, timeout=0)
        lock.acquire()
    except Timeout:
        echo(f"Another runner is working in {out} (it holds {out / LOCK}); wait for it to finish, or use --out.")
        return 2
    except OSError as err:
        echo(f"Cannot use {out} as the study folder: {err.strerror or err}")
        return 2
    try:
        return run_locked(design, out, launcher, echo)
    finally:
        lock.release()


def run_locked(design: Design, out: Path, launcher: Launcher, echo=print) -> int:
    conflict = settings_conflict(out, design)
    if conflict:
        echo(conflict)
        return 2
    for what in stop_leftovers(out / STUDY.launches):
        echo(f"Stopped {what}, left running by a runner that was killed; its finished runs are kept.")
    run_dirs = design.run_dirs()
    already = sum(s == "finished" for s in statuses(out, run_dirs).values())
    echo(f"Study {design.study}: {design.describe()}")
    echo(f"Output: {out}")
    if already == len(run_dirs):
        echo("Every run has already finished.")
        gather(out, run_dirs, echo)
        return report(out, run_dirs, 0, echo)
    where = f"{launcher.jobs} at a time" if launcher.kind == "local" else f"on SLURM, {launcher.slots} tasks at a time"
    echo(f"Already finished: {already}; to run: {len(run_dirs) - already}, {where}")
    design.save(out)
    size, code = launcher.chunk_size, 0
    if size is None and launcher.kind == "local":
        status = statuses(out, run_dirs)
        size = local_chunk_size({d: o for d, o in design.run_overrides().items() if status[d] != "finished"},
                                launcher.slots)
    elif size is None:
        size, code = size_chunks(design, out, launcher, echo)
    if size is not None:
        code = launch_chunks(design, out, launcher, size, echo)
    if code not in STOPPED.values():  # a stopped runner stops at once; the next one gathers
        gather(out, run_dirs, echo)
    return report(out, run_dirs, code, echo)


def gather(out: Path, run_dirs: list[str], echo) -> None:
    """Add the finished runs the dataset lacks (a chunk cut short before it wrote its part) from their folders."""
    gathered = gather_missing(out, run_dirs, f"{stamp()}-gathered")
    if gathered:
        echo(f"Added {gathered} finished runs to the study's dataset from their folders (their chunk was cut short).")


def stamp() -> str:
    """A time stamp that names a launch, and its dataset parts, in the order they were made."""
    return datetime.now().strftime("%Y%m%dT%H%M%S%f")


def size_chunks(design: Design, out: Path, launcher: Launcher, echo) -> tuple[int | None, int]:
    """Runs per chunk from the median time of a run the dataset recorded; with none recorded, launch the first
    missing run alone and time it. Returns (size or None if no run could be timed, exit code of that launch)."""
    code, seconds = 0, dataset.median_seconds(out)
    if seconds is None:
        echo("Timing one run to size the chunks (--chunk-size N skips this).")
        code = launch_chunks(design, out, launcher, 1, echo, limit=1)
        seconds = dataset.median_seconds(out)
        if code in STOPPED.values():
            return None, code
        if seconds is None:
            echo(f"The timing run did not finish (exit code {code}); nothing more was launched.")
            return None, code or 1
    todo = [d for d, s in statuses(out, design.run_dirs()).items() if s != "finished"]
    task = launcher.cluster.task_minutes * 60
    size = chunk_size(seconds, len(todo), launcher.slots, task)
    echo(f"A run takes about {seconds:.3g} s: {size} runs per chunk (a task of about {size * seconds / 60:.2g} min).")
    if launcher.kind == "slurm" and size * seconds > 0.8 * launcher.cluster.time_limit_min * 60:
        echo(f"Warning: a chunk may outlast the time limit of {launcher.cluster.time_limit_min} min (--time-limit).")
    return size, code


def launch_chunks(design: Design, out: Path, launcher: Launcher, size: int, echo, limit: int | None = None) -> int:
    """Plan the unfinished runs (the first `limit` of them) in chunks of `size` and run the plan as a multirun."""
    run_dirs = design.run_dirs()
    status = statuses(out, run_dirs)
    already = sum(s == "finished" for s in status.values())
    todo = {d: o for d, o in design.run_overrides().items() if status[d] != "finished"}
    todo = dict(list(todo.items())[:limit])
    if not todo:
        return 0
    name = stamp()
    launch_dir = out / STUDY.launches / name
    plan = make_plan(out, name, design.fixed, todo, size)
    plan.save(launch_dir / PLAN)
    command = hydra_command(design, launch_dir, launcher, len(plan.chunks))
    echo(f"Launch {name}: {len(todo)} runs in {len(plan.chunks)} chunks of up to {size}")
    echo("Hydra: " + shlex.join(command))
    log_start = (out / "multirun.log").stat().st_size if (out / "multirun.log").exists() else 0
    if launcher.kind == "slurm":
        return launch(command, out, run_dirs, already, launch_dir, echo, launcher.poll_seconds)
    code = launch(command, out, run_dirs, already, launch_dir, echo)
    code = relaunch_if_lost(code, command, out, run_dirs, log_start, launch_dir, echo)
    reported = "is launching" in (out / "multirun.log").read_text()[log_start:]
    if launcher.jobs > 1 and len(plan.chunks) > 1 and not reported:
        echo("Warning: the joblib launcher did not report itself; the runs may have run one at a time.")
    return code


def relaunch_if_lost(code: int, command: list[str], out: Path, run_dirs: list[str], log_start: int,
                     launch_dir: Path, echo) -> int:
    """Launch the missing runs once more when the multirun died on its own: a joblib worker killed by the OS (as
    the out-of-memory killer does) takes the whole multirun down, not just its own run. Returns the exit code."""
    missing = [d for d, s in statuses(out, run_dirs).items() if s == "missing"]
    if code in (0, *STOPPED.values()) or not missing:
        return code
    died = "TerminatedWorkerError" in (out / "multirun.log").read_text()[log_start:]
    why = "a worker process was killed, by the OS or for lack of memory" if died else "see multirun.log"
    echo(f"The multirun ended early (exit code {code}: {why}). Launching the {len(missing)} missing runs once more.")
    return launch(command, out, run_dirs, len(run_dirs) - len(missing), launch_dir, echo)


def launch(command: list[str], out: Path, run_dirs: list[str], already: int, launch_dir: Path, echo=print,
           poll_seconds: float = 1.0) -> int:
    """Start the multirun with its output in <out>/multirun.log and poll the run folders until it ends, naming each
    failed run as it appears; the launch folder holds the multirun's process id meanwhile.

    Ctrl-C, SIGTERM and SIGHUP stop the multirun and its workers (stop_tree) and cancel the SLURM job array
    submitted from the launch folder; the finished runs stay."""
    watch = Watch(out, run_dirs, since=time.time())
    progress = Progress(len(run_dirs), already)
    failures = FailureNotes(out, echo)
    with open(out / "multirun.log", "a") as log:
        log.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} {shlex.join(command)}\n")
        log.flush()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        write_text(launch_dir / PID, f"{proc.pid}\n")
        previous = {sig: signal.signal(sig, _raise_stopped) for sig in (signal.SIGTERM, signal.SIGHUP)}
        try:
            while proc.poll() is None:
                time.sleep(poll_seconds)
                failures.show(progress.show(watch()))
        except (KeyboardInterrupt, Stopped) as why:
            name = signal.Signals(why.args[0] if isinstance(why, Stopped) else signal.SIGINT).name
            stop_tree(proc.pid)
            proc.wait()
            cancelled = cluster.cancel(launch_dir)
            failures.show(watch())
            log.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} stopped by {name}"
                      f"{'; cancelled SLURM job ' + ' '.join(cancelled) if cancelled else ''}\n")
            progress.close()
            print(f"\nStopped ({name}): finished runs are kept; run the same command again "
                  "to finish the rest.")
            return STOPPED[signal.Signals[name]]
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            (launch_dir / PID).unlink(missing_ok=True)
    failures.show(progress.show(watch()))
    progress.close()
    return proc.returncode


def _raise_stopped(signum, _frame):
    raise Stopped(signum)


def report(out: Path, run_dirs: list[str], code: int, echo=print) -> int:
    """Say which runs finished, which failed and why, which are missing; non-zero unless all finished."""
    status = statuses(out, run_dirs)
    failed = [d for d, s in status.items() if s == "failed"]
    missing = [d for d, s in status.items() if s == "missing"]
    echo(f"Finished {len(run_dirs) - len(failed) - len(missing)} of {len(run_dirs)} runs; "
         f"{len(failed)} failed, {len(missing)} missing.")
    for name in failed:
        echo(f"  FAILED {name}: {failure_line(out, name)}")
        echo(f"         details: {out / name / FILES.failed}")
    if code not in (0, *STOPPED.values()):
        echo(f"Hydra stopped with exit code {code}; the end of {out / 'multirun.log'}:")
        echo("\n".join((out / "multirun.log").read_text().splitlines()[-15:]))
    if failed or missing:
        echo("Run the same command again to retry failed and missing runs; finished runs are kept and skipped.")
    echo(f"Analyse: python -m analysis {shlex.quote(str(out))}")
    if code in STOPPED.values():
        return code  # 130 after Ctrl-C, 143 after SIGTERM: the shell and a scheduler see why it ended
    return 0 if not failed and not missing and code == 0 else 1
