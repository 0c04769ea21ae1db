"""`python -m analysis <study folder> [--lang en|nl|both] [--reference OPTION] [--noise DIR]`: tables and figures.

Reads the run folders (never changes them), skips and lists failed runs and runs with unreadable files, and
writes to <study folder>/analysis/, as a whole or not at all (a failure leaves the previous analysis as it was):
runs.csv, timeseries_long.parquet, yearly.csv, summary.csv, differences.csv, Markdown copies per language, and the
figures as PNG and SVG. Refuses (exit code 2) a folder of
study folders, and runs that differ in a setting the study did not sweep: they would be pooled silently.

A study that samples parameters (a sensitivity sample, or draws from the not-implausible set with `--noise`) is
analysed for what it is (analysis/sampled.py)."""

import argparse
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from results.columns import CODE_VERSION, ROW
from results.files import STUDY
from results.runs import UNREADABLE
from sim.schema import MAIN, TABLE

from . import brief, explained, held_out
from .build import MAX_OPTIONS, context, option_figures, response_figures
from .findings import few_replicates
from .labels import level_label
from .load import Factor, find_factors, load_runs, load_timeseries, nested_studies, sweep_values, unswept_differences
from .markdown import differences_md, summary_md
from .sampled import sampled
from .tables import MIN_REPLICATES, paired_differences, reorder, summarise, with_levels, yearly


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    parser.add_argument("study_dir", type=Path, help="a study folder, e.g. outputs/studies/lumpsum_vs_tendering")
    parser.add_argument("--lang", choices=("en", "nl", "both"), default="en", help="language of figures and Markdown")
    parser.add_argument("--reference", help="the option differences are taken from (default: the first swept value)")
    parser.add_argument("--out", type=Path, help="where to write (default <study folder>/analysis)")
    parser.add_argument("--noise", type=Path, help="a study over draws: the same study at today's defaults")
    return parser.parse_args(argv)


def pick_reference(factor, text: str | None):
    """The level of the first factor named by `text` (as written or as a number), else its first level."""
    if text is None:
        return factor.levels[0]
    for level in factor.levels:
        if str(level) == text or (factor.numeric and float(level) == float(text)):
            return level
    raise SystemExit(f"--reference {text!r} is not a value of {factor.column}: {', '.join(map(str, factor.levels))}")


