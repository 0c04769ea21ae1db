"""Named studies: one self-describing Hydra config per study (see README.md) and the runner that runs them."""
