"""How long the analysis of 10,000 small runs takes from the study's Parquet dataset against from the run folders.

The study is synthesised: two real one-year runs of the tiny village (subsidy and tendering, replicate 0) are
copied into N folders (`policy=<p>,run.replicate=<r>`), each with its replicate written into its summary and
resolved config (the Parquet files are hard links: the same bytes, as far as reading goes); the dataset is then
written as SLURM chunks would write it, one part per chunk of --chunk runs, from the copied folders. Both ways
run the whole analysis (`python -m analysis`: tables, Markdown, the three option figures) in this process, first
on the dataset, then with the dataset set aside; the ratio is folders / dataset, measured in the same run.

Usage: python benchmarks/analysis_scale.py [--runs 10000] [--chunk 100] [--out DIR] [--keep]
"""

import argparse
import contextlib
import io
import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import yaml

from analysis.study import main as analyse
from experiments.design import make_design
from results import dataset
from results.columns import REPLICATE, RUN_ID, SECONDS
from results.files import FILES
from results.runs import read_finished
from sim.configs import compose
from sim.run import run_and_write

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ("subsidy", "tendering")
LINKED = (FILES.timeseries, FILES.survey)


def synthesise(out: Path, runs: int, chunk: int) -> None:
    """N run folders copied from two real runs, the design the runner would save, and the dataset in parts."""
    shutil.rmtree(out, ignore_errors=True)
    replicates = runs // len(POLICIES)
    design = make_design("lumpsum_vs_tendering", ["community=tiny", "run.years=1", "policy=subsidy,tendering",
                                                  f"run.replicate=range(0,{replicates})"])
    design.save(out)
    sources = {p: out / "sources" / p for p in POLICIES}
    for policy, folder in sources.items():
        run_and_write(compose(["community=tiny", "run.years=1", f"policy={policy}", "+experiments=lumpsum_vs_tendering",
                               f"hydra.searchpath=[file://{ROOT}]"]), folder)
    rows = {p: read_finished(folder) for p, folder in sources.items()}  # what a chunk reads back from a folder
    series = {p: pd.read_parquet(folder / FILES.timeseries) for p, folder in sources.items()}
    names = design.run_dirs()
    texts = {p: templates(folder) for p, folder in sources.items()}
    for name in names:
        policy, replicate = name.split(",")[0].split("=")[1], int(name.rsplit("=", 1)[1])
        copy_run(sources[policy], out / name, replicate, texts[policy])
    shutil.rmtree(out / "sources")
    for start in range(0, len(names), chunk):
        part = [(n, n.split(",")[0].split("=")[1], int(n.rsplit("=", 1)[1])) for n in names[start:start + chunk]]
        dataset.write_part(out, f"synthetic-{start // chunk:05d}",
                           [{RUN_ID: n, **rows[p], REPLICATE: r, "replicate": r, SECONDS: 1.0}
                            for n, p, r in part],
                           [series[p].assign(**{RUN_ID: n}) for n, p, _ in part])


def copy_run(source: Path, target: Path, replicate: int, texts: dict[str, str]) -> None:
    """One run folder as if run with this replicate: summary and config say so, the Parquet files are shared."""
    target.mkdir(parents=True)
    for name in LINKED:
        os.link(source / name, target / name)
    for name, text in texts.items():
        (target / name).write_text(text.replace(str(SENTINEL), str(replicate)))


SENTINEL = 987654321  # stands for the replicate in a source run's texts


def templates(source: Path) -> dict[str, str]:
    """A run's config and summary with the replicate as SENTINEL: parsed once, not once per copy (10,000 YAML
    parses of a resolved config take longer than the analysis they are for)."""
    config = yaml.safe_load((source / FILES.config).read_text())
    config["run"]["replicate"] = SENTINEL
    summary = json.loads((source / FILES.summary).read_text())
    summary["replicate"] = SENTINEL
    return {FILES.config: yaml.safe_dump(config, sort_keys=False), FILES.summary: json.dumps(summary, indent=2) + "\n"}


def timed_analysis(study: Path) -> float:
    """Seconds for the whole analysis of `study` in English (its printed tables are swallowed)."""
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = analyse([str(study), "--lang", "en"])
    assert code == 0, f"the analysis of {study} failed"
    return time.perf_counter() - start


def runs_table(study: Path) -> pd.DataFrame:
    """The runs table the analysis wrote, columns sorted (columns only some runs have may come in another order)."""
    table = pd.read_csv(study / "analysis" / "runs.csv")
    return table[sorted(table.columns)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=100, help="runs per dataset part (per SLURM task)")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "benchmarks" / "analysis_scale")
    parser.add_argument("--keep", action="store_true", help="reuse the study --out holds if it has --runs runs")
    args = parser.parse_args()
    start = time.perf_counter()
    if not (args.keep and len(list(args.out.glob("policy=*"))) == args.runs):
        synthesise(args.out, args.runs, args.chunk)
    print(f"{args.runs} run folders and {len(dataset.part_paths(args.out))} dataset parts made in "
          f"{time.perf_counter() - start:.0f} s")
    from_dataset = timed_analysis(args.out)
    tables = runs_table(args.out)
    aside = args.out.parent / f"{args.out.name}-dataset-aside"
    shutil.rmtree(aside, ignore_errors=True)
    shutil.move(args.out / dataset.FOLDER, aside)
    try:
        from_folders = timed_analysis(args.out)
    finally:
        shutil.move(aside, args.out / dataset.FOLDER)
    pd.testing.assert_frame_equal(runs_table(args.out), tables)  # both ways, the same runs table
    print(f"analysis of {args.runs} runs: {from_dataset:.1f} s from the dataset, {from_folders:.1f} s from the run "
          f"folders; folders / dataset = {from_folders / from_dataset:.1f}")


if __name__ == "__main__":
    main()
