"""la_status on follow-up, fit note and contact phrasings first met in letters by new writers."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Community midwife home visit on 19/09/2026 (day 4).", ("hospital", "fu-team-to-visit")),
        ("Community midwife: first home visit 25/08/2026.", ("hospital", "fu-team-to-visit")),
        (
            "Repeat OGD has been requested by us; he will receive the date by post.",
            ("hospital", "fu-offered"),
        ),
        (
            "The Palliative Care CNS (our community team) will phone on 11/11/2026.",
            ("hospital", "fu-third-party-will"),
        ),
        ("Our memory nurse, Jade, will telephone you in four weeks.", ("hospital", "fu-third-party-will")),
        ("HF nurse clinic already booked 01/12", ("hospital", "fu-booked")),
        ("PE clinic FU 3/12 (letter to follow)", ("hospital", "fu-booked")),
        ("He has accepted a new appointment for 20/10/2026.", ("hospital", "fu-offered")),
        ("We have arranged her next annual review in 12 months.", ("hospital", "fu-we-arranged-review")),
        (
            "Follow-up\nHaemoglobinopathy day unit review in 2 weeks.\n",
            ("hospital", "fu-hospital-in-section"),
        ),
        ("Outcome | APPOINTMENT to be made at a later date", ("hospital", "fu-appointment-to-be-made")),
        ("You will not need another hospital appointment.", ("none", "fu-no-need-return")),
        ("FU: nil from ED", ("none", "fu-none")),
        (
            "In line with the access policy she has been removed from our waiting list.",
            ("none", "fu-discharged"),
        ),
        ("D/c back to GP as per trust DNA policy.", ("none", "fu-discharged")),
        ("We have discharged you back to the care of your GP.", ("none", "fu-discharged")),
        ("He has been discharged from the Frailty at Home service.", ("none", "fu-discharged")),
    ],
)
def test_follow_up_phrasings(owner, text, expected):
    assert owner(text) == expected


def test_seen_by_the_practice_nurse_is_gp_follow_up(owner):
    # fu-seen-at-practice, or fu-gp-request when la_requests reads the sentence as a review request
    assert owner("Please could she be seen by the practice asthma nurse within 2 working days.")[0] == "gp"


def test_explicit_back_to_gp_outranks_a_service_named_elsewhere(owner):
    text = "Follow-up: back to GP. Community therapy team referral made for falls."
    assert owner(text) == ("gp", "fu-field-gp")


def test_review_of_treatment_does_not_make_the_gp_the_owner(owner):
    assert owner("I'd be grateful if you could review his blood pressure medication.") == (
        "unclear",
        "",
    )
    assert owner("Please review her in 3 months.")[0] == "gp"


def test_conditional_gp_review_yields_to_a_stated_none(owner):
    text = "FU: nil from ED\ngp to review if pain not settling 1/52\n"
    assert owner(text)[0] == "none"


def test_visit_asked_of_the_practice_is_not_hospital_follow_up(owner):
    text = (
        "Could the practice please ask the district nursing team to review the ulcer within a week. "
        "Also please review her pain control in 2 weeks."
    )
    assert owner(text) == ("gp", "fu-gp-request")


@pytest.mark.parametrize(
    ("text", "status", "rule"),
    [
        ("Her breast care nurse issued a fit note for 4 weeks from today.", "issued", "fit-issued-active"),
        (
            "Works as a plasterer. Advised to rest for two weeks before returning to work.",
            "missing",
            "fit-off-work",
        ),
        ("Builder. Cannot lift or work until the wound heals.", "missing", "fit-off-work"),
        # a driving job is a need only with an episode that stops work (round 7, fixtures/README.md)
        ("Vitrectomy today.\nOccupation: HGV driver.", "missing", "fit-occupation-stated"),
        ("No fit note was needed as he is between jobs.", "not_needed", "fit-not-needed"),
        ("off work 1/52, self-cert", "not_needed", "fit-not-working"),
        (
            "He drives a van and is advised not to work for a week; he will get his fit note from you.",
            "requested_from_gp",
            "fit-requested-req-fit-note-from-gp",
        ),
    ],
)
def test_fit_note_phrasings(status_nlp, run, text, status, rule):
    fit = run(status_nlp, text)._.fit_note
    assert (fit["status"], fit["rule"]) == (status, rule)


def test_a_driving_job_alone_is_no_clear_need(status_nlp, run):
    assert run(status_nlp, "Occupation: HGV driver.\n")._.fit_note is None


def test_a_medicine_that_does_not_work_is_not_a_patient_out_of_work(status_nlp, run):
    assert run(status_nlp, "Levetiracetam would be the next step if that does not work.")._.fit_note is None


def test_home_treatment_team_number_is_a_contact_point(status_nlp, run):
    contact = run(status_nlp, "Home Treatment Team (24 hours): 01632 960 745\n")._.contact_point
    assert contact is not None and contact["detail"] == "01632 960 745"


@pytest.mark.parametrize(
    "text",
    [
        "She was seen by her GP last week with chest pain.",
        "A GP appointment has been booked for next week by the patient.",
    ],
)
def test_past_gp_visits_and_gp_bookings_are_not_follow_up_cues(owner, text):
    assert owner(text) == ("unclear", "")


def test_keen_to_return_to_activities_is_not_off_work(status_nlp, run):
    assert run(status_nlp, "She is keen to return to her walking group.")._.fit_note is None
