"""la_meta, round 10: letter types and date labels five new writers use. Texts are invented for these tests
and worded unlike the letters that taught them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a community team's letter about a clinic visit with its date
        (
            "Community Heart Failure Service\n"
            "Seen in the nurse-led clinic, Hillside Health Centre, 03/02/2027\n",
            "clinic_letter",
        ),
        ("Hospice community team\nDomiciliary visit 14/01/2027\nDear Dr Shah\n", "clinic_letter"),
        ("Adult ADHD Assessment Service\nAppointment completed: 10/01/2027\n", "clinic_letter"),
        (
            "Dear Dr Khan\nAt today's appointment we agreed to carry on with the current dose.\n",
            "clinic_letter",
        ),
        # a did-not-attend field in an ambulatory unit's letter
        ("Same Day Emergency Care\nDNA: SDEC review clinic 09/01/2027. Rebooked.\n", "clinic_letter"),
        # a virtual fracture clinic outcome after an ED visit
        (
            "Emergency Department\nVirtual Fracture Clinic: Outcome\nED attendance: 02/01/2027\n",
            "clinic_letter",
        ),
        # notices about another letter, and a results letter where nobody was seen
        ("PHARMACY - TTO CORRECTION\nThe discharge summary listed the wrong dose.\n", "other"),
        ("Post-discharge medicines letter\nDischarge summary sent separately by the ward.\n", "other"),
        ("Results\nNo appointment took place; Dr Lee reviewed the blood tests.\n", "other"),
    ],
)
def test_letter_type_round10(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # episode fields in new shapes
        (
            "Crisis team\nAccepted to home treatment: 02/01/2027 Discharged: 20/01/2027\n",
            {"admission": D(2027, 1, 2)},
        ),
        (
            "Hospital at home\nUnder H@H: 03/01/27 to 09/01/27\n",
            {"admission": D(2027, 1, 3), "discharge": D(2027, 1, 9)},
        ),
        ("Adm / D/C | 04/01/2027 - 08/01/2027\n", {"admission": D(2027, 1, 4), "discharge": D(2027, 1, 8)}),
        ("Admit date: 05/01/2027 Discharge date: 07/01/2027\n", {"admission": D(2027, 1, 5)}),
        (
            "Discharged from Ward 2 (Cardiology) on 11/01/2027 after a short stay.\n",
            {"discharge": D(2027, 1, 11)},
        ),
        ("Admitted 12/01/2027 via ED | Home 14/01/2027\n", {"discharge": D(2027, 1, 14)}),
        ("You came in on 15/01/2027 with chest pain.\n", {"admission": D(2027, 1, 15)}),
        # a previous stay's dates are not this one's
        (
            "READMISSION - previous d/c 01/12/2026\nAdmitted 02/01/2027 Discharged 06/01/2027\n",
            {"discharge": D(2027, 1, 6)},
        ),
        # the letter's own date in new shapes
        ("Admitted: 02/01/2027 Discharged: 05/01/2027 Summary: 05/01/2027\n", {"letter": D(2027, 1, 5)}),
        (
            "On the ward: 01/01/2027 - 04/01/2027   Date of notification: 04/01/2027\n",
            {"letter": D(2027, 1, 4)},
        ),
        ("Plan as above.\nCompleted by Dr A Khan (FY1) 06/01/2027\n", {"letter": D(2027, 1, 6)}),
        ("Plan as above.\nWritten by Dr B Roy CT2 - 07/01/2027\n", {"letter": D(2027, 1, 7)}),
        ("Author: Dr C Lee (IMT1) Signed 08/01/2027\n", {"letter": D(2027, 1, 8)}),
        ("Discharging midwife: A Patel, RM. Completed 09/01/2027.\n", {"letter": D(2027, 1, 9)}),
        # a GP surgery's name before a date label is no operation date
        (
            "To: Dr D Moss, Church Lane Surgery Date: 10/01/2027\nAdmitted 01/12/2026\n",
            {"letter": D(2027, 1, 10)},
        ),
        # clinic labels with a bracket, a named place, an abbreviation
        ("Clinic (telephone, results only): 11/01/2027\nTyped: 14/01/2027\n", {"clinic": D(2027, 1, 11)}),
        ("Satellite clinic, Moorside: 12/01/2027\nTyped: 15/01/2027\n", {"clinic": D(2027, 1, 12)}),
        ("Dear Dr Ng\nSeen ANC 13/01/2027 at 28 weeks.\n", {"clinic": D(2027, 1, 13)}),
    ],
)
def test_dates_round10_episode_and_letter_labels(
    meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict
) -> None:
    got = meta_dates(text)
    for field, when in expected.items():
        assert got.get(field) == when, (field, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Memory Assessment Service\nAssessment completed: 12/01/2027\nTyped: 20/01/2027\n",
            {"clinic": D(2027, 1, 12)},
        ),
        ("Palliative care\nDomiciliary visit: 05/02/2027\n", {"clinic": D(2027, 2, 5)}),
        (
            "Virtual Fracture Clinic - outcome letter\nED attendance: 01/03/2027\n"
            "Virtual review date: 04/03/2027\n",
            {"clinic": D(2027, 3, 4), "admission": D(2027, 3, 1)},
        ),
    ],
)
def test_dates_round10(meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict) -> None:
    got = meta_dates(text)
    for field, when in expected.items():
        assert got.get(field) == when, (field, got)


def test_a_weekday_date_with_no_year_takes_the_letters_year(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    got = meta_dates("Date: 04 February 2027\nThank you for coming to see us on Tuesday 2 February.")
    assert got.get("clinic") == D(2027, 2, 2)
    # in December a January letter's "Monday 28 December" is the year before
    got = meta_dates("Date: 05/01/2027\nThank you for coming to see me on Monday 28 December.\n")
    assert got.get("clinic") == D(2026, 12, 28)
    # with a year of its own the weekday changes nothing
    got = meta_dates("Thank you for coming to see us on Friday 5 March 2027.\n")
    assert got.get("clinic") == D(2027, 3, 5)
