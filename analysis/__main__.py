"""`python -m analysis <study folder> [--lang en|nl|both] [--reference OPTION] [--noise DIR]`: the command line of
the study analysis, which is plain functions in analysis/study.py (the runner, the what-if and the tests call them
without this entry point)."""

import sys

from .study import main

if __name__ == "__main__":
    sys.exit(main())
