"""Run a study as one Hydra multirun (joblib launcher, one job per point and replicate) and account for every run.

Folders are `<out>/<key=value,...>` (Hydra's override_dirname of the swept keys), so a re-run finds what is
finished: sim/jobs.py skips folders with a summary and records FAILED.json for a failing run. The design is saved
as `<out>/study.yaml`: the analysis reads the sweep from it, and a later run with other fixed settings is refused.

Nothing is lost: one runner at a time works in a study folder (a lock file); Ctrl-C, SIGTERM or SIGHUP stop the
multirun and every worker it started, keeping the finished runs; when the multirun dies on its own (a joblib
worker killed by the OS, as the out-of-memory killer does) the runner launches the missing runs once more.
"""

import json
import re
import shlex
import signal
import subprocess
import sys
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import psutil
from filelock import FileLock, Timeout
from tqdm import tqdm

from sim.schema import FILES

from .design import ROOT, Design

LOCK = ".runner.lock"  # in the study folder, held while a runner works there (released when its process ends)
STOPPED = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}  # exit codes, as a shell reports them
GRACE_SECONDS = 5.0  # after SIGTERM, how long the multirun's processes get to end before they are killed


class Stopped(Exception):
    """The runner was asked to stop (SIGTERM, SIGHUP); Ctrl-C arrives as KeyboardInterrupt."""


def hydra_command(design: Design, out: Path, jobs: int) -> list[str]:
    """The `python -m sim -m ...` command; the launcher is chosen here, where Hydra cannot ignore it (#2946)."""
    return [
        sys.executable, "-m", "sim", "-m",
        f"hydra.searchpath=[file://{ROOT}]",
        "hydra/launcher=joblib", f"hydra.launcher.n_jobs={jobs}",
        "hydra/job_logging=study",
        f"hydra.sweep.dir={_quoted(out)}",
        "hydra.sweep.subdir=${hydra:job.override_dirname}",
        f"hydra.job.config.override_dirname.exclude_keys=[{','.join(design.fixed_keys)}]",
        f"+experiments={design.study}", *design.cli,
    ]


def _quoted(path: Path) -> str:
    """A path as a Hydra override value: quoted when it holds characters the override grammar would read."""
    text = str(path)
    return text if re.fullmatch(r"[\w/.+-]+", text) else "'" + text.replace("'", "\\'") + "'"


def statuses(out: Path, run_dirs: list[str], since: float = 0.0) -> dict[str, str]:
    """finished / failed / missing for each run folder; failures older than `since` count as missing."""
    result = {}
    for name in run_dirs:
        folder = out / name
        if (folder / FILES.summary).exists():
            result[name] = "finished"
        elif (folder / FILES.failed).exists() and (folder / FILES.failed).stat().st_mtime >= since:
            result[name] = "failed"
        else:
            result[name] = "missing"
    return result


def settings_conflict(out: Path, design: Design) -> str | None:
    """A message if `out` holds runs made with other fixed settings (they are not in the folder names)."""
    previous = Design.load(out)
    if previous is None or sorted(previous.fixed) == sorted(design.fixed):
        return None
    return (f"{out} holds runs made with other settings ({' '.join(sorted(previous.fixed))}; now "
            f"{' '.join(sorted(design.fixed))}).\nUse --out for a new folder, or delete the old one.")


def run_study(design: Design, out: Path, jobs: int, echo=print) -> int:
    """Run the missing runs of `design` into `out`, show progress, report failures; 0 only if every run finished."""
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
        return run_locked(design, out, jobs, echo)
    finally:
        lock.release()


def run_locked(design: Design, out: Path, jobs: int, echo=print) -> int:
    conflict = settings_conflict(out, design)
    if conflict:
        echo(conflict)
        return 2
    run_dirs = design.run_dirs()
    already = sum(s == "finished" for s in statuses(out, run_dirs).values())
    echo(f"Study {design.study}: {design.describe()}")
    echo(f"Output: {out}")
    if already == len(run_dirs):
        echo("Every run has already finished.")
        return report(out, run_dirs, 0, echo)
    echo(f"Already finished: {already}; to run: {len(run_dirs) - already}, {jobs} at a time")
    command = hydra_command(design, out, jobs)
    echo("Hydra: " + shlex.join(command))
    design.save(out)
    log_start = (out / "multirun.log").stat().st_size if (out / "multirun.log").exists() else 0
    code = launch(command, out, run_dirs, already)
    code = relaunch_if_lost(code, command, out, run_dirs, log_start, echo)
    if jobs > 1 and "is launching" not in (out / "multirun.log").read_text()[log_start:]:
        echo("Warning: the joblib launcher did not report itself; the runs may have run one at a time.")
    return report(out, run_dirs, code, echo)


