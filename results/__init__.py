"""Results: the on-disk contract the model, the study runner and the analysis share.

The files of a run and of a study and their names (files.py), the column names every table keys by (columns.py),
atomic writing (atomic.py), reading a finished run back (runs.py) and the study's Parquet dataset (dataset.py).
The model writes through it, the runner and the analysis read through it. It imports nothing from the model, so
reading results never loads Mesa (tests/test_results.py checks this in a fresh interpreter).
"""
