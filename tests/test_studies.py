"""Studies: every study file composes and describes itself truly; a tiny study runs end to end through Hydra's
joblib launcher, resumes without redoing finished runs, and survives (and reports) a failing run. Bad options
and grid points stop before anything launches; one runner works in a folder at a time; SIGTERM to the runner
and SIGKILL of a worker lose no finished run."""

import json
import re
import shutil
import signal
import subprocess
import sys
import time

import psutil
import pytest
import yaml
from filelock import FileLock
from helpers import assert_tables_equal, tables
from hydra import compose, initialize_config_dir

from experiments.__main__ import main as experiments_main
from experiments.chunks import gather_missing
from experiments.design import ROOT, header, make_design, study_names
from experiments.processes import PID
from experiments.progress import Watch
from experiments.runner import LOCK, run_study
from results.columns import SECONDS
from results.dataset import FOLDER, TIMESERIES, median_seconds, part_paths, read_runs
from results.files import FILES, STUDY
from sim.configs import CONFIG_DIR, register_configs, to_config
from sim.jobs import run_job

STUDIES = study_names()
TINY = ["--years", "0.1", "community=tiny"]  # 5 weekly steps of the 400-resident village


def compose_study(name: str, *overrides: str, hydra: bool = False):
    """The study composed as `python -m experiments run` composes it (call inside initialize_config_dir)."""
    return compose(config_name="config", return_hydra_config=hydra,
                   overrides=[f"hydra.searchpath=[file://{ROOT}]", f"+experiments={name}", *overrides])


