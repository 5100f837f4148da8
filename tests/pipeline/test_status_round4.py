"""la_status, round 4: follow-up phrasing families written by new authors, one test per family."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "She has been placed on a patient-initiated follow-up (PIFU) pathway for 12 months.",
        "He is on PIFU for 6 months and can ring our team directly if flares continue.",
        "We have moved her to patient initiated follow up; she can book an appointment herself.",
    ],
)
def test_patient_initiated_follow_up_is_the_hospitals(owner, text):
    assert owner(text) == ("hospital", "fu-pifu")


@pytest.mark.parametrize(
    "text",
    [
        "He is to attend the fracture clinic in 1 week.",
        "She should attend the virtual fracture clinic next week.",
        "Please attend the eye clinic on 12/03/2026 at 10:30.",
    ],
)
def test_to_attend_a_clinic_is_hospital_follow_up(owner, text):
    assert owner(text) == ("hospital", "fu-to-attend")


@pytest.mark.parametrize(
    "text",
    [
        "If the pain worsens she should attend the Emergency Department.",
        "She did not attend her clinic appointment.",
        "He was asked to return to the ward if he had any bleeding.",
    ],
)
def test_safety_netting_and_missed_visits_are_not_follow_up(owner, text):
    assert owner(text) == ("unclear", "")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("You will be sent a further appointment in 6 months.", "fu-will-be-seen"),
        ("She will be sent an appointment for the chest clinic.", "fu-will-be-seen"),
        ("She will receive a telephone call from the specialist nurse.", "fu-offered"),
        ("We will write to her with an appointment date.", "fu-come-back"),
    ],
)
def test_an_appointment_that_will_be_sent_is_hospital_follow_up(owner, text, rule):
    assert owner(text) == ("hospital", rule)


def test_a_call_from_the_practice_is_not_hospital_follow_up(owner):
    assert owner("You will receive a call from your GP practice.") == ("unclear", "")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("He will come back to see me in six months.", "fu-come-back"),
        ("Return to clinic in three months.", "fu-come-back"),
        ("See in 3 months.", "fu-see-in"),
        ("Review in 8 weeks with X-ray on arrival.", "fu-abbrev-interval"),
        ("Next review: 6 months, consultant clinic.", "fu-field-hospital"),
        ("Our foot MDT podiatrists will see him weekly in the foot clinic.", "fu-third-party-will"),
        ("He has been referred to our pain management programme, which starts in January.", "fu-we-referred"),
    ],
)
def test_hospital_plans_in_other_words(owner, text, rule):
    assert owner(text) == ("hospital", rule)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("We are returning his care to you; if still concerned, send a fresh referral.", "fu-discharged"),
        ("She does not need further orthopaedic follow-up and has been discharged.", "fu-no-need-return"),
        ("He no longer needs renal clinic follow-up.", "fu-no-need-return"),
        ("I have not booked an appointment at this stage.", "fu-not-arranged"),
        ("Outcome | No hospital follow-up arranged.", "fu-none"),
    ],
)
def test_discharged_from_our_care_is_no_follow_up(owner, text, rule):
    assert owner(text) == ("none", rule)


@pytest.mark.parametrize(
    "text",
    [
        "I would be happy to see her again should the need arise.",
        "We will gladly see her again if she deteriorates.",
        "Happy to see again if symptoms recur.",
        "We would be pleased to review him if you have any concerns in future.",
    ],
)
def test_a_conditional_offer_to_see_again_is_no_follow_up(owner, text):
    assert owner(text) == ("none", "fu-conditional-offer")


def test_a_planned_review_with_a_sooner_if_needed_stays_hospital(owner):
    assert owner("I will see her again in 3 months, or sooner if needed.") == (
        "hospital",
        "fu-we-will-see",
    )


def test_remains_under_your_care_is_gp_follow_up(owner):
    text = "I have not booked an appointment at this stage and she remains under your care."
    assert owner(text) == ("gp", "fu-remains-with-gp")


@pytest.mark.parametrize(
    "text",
    [
        "No further follow-up is needed from us. GP to calculate his QRISK and discuss a statin at his next "
        "routine appointment.",
        "No hospital follow-up. Please review whether she still needs the omeprazole.",
    ],
)
def test_gp_tasks_are_not_gp_follow_up(owner, text):
    assert owner(text)[0] == "none"


def test_a_gp_review_of_the_patient_is_gp_follow_up(owner):
    text = "He no longer needs renal clinic follow-up; please see him in 4 weeks to review his diabetes."
    assert owner(text)[0] == "gp"


def test_gp_actions_none_alone_leaves_the_owner_unclear(owner):
    assert owner("Stopped furosemide.\nGP actions: none.\n") == ("unclear", "")


@pytest.mark.parametrize(
    "text",
    [
        "We will see her again in 6 months to check control.\nOutcome: discharged from respiratory clinic.\n",
        "OUTCOME: Discharged to GP care\nI will see her again in the diabetes clinic in 4 months.\n",
    ],
)
def test_a_plan_to_see_again_and_a_discharge_contradict(owner, text):
    assert owner(text) == ("unclear", "fu-contradictory")


@pytest.mark.parametrize(
    "text",
    [
        "OUTPATIENT REVIEW\nDear Dr Yousef\nShe has been discharged from our service.\n",
        "Outpatient Review - Respiratory Medicine\nHe did not attend and has been discharged to your care.\n",
    ],
)
def test_the_letters_title_is_not_a_follow_up_plan(owner, text):
    assert owner(text)[0] == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Clinic 08/10/2026; typed 13/10/2026\nDear Dr Kaur\n",
        "Seen in ILD clinic 20/11/2025 (MDT discussion 13/11/2025)\n",
        "Clinic | Outpatient review, 30/10/2026, Mr D Adeyemi-Clarke\n",
    ],
)
def test_a_line_reporting_this_visit_is_not_a_plan(owner, text):
    assert owner(text) == ("unclear", "")


def test_a_past_pre_operative_assessment_is_not_follow_up(owner):
    text = "He was given a fit note for 2 weeks at his pre-operative assessment on 03/11/2026."
    assert owner(text) == ("unclear", "")


def test_a_fit_note_not_needed_from_the_practice_is_not_a_request(status_nlp, run):
    text = (
        "He was given a fit note for 2 weeks at his pre-operative assessment; no further fit note is needed "
        "from the practice."
    )
    fit = run(status_nlp, text)._.fit_note
    assert (fit["status"], fit["rule"]) == ("issued", "fit-issued-given")


def test_a_follow_up_field_saying_no_hospital_follow_up_cancels_its_own_words(owner):
    # "Follow-up | No" must not swallow the "No" of "No hospital follow-up arranged"
    assert owner("Follow-up | No hospital follow-up arranged.")[0] == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have asked to see him again in 6 months.", ("hospital", "fu-arranged-to-see")),
        ("Our secretary will be in touch with an appointment.", ("hospital", "fu-in-touch")),
        ("He will hear from us about a date for his surgery.", ("hospital", "fu-in-touch")),
        ("Appointment to follow.", ("hospital", "fu-in-touch")),
        ("She has been added to the waiting list for a hip replacement.", ("hospital", "fu-waiting-list")),
        ("I have discharged him, but would be happy to see him again.", ("none", "fu-discharged")),
        ("We will not be arranging any routine follow-up.", ("none", "fu-will-not-send")),
        ("There is no need for us to see him again.", ("none", "fu-will-not-send")),
        ("Review by GP in 6 weeks.", ("gp", "fu-gp-follow")),
        ("Ongoing follow-up under the GP.", ("gp", "fu-gp-follow")),
    ],
)
def test_more_writers_ways_of_saying_who_follows_up(owner, text, expected):
    assert owner(text) == expected


def test_discharged_with_medicines_is_not_discharged_from_care(owner):
    assert owner("We have discharged her with a 5 day course of amoxicillin.") == ("unclear", "")


@pytest.mark.parametrize(
    "text",
    [
        "Please could you discuss smoking cessation with him.",
        "Please consider a statin at his annual review.",
        "Please review the need for omeprazole in 3 months.",
        "GP to review bloods in 1 week.",
        "GP to re-check U&E in 1 week and adjust furosemide.",
        "Sertraline is on hold - GP to decide re restarting.",
        "GP please f/u bloods 1/52",
    ],
)
def test_gp_tasks_alone_leave_the_owner_unclear(owner, text):
    assert owner(text) == ("unclear", "")


@pytest.mark.parametrize(
    "text",
    [
        "Please see her in 2 weeks to review the rash.",
        "Please review her at the practice in 6 weeks.",
        "GP to review in 2 weeks.",
    ],
)
def test_gp_reviews_of_the_patient_make_the_gp_the_owner(owner, text):
    assert owner(text)[0] == "gp"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Dr Patel will see her again in 3 months.", "fu-third-party-will"),
        ("She has an appointment with the respiratory nurses on 12/12/2026.", "fu-on-our-list"),
        ("Repeat colonoscopy in 3 years (we will send for her).", "fu-on-our-list"),
        ("He is on our waiting list.", "fu-on-our-list"),
        ("I will keep her on my list for a year.", "fu-on-our-list"),
        ("TCI for surgery 12/01/2027", "fu-opa"),
        ("Follow-up will be via the fracture clinic.", "fu-with-team"),
        ("Follow up as planned in the lung cancer clinic.", "fu-with-team"),
    ],
)
def test_named_clinicians_lists_and_booked_visits_are_hospital(owner, text, rule):
    assert owner(text) == ("hospital", rule)


def test_the_gp_named_is_not_a_hospital_clinician(owner):
    assert owner("Her GP, Dr Patel, will see her next week.")[0] != "hospital"


def test_a_results_call_and_a_discharge_do_not_contradict(owner):
    text = "We will telephone her with the biopsy result. She has been discharged from clinic."
    assert owner(text) == ("hospital", "fu-we-will-see")
