"""la_meta, round 9: letter types and date labels four new writers use. Texts are invented for these tests
and worded unlike the letters that taught them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patient | Ms A Bee, 60. Clinic 02/03/2026. Typed 05/03/2026.\nDiagnosis | gout\n", "clinic_letter"),
        ("Endocrine Unit\nClinic attended: 12/02/2026\nDear Dr Lee\n", "clinic_letter"),
        ("Dear Ms Bee\nThank you for attending the lung nodule clinic last week.\n", "clinic_letter"),
        (
            "Paediatric Outpatients\nLetter date: 05/03/2026\nTwo appointments: he was not brought.\n",
            "clinic_letter",
        ),
        ("Eye Unit\nInjection today (04/03/2026)\nSecond ranibizumab injection.\n", "clinic_letter"),
        ("Musculoskeletal Triage Service\nREFERRAL REJECTED\nDear Dr Lee\n", "other"),
        ("Community Heart Failure Nursing Team\nHome visit 03/03/2026\n", "other"),
        ("Staff Occupational Health Service\nDate: 05/03/2026\nI saw Mr C in the department.\n", "other"),
        (
            "Rheumatology Biologics Monitoring Team - blood result notification\n"
            "This is not a clinic letter; the patient was not seen.\n",
            "other",
        ),
        ("Ambulatory PE Pathway\nSeen by: Sr D\nAttended 02/03/2026\n", "discharge_summary"),
        ("[HDR] CARDIOLOGY WARD DISCHARGE | EPR export\n[ADM] 01/03/2026\n", "discharge_summary"),
        (
            "Department of Surgery\nDear Dr Lee\nOperation: excision of lipoma under LA, 02/03/2026.\n",
            "discharge_summary",
        ),
    ],
)
def test_letter_type_round9(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title line ending in its date
        ("Emergency Department attendance summary - 03/03/2026\nDear Dr Lee\n", {"letter": D(2026, 3, 3)}),
        # a sign-off with the signer's role or bleep and no comma before the date
        ("Dear Dr Lee\nAll well.\nDr Z Kaur, CT2 Medicine 06/03/2026\n", {"letter": D(2026, 3, 6)}),
        (
            "Dear Dr Lee\nAll well.\nCompleted by: Dr Z Kaur, SHO, bleep 2210 06/03/2026\n",
            {"letter": D(2026, 3, 6)},
        ),
        (
            "Dear Dr Lee\nAll well.\nDr Z Kaur, Respiratory Fellow. 06/03/2026. Queries to the ward.\n",
            {"letter": D(2026, 3, 6)},
        ),
        # coded and abbreviated EPR fields
        (
            "[ADM] 01/03/2026 via ED\n[DIS] 05/03/2026 home\n",
            {"admission": D(2026, 3, 1), "discharge": D(2026, 3, 5)},
        ),
        ("Ward 3\nAdm 01/03/2026 Dis 05/03/2026\n", {"admission": D(2026, 3, 1), "discharge": D(2026, 3, 5)}),
        # the visit of a clinic letter told other ways
        (
            "Outpatients\nDate: 09/03/2026\nThank you for coming to the pain clinic on 02/03/2026.\n",
            {"letter": D(2026, 3, 9), "clinic": D(2026, 3, 2)},
        ),
        (
            "Outpatients\nDate: 09/03/2026\nClinic appointment 02/03/2026 - did not attend.\n",
            {"letter": D(2026, 3, 9), "clinic": D(2026, 3, 2)},
        ),
    ],
)
def test_dates_round9(meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


def test_clinic_name_over_a_date_line_is_not_a_clinic_date(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    got = meta_dates("Memory Clinic\nDate: 09/03/2026\nDear Dr Lee\n")
    assert got.get("letter") == D(2026, 3, 9)
    assert "clinic" not in got


def test_a_planned_clinic_on_a_discharge_summary_is_not_the_admission(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    text = (
        "Ward 9 Discharge Summary\nDate of admission: 01/03/2026\nPlan: repeat bloods. Clinic 14/05/2026.\n"
    )
    dates = {f: d["date"] for f, d in run(meta_nlp, text)._.meta["dates"].items()}
    assert dates.get("admission") == D(2026, 3, 1)
    assert "discharge" not in dates


def test_a_liaison_letter_about_a_ward_patient_is_a_discharge_summary(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "Liaison Psychiatry for Older People\nDear Dr Lee\n"
        "Mrs B was seen on Ward 7 twice at the team's request.\n"
    )
    assert letter_type(text) == "discharge_summary"


def test_a_summary_title_with_its_date_and_no_dash(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    got = meta_dates("Surgical SDEC\nAmbulatory summary 07/03/2026\nPt: A B\n")
    assert got.get("letter") == D(2026, 3, 7)


def test_a_planned_procedure_in_the_header_is_not_a_day_case(letter_type: Callable[[str], str]) -> None:
    text = "Orthopaedic Clinic\nProcedure: right knee replacement, listed 01/12/2026\nDear Dr Lee\n"
    assert letter_type(text) == "clinic_letter"


def test_a_discharge_told_as_history_is_no_discharge_title(letter_type: Callable[[str], str]) -> None:
    text = (
        "Community Mental Health Team\nDate of review: 02/03/2026\n"
        "She has been on sertraline since her discharge from hospital in May.\n"
    )
    assert letter_type(text) == "clinic_letter"


def test_a_consultation_told_in_prose_without_a_clinic_is_a_clinic_letter(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "Department of Haematology\nDate: 02/03/2026\nDear Dr Lee\n"
        "I reviewed Mrs Okafor after her third cycle.\n"
    )
    assert letter_type(text) == "clinic_letter"
