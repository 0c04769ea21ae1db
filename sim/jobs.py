"""One job of a study sweep: skip a run that already finished, record a failing run instead of stopping the study.

A run folder with `summary.json` is finished (run.py writes it last). A run that raises leaves `FAILED.json`
(its overrides, the error and the traceback), written atomically, so the other runs go on and a re-run retries it.
A job starts by removing the temporary files an earlier, killed attempt left in its folder. When not even
FAILED.json can be written (a full disk), the job logs why and the study runner counts the run as missing.
"""

import json
import logging
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from results.atomic import remove_temporary, write_text
from results.columns import CODE_VERSION
from results.files import FILES

from .params import Config
from .run import WarmUps, code_version, run_and_write

log = logging.getLogger(__name__)


def run_job(make_config: Callable[[], Config], out_dir: Path, overrides: list[str],
            warm_ups: WarmUps | None = None) -> dict | None:
    """Run into `out_dir` unless it already holds a finished run; return the summary, or None if skipped or failed.
    `warm_ups`: where a chunk keeps its last warm-up for the next run that shares it."""
    out_dir = Path(out_dir)
    if (out_dir / FILES.summary).exists():
        log.info("already finished, skipped: %s", out_dir)
        return None
    for stale in remove_temporary(out_dir):
        log.info("removed %s, left by an interrupted attempt", stale.name)
    try:
        summary = run_and_write(make_config(), out_dir, warm_ups)
    except Exception as err:  # one bad run must not discard the study; the record says which and why
        try:
            record_failure(out_dir, overrides, err)
        except OSError as also:
            log.error("run failed (%s: %s) and its failure was not recorded: %s", type(err).__name__, err, also)
            return None
        log.error("run failed (%s: %s); details in %s", type(err).__name__, err, out_dir / FILES.failed)
        return None
    (out_dir / FILES.failed).unlink(missing_ok=True)  # an earlier attempt's failure no longer holds
    log.info("finished: %s", out_dir)
    return summary


def record_failure(out_dir: Path, overrides: list[str], err: BaseException) -> None:
    """Write FAILED.json: which run (overrides, folder), why (error, message, traceback), when, with which code."""
    record = {
        "overrides": list(overrides), "run_dir": str(out_dir), "error": type(err).__name__, "message": str(err),
        "traceback": "".join(traceback.format_exception(err)), "time": datetime.now(timezone.utc).isoformat(),
        CODE_VERSION: code_version(),
    }
    write_text(Path(out_dir) / FILES.failed, json.dumps(record, indent=2) + "\n")
