"""The processes a launch starts, and stopping them: the multirun's process tree, and what a runner that was killed
outright (SIGKILL, a lost login session) left running, which the next runner in the same study stops first, so
that two launches never run the same runs at once.

While a launch runs, its folder holds `multirun.pid` (the multirun's process id); the runner removes it when the
launch ends. A launch folder that still has one was left by a killed runner."""

from contextlib import suppress
from pathlib import Path

import psutil

from . import cluster

PID = "multirun.pid"
GRACE_SECONDS = 5.0  # after SIGTERM, how long the multirun's processes get to end before they are killed


def stop_tree(pid: int, grace: float = GRACE_SECONDS) -> None:
    """Stop a process and every process under it: SIGTERM (and SIGCONT) to each (joblib's workers ignore the SIGINT of a
    Ctrl-C and would run on), then SIGKILL for any still there after `grace` seconds (the resource trackers
    ignore SIGTERM and leave by themselves once the others are gone). The tree is taken first, so workers whose
    parent ends first are not missed. Outputs are written atomically, so a stopped run leaves no partial file."""
    try:
        tree = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    for process in tree:
        with suppress(psutil.Error):
            process.terminate()
            process.resume()  # a suspended process (Ctrl-Z) acts on SIGTERM only once it is continued, as `kill` does
    _, alive = psutil.wait_procs(tree, timeout=grace)
    for process in alive:
        with suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=grace)


def stop_leftovers(launches: Path) -> list[str]:
    """Stop what killed runners left running from the launch folders under `launches`: the multirun (when the
    process of that id is still the launch's: its command names the launch folder) and its SLURM job arrays.
    Returns what was stopped, one line each."""
    stopped = []
    for pid_file in sorted(launches.glob(f"*/{PID}")):
        launch_dir, pid = pid_file.parent, _read_pid(pid_file)
        with suppress(psutil.Error):
            if pid and str(launch_dir) in " ".join(psutil.Process(pid).cmdline()):
                stop_tree(pid)
                stopped.append(f"the multirun of launch {launch_dir.name} (process {pid})")
        stopped += [f"SLURM job array {job} of launch {launch_dir.name}" for job in cluster.cancel(launch_dir)]
        pid_file.unlink(missing_ok=True)
    return stopped


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return None
