"""la_meta, round 13: general mechanisms for letter type, dates and specialty that nurse, pharmacist
and community-team writers need. Texts are invented for these tests and worded unlike the letters that
taught them; each family has a look-alike it must leave alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's own contact with the patient, who is named by first name
        (
            "Parkinson's Nurse Service\nDear Dr Bell\n"
            "I visited Maureen at her home on 3 May to go over her doses.\n",
            "clinic_letter",
        ),
        (
            "Community Respiratory Team\nDear Dr Cole\n"
            "I saw Tobias in the community this week with his daughter.\n",
            "clinic_letter",
        ),
        (
            "Eating Disorders Service\nDear Dr Ash\nPriya was seen by me on 2 June with her mother.\n",
            "clinic_letter",
        ),
        # a call-in contact or a named session with its date
        (
            "Rheumatology\nDear Dr Oakes\nAdvice line contact 12/03/2027: flare of knee pain.\n",
            "clinic_letter",
        ),
        ("Anticoagulation Service\nRe: Mr Dane - warfarin education session 04/04/2027\n", "clinic_letter"),
        ("CAMHS\nClinic attended: 09/02/2027\nDear Dr Frost\n", "clinic_letter"),
        # a missed appointment told in prose
        (
            "Respiratory Medicine\nDear Dr Hale\n"
            "Unfortunately Mr Ives did not attend his appointment today.\n",
            "clinic_letter",
        ),
        # a long title line ending in "clinic"
        ("COPD TEAM - NURSE LED VIRTUAL CLINIC\nDear Dr Moss\nWe spoke by phone.\n", "clinic_letter"),
    ],
)
def test_letter_type_round13(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


def test_a_unit_where_another_step_was_done_is_not_the_letters_kind(
    letter_type: Callable[[str], str],
) -> None:
    # a unit named as where something else was done does not make a nurse's review a discharge summary
    text = (
        "Heart Failure Nursing\nDear Dr Lane\nI reviewed Mr Keel on 02/03/2027. "
        "His furosemide was started in "
        "the ambulatory care unit last month and he has since been well.\n"
    )
    assert letter_type(text) == "clinic_letter"
    # look-alike: the letter's own ambulatory unit heading still names a discharge
    own = "Ambulatory Emergency Care Unit\nAttended 02/03/2027, discharged same day.\nDear Dr Lane\n"
    assert letter_type(own) == "discharge_summary"


def test_a_did_not_attend_at_ed_is_no_dna_letter(letter_type: Callable[[str], str]) -> None:
    # look-alike: a discharge summary that mentions the patient did not attend ED before is still one
    text = (
        "Discharge Summary - Ward 4\nDate of admission: 01/03/2027 Date of discharge: 05/03/2027\n"
        "She did not attend ED earlier despite the advice.\n"
    )
    assert letter_type(text) == "discharge_summary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an author field anywhere on a line, with the writer's grade before the date
        (
            "Ward 6 Discharge\nAdmitted 02/03/2027 Discharged 06/03/2027 "
            "Prepared by: Dr J. Moss, IMT2, 06/03/2027\n",
            {"letter": D(2027, 3, 6)},
        ),
        (
            "Surgical Unit\nSigned by Mr A. Kerr, ST5 General Surgery (14/05/2027)\n",
            {"letter": D(2027, 5, 14)},
        ),
        ("Medical Unit\nTyped by Dr R. Lowe SHO, 21/01/2027\n", {"letter": D(2027, 1, 21)}),
        # the letter's date after another date on the line
        (
            "Diabetes Centre\nClinic 03/02/2027, letter 07/02/2027\n",
            {"clinic": D(2027, 2, 3), "letter": D(2027, 2, 7)},
        ),
        ("Pharmacy Clinic\nReviewed 11 May 2027; letter 13 May 2027\n", {"letter": D(2027, 5, 13)}),
        # a terse discharge after an admission
        ("Ward 2\nadm 01/06/27 dc 04/06/27\n", {"admission": D(2027, 6, 1), "discharge": D(2027, 6, 4)}),
        # a named visit or session with its date; a visit told in the passive
        ("Epilepsy Nurses\nRe: Ms Orr - titration session 19/07/2027\n", {"clinic": D(2027, 7, 19)}),
        ("Memory Service\nMrs Lyle was assessed by me at home on 08/08/2027.\n", {"clinic": D(2027, 8, 8)}),
        # a day case's bare procedure line
        ("Day Surgery Unit\nProcedure 12/09/2027: excision of lipoma\n", {"admission": D(2027, 9, 12)}),
    ],
)
def test_dates_round13(
    meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict[str, dt.date]
) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


def test_an_author_span_does_not_reach_over_another_date(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    # look-alike: the authorised date after a signer's dated line is the letter's, not the signer's
    text = "Ward 3\nSummary written by Dr P. Nye, FY1, 09/04/2027. Authorised 10/04/2027.\n"
    assert meta_dates(text).get("letter") == D(2027, 4, 10)
    # look-alike: a patient "referred by Dr X" in prose is no author
    prose = "Clinic\nLetter date: 02/02/2027\nShe was written to by Dr Q. Hall, who saw her 20/01/2027.\n"
    assert meta_dates(prose).get("letter") == D(2027, 2, 2)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Menopause Service, Elm Hospital\nClinic: 02/02/2027\nDear Dr Ward\n", "maternity"),
        ("Interstitial Lung Disease Clinic\nClinic: 02/02/2027\nDear Dr Ward\n", "respiratory"),
    ],
)
def test_specialty_round13(  # type: ignore[no-untyped-def]
    make_nlp: Callable[..., Language], run, head: str, expected: str
) -> None:
    nlp = make_nlp("la_meta")
    assert run(nlp, head)._.meta["specialty"]["value"] == expected


def test_a_seen_on_label_is_a_clinic_letter(letter_type: Callable[[str], str]) -> None:
    assert (
        letter_type("Independent Hospital\nSeen on: Tuesday 9th March 2027\nDear Dr Ray\n") == "clinic_letter"
    )
    assert letter_type("Memory Service\nVisited on: 02/03/2027\nDear Dr Ray\n") == "clinic_letter"


@pytest.mark.parametrize(
    ("head", "kind", "specialty"),
    [
        # Scottish and Welsh names of the acute units
        (
            "Acute Receiving Unit, Glasgow Royal Infirmary\nDischarged 03/03/2027\nDear Dr Ray\n",
            "discharge_summary",
            "medicine",
        ),
        ("Surgical Receiving Unit\nDear Dr Ray\n", "discharge_summary", "surgery"),
        (
            "Combined Assessment Unit\nDear Dr Ray\nYour patient attended CAU on 03/03/2027.\n",
            "discharge_summary",
            None,
        ),
    ],
)
def test_other_nations_acute_units(  # type: ignore[no-untyped-def]
    make_nlp: Callable[..., Language], run, head: str, kind: str, specialty: str | None
) -> None:
    meta = run(make_nlp("la_meta"), head)._.meta
    assert meta["letter_type"]["value"] == kind
    if specialty:
        assert meta["specialty"]["value"] == specialty


def test_a_transcription_stamp_is_the_typed_date(meta_dates: Callable[[str], dict[str, dt.date]]) -> None:
    assert meta_dates("Clinic\nDictated: 1/3/27 Transcribed: 3/3/27\nDear Dr Ray\n").get("letter") == D(
        2027, 3, 3
    )
    # look-alike: a scan's report date inside prose is not the letter's
    got = meta_dates("Clinic\nDate: 2/3/2027\nCT chest: date of report 01/02/2027 showed a nodule\n")
    assert got.get("letter") == D(2027, 3, 2)


def test_a_referral_letter_date_is_not_the_letters(meta_dates: Callable[[str], dict[str, dt.date]]) -> None:
    # look-alike: "..., letter dated" names the referral, not this letter
    text = "Clinic\nDate: 02/03/2027\nThank you for your referral, letter dated 01/02/2027.\n"
    assert meta_dates(text).get("letter") == D(2027, 3, 2)
