"""Writing outputs under faults: a full disk or an unwritable folder gives one line naming the file, nothing
half-written is left, temporary files from a crash are cleaned up, files get the usual permissions, and runs
started at the same moment never share a folder."""

import errno
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import config

from results import atomic
from results.atomic import OutputError, atomic_write, write_text
from results.files import FILES
from sim import run as run_module
from sim.jobs import run_job
from sim.run import run_model, write_run

ROOT = Path(__file__).parent.parent


def disk_full(*_):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_permissions_the_umask_allows(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        write_text(tmp_path / "summary.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "summary.json").stat().st_mode & 0o777 == mode


def test_a_full_disk_gives_one_line_naming_the_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "summary.json"
    path.write_text("old")
    with pytest.raises(OutputError) as caught:
        atomic_write(path, disk_full)
    assert str(caught.value) == f"cannot write {path}: No space left on device"
    assert caught.value.errno == errno.ENOSPC and path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.json"]  # no temporary file left


def test_a_file_in_the_way_of_the_folder_gives_one_line(tmp_path):
    (tmp_path / "blocked").write_text("")
    ts, summary, survey = run_model(config())
    with pytest.raises(OutputError, match=r"cannot write .*blocked/run/timeseries\.parquet: Not a directory"):
        write_run(tmp_path / "blocked" / "run", ts, summary, survey, config())


def test_temporary_files_left_by_a_crash_are_removed_by_the_next_write(tmp_path):
    stale = tmp_path / ".summary.json.k3j4h5.tmp"
    stale.write_text("half")
    other = tmp_path / ".timeseries.parquet.x1y2z3.tmp"
    other.write_text("half")
    write_text(tmp_path / "summary.json", "{}")
    assert not stale.exists() and other.exists()  # the next write of the same file removes its leftovers
    run_job(lambda: pytest.fail("a finished run is not built"), tmp_path, [])
    assert other.exists()  # a finished run is left as it is
    (tmp_path / "summary.json").unlink()
    run_job(disk_full, tmp_path, [])  # a job starting again in the folder removes every leftover
    assert not other.exists() and (tmp_path / FILES.failed).exists()


def test_a_run_whose_output_cannot_be_written_is_recorded_as_failed(tmp_path, monkeypatch):
    real = run_module.atomic_write

    def full_for_parquet(path, write):
        real(path, disk_full if path.suffix == ".parquet" else write)
    monkeypatch.setattr(run_module, "atomic_write", full_for_parquet)
    cfg = config("run.years=0.1")
    assert run_job(lambda: cfg, tmp_path / "run", ["community=tiny"]) is None
    record = json.loads((tmp_path / "run" / FILES.failed).read_text())
    assert record["error"] == "OutputError"
    assert record["message"] == f"cannot write {tmp_path / 'run' / FILES.timeseries}: No space left on device"
    assert not (tmp_path / "run" / FILES.summary).exists()


def test_a_job_on_a_full_disk_does_not_stop_the_sweep(tmp_path, monkeypatch, caplog):
    def always_full(path, write):
        raise OutputError(errno.ENOSPC, f"cannot write {path}: No space left on device")
    for module in (atomic, run_module):  # the run's outputs (sim/run.py) and FAILED.json (results.atomic.write_text)
        monkeypatch.setattr(module, "atomic_write", always_full)
    cfg = config("run.years=0.1")
    assert run_job(lambda: cfg, tmp_path / "run", []) is None  # neither the outputs nor FAILED.json fit
    assert "not recorded" in caplog.text and "No space left on device" in caplog.text


def limit_file_size():
    """In the child: files may not grow past 20 kB, as on a nearly full disk (writes fail with EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_cli_on_a_full_disk_stops_with_one_line(tmp_path):
    out = tmp_path / "run"
    result = subprocess.run([sys.executable, "-m", "sim", "community=tiny", "run.years=0.1", f"hydra.run.dir={out}"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT, preexec_fn=limit_file_size)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"cannot write {out / FILES.timeseries}" in result.stderr and "File too large" in result.stderr
    assert not (out / FILES.summary).exists() and not list(out.glob(".*.tmp"))


def test_runs_started_at_the_same_moment_get_their_own_folders(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "sim", "community=tiny", "run.years=0.1"]
    procs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0], [p.stderr.read() for p in procs]
    folders = sorted((tmp_path / "outputs" / "runs").iterdir())
    assert len(folders) == 2 and all((f / FILES.summary).exists() for f in folders)
