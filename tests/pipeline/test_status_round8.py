"""la_status, round 8: follow-up, fit-note and contact families other writers use, decided by the
conventions in fixtures/README.md. The wordings are written for these tests, not taken from a letter."""

from __future__ import annotations

import pytest
from spacy.language import Language
from status_text import HEAD, fit, owner


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests", "la_status")


# --- the hospital's plan, in other words ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to see her again in 3 months.",
        "We are planning to review him after the summer.",
        "I have put him down for a further appointment in the autumn.",
        "We have put her on the list for a repeat colonoscopy.",
        "Booked for repeat endoscopy in 12 weeks.",
        "Listed for a left inguinal hernia repair.",
        "He is due back in the dressing clinic on Friday.",
    ],
)
def test_other_wordings_of_a_hospital_plan(nlp, run, text):
    assert owner(nlp, run, text)[0] == "hospital"


def test_a_booking_that_names_the_practice_is_not_the_hospitals(nlp, run):
    assert owner(nlp, run, "Booked for a review at the GP practice next week.")[0] != "hospital"


# --- care over: none --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I am happy to discharge her.", "fu-discharged"),
        ("We are content to discharge him back to your care.", "fu-discharged"),
        ("I'm discharging her.", "fu-discharged"),
        ("We have completed his care with us.", "fu-care-complete"),
        ("Her care with our team is now complete.", "fu-care-complete"),
        ("I will not be seeing her routinely.", "fu-will-not-see"),
        ("He won't need any further input from the rheumatology team.", "fu-will-not-see"),
        ("Nothing further to offer from a surgical point of view.", "fu-will-not-see"),
        ("No further input required from us.", "fu-will-not-see"),
    ],
)
def test_other_wordings_of_care_being_over(nlp, run, text, rule):
    assert owner(nlp, run, text) == ("none", rule)


@pytest.mark.parametrize(
    "text",
    [
        "We are happy to discharge her home today.",
        "Happy to discharge him with his usual medications.",
        "We are happy to discharge him once the drain is out.",
    ],
)
def test_a_discharge_from_the_ward_is_not_the_end_of_follow_up(nlp, run, text):
    assert owner(nlp, run, text) == ("unclear", "")


def test_a_plan_to_see_again_outranks_completed_treatment(nlp, run):
    text = "We have completed her treatment with us. I will see her in clinic in 6 months."
    assert owner(nlp, run, text)[0] == "hospital"


def test_no_further_specialist_input_with_a_gp_review_is_gp(nlp, run):
    text = "No further cardiology input is needed. Please review her BP in 2 weeks."
    assert owner(nlp, run, text)[0] == "gp"


# --- the practice asked to keep watch ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "GP to keep an eye on him.",
        "I would be grateful if you could keep an eye on her over the next few weeks.",
        "Please could the practice keep an eye on him.",
    ],
)
def test_keeping_an_eye_on_the_patient_is_gp_follow_up(nlp, run, text):
    assert owner(nlp, run, text) == ("gp", "fu-gp-follow")


@pytest.mark.parametrize(
    "text",
    ["Please keep an eye on her blood pressure.", "The GP has been keeping an eye on him."],
)
def test_keeping_an_eye_on_a_number_or_in_the_past_is_not(nlp, run, text):
    assert owner(nlp, run, text) == ("unclear", "")


# --- fit note ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He has been signed off work for 2 weeks.",
        "Signed off sick for a fortnight.",
        "She was issued with a statement of fitness for work for one month.",
        "He was issued with a MED3 covering 6 weeks.",
    ],
)
def test_other_wordings_of_a_fit_note_issued(nlp, run, text):
    assert fit(nlp, run, text)[0] == "issued"


def test_signed_off_by_the_gp_is_not_issued_by_the_hospital(nlp, run):
    text = "He has been signed off work by his GP for 2 weeks after the knee replacement."
    assert fit(nlp, run, text)[0] == "missing"


@pytest.mark.parametrize(
    "text", ["She may return to work straight away.", "He can go back to his job immediately."]
)
def test_back_to_work_at_once_needs_no_fit_note(nlp, run, text):
    assert fit(nlp, run, text) == ("not_needed", "fit-able-to-work")


def test_back_to_work_after_weeks_off_is_no_such_verdict(nlp, run):
    assert fit(nlp, run, "She can return to work in 6 weeks after the operation.")[0] == "missing"


# --- contact ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("For advice, please use Consultant Connect.", "contact-advice-line"),
        ("Any queries, contact the team via the ward.", "contact-advice-line"),
        ("Please get hold of me via my secretary.", "contact-advice-line"),
        ("Contact: x4567", "contact-extension"),
    ],
)
def test_other_routes_to_the_team(nlp, run, text, rule):
    cp = run(nlp, HEAD + text)._.contact_point
    assert cp is not None and cp["rule"] == rule


