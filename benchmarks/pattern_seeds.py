"""How robust the eight pattern tests are: run tests/test_patterns.py with PATTERN_SEED = 1..N and report, per pattern,
on how many base seeds it held (and its negative control failed, as it should).

Usage: python benchmarks/pattern_seeds.py [--seeds 10] [--first 1] [--workers 2] [--select holds]
(about 3-4 minutes per seed on 2 cores, half that with `--select holds`: the patterns without their negative controls)
"""

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def outcomes(seed: int, workers: int, out: Path, select: str) -> dict[str, bool]:
    """test id -> passed, for one base seed."""
    report = out / f"patterns_seed{seed}.xml"
    subprocess.run([sys.executable, "-m", "pytest", "tests/test_patterns.py", "-q", "-n", str(workers),
                    "-p", "no:cacheprovider", f"--junitxml={report}", *(["-k", select] if select else [])],
                   cwd=ROOT, env={**os.environ, "PATTERN_SEED": str(seed)},
                   capture_output=True, text=True)
    result = {}
    for case in ET.parse(report).iter("testcase"):
        result[case.get("name")] = not any(child.tag in ("failure", "error") for child in case)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first", type=int, default=1, help="first base seed (to continue an interrupted sweep)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--select", default="", help="pytest -k expression, e.g. holds")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "benchmarks" / "pattern_seeds")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    passed = defaultdict(list)
    for seed in range(args.first, args.first + args.seeds):
        for test, ok in outcomes(seed, args.workers, args.out, args.select).items():
            passed[test].append(ok)
        print(f"seed {seed}: " + ", ".join(f"{t.split('[')[1].rstrip(']')}{'' if ok[-1] else ' FAILED'}"
                                            for t, ok in sorted(passed.items()) if "holds" in t), flush=True)
    print(f"\n| test | passed on | of {args.seeds} seeds |\n|---|---|---|")
    for test, oks in sorted(passed.items()):
        print(f"| {test} | {sum(oks)} | {sum(oks) / len(oks):.0%} |")
    total = sum(sum(v) for v in passed.values())
    print(f"\nall pattern-seed pairs: {total} of {sum(len(v) for v in passed.values())}")


if __name__ == "__main__":
    main()