def main(argv=None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    study, out = args.study_dir, args.out or args.study_dir / STUDY.analysis
    nested = nested_studies(study)
    if nested:
        print(f"{study} holds {len(nested)} study folders ({', '.join(nested[:6])}{', ...' if len(nested) > 6 else ''})"
              f"; analyse each on its own, e.g. python -m analysis {study / nested[0]}", file=sys.stderr)
        return 2
    if (study / STUDY.problem).exists() or ROW in sweep_values(study):
        return sampled(study, args.noise)
    runs, failures = load_runs(study)
    list_skipped(failures)
    runs, knocked = explained.split(runs)  # runs with a mechanism switched off explain the others' differences
    if runs.empty:
        print(f"No finished runs under {study}.")
        return 1
    versions = sorted(runs[CODE_VERSION].astype(str).unique())
    if len(versions) > 1:
        print(f"Warning: the runs come from {len(versions)} code versions ({', '.join(versions)}).")
    factors = find_factors(runs, study)
    differ = unswept_differences(runs, factors)
    if differ:
        shown = "; ".join(f"{key} = {', '.join(values[:4])}" for key, values in list(differ.items())[:4])
        print(f"Not pooling runs made with different settings that were not swept ({shown}): give each set of runs "
              "its own folder (python -m experiments run ... --out DIR).", file=sys.stderr)
        return 2
    reference = pick_reference(factors[0], args.reference) if factors else None
    fewest = int(runs.groupby([f.column for f in factors]).size().min()) if factors else len(runs)
    if fewest < MIN_REPLICATES:
        print(f"Warning: {few_replicates(fewest, 'en')}", file=sys.stderr)
    parts = explain(runs, knocked, factors, reference)
    with whole_folder(out) as staging:
        per_year, summary, diffs, written = write_tables(study, runs, failures, factors, reference, staging)
        if not parts.empty:
            parts.to_csv(staging / "explained.csv", index=False)
            written.append(staging / "explained.csv")
        if factors and factors[0].column == explained.POLICY:  # reported policy outcomes, out of sample
            written += held_out.write(runs, per_year, staging, ("en", "nl") if args.lang == "both" else (args.lang,))
        for i, lang in enumerate(("en", "nl") if args.lang == "both" else (args.lang,)):
            written += write_language(runs, per_year, factors, summary, diffs, reference, lang, staging, show=i == 0,
                                      study=study, parts=parts)
    print(f"\n{len(runs)} runs in {study}; factors: {', '.join(f.column for f in factors) or 'none'}")
    print(f"Written to {out}/:\n  " + "\n  ".join(p.name for p in written))
    return 0


def explain(runs, knocked, factors, reference):
    """The explained differences of each policy from the reference, when the study switched mechanisms off."""
    if knocked.empty or not factors or factors[0].column != explained.POLICY:
        return pd.DataFrame()
    return explained.explain_all(runs, knocked, reference, list(factors[0].levels))


@contextmanager
def whole_folder(out: Path):
    """A staging folder beside `out` that replaces it when the block ends without error; on an error it is removed
    and `out` (a previous analysis) stays as it was: never a half-written analysis folder."""
    out = Path(out)
    staging, old = out.with_name(f".{out.name}.{os.getpid()}.tmp"), out.with_name(f".{out.name}.{os.getpid()}.old")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def list_skipped(failures) -> None:
    """Name every run left out: those that failed, and those with a file that cannot be read."""
    unreadable = failures[failures["error"] == UNREADABLE]
    failed = failures[failures["error"] != UNREADABLE]
    if not failed.empty:
        print(f"Skipping {len(failed)} failed run(s):")
        for row in failed.itertuples():
            print(f"  {row.run_id}: {row.error}: {row.message}")
    if not unreadable.empty:
        print(f"Skipping {len(unreadable)} run(s) with a file that cannot be read:")
        for row in unreadable.itertuples():
            print(f"  {row.run_id}: {row.message}")


def write_tables(study, runs, failures, factors, reference, out):
    """runs.csv, failed_runs.csv, the time series (weekly and yearly), summary.csv and differences.csv."""
    ts = load_timeseries(study, runs)
    per_year = yearly(ts, runs)
    summary = reorder(summarise(with_levels(runs, factors), [f.column for f in factors], TABLE), factors)
    diffs = reorder(paired_differences(runs, factors, reference, TABLE), factors) if factors else None
    tables = {"runs.csv": runs, "failed_runs.csv": failures, "yearly.csv": per_year, "summary.csv": summary,
              "differences.csv": diffs}
    written = []
    for name, table in tables.items():
        if table is not None:
            table.to_csv(out / name, index=False)
            written.append(out / name)
    ts.to_parquet(out / "timeseries_long.parquet", index=False)
    return per_year, summary, diffs, [*written, out / "timeseries_long.parquet"]


def write_language(runs, per_year, factors, summary, diffs, reference, lang, out, show=True, study=None,
                   parts=None) -> list[Path]:
    """Markdown tables (printed when `show`) and the figures in one language."""
    text = summary_md(summary, factors, MAIN, len(runs), lang)
    (out / f"summary_{lang}.md").write_text(text)
    written = [out / f"summary_{lang}.md"]
    print(text if show else "", end="")
    if diffs is not None:
        ref = level_label(factors[0].column, reference, lang)
        text = differences_md(diffs, factors, MAIN, ref, lang)
        (out / f"differences_{lang}.md").write_text(text)
        written.append(out / f"differences_{lang}.md")
        print("\n" + text if show else "", end="")
    n_points = runs.groupby([f.column for f in factors]).ngroups if factors else 1
    if factors and n_points <= MAX_OPTIONS:
        written += option_figures(runs, per_year, factors, reference, lang, out)
    written += response_figures(runs, factors, lang, out)
    if parts is not None and not parts.empty:
        written += explained.write(parts, context(runs, lang), out, lang)
    if brief.is_whatif(runs, factors):  # two options in one community: the difference figure and the brief
        written += brief.write(study, runs, ordered(factors[0], reference), context(runs, lang), out, lang, parts)
    return written


def ordered(factor: Factor, reference) -> Factor:
    """The factor with the reference option first."""
    return Factor(factor.column, [reference, *(v for v in factor.levels if v != reference)])

