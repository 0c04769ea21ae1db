"""History matching in waves (analysis/history_matching.py) on a model whose answer is known, with seed noise: the
waves must keep the true parameters, shrink the region, sample each wave inside what the earlier ones left, take the
emulators' nugget from the seeds, and leave an emulator that fails its leave-one-out check out of the cut."""

import numpy as np
import pandas as pd
import pytest
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel

from analysis import history_matching as hm
from experiments.search import design_table

RANGES = {"carers.tie_hours": (2.0, 10.0), "help.ask_per_year": (2.0, 10.0)}
TRUE = {"carers.tie_hours": 7.0, "help.ask_per_year": 3.6}
NOISE, SEEDS = 0.004, 3
SEARCH = {"candidates": 2000, "batches": 10, "pool": 1000}  # the region searched with fewer emulator calls


def model(points: pd.DataFrame, seed: int = 0, noise: float = NOISE) -> pd.DataFrame:
    """Two smooth 'targets' of two parameters and one with a tipping point (a step at tie_hours 6.3), with seed
    noise."""
    rng = np.random.default_rng(seed)
    a, b = points["carers.tie_hours"].to_numpy(), points["help.ask_per_year"].to_numpy()
    return pd.DataFrame({"t1": 0.02 * a + 0.01 * b, "t2": 0.05 * np.log(b) - 0.005 * a,
                         "tipping": np.where(a > 6.3, 0.3, 0.0)}) + rng.normal(0, noise, (len(a), 3))


def targets(ids=("t1", "t2")) -> pd.DataFrame:
    truth = model(pd.DataFrame([TRUE]), noise=0).iloc[0]
    return pd.DataFrame([{"id": t, "measure": t, "policy": "status_quo", "reference": truth[t], "low": truth[t] - 0.01,
                          "high": truth[t] + 0.01} for t in ids])


def seeded(table: pd.DataFrame, wave: int, ids=("t1", "t2")) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every row of a design on SEEDS seeds, as the runner's surveys would give them: means and their noise."""
    runs = pd.concat([model(table, seed=100 * wave + s).assign(row=table.index) for s in range(SEEDS)])
    return hm.replicates(targets(ids), {"status_quo": runs}, "row")


@pytest.fixture(scope="module")
def waves():
    designs = []

    def run_wave(k, table):
        designs.append(table)
        return (*seeded(table, k), 0)

    return hm.run_waves(design_table(list(RANGES), 10), run_wave, targets(), RANGES, waves=3, **SEARCH), designs


def test_waves_keep_the_truth_and_shrink_the_region(waves):
    result, _ = waves
    shares = [r["share"] for r in result["record"]]
    assert len(result["waves"]) == 3 and shares == sorted(shares, reverse=True) and shares[-1] < 0.8 * shares[0]
    assert 0.005 < shares[-1] < 0.2  # the targets rule out most of the box, not all of it
    assert all(j["standing"] for j in hm.judge_point(result["waves"], targets(), pd.DataFrame([TRUE]), RANGES))
    corner = pd.DataFrame([{"carers.tie_hours": 2.0, "help.ask_per_year": 10.0}])
    assert not hm.judge_point(result["waves"][:1], targets(), corner, RANGES)[0]["standing"]
    width = [np.ptp(s["carers.tie_hours"].quantile([0.05, 0.95])) for s in result["sets"]]
    assert width[-1] < width[0]


def test_each_wave_samples_inside_what_the_earlier_waves_left(waves):
    result, designs = waves
    for k in range(1, len(designs)):
        assert hm.standing(result["waves"][:k], targets(), hm.unit(designs[k], RANGES)).all()
    assert result["waves"][1].points > len(designs[1]) - 1  # later emulators also learn from earlier runs inside


def test_the_nugget_is_the_seed_variance_of_each_mean():
    design = design_table(list(RANGES), 20)
    means, noise = seeded(design, 1)
    assert ((noise["t1"] > 0.2 * NOISE**2 / SEEDS) & (noise["t1"] < 5 * NOISE**2 / SEEDS)).all()
    em = hm.emulator(hm.unit(design, RANGES), means["t1"].to_numpy(), noise["t1"].to_numpy())
    assert np.allclose(em.gp.alpha * em.scale**2, noise["t1"], rtol=1e-3)  # given, not fitted
    assert "WhiteKernel" not in str(em.gp.kernel_)
    same = pd.DataFrame({"row": [0, 0, 0, 1, 1, 1], "t1": [1.0, 1.0, 1.0, 1.0, 2.0, 3.0]})
    _, shrunk = hm.replicates(targets(("t1",)), {"status_quo": same}, "row")
    assert shrunk.loc[0, "t1"] > 0  # identical seeds by chance: the pooled variance keeps a nugget


def too_smooth(x: np.ndarray, y: np.ndarray, noise: np.ndarray) -> hm.Emulator:
    """A bad emulator: length scales fixed as long as the box, so it smooths over a tipping point it is sure of."""
    centre, scale = float(np.mean(y)), float(np.std(y))
    gp = GaussianProcessRegressor(ConstantKernel(1.0) * RBF([1.0, 1.0]), alpha=noise / scale**2, optimizer=None)
    return hm.Emulator(gp.fit(x, (y - centre) / scale), centre, scale)


def test_the_leave_one_out_check_flags_a_bad_emulator(monkeypatch):
    ids = ("t1", "t2", "tipping")
    design = design_table(list(RANGES), 40)
    means, noise = seeded(design, 1, ids)
    x = hm.unit(design, RANGES)
    assert {"t1", "t2"} <= set(hm.fit_wave(x, means, noise, targets(ids)).used)  # fitted emulators of smooth targets
    monkeypatch.setattr(hm, "emulator", too_smooth)
    bad = hm.fit_wave(x, means, noise, targets(ids))
    assert "tipping" not in bad.used and hm.loo_summary(bad.loo["tipping"])["chance"] < 1e-3  # left out of the cut
    good = np.random.default_rng(0).standard_normal(200)
    assert hm.loo_summary(good)["passed"] and not hm.loo_summary(2 * good)["passed"]  # errors twice what it claims


def test_draws_are_members_of_the_set_and_reproducible(waves):
    kept = waves[0]["sets"][-1]
    one, two = hm.draws(kept, 5), hm.draws(kept, 5)
    assert one.equals(two) and list(one.columns) == [*RANGES, "run.seed"]
    assert one["run.seed"].is_unique  # each draw its own luck; the policies within a draw share it
    assert one.merge(kept, on=list(RANGES)).shape[0] == 5


def test_with_many_targets_one_miss_is_tolerated_two_are_not():
    fine = [1.0] * hm.MANY
    each = pd.DataFrame([fine, [9.0, *fine[1:]], [9.0, 9.0, *fine[2:]]])
    assert (hm.ordered(each) < hm.CUTOFF).tolist() == [True, True, False]
    assert (hm.ordered(each.iloc[:, :2]) < hm.CUTOFF).tolist() == [True, False, False]  # few targets: every one counts
