"""Findings only where the data support them: every sentence a title or table note states about a difference or a
ranking comes from intervals paired by replicate; otherwise it says there is no clear difference, and runs that do
not differ at all say the setting did not act. Rankings name every option they rank. (Hand-made tables: the
expected sentences can be worked out by hand.)"""

import re

import numpy as np
import pandas as pd

from analysis.build import with_cuts
from analysis.figures import who_gets_care
from analysis.findings import along_the_sweep, best_worst, clear_differences, note, wrong_pocket
from analysis.load import Factor
from analysis.markdown import summary_md
from results.columns import REPLICATE
from sim.schema import CARE

REPLICATES = 6
NOISE = np.array([-3.0, 2.0, -1.0, 3.0, -2.0, 1.0])  # replicate effects shared by every option (common random numbers)


def options(means: dict, outcome: str, jitter: dict | None = None) -> pd.DataFrame:
    """One row per option and replicate: mean + the replicate's shared effect + the option's own jitter."""
    rows = [{"point": point, REPLICATE: r, outcome: mean + NOISE[r] + (jitter or {}).get(point, np.zeros(6))[r]}
            for point, mean in means.items() for r in range(REPLICATES)]
    return pd.DataFrame(rows)


OWN = np.array([0.4, -0.4, 0.3, -0.3, 0.2, -0.2])  # an option's own noise: differences of 1 are not clear, 5 are


def test_a_ranking_names_every_option_and_those_inside_the_same_range():
    """Four options leave about the same care unmet and a fifth lies inside that range: all five are named, the
    sixth is clearly higher. (The title once said '4 options leave the least care' without naming them.)"""
    means = {"lump-sum": 0.200, "subsidy": 0.201, "grant": 0.2005, "pooled": 0.2012, "tendering": 0.2015,
             "none": 0.30}
    table = options(means, "unmet_share", {p: np.roll(OWN, i) * 0.01 for i, p in enumerate(means)})
    title = best_worst(table, "unmet_share", "en")
    assert title.startswith("Least care left unmet under lump-sum (20.0%), with ")
    for name in ("grant", "subsidy", "pooled", "tendering"):
        assert name in title.split("inside the same range")[0]
    assert "clearly more under none (up to 30.0% under none)" in title
    assert "4 options" not in title


def test_overlapping_intervals_claim_no_cheapest_option():
    """'Lowest total cost at 40% cut (EUR 924,000), highest at 20% cut (EUR 929,000)' with intervals of about
    +-80,000: the paired intervals do not support a cheapest option, so the title must not name one."""
    table = options({"40% cut": 924_000.0, "20% cut": 929_000.0, "0% cut": 926_000.0}, "cost_total_eur_per_year",
                    {"40% cut": OWN * 20_000, "20% cut": -OWN * 20_000})
    for lang, words in (("en", "No clear difference in total cost between"), ("nl", "Geen duidelijk verschil")):
        no_diffs = pd.DataFrame(columns=["point", "payer", "mean", "ci_low", "ci_high"])
        title = wrong_pocket(no_diffs, table, "0% cut", lang)
        assert title.startswith(words) and "lowest" not in title.lower(), title
        assert all(point in title for point in ("40% cut", "20% cut", "0% cut"))


def test_a_clear_cheapest_option_is_named_with_its_interval_backing():
    table = options({"a": 900_000.0, "b": 950_000.0}, "cost_total_eur_per_year", {"a": OWN * 1000})
    title = wrong_pocket(pd.DataFrame(columns=["point", "payer", "mean", "ci_low", "ci_high"]), table, "a", "en")
    assert title == "Total cost: lowest under a (EUR 900,000 per year); clearly higher under b (up to EUR 950,000 " \
                    "under b)"


def sweep(values: dict, lines=("subsidy", "tendering")) -> pd.DataFrame:
    """Runs along a swept x: values[x] per replicate (the same for every line)."""
    rows = [{"x": x, "line": line, REPLICATE: r, "unmet_share": float(v[r])} for x, v in values.items()
            for line in lines for r in range(REPLICATES)]
    return pd.DataFrame(rows)


LABELS = {0.0: "0% cut", 0.2: "20% cut", 0.4: "40% cut"}


def test_a_setting_that_never_acted_is_not_read_as_no_effect():
    """A cut that falls after the end of the run leaves every run as it was: the title says the setting did not
    act (it once said 'hardly depends on the cut')."""
    base = 0.229 + NOISE / 100
    title = along_the_sweep(sweep({0.0: base, 0.2: base, 0.4: base}), "unmet_share", LABELS, "Cut in the Wmo budget",
                            "en")
    assert title == "Care needed but not given is the same at every value of cut in the Wmo budget (22.9%): the " \
                    "setting did not change these runs"
    assert "hardly" not in title


