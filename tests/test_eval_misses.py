"""Missed GP actions by class (merged into another found request, found with other bounds, not found)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import letter_audit
from letter_audit.cli import main
from letter_audit.eval_misses import count_kinds, miss_kind, miss_kinds
from letter_audit.evaluate import compare, evaluate, match_actions, tokens
from letter_audit.gold import Gold
from letter_audit.letter import SourceInfo
from letter_audit.report import Evidence, GpAction, Report

EV = Evidence(text="x", start=0, end=1)
TWO_IN_ONE = "Please check her U&E in 1 week and refer her to the heart failure nurses"
GOLD_TWO = ["check her U&E in 1 week", "refer her to the heart failure nurses"]


def _kinds(gold: list[str], pred: list[str]) -> dict[int, str]:
    return miss_kinds(gold, pred, match_actions(gold, pred), tokens)


def test_a_request_inside_a_sentence_credited_to_its_neighbour_is_merged() -> None:
    gold = ["please check her U&E, LFT and FBC in 1 week", "refer her to the heart failure nurses"]
    pred = ["Please check her U&E, LFT and FBC in 1 week and refer her to the heart failure nurses"]
    assert _kinds(gold, pred) == {1: "merged"}


def test_an_alike_second_request_not_found_is_not_a_merge() -> None:
    # The found request matched the first; the second shares its words but its own word ("3", "months")
    # is nowhere in what was found.
    gold = ["please repeat U&E in 1 week", "please repeat U&E in 3 months"]
    pred = ["please repeat U&E in 1 week"]
    assert _kinds(gold, pred) == {1: "bounds"}


def test_a_request_found_cut_short_is_bounds_and_one_never_found_is_absent() -> None:
    gold = ["please increase the bisoprolol to 5 mg once daily", "arrange a DEXA scan"]
    pred = ["increase the bisoprolol to 10 mg and check his heart rate in a week"]
    assert _kinds(gold, pred) == {0: "bounds", 1: "absent"}


def test_nothing_missed_gives_no_kinds_and_zero_counts() -> None:
    assert _kinds(GOLD_TWO, GOLD_TWO) == {}
    assert count_kinds({}) == {"merged": 0, "bounds": 0, "absent": 0}
    assert count_kinds({0: "merged", 3: "merged", 4: "absent"}) == {"merged": 2, "bounds": 0, "absent": 1}


def test_miss_kind_of_an_empty_gold_text_is_absent() -> None:
    assert miss_kind(set(), [{"refer"}], {0: {"refer"}}) == "absent"


def _gold(actions: list[str]) -> Gold:
    return Gold.model_validate(
        {
            "letter_type": "clinic_letter",
            "specialty": "cardiology",
            "gp_actions": [{"text": t, "category": "other"} for t in actions],
            "fit_note": {"status": "not_mentioned"},
            "follow_up": {"owner": "hospital"},
            "contact_point": {"present": True},
            "grade": 3,
            "notes": "test",
        }
    )


def _report(actions: list[str]) -> Report:
    return Report.model_validate(
        {
            "source": SourceInfo(path="x.txt", sha256="0" * 64, format="txt"),
            "letter_type": "clinic_letter",
            "specialty": "cardiology",
            "gp_actions": [GpAction(text=t, category="other", evidence=EV) for t in actions],
            "fit_note": {"status": "not_mentioned"},
            "follow_up": {"owner": "hospital"},
            "contact_point": {"present": True},
            "score": 60,
        }
    )


def test_compare_counts_kinds_and_names_the_kind_in_the_miss() -> None:
    ev = compare("one", "one.txt", _gold(GOLD_TWO), _report([TWO_IN_ONE]))
    assert ev.action_fn == 1
    assert ev.action_miss_kinds == {"merged": 1, "bounds": 0, "absent": 0}
    missed = [m.detail for m in ev.misses if m.kind == "action_missed"]
    assert len(missed) == 1 and missed[0].endswith("[merged]")


@pytest.fixture
def merging_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_audit, "load_pipeline", lambda: None)
    monkeypatch.setattr(letter_audit, "audit", lambda p, nlp=None: _report([TWO_IN_ONE]))


def _corpus(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        (tmp_path / f"l{i}.txt").write_text("letter\n", encoding="utf-8")
        (tmp_path / f"l{i}.gold.json").write_text(_gold(GOLD_TWO).model_dump_json(), encoding="utf-8")
    return tmp_path


def test_evaluate_sums_kinds_and_the_command_prints_them(tmp_path: Path, merging_checker: None) -> None:
    d = _corpus(tmp_path, 3)
    assert evaluate(d).action_miss_kinds == {"merged": 3, "bounds": 0, "absent": 0}
    th = tmp_path / "th.yaml"
    th.write_text("action_f1: 0.1\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(d), "--thresholds", str(th)])
    assert res.exit_code == 0, res.output
    assert (
        "Missed GP actions: 3 (3 inside a request found for another, 0 found with other bounds, 0 not found)"
        in res.output
    )
