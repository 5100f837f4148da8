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
