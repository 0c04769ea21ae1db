"""A study over sampled parameters, analysed for what it is: a sensitivity sample (`problem.yaml`) gives sensitivity
indices (analysis/sensitivity.py) and, when it ran tendering and the lump-sum budget, the PRIM box
(analysis/scenario_discovery.py); a study over draws from the not-implausible set (`study.design_row` swept) gives
the main table with both kinds of uncertainty, beside the same study at today's defaults (`noise`). Called by
`python -m analysis` and, after its runs, by `python -m experiments sensitivity`."""

import sys
from pathlib import Path

import yaml

from results.columns import ROW
from results.files import STUDY

from . import uncertainty
from .load import sweep_values
from .scenario_discovery import discover
from .sensitivity import analyse


def sampled(study: Path, noise: Path | None) -> int:
    """A study over sampled parameters: sensitivity indices (and the PRIM box), or both kinds of uncertainty."""
    if (study / STUDY.problem).exists():
        method = yaml.safe_load((study / STUDY.problem).read_text())["method"]
        written = analyse(study) if method != "lhs" else []
        if {"tendering", "lump_sum"} <= set(sweep_values(study).get("policy", [])):
            written += discover(study)
    elif noise is None:
        print(f"{study} runs over sampled parameters ({ROW}); give --noise DIR, the same study at today's "
              "defaults, for the table with both kinds of uncertainty", file=sys.stderr)
        return 2
    else:
        written = uncertainty.write(study, noise)
        if {"tendering", "lump_sum"} <= set(sweep_values(study).get("policy", [])):
            written += discover(study)  # when does tendering cost more than the lump sum, over the same draws
    print("Written:\n  " + "\n  ".join(str(p) for p in written))
    return 0
