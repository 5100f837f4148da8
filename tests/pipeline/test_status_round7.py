"""la_status, round 7: families other writers use for follow-up ownership and the fit note, decided by the
conventions in fixtures/README.md. Each test words the family in its own way, not as a letter did."""

from __future__ import annotations

import pytest
from spacy.language import Language
from status_text import fit, owner

from letter_audit.pipeline.sentences import sentence_spans


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests", "la_status")


# --- a safety net to the practice is not a planned GP review -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please see her if the swelling does not settle.",
        "Could you see him if the pain does not settle.",
        "If the swelling does not settle, please see her.",
        "Should the rash return, please review her.",
        "GP to review if not settling.",
    ],
)
def test_a_conditional_review_by_the_gp_leaves_the_owner_unclear(nlp, run, text):
    assert owner(nlp, run, text) == ("unclear", "")


@pytest.mark.parametrize(
    "text",
    [
        "Please see her in 4 weeks to check the swelling has settled.",
        "Please review her in 6 weeks to see if the rash has cleared.",
        "Please review her in 2 weeks and if her BP is still high, increase amlodipine to 10 mg.",
        "Please review him in 4 weeks and, if the rash has not cleared, refer to dermatology.",
    ],
)
def test_a_planned_review_by_the_gp_is_gp_follow_up(nlp, run, text):
    assert owner(nlp, run, text)[0] == "gp"


def test_a_conditional_review_gives_way_to_a_planned_one(nlp, run):
    text = "Please see her if the swelling does not settle. Please review her BP in 2 weeks."
    assert owner(nlp, run, text)[0] == "gp"


# --- care handed back to the practice, bare discharges --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("We are happy for her care to continue in primary care.", "fu-care-to-gp"),
        ("Her care can continue with you.", "fu-care-to-gp"),
        ("I have returned her to your care.", "fu-care-to-gp"),
        ("He has been returned to your care.", "fu-care-to-gp"),
        ("Back to the GP for ongoing management.", "fu-care-to-gp"),
        ("She is back to her GP for routine monitoring.", "fu-care-to-gp"),
        ("Discharged.", "fu-discharged"),
        ("Plan: Discharged.", "fu-discharged"),
        ("I don't think she needs to be seen again.", "fu-no-need-return"),
        ("I do not think he needs any further follow-up.", "fu-no-need-return"),
        ("She doesn't need any further follow up from us.", "fu-no-need-return"),
        ("I have not booked him a further clinic appointment.", "fu-not-arranged"),
    ],
)
def test_care_handed_back_with_no_review_is_no_follow_up(nlp, run, text, rule):
    assert owner(nlp, run, text) == ("none", rule)


def test_care_handed_back_with_a_review_asked_is_the_gps(nlp, run):
    text = "Her care can continue with you; please review her in 3 months."
    assert owner(nlp, run, text)[0] == "gp"


def test_discharged_home_from_the_ward_is_not_a_discharge_from_care(nlp, run):
    assert owner(nlp, run, "She was discharged home on 12/03/2026 with her husband.")[0] == "unclear"


# --- other writers' hospital plans -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("We will keep an eye on him via the virtual clinic.", "fu-keep-under-review"),
        ("I'll catch up with her after the MRI.", "fu-we-will-see"),
        ("He is to be seen by the community team.", "fu-passive-plan"),
        ("I'd like to see him again in 6 months.", "fu-we-will-see"),
    ],
)
def test_other_writers_hospital_plans(nlp, run, text, rule):
    assert owner(nlp, run, text) == ("hospital", rule)


# --- fit note ---------------------------------------------------------------------------------------------


def test_a_form_question_and_its_answer_stay_one_sentence():
    text = "Fit note required? No. Is he sure? No one knows."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Fit note required? No. Is he sure?",
        "No one knows.",
    ]


@pytest.mark.parametrize(
    "text", ["Fit note required? No.", "Fit note needed? N - retired.", "Sick note required? No"]
)
def test_fit_note_question_answered_no(nlp, run, text):
    assert fit(nlp, run, text) == ("not_needed", "fit-not-needed")


