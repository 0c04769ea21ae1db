"""What a study's run folders say while it runs: each run finished, failed or missing; a progress bar counted from
them; each failed run named as soon as its FAILED.json appears (not only at the end, as Hydra reports errors)."""

import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from results.files import FILES


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


class Watch:
    """The runs' statuses while a launch runs, looking again only at the runs not yet finished: a finished run
    stays finished, and on a cluster's shared file system 10,000 folders are not looked at every few seconds."""

    def __init__(self, out: Path, run_dirs: list[str], since: float):
        self.out, self.since, self.status = out, since, dict.fromkeys(run_dirs, "missing")

    def __call__(self) -> dict[str, str]:
        self.status.update(statuses(self.out, [d for d, s in self.status.items() if s != "finished"], self.since))
        return dict(self.status)


FORMAT = "{n_fmt}/{total_fmt} runs {percentage:3.0f}% |{bar:20}| {desc} [{elapsed} spent, {remaining} left]"


class Progress:
    """Runs done of the total, failures, time spent and left (tqdm): a live bar on a terminal, elsewhere (CI logs,
    files) a line per tenth of the work."""

    def __init__(self, total: int, already: int):
        self.total, self.already, self.tty = total, already, sys.stdout.isatty()
        self.bar = tqdm(total=total, initial=already, file=sys.stdout, bar_format=FORMAT, disable=not self.tty)
        self.start, self.tenth = time.monotonic(), None

    def show(self, status: dict[str, str]) -> dict[str, str]:
        """Update the bar from the run folders' status; returns the status."""
        done, failed = _counts(status)
        if self.tty:
            self.bar.set_description_str(f"{failed} failed", refresh=False)
            self.bar.update(done - self.bar.n)
        elif done * 10 // max(self.total, 1) != self.tenth:
            self.tenth = done * 10 // max(self.total, 1)
            elapsed = time.monotonic() - self.start
            print(tqdm.format_meter(done, self.total, elapsed, ascii=True, prefix=f"{failed} failed",
                                    bar_format=FORMAT, initial=self.already), flush=True)
        return status

    def close(self) -> None:
        self.bar.close()


def _counts(status: dict[str, str]) -> tuple[int, int]:
    failed = sum(s == "failed" for s in status.values())
    return sum(s == "finished" for s in status.values()) + failed, failed


class FailureNotes:
    """Names each failed run once, as soon as its FAILED.json appears, rather than only at the end."""

    def __init__(self, out: Path, echo):
        self.out, self.echo, self.seen = out, echo, set()

    def show(self, status: dict[str, str]) -> None:
        for name in sorted(d for d, s in status.items() if s == "failed" and d not in self.seen):
            self.seen.add(name)
            self.echo(f"  failed: {name}: {failure_line(self.out, name)}")


def failure_line(out: Path, name: str) -> str:
    """'<error>: <first line of the message>' from a run's FAILED.json."""
    record = json.loads((out / name / FILES.failed).read_text())
    return f"{record['error']}: {(record['message'].splitlines() or [''])[0]}"
