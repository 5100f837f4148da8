"""la_meta dates on a new writer's templates (EPR, ISTC, mental health, maternity, paediatric, community):
field labels, prose visits, listed dates, ranges that share a year, sign-off dates and "clinic yesterday".
Texts are invented and written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date




@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Clinic labels: "Appointment:", "Appt:", "Review date", a named clinic then its date.
        (
            "Outpatient clinic letter\nAppointment: 11 November 2026 (home visit)\n",
            {"clinic": D(2026, 11, 11)},
        ),
        ("Outpatients\nAppt: 05/11/2026 Gastro OPD - did not attend\n", {"clinic": D(2026, 11, 5)}),
        (
            "Clozapine clinic\nReview date: 05/11/2026 - Letter date: 06/11/2026\n",
            {"clinic": D(2026, 11, 5), "letter": D(2026, 11, 6)},
        ),
        (
            "Our ref: X1\nClinic: Renal Transplant Clinic (Dr B Rao), 12 November 2026\n",
            {"clinic": D(2026, 11, 12)},
        ),
        ("Outpatients\nSeen? NO - DNA urology OPA 16/11/2026 (Mr Osei)\n", {"clinic": D(2026, 11, 16)}),
        (
            "Clinic letter\nOutpatient review with Dr Fenwick on 12/11/2026, with his mother.\n",
            {"clinic": D(2026, 11, 12)},
        ),
        ("Clinic letter\nRe: your anticoagulation review, 12 March 2025\n", {"clinic": D(2025, 3, 12)}),
        (
            "Clinic letter\nReviewed in VFC: 15/09/2025\nED attendance: 11/09/2025\n",
            {"clinic": D(2025, 9, 15)},
        ),
    ],
)
def test_clinic_labels(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dear Jordan\nThank you for coming to see us on 10/11/2026. Your swab was positive.\n",
            {"clinic": D(2026, 11, 10)},
        ),
        (
            "Dear Amy\nThank you for meeting me and the team with your mum on 29 April 2026.\n",
            {"clinic": D(2026, 4, 29)},
        ),
        (
            "Clinic letter\nI saw Ms Obi in the headache clinic at Castleford Neurosciences on 04/11/2026.\n",
            {"clinic": D(2026, 11, 4)},
        ),
        (
            "Letter\nWe met with Ms Prentice on 12/11/2026 to share the outcome.\n",
            {"clinic": D(2026, 11, 12)},
        ),
        (
            "Letter\nChloe attended as a walk-in on 15/11/2026 with pelvic pain.\n",
            {"clinic": D(2026, 11, 15)},
        ),
    ],
)
def test_prose_visits(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


def test_prose_visit_is_no_clinic_date_on_a_discharge_summary(meta_dates) -> None:
    text = "DISCHARGE SUMMARY\nAdmitted: 27/10/2026\nI assessed her on 30/10/2026 on the ward.\n"
    assert meta_dates(text) == {"admission": D(2026, 10, 27)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A listed date takes the label before it; the last of the list stands.
        (
            "Letter\nHe was offered outpatient appointments on 15/09/2026, 20/10/2026 and 10/11/2026.\n",
            {"clinic": D(2026, 11, 10)},
        ),
        (
            "Letter\nShe did not attend her neurology appointments on 25/08/2026 or 20/10/2026.\n",
            {"clinic": D(2026, 10, 20)},
        ),
        (
            "Letter\nOur practitioner visited his home on 29/04/2026 and 06/05/2026; no answer.\n",
            {"clinic": D(2026, 5, 6)},
        ),
    ],
)
def test_listed_dates(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Discharge summary\nAdmission | Elective, 19/10/2026. Discharged 27/10/2026 home.\n",
            {"admission": D(2026, 10, 19), "discharge": D(2026, 10, 27)},
        ),
        (
            "NICU discharge\nAdmitted at birth 26/09/2026. Discharged home 14/11/2026.\n",
            {"admission": D(2026, 9, 26), "discharge": D(2026, 11, 14)},
        ),
        (
            "Discharge summary\n"
            "Admitted (transfer from Haywards Royal): 23/10/2026 | Discharged: 18/11/2026\n",
            {"admission": D(2026, 10, 23), "discharge": D(2026, 11, 18)},
        ),
        (
            "Discharge\nTransferred in from Millbeck General (Ward 5, hip fracture): 20/10/2026\n"
            "Discharged home: 13/11/2026\n",
            {"admission": D(2026, 10, 20), "discharge": D(2026, 11, 13)},
        ),
        # "(transferred from ED) Discharged:" is not a transfer date.
        (
            "Inpatient discharge letter\n"
            "Admitted: 30/10/2026 (transferred from Porthaven ED) Discharged: 05/11/2026\n",
            {"admission": D(2026, 10, 30), "discharge": D(2026, 11, 5)},
        ),
        (
            "Urology\nTCI 12/11/2026 - d/c 13/11/2026 (overnight stay)\n",
            {"admission": D(2026, 11, 12), "discharge": D(2026, 11, 13)},
        ),
        (
            "DISCHARGE FROM HOME TREATMENT\nOpen to HTT: 29/10/2026 - 20/11/2026\n",
            {"admission": D(2026, 10, 29), "discharge": D(2026, 11, 20)},
        ),
        (
            "DISCHARGE SUMMARY - HOME TREATMENT\nAccepted for home treatment: 02/11/2026\n"
            "Discharged from home treatment: 20/11/2026\n",
            {"admission": D(2026, 11, 2), "discharge": D(2026, 11, 20)},
        ),
        (
            "Virtual Ward - Discharge Letter\nHe was cared for at home from 09/11/2026 to 16/11/2026.\n",
            {"admission": D(2026, 11, 9), "discharge": D(2026, 11, 16)},
        ),
        # A range whose first day borrows the second's year.
        (
            "Your discharge letter\nYou were in hospital from 12 November to 18 November 2026.\n",
            {"admission": D(2026, 11, 12), "discharge": D(2026, 11, 18)},
        ),
        (
            "Discharge from the birth centre\nArrived in labour: 15/11/2026 22:10. Birth: 16/11/2026 04:32."
            " Home: 16/11/2026 11:00.\n",
            {"admission": D(2026, 11, 15), "discharge": D(2026, 11, 16)},
        ),
        (
            "Discharge summary\nHe was admitted 27/10/2026 with COPD; she went home today, 06/11/2026.\n",
            {"admission": D(2026, 10, 27), "discharge": D(2026, 11, 6)},
        ),
        (
            "ED discharge letter\nSeen in ED: 18/11/2026, 22:40. Discharged home from ED: 19/11/2026.\n",
            {"admission": D(2026, 11, 18), "discharge": D(2026, 11, 19)},
        ),
        ("Day case discharge\nDay case date: 17/11/2026\n", {"admission": D(2026, 11, 17)}),
    ],
)
def test_stay_labels(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Rapid response\nVisited at home after a fall. Sent: 10/11/2026.\n", D(2026, 11, 10)),
        (
            "Discharge summary\n"
            "Completed by Dr K Asante, FY1, for Dr E Lind, 09/11/2026. Authorised 10/11/2026.\n",
            D(2026, 11, 10),
        ),
        ("Discharge\nPlan as above.\nSigned Dr G Whitfield 13/11/2026\n", D(2026, 11, 13)),
        ("ISTC report\nDischarge nurse: R Oduya RN, 17/11/2026\n", D(2026, 11, 17)),
        ("A&G\nDate of reply: 14/10/2026\n", D(2026, 10, 14)),
        ("SDEC\nAttended 16/10/2026; summary written 16/10/2026\n", D(2026, 10, 16)),
        ("SDEC\nAttended 21/10/2026, home the same day. Letter 22/10/2026.\n", D(2026, 10, 22)),
        ("Medicine\nAdmitted 12/10/2026 Discharged 17/10/2026 Record signed 17/10/2026\n", D(2026, 10, 17)),
        # A sign-off at the end: after a name and role, or alone on its line.
        ("ED liaison\nNo liaison follow-up.\nMarcus Oyelaran, MHLN, 19/11/2026\n", D(2026, 11, 19)),
        (
            "Virtual ward\nPlan as above.\nPriya Ram\nNurse Practitioner\n16/11/2026\nFooter | Page 1\n",
            D(2026, 11, 16),
        ),
    ],
)
def test_letter_date(meta_dates, text: str, letter: dt.date) -> None:
    assert meta_dates(text).get("letter") == letter


def test_an_appointment_at_the_end_is_no_sign_off(meta_dates) -> None:
    text = "Clinic letter\nPlan\nDiabetic foot clinic appointment made for 14/04/2026\n"
    assert "letter" not in meta_dates(text)


def test_date_of_birth_is_never_a_letter_date(meta_dates) -> None:
    text = "Clinic letter\nPatient: Mr A B, DOB 13/01/1962\nPlan as discussed.\nDate of birth: 13/01/1962\n"
    assert meta_dates(text) == {}


@pytest.mark.parametrize(
    ("text", "clinic"),
    [
        (
            "Oncology\n18th November 2026\nDear Jane\nI saw Priya in the neuro-oncology clinic yesterday.\n",
            D(2026, 11, 17),
        ),
        ("Dermatology\n16/05/2025\nRe: Mr K S\nSeen today in clinic for eczema.\n", D(2025, 5, 16)),
    ],
)
def test_clinic_counted_back_from_the_letter(meta_dates, text: str, clinic: dt.date) -> None:
    assert meta_dates(text).get("clinic") == clinic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clinic letter\nDate typed: 14-Mar-2026\n", D(2026, 3, 14)),
        ("Clinic letter\nDate typed: 14th March 2026\n", D(2026, 3, 14)),
        ("Clinic letter\nDate typed: 3.4.26\n", D(2026, 4, 3)),
        ("Clinic letter\nDate typed: 03/04/26\n", D(2026, 4, 3)),
        ("Clinic letter\nDate typed: March 14th, 2026\n", D(2026, 3, 14)),
    ],
)
def test_uk_formats(meta_dates, text: str, expected: dt.date) -> None:
    assert meta_dates(text).get("letter") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Outpatient letter\nD/D: 12/11/2026 D/T: 14/11/2026\n",
            {"letter": D(2026, 11, 14)},
        ),
        ("Outpatient letter\nContact date: 14/11/2026\n", {"clinic": D(2026, 11, 14)}),
        ("Outpatient letter\nDate of visit: 14/11/2026\n", {"clinic": D(2026, 11, 14)}),
        (
            "Discharge summary\nInpatient stay: 01/11/2026 - 05/11/2026\n",
            {"admission": D(2026, 11, 1), "discharge": D(2026, 11, 5)},
        ),
        (
            "Discharge summary\nDates of stay: 01/11/2026 to 05/11/2026\n",
            {"admission": D(2026, 11, 1), "discharge": D(2026, 11, 5)},
        ),
        (
            "Discharge summary\nLength of stay 4 days (01/11/2026-05/11/2026)\n",
            {"admission": D(2026, 11, 1), "discharge": D(2026, 11, 5)},
        ),
        (
            "Discharge summary\nStart of spell: 01/11/2026 End of spell: 05/11/2026\n",
            {"admission": D(2026, 11, 1), "discharge": D(2026, 11, 5)},
        ),
        ("Discharge summary\nAdmitted via ED on Sunday 1st November 2026.\n", {"admission": D(2026, 11, 1)}),
    ],
)
def test_epr_field_variants(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    assert meta_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Discharge advice\nSeen on PAU: 20/11/2026, home the same day\n",
            {"admission": D(2026, 11, 20), "discharge": D(2026, 11, 20)},
        ),
        (
            "Day surgery discharge\n"
            "Procedure: Left knee arthroscopy and partial medial meniscectomy, 18/11/2026\n",
            {"admission": D(2026, 11, 18), "discharge": D(2026, 11, 18)},
        ),
        (
            "Eye casualty discharge\nAttendance | Eye Casualty Attendance, 23/10/2026\n",
            {"admission": D(2026, 10, 23), "discharge": D(2026, 10, 23)},
        ),
    ],
)
def test_same_day_attendance_fields(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    assert meta_dates(text) == expected
