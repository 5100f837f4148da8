"""la_status, round 8 phase 2: follow-up and fit-note families and template shapes from three new writers,
decided by fixtures/README.md. The wordings are written for these tests, not taken from a letter."""

from __future__ import annotations

import pytest
from spacy.language import Language
from status_text import fit, owner

from letter_audit.pipeline.status_ticks import blank_unchosen


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests", "la_status")


# --- the hospital's plan, in other shapes -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Follow-up at two years with a repeat scan.",
        "See again in 1 year.",
        "Rheumatology outpatients in 4 months.",
        "A welfare call from the day unit nurses on Monday.",
        "The community physiotherapy team (trust service) will make a home visit next week.",
        "Her appointment has been rescheduled for the new year.",
        "Her existing appointment in the lupus clinic still stands.",
        "Next appt: stoma nurse clinic 2 weeks.",
    ],
)
def test_other_shapes_of_a_hospital_plan(nlp, run, text):
    assert owner(nlp, run, text)[0] == "hospital"


def test_a_team_row_of_an_owner_table_is_the_hospitals(nlp, run):
    table = "Action | Owner | When\nWound clinic review | Tissue viability team | 3 weeks\n"
    assert owner(nlp, run, table) == ("hospital", "fu-owner-row")


def test_a_practice_row_of_an_owner_table_is_not_the_hospitals(nlp, run):
    table = "Action | Owner | When\nBlood pressure review | GP | 3 weeks\n"
    assert owner(nlp, run, table)[0] != "hospital"


def test_a_review_in_years_handed_to_the_practice_is_not_the_hospitals(nlp, run):
    assert owner(nlp, run, "Review in 2 years at the GP practice.")[0] != "hospital"


def test_a_booking_appointment_with_the_midwife_is_not_follow_up(nlp, run):
    text = (
        "Her booking appointment is arranged by the communi"
        "ty midwives. Please see her in 1 week to weigh her."
    )
    assert owner(nlp, run, text)[0] == "gp"


def test_a_field_that_says_none_is_not_a_hospital_plan(nlp, run):
    assert owner(nlp, run, "Follow-up | None from the hospital team.")[0] != "hospital"


# --- none, in longer names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No further day hospital or inpatient follow-up.",
        "No Care of the Elderly clinic follow-up is planned.",
        "She has been discharged from respiratory follow-up.",
    ],
)
def test_longer_names_of_no_follow_up(nlp, run, text):
    assert owner(nlp, run, text)[0] == "none"


def test_a_virtual_ward_stay_ended_with_no_follow_up_is_none(nlp, run):
    text = "He was admitted to the virtual ward on 2 May. There is no further follow-up from the hospital."
    assert owner(nlp, run, text)[0] == "none"


# --- the practice's review, and treatment tasks that are not one ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Yearly thyroid review in primary care from now on, please.",
        "We would be grateful if you could review his diagnosis and medicines annually.",
    ],
)
def test_reviews_handed_to_the_practice(nlp, run, text):
    assert owner(nlp, run, text)[0] == "gp"


@pytest.mark.parametrize(
    "text",
    [
        "Sputum culture is still awaited - please follow up.",
        "We have asked the practice to give him his missed catch-up vaccinations.",
        "GP to check whether she needs a bisphosphonate.",
        "Please review the response to mirabegron at 8 weeks.",
    ],
)
def test_treatment_tasks_do_not_make_the_gp_the_owner(nlp, run, text):
    assert owner(nlp, run, text)[0] != "gp"


# --- fit note ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Fit note: Y - 3 weeks.", "issued"),
        ("He was offered a fit note but declined it.", "not_needed"),
        ("A sick note was declined.", "not_needed"),
        ("Fit note not relevant (long retired).", "not_needed"),
        ("She works in a bakery and is going back to work on Thursday.", "not_needed"),
        ("You told us you had not needed any time off, so no fit note is needed.", "not_needed"),
        ("He has not worked since the operation in March.", "missing"),
        ("She hasn't been at work for the last three weeks.", "missing"),
    ],
)
def test_fit_note_families(nlp, run, text, status):
    got = fit(nlp, run, text)
    assert got is not None and got[0] == status


def test_an_amputation_makes_a_stated_job_a_need(nlp, run):
    text = "Occupation: roofer\nShe had a left below-knee amputation on 3 May."
    assert fit(nlp, run, text) == ("missing", "fit-occupation-stated")


def test_a_terse_job_line_with_a_walker_boot_is_a_need(nlp, run):
    text = "Works in a warehouse\nTreated in a walker boot for the ankle."
    assert fit(nlp, run, text) == ("missing", "fit-occupation-stated")


def test_a_terse_job_line_alone_is_no_need(nlp, run):
    assert fit(nlp, run, "Works in a warehouse\nChest pain, ECG normal.") is None


# --- template boxes: a to-do list is not a form's unpicked options ---------------------------------------


def test_a_checklist_of_unticked_items_keeps_its_words():
    text = "ACTIONS FOR THE SURGERY\n[ ] Recheck the potassium in one week\n[ ] See him at three months\n"
    out, unpicked = blank_unchosen(text)
    assert unpicked == []
    assert "Recheck the potassium in one week" in out and "[ ]" not in out


def test_short_unticked_options_are_still_blanked():
    text = "Fit note:\n[ ] Issued\n[ ] GP to issue\n[x] Not required\n"
    out, unpicked = blank_unchosen(text)
    assert "Issued" not in out and "GP to issue" not in out and "Not required" in out
    assert len(unpicked) == 2


def test_an_unticked_checklist_item_is_read_as_the_practices_task(nlp, run):
    text = "GP TO DO\n[ ] Fit note for four weeks - he cannot lift at work, please provide\n"
    got = fit(nlp, run, text)
    assert got is not None and got[0] == "requested_from_gp"


def test_a_review_on_a_practice_checklist_is_the_gps(nlp, run):
    text = (
        "Things for the practice to do\n[ ] See her at six weeks to talk about stopping the tablets\n"
        "[ ] Repeat the full blood count in one month\n"
    )
    assert owner(nlp, run, text)[0] == "gp"


def test_a_review_on_a_checklist_for_no_one_named_stays_as_read(nlp, run):
    text = "Checklist\n[ ] Review in clinic in 6 weeks with the result\n[ ] Bloods on arrival at clinic\n"
    assert owner(nlp, run, text)[0] == "hospital"


@pytest.mark.parametrize(
    "text",
    [
        "Consider whether the diltiazem is still needed.",
        "Please keep his cholesterol and weight under review at his yearly chronic disease check.",
        "Could you make sure she is already known to the community podiatrists.",
        "Please check that he is being visited by the community nurses.",
    ],
)
def test_a_treatment_or_number_review_does_not_make_the_gp_the_owner(nlp, run, text):
    assert owner(nlp, run, "We have discharged her from clinic. " + text)[0] == "none"
