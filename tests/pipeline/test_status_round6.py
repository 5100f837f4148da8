"""la_status, round 6: families met in outpatient letters of new specialties, letters to patients, and ED /
SDEC / day-case EPR templates (tick boxes, option lists, Y/N fields). Each test words the family in its own
way, not as the letter that showed it."""

from __future__ import annotations

import pytest
from spacy.language import Language
from status_text import HEAD as _HEAD
from status_text import fit, owner

from letter_audit.pipeline.status_ticks import blank_unchosen


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests", "la_status")


# --- template choices -------------------------------------------------------------------------------


def test_unticked_options_are_blanked_and_offsets_kept():
    text = "Outcome: [ ] Admit [X] Home ☐ Transfer\nPlain line."
    out, ranges = blank_unchosen(text)
    assert len(out) == len(text)
    assert (
        out == "Outcome: " + " " * len("[ ] Admit [X] ") + "Home " + " " * len("☐ Transfer") + "\nPlain line."
    )
    assert [text[s:e] for s, e in ranges] == ["[ ] Admit ", "☐ Transfer"]


def test_option_list_with_its_answer_keeps_only_the_answer():
    out, _ = blank_unchosen("Sick note: given / not needed / practice to provide: NOT NEEDED")
    assert out.split() == ["Sick", "note:", "NOT", "NEEDED"]


def test_a_slash_list_that_is_not_a_choice_is_left_alone():
    text = "Follow-up: GP / practice nurse: wound check in 5 days"
    assert blank_unchosen(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sick note: [ ] Given [x] Not needed (retired) [ ] Practice to provide",
            ("not_needed", "fit-not_needed-section"),
        ),
        ("Fit note: (x) Issued 2/52 ( ) Not required ( ) GP to issue", ("issued", "fit-issued-section")),
        ("Med3: issued / not required / GP to issue: NOT REQUIRED", ("not_needed", "fit-not_needed-section")),
    ],
)
def test_fit_note_template_reads_the_ticked_choice(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


def test_follow_up_template_reads_the_ticked_choice(nlp, run):
    text = "Follow up: [ ] None [ ] GP [x] Hand therapy clinic - appointment by post [ ] Fracture clinic"
    assert owner(nlp, run, text)[0] == "hospital"


# --- fit note -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He runs his own business and declined a sick note.", ("not_needed", "fit-declined")),
        ("She did not want a fit note as she can work around it.", ("not_needed", "fit-declined")),
        ("He teaches and has not needed any time off.", ("not_needed", "fit-no-time-off")),
        ("She is a cleaner and has not been off work.", ("not_needed", "fit-no-time-off")),
        ("He is not off work at present.", ("not_needed", "fit-no-time-off")),
        (
            "Her employer has given lighter duties so she won't need to take time off.",
            ("not_needed", "fit-no-time-off"),
        ),
        ("No time off required.", ("not_needed", "fit-no-time-off")),
        ("He took ill-health retirement from the fire service last year.", ("not_needed", "fit-not-working")),
        ("She was medically retired in 2019.", ("not_needed", "fit-not-working")),
        ("Sick note n/a.", ("not_needed", "fit-not-needed")),
        ("Off sick for three days and self-certifying.", ("not_needed", "fit-not-working")),
        ("He is 91 and does not work.", ("not_needed", "fit-not-working")),
        ("She has not been able to work for a fortnight.", ("missing", "fit-off-work")),
        ("He is not fit to return yet.", ("missing", "fit-off-work")),
    ],
)
def test_fit_note_families(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


def test_the_drug_does_not_work_is_not_about_employment(nlp, run):
    assert fit(nlp, run, "He says the gabapentin does not work for him.") is None


def test_an_extension_left_to_the_practice_judgement_keeps_the_issued_note(nlp, run):
    text = "Fit note\nIssued for 4 weeks (bricklayer). Practice to extend if required."
    assert fit(nlp, run, text)[0] == "issued"


# --- follow-up ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan that waits for a result is not an offer only if something happens
        ("I will review her again once the MRI results are available.", ("hospital", "fu-we-will-see")),
        ("We'll see him again when his bloods are back.", ("hospital", "fu-we-will-see")),
        # none: nothing booked, said in other words
        ("We are not arranging any further clinic appointments.", ("none", "fu-not-arranged")),
        ("Plan: PRN. Not offered a further appointment.", ("none", "fu-not-arranged")),
        ("You have open access to the stoma nurses for 3 months.", ("none", "fu-open-access")),
        (
            "The referral has been closed and she is discharged back to her referrer.",
            ("none", "fu-discharged"),
        ),
        ("Her pathway is now closed.", ("none", "fu-discharged")),
        # hospital: another way of saying the unit books it or writes with the result
        (
            "A repeat gastroscopy in 8 weeks will be booked by the endoscopy unit.",
            ("hospital", "fu-booked-by-us"),
        ),
        ("She will be written to with the histology.", ("hospital", "fu-results-letter")),
        ("Disposal: home, referred to the hand surgery clinic.", ("hospital", "fu-referred-clinic")),
        ("Outcome: referred to VFC.", ("hospital", "fu-referred-clinic")),
        ("Follow-up: community care coordinator visit within 48 hours.", ("hospital", "fu-field-hospital")),
    ],
)
def test_follow_up_families(nlp, run, text, expected):
    assert owner(nlp, run, text) == expected


