"""The column names the runs table, the time series and the dataset key by: each declared once."""

RUN_ID = "run_id"  # a run's folder relative to its study: the key of every table of a study
REPLICATE = "run.replicate"  # common random numbers: replicate r draws the same streams at every point
ROW = "study.design_row"  # the row of a design table (sensitivity, search, history matching, draws)
POLICY = "policy.name"  # the funding arrangement a run simulates
OFF = "policy.off"  # the policy's mechanisms switched off in a run (the explained differences)
CODE_VERSION = "code_version"  # the package version and git commit a run was made with (summary.json, FAILED.json)
SECONDS = "run_seconds"  # wall time of a run in its job: how chunks are sized; a dataset column, not a runs column
