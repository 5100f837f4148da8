"""Round 24, post-measurement pass: GP action requests. False alarms after a GP list: the patient told what to
do ("Pt told to return to ED if ..."), a team's direct or nurse line with its number, the hospital's own
monitoring told in the passive in its own clinic ("FBC will be monitored in our ... clinic") or the patient
staying on in its programme, and the patient's own call back ("If his weight rises ... he will ring us").
Every wording is this file's own; each has a look-alike that must stay as it was."""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def texts(nlp: Language, body: str) -> list[str]:
    """Texts of the GP actions in a short discharge letter whose body is ``body``."""
    text = (
        "Dear Dr Hale,\n\nDischarge summary (acute medical unit).\n\n"
        + body
        + "\n\nYours sincerely,\nDr A Jones\n"
    )
    return [a.text for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


ASK = "GP actions:\n1. Please check U&E in 1 week.\n"


# The patient told or advised what to do, with the subject written, is the patient's, not the practice's.


@pytest.mark.parametrize(
    "line",
    [
        "Pt told to come back to ED if the redness spreads or she gets fevers.",
        "Patient advised to re-attend if pain worsens.",
        "She was told to return to the ward if the wound leaks.",
    ],
)
def test_the_patient_told_what_to_do_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, ASK + line) == ["Please check U&E in 1 week"]


def test_a_request_after_the_advice_still_asks(nlp: Language) -> None:
    # Near miss: an ask of its own on the line stays.
    found = texts(nlp, ASK + "2. Please review the wound at 5 days.")
    assert len(found) == 2


# A team's line with its number, under a GP heading.


@pytest.mark.parametrize(
    "line", ["Colorectal nurse line: 01632 960455", "SDEC direct line: 01632 960123 (09:00-17:00)"]
)
def test_a_teams_line_and_number_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, ASK + line) == ["Please check U&E in 1 week"]


# The hospital's own monitoring in its own clinic, and the patient staying on in the hospital's programme.


@pytest.mark.parametrize(
    "line",
    [
        "LFTs will be checked in our hepatology nurse clinic.",
        "His INR will continue to be monitored at the hospital's anticoagulation clinic.",
        "She remains under our community team for 3 more months.",
        "He stays in our rehab programme until March.",
    ],
)
def test_the_hospitals_own_monitoring_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, ASK + line) == ["Please check U&E in 1 week"]


def test_monitoring_at_the_practice_still_asks(nlp: Language) -> None:
    # Near miss: the test done by the practice is an ask.
    found = texts(nlp, ASK + "2. LFTs to be checked at the surgery in 4 weeks.")
    assert len(found) == 2


# The patient ringing the team back when a reading moves is the patient's call, not a report asked of the
# practice.


def test_the_patient_ringing_us_is_no_request(nlp: Language) -> None:
    body = ASK + "If her weight goes up by 2 kg in 2 days she will ring us on the heart failure line."
    assert texts(nlp, body) == ["Please check U&E in 1 week"]


def test_a_report_back_asked_of_the_practice_still_asks(nlp: Language) -> None:
    # Near miss: the practice asked to ring with a result.
    body = (
        "Please check her potassium in 1 week. If her potassium is above 5.5 please ring us on 01632 960733."
    )
    assert len(texts(nlp, body)) == 2


# Drugs spelt out inside brackets are the contents of the one thing asked for, not a second drug's item.


def test_drugs_in_brackets_spell_out_one_ask(nlp: Language) -> None:
    body = (
        "GP actions:\n- Please could you prescribe an infection rescue pack "
        "(amoxicillin 500 mg TDS for 5 days "
        "and prednisolone 30 mg OD for 5 days) for her to keep at home."
    )
    assert len(texts(nlp, body)) == 1


def test_two_dosed_drugs_outside_brackets_stay_two(nlp: Language) -> None:
    # Near miss: a second drug with a dose of its own outside brackets is its own item (fixtures/README).
    body = "GP actions:\n- Please start amlodipine 5 mg OD and atorvastatin 20 mg ON."
    assert len(texts(nlp, body)) == 2


