"""Round 26: a test the hospital wants for its own judgement, its own next visit or its own step on the result
(call_and_recall), a result line that says no more tests are due, a sentence an unchecked dictation opens in
lower case, a re-referral on the practice's own check, an open door asked as a request, the practice nurse
in a follow-up field, a review's second purpose, a family's safety net, and a result passed on "when it comes
through" (fixtures/README "Gold conventions"). Every wording is this file's own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.request_frames import plan_report

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline
from letter_audit.pipeline.sentences import sentence_spans


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


_report = plan_report


def flagged(nlp: Language, plan: str, gp_list: bool = False) -> list[tuple[str, str, str | None]]:
    """The GP actions found in a letter holding ``plan``, as (text, category, rule)."""
    return [(a.text, a.category, a.rule) for a in _report(nlp, plan, gp_list).gp_actions]


# A test "so that we can see whether ..." is for the team's own judgement: monitoring, the hospital's recall.


def test_a_test_so_we_can_see_whether_is_the_hospitals_recall(nlp: Language) -> None:
    plan = "Please repeat his free light chains in 3 months so that we can see whether the level is rising."
    assert flagged(nlp, plan) == [(plan.rstrip("."), "monitoring", "call_and_recall")]


def test_a_test_so_we_can_tell_if_is_the_hospitals_recall(nlp: Language) -> None:
    plan = "Please check her calcium in 4 weeks so we can tell whether the new dose is right."
    assert flagged(nlp, plan) == [(plan.rstrip("."), "monitoring", "call_and_recall")]


def test_a_test_so_you_can_see_stays_the_practices(nlp: Language) -> None:
    # Near miss: the practice is the one to judge.
    plan = "Please check her calcium in 4 weeks so that you can see whether the new dose is right."
    assert [r for _, _, r in flagged(nlp, plan)] == [None]


# A test asked before the team's own next visit ("before I see her next"): the result is wanted there.


def test_a_test_before_i_see_her_next_is_the_hospitals_recall(nlp: Language) -> None:
    plan = "I wonder whether you could repeat her ferritin before I see her again in clinic."
    assert [(c, r) for _, c, r in flagged(nlp, plan)] == [("monitoring", "call_and_recall")]


def test_a_test_before_we_see_him_next_is_the_hospitals_recall(nlp: Language) -> None:
    plan = "Could you check his thyroid function before we see him next, as an overactive thyroid matters."
    assert [(c, r) for _, c, r in flagged(nlp, plan)] == [("monitoring", "call_and_recall")]


def test_a_test_before_you_see_her_stays_the_practices(nlp: Language) -> None:
    # Near miss: the practice's own visit.
    plan = "Please check her thyroid function before you see her next."
    assert [r for _, _, r in flagged(nlp, plan)] == [None]


# A result line under the GP heading that says no more tests are due asks nothing.


def test_normal_bloods_no_further_tests_needed_is_no_request(nlp: Language) -> None:
    plan = "Admission bloods (FBC, U&E) normal - no further tests needed now."
    assert flagged(nlp, plan, gp_list=True) == []


def test_a_request_beside_no_further_tests_line_is_kept(nlp: Language) -> None:
    plan = "- Repeat U&E in 1 week.\n- Baseline clotting normal - no further tests needed now."
    assert [t for t, _, _ in flagged(nlp, plan, gp_list=True)] == ["Repeat U&E in 1 week"]


# An unchecked dictation opens a sentence in lower case after a full stop ("... for 7 days. pls re-test ...").


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_a_lower_case_pls_after_a_full_stop_opens_a_sentence() -> None:
    text = "please prescribe doxycycline 100mg od for 6 weeks. pls repeat the swab 2 weeks after finishing"
    assert _sentences(text) == [
        "please prescribe doxycycline 100mg od for 6 weeks.",
        "pls repeat the swab 2 weeks after finishing",
    ]


def test_a_lower_case_we_after_a_full_stop_opens_a_sentence() -> None:
    text = "if K is above 5.5 stop the spironolactone. we will then think about sacubitril valsartan"
    assert len(_sentences(text)) == 2


def test_an_abbreviation_before_lower_case_does_not_end_a_sentence() -> None:
    # Near miss: "wks." is a short form, not the end of the sentence.
    assert len(_sentences("start doxycycline for 6 wks. we will see")) == 1


def test_lower_case_dictation_gives_each_request_its_item(nlp: Language) -> None:
    plan = (
        "I would be grateful if you could prescribe ferrous fumarate 210mg bd for 3 months. "
        "pls check her FBC 4 weeks after starting, and if her Hb has not risen refer her to the gastro clinic"
    )
    assert [c for _, c, _ in flagged(nlp, plan)] == ["prescribing", "monitoring", "referral"]


# A re-referral on a threshold of the practice's own check, asked just before, is that check's safety net,
# even when the threshold has a decimal point and the hospital would run a test once the patient is back.


def test_a_rereferral_on_a_decimal_threshold_of_the_practices_check_is_fair(nlp: Language) -> None:
    plan = (
        "I would suggest that you repeat her PSA every year, and if it rises above 4.5, please re-refer her "
        "for a repeat prostate MRI."
    )
    assert flagged(nlp, plan) == [
        ("I would suggest that you repeat her PSA every year", "monitoring", None),
        ("if it rises above 4.5, please re-refer her for a repeat prostate MRI", "referral", None),
    ]


# The team glad to see the patient again once the practice refers back, asked as a request: a referral item,
# and what the team could then talk over with the patient is no request of its own.


def test_what_we_could_then_discuss_is_no_request(nlp: Language) -> None:
    plan = (
        "I have discharged her. Should the tablets not have helped after three months, I would be very happy "
        "to see her again if you re-refer her, and we could then discuss other options, including referral "
        "for surgery."
    )
    assert [(c, r) for _, c, r in flagged(nlp, plan)] == [("referral", None)]


# A follow-up field naming the practice nurse is not the hospital's follow-up: the step handed over after it
# is read.


def test_a_follow_up_field_naming_the_practice_nurse_is_not_the_hospitals(nlp: Language) -> None:
    plan = (
        "PLAN\nFollow-up: Practice nurse wound care; no further surgical follow-up - GP to re-refer if not "
        "healed by 2 months"
    )
    assert [c for _, c, _ in flagged(nlp, plan)] == ["referral"]


def test_a_follow_up_field_naming_the_hospital_nurse_stays_the_hospitals(nlp: Language) -> None:
    # Near miss: the hospital's own nurse follows up.
    assert flagged(nlp, "PLAN\nFollow-up: Stoma nurse clinic in 2 weeks") == []


# A review asked with its purpose after a comma, then a second purpose ("..., to check X and to see
# whether Y"): one review item.


def test_a_second_purpose_after_a_comma_stays_with_the_review(nlp: Language) -> None:
    plan = (
        "Please could the practice nurse review her in 6 weeks, to check her inhaler technique and to see "
        "whether the dose could be stepped down."
    )
    assert flagged(nlp, plan) == [(plan.rstrip("."), "review", None)]


def test_a_step_of_its_own_after_a_purpose_stays_apart(nlp: Language) -> None:
    # Near miss: ", and refer him" is an ask with a verb of its own, not a purpose.
    plan = "Please review him in 4 weeks, to check his BP, and refer him to the dietitian."
    assert [c for _, c, _ in flagged(nlp, plan)] == ["review", "referral"]


# In a letter to the family, a safety net with its condition first ("If he ..., please make an appointment
# with the practice") is theirs, not the practice's.


def _family_letter(nlp: Language, body: str):
    text = (
        "Dear Mr and Mrs Hale,\n\nThank you for bringing Sam to clinic.\n\n"
        + body
        + "\n\nYours sincerely,\nDr A Jones\nCopy: Dr Hale, Elm Tree Surgery\n"
    )
    return audit(Letter.from_text(text), nlp=nlp)


def test_a_conditional_safety_net_to_the_family_is_no_request(nlp: Language) -> None:
    body = (
        "Please could the practice nurse review Sam in three months. If he needs more than two courses of "
        "steroid tablets, please make an appointment with the practice."
    )
    found = [a.text for a in _family_letter(nlp, body).gp_actions]
    assert found == ["Please could the practice nurse review Sam in three months"]


# Telling the patient the result of a test the hospital sent for "when it comes through" passes on the
# hospital's result (call_and_recall): "when it comes through" says when, not a condition.


def test_telling_the_patient_a_hospital_result_when_it_comes_is_recall(nlp: Language) -> None:
    plan = (
        "I have requested an MRI of her lumbar spine. I would be grateful if you could let her know the MRI "
        "result when it comes through."
    )
    assert [(c, r) for _, c, r in flagged(nlp, plan)] == [("results", "call_and_recall")]


def test_a_safety_net_told_to_the_team_stays_fair(nlp: Language) -> None:
    # Near miss: a real condition on something the practice comes across, with no test asked.
    plan = "If she develops low mood, please let the clinic know."
    assert [r for _, _, r in flagged(nlp, plan)] in ([], [None])


# A test whose result the team says it will act on when it sees the patient itself ("...; if the LDL is still
# above 1.8 I will consider adding ezetimibe when I see him") is for its own clinic (call_and_recall); a step
# the practice is asked to take in the same sentence stays fair.


def test_a_test_the_team_acts_on_at_its_own_visit_is_recall(nlp: Language) -> None:
    plan = (
        "I would ask you to increase her ramipril to 5 mg daily, and to check her HbA1c in about three "
        "months; if it is still above 58.5 I will consider adding a gliptin when I see her."
    )
    found = [(c, r) for _, c, r in flagged(nlp, plan)]
    assert found == [("prescribing", None), ("monitoring", "call_and_recall")]


def test_a_step_left_to_the_practice_at_its_visit_stays_fair(nlp: Language) -> None:
    # Near miss: the practice, not the team, acts on the result.
    plan = "Please check her HbA1c in three months; if it is above 58 please consider adding a gliptin."
    assert [r for _, _, r in flagged(nlp, plan)] == [None, None]
