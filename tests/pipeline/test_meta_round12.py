"""la_meta, round 12: letter types, date labels and specialty names five more new writers use. Texts are
invented for these tests and worded unlike the letters that taught them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named clinic line with its date, however it is punctuated
        ("Department of Neurology\nDear Dr Hale\nHeadache clinic, 14/01/2027\n", "clinic_letter"),
        ("Department of Rheumatology\nEarly arthritis clinic - 3 February 2027\n", "clinic_letter"),
        ("Department of Urology\nDate: 02/02/2027 Clinic: 30/01/2027\nDear Dr Lee\n", "clinic_letter"),
        # a visit date in words
        ("Community Paediatrics\nTyped 9 March 2027 (seen 4 March 2027)\nDear Dr Ames\n", "clinic_letter"),
        # a stay told as a range or to the patient
        ("Ward 7, Elmfield Hospital\nHospital stay: 02/01/2027 - 09/01/2027\n", "discharge_summary"),
        ("Dear Mr Ray,\nYour stay on Cedar Ward (4/2/2027 to 8/2/2027)\n", "discharge_summary"),
        # an A&G reply titled with its specialty; a sight-impairment certificate notice
        ("Advice & Guidance Reply - Gastroenterology\nWe do not need to see her in the clinic.\n", "other"),
        ("Low Vision Service - CVI registration\nSeen in the Eye Clinic last month.\n", "other"),
    ],
)
def test_letter_type_round12(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stay as a range
        (
            "Ward 7\nHospital stay 02/01/2027 - 09/01/2027\n",
            {"admission": D(2027, 1, 2), "discharge": D(2027, 1, 9)},
        ),
        # a unit visit and a same-day discharge
        (
            "Ambulatory Care\nAttended AEC 05/03/2027, discharged same day 05/03/2027.\n",
            {"admission": D(2027, 3, 5), "discharge": D(2027, 3, 5)},
        ),
        # an EPR service date on a clinic letter
        ("Neurology Outpatients\nDate of Service: 11/02/2027\nDear Dr Fox\n", {"clinic": D(2027, 2, 11)}),
        # a sent stamp and a sign-off field naming the signer
        ("Eye Clinic\nLetter status: Final, sent 20/02/2027\n", {"letter": D(2027, 2, 20)}),
        ("SDEC\nApproved: Dr K Sandhu (Acute Med ST5) 06/03/2027\n", {"letter": D(2027, 3, 6)}),
    ],
)
def test_dates_round12(
    meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict[str, dt.date]
) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


def test_a_patient_named_in_prose_is_no_signer(meta_dates: Callable[[str], dict[str, dt.date]]) -> None:
    # "Mr X was referred ... 06/04/2026" is prose, not a sign-off line with its date
    text = (
        "TIA Clinic\nDr A Shaw\nBrook Surgery\n12/05/2027\nDear Dr Shaw\nClinic date: 10/05/2027\n"
        "Mr Dunn was referred with arm weakness lasting 10 minutes, 02/05/2027.\n"
        + "He did not attend and we could not reach him by telephone. " * 8
        + "\nYours sincerely\nDr A Shaw\n"
    )
    assert meta_dates(text).get("letter") == D(2027, 5, 12)


def test_a_young_peoples_team_is_paediatrics(  # type: ignore[no-untyped-def]
    make_nlp: Callable[..., Language], run
) -> None:
    nlp = make_nlp("la_meta")
    doc = run(nlp, "Children and Young People's Diabetes Team\nClinic: 02/02/2027\nDear Dr Ward\n")
    assert doc._.meta["specialty"]["value"] == "paediatrics"


def test_a_stay_told_to_the_patient(
    letter_type: Callable[[str], str], meta_dates: Callable[[str], dict[str, dt.date]]
) -> None:
    text = "Dear Mr Hall,\nYou were admitted on Cedar Ward from 12 April to 19 April 2027 with pneumonia.\n"
    assert letter_type(text) == "discharge_summary"
    got = meta_dates(text)
    assert (got.get("admission"), got.get("discharge")) == (D(2027, 4, 12), D(2027, 4, 19))


def test_a_procedure_line_with_its_date_after_a_space(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    got = meta_dates("Day Case Unit\nProcedure: Right carpal tunnel release 15/04/2027\n")
    assert got.get("admission") == D(2027, 4, 15)
    # a planned procedure's date is no admission
    planned = "Orthopaedic clinic\nProcedure: knee arthroscopy planned 15/04/2027\n"
    assert "admission" not in meta_dates(planned)
