"""Inappropriate-request rules, round 23: a result reported to a named unit, a reason that the result decides
the hospital's management, a test done at the practice's own review, a result of the hospital's test passed
back, and a plan shared with the out-of-hours service. Every wording is this file's own; each has a look-alike
that must stay as it was."""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def flags(nlp: Language, body: str) -> list[tuple[str, str | None]]:
    """(text, rule) of each GP action in a clinic letter whose body is ``body``."""
    text = "Dear Dr Hale,\n\nI saw Mrs Doe in clinic today.\n\n" + body + "\n\nYours sincerely,\nDr A Jones\n"
    return [(a.text, a.rule) for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


def test_a_result_reported_to_a_named_unit_is_recall(nlp: Language) -> None:
    found = flags(nlp, "GP actions:\n- arrange a serum hCG in 48 hours and inform the EPU of the result")
    assert [r for _, r in found] == ["call_and_recall"]


def test_a_result_a_named_team_is_told_about_is_recall(nlp: Language) -> None:
    found = flags(
        nlp, "GP actions:\n- repeat her BNP in 4 weeks and tell the heart failure nurses about the result"
    )
    assert [r for _, r in found] == ["call_and_recall"]


def test_informing_a_unit_of_a_threshold_is_not_this_rule(nlp: Language) -> None:
    # Near miss: "inform ... if" is a threshold alert, left to the rules for alerts.
    found = flags(nlp, "Please stop the ramipril if her potassium is above 6 and inform the renal unit.")
    assert all(r != "call_and_recall" for _, r in found)


def test_a_test_whose_result_changes_the_hospitals_management_is_recall(nlp: Language) -> None:
    body = (
        "In the meantime, could you check her calcium, and let me know if it is raised, as that would change "
        "my management."
    )
    assert [r for _, r in flags(nlp, body)] == ["call_and_recall", "call_and_recall"]


def test_a_test_at_the_practices_own_review_is_not_recall(nlp: Language) -> None:
    body = (
        "GP actions:\n- Review his pulse and symptoms in 1 week; increase bisoprolol to 5 mg if HR >110\n"
        "- Repeat ECG at that visit"
    )
    found = flags(nlp, body)
    assert found[-1] == ("Repeat ECG at that visit", None)


def test_a_hospital_test_with_no_practice_review_before_it_is_unchanged(nlp: Language) -> None:
    # Near miss: no review of the practice's just before; the ECG ask is judged as before.
    body = "GP actions:\n- Increase bisoprolol to 5 mg\n- Repeat ECG at that visit"
    before = flags(nlp, body)[-1][1]
    body2 = "GP actions:\n- Increase bisoprolol to 5 mg\n- Repeat ECG in 1 week"
    assert before == flags(nlp, body2)[-1][1]


def test_the_result_of_the_hospitals_test_passed_back_on_a_threshold_is_recall(nlp: Language) -> None:
    body = (
        "Please arrange an ultrasound of his liver and send us the report.\n"
        "If the result shows a lesion over 2 cm, please email the result to the HPB nurses."
    )
    found = flags(nlp, body)
    assert found[-1][1] == "call_and_recall"


def test_a_symptom_to_tell_us_after_a_hospital_test_is_not_recall(nlp: Language) -> None:
    # Near miss: the report is of a symptom, not of the test's result.
    body = (
        "Please arrange an ultrasound of his liver and send us the report.\n"
        "If he develops any itching please let us know."
    )
    found = flags(nlp, body)
    assert found[-1][1] != "call_and_recall"


def test_a_plan_shared_with_out_of_hours_is_not_a_result_sent_back(nlp: Language) -> None:
    body = "Please could you record this on her GP record and share it with the out-of-hours service."
    assert all(r is None for _, r in flags(nlp, body))


@pytest.mark.parametrize("team", ["the renal team", "us"])
def test_a_result_shared_with_the_team_is_still_recall(nlp: Language, team: str) -> None:
    # Near miss: the same verb, the result shared with the hospital.
    body = f"Please check her U&E in 2 weeks and share the results with {team}."
    assert [r for _, r in flags(nlp, body)] == ["call_and_recall"]


def test_acting_on_the_practices_own_test_is_not_recall(nlp: Language) -> None:
    body = "Please check his LFTs and TFTs in 6 weeks as he is on amiodarone and act on the results."
    assert flags(nlp, body)[-1] == ("act on the results", None)


def test_chasing_the_hospitals_result_and_acting_on_it_is_still_recall(nlp: Language) -> None:
    # Near miss: no test of the practice's before it; the result is the hospital's to chase.
    assert [r for _, r in flags(nlp, "Please chase the ultrasound report and act on it.")] == [
        "call_and_recall"
    ]


def test_a_test_whose_result_the_team_needs_for_its_decision_is_recall(nlp: Language) -> None:
    body = "Please check her ferritin in 4 weeks - we need the result to decide on an iron infusion."
    assert [r for _, r in flags(nlp, body)] == ["call_and_recall"]


def test_a_test_whose_result_the_team_does_not_need_is_unchanged(nlp: Language) -> None:
    # Near miss: the team says it does not need the result.
    body = "Please check her ferritin in 4 weeks; we do not need the result."
    assert [r for _, r in flags(nlp, body)] == [None]
