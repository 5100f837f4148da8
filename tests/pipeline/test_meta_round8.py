"""la_meta dates, round 8: a label with its date in brackets and an ED arrival field with a time.
Texts are invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Discharge summary\nAdmission (14/09/2026) - Discharge (19/09/2026)\n",
            {"admission": D(2026, 9, 14), "discharge": D(2026, 9, 19)},
        ),
        ("Discharge summary\nAdmitted (2/3/26), home the next day.\n", {"admission": D(2026, 3, 2)}),
        ("Emergency Department\nArrival date/time: 21/10/2026 03:10\n", {"admission": D(2026, 10, 21)}),
        ("Emergency Department\nAttendance date & time: 22/10/2026 23:55\n", {"admission": D(2026, 10, 22)}),
    ],
)
def test_bracketed_and_timed_labels(meta_dates, text: str, expected: dict[str, dt.date]) -> None:
    got = meta_dates(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Emergency Department attendance summary\nDate: 09/10/2026\nComplaint: ankle injury\n",
        "Urgent Treatment Centre\nName: Ms Q   DOB: 01/02/1990\nDate/time: 09/10/2026 08:40\n",
        "ED card\nName: J T   DOB 03/03/2003   Date 09/10/2026\n",
    ],
)
def test_a_bare_date_on_an_emergency_card_is_the_attendance(meta_dates, text: str) -> None:
    got = meta_dates(text)
    assert (got.get("admission"), got.get("discharge")) == (D(2026, 10, 9), D(2026, 10, 9))


@pytest.mark.parametrize(
    "text",
    [
        "Discharge summary\nDate: 09/10/2026\nWard 7, admitted via the ward.\n",
        "Hospital at Home summary\nDate: 09/10/2026\nReferred from ED on 02/10/2026.\n",
    ],
)
def test_a_bare_date_elsewhere_is_not_an_attendance(meta_dates, text: str) -> None:
    assert meta_dates(text).get("admission") != D(2026, 10, 9)


def test_a_stated_attendance_date_stands_over_a_bare_date(meta_dates) -> None:
    got = meta_dates("Emergency Department\nAttendance: 02/11/2026\nDate: 03/11/2026\n")
    assert got.get("admission") == D(2026, 11, 2)
