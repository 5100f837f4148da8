"""Round 25: GP requests joined in one sentence and read as one item, a hospital statement read as a request,
a need handed over in a relative clause, a review flagged for the report back of the request after it, and
shared care read against the agreement the letter names (fixtures/README "Gold conventions"). Every wording
is this file's own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.request_frames import plan_report

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


_report = plan_report


def items(nlp: Language, plan: str, gp_list: bool = True) -> list[tuple[str, str]]:
    """The GP actions found in a letter holding ``plan`` (under a GP heading, or in prose), as (text,
    category)."""
    return [(a.text, a.category) for a in _report(nlp, plan, gp_list).gp_actions]


# A review of home readings asked after another ask is the practice's, not self-care at home.


def test_a_review_of_home_readings_after_other_asks_is_read(nlp: Language) -> None:
    plan = (
        "Please start lercanidipine 10 mg OD, and recheck her U&E in 10 days and review her home BP readings "
        "at 6 weeks."
    )
    assert items(nlp, plan, gp_list=False) == [
        ("Please start lercanidipine 10 mg OD", "prescribing"),
        ("recheck her U&E in 10 days", "monitoring"),
        ("review her home BP readings at 6 weeks", "review"),
    ]


def test_home_readings_the_patient_takes_stay_no_request(nlp: Language) -> None:
    # Near miss: the patient's own home readings, with no ask of the practice.
    assert items(nlp, "He will keep a home BP diary and check his home BP readings twice a day.", False) == []


# A condition holding its own drug step, then ", and" a review on a condition of its own: two items.


def test_a_conditional_step_then_a_conditional_review_are_two(nlp: Language) -> None:
    plan = (
        "Please check her U&E in one week, and if the sodium is below 128 reduce the tolvaptan to 7.5 mg, "
        "and "
        "see her in surgery if she becomes confused."
    )
    assert items(nlp, plan, gp_list=False) == [
        ("Please check her U&E in one week", "monitoring"),
        ("if the sodium is below 128 reduce the tolvaptan to 7.5 mg", "prescribing"),
        ("see her in surgery if she becomes confused", "review"),
    ]


# A drug step, then ", and" a test asked with a verb of its own, timed from the step: two items.


def test_a_drug_step_then_its_own_test_after_comma_and_are_two(nlp: Language) -> None:
    plan = "Please increase the ramipril to 5 mg OD, and check U&E one week after the increase."
    assert items(nlp, plan) == [
        ("Please increase the ramipril to 5 mg OD", "prescribing"),
        ("check U&E one week after the increase", "monitoring"),
    ]


def test_a_test_timed_from_the_step_with_with_stays_one(nlp: Language) -> None:
    # Near miss: "with" a test (no verb of its own) is how the step is carried out.
    plan = "Please restart the ramipril at 2.5 mg, with a further U&E a week after restarting."
    assert len(items(nlp, plan)) == 1


# A second step told as a gerund beside the first of a suggestion: two items.


def test_a_second_gerund_of_a_suggestion_is_its_own_item(nlp: Language) -> None:
    plan = "I would recommend starting propranolol 40 mg BD, and reviewing him in 8 weeks with his diary."
    assert items(nlp, plan, gp_list=False) == [
        ("I would recommend starting propranolol 40 mg BD", "prescribing"),
        ("reviewing him in 8 weeks with his diary", "review"),
    ]


def test_a_test_then_a_gerund_step_on_its_result_are_two(nlp: Language) -> None:
    # A test and the step on its result are two items (fixtures/README "One item or two"; this wording was
    # one item in tests/pipeline/test_requests_round15.py, written when the conventions joined them).
    plan = "I would suggest repeating his LFTs in 3 months, and referring if the ALT is above 150."
    assert [c for _, c in items(nlp, plan, gp_list=False)] == ["monitoring", "referral"]


def test_a_participle_saying_how_stays_one(nlp: Language) -> None:
    # Near miss: no "and", so the gerund says how the step is carried out.
    plan = "We recommend increasing ramipril to 5 mg, checking U&E a week later."
    assert len(items(nlp, plan, gp_list=False)) == 1


# Terse steps on a test's result: a replacement told as a noun after "followed by", a dose step told with an
# arrow after " - if", and a second drug with a four-word name and "tabs".


@pytest.mark.parametrize(
    ("plan", "want"),
    [
        (
            "Calcium and Mg in 1/52, followed by magnesium supplementation if low",
            [("Calcium and Mg in 1/52", "monitoring"), ("magnesium supplementation if low", "prescribing")],
        ),
        (
            "U&E 2/52 (furosemide ↑) - if K <3.5 ↓ furosemide to 40mg",
            [("U&E 2/52 (furosemide ↑)", "monitoring"), ("if K <3.5 ↓ furosemide to 40mg", "prescribing")],
        ),
        (
            "Folic acid 5mg OD + vit B co strong 1 tab OD on repeat",
            [("Folic acid 5mg OD", "prescribing"), ("vit B co strong 1 tab OD on repeat", "prescribing")],
        ),
    ],
)
def test_terse_steps_after_a_test_or_a_drug_are_their_own_items(
    nlp: Language, plan: str, want: list[tuple[str, str]]
) -> None:
    assert items(nlp, plan) == want


# Not a request: a decision the hospital's clinic will make.


def test_a_decision_left_to_the_hospital_clinic_is_no_request(nlp: Language) -> None:
    plan = (
        "Please continue rivaroxaban 20 mg OD for now; the length of treatment will be decided at the"
        " anticoagulation clinic in 3 months."
    )
    assert items(nlp, plan) == [("Please continue rivaroxaban 20 mg OD for now", "prescribing")]


# A review is not flagged for the report back of the test asked after it in the same sentence.


def test_a_review_before_a_recalled_test_is_not_flagged(nlp: Language) -> None:
    plan = (
        "Please review him in 4 weeks; I would be grateful if you could arrange an echocardiogram before "
        "then "
        "and send us the report."
    )
    acts = _report(nlp, plan, gp_list=False).gp_actions
    assert [(a.category, a.inappropriate) for a in acts] == [("review", False), ("monitoring", True)]


# A need told, then handed to the practice in a relative clause ("..., which your team can do"): a request; a
# test it is to send on to the team is the team's recall.


def test_a_need_handed_over_in_a_which_clause_is_a_request(nlp: Language) -> None:
    plan = "He had a hernia repair today. He will need a fit note for 3 weeks, which your team can do."
    acts = _report(nlp, plan, gp_list=False).gp_actions
    assert [(a.text, a.category, a.rule) for a in acts] == [
        ("He will need a fit note for 3 weeks, which your team can do", "fit_note", "fit_note")
    ]


def test_a_test_to_arrange_and_send_to_the_team_is_recall(nlp: Language) -> None:
    plan = (
        "He will need a lying and standing BP and an ECG before we increase it, which the practice could "
        "arrange "
        "and send to our clinic."
    )
    acts = _report(nlp, plan, gp_list=False).gp_actions
    assert [(a.category, a.rule) for a in acts] == [("monitoring", "call_and_recall")]


def test_a_need_the_patient_meets_in_a_which_clause_stays_no_request(nlp: Language) -> None:
    # Near miss: no practice in the relative clause.
    assert items(nlp, "He will need a further scan in 6 months, which we will arrange.", gp_list=False) == []


# Shared care: an agreement for a drug covers a request naming its brand; an agreement the practice is thanked
# for "agreeing to" is in place; a drug to record with its prescribing ruled out hands nothing over.


def _flags(nlp: Language, body: str) -> list[tuple[str, str | None]]:
    text = "Dear Dr Hale,\n\n" + body + "\n\nYours sincerely,\nDr A Jones\n"
    return [(a.category, a.rule) for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


def test_an_agreement_for_the_drug_covers_its_brand(nlp: Language) -> None:
    body = (
        "Community Mental Health Team outpatient review.\n\nWe agreed to increase Camcolit to 800 mg nocte. "
        "Lithium is prescribed by your practice under the shared care agreement.\n\n"
        "Please update the repeat to Camcolit 800 mg nocte."
    )
    assert _flags(nlp, body) == [("prescribing", None)]


def test_shared_care_the_practice_agreed_to_is_in_place(nlp: Language) -> None:
    body = (
        "Adult ADHD Service review.\n\nThank you for agreeing to shared care: the agreement was signed by "
        "your "
        "practice in June. I would be grateful if you would now take over prescribing of her methylphenidate."
    )
    assert _flags(nlp, body) == [("prescribing", None)]


def test_a_drug_to_record_and_not_prescribe_is_no_shared_care(nlp: Language) -> None:
    body = (
        "Ward discharge summary.\n\nPlan:\n- Please add the clozapine to his GP record as a hospital-only "
        "medicine (not for GP prescribing) so that interactions are flagged."
    )
    assert [r for _, r in _flags(nlp, body)] == [None]


def test_discharge_from_an_outpatient_department_is_no_request(nlp: Language) -> None:
    # "Discharged from urology OPD" under a GP list is the letter's news, as "discharged from the clinic" is.
    plan = (
        "1. Continue finasteride 5 mg OD on repeat.\n2. Annual PSA.\n\n"
        "Discharged from urology OPD. Pt aware."
    )
    assert [c for _, c in items(nlp, plan)] == ["prescribing", "monitoring"]


# Prescribing told without a plain drug verb: a take-over of two drugs' prescribing and monitoring, a dose
# stepped with "this" between the verb and its particle, and a course given again.


@pytest.mark.parametrize(
    "plan",
    [
        "I would be grateful if you would take over his azathioprine and folic acid prescribing and "
        "monitoring "
        "from January.",
        "Once the rash has settled, the practice may wish to step this down to 5 mg once daily.",
        "Please recheck his vitamin D in 3 months and repeat the loading course if it is still below 50.",
    ],
)
def test_prescribing_without_a_plain_drug_verb(nlp: Language, plan: str) -> None:
    assert items(nlp, plan, gp_list=False)[-1][1] == "prescribing"


# A numbered terse item with a trailing "please", then what the team will do after a dash: the item is a
# request, and a team that phones the patient with the result takes the result back (call_and_recall).


def test_a_trailing_please_before_the_teams_own_part_is_a_request(nlp: Language) -> None:
    plan = (
        "Plan:\n1. Please could you continue the ramipril 5 mg OD on repeat.\n"
        "2. Potassium in 10 days please - we will ring her with the result."
    )
    acts = _report(nlp, plan, gp_list=False).gp_actions
    assert [(a.text, a.category, a.rule) for a in acts] == [
        ("Please could you continue the ramipril 5 mg OD on repeat", "prescribing", None),
        ("Potassium in 10 days please", "monitoring", "call_and_recall"),
    ]


def test_a_check_at_the_hospitals_own_procedure_is_no_request(nlp: Language) -> None:
    plan = "Please check her FBC in 2 weeks. Healing of the ulcer will be checked at the repeat gastroscopy."
    assert items(nlp, plan) == [("Please check her FBC in 2 weeks", "monitoring")]


# Under a GP heading, lines that ask nothing: a drug's item that says no action, the team's contact line, and
# what the practice has already done.


@pytest.mark.parametrize(
    "line",
    [
        "2. Enoxaparin - no action, full course supplied.",
        "Advice line for the practice: respiratory nurses 0161 496 0712 (weekdays).",
        "The practice accepted the azathioprine shared care agreement on 02/10/25.",
    ],
)
def test_lines_under_a_gp_heading_that_ask_nothing(nlp: Language, line: str) -> None:
    plan = "1. Please check her FBC and LFTs in 2 weeks.\n" + line
    assert items(nlp, plan) == [("Please check her FBC and LFTs in 2 weeks", "monitoring")]


def test_a_topic_with_no_action_but_an_ask_stays_a_request(nlp: Language) -> None:
    # Near miss: the ask after "but" is a request.
    plan = "1. Warfarin - no action needed now, but please check her INR in 5 days."
    assert [c for _, c in items(nlp, plan)] == ["monitoring"]


def test_a_long_line_handing_over_advice_below_opens_a_list(nlp: Language) -> None:
    # "... with the advice below:" opens the list of the team's advice, however long the line.
    plan = (
        "I have discharged him back to the care of his GP with the advice below:\n"
        "1. Check his PSA every 6 months, as his velocity was borderline.\n"
        "2. Consider a urology referral if the PSA rises above 6 or he develops bone pain."
    )
    assert [c for _, c in items(nlp, plan, gp_list=False)] == ["monitoring", "referral"]


@pytest.mark.parametrize(
    "line",
    [
        "If the itch comes back, a further week of the antihistamine usually helps.",
        "Antenatal follow-up is with the GP practice.",
    ],
)
def test_advice_and_a_bare_follow_up_owner_are_no_request(nlp: Language, line: str) -> None:
    plan = "Plan:\n- GP to review in 6 weeks re her weight\n- " + line
    assert [t for t, _ in items(nlp, plan, gp_list=False)] == ["GP to review in 6 weeks re her weight"]


def test_a_referral_on_what_the_practices_own_check_finds_is_not_onward(nlp: Language) -> None:
    # "if haematuria persists" is what the practice's own urine check, asked just before, finds.
    plan = "- Please repeat her urine dip at 6 weeks for blood; refer to urology if haematuria persists."
    acts = _report(nlp, plan, gp_list=True).gp_actions
    assert [(a.category, a.rule) for a in acts] == [("monitoring", None), ("referral", None)]


def test_a_fit_note_to_extend_as_required_is_handed_over(nlp: Language) -> None:
    # "as required" sets no condition: the longer absence the letter expects is handed to the practice (not
    # "if she needs longer, please extend it", a need that may not arise).
    body = (
        "Trauma ward discharge.\n\nWork: She is a plasterer and will not be able to return to work for at "
        "least "
        "10 weeks. Fit note issued on discharge for 2 weeks.\n\nActions for GP:\n"
        "- Please extend her fit note as required until she is fit to return to plastering."
    )
    assert [r for _, r in _flags(nlp, body)] == ["fit_note"]