def relaunch_if_lost(code: int, command: list[str], out: Path, run_dirs: list[str], log_start: int, echo) -> int:
    """Launch the missing runs once more when the multirun died on its own: a joblib worker killed by the OS (as
    the out-of-memory killer does) takes the whole multirun down, not just its own run. Returns the exit code."""
    missing = [d for d, s in statuses(out, run_dirs).items() if s == "missing"]
    if code in (0, *STOPPED.values()) or not missing:
        return code
    died = "TerminatedWorkerError" in (out / "multirun.log").read_text()[log_start:]
    why = "a worker process was killed, by the OS or for lack of memory" if died else "see multirun.log"
    echo(f"The multirun ended early (exit code {code}: {why}). Launching the {len(missing)} missing runs once more.")
    return launch(command, out, run_dirs, len(run_dirs) - len(missing))


def launch(command: list[str], out: Path, run_dirs: list[str], already: int) -> int:
    """Start the multirun with its output in <out>/multirun.log and poll the run folders until it ends.

    Ctrl-C, SIGTERM and SIGHUP stop the multirun and its workers (stop_tree); the finished runs stay."""
    since = time.time()
    progress = Progress(len(run_dirs), already)
    with open(out / "multirun.log", "a") as log:
        log.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} {shlex.join(command)}\n")
        log.flush()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        previous = {sig: signal.signal(sig, _raise_stopped) for sig in (signal.SIGTERM, signal.SIGHUP)}
        try:
            while proc.poll() is None:
                time.sleep(1.0)
                progress.show(statuses(out, run_dirs, since))
        except (KeyboardInterrupt, Stopped) as why:
            name = signal.Signals(why.args[0] if isinstance(why, Stopped) else signal.SIGINT).name
            stop_tree(proc)
            log.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} stopped by {name}\n")
            progress.close()
            print(f"\nStopped ({name}): finished runs are kept; run the same command again "
                  "to finish the rest.")
            return STOPPED[signal.Signals[name]]
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    progress.show(statuses(out, run_dirs, since))
    progress.close()
    return proc.returncode


def _raise_stopped(signum, _frame):
    raise Stopped(signum)


def stop_tree(proc: subprocess.Popen, grace: float = GRACE_SECONDS) -> None:
    """Stop the multirun and every process under it: SIGTERM to each (joblib's workers ignore the SIGINT of a
    Ctrl-C and would run on), then SIGKILL for any still there after `grace` seconds (the resource trackers
    ignore SIGTERM and leave by themselves once the others are gone). The tree is taken first, so workers whose
    parent ends first are not missed. Outputs are written atomically, so a stopped run leaves no partial file."""
    try:
        tree = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    for process in tree:
        with suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(tree, timeout=grace)
    for process in alive:
        with suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=grace)
    proc.wait()


FORMAT = "{n_fmt}/{total_fmt} runs {percentage:3.0f}% |{bar:20}| {desc} [{elapsed} spent, {remaining} left]"


class Progress:
    """Runs done of the total, failures, time spent and left (tqdm): a live bar on a terminal, elsewhere (CI logs,
    files) a line per tenth of the work."""

    def __init__(self, total: int, already: int):
        self.total, self.already, self.tty = total, already, sys.stdout.isatty()
        self.bar = tqdm(total=total, initial=already, file=sys.stdout, bar_format=FORMAT, disable=not self.tty)
        self.start, self.tenth = time.monotonic(), None

    def show(self, status: dict[str, str]) -> None:
        done, failed = _counts(status)
        if self.tty:
            self.bar.set_description_str(f"{failed} failed", refresh=False)
            self.bar.update(done - self.bar.n)
        elif done * 10 // max(self.total, 1) != self.tenth:
            self.tenth = done * 10 // max(self.total, 1)
            elapsed = time.monotonic() - self.start
            print(tqdm.format_meter(done, self.total, elapsed, ascii=True, prefix=f"{failed} failed",
                                    bar_format=FORMAT, initial=self.already), flush=True)

    def close(self) -> None:
        self.bar.close()


def _counts(status: dict[str, str]) -> tuple[int, int]:
    failed = sum(s == "failed" for s in status.values())
    return sum(s == "finished" for s in status.values()) + failed, failed


def report(out: Path, run_dirs: list[str], code: int, echo=print) -> int:
    """Say which runs finished, which failed and why, which are missing; non-zero unless all finished."""
    status = statuses(out, run_dirs)
    failed = [d for d, s in status.items() if s == "failed"]
    missing = [d for d, s in status.items() if s == "missing"]
    echo(f"Finished {len(run_dirs) - len(failed) - len(missing)} of {len(run_dirs)} runs; "
         f"{len(failed)} failed, {len(missing)} missing.")
    for name in failed:
        record = json.loads((out / name / FILES.failed).read_text())
        echo(f"  FAILED {name}: {record['error']}: {(record['message'].splitlines() or [''])[0]}")
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