def test_a_result_reviewed_by_the_consultant_is_not_a_visit(nlp, run):
    text = "Biopsy: will be reviewed by the surgeon.\nFollow up: not required."
    assert owner(nlp, run, text) == ("none", "fu-none")


def test_another_service_who_will_call_gives_way_to_no_hospital_follow_up(nlp, run):
    text = "Referred to the stop smoking service, who will phone her.\nNo hospital follow-up."
    assert owner(nlp, run, text)[0] == "none"


def test_a_return_the_team_will_decide_from_a_result_is_unclear(nlp, run):
    text = "Please do an ultrasound and copy me in; we will then decide if she needs to be seen again.\n"
    text += "No clinic appointment has been made."
    assert owner(nlp, run, text) == ("unclear", "fu-undecided")


def test_self_referral_back_to_the_fracture_clinic_is_no_referral(nlp, run):
    text = (
        "VFC review date: 20/11/2026.\nNo fracture clinic follow-up required. She can self-refer back to VFC."
    )
    assert owner(nlp, run, text)[0] == "none"


def test_a_call_back_in_a_clause_opened_by_if_is_no_plan(nlp, run):
    text = (
        "We are not booking another clinic visit. He can phone the nurses for 3 months; if the rash returns, "
        "call the advice line and we will review him."
    )
    assert owner(nlp, run, text)[0] == "none"


def test_fit_note_not_needed_in_a_list_of_gp_actions_is_no_ask(nlp, run):
    text = "Actions for GP\n* Please check her INR in 3 days.\n"
    text += "* Please remove sutures in 7 days.\n* Sick note n/a.\n"
    assert fit(nlp, run, text)[0] == "not_needed"


# --- contact ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Eastfield Community Mental Health Centre, Duty worker 01632 960 222", "01632 960 222"),
        ("Urology | Patient-initiated follow-up line 01632 960 333 | Page 2", "01632 960 333"),
    ],
)
def test_team_lines_with_words_a_practice_uses_are_contacts(nlp, run, line, number):
    cp = run(nlp, _HEAD + line)._.contact_point
    assert cp is not None and cp["detail"] == number


def test_an_advice_and_guidance_title_is_no_route(nlp, run):
    assert run(nlp, "Advice and Guidance - consultant reply\n" + _HEAD)._.contact_point is None
    cp = run(nlp, _HEAD + "Do ask again through Advice and Guidance.")._.contact_point
    assert cp is not None and cp["rule"] == "contact-advice-line"


# --- batch 3: more ways of saying the same ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She teaches and is working as normal.", ("not_needed", "fit-working")),
        ("He is back at work on light duties.", ("not_needed", "fit-working")),
        ("Self-employed electrician; no problems at work.", ("not_needed", "fit-working")),
        ("He has felt too breathless to work since August.", ("missing", "fit-off-work")),
        ("She does not feel well enough to return to work.", ("missing", "fit-off-work")),
        ("Roofer - told not to work at heights until reviewed.", ("missing", "fit-off-work")),
    ],
)
def test_fit_note_families_batch3(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Discharged from the physio-led clinic with open access for 3 months.", "none"),
        ("Under our access policy we have removed him from the waiting list.", "none"),
        ("Repeat serology at 3 and 6 months; she has been given the appointment dates.", "hospital"),
        ("Results: the lung nodule coordinator will discuss them with him.", "hospital"),
    ],
)
def test_follow_up_families_batch3(nlp, run, text, expected):
    assert owner(nlp, run, text)[0] == expected


