"""`python -m experiments whatif community=ruwaard policy=lump_sum,tendering`: an advocate's what-if in one command.
Two options of one setting (two policies, or two scenarios under the community's own arrangement) in one community
run as the `whatif` study through the study runner (parallel, resumable: the same command again finishes what an
interruption left), with at least 5 replicates (10 by default); then the analysis writes its tables, the difference
figure and a one-page brief (analysis/brief.py) in English or Dutch."""

import argparse
import sys
from pathlib import Path

from analysis.study import main as analyse
from sim.cautions import MIN_REPLICATES
from sim.validation import ConfigError

from .cautions import study_cautions, warn
from .design import REPLICATE, ROOT, check_design, make_design
from .runner import run_study

STUDY = "whatif"
REPLICATES = 10  # enough for paired intervals that tell a difference of a few per cent of a payer's cost (a default)


def design_of(args: argparse.Namespace):
    """The whatif study with the comparison asked for: one setting with two values, all else fixed. A comparison of
    scenarios (or of any other setting) runs under the community's own arrangement unless a policy is given."""
    overrides = [*args.overrides, f"run.replicate=range(0,{args.replicates})"]
    overrides += [f"run.years={args.years:g}"] if args.years is not None else []
    design = make_design(STUDY, overrides, explain=args.explain)
    given = {o.split("=", 1)[0].lstrip("+~") for o in args.overrides}
    compared = [key for key, values in design.sweeps.items() if key != REPLICATE and len(values) > 1]
    if "policy" in compared and "policy" not in given and len(compared) > 1:
        design.sweeps["policy"] = ["status_quo"]  # the study's own policy pair gives way to the comparison asked for
        compared.remove("policy")
    if len(compared) != 1 or len(design.sweeps[compared[0]]) != 2:
        raise ConfigError("a what-if compares two options of one setting, e.g. policy=lump_sum,tendering or "
                          f"scenario=baseline,funding_cut (got: {', '.join(compared) or 'none'})")
    return design, compared[0]


def folder(args: argparse.Namespace, design, key: str, community: str) -> Path:
    """outputs/whatif/<community>/<key>-<a>-vs-<b> unless --out says otherwise."""
    a, b = design.sweeps[key]
    return (args.out or ROOT / "outputs" / "whatif" / community / f"{key}-{a}-vs-{b}").resolve()


def whatif(args: argparse.Namespace) -> int:
    """Check, run what is missing, analyse; exit 2 for a bad comparison, 1 if runs failed (run the command again)."""
    if args.replicates < MIN_REPLICATES:
        print(f"Invalid what-if: --replicates {args.replicates}; a comparison needs at least {MIN_REPLICATES}",
              file=sys.stderr)
        return 2
    try:
        design, key = design_of(args)
        points = check_design(design)
    except ConfigError as err:
        print(f"Invalid what-if: {err}", file=sys.stderr)
        return 2
    warn(study_cautions(design, points))
    out = folder(args, design, key, points[0][1].community.name)
    if args.dry_run:
        print(f"What-if {key}: {' vs '.join(design.sweeps[key])}; {design.describe()}\nOutput: {out}")
        return 0
    code = run_study(design, out, args.jobs, launcher=args.launcher)
    if code:
        return code
    code = analyse([str(out), "--lang", args.lang, "--reference", design.sweeps[key][0]])
    langs = ("en", "nl") if args.lang == "both" else (args.lang,)
    for lang in langs:
        print(f"Figure: {out / 'analysis' / f'whatif_{lang}.png'}\nBrief:  {out / 'analysis' / f'brief_{lang}.html'}")
    return code
