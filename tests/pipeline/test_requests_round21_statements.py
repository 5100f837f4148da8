"""Round 21: statements read as requests, and a few kinds and joins, found on new writers' passages.

A "GP follow-up" line over the asks is their heading; a line or clause saying what the ward already did
("... given on the ward", "... informed by ward", "; 2 weeks supplied") tells, it does not ask; the
patient's own line ("Pt to ...") and a parent's instruction in a letter to the family are theirs; a line's
hours ("... is available if ...") are no ask. A practice review after "No ... follow-up;" is still asked; a
second purpose ("... to check X and to consider Y") stays with its visit; a wound or operation-site check
is review and a step down of a dose prescribing; "... check with GP as usual" names the practice. Each has
a look-alike that stays as it was. Wordings are this file's own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


@pytest.mark.parametrize("heading", ["GP follow-up", "GP follow up", "GP f/u"])
def test_a_gp_follow_up_heading_is_not_a_request(nlp, run, heading: str) -> None:
    text = D + f"{heading}\nPlease review his inhaler technique in 4 weeks."
    assert [t for t, _ in found(nlp, run, text)] == ["Please review his inhaler technique in 4 weeks"]


def test_a_gp_follow_up_line_with_its_time_is_still_a_request(nlp, run) -> None:
    # Near miss: the line holds its own time, so it is the ask, not a heading.
    text = D + "Plan\n- GP follow-up in 2 weeks for wound check."
    assert [t for t, _ in found(nlp, run, text)] == ["GP follow-up in 2 weeks for wound check"]


@pytest.mark.parametrize(
    "line",
    [
        "- Patient leaflet 1/52 given on ward",
        "- School nurse informed by ward",
        "- Pharmacy notified by the ward team",
    ],
)
def test_a_line_saying_what_the_ward_did_is_not_a_request(nlp, run, line: str) -> None:
    text = D + "GP to\n- Check his weight in 2 weeks\n" + line
    assert [t for t, _ in found(nlp, run, text)] == ["Check his weight in 2 weeks"]


def test_a_line_asking_the_practice_to_inform_is_still_a_request(nlp, run) -> None:
    # Near miss: the practice is asked to tell the school nurse, nothing is reported done.
    text = D + "GP to\n- Check his weight in 2 weeks\n- Please inform the school nurse"
    assert [t for t, _ in found(nlp, run, text)] == [
        "Check his weight in 2 weeks",
        "Please inform the school nurse",
    ]


def test_a_supply_already_given_after_a_semicolon_is_not_a_request(nlp, run) -> None:
    text = D + "Please prescribe naproxen 500 mg BD with food; 2 weeks supplied."
    assert [t for t, _ in found(nlp, run, text)] == ["Please prescribe naproxen 500 mg BD with food"]


def test_a_supply_to_be_given_after_a_semicolon_is_still_read(nlp, run) -> None:
    # Near miss: "to be supplied" is still to do, so the clause is still read as asked.
    text = D + "Please prescribe naproxen 500 mg BD with food; 2 weeks to be supplied."
    assert [t for t, _ in found(nlp, run, text)] == [
        "Please prescribe naproxen 500 mg BD with food",
        "2 weeks to be supplied",
    ]


def test_the_patients_own_line_under_a_gp_heading_is_not_a_request(nlp, run) -> None:
    text = (
        D + "Actions for GP\n- Pt to arrange weight check at the surgery in 2/52\n- Pt to keep a food diary"
    )
    assert found(nlp, run, text) == []


def test_a_practice_line_under_the_same_heading_is_still_a_request(nlp, run) -> None:
    # Near miss: the practice is the owner.
    text = D + "Actions for GP\n- Weight check at the surgery in 2/52\n- Pt to keep a food diary"
    assert [t for t, _ in found(nlp, run, text)] == ["Weight check at the surgery in 2/52"]


# A letter headed to the practice that turns to the family ("Dear Mr and Mrs Brook, thank you for ...").
FAMILY = (
    "Children's Outpatients\nRiverside General Hospital\nDate of letter: 14/11/2026\n"
    "Dr A Patel\nHillview Surgery\nDear Dr Patel\nRe: Noah Brook DOB 02/03/2019\n"
    "Dear Mr and Mrs Brook, thank you for bringing Noah to clinic today.\n"
)


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    """The whole pipeline (the sentence classifier reads where in the letter a line sits)."""
    from letter_audit.pipeline import build_pipeline

    return build_pipeline()


def test_a_parents_instruction_in_a_letter_to_the_family_is_not_a_request(full_nlp, run) -> None:
    ask = (
        "Please give Noah one sachet of the Movicol every evening and write down how often he opens his"
        " bowels for the next month."
    )
    assert found(full_nlp, run, FAMILY + ask) == []


def test_a_line_for_the_practice_in_the_same_letter_is_still_a_request(full_nlp, run) -> None:
    # Near miss: the practice is named as the one to prescribe.
    ask = "Could the GP please prescribe Movicol Paediatric one sachet each evening"
    assert [t for t, _ in found(full_nlp, run, FAMILY + ask + ".")] == [ask]


def test_a_line_open_if_she_is_unwell_is_not_a_request(nlp, run) -> None:
    ask = "I would be grateful if you could stop her naproxen"
    text = D + ask + "; our haematology line (01632 960 555) is available if she develops a fever."
    assert [t for t, _ in found(nlp, run, text)] == [ask]


def test_a_review_after_no_hospital_follow_up_and_a_semicolon_is_asked(nlp, run) -> None:
    text = D + "Plan\n- No routine urology follow-up; please see him at 3 months to check his symptoms"
    assert [t for t, _ in found(nlp, run, text)] == ["please see him at 3 months to check his symptoms"]


def test_no_follow_up_alone_asks_nothing(nlp, run) -> None:
    # Near miss: no ask after the semicolon.
    text = D + "Plan\n- No routine urology follow-up; he is happy with this"
    assert found(nlp, run, text) == []


def test_a_second_purpose_stays_with_its_review(nlp, run) -> None:
    ask = "Please review him in 3 weeks to check the rash has gone and to consider whether he needs cream"
    assert [t for t, _ in found(nlp, run, D + ask + ".")] == [ask]


def test_a_step_after_the_review_purpose_is_still_its_own_item(nlp, run) -> None:
    # Near miss: no "to" before the second verb, so it is a step of its own on what the review finds.
    text = D + "Please review him in 3 weeks to check the rash and consider stopping the doxycycline."
    assert [t for t, _ in found(nlp, run, text)] == [
        "Please review him in 3 weeks to check the rash",
        "consider stopping the doxycycline",
    ]


def test_an_operation_site_check_is_review(nlp, run) -> None:
    text = D + "Please could the practice nurse inspect the drain site in 1 week."
    assert found(nlp, run, text) == [
        ("Please could the practice nurse inspect the drain site in 1 week", "review")
    ]


def test_a_blood_check_stays_monitoring(nlp, run) -> None:
    # Near miss: a test, not a look at the patient.
    text = D + "Please could the practice nurse check the potassium in 1 week."
    assert found(nlp, run, text) == [
        ("Please could the practice nurse check the potassium in 1 week", "monitoring")
    ]


def test_a_wound_check_riding_with_suture_removal_stays_other(nlp, run) -> None:
    # Near miss: one aftercare item, suture removal and a look at the wound.
    ask = "Please could the practice nurse take out the sutures at day 10 and inspect the wound"
    assert found(nlp, run, D + ask + ".") == [(ask, "other")]


def test_stepping_down_a_dose_is_prescribing(nlp, run) -> None:
    text = D + "Please review her in 8 weeks, and step down the inhaler dose if her asthma is settled."
    assert [c for _, c in found(nlp, run, text)] == ["review", "prescribing"]


def test_a_check_with_gp_as_usual_is_a_request(nlp, run) -> None:
    text = D + "Follow up\nMidwife to visit tomorrow. 6-8 week baby check with GP as usual."
    assert found(nlp, run, text) == [("6-8 week baby check with GP as usual", "review")]


def test_a_gp_letter_named_in_a_line_is_not_a_request(nlp, run) -> None:
    # Near miss: the GP names a letter, not who does the check.
    text = D + "Follow up\nMidwife to visit tomorrow. Her BP check results were sent with GP letter."
    assert found(nlp, run, text) == []