# A register entry and the care-planning decisions recorded are two requests that stand alone.


@pytest.mark.parametrize(
    "line",
    [
        "Please add her to the palliative care register and record her DNACPR decision.",
        "Please put him on your supportive care register and document the ReSPECT form's decisions.",
    ],
)
def test_register_and_recorded_decisions_are_two_items(nlp: Language, line: str) -> None:
    assert len(texts(nlp, "GP actions:\n- " + line)) == 2


def test_a_test_and_its_recording_stay_one(nlp: Language) -> None:
    # Near miss: recording the reading of the test just asked for is its follow-through.
    assert len(texts(nlp, "GP actions:\n- Please check her BP in 2 weeks and record the reading.")) == 1


# A telephone or video appointment the patient could not be reached for is the remote clinic's did-not-attend:
# "GP to re-refer" after it hands the missed appointment back.


def rules(nlp: Language, text: str) -> list[str | None]:
    return [a.rule for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


@pytest.mark.parametrize(
    "outcome",
    [
        "Patient not contactable for his telephone clinic appointment (called twice).",
        "Telephone consultation booked for 10:30; rang twice but no answer.",
    ],
)
def test_an_unanswered_telephone_clinic_is_a_did_not_attend(nlp: Language, outcome: str) -> None:
    text = (
        "Dear Dr Hale,\n\nRespiratory Telephone Clinic\n\n" + outcome + "\n\nOutcome: discharged. "
        "GP to re-refer if still breathless.\n\nYours sincerely,\nDr A Jones\n"
    )
    assert rules(nlp, text) == ["dna_rereferral"]


def test_a_telephone_clinic_held_is_no_did_not_attend(nlp: Language) -> None:
    # Near miss: the call answered and held; a re-referral left open is a safety net.
    text = (
        "Dear Dr Hale,\n\nRespiratory Telephone Clinic\n\nI spoke to him by telephone today; his cough has "
        "settled.\n\nOutcome: discharged. GP to re-refer if still breathless."
        "\n\nYours sincerely,\nDr A Jones\n"
    )
    assert rules(nlp, text) == [None]


# An antipsychotic depot named by the drug then the word "depot" is the long-acting injection the shared-care
# list holds.


def test_a_drug_then_depot_is_shared_care(nlp: Language) -> None:
    text = (
        "Dear Dr Hale,\n\nCommunity Mental Health Team\n\nHis mental state is stable.\n\nPlease could the "
        "practice prescribe and administer his zuclopenthixol depot every 3 weeks."
        "\n\nYours sincerely,\nDr A Jones\n"
    )
    assert rules(nlp, text) == ["shared_care"]


def test_the_oral_drug_is_not_shared_care(nlp: Language) -> None:
    # Near miss: the same drug by mouth is the practice's own prescribing.
    text = (
        "Dear Dr Hale,\n\nCommunity Mental Health Team\n\nHe is settled.\n\nPlease could the practice add "
        "flupentixol 1 mg OD to his repeat.\n\nYours sincerely,\nDr A Jones\n"
    )
    assert rules(nlp, text) == [None]


# A list opened by the hospital's own "The ... team will:" is the team's plan, however its items are worded.


def test_the_teams_own_will_list_is_no_request(nlp: Language) -> None:
    body = (
        "Our diabetes team will:\n- check her HbA1c in 3 months\n- keep adjusting the insulin until her "
        "sugars settle, then write to ask you to add it to repeat\n- phone her weekly\n\n"
        "No action is needed from the practice at present."
    )
    assert texts(nlp, body) == []


def test_an_item_naming_the_practice_under_the_teams_list_still_asks(nlp: Language) -> None:
    # Near miss: the item that turns to the practice is its ask; a GP list after a blank line is the GP's.
    body = (
        "We will:\n- phone her weekly\n- ask the practice to check her U&E in 1 week, please\n\n"
        "GP actions:\n- Please review her BP in 4 weeks."
    )
    assert len(texts(nlp, body)) == 2
