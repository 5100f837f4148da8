"""la_requests round 16: how a sentence splits into items (a second "if you could" ask, a second drug whose
verb is left out, a test after "+" with a time of its own, a sentence a page break cut in two), a condition
that points back at the part before it ("if it has not", "if it is positive"), statements that are no
request (what a drug does next, what the patient has been told, a job title, a part headed "Not for the
practice"), a terse "to continue", and kinds read from the words that ask. Every wording is this file's own;
each family has a look-alike that must stay as it is."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


G = D + "GP actions:\n"


def test_second_if_you_could_ask_is_its_own_item(nlp, run):
    text = D + (
        "I would be grateful if you could repeat his lipids in 3 months, and also if you could add ezetimibe "
        "10 mg daily to his repeat prescription."
    )
    got = found(nlp, run, text)
    assert len(got) == 2
    assert got[1][0].endswith("add ezetimibe 10 mg daily to his repeat prescription")
    assert got[1][1] == "prescribing"


def test_if_you_could_report_back_stays(nlp, run):
    # Near miss: "and if you could let us know" reports the result back, in the same item.
    text = D + (
        "I would be grateful if you could check her TSH in 6 weeks and if you could let us know the result."
    )
    assert len(found(nlp, run, text)) == 1


def test_second_drug_with_its_verb_left_out(nlp, run):
    text = G + (
        "Please increase the candesartan to 16 mg daily as tolerated, and amlodipine towards 10 mg if BP "
        "allows."
    )
    got = found(nlp, run, text)
    assert [c for _, c in got] == ["prescribing", "prescribing"]
    assert got[1][0] == "amlodipine towards 10 mg if BP allows"


@pytest.mark.parametrize(
    "one",
    [
        "Please increase the amlodipine to 5 mg and then to 10 mg after a month",
        "Please reduce the prednisolone by 1 mg a month and step down to 5 mg by the summer",
    ],
)
def test_same_drug_step_stays_one_item(nlp, run, one):
    assert [t for t, _ in found(nlp, run, G + one + ".")] == [one]


def test_test_after_a_review_is_its_own_item(nlp, run):
    got = found(nlp, run, G + "GP r/v 1/52 + FBC at the same visit (Hb 92 on discharge).")
    assert [c for _, c in got] == ["review", "monitoring"]
    assert got[1][0].startswith("FBC at the same visit")


@pytest.mark.parametrize("one", ["Wt + U&E 1/52", "FBC + ferritin in 4 weeks"])
def test_tests_named_together_stay_one_item(nlp, run, one):
    assert [t for t, _ in found(nlp, run, G + one)] == [one]


def test_elliptical_condition_step_after_the_review_is_its_own_item(nlp, run):
    text = G + (
        "Please see him in 8 weeks to check whether the new inhaler has helped his cough; if it has not, "
        "please refer him to the respiratory clinic."
    )
    # round 17 (fixtures/README, one item or two): the referral on what the review finds is its own item
    assert found(nlp, run, text) == [
        ("Please see him in 8 weeks to check whether the new inhaler has helped his cough", "review"),
        ("if it has not, please refer him to the respiratory clinic", "referral"),
    ]


def test_test_hanging_on_the_check_before_is_its_own_item(nlp, run):
    text = G + "Please see her at 2 weeks, including a urine dip, and send an MSU if it is positive."
    # round 17 (fixtures/README, one item or two): the test on what the visit's dip finds is its own item
    assert found(nlp, run, text) == [
        ("Please see her at 2 weeks, including a urine dip", "review"),
        ("send an MSU if it is positive", "monitoring"),
    ]


def test_own_test_and_step_stay_apart_from_the_item_before(nlp, run):
    # Near miss: "it" is the ferritin the step's own check measures, not the item before.
    text = G + (
        "Please prescribe lancets and test strips, plus check her ferritin and start iron if it is below 30."
    )
    # (round 17, fixtures/README one item or two: and the step on the ferritin is its own item too)
    assert found(nlp, run, text) == [
        ("Please prescribe lancets and test strips", "prescribing"),
        ("check her ferritin", "monitoring"),
        ("start iron if it is below 30", "prescribing"),
    ]


def test_what_a_drug_does_next_is_no_request(nlp, run):
    text = G + "Please stop clopidogrel after 12 months; aspirin then continues alone."
    assert [t for t, _ in found(nlp, run, text)] == ["Please stop clopidogrel after 12 months"]


def test_what_the_patient_was_told_is_no_request(nlp, run):
    text = D + "She knows she can be referred back if the swelling returns."
    assert found(nlp, run, text) == []


def test_referral_back_in_the_passive_still_asks(nlp, run):
    # Near miss: the same open door said to the practice.
    assert len(found(nlp, run, D + "She can be referred back if the swelling returns.")) == 1


def test_job_title_under_a_gp_heading_is_no_request(nlp, run):
    text = G + "Please check her U&E in 1 week.\n\nDr R Okafor\nSpeciality Registrar, Respiratory Medicine"
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her U&E in 1 week"]


def test_part_headed_not_for_the_practice_asks_nothing(nlp, run):
    text = D + (
        "Actions for the practice:\nPlease check his U&E in 1 week.\n\nNot for the practice:\n"
        "A cardiac MRI will be considered at the next clinic.\n\nFollow-up: clinic in 3 months."
    )
    assert [t for t, _ in found(nlp, run, text)] == ["Please check his U&E in 1 week"]


def test_terse_to_continue_under_a_gp_heading_asks(nlp, run):
    text = G + "Edoxaban to continue for 6 months; we will decide on the length in the VTE clinic."
    assert [t for t, _ in found(nlp, run, text)] == ["Edoxaban to continue for 6 months"]


def test_sentence_cut_by_a_page_break_is_one_request(nlp, run):
    text = G + (
        "Please ask the practice nurse to weigh her weekly, and to ring the heart failure team if she is\n\n"
        "more than 2 kg over her dry weight."
    )
    got = found(nlp, run, text)
    # (round 17, fixtures/README one item or two: the report back with a condition of its own is its own item,
    # and it runs on past the page break)
    assert [c for _, c in got] == ["monitoring", "results"]
    assert got[1][0].endswith("over her dry weight")


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("GP to consider colonoscopy referral if the bleeding recurs.", "referral"),
        ("Please change Seretide to Relvar Ellipta 92/22 on his repeat.", "prescribing"),
        ("If the pain returns on the lower dose, go back to the previous dose.", "prescribing"),
        ("U&E at next visit please.", "monitoring"),
    ],
)
def test_kind_read_from_what_is_asked(nlp, run, ask, kind):
    assert [c for _, c in found(nlp, run, G + ask)] == [kind]


def test_referral_sent_after_a_test_keeps_the_tests_kind(nlp, run):
    # Near miss: a referral named after the test is not what the request opens on.
    text = G + "Please arrange an audiogram and re-submit the referral with the result attached."
    assert [c for _, c in found(nlp, run, text)] == ["monitoring"]
