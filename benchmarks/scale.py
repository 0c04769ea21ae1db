"""Speed at scale: one run of setup + warm-up + 10 years for Austerlitz, Ruwaard and the municipality of Oss, against
Mesa's own virus_on_network example (1,000 nodes, step loop) measured in the same run.

Prints, per community: seconds, resident-steps per second, microseconds per resident-step and peak memory (each run in
its own process, so its memory is its own), and the ratios the scale issue sets targets for:
  - Austerlitz resident-steps/s over virus_on_network agent-steps/s (target >= 1.0);
  - microseconds per resident-step at Oss over Austerlitz (target <= 1.2);
  - Oss: seconds (target < 60) and peak memory (target < 2 GiB).

Usage: python benchmarks/scale.py [--years 10] [--communities austerlitz ruwaard oss] [--peer-steps 300]
                                 [--years-of oss=1]   (fewer years for one community, e.g. on slow code)
                                 [--repeat 3]         (medians of 3 measurements, the peer measured before each)
                                 [--compare DIR]      (the same runs of the code in another checkout, alternating)
Rates count the CPU seconds of the process (the peer's too), which other processes on a shared machine lower less
than wall seconds; the seconds column is wall time. A measurement, not a test: compare ratios; with --compare,
`python benchmarks/scale.py --compare /tmp/before` measures before and after in one run, taking turns.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peer_rate(steps: int) -> float:
    """Agent-steps per second of Mesa's virus_on_network example with 1,000 nodes (its step loop only)."""
    from mesa.examples.basic.virus_on_network.model import VirusOnNetwork

    model = VirusOnNetwork(num_nodes=1000, avg_node_degree=3, initial_outbreak_size=10, rng=42)
    start = time.process_time()
    for _ in range(steps):
        model.step()
    return 1000 * steps / (time.process_time() - start)


def one_run(community: str, years: float) -> dict:
    """Setup + warm-up + `years` of one community; seconds, resident-steps and peak memory of this process."""
    from sim.configs import compose
    from sim.run import build_model

    cfg = compose([f"community={community}", f"run.years={years}"])
    start, cpu = time.perf_counter(), time.process_time()
    model = build_model(cfg)
    resident_steps = 0
    for _ in range(model.warmup_weeks + int(round(years * cfg.run.steps_per_year))):
        model.advance_week() if model.week < 0 else model.step()
        resident_steps += int(model.people.present.sum())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # bytes (Linux reports KiB)
    return {"community": community, "seconds": seconds, "cpu": cpu, "resident_steps": resident_steps,
            "peak_bytes": peak, "residents": int(model.people.present.sum())}


def measure(community: str, years: float, code: Path = ROOT) -> dict:
    """`one_run` in a fresh process, so that its peak memory is its own, with the model of the checkout `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, __file__, "--one-run", community, str(years)], cwd=code, env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def median_run(runs: list[dict]) -> dict:
    """The median of repeated measurements of one community (seconds and peak memory each on their own)."""
    return runs[0] | {key: statistics.median(r[key] for r in runs) for key in ("seconds", "cpu", "peak_bytes")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--communities", nargs="+", default=["austerlitz", "ruwaard", "oss"])
    parser.add_argument("--peer-steps", type=int, default=300)
    parser.add_argument("--years-of", nargs="*", default=[], metavar="COMMUNITY=YEARS",
                        help="simulate fewer (or more) years for some communities")
    parser.add_argument("--repeat", type=int, default=1, help="measurements per community (medians are shown)")
    parser.add_argument("--compare", type=Path, help="another checkout whose model is measured too, alternating")
    parser.add_argument("--one-run", nargs=2, metavar=("COMMUNITY", "YEARS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(args.one_run[0], float(args.one_run[1]))))
        return
    years_of = {name: float(years) for name, years in (item.split("=") for item in args.years_of)}
    codes = {"this": ROOT} | ({f"{args.compare}": args.compare.resolve()} if args.compare else {})
    peers, runs = [], {(c, name): [] for c in args.communities for name in codes}
    for _ in range(args.repeat):
        for community in args.communities:
            peers.append(peer_rate(args.peer_steps))
            for name, code in codes.items():
                runs[community, name].append(measure(community, years_of.get(community, args.years), code))
    peer = statistics.median(peers)
    print(f"Mesa virus_on_network, 1,000 nodes: {peer:,.0f} agent-steps/s (median of {len(peers)}, "
          f"{min(peers):,.0f} to {max(peers):,.0f})\n")
    print("| community | code | residents | years | seconds | CPU seconds | resident-steps/s | µs per resident-step "
          "| peak memory | vs peer |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows = {}
    for (community, name), measured in runs.items():
        r = median_run(measured)
        rate = r["resident_steps"] / r["cpu"]
        rows[community, name] = r | {"rate": rate, "us": 1e6 / rate}
        print(f"| {community} | {name} | {r['residents']:,} | {years_of.get(community, args.years):g} + warm-up "
              f"| {r['seconds']:.2f} | {r['cpu']:.2f} | {rate:,.0f} | {1e6 / rate:.2f} | "
              f"{r['peak_bytes'] / 2**30:.2f} GiB | {rate / peer:.2f}x |")
    for name in codes:
        print(f"\n{name}:")
        if ("austerlitz", name) in rows:
            print(f"  Austerlitz / peer: {rows['austerlitz', name]['rate'] / peer:.2f}x (target >= 1.0)")
        if ("oss", name) in rows and ("austerlitz", name) in rows:
            print(f"  µs per resident-step, Oss / Austerlitz: "
                  f"{rows['oss', name]['us'] / rows['austerlitz', name]['us']:.2f} (target <= 1.2)")
        if ("oss", name) in rows:
            print(f"  Oss: {rows['oss', name]['seconds']:.0f} s (target < 60), "
                  f"{rows['oss', name]['peak_bytes'] / 2**30:.2f} GiB (target < 2)")


if __name__ == "__main__":
    main()
