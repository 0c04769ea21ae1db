"""Command-line option types shared by the subcommands: errors on one line with exit code 2, like bad config keys."""

import argparse
import math
import sys

from sim.validation import ConfigError

from .design import check_design


class Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (the usage is one --help away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def whole(least: int):
    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is not allowed; it must be a whole number >= {least}")
        return value
    return check


def years(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not allowed; it must be a number of years > 0")
    return value


def checked(design):
    """The design, once every point of it is checked: a bad one stops everything with exit code 2 and one line."""
    try:
        check_design(design)
    except ConfigError as err:
        print(f"Invalid study: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    return design
