import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests import their helpers module

from helpers import SHARED_RUNS  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def shared_runs(tmp_path_factory):
    """With pytest-xdist, the workers of this session share their runs (helpers.run) through a folder of the
    session's own (the parent of the workers' temporary folders), so no two workers make the same run."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield
        return
    folder = tmp_path_factory.getbasetemp().parent / "shared-runs"
    folder.mkdir(exist_ok=True)
    os.environ[SHARED_RUNS] = str(folder)
    yield
    os.environ.pop(SHARED_RUNS, None)
