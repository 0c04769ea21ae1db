"""Command-line option types shared by the subcommands: errors on one line with exit code 2, like bad config keys."""

import argparse
import math
import sys

from sim.validation import ConfigError

from .cautions import study_cautions, warn
from .design import check_design


class Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (the usage is one --help away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def checked_number(convert, what: str, allowed, rule: str):
    """An argparse type: `convert` the text (else '<text> is not <what>'), then `allowed` or '... must be <rule>'."""
    def check(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not allowed(value):
            raise argparse.ArgumentTypeError(f"{text} is not allowed; it must be {rule}")
        return value
    return check


def whole(least: int):
    return checked_number(int, "a whole number", lambda v: v >= least, f"a whole number >= {least}")


def positive(unit: str):
    """A finite number > 0 of `unit` (years, minutes)."""
    return checked_number(float, "a number", lambda v: math.isfinite(v) and v > 0, f"a number of {unit} > 0")


years = positive("years")
minutes = positive("minutes")


def chunks(text: str) -> int | str:
    """A chunk size: a whole number >= 1, or 'auto'."""
    if text == "auto":
        return text
    try:
        return whole(1)(text)
    except argparse.ArgumentTypeError as err:
        raise argparse.ArgumentTypeError(f"{err}, or 'auto'") from None


def checked(design):
    """The design, once every point of it is checked: a bad one stops everything with exit code 2 and one line."""
    try:
        warn(study_cautions(design, check_design(design)))
    except ConfigError as err:
        print(f"Invalid study: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    return design
