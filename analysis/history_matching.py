"""History matching of assumption parameters to the fit targets, in successive waves (Vernon, Goldstein & Bower
2010; for stochastic individual-based models Andrianakis et al. 2015). Each wave runs a design of points, each on
several seeds; a Gaussian-process emulator per target predicts the model's mean over seeds, with its uncertainty,
anywhere in the parameter box. Its nugget is the variance of that mean between the seeds at each point, not a free
parameter: the emulator may not explain signal away as noise. A leave-one-out check (Bastos & O'Hagan 2009) keeps an
emulator that predicts its own design points badly (more errors beyond ±2 or ±3 than a good one would make) out of
the cut. A point is implausible when a target's
implausibility |emulated - reference| / sqrt(emulator variance + tolerance variance) exceeds 3 (Pukelsheim's
three-sigma rule) for more than one target when there are many: one emulator's misfit (or one structural miss)
would otherwise rule out the whole box. The tolerance reads each target's band as two standard deviations either
side of the reference: what we know of the real value and of the model's distance from reality.

Wave k+1 samples only inside what waves 1..k left standing (rejection sampling of Latin hypercubes over the box
through every earlier wave's emulators, filled up by jittering survivors when the region is small), and its
emulators are fitted on every run so far that lies inside that region: each wave looks closer at a smaller region.
What is left after the last wave is the not-implausible set; draws from it carry the parameter uncertainty into the
studies."""

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import cho_solve
from scipy.stats import binom, norm, qmc
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel
from threadpoolctl import threadpool_limits

from .labels import pick
from .style import OKABE_ITO, SEQUENCE, figure, finish

CUTOFF = 3.0  # implausibility beyond which a point is ruled out (three-sigma rule: >= 95% for any unimodal law)
ORDER = 2  # ... judged on the second-largest implausibility over the targets (Vernon et al. 2010)
MANY = 10  # ... when at least this many targets are used; with fewer, on the largest
LOO_LEVEL = 0.01  # an emulator fails when as many of its standardised leave-one-out errors lie beyond ±2, or ±3,
#  as a good one (Gaussian errors) would show with less than this probability (Bastos & O'Hagan 2009: about 95%
#  within ±2, hardly any beyond ±3)
POOLED_DF = 2  # the seed variance at a point is shrunk to the pooled one with the weight of one 3-seed point
JITTER = 1e-8  # added to every nugget (standardised units) so that a point with identical seeds stays solvable
CANDIDATES = 20_000  # Latin-hypercube points per batch the emulators judge (cheap: the emulator, not the model)
BATCHES = 50  # at most this many batches a wave's region is searched with before survivors are jittered
POOL = 5_000  # survivors enough to draw a design and the draws from
SPREAD = 0.05  # sd of the jitter, as a share of each range, when too few candidates survive
SEED = 20260302
DRAW_SEEDS = 1000  # draw d runs with run.seed = DRAW_SEEDS + d (the main study runs with the default seed)
WORDS = {
    "title": ("Not implausible after {waves} wave(s): {share} of the parameter box is left",
              "Niet onwaarschijnlijk na {waves} golf/golven: {share} van de parameterruimte blijft over"),
    "note": ("Grey: the declared range; bars: 5-95% of the not-implausible region after each wave (darker: later), "
             "dot its median; cross: today's default. {points} points x {seeds} seeds per wave, {years} years; "
             "cut-off {cutoff} on the second-largest implausibility over the fit targets.",
             "Grijs: het opgegeven bereik; balken: 5-95% van het niet-onwaarschijnlijke gebied na elke golf "
             "(donkerder: later), punt de mediaan; kruis: de huidige standaardwaarde. {points} punten x {seeds} "
             "seeds per golf, {years} jaar; grens {cutoff} op de op één na grootste onwaarschijnlijkheid over de "
             "fitdoelen."),
    "loo_title": ("Leave-one-out check of the emulators: how far each design point is from its prediction",
                  "Leave-one-out-controle van de emulatoren: hoe ver elk ontwerppunt van zijn voorspelling ligt"),
    "loo_axis": ("standardised leave-one-out error (model - emulator without the point) / sd",
                 "gestandaardiseerde leave-one-out-fout (model - emulator zonder het punt) / sd"),
    "loo_note": ("Each dot: one design point of a wave, left out of its target's emulator. An emulator rules out "
                 "points only when as many errors beyond ±2 and beyond ±3 are not improbable for a good one "
                 "(p >= {level}); hollow: left out of that wave's cut.",
                 "Elk punt: één ontwerppunt van een golf, weggelaten uit de emulator van zijn doel. Een emulator sluit "
                 "alleen punten uit als zoveel fouten buiten ±2 en buiten ±3 voor een goede niet onwaarschijnlijk zijn "
                 "(p >= {level}); open: niet gebruikt in die golf."),
    "wave": ("wave {k}", "golf {k}"),
}


