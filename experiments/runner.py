"""Run a study as one Hydra multirun (joblib launcher, one job per point and replicate) and account for every run.

Folders are `<out>/<key=value,...>` (Hydra's override_dirname of the swept keys), so a re-run finds what is
finished: sim/jobs.py skips folders with a summary and records FAILED.json for a failing run. The design is saved
as `<out>/study.yaml`: the analysis reads the sweep from it, and a later run with other fixed settings is refused.
"""

import json
import re
import shlex
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from sim.schema import FILES

from .design import ROOT, Design


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
    out.mkdir(parents=True, exist_ok=True)
    design.save(out)
    log_start = (out / "multirun.log").stat().st_size if (out / "multirun.log").exists() else 0
    code = launch(command, out, run_dirs, already)
    if jobs > 1 and "is launching" not in (out / "multirun.log").read_text()[log_start:]:
        echo("Warning: the joblib launcher did not report itself; the runs may have run one at a time.")
    return report(out, run_dirs, code, echo)


def launch(command: list[str], out: Path, run_dirs: list[str], already: int) -> int:
    """Start the multirun with its output in <out>/multirun.log and poll the run folders until it ends."""
    since = time.time()
    progress = Progress(len(run_dirs), already)
    with open(out / "multirun.log", "a") as log:
        log.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} {shlex.join(command)}\n")
        log.flush()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            while proc.poll() is None:
                time.sleep(1.0)
                progress.show(statuses(out, run_dirs, since))
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            proc.wait()
            progress.close()
            print("\nInterrupted: finished runs are kept; run the same command again to finish the rest.")
            return 130
    progress.show(statuses(out, run_dirs, since))
    progress.close()
    return proc.returncode


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
    if code not in (0, 130):
        echo(f"Hydra stopped with exit code {code}; the end of {out / 'multirun.log'}:")
        echo("\n".join((out / "multirun.log").read_text().splitlines()[-15:]))
    if failed or missing:
        echo("Run the same command again to retry failed and missing runs; finished runs are kept and skipped.")
    echo(f"Analyse: python -m analysis {shlex.quote(str(out))}")
    return 0 if not failed and not missing and code == 0 else 1
