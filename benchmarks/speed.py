"""Time the default run (Austerlitz, 10 years + warm-up, weekly) and larger presets; print resident-steps/s.

Usage: python benchmarks/speed.py [community ...]   (default: austerlitz ruwaard)
Targets (issue 2): the default run in a few seconds on a 2-core machine. A measurement, not a test.
"""

import sys
import time

from sim.configs import compose
from sim.run import build_model


def time_run(community: str, years: float = 10.0) -> tuple[float, float]:
    """Seconds for one run (setup + warm-up + horizon) and resident-steps per second."""
    cfg = compose([f"community={community}", f"run.years={years}"])
    start = time.perf_counter()
    model = build_model(cfg)
    steps = model.warmup_weeks + int(round(years * cfg.run.steps_per_year))
    resident_steps = 0
    for _ in range(steps):
        model.advance_week() if model.week < 0 else model.step()  # step() would run the whole warm-up at once
        resident_steps += int(model.people.present.sum())
    seconds = time.perf_counter() - start
    return seconds, resident_steps / seconds


def main(communities: list[str]) -> None:
    print(f"{'community':<16}{'seconds':>10}{'resident-steps/s':>20}")
    for community in communities:
        seconds, rate = time_run(community)
        print(f"{community:<16}{seconds:>10.2f}{rate:>20,.0f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["austerlitz", "ruwaard"])
