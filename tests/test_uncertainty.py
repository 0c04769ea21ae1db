"""The main table with parameter uncertainty (analysis/uncertainty.py): a difference is claimed only when it
survives both the noise between replicates and the spread over draws of the assumptions."""

import numpy as np
import pandas as pd

from analysis.uncertainty import both, title, uncertainty_md
from sim.schema import HEADLINE


def runs(draws: int, replicates: int, effect) -> pd.DataFrame:
    """A runs table: subsidy, tendering (always dearer) and lump_sum (dearer or cheaper, by draw)."""
    rng = np.random.default_rng(7)
    rows = []
    for d in range(draws):
        for r in range(replicates):
            base = {o: 100.0 + rng.normal(0, 1) for o in HEADLINE}
            for policy in ("subsidy", "tendering", "lump_sum"):
                shift = effect(policy, d) + rng.normal(0, 0.1)
                rows.append({"study.design_row": d, "run.replicate": r, "policy.name": policy,
                             "community.status_quo_policy": "subsidy", **{o: v + shift for o, v in base.items()}})
    return pd.DataFrame(rows)


def effect(policy: str, draw: int) -> float:
    return {"subsidy": 0.0, "tendering": 5.0, "lump_sum": 2.0 if draw % 2 else -2.0}[policy]


def test_only_differences_that_survive_both_are_claimed():
    noise = runs(1, 10, lambda p, d: effect(p, 1))  # at today's defaults the lump sum looks dearer, clearly
    result = both(noise, runs(12, 2, effect)).set_index(["policy", "outcome"])
    cost = "cost_public_eur_per_year"
    assert result.loc[("tendering", cost), "survives"]
    lump = result.loc[("lump_sum", cost)]
    assert lump["ci_low"] > 0 and not lump["survives"]  # noise alone would have claimed it
    assert lump["draw_low"] < 0 < lump["draw_high"] and lump["same_sign"] == 0.5
    frame = result.reset_index()
    assert "tendering" in title(frame, "en") and "lump-sum" not in title(frame, "en")
    assert "✓" in uncertainty_md(frame, "nl")
    assert title(frame, "en").count("tendering") == 1  # one clause per option: its outcomes named together
    assert "tendering: public cost, care needed but not given and nursing-home admissions higher" in title(frame, "en")


def test_runs_with_a_mechanism_switched_off_do_not_enter_the_noise():
    """The main study run with --explain holds each policy also with one mechanism off, on the same replicates."""
    noise = runs(1, 10, lambda p, d: effect(p, 1)).assign(**{"policy.off": "[]"})
    knocked = noise[noise["policy.name"] == "tendering"].assign(**{"policy.off": "[procurement]"})
    knocked[list(HEADLINE)] -= 5.0
    plain = both(noise, runs(12, 2, effect)).set_index(["policy", "outcome"])
    mixed = both(pd.concat([noise, knocked]), runs(12, 2, effect)).set_index(["policy", "outcome"])
    pd.testing.assert_frame_equal(plain, mixed)


def test_a_draw_some_option_did_not_finish_is_left_out():
    """A stopped study keeps its finished runs: a draw without its tendering run pairs with nothing, so it must not
    count as a draw where tendering is not dearer, nor turn the range into NaN."""
    draws = runs(12, 1, effect)
    unfinished = draws.drop(draws.index[(draws["study.design_row"] >= 9) & (draws["policy.name"] == "tendering")])
    result = both(runs(1, 10, lambda p, d: effect(p, 1)), unfinished).set_index(["policy", "outcome"])
    tendering = result.loc[("tendering", "cost_public_eur_per_year")]
    assert tendering["draws"] == 9 and tendering["same_sign"] == 1.0 and tendering["draw_low"] > 0
    assert result.loc[("lump_sum", "cost_public_eur_per_year"), "draws"] == 9


def test_the_forest_reads_shares_as_percent():
    """A share's panel is labelled "% of care hours": its ticks must read 2%, not 0.02."""
    from analysis.uncertainty import forest

    result = both(runs(1, 10, lambda p, d: effect(p, 1) / 100), runs(12, 2, lambda p, d: effect(p, d) / 100))
    fig = forest(result, "note", "en")
    fig.canvas.draw()
    panel = fig.axes[list(HEADLINE).index("unmet_share")]
    labels = [t.get_text() for t in panel.get_xticklabels() if t.get_text()]
    assert labels and all(text.endswith("%") for text in labels), labels


def test_the_figure_note_says_what_the_draws_varied():
    """Draws of the behavioural sets alone must not be described as varying the register of policy assumptions."""
    from analysis.uncertainty import figure_note

    noise = runs(1, 10, lambda p, d: effect(p, 1)).assign(**{"community.name": "austerlitz", "run.years": 10})
    behaviour = runs(12, 1, effect).assign(**{"carers.strain_per_year": lambda f: 1 + f["study.design_row"] / 10,
                                              "policy.lump_sum_extra_activity": 0.5})
    with_register = behaviour.assign(**{"policy.lump_sum_extra_activity": lambda f: f["study.design_row"] / 24})
    assert "policy assumptions at their defaults; 1 replicate each" in figure_note(noise, behaviour, "en")
    assert "and the register of policy assumptions; 1 replicate each" in figure_note(noise, with_register, "en")
    assert "1 herhaling elk" in figure_note(noise, behaviour, "nl")
