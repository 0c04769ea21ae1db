"""History matching of assumption parameters to the calibration targets (Vernon, Goldstein & Bower 2010; for
individual-based models Andrianakis et al. 2015): a Gaussian-process emulator per target, fitted on a designed
batch of runs, predicts the model's mean and its uncertainty anywhere in the parameter box; a point is
implausible when some target's implausibility |emulated - reference| / sqrt(emulator var + tolerance var) exceeds
3 (Pukelsheim's three-sigma rule) for more than one target: with 28 targets the largest implausibility is often
one target the model cannot reach with these parameters (a structural miss, such as the share of heavily burdened
carers), and one emulator's misfit would rule out the whole box, so a point is judged by its second-largest
implausibility (Vernon, Goldstein & Bower 2010). What is left is the not-implausible set; draws from it carry the
parameter uncertainty into the studies. The tolerance reads each target's band as two standard deviations either side of
the reference: what we know of the real value and of the model's distance from reality (its discrepancy)."""

import warnings

import numpy as np
import pandas as pd
from scipy.stats import qmc
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel
from threadpoolctl import threadpool_limits

from .labels import pick
from .style import figure, finish

CUTOFF = 3.0  # implausibility beyond which a point is ruled out (three-sigma rule: >= 95% for any unimodal law)
ORDER = 2  # ... judged on the second-largest implausibility over the targets (Vernon et al. 2010)
MANY = 10  # ... when there are at least this many targets; with fewer, on the largest
CANDIDATES = 20_000  # Latin-hypercube points the emulators judge (cheap: the emulator, not the model)
SEED = 20260302
DRAW_SEEDS = 1000  # draw d runs with run.seed = DRAW_SEEDS + d (the main study runs with the default seed)
WORDS = {
    "title": ("Not implausible: {share} of the parameter box is left", "Niet onwaarschijnlijk: {share} van de "
              "parameterruimte blijft over"),
    "note": ("Grey: the declared range; bars: 5-95% of the not-implausible set, dot its median; cross: today's "
             "default. Emulators fitted on {rows} rows x {seeds} seed(s), {years} years; cut-off {cutoff} on the "
             "second-largest implausibility.",
             "Grijs: het opgegeven bereik; balk: 5-95% van de niet-onwaarschijnlijke set, punt de mediaan; kruis: "
             "de huidige standaardwaarde. Emulatoren op {rows} rijen x {seeds} seed(s), {years} jaar; grens {cutoff} "
             "op de op één na grootste onwaarschijnlijkheid."),
}


def by_row(targets: pd.DataFrame, surveys: dict[str, pd.DataFrame], row: str) -> pd.DataFrame:
    """Design rows x target ids: the target's measure averaged over the row's seeds, under the row's arrangement."""
    columns = {t.id: surveys[t.policy].groupby(row)[t.measure].mean() for t in targets.itertuples()}
    return pd.DataFrame(columns).sort_index()


def unit(points: pd.DataFrame, ranges: dict[str, tuple[float, float]]) -> np.ndarray:
    """Points scaled to the unit box of the declared ranges (the emulators' inputs)."""
    low, high = (np.array(v, dtype=float) for v in zip(*(ranges[c] for c in points.columns)))
    return (points.to_numpy(dtype=float) - low) / (high - low)


def emulator(x: np.ndarray, y: np.ndarray) -> GaussianProcessRegressor:
    """A GP with one length scale per parameter and a nugget: the nugget takes the seed-to-seed noise and what the
    parameters left out of the match do."""
    kernel = ConstantKernel(1.0, (1e-3, 1e3)) * RBF(np.ones(x.shape[1]), (0.05, 50.0)) + WhiteKernel(0.1, (1e-6, 1.0))
    with warnings.catch_warnings():  # a length scale at its bound is a finding (the parameter does not act)
        warnings.simplefilter("ignore", ConvergenceWarning)
        return GaussianProcessRegressor(kernel, normalize_y=True, n_restarts_optimizer=1, random_state=SEED).fit(x, y)


