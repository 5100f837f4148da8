"""Round-2 request classifier features: telegraphic lines, word stems, position, section thresholds."""

from __future__ import annotations

import pytest

from letter_audit.pipeline.request_classifier import (
    ClassifierWeights,
    RequestClassifier,
    letter_features,
    unit_features,
)

TESTS = frozenset({"fbc", "lft", "u", "e"})


def test_a_test_with_an_interval_and_an_owner_tag_mark_a_terse_line() -> None:
    f = set(unit_features("- FBC in 4 weeks (post-transfusion) - GP", "", TESTS))
    assert {"tel:test_interval", "tel:test_first", "tel:test_first_interval", "tel:owner"} <= f
    g = set(unit_features("U&E 2/52 (new regime)", "plan", TESTS))
    assert {"tel:test_interval", "tel:test_first_interval"} <= g and "tel:owner" not in g
    assert "tel:test_interval" not in unit_features("HbA1c 3/12", "", TESTS)  # cut into hba, 1, c
    h = set(unit_features("Repeat LFT, GP, in 2 weeks.", "", TESTS))
    assert {"tel:test_first", "tel:owner", "tel:test_interval"} <= h


def test_no_terse_features_for_prose_or_an_address() -> None:
    f = set(unit_features("Her FBC was normal on admission.", "", TESTS))
    assert not {x for x in f if x.startswith("tel:")}
    g = set(unit_features("Riverside Surgery, 4 Mill Lane", "demographics", TESTS))
    assert "tel:owner" not in g


def test_stems_only_for_long_words_and_only_with_tests() -> None:
    f = set(unit_features("Please titrate bisoprolol", "", TESTS))
    assert {"p4:titr", "p4:biso"} <= f and "p4:plea" in f
    assert not {x for x in unit_features("Please titrate bisoprolol", "") if x.startswith(("p4:", "tel:"))}
    assert "p4:gp" not in f


def test_position_is_the_fifth_of_the_letter() -> None:
    feats = letter_features(["Dear Dr A,", "Bloods in 2 weeks."], ["", ""], TESTS, [0, 95], 100)
    assert "pos:0" in feats[0] and "pos:4" in feats[1]
    assert not any(f.startswith("pos:") for f in letter_features(["x"], [""])[0])


def _clf(section_thresholds: dict[str, float]) -> RequestClassifier:
    weights = ClassifierWeights(
        trained_on="test",
        l2=1.0,
        weights={"w:podiatry": 2.0, "bias": -2.0, "tel:test_interval": 3.0},
        tests=["fbc"],
        section_thresholds=section_thresholds,
    )
    return RequestClassifier(weights, 0.7, [])


def test_section_threshold_replaces_the_setting_in_its_section() -> None:
    text = "Podiatry input.\nPodiatry input.\nFBC in 4 weeks.\n"
    units = [(0, 15), (16, 31), (32, 47)]
    clf = _clf({"plan": 0.4})  # logit 0: p = 0.5, under 0.7 but over 0.4
    got = clf.propose(text, units, ["other", "plan", "other"], taken=[])
    assert got == [(16, 31), (32, 47)]  # the plan unit, and the terse line (p 0.95) anywhere
    assert _clf({}).propose(text, units, ["other", "plan", "other"], taken=[]) == [(32, 47)]


def test_old_weights_ignore_round2_features() -> None:
    weights = ClassifierWeights(trained_on="t", l2=1.0, weights={"bias": -1.0, "tel:test_interval": 9.0})
    clf = RequestClassifier(weights, 0.7, [])
    assert clf.tests is None
    assert clf.logit("FBC in 4 weeks", "", False, None) == pytest.approx(-1.0)


def test_fast_logit_counts_round2_features_like_letter_features() -> None:
    w = {
        "bias": -3.0,
        "w:fbc": 0.5,
        "b:in_4": 0.25,
        "p4:tran": 0.75,
        "p4:bisop": 9.0,
        "tel:test_interval": 1.5,
        "tel:test_first": 0.5,
        "tel:test_first_interval": 0.25,
        "tel:owner": 1.0,
        "pos:3": 0.5,
        "pos:0": -1.0,
    }
    weights = ClassifierWeights(trained_on="t", l2=1.0, weights=w, tests=sorted(TESTS))
    clf = RequestClassifier(weights, 0.7, [])
    units = ["Dear Dr A,", "- FBC in 4 weeks (post-transfusion) - GP", "Titrating bisoprolol"]
    starts, length = [0, 70, 80], 100
    feats = letter_features(units, ["", "", ""], TESTS, starts, length)
    for unit, start, f in zip(units, starts, feats, strict=True):
        want = sum(w.get(x, 0.0) for x in f)
        got = clf.logit(unit, "", False, None, position=f"pos:{5 * start // length}")
        assert got == pytest.approx(want, abs=1e-12), unit
    assert clf.logit(units[1], "", False, None, position="pos:3") == pytest.approx(
        -3.0 + 0.5 + 0.25 + 0.75 + 1.5 + 0.5 + 0.25 + 1.0 + 0.5
    )


def test_place_veto_keeps_the_hospitals_own_lines_out() -> None:
    weights = ClassifierWeights(
        trained_on="t",
        l2=1.0,
        weights={"bias": 2.0},
        place_veto=r"\bon\s+the\s+ward\b|\bsee\s+(?:\w+\s+)?with\s+(?:the\s+)?results?\b",
    )
    clf = RequestClassifier(weights, 0.7, [])
    text = "U&E in 1 week on the ward.\nRepeat scan in 6 months and see with result.\nU&E in 1 week.\n"
    units, at = [], 0
    for line in text.splitlines():
        units.append((at, at + len(line)))
        at += len(line) + 1
    assert [text[s:e] for s, e in clf.propose(text, units, ["", "", ""], taken=[])] == ["U&E in 1 week."]


def test_a_bad_place_veto_is_a_validation_error() -> None:
    with pytest.raises(ValueError, match="bad regular expression"):
        ClassifierWeights(trained_on="t", l2=1.0, weights={}, place_veto="(unclosed")