@pytest.mark.parametrize(
    "text",
    [
        "He works as a delivery driver.",
        "Occupation: scaffolder.",
        "He has had a vasectomy. Occupation: chef.",
    ],
)
def test_a_job_alone_is_no_clear_need(nlp, run, text):
    assert fit(nlp, run, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Fracture of the right ankle, in a cast.\nOccupation: chef.",
        "Laparoscopic cholecystectomy today. He works as a delivery driver.",
    ],
)
def test_a_job_with_an_episode_that_stops_work_is_missing(nlp, run, text):
    assert fit(nlp, run, text) == ("missing", "fit-occupation-stated")


@pytest.mark.parametrize(
    "text", ["Retired accountant.", "She is a student nurse.", "He is a retired postman."]
)
def test_retired_or_student_stated_is_not_needed(nlp, run, text):
    assert fit(nlp, run, text) == ("not_needed", "fit-not-working")


# --- second probe batch: other writers' wordings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'll give her a ring in a fortnight.", ("hospital", "fu-we-will-see")),
        ("I'll ring him with the results.", ("hospital", "fu-we-will-see")),
        ("See again after MRI.", ("hospital", "fu-see-in")),
        ("Review after the CT scan.", ("hospital", "fu-see-in")),
        ("The CMHT will see her within 7 days.", ("hospital", "fu-third-party-will")),
        ("No need for further hospital input.", ("none", "fu-no-need-return")),
        ("We will not be seeing her again routinely.", ("none", "fu-no-need-return")),
        ("I see no reason to see him again.", ("none", "fu-no-need-return")),
        ("There is no need for her to come back.", ("none", "fu-no-need-return")),
        ("He does not need to be seen in clinic again.", ("none", "fu-no-need-return")),
        ("She will see you in a week to review her BP.", ("gp", "fu-gp-follow")),
        ("He will make an appointment to see you in 2 weeks.", ("gp", "fu-gp-follow")),
        ("She has been asked to book a GP appointment in 2 weeks for a wound check.", ("gp", "fu-gp-follow")),
        ("Further follow up in primary care.", ("gp", "fu-gp-follow")),
    ],
)
def test_second_batch_of_writers_wordings(nlp, run, text, expected):
    assert owner(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She knows to see you if things get worse.",
        "He should see his GP if the symptoms recur.",
        "We'll write with the result and decide then.",
    ],
)
def test_safety_nets_and_undecided_plans_stay_unclear(nlp, run, text):
    assert owner(nlp, run, text)[0] == "unclear"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Social: retired, lives with wife.", ("not_needed", "fit-not-working")),
        ("SH: lives with her husband; retired.", ("not_needed", "fit-not-working")),
        ("She has returned to work.", ("not_needed", "fit-working")),
        ("He is unable to return to his job as a roofer for at least 6 weeks.", ("missing", "fit-off-work")),
    ],
)
def test_second_batch_of_fit_note_wordings(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Knee arthroscopy today. He works as a plumber and spends much of the day kneeling.",
            ("missing", "fit-occupation-stated"),
        ),
        ("He is self-employed and has chosen not to have a fit note.", ("not_needed", "fit-declined")),
    ],
)
def test_third_batch_of_fit_note_wordings(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He will continue under the care of the diabetes team.", ("hospital", "fu-remains-under")),
        ("He will be kept under surveillance in the nodule clinic.", ("hospital", "fu-keep-under-review")),
        ("She'll hear from us with a date.", ("hospital", "fu-in-touch")),
        # la_requests now takes the whole ask as its request (round 11), which starts first: still the GP's
        ("I'd be grateful if you'd review her in 4 weeks.", ("gp", "fu-gp-request")),
        ("She will continue under the care of her GP.", ("gp", "fu-remains-with-gp")),
        ("She remains under the care of her GP.", ("gp", "fu-remains-with-gp")),
        ("He will be kept under review by his GP.", ("gp", "fu-gp-follow")),
    ],
)
def test_third_batch_of_writers_wordings(nlp, run, text, expected):
    assert owner(nlp, run, text) == expected