def test_a_change_within_the_noise_is_no_clear_difference_and_a_clear_one_is_claimed():
    base = 0.229 + NOISE / 100
    unclear = along_the_sweep(sweep({0.0: base, 0.2: base + OWN / 100, 0.4: base + OWN / 50}), "unmet_share", LABELS,
                       "Cut in the Wmo budget", "en")
    assert unclear.startswith("No clear difference in care needed but not given between 0% cut and 40% cut")
    rising = along_the_sweep(sweep({0.0: base, 0.2: base + 0.01, 0.4: base + 0.02 + OWN / 1000}), "unmet_share", LABELS,
                      "Cut in the Wmo budget", "nl")
    assert rising.startswith("Zorgvraag niet geholpen stijgt van 22,9% bij 0% cut naar 24,9%")


def test_table_notes_claim_only_differences_whose_interval_excludes_zero():
    diffs = pd.DataFrame({"point": ["tendering"] * 3 + ["grant"] * 3,
                          "outcome": ["cost_wmo_eur_per_year", "unmet_share", "volunteers_active_end"] * 2,
                          "mean": [6000.0, 0.004, -3.0, 0.0, 0.0, 0.0], "ci_low": [2000.0, -0.001, -5.0, 0, 0, 0],
                          "ci_high": [10000.0, 0.009, -1.0, 0, 0, 0]})
    outcomes = ["cost_wmo_eur_per_year", "unmet_share", "volunteers_active_end"]
    tendering, grant = clear_differences(diffs, outcomes, "subsidy", "en")
    assert tendering == ("tendering vs subsidy: municipality (Wmo) higher (+EUR 2,000 to +EUR 10,000 per year); "
                         "active volunteers at the end lower (-5 to -1 people, in the last week); no clear difference "
                         "in care needed but not given")
    assert grant.startswith("grant vs subsidy: the same in every outcome shown")


def test_a_clear_difference_smaller_than_its_outcomes_own_decimals_is_printed_off_zero():
    """The main study said 'relational continuity lower (-0.00 to -0.00)': a claim its own numbers hid."""
    diffs = pd.DataFrame({"point": ["lump sum"] * 2, "outcome": ["relational_continuity", "n_hidden_need"],
                          "mean": [-0.0021, -0.11], "ci_low": [-0.0034, -0.19], "ci_high": [-0.0008, -0.03]})
    (text,) = clear_differences(diffs, ["relational_continuity", "n_hidden_need"], "subsidy", "en")
    assert "relational continuity lower (-0.0034 to -0.0008)" in text, text
    assert "hidden need lower (-0.19 to -0.03 people" in text, text


def test_too_few_replicates_are_said_in_notes_and_tables():
    """Two replicates gave intervals such as 926 +- 1,233 with no warning."""
    assert note(12, 6, "2", "Austerlitz.", "en").startswith("Only 2 replicates each: their 95% intervals are wide")
    assert note(12, 6, "2-3", "Austerlitz.", "nl").startswith("Maar 2 herhalingen elk")
    assert not note(60, 6, "10", "Austerlitz.", "en").startswith("Only")
    summary = pd.DataFrame({"policy.name": ["subsidy", "tendering"], "outcome": "cost_public_eur_per_year", "n": 2,
                            "mean": [926_000.0, 931_000.0], "ci_low": [-307_000.0, 800_000.0],
                            "ci_high": [2_159_000.0, 1_062_000.0]})
    text = summary_md(summary, [Factor("policy.name", ["subsidy", "tendering"])], ["cost_public_eur_per_year"], 4,
                      "en")
    assert "Only 2 replicates each" in text
    assert re.search(r"\| 926 ± 1,233 † +\|", text) and re.search(r"\| 931 ± 131 +\|", text)
    assert "† the 95% interval reaches past what the outcome can be" in text


def test_figures_cut_bands_at_the_bounds_and_say_so():
    """Figures once clipped a band at EUR 0 silently while a whisker made an axis of people start at -1."""
    care = pd.DataFrame({"point": ["a", "b"] * 3, "outcome": np.repeat(list(CARE), 2), "n": 2,
                         "mean": [0.22, 0.23, 0.3, 1.8, 24.6, 12.5], "ci_low": [0.19, 0.2, -1.7, 0.8, 13.8, -85.7],
                         "ci_high": [0.25, 0.26, 2.3, 2.8, 35.4, 110.7]})
    text = with_cuts("Note.", care, "en")
    assert text == ("Note. The 95% intervals of people with hidden need and nursing-home admissions reach below 0, "
                    "which these outcomes cannot: too few replicates to bound the means there; the bands are cut at 0.")
    fig = who_gets_care(care, list(CARE), {"a": ("#000000", 0), "b": ("#0072B2", 0)}, "t", text, "en")
    for ax in fig.axes[:3]:
        assert ax.get_xlim()[0] >= 0
        whiskers = [segment for c in ax.collections for segment in c.get_segments()]
        assert whiskers and min(x for segment in whiskers for x, _ in segment) >= 0
    shares = care.assign(ci_high=care["ci_high"].where(care["outcome"] != "unmet_share", 1.4))
    assert "reach above their most" in with_cuts("", shares, "en")
