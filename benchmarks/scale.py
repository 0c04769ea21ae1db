"""Speed at scale: one run of setup + warm-up + 10 years for Austerlitz, Ruwaard and the municipality of Oss, against
Mesa's own virus_on_network example (1,000 nodes, step loop) measured in the same run.

Prints, per community: seconds, resident-steps per second, microseconds per resident-step and peak memory (each run in
its own process, so its memory is its own), and the ratios the scale issue sets targets for:
  - Austerlitz resident-steps/s over virus_on_network agent-steps/s (target >= 1.0);
  - microseconds per resident-step at Oss over Ruwaard (target <= 1.2);
  - Oss: seconds (target < 60) and peak memory (target < 2 GiB).

Usage: python benchmarks/scale.py [--years 10] [--communities austerlitz ruwaard oss] [--peer-steps 300]
                                 [--years-of oss=1]   (fewer years for one community, e.g. on slow code)
A measurement, not a test: run it on a quiet machine (other processes lower every rate, the peer's too).
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peer_rate(steps: int) -> float:
    """Agent-steps per second of Mesa's virus_on_network example with 1,000 nodes (its step loop only)."""
    from mesa.examples.basic.virus_on_network.model import VirusOnNetwork

    model = VirusOnNetwork(num_nodes=1000, avg_node_degree=3, initial_outbreak_size=10, rng=42)
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    return 1000 * steps / (time.perf_counter() - start)


def one_run(community: str, years: float) -> dict:
    """Setup + warm-up + `years` of one community; seconds, resident-steps and peak memory of this process."""
    from sim.configs import compose
    from sim.run import build_model

    cfg = compose([f"community={community}", f"run.years={years}"])
    start = time.perf_counter()
    model = build_model(cfg)
    resident_steps = 0
    for _ in range(model.warmup_weeks + int(round(years * cfg.run.steps_per_year))):
        model.advance_week() if model.week < 0 else model.step()
        resident_steps += int(model.people.present.sum())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # bytes (Linux reports KiB)
    return {"community": community, "seconds": seconds, "resident_steps": resident_steps, "peak_bytes": peak,
            "residents": int(model.people.present.sum())}


def measure(community: str, years: float) -> dict:
    """`one_run` in a fresh process, so that its peak memory is its own."""
    code = f"import json; from benchmarks.scale import one_run; print(json.dumps(one_run({community!r}, {years})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--communities", nargs="+", default=["austerlitz", "ruwaard", "oss"])
    parser.add_argument("--peer-steps", type=int, default=300)
    parser.add_argument("--years-of", nargs="*", default=[], metavar="COMMUNITY=YEARS",
                        help="simulate fewer (or more) years for some communities")
    args = parser.parse_args()
    years_of = {name: float(years) for name, years in (item.split("=") for item in args.years_of)}
    peer = peer_rate(args.peer_steps)
    print(f"Mesa virus_on_network, 1,000 nodes: {peer:,.0f} agent-steps/s\n")
    print("| community | residents | years | seconds | resident-steps/s | µs per resident-step | peak memory "
          "| vs peer |")
    print("|---|---|---|---|---|---|---|---|")
    rows = {}
    for community in args.communities:
        years = years_of.get(community, args.years)
        r = measure(community, years)
        rate = r["resident_steps"] / r["seconds"]
        rows[community] = r | {"rate": rate, "us": 1e6 / rate}
        print(f"| {community} | {r['residents']:,} | {years:g} + warm-up | {r['seconds']:.1f} | {rate:,.0f} "
              f"| {1e6 / rate:.2f} | {r['peak_bytes'] / 2**30:.2f} GiB | {rate / peer:.2f}x |", flush=True)
    print()
    if "austerlitz" in rows:
        print(f"Austerlitz / peer: {rows['austerlitz']['rate'] / peer:.2f}x (target >= 1.0)")
    if "oss" in rows and "ruwaard" in rows:
        print(f"µs per resident-step, Oss / Ruwaard: {rows['oss']['us'] / rows['ruwaard']['us']:.2f} (target <= 1.2)")
    if "oss" in rows:
        print(f"Oss: {rows['oss']['seconds']:.0f} s (target < 60), {rows['oss']['peak_bytes'] / 2**30:.2f} GiB "
              f"(target < 2)")


if __name__ == "__main__":
    main()
