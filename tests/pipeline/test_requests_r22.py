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


# A report back with a condition of its own after a test is its own item, however the test is timed and
# whatever dash comes before the "and".


def test_a_conditional_report_after_a_test_timed_from_a_step_is_its_own_item(nlp, run) -> None:
    text = D + "GP: sodium 2 weeks after the carbamazepine increase please - and let us know if under 130."
    assert found(nlp, run, text) == [
        ("sodium 2 weeks after the carbamazepine increase please", "monitoring"),
        ("let us know if under 130", "results"),
    ]


def test_a_dash_before_and_stays_out_of_the_test_item(nlp, run) -> None:
    text = D + "Please check her lithium level in 5 days - and tell us if it is over 1.0."
    assert found(nlp, run, text) == [
        ("Please check her lithium level in 5 days", "monitoring"),
        ("tell us if it is over 1.0", "results"),
    ]


def test_a_plain_report_back_after_a_timed_test_stays_one(nlp, run) -> None:
    # Near miss: no condition of its own.
    text = D + "GP: sodium 2 weeks after the carbamazepine increase please - and send us the result."
    assert len(found(nlp, run, text)) == 1


def test_a_conditional_report_after_a_drug_step_stays_one(nlp, run) -> None:
    # Near miss: a drug step, not a test, before the report.
    text = D + "Please restart the ramipril after the switch - and let us know if she feels dizzy."
    assert len(found(nlp, run, text)) == 1


# A step named as the time of a test, a participle describing a risk, and a bare drug offered after a
# threshold do not decide an item's kind.


def test_a_test_timed_before_starting_a_drug_is_monitoring(nlp, run) -> None:
    text = D + "GP actions:\n- Repeat calcium before starting denosumab"
    assert found(nlp, run, text) == [("Repeat calcium before starting denosumab", "monitoring")]


def test_a_drug_stopped_before_starting_another_stays_prescribing(nlp, run) -> None:
    # Near miss: the item's own verb is a drug step.
    text = D + "GP actions:\n- Stop the clopidogrel before starting apixaban"
    assert [c for _, c in found(nlp, run, text)] == ["prescribing"]


def test_a_test_whose_reason_names_an_increased_risk_is_monitoring(nlp, run) -> None:
    text = D + "GP actions:\n- Yearly fasting glucose (increased risk of diabetes after steroids)"
    assert [c for _, c in found(nlp, run, text)] == ["monitoring"]


def test_a_bare_drug_offered_after_a_threshold_is_prescribing(nlp, run) -> None:
    text = D + "Please check his lipids in 3 months, and if his QRISK3 is above 10% offer atorvastatin 20 mg."
    assert found(nlp, run, text) == [
        ("Please check his lipids in 3 months", "monitoring"),
        ("if his QRISK3 is above 10% offer atorvastatin 20 mg", "prescribing"),
    ]


# Under a heading that gives the practice information, a line is a request only when it asks in words of its
# own.


def test_bare_lines_under_information_for_gp_are_not_requests(nlp, run) -> None:
    text = D + (
        "Information for GP:\nAmoxicillin 500 mg TDS - 3 days remaining (supplied).\nGood adherence.\n"
        "Please repeat her CRP in 1 week.\n\nFollow up: none"
    )
    assert found(nlp, run, text) == [("Please repeat her CRP in 1 week", "monitoring")]


def test_bare_lines_under_actions_for_gp_are_still_requests(nlp, run) -> None:
    # Near miss: a heading that lists asks.
    text = D + "Actions for GP:\nCRP in 1 week\nBP review in 2 weeks\n\nFollow up: none"
    assert [c for _, c in found(nlp, run, text)] == ["monitoring", "review"]


# A repeat-list edit that names no drug of its own after ";" is the edit of the drug before it.


def test_remove_from_repeat_after_a_semicolon_stays_with_its_drug(nlp, run) -> None:
    text = D + "GP plan:\n1. U&E 1/52\n2. indapamide - do not restart; please take off repeat\n3. BP r/v 2/52"
    assert found(nlp, run, text) == [
        ("U&E 1/52", "monitoring"),
        ("indapamide - do not restart; please take off repeat", "prescribing"),
        ("BP r/v 2/52", "review"),
    ]