@pytest.mark.parametrize(
    "text",
    [
        "He was admitted via the ward.",
        "Room x1234 is on the second floor.",
        "Please ring the patient to arrange.",
    ],
)
def test_no_route_to_the_team(nlp, run, text):
    assert run(nlp, HEAD + text)._.contact_point is None


# --- round 8, second batch: letters to patients, rebooked visits, shorthand --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We'll give you a call in a fortnight to see how the new tablets are going.",
        "I have requested a further review for her in the spring.",
        "She stays on our surveillance programme with a scan each year.",
        "Follow-up: Mr O'Neill's clinic, 6 weeks.",
        "RTC 6/12 with bloods.",
        "We have rebooked his scan for next month.",
        "I will reschedule her appointment.",
    ],
)
def test_second_batch_of_hospital_plans(nlp, run, text):
    assert owner(nlp, run, text)[0] == "hospital"


def test_a_requested_gp_appointment_is_not_the_hospitals(nlp, run):
    assert owner(nlp, run, "We have requested a GP appointment for her next week.")[0] != "hospital"


@pytest.mark.parametrize(
    "text",
    [
        "I haven't made any plans to review him.",
        "There is no reason to bring him back to clinic.",
        "There is no indication for further specialist follow-up.",
    ],
)
def test_second_batch_of_no_follow_up(nlp, run, text):
    assert owner(nlp, run, text)[0] == "none"


# --- round 8, third batch ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Plan: flexible sigmoidoscopy in 8 weeks (to be booked by the endoscopy unit).",
        "His next appointment will be in the lipid clinic in the spring.",
    ],
)
def test_third_batch_of_hospital_plans(nlp, run, text):
    assert owner(nlp, run, text)[0] == "hospital"


def test_an_appointment_with_a_screening_service_is_not_the_teams_plan(nlp, run):
    assert (
        owner(nlp, run, "He has an appointment with the bowel screening service next month.")[0] != "hospital"
    )


@pytest.mark.parametrize(
    "text",
    [
        "We shall not be following him up.",
        "I don't intend to review her again.",
        "We have no intention of seeing him again in clinic.",
    ],
)
def test_third_batch_of_no_follow_up(nlp, run, text):
    assert owner(nlp, run, text)[0] == "none"


@pytest.mark.parametrize(
    "text",
    [
        "His own GP will review him after the holiday.",
        "Please make a practice nurse appointment for her in 10 days to check the wound.",
    ],
)
def test_third_batch_of_gp_follow_up(nlp, run, text):
    assert owner(nlp, run, text)[0] == "gp"


def test_the_gp_seeing_the_patient_only_if_needed_is_no_gp_plan(nlp, run):
    assert owner(nlp, run, "Her GP will see her if the wound breaks down.")[0] != "gp"


def test_plural_fit_notes_from_the_gp_are_requested(nlp, run):
    assert fit(nlp, run, "Any further sick notes should come from his GP.")[0] == "requested_from_gp"


@pytest.mark.parametrize(
    "text", ["He went back to his job on Monday.", "She has gone back to work part time."]
)
def test_back_at_work_already_needs_no_fit_note(nlp, run, text):
    assert fit(nlp, run, text)[0] == "not_needed"


def test_back_at_work_too_soon_is_not_that(nlp, run):
    assert fit(nlp, run, "He went back to work too early after the hernia repair.") is None


def test_through_the_switchboard_is_a_route(nlp, run):
    cp = run(
        nlp, HEAD + "The on-call urologist can be reached through the hospital switchboard."
    )._.contact_point
    assert cp is not None and cp["rule"] == "contact-advice-line"


# --- round 8, letters written to the patient ("you" is the patient) --------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("We signed you a fit note for three weeks.", "issued"),
        ("You were given a sick note for 10 days before you went home.", "issued"),
        ("As you are retired, this does not affect work.", "not_needed"),
        ("You must not go back to work until the wound has healed after the surgery.", "missing"),
        ("Please could you ask your GP for a fit note.", "requested_from_gp"),
    ],
)
def test_fit_note_in_a_letter_to_the_patient(nlp, run, text, status):
    assert fit(nlp, run, text)[0] == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You will receive a text message with your new appointment.", "hospital"),
        ("You are booked in for a check cystoscopy in 3 months.", "hospital"),
        ("The nurse specialists will ring you next week.", "hospital"),
        ("There is no reason for you to have any more clinic appointments.", "none"),
        ("You don't need to see the team again.", "none"),
        ("We have not scheduled another review.", "none"),
    ],
)
def test_follow_up_in_a_letter_to_the_patient(nlp, run, text, expected):
    assert owner(nlp, run, text)[0] == expected