def implausibility(targets: pd.DataFrame, fitted: dict, x: np.ndarray) -> pd.DataFrame:
    """Points x target ids: |emulated mean - reference| / sqrt(emulator variance + tolerance variance)."""
    columns = {}
    for t in targets.itertuples():
        mean, sd = fitted[t.id].predict(x, return_std=True)
        tolerance = (t.high - t.low) / 4
        columns[t.id] = np.abs(mean - t.reference) / np.sqrt(sd**2 + tolerance**2)
    return pd.DataFrame(columns)


def candidates(ranges: dict[str, tuple[float, float]], n: int = CANDIDATES) -> pd.DataFrame:
    low, high = zip(*ranges.values())
    points = qmc.scale(qmc.LatinHypercube(d=len(ranges), seed=SEED).random(n), low, high)
    return pd.DataFrame(points, columns=list(ranges))


def match(design: pd.DataFrame, outputs: pd.DataFrame, targets: pd.DataFrame,
          ranges: dict[str, tuple[float, float]], defaults: dict[str, float]) -> dict:
    """Fit the emulators, judge the candidates and today's defaults; the not-implausible set and the diagnostics.
    One BLAS thread: the matrices are a few dozen rows, and threads only fight over the cores (4x slower)."""
    with threadpool_limits(limits=1):
        return _match(design, outputs, targets, ranges, defaults)


def _match(design, outputs, targets, ranges, defaults) -> dict:
    x = unit(design, ranges)
    fitted = {t: emulator(x, outputs[t].to_numpy(dtype=float)) for t in targets["id"]}
    pool = candidates(ranges)
    each = implausibility(targets, fitted, unit(pool, ranges))
    judged = ordered(each)
    keep = judged < CUTOFF
    today = implausibility(targets, fitted, unit(pd.DataFrame([defaults])[list(ranges)], ranges))
    return {"set": pool[keep].assign(implausibility=judged[keep]).reset_index(drop=True),
            "share": float(keep.mean()), "defaults": today.iloc[0], "defaults_judged": float(ordered(today).iloc[0]),
            "by_target": (each < CUTOFF).mean(), "fit": {t: float(g.score(x, outputs[t])) for t, g in fitted.items()}}


def ordered(each: pd.DataFrame) -> pd.Series:
    """Each point's ORDER-th largest implausibility over the targets (the largest when they are few): what it is
    judged by."""
    rank = ORDER if each.shape[1] >= MANY else 1
    return pd.Series(-np.sort(-each.to_numpy(), axis=1)[:, rank - 1], index=each.index)


def draws(kept: pd.DataFrame, n: int) -> pd.DataFrame:
    """`n` points drawn evenly from the not-implausible set (a uniform prior restricted to it), as a design table.
    Each draw carries its own `run.seed`, so the draws differ in their luck as well as their parameters (their
    spread is parameter uncertainty and noise); the policies run within a draw share it and stay paired."""
    if len(kept) < n:
        raise SystemExit(f"only {len(kept)} not-implausible points; lower --draws or widen the ranges")
    table = kept.drop(columns="implausibility").sample(n=n, random_state=SEED).reset_index(drop=True)
    return table.assign(**{"run.seed": DRAW_SEEDS + table.index})


def ranges_figure(kept: pd.DataFrame, ranges: dict, defaults: dict, share: float, note: str, lang: str):
    """Each parameter's declared range against its not-implausible 5-95% range and median, and today's default."""
    fig, axes = figure(1, 1)
    ax = axes[0, 0]
    for i, (name, (low, high)) in enumerate(ranges.items()):
        scaled = (kept[name] - low) / (high - low)
        ax.barh(i, 1, color="#dddddd")
        q05, q50, q95 = scaled.quantile([0.05, 0.5, 0.95])
        ax.plot([q05, q95], [i, i], lw=8, color="#0072B2", solid_capstyle="butt")
        ax.plot(q50, i, "o", color="white", mec="#0072B2")
        ax.plot((defaults[name] - low) / (high - low), i, "x", color="#D55E00", ms=10, mew=2)
    ax.set_yticks(range(len(ranges)), [f"{n} [{lo:g}, {hi:g}]" for n, (lo, hi) in ranges.items()], fontsize=9)
    ax.set_xlim(0, 1)
    share_text = f"{100 * share:.1f}%".replace(".", "," if lang == "nl" else ".")
    finish(fig, pick(WORDS["title"], lang).format(share=share_text), note, bottom=0.12)
    return fig