def test_another_drug_added_after_a_semicolon_is_its_own_item(nlp, run) -> None:
    # Near miss: a drug of its own after ";" (fixtures/README: still two items after ";").
    text = D + "GP plan:\n1. stop the naproxen; add co-codamol 30/500 to repeat"
    assert len(found(nlp, run, text)) == 2


def test_incl_does_not_end_a_sentence(nlp, run) -> None:
    text = D + "For GP:\n- yearly physical health check incl. ECG, lipids and weight"
    assert found(nlp, run, text) == [
        ("yearly physical health check incl. ECG, lipids and weight", "monitoring"),
    ]


# Chasing a pending result and acting on it is one results item, however joined.


def test_chase_a_pending_result_and_act_on_it_after_a_comma_is_one_item(nlp, run) -> None:
    text = D + "GP actions:\n- chase the wound swab, result awaited, and adjust the flucloxacillin if needed"
    assert found(nlp, run, text) == [
        ("chase the wound swab, result awaited, and adjust the flucloxacillin if needed", "results"),
    ]


def test_chase_and_a_standalone_referral_are_two(nlp, run) -> None:
    # Near miss: a request that stands alone, not a step on the result.
    text = D + "GP actions:\n- chase the wound swab, result awaited, and refer her to the district nurses"
    assert len(found(nlp, run, text)) == 2


# "Plan - GP:" heads the practice's list; an offer to see the patient again on no referral is no ask.


def test_plan_dash_gp_heads_the_practices_list(nlp, run) -> None:
    text = D + "Plan - GP:\n1) U&E in 1 week\n2) review in 6 weeks\n\nNo clinic appointment has been made."
    assert found(nlp, run, text) == [("U&E in 1 week", "monitoring"), ("review in 6 weeks", "review")]


def test_an_offer_to_see_again_is_not_a_request(nlp, run) -> None:
    text = D + "GP actions:\n- review in 4 weeks; if the pain persists, we are happy to see her again"
    assert found(nlp, run, text) == [("review in 4 weeks", "review")]


def test_happy_to_see_again_on_a_new_referral_is_still_a_referral(nlp, run) -> None:
    # Near miss: a referral is asked for.
    text = D + "GP actions:\n- review in 4 weeks; if pain persists, we are happy to see her on re-referral"
    assert [c for _, c in found(nlp, run, text)] == ["review", "referral"]


def test_gp_follow_up_as_required_is_no_request(nlp, run) -> None:
    text = D + "Plan:\n- No cardiology input.\n- GP follow-up as needed.\n- Please check lipids in 3 months."
    assert found(nlp, run, text) == [("Please check lipids in 3 months", "monitoring")]


def test_gp_follow_up_with_a_time_is_a_review(nlp, run) -> None:
    # Near miss: a time of its own makes it an ask.
    text = D + "Plan:\n- GP follow-up in 2 weeks.\n- Please check lipids in 3 months."
    assert [c for _, c in found(nlp, run, text)] == ["review", "monitoring"]


def test_chase_and_a_step_on_a_finding_of_its_own_are_two(nlp, run) -> None:
    # Near miss: a step on a finding of its own ("if positive"), as the dev golds keep it apart.
    text = D + "GP actions:\n- chase the stool antigen, result awaited, and give eradication if positive"
    assert len(found(nlp, run, text)) == 2


def test_a_bare_test_under_information_for_gp_is_still_asked(nlp, run) -> None:
    # Near miss: a terse test with its time reads as an ask under any practice heading.
    text = D + "Information for GP:\nGood adherence.\nFerritin in 3 months.\n\nFollow up: none"
    assert found(nlp, run, text) == [("Ferritin in 3 months", "monitoring")]


# What the writer would usually do, told as a habit, is no ask.


