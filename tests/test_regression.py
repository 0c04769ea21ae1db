"""An exact seeded baseline: a small run's summary and the checksum of its time series, stored in the repository.

Any change to the model's behaviour (a mechanism, a default, the order of random draws) changes them. That is
often intended: then refresh the baseline deliberately and say why in the commit:

    REFRESH_BASELINE=1 .venv/bin/python -m pytest tests/test_regression.py
"""

import hashlib
import json
import math
import os
from pathlib import Path

from helpers import config

from sim.run import run_model

BASELINE = Path(__file__).parent / "baseline" / "tiny_tendering.json"
OVERRIDES = ("run.years=2", "policy=tendering", "policy.tender_period_years=1", "run.seed=4")


def fingerprint() -> dict:
    ts, summary, _ = run_model(config(*OVERRIDES))
    numbers = {k: v for k, v in summary.items() if isinstance(v, int | float) and k not in ("run_seed",)}
    text = ts.to_csv(index=False, float_format="%.12g")
    return {"overrides": list(OVERRIDES), "summary": numbers, "rows": len(ts),
            "timeseries_sha256": hashlib.sha256(text.encode()).hexdigest()}


def same(a, b) -> bool:
    if a is None:
        return False
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def test_the_small_run_matches_its_stored_baseline():
    now = fingerprint()
    if os.environ.get("REFRESH_BASELINE"):
        BASELINE.parent.mkdir(exist_ok=True)
        BASELINE.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
    stored = json.loads(BASELINE.read_text())
    changed = {k: (stored["summary"].get(k), v) for k, v in now["summary"].items()
               if not same(stored["summary"].get(k), v)}
    assert not changed, f"summary outcomes moved (stored, now): {changed}"
    assert now["timeseries_sha256"] == stored["timeseries_sha256"], "the weekly time series changed"