def test_review_of_any_other_drugs_is_a_treatment_review(nlp, run):
    text = "Suggestions\n1. Please review any other blood-pressure-lowering drugs he may be taking."
    assert owner(nlp, run, text)[0] == "unclear"


def test_community_visits_give_way_to_gp_when_hospital_follow_up_is_ruled_out(nlp, run):
    text = (
        "No further hospital follow-up. District nurses will visit daily for dressings.\n"
        "Please review her in 2 weeks."
    )
    assert owner(nlp, run, text)[0] == "gp"


def test_surveillance_handed_to_the_practice_is_gp_follow_up_after_a_discharge(nlp, run):
    text = (
        "She is discharged from the thyroid clinic. Could you take over her nodule surveillance: ultrasound "
        "yearly, and please review her and re-refer if the nodule grows.\n"
    )
    assert owner(nlp, run, text)[0] == "gp"


def test_a_discharge_still_to_come_is_not_no_follow_up(nlp, run):
    text = (
        "The health visitor will visit weekly pending discharge from the health visiting team.\n"
        "Please review her blood pressure at 2 weeks.\n"
    )
    assert owner(nlp, run, text)[0] == "hospital"


def test_working_full_time_alone_says_nothing_of_a_fit_note(nlp, run):
    assert fit(nlp, run, "She is otherwise well and is working full time as a pharmacist.") is None


# --- probed wordings (no dev letter says these; each is a family a new writer may use) -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There is no plan for further outpatient follow-up.", ("none", "fu-will-not-see")),
        (
            "He will have a video consultation with the specialist nurse in 8 weeks.",
            ("hospital", "fu-patient-will-have"),
        ),
        ("She is discharged with open access to the clinic for 6 months.", ("none", "fu-open-access")),
        ("We have closed her referral.", ("none", "fu-discharged")),
        ("The crisis team will continue to see her daily.", ("hospital", "fu-third-party-will")),
        (
            "Seen by the physio today; the community physio will continue treatment.",
            ("hospital", "fu-third-party-will"),
        ),
        (
            "Outcome: admitted to the virtual ward; daily calls from the VW team.",
            ("hospital", "fu-virtual-ward"),
        ),
        ("She should make an appointment with her GP in 2 weeks for a BP check.", ("gp", "fu-gp-follow")),
    ],
)
def test_follow_up_probed_families(nlp, run, text, expected):
    assert owner(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fit note issued Y/N: N - not required", ("not_needed", "fit-not-needed")),
        ("Sick note needed: No", ("not_needed", "fit-not-needed")),
        ("She is a full-time carer for her husband and does not work.", ("not_needed", "fit-not-working")),
        ("He has been unemployed since 2020.", ("not_needed", "fit-not-working")),
    ],
)
def test_fit_note_probed_families(nlp, run, text, expected):
    assert fit(nlp, run, text) == expected


def test_a_bare_fit_note_issued_no_is_still_no_verdict(nlp, run):
    assert fit(nlp, run, "Fit note issued: N") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Follow-up required: N", ("none", "fu-none")),
        ("Follow up by: GP", ("gp", "fu-field-gp")),
        ("Disposal: fracture clinic", ("hospital", "fu-field-hospital")),
        ("Follow-up: ☒ Outpatient clinic ☐ GP ☐ None", ("hospital", "fu-field-hospital")),
    ],
)
def test_follow_up_template_fields(nlp, run, text, expected):
    assert owner(nlp, run, text) == expected


def test_patient_queries_line_is_the_team_route(nlp, run):
    cp = run(nlp, "Dermatology\nPatient queries: 01632 960 777\n" + _HEAD)._.contact_point
    assert cp is not None and cp["detail"] == "01632 960 777"