def test_a_habit_of_the_writer_is_no_request(nlp, run) -> None:
    text = D + (
        "At this stage we would usually pass the monitoring over to the practice. "
        "Please check her FBC and LFTs every 3 months."
    )
    assert found(nlp, run, text) == [("Please check her FBC and LFTs every 3 months", "monitoring")]


def test_a_habit_with_an_ask_in_the_same_sentence_keeps_the_ask(nlp, run) -> None:
    # Near miss: the sentence asks in words of its own.
    text = D + "We would usually pass the monitoring over to you, so please check her FBC every 3 months."
    assert [c for _, c in found(nlp, run, text)] == ["monitoring"]


def test_a_normal_result_needing_no_action_is_no_request(nlp, run) -> None:
    text = D + "GP actions:\n- U&E in 1 week\n- CT abdomen 02/10/26 - normal (no further action)"
    assert found(nlp, run, text) == [("U&E in 1 week", "monitoring")]


def test_an_abnormal_result_to_act_on_is_still_a_request(nlp, run) -> None:
    # Near miss: an ask on the result.
    text = D + "GP actions:\n- U&E in 1 week\n- CT abdomen 02/10/26 - small hernia, please refer to surgeons"
    assert ("please refer to surgeons", "referral") in found(nlp, run, text)


def test_contact_the_family_to_book_takes_the_kind_of_what_is_named_before(nlp, run) -> None:
    text = D + "GP actions:\n- epilepsy review within 4 weeks - practice to contact family to book"
    assert [c for _, c in found(nlp, run, text)] == ["review"]


def test_contact_the_family_about_something_else_stays_its_own_kind(nlp, run) -> None:
    # Near miss: the contact is not to book what is named before.
    text = D + "GP actions:\n- epilepsy review within 4 weeks - practice to contact family about school"
    assert [c for _, c in found(nlp, run, text)] == ["other"]


# A drug step on a condition of its own, after an arrow, "followed by" or a spaced "/" with a query mark, acts
# on what the test or review before it finds: two items (fixtures/README "One item or two").


@pytest.mark.parametrize(
    ("line", "items"),
    [
        (
            "- HR and BP r/v 2/52 -> ↑ bisoprolol to 5 mg OD if HR >90 at rest",
            [
                ("HR and BP r/v 2/52", "review"),
                ("↑ bisoprolol to 5 mg OD if HR >90 at rest", "prescribing"),
            ],
        ),
        (
            "- check U&E in 1 week → restart ramipril once creatinine is stable",
            [
                ("check U&E in 1 week", "monitoring"),
                ("restart ramipril once creatinine is stable", "prescribing"),
            ],
        ),
        (
            "- FBC in 1/52, followed by ferrous fumarate 210 mg BD for 3/12 if Hb <100",
            [
                ("FBC in 1/52", "monitoring"),
                ("ferrous fumarate 210 mg BD for 3/12 if Hb <100", "prescribing"),
            ],
        ),
        (
            "- U&E in 1/52 as furosemide reduced / ?restart 80 mg if weight up >2 kg",
            [
                ("U&E in 1/52 as furosemide reduced", "monitoring"),
                ("?restart 80 mg if weight up >2 kg", "prescribing"),
            ],
        ),
    ],
)
def test_a_conditional_drug_step_after_an_arrow_or_followed_by_is_its_own_item(nlp, run, line, items) -> None:
    assert found(nlp, run, D + "Actions for GP:\n" + line) == items


@pytest.mark.parametrize(
    "line",
    [
        # a dose change written with an arrow is one step
        "- amlodipine 5 mg -> 10 mg if BP above 140",
        # a condition after an arrow after a drug step adjusts that step (round 23: after a test, "U&E 1/52 ->
        # if K+ >5.5 stop spironolactone" is two items, as the conventions join a test and its step "however
        # joined"; tests/test_requests_r23.py)
        "- restart spironolactone 12.5 mg -> if K+ >5.5 stop it",
    ],
)
def test_an_arrow_inside_one_step_stays_one(nlp, run, line) -> None:
    assert len(found(nlp, run, D + "Actions for GP:\n" + line)) == 1