@dataclass
class Emulator:
    """A GP on one target, fitted on standardised means (y - centre) / scale with the seed variance as nugget."""
    gp: GaussianProcessRegressor
    centre: float
    scale: float

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The emulated mean over seeds and its sd (the emulator's own uncertainty, no seed noise), in model units."""
        mean, sd = self.gp.predict(x, return_std=True)
        return self.centre + self.scale * mean, self.scale * sd


@dataclass
class Wave:
    """One wave: its emulators, their leave-one-out errors and which of them pass (only those rule points out)."""
    emulators: dict[str, Emulator]
    loo: dict[str, np.ndarray]
    used: list[str]
    points: int  # design points the emulators were fitted on

    def implausibility(self, targets: pd.DataFrame, x: np.ndarray) -> pd.DataFrame:
        """Points x the targets this wave uses."""
        return implausibility(targets[targets["id"].isin(self.used)], self.emulators, x)


def replicates(targets: pd.DataFrame, surveys: dict[str, pd.DataFrame], row: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Design rows x target ids: the mean over the row's seeds under the target's arrangement, and the variance of
    that mean (the nugget). Each row's seed variance is shrunk towards the variance pooled over rows (Bayes with
    POOLED_DF prior degrees of freedom): with 3 seeds one point's variance has 2 degrees of freedom and can be near
    zero by chance, which would make the emulator pass exactly through that point's noise."""
    means, noise, seeds = {}, {}, {}
    for t in targets.itertuples():
        groups = surveys[t.policy].groupby(row)[t.measure]
        seeds[t.id], var = groups.count(), groups.var(ddof=1).fillna(0)
        df = seeds[t.id] - 1
        pooled = float((df * var).sum() / max(df.sum(), 1))
        means[t.id] = groups.mean()
        noise[t.id] = (df * var + POOLED_DF * pooled) / (df + POOLED_DF) / seeds[t.id]
    means, noise, seeds = (pd.DataFrame(d).sort_index() for d in (means, noise, seeds))
    keep = (seeds >= 2).all(axis=1) & means.notna().all(axis=1)  # a row needs two seeds to show its noise
    return means[keep], noise[keep]


def unit(points: pd.DataFrame, ranges: dict[str, tuple[float, float]]) -> np.ndarray:
    """Points scaled to the unit box of the declared ranges (the emulators' inputs)."""
    low, high = (np.array(v, dtype=float) for v in zip(*(ranges[c] for c in points.columns)))
    return (points.to_numpy(dtype=float) - low) / (high - low)


def scaled(x: np.ndarray, ranges: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Unit-box points back in the parameters' own units."""
    low, high = (np.array(v, dtype=float) for v in zip(*ranges.values()))
    return pd.DataFrame(low + x * (high - low), columns=list(ranges))


def emulator(x: np.ndarray, y: np.ndarray, noise: np.ndarray) -> Emulator:
    """A GP with a constant mean, one length scale per parameter, and as nugget the variance of each point's mean
    over its seeds (`noise`, in model units): fitted are only the signal's size and length scales."""
    centre, scale = float(np.mean(y)), float(np.std(y)) or 1.0
    kernel = ConstantKernel(1.0, (1e-3, 1e3)) * RBF(np.ones(x.shape[1]), (0.05, 50.0))
    gp = GaussianProcessRegressor(kernel, alpha=np.asarray(noise, dtype=float) / scale**2 + JITTER,
                                  n_restarts_optimizer=1, random_state=SEED)
    with warnings.catch_warnings():  # a length scale at its bound is a finding (the parameter does not act)
        warnings.simplefilter("ignore", ConvergenceWarning)
        return Emulator(gp.fit(x, (y - centre) / scale), centre, scale)


def loo_errors(em: Emulator) -> np.ndarray:
    """Standardised leave-one-out errors at the design points, in closed form for the fitted hyperparameters
    (Rasmussen & Williams 2006, eq. 5.12): (y_i - mean without i) / sd without i, the sd including the point's
    nugget, since y_i is itself a mean over seeds."""
    inverse = cho_solve((em.gp.L_, True), np.eye(em.gp.L_.shape[0]))
    return em.gp.alpha_ / np.sqrt(np.diag(inverse))


def loo_summary(errors: np.ndarray) -> dict:
    """Shares of the errors within ±2 and ±3, and whether the emulator passes: it fails when the count beyond ±2 or
    beyond ±3 is one a good emulator would reach with probability below LOO_LEVEL (binomial, Gaussian tails)."""
    n, beyond = len(errors), {edge: int(np.sum(np.abs(errors) > edge)) for edge in (2, 3)}
    chance = min(binom.sf(beyond[edge] - 1, n, 2 * norm.sf(edge)) for edge in (2, 3))
    return {"within_2": 1 - beyond[2] / n, "within_3": 1 - beyond[3] / n, "chance": float(chance),
            "passed": bool(chance >= LOO_LEVEL)}


def fit_wave(x: np.ndarray, means: pd.DataFrame, noise: pd.DataFrame, targets: pd.DataFrame) -> Wave:
    """Emulators for every target on the runs `x` (unit box); those passing the leave-one-out check are used.
    One BLAS thread: the matrices are a few hundred rows, and threads only fight over the cores (4x slower)."""
    with threadpool_limits(limits=1):
        emulators = {t: emulator(x, means[t].to_numpy(float), noise[t].to_numpy(float)) for t in targets["id"]}
    loo = {t: loo_errors(em) for t, em in emulators.items()}
    used = [t for t in targets["id"] if loo_summary(loo[t])["passed"]]
    return Wave(emulators, loo, used, len(x))


def implausibility(targets: pd.DataFrame, emulators: dict[str, Emulator], x: np.ndarray) -> pd.DataFrame:
    """Points x target ids: |emulated mean - reference| / sqrt(emulator variance + tolerance variance)."""
    columns = {}
    with threadpool_limits(limits=1):
        for t in targets.itertuples():
            mean, sd = emulators[t.id].predict(x)
            tolerance = (t.high - t.low) / 4
            columns[t.id] = np.abs(mean - t.reference) / np.sqrt(sd**2 + tolerance**2)
    return pd.DataFrame(columns, index=range(len(x)))


def ordered(each: pd.DataFrame) -> pd.Series:
    """Each point's ORDER-th largest implausibility over the targets (the largest when they are few; 0 when a wave
    uses none): what it is judged by."""
    if each.shape[1] == 0:
        return pd.Series(0.0, index=each.index)
    rank = ORDER if each.shape[1] >= MANY else 1
    return pd.Series(-np.sort(-each.to_numpy(), axis=1)[:, rank - 1], index=each.index)


def standing(waves: list[Wave], targets: pd.DataFrame, x: np.ndarray) -> np.ndarray:
    """Whether each point is not implausible under every wave so far (each wave judges only what the earlier ones
    left standing: the cheap cascade)."""
    keep = np.ones(len(x), dtype=bool)
    for wave in waves:
        alive = np.flatnonzero(keep)
        if alive.size:
            keep[alive] = ordered(wave.implausibility(targets, x[alive])).to_numpy() < CUTOFF
    return keep


def region(waves: list[Wave], targets: pd.DataFrame, dims: int, seed: int, candidates: int = CANDIDATES,
           batches: int = BATCHES, pool: int = POOL) -> tuple[np.ndarray, float]:
    """Points (unit box) not implausible after `waves`, and the share of the box they stand for: Latin hypercubes
    over the whole box judged by the emulators until `pool` survive or `batches` are spent; when fewer survive,
    survivors jittered (sd SPREAD) and judged again fill the pool."""
    kept, tried = [], 0
    for b in range(batches):
        x = qmc.LatinHypercube(d=dims, seed=seed + b).random(candidates)
        kept.append(x[standing(waves, targets, x)])
        tried += candidates
        if sum(len(k) for k in kept) >= pool:
            break
    found = np.concatenate(kept)
    share = len(found) / tried
    rng = np.random.default_rng(seed)
    for _ in range(20):
        if len(found) == 0 or len(found) >= pool:
            break
        near = np.clip(found[rng.integers(len(found), size=pool)] + rng.normal(0, SPREAD, (pool, dims)), 0, 1)
        found = np.concatenate([found, near[standing(waves, targets, near)]])
    return found[:pool], share


def run_waves(first: pd.DataFrame, run_wave: Callable, targets: pd.DataFrame, ranges: dict[str, tuple[float, float]],
              waves: int, **search) -> dict:
    """Successive waves from the design `first`: `run_wave(k, table)` runs wave k's design table (parameters in
    their units) and returns (means, noise, exit code) by design row (see `replicates`). Wave k's emulators are
    fitted on every run so far inside the region waves 1..k-1 left; the next design is drawn from what wave k leaves.
    Stops early when a wave's runs failed (run again to finish them) or nothing is left standing."""
    done, record, data, sets = [], [], [], []
    table, pool, share = first, np.empty((0, len(ranges))), 1.0
    for k in range(1, waves + 1):
        means, noise, code = run_wave(k, table)
        if code:
            record.append({"wave": k, "stopped": "runs failed; run the same command again to finish them"})
            break
        data.append((unit(table.loc[means.index, list(ranges)], ranges), means, noise))
        x = np.concatenate([d[0] for d in data])
        inside = standing(done, targets, x)
        done.append(fit_wave(x[inside], pd.concat([d[1] for d in data])[inside],
                             pd.concat([d[2] for d in data])[inside], targets))
        pool, share = region(done, targets, len(ranges), SEED + 1000 * k, **search)
        sets.append(scaled(pool, ranges))
        record.append({"wave": k, "design_points": len(table), "share": share, "set_size": len(pool)})
        if len(pool) == 0:
            record[-1]["stopped"] = "nothing is left standing: the fit targets cannot all be met in this box"
            break
        picked = np.random.default_rng(SEED + k).choice(len(pool), size=min(len(table), len(pool)), replace=False)
        table = scaled(pool[np.sort(picked)], ranges)
    return {"waves": done, "record": record, "sets": sets, "share": share}


def judge_point(waves: list[Wave], targets: pd.DataFrame, point: pd.DataFrame,
                ranges: dict[str, tuple[float, float]]) -> list[dict]:
    """How one point (e.g. today's defaults) fares in each wave: its implausibility per used target, the value it is
    judged by, and whether it is still standing after that wave."""
    x = unit(point[list(ranges)], ranges)
    out = []
    for k, wave in enumerate(waves, start=1):
        each = wave.implausibility(targets, x)
        out.append({"judged": float(ordered(each).iloc[0]), "standing": bool(standing(waves[:k], targets, x)[0]),
                    "by_target": each.iloc[0].to_dict()})
    return out


def draws(kept: pd.DataFrame, n: int) -> pd.DataFrame:
    """`n` points drawn evenly from the not-implausible set (a uniform prior restricted to it), as a design table.
    Each draw carries its own `run.seed`, so the draws differ in their luck as well as their parameters (their
    spread is parameter uncertainty and noise); the policies run within a draw share it and stay paired."""
    if len(kept) < n:
        raise SystemExit(f"only {len(kept)} not-implausible points; lower --draws or widen the ranges")
    table = kept.sample(n=n, random_state=SEED).reset_index(drop=True)
    return table.assign(**{"run.seed": DRAW_SEEDS + table.index})


def ranges_figure(sets: list[pd.DataFrame], ranges: dict, defaults: dict, share: float, note: str, lang: str):
    """Each parameter's declared range against its not-implausible 5-95% range and median after each wave (later
    waves darker and lower), and today's default."""
    fig, axes = figure(1, 1)
    ax = axes[0, 0]
    shades = np.linspace(0.35, 1.0, len(sets))
    for i, (name, (low, high)) in enumerate(ranges.items()):
        ax.barh(i, 1, color="#dddddd")
        for k, kept in enumerate(sets):
            y = i + 0.3 - 0.6 * (k + 1) / (len(sets) + 1)
            q05, q50, q95 = ((kept[name] - low) / (high - low)).quantile([0.05, 0.5, 0.95])
            ax.plot([q05, q95], [y, y], lw=5, color=OKABE_ITO["blue"], alpha=shades[k], solid_capstyle="butt")
            ax.plot(q50, y, "o", color="white", mec=OKABE_ITO["blue"], ms=4)
        ax.plot((defaults[name] - low) / (high - low), i, "x", color=OKABE_ITO["vermillion"], ms=10, mew=2)
    ax.set_yticks(range(len(ranges)), [f"{n} [{lo:g}, {hi:g}]" for n, (lo, hi) in ranges.items()], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    share_text = f"{100 * share:.2g}%".replace(".", "," if lang == "nl" else ".")
    finish(fig, pick(WORDS["title"], lang).format(waves=len(sets), share=share_text), note, bottom=0.12)
    return fig


def loo_figure(waves: list[Wave], lang: str):
    """Each target's standardised leave-one-out errors in each wave, against ±2 and ±3."""
    fig, axes = figure(1, 1)
    ax = axes[0, 0]
    names = list(waves[0].loo)
    for k, wave in enumerate(waves):
        colour = SEQUENCE[k % len(SEQUENCE)]
        for i, target in enumerate(names):
            errors = wave.loo[target]
            y = i + 0.25 - 0.5 * (k + 1) / (len(waves) + 1) + np.zeros_like(errors)
            face = colour if target in wave.used else "none"
            ax.scatter(np.clip(errors, -6, 6), y, s=12, facecolors=face, edgecolors=colour,
                       label=pick(WORDS["wave"], lang).format(k=k + 1) if i == 0 else None)
    for edge, style in ((2, ":"), (3, "--")):
        for sign in (-1, 1):
            ax.axvline(sign * edge, color="#555555", lw=1, ls=style)
    ax.set_yticks(range(len(names)), names, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(-6.2, 6.2)
    ax.set_xlabel(pick(WORDS["loo_axis"], lang))
    ax.legend(loc="lower right", fontsize=9)
    finish(fig, pick(WORDS["loo_title"], lang), pick(WORDS["loo_note"], lang).format(level=LOO_LEVEL))
    return fig