def study(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "experiments", "run", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_there_are_the_eleven_named_studies_of_the_readme():
    assert set(STUDIES) == {"lumpsum_vs_tendering", "funding_cut", "shyness_and_outreach", "volunteer_tipping_point",
                            "project_carousel", "ageing_2040", "oss_funding", "sensitivity", "funding_uncertainty",
                            "calibration", "whatif"}
    readme = (ROOT / "experiments" / "README.md").read_text()
    assert all(f"[`{name}`]({name}.yaml)" in readme for name in STUDIES)


@pytest.mark.parametrize("name", STUDIES)
def test_study_composes_and_every_swept_value_is_valid(name):
    register_configs()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        cfg = compose_study(name, hydra=True)
        assert cfg.study.name == name and len(cfg.study.question) > 40
        params = dict(cfg.hydra.sweeper.params)
        assert "run.replicate" in params
        for key, values in make_design(name).sweeps.items():
            assert key in params
            ends = key in ("run.replicate", "study.design_row")  # ends suffice (every design row: test below)
            values = values[:: max(len(values) - 1, 1)] if ends else values
            for value in values:  # a group option that exists, a key in the schema, a value validation accepts
                assert to_config(compose_study(name, f"{key}={value}")).study.name == name


@pytest.mark.parametrize("name", STUDIES)
def test_study_header_states_question_design_and_commands(name):
    fields, design = header(name), make_design(name)
    assert f"= {design.runs} runs" in fields["Design"], (fields["Design"], design.describe())
    assert f"{design.replicates} replicates" in fields["Design"]
    assert fields["Run"] == f"python -m experiments run {name}"
    assert fields["Analyse"].startswith(f"python -m analysis outputs/studies/{name}")
    assert name in (ROOT / "experiments" / "README.md").read_text()


def test_command_line_overrides_join_the_grid_or_stay_fixed():
    design = make_design("lumpsum_vs_tendering", ["policy=subsidy,tendering", "run.replicate=range(0,3)",
                                                  "community=tiny", "run.years=1"])
    assert design.runs == 6 and design.fixed_keys == ["experiments", "community", "run.years"]
    assert "policy=tendering,run.replicate=2" in design.run_dirs()


def test_job_skips_a_finished_run_and_records_a_failing_one(tmp_path):
    (tmp_path / "done").mkdir()
    (tmp_path / "done" / "summary.json").write_text("{}")
    assert run_job(lambda: pytest.fail("a finished run must not be built"), tmp_path / "done", []) is None

    def broken():
        raise ValueError("no such village")
    assert run_job(broken, tmp_path / "bad", ["community=atlantis"]) is None
    record = json.loads((tmp_path / "bad" / FILES.failed).read_text())
    assert record["error"] == "ValueError" and record["overrides"] == ["community=atlantis"]
    assert "no such village" in record["traceback"]


@pytest.fixture(scope="module")
def tiny_study(tmp_path_factory):
    """lumpsum_vs_tendering cut down to 2 policies x 2 replicates of 5 weeks in the small village."""
    out = tmp_path_factory.mktemp("studies") / "lvt"
    args = ["lumpsum_vs_tendering", "--replicates", "2", *TINY, "policy=subsidy,tendering", "--out", str(out)]
    return out, args, study(*args)


def test_tiny_study_runs_every_point_and_replicate_in_parallel(tiny_study):
    out, args, result = tiny_study
    assert result.returncode == 0, result.stdout + result.stderr
    design = make_design("lumpsum_vs_tendering", ["policy=subsidy,tendering", "run.replicate=range(0,2)",
                                                  "run.years=0.1", "community=tiny"])
    assert sorted(p.parent.name for p in out.glob("*/summary.json")) == sorted(design.run_dirs())
    assert "is launching 2 jobs" in (out / "multirun.log").read_text()  # joblib took effect, a job per replicate
    chunk_logs = " ".join(p.read_text() for p in out.glob("launches/*/chunk-*/*.log"))
    assert chunk_logs.count("2 runs finished, 1 started from a shared warm-up") == 2  # its policies share one
    assert "Finished 4 of 4 runs; 0 failed, 0 missing." in result.stdout
    summary = json.loads((out / "policy=tendering,run.replicate=1" / "summary.json").read_text())
    assert (summary["policy"], summary["replicate"], summary["community"]) == ("tendering", 1, "tiny")


def test_tiny_study_analysis_writes_tables_and_figures(tiny_study):
    out, _, _ = tiny_study
    result = subprocess.run([sys.executable, "-m", "analysis", str(out), "--lang", "both"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = {p.name for p in (out / "analysis").iterdir()}
    assert {"runs.csv", "summary.csv", "differences.csv", "summary_en.md", "differences_nl.md"} <= written
    for fig in ("over_time", "who_pays", "who_gets_care"):
        assert {f"{fig}_en.png", f"{fig}_en.svg", f"{fig}_nl.png", f"{fig}_nl.svg"} <= written
    assert "| tendering |" in result.stdout


def test_the_dataset_gives_the_analysis_what_the_run_folders_give(tiny_study, tmp_path):
    """One part per chunk (the policies of a replicate locally); the same tables from the dataset, from the run
    folders alone, and from both (a part lost: its runs are read from their folders)."""
    out = shutil.copytree(tiny_study[0], tmp_path / "copy")
    chunks = len(list(out.glob("launches/*/chunk-*")))  # 2, and 1 more if the resume test ran first
    assert len(part_paths(out)) == len(part_paths(out, TIMESERIES)) == chunks >= 2
    rows = read_runs(out)
    assert sorted(rows["run_id"]) == sorted(p.parent.name for p in out.glob("*/summary.json"))
    assert (rows[SECONDS] > 0).all() and median_seconds(out) > 0
    from_dataset = tables(out)
    part_paths(out)[0].unlink()
    assert_tables_equal(tables(out), from_dataset)
    shutil.rmtree(out / FOLDER)
    assert_tables_equal(tables(out), from_dataset)
    finished = sorted(p.parent.name for p in out.glob("*/summary.json"))
    assert gather_missing(out, finished, "gathered") == 4  # as the runner does after a chunk was cut short
    assert len(part_paths(out)) == 1
    assert_tables_equal(tables(out), from_dataset)
    assert gather_missing(out, finished, "again") == 0 and len(part_paths(out)) == 1  # nothing is added twice


def test_interrupted_study_reruns_only_the_missing_run(tiny_study):
    out, args, _ = tiny_study
    lost = out / "policy=subsidy,run.replicate=1" / "summary.json"
    lost.unlink()
    kept = {p: p.stat().st_mtime_ns for p in out.glob("*/summary.json")}
    result = study(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Already finished: 3; to run: 1" in result.stdout
    assert lost.exists()
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # the finished runs were not run again
    assert study(*args).stdout.count("Every run has already finished.") == 1


def test_other_fixed_settings_do_not_mix_into_a_study_folder(tiny_study):
    out, args, _ = tiny_study
    result = study(*[a if a != "0.1" else "0.2" for a in args])
    assert result.returncode == 2 and "other settings" in result.stdout


def test_runs_of_another_model_do_not_mix_into_a_study_folder(tiny_study):
    """A folder whose runs were made before sim/ or configs/ changed is not resumed as if they were this model's."""
    out, args, _ = tiny_study
    saved = out / STUDY.sweep
    text = saved.read_text()
    try:
        saved.write_text(re.sub(r"(?m)^model: .*$", "model: 0123456789abcdef", text))
        result = study(*args)
        assert result.returncode == 2 and "another model" in result.stdout, result.stdout
        assert "Every run has already finished" not in result.stdout
    finally:
        saved.write_text(text)
    assert study(*args).returncode == 0


def test_a_failing_run_is_recorded_and_the_others_are_kept(tmp_path):
    out = tmp_path / "failing"
    blocked = out / "policy=tendering,run.replicate=1" / FILES.timeseries
    blocked.mkdir(parents=True)  # a folder where the run's output should go: its write fails, as on a bad disk
    result = study("lumpsum_vs_tendering", "--replicates", "2", *TINY, "policy=subsidy,tendering", "--out", str(out))
    assert result.returncode == 1
    assert "Finished 3 of 4 runs; 1 failed, 0 missing." in result.stdout
    assert len(list(out.glob("*/summary.json"))) == 3
    record = json.loads((blocked.parent / FILES.failed).read_text())
    assert record["error"] == "OutputError" and "policy=tendering" in record["overrides"]
    assert record["message"].startswith(f"cannot write {blocked}: ")
    assert "FAILED policy=tendering,run.replicate=1: OutputError: cannot write" in result.stdout
    analysis = subprocess.run([sys.executable, "-m", "analysis", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert analysis.returncode == 0 and "Skipping 1 failed run(s)" in analysis.stdout


BAD_STUDIES = [  # (arguments, what the one line must name)
    (["--jobs", "0"], "--jobs"),
    (["--jobs", "-2"], "--jobs"),
    (["--jobs", "two"], "--jobs"),
    (["--replicates", "0"], "--replicates"),
    (["--replicates", "-1"], "--replicates"),
    (["--replicates", "1.5"], "--replicates"),
    (["--years", "0"], "--years"),
    (["--years", "-1"], "--years"),
    (["--years", "nan"], "--years"),
    (["--years", "inf"], "--years"),
    (["--years", "500"], "run.years"),
    (["community.n_volunteers=5,-1"], "community.n_volunteers"),
    (["policy=subsidy,marketplace"], "policy"),
    (["scenario.cut_share=0.1,1.5"], "scenario.cut_share"),
    (["community.n_65plus=100,2000"], "community.n_adults"),
    (["run.replicate=range(0,0)"], "run.replicate"),
    (["run.replicate=0,-1"], "run.replicate"),
    (["+run.yeers=2"], "run.yeers"),
    (["run.years=1)"], "run.years"),
    (["--bogus"], "--bogus"),
    (["--launcher", "pbs"], "--launcher"),
    (["--chunk-size", "0"], "--chunk-size"),
    (["--chunk-size", "some"], "--chunk-size"),
    (["--partition", "short"], "--partition"),  # a SLURM setting with the local launcher
    (["--launcher", "slurm", "--time-limit", "0"], "--time-limit"),
    (["--launcher", "slurm", "--mem-gb", "0.5"], "--mem-gb"),
    (["--launcher", "slurm", "--parallelism", "0"], "--parallelism"),
    (["--launcher", "slurm", "--task-minutes", "-1"], "--task-minutes"),
    (["--launcher", "slurm", "--partition", " "], "partition"),
    (["--launcher", "slurm", "--cluster-config", "/nonexistent/cluster.yaml"], "--cluster-config"),
]


@pytest.mark.parametrize("args,key", BAD_STUDIES, ids=[" ".join(a) for a, _ in BAD_STUDIES])
def test_bad_study_options_and_grid_points_stop_before_launch(tmp_path, capsys, args, key):
    out = tmp_path / "study"
    argv = ["run", "lumpsum_vs_tendering", "community=tiny", "--out", str(out), *args]
    with pytest.raises(SystemExit) as stopped:
        sys.exit(experiments_main(argv))
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and key in err and "Traceback" not in err, err
    assert not out.exists()


def test_a_second_runner_is_refused_while_one_works_in_the_folder(tmp_path):
    out = tmp_path / "study"
    out.mkdir()
    design = make_design("lumpsum_vs_tendering", ["community=tiny", "run.years=0.1", "run.replicate=0"])
    messages = []
    with FileLock(out / LOCK):  # held as a running runner holds it
        assert run_study(design, out, 1, echo=messages.append) == 2
    assert messages == [f"Another runner is working in {out} (it holds {out / LOCK}); wait for it to finish, "
                        "or use --out."]
    assert sorted(p.name for p in out.iterdir()) == [LOCK]  # nothing launched, nothing written


def start_study(out, *args):
    return subprocess.Popen([sys.executable, "-m", "experiments", "run", "lumpsum_vs_tendering", "community=tiny",
                             "policy=subsidy,tendering", "--out", str(out), *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_sigterm_stops_the_whole_tree_and_keeps_finished_runs(tmp_path):
    out = tmp_path / "stopped"
    runner = start_study(out, "--replicates", "2", "--years", "0.5")
    wait_for(lambda: list(out.glob("*/summary.json")))
    tree = [psutil.Process(runner.pid), *psutil.Process(runner.pid).children(recursive=True)]
    assert len(tree) >= 4  # the runner, the multirun and its joblib workers
    runner.send_signal(signal.SIGTERM)
    output, _ = runner.communicate(timeout=60)
    assert runner.returncode == 143 and "Stopped (SIGTERM): finished runs are kept" in output, output
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive  # no worker goes on running on its own
    finished = {p: p.read_text() for p in out.glob("*/summary.json")}
    assert finished and all(json.loads(text)["community"] == "tiny" for text in finished.values())
    assert "stopped by SIGTERM" in (out / "multirun.log").read_text()
    resumed = start_study(out, "--replicates", "2", "--years", "0.5")
    output, _ = resumed.communicate(timeout=120)  # the lock was released: a new runner may work in the folder
    assert resumed.returncode == 0 and f"Already finished: {len(finished)}; to run: {4 - len(finished)}" in output
    assert {p: p.read_text() for p in finished} == finished and len(list(out.glob("*/summary.json"))) == 4
    assert not list(out.glob("*/.*.tmp"))  # what the stopped runs were writing was cleaned up


def test_a_worker_killed_by_the_os_costs_no_run(tmp_path):
    out = tmp_path / "killed"
    runner = start_study(out, "--replicates", "2", "--years", "1")

    def busy_worker():
        workers = [p for p in psutil.Process(runner.pid).children(recursive=True)
                   if "LokyProcess" in " ".join(p.cmdline())]
        started = [d for d in out.glob("policy=*") if not (d / FILES.summary).exists()]
        return workers[0] if workers and started else None
    wait_for(busy_worker)
    busy_worker().send_signal(signal.SIGKILL)  # as the out-of-memory killer does
    output, _ = runner.communicate(timeout=180)
    assert runner.returncode == 0, output
    assert "a worker process was killed" in output and "missing runs once more" in output
    assert "Finished 4 of 4 runs; 0 failed, 0 missing." in output
    assert "TerminatedWorkerError" in (out / "multirun.log").read_text()
    assert not list(out.glob("*/.*.tmp"))


QUICK = ["--replicates", "2", "--years", "0.1", "run.warmup_years=0"]  # four runs of a fraction of a second


def test_what_a_runner_killed_outright_left_running_is_stopped_by_the_next(tmp_path):
    """SIGKILL cannot be caught: the multirun runs on without its runner. The next runner in the folder stops it
    before launching, so two launches never run the same runs at once."""
    out = tmp_path / "orphaned"
    runner = start_study(out, *QUICK)
    wait_for(lambda: list(out.glob(f"{STUDY.launches}/*/{PID}")))
    pid_file = next(out.glob(f"{STUDY.launches}/*/{PID}"))
    multirun = psutil.Process(int(pid_file.read_text()))
    runner.kill()
    runner.communicate(timeout=60)
    multirun.suspend()  # it dispatches no more runs, so it is surely still there when the next runner starts
    tree = [multirun, *multirun.children(recursive=True)]
    resumed = start_study(out, *QUICK)
    output, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, output
    before = output.split("Study lumpsum_vs_tendering")[0]  # said before anything is launched
    assert f"Stopped the multirun of launch {pid_file.parent.name} (process {multirun.pid}), left running by a " \
        "runner that was killed" in before, output
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive
    assert "Finished 4 of 4 runs; 0 failed, 0 missing." in output
    assert not list(out.glob(f"{STUDY.launches}/*/{PID}"))  # every launch has ended


def test_the_watch_looks_again_only_at_runs_not_yet_finished(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
    (tmp_path / "a" / FILES.summary).write_text("{}")
    watch = Watch(tmp_path, ["a", "b", "c"], since=0.0)
    assert watch() == {"a": "finished", "b": "missing", "c": "missing"}
    (tmp_path / "a" / FILES.summary).unlink()  # not looked at again: a finished run stays finished
    (tmp_path / "b" / FILES.failed).write_text("{}")
    (tmp_path / "c" / FILES.summary).write_text("{}")
    assert watch() == {"a": "finished", "b": "failed", "c": "finished"}


def test_tiny_uncertainty_study_draws_the_register_and_finds_what_survives(tiny_study):
    """funding_uncertainty cut down to 4 draws of the register's ranges with the posterior's behaviour, a year in the
    small village, analysed against the tiny study at today's defaults: the table with both kinds of uncertainty and
    the parameters that separate tendering dearer than the lump sum from cheaper."""
    noise, _, _ = tiny_study
    out = noise.parent / "uncertainty"
    result = study("funding_uncertainty", "--years", "1", "community=tiny", "policy=subsidy,tendering,lump_sum",
                   "study.design_row=range(0,4)", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    prices = {yaml.safe_load(p.read_text())["prices"]["support_per_hour"]
              for p in out.glob("policy=tendering,*/resolved_config.yaml")}
    assert len(prices) == 4  # each draw its own contract tariff, from the register's range
    analysed = subprocess.run([sys.executable, "-m", "analysis", str(out), "--noise", str(noise)], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
    assert analysed.returncode == 0, analysed.stderr
    table = (out / "analysis" / "main_uncertainty.csv").read_text()
    assert "tendering" in table and ",4," in table  # 4 draws beside the replicates
    assert "policy.lump_sum_extra_activity" in (out / "analysis" / "separating.csv").read_text()
