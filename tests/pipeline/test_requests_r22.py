"""Round 22: asks the rules kept as one item that stand alone (fixtures/README "One item or two"), a review
asked behind a polite lead-in, and a practice step the ward says it did not do. Each has a look-alike that
must stay as it was. Wordings are this file's own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


# A reason set off before the ask names a step already taken; the ask is still a test, and the step on its
# result is its own item.


def test_a_reason_before_a_test_does_not_keep_the_step_on_its_result_joined(nlp, run) -> None:
    text = D + "As her dose has been reduced, please check her TFTs in 6 weeks and adjust the levothyroxine."
    assert found(nlp, run, text) == [
        ("As her dose has been reduced, please check her TFTs in 6 weeks", "monitoring"),
        ("adjust the levothyroxine", "prescribing"),
    ]


def test_a_reason_before_a_polite_test_ask_is_read_past_too(nlp, run) -> None:
    text = D + (
        "Since we have started ramipril, I would be grateful if you could recheck his U&E in one week and "
        "titrate the ramipril towards 10 mg."
    )
    assert [c for _, c in found(nlp, run, text)] == ["monitoring", "prescribing"]


def test_a_reason_before_a_report_back_stays_one(nlp, run) -> None:
    # Near miss: the report back of the same result has no verb of its own here.
    text = D + "As her dose has been reduced, please check her TFTs in 6 weeks and send us the result."
    assert len(found(nlp, run, text)) == 1


def test_a_reason_before_a_drug_step_keeps_its_titration(nlp, run) -> None:
    # Near miss: after a drug step, "and titrate" adjusts that step.
    text = D + "As he is now euvolaemic, please restart ramipril 2.5 mg and titrate as his BP allows."
    assert len(found(nlp, run, text)) == 1


# A review asked behind a polite lead-in is a review, and a step with its own condition after it is its own.


def test_a_polite_review_and_a_conditional_step_after_it_are_two(nlp, run) -> None:
    text = D + (
        "It would then be useful if the practice could review him a fortnight after the switch, and, if he "
        "is not sleeping, increase the zopiclone to 7.5 mg."
    )
    assert found(nlp, run, text) == [
        ("It would then be useful if the practice could review him a fortnight after the switch", "review"),
        ("if he is not sleeping, increase the zopiclone to 7.5 mg", "prescribing"),
    ]


def test_a_polite_review_that_names_a_drug_change_is_a_review(nlp, run) -> None:
    text = D + "I would be grateful if the practice could review his mood a month after the switch to it."
    assert [c for _, c in found(nlp, run, text)] == ["review"]


def test_a_polite_drug_step_keeps_its_kind(nlp, run) -> None:
    # Near miss: the lead-in is read past only for a review; a drug step stays prescribing.
    text = D + "It would be helpful if you could switch her to sertraline 50 mg once the taper is done."
    assert [c for _, c in found(nlp, run, text)] == ["prescribing"]


# "and in the meantime" before a polite ask opens a request of its own, as before a plain one.


def test_in_the_meantime_before_a_polite_ask_is_its_own_item(nlp, run) -> None:
    text = D + (
        "Please re-refer him to the epilepsy clinic if he wishes to re-engage, and in the meantime it would "
        "be helpful if you could check his sodium."
    )
    assert found(nlp, run, text) == [
        ("Please re-refer him to the epilepsy clinic if he wishes to re-engage", "referral"),
        ("in the meantime it would be helpful if you could check his sodium", "monitoring"),
    ]


def test_in_the_meantime_inside_one_ask_stays_one(nlp, run) -> None:
    # Near miss: no ask of its own after "in the meantime".
    text = D + "Please continue the omeprazole in the meantime and until the scope."
    assert len(found(nlp, run, text)) == 1


# "and make sure she has ..." a supply or a place on a list is a need of the patient's the practice meets.


def test_make_sure_she_has_a_supply_after_a_test_is_its_own_item(nlp, run) -> None:
    text = D + "Please check his HbA1c and make sure he still has a supply of glucose test strips on repeat."
    assert found(nlp, run, text) == [
        ("Please check his HbA1c", "monitoring"),
        ("make sure he still has a supply of glucose test strips on repeat", "prescribing"),
    ]


def test_make_sure_she_is_taking_it_stays_with_its_ask(nlp, run) -> None:
    # Near miss: what the check is for, not a second need.
    text = D + "Please check her lithium level and make sure she is taking it at night."
    assert len(found(nlp, run, text)) == 1


# A step the ward says it did not do is the practice's, not the hospital's.


def test_a_referral_not_done_by_the_ward_is_still_asked(nlp, run) -> None:
    text = D + "GP actions:\n- refer to the smoking cessation service - not done by ward\n- U&E in 1 week"
    assert found(nlp, run, text) == [
        ("refer to the smoking cessation service - not done by ward", "referral"),
        ("U&E in 1 week", "monitoring"),
    ]


def test_a_referral_done_by_the_ward_is_not_asked(nlp, run) -> None:
    # Near miss: done by the ward, so no request.
    text = D + "GP actions:\n- refer to the smoking cessation service - done by ward\n- U&E in 1 week"
    assert found(nlp, run, text) == [("U&E in 1 week", "monitoring")]


def test_make_sure_he_has_come_off_a_drug_stays_with_the_review(nlp, run) -> None:
    # Near miss: what the review is to check, not a supply the practice is to meet.
    text = D + "Please see him in 6 weeks to check his hip and make sure he has come off the codeine."
    assert len(found(nlp, run, text)) == 1
