"""Round 21: asks the first annotators split that the rules kept as one item, and categories of items that
stood alone but read as another kind (fixtures/README "One item or two"): "followed by" a named review, a
second drug with its own directions or its own verb and dose, the arrow shorthand for a dose change before
"+", a dose moved with a plain verb, a wound check, further certification, an extension read from its
condition and "Ref" for refer. Each has a look-alike that must stay as it was. Wordings are this file's
own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def test_a_named_review_followed_after_a_test_is_its_own_item(nlp, run) -> None:
    text = D + "Please recheck his lipids in 12 weeks followed by a statin review at the practice."
    assert found(nlp, run, text) == [
        ("Please recheck his lipids in 12 weeks", "monitoring"),
        ("a statin review at the practice", "review"),
    ]


def test_followed_by_no_review_stays_one(nlp, run) -> None:
    # Near miss: "followed by" a spell off the drug is no second step.
    text = D + "Please repeat her ferritin in 6 weeks followed by 2 weeks off iron."
    assert len(found(nlp, run, text)) == 1


def test_a_second_drug_with_its_own_directions_after_plus_is_its_own_item(nlp, run) -> None:
    text = D + "Please continue Symbicort 200/6 one puff twice daily + terbutaline when required."
    assert found(nlp, run, text) == [
        ("Please continue Symbicort 200/6 one puff twice daily", "prescribing"),
        ("terbutaline when required", "prescribing"),
    ]


def test_bloods_as_needed_after_plus_stay_with_the_test(nlp, run) -> None:
    # Near miss: a test, not a drug, carries the directions.
    text = D + "Please check her U&E + LFTs as required."
    assert len(found(nlp, run, text)) == 1


def test_a_second_drug_with_a_long_name_and_its_own_dose_is_its_own_item(nlp, run) -> None:
    text = D + "Please prescribe paracetamol 1 g as required and modified release nifedipine 20 mg daily."
    assert found(nlp, run, text) == [
        ("Please prescribe paracetamol 1 g as required", "prescribing"),
        ("modified release nifedipine 20 mg daily", "prescribing"),
    ]


def test_building_the_same_drug_back_up_stays_one(nlp, run) -> None:
    # Near miss: "build back to 5 mg" is the same drug's next step, not a second drug named with a dose.
    text = D + "Please restart ramipril at 2.5 mg daily and build back to 5 mg."
    assert len(found(nlp, run, text)) == 1


def test_two_drug_steps_each_with_a_verb_and_dose_are_two_items(nlp, run) -> None:
    text = D + "Please continue bisoprolol 5 mg and add ivabradine 2.5 mg twice daily."
    assert found(nlp, run, text) == [
        ("Please continue bisoprolol 5 mg", "prescribing"),
        ("add ivabradine 2.5 mg twice daily", "prescribing"),
    ]


def test_the_same_drug_taken_further_stays_one(nlp, run) -> None:
    # Near miss: "increase it" is the same drug.
    text = D + "Please start lisinopril 5 mg and increase it to 10 mg after 2 weeks."
    assert len(found(nlp, run, text)) == 1


def test_two_dosed_drug_steps_on_the_repeat_list_stay_one(nlp, run) -> None:
    # Near miss: an edit of the repeat list for two drugs is one item (fixtures/README).
    text = D + "Please stop omeprazole 20 mg and add lansoprazole 30 mg to her repeat."
    assert len(found(nlp, run, text)) == 1


def test_an_arrow_dose_change_before_a_plus_test_is_two_items(nlp, run) -> None:
    text = D + "Pls ↓ furosemide to 40mg + U&E 1/52"
    assert found(nlp, run, text) == [("Pls ↓ furosemide to 40mg", "prescribing"), ("U&E 1/52", "monitoring")]


def test_two_tests_joined_by_plus_stay_one(nlp, run) -> None:
    # Near miss: tests named together.
    text = D + "Pls FBC + U&E 1/52"
    assert len(found(nlp, run, text)) == 1


def test_a_test_plus_a_gapped_dose_step_is_two_items(nlp, run) -> None:
    text = D + "GP to:\n- HR check 1/52 + bisoprolol up to 5mg if HR >70"
    assert found(nlp, run, text) == [
        ("HR check 1/52", "monitoring"),
        ("bisoprolol up to 5mg if HR >70", "prescribing"),
    ]


def test_a_dose_moved_with_a_plain_verb_is_prescribing(nlp, run) -> None:
    text = D + "Please check her pulse in a week and, if it is above 100, please go up by 25 mg."
    assert found(nlp, run, text)[-1] == ("if it is above 100, please go up by 25 mg", "prescribing")


def test_going_up_to_see_someone_is_not_a_dose(nlp, run) -> None:
    # Near miss: "go up to" with no dose.
    text = D + "Please check her pulse in a week and, if it is above 100, please go up to see the nurse."
    assert found(nlp, run, text)[-1][1] != "prescribing"


def test_a_wound_check_alone_is_a_review(nlp, run) -> None:
    text = D + "Please arrange a wound check with the practice nurse at 10 days."
    assert [c for _, c in found(nlp, run, text)] == ["review"]


def test_a_wound_check_with_clip_removal_stays_other(nlp, run) -> None:
    # Near miss: the removal makes it routine aftercare.
    text = D + "Please arrange clip removal and a wound check with the practice nurse at 10 days."
    assert [c for _, c in found(nlp, run, text)] == ["other"]


def test_further_certification_is_a_fit_note(nlp, run) -> None:
    text = D + "She has a fit note. Further certification, if required, can be provided by her GP."
    assert [c for _, c in found(nlp, run, text)] == ["fit_note"]


def test_an_extension_read_from_its_condition_is_a_fit_note(nlp, run) -> None:
    text = D + "A fit note runs to 2/12. Please see her next week and extend it if she is still off work."
    assert found(nlp, run, text)[-1] == ("extend it if she is still off work", "fit_note")


def test_a_renewal_whose_condition_is_not_work_is_not_a_fit_note(nlp, run) -> None:
    # Near miss: the condition says nothing of work.
    text = D + "Please see her next week and extend it if she is still in pain."
    assert all(c != "fit_note" for _, c in found(nlp, run, text))


def test_ref_shorthand_for_a_service_is_a_referral(nlp, run) -> None:
    text = D + "GP actions\n- Ref podiatry for L foot callus"
    assert found(nlp, run, text) == [("Ref podiatry for L foot callus", "referral")]


def test_ref_of_a_reference_number_is_no_referral(nlp, run) -> None:
    # Near miss: "Ref" names the letter's reference.
    text = D + "GP actions\n- Ref: podiatry clinic 4471/B - please check her foot pulses in 2 weeks"
    assert all(c != "referral" for _, c in found(nlp, run, text))


def test_what_a_result_would_qualify_her_for_is_no_request(nlp, run) -> None:
    text = D + "If her ferritin stays under 15 she would be eligible for an iron infusion."
    assert found(nlp, run, text) == []


def test_a_referral_asked_when_she_qualifies_is_still_a_request(nlp, run) -> None:
    # Near miss: an ask of its own beside the same words.
    text = D + "Please refer her for an iron infusion, as she would be eligible for one."
    assert [c for _, c in found(nlp, run, text)] == ["referral"]


def test_a_question_the_patient_raised_is_no_request(nlp, run) -> None:
    text = D + "He asked whether his GP could refer him to a podiatrist; his feet are fine and he will wait."
    assert found(nlp, run, text) == []


def test_a_patient_question_with_our_own_ask_is_still_a_request(nlp, run) -> None:
    # Near miss: the writer asks the practice in the same sentence.
    text = D + "He asked whether his GP could refer him to a podiatrist, so please refer him."
    assert [c for _, c in found(nlp, run, text)] == ["referral"]


def test_an_ask_to_another_hospital_team_is_no_request(nlp, run) -> None:
    text = D + "Microbiology, please advise the ward on the antibiotic choice."
    assert found(nlp, run, text) == []


def test_an_ask_to_the_practice_team_by_name_is_still_a_request(nlp, run) -> None:
    # Near miss: the practice addressed the same way.
    text = D + "GP team, please review her antibiotic choice in 5 days."
    assert [c for _, c in found(nlp, run, text)] == ["review"]


def test_do_not_hesitate_to_re_refer_is_the_ask(nlp, run) -> None:
    text = D + "Please do not hesitate to re-refer him if the pain comes back."
    assert [c for _, c in found(nlp, run, text)] == ["referral"]


def test_do_not_hesitate_to_contact_us_is_still_no_request(nlp, run) -> None:
    # Near miss: an offer of contact, not a step for the practice.
    text = D + "Please do not hesitate to contact me if the pain comes back."
    assert found(nlp, run, text) == []


def test_a_bare_gp_follow_up_heading_opens_a_gp_section(nlp, run) -> None:
    text = D + "GP f/u\nBP r/v 4/52 after the amlodipine start"
    assert found(nlp, run, text) == [("BP r/v 4/52 after the amlodipine start", "review")]


def test_gp_follow_up_with_a_time_is_still_an_item(nlp, run) -> None:
    # Near miss: a line that says when is the ask itself, not a heading.
    text = D + "GP f/u in 4/52 re BP"
    assert [t for t, _ in found(nlp, run, text)] == ["GP f/u in 4/52 re BP"]


def test_a_dated_review_and_the_step_on_it_are_two_items(nlp, run) -> None:
    text = D + "Please review the quetiapine at 8 weeks (by 15/01/2027) and reduce it if her sleep settles."
    assert found(nlp, run, text) == [
        ("Please review the quetiapine at 8 weeks (by 15/01/2027)", "review"),
        ("reduce it if her sleep settles", "prescribing"),
    ]


def test_a_reading_told_before_the_ask_is_still_no_test(nlp, run) -> None:
    # Near miss: "150/92" is a reading, a value told, not a date.
    text = D + "Amlodipine dose - BP 150/92 - please review and adjust."
    assert len(found(nlp, run, text)) == 1


def test_a_condition_with_its_own_step_before_a_semicolon_is_its_own_item(nlp, run) -> None:
    text = D + "GP to:\n- U&E 1/52; if Na <130 stop indapamide; r/v BP 2/52"
    assert found(nlp, run, text) == [
        ("U&E 1/52", "monitoring"),
        ("if Na <130 stop indapamide", "prescribing"),
        ("r/v BP 2/52", "review"),
    ]


def test_a_bare_condition_before_a_semicolon_still_opens_the_next_step(nlp, run) -> None:
    # Near miss: no step inside the condition.
    text = D + "GP to:\n- U&E 1/52; if Na <130; stop indapamide"
    assert [t for t, _ in found(nlp, run, text)] == ["U&E 1/52", "if Na <130; stop indapamide"]


def test_a_second_drug_given_by_count_and_frequency_is_its_own_prescribing_item(nlp, run) -> None:
    # Three round-21 writers gave bone protection so: a dosed drug, "and", then a count and how often.
    text = D + "Please start risedronate 35 mg once weekly and Accrete D3 one tablet twice daily."
    assert found(nlp, run, text) == [
        ("Please start risedronate 35 mg once weekly", "prescribing"),
        ("Accrete D3 one tablet twice daily", "prescribing"),
    ]


def test_a_count_that_tells_the_patient_how_to_take_the_same_drug_stays_one(nlp, run) -> None:
    # Near miss: "take two tablets" is how to take it, not a second drug.
    text = D + "Please prescribe codeine 30 mg as required and take two tablets at night if needed."
    assert len(found(nlp, run, text)) == 1
