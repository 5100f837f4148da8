"""la_meta on date labels and letter-type cues first met in letters by new writers."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inpatient discharge\nAdmission Date/Time: 24/10/2026 03:15\n"
            "Discharge Date/Time: 28/10/2026 15:30\n"
            "Electronically signed 28/10/2026 16:40\n",
            {
                "admission": dt.date(2026, 10, 24),
                "discharge": dt.date(2026, 10, 28),
                "letter": dt.date(2026, 10, 28),
            },
        ),
        ("Printed from PowerChart 28/10/2026 16:40\n", {"letter": dt.date(2026, 10, 28)}),
        (
            "Discharge summary\n"
            "Discharging Clinician | Dr A Brannigan, FY1, on behalf of Dr van der Merwe, 23/10/2026\n",
            {"letter": dt.date(2026, 10, 23)},
        ),
        (
            "ED discharge letter\natt 14/10/26 22:40 d/c 15/10/26 03:10\n",
            {"admission": dt.date(2026, 10, 14), "discharge": dt.date(2026, 10, 15)},
        ),
        (
            "ED DISCHARGE SUMMARY\nArrived 03/03/2026 10:12 Discharged 03/03/2026 18:40\n",
            {"admission": dt.date(2026, 3, 3), "discharge": dt.date(2026, 3, 3)},
        ),
        (
            "Day Surgery Unit\nDATE OF PROCEDURE | 18/08/2026, discharged same day\n",
            {"admission": dt.date(2026, 8, 18), "discharge": dt.date(2026, 8, 18)},
        ),
        (
            "Memory clinic\nSeen at home: 17/02/2026\nLetter: 24/02/2026\n",
            {"clinic": dt.date(2026, 2, 17), "letter": dt.date(2026, 2, 24)},
        ),
        ("Clinic: Mr Onyango's general urology clinic, 09/06/2026 14:20\n", {"clinic": dt.date(2026, 6, 9)}),
        ("ENT Department\n10th March 2026\n\nDear Mr Igwe\n", {"letter": dt.date(2026, 3, 10)}),
    ],
)
def test_date_labels(meta_dates, text, expected):
    assert meta_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ACUTE VIRTUAL WARD - discharge from caseload\nfurosemide increased\n", "discharge_summary"),
        ("ED CARD - Wrenfield General Hospital\nHx: cut palm\n", "discharge_summary"),
        (
            "Dear Maya\nThank you for meeting me and the team with your mum on 29 April 2026.\n",
            "clinic_letter",
        ),
        ("Dear Mr Lind\nYour VTE clinic review on 30th November 2026\n", "clinic_letter"),
        ("Dear Dr Whitcombe\nThank you for asking us to see Mr Ingham.\n", "clinic_letter"),
    ],
)
def test_letter_type_cues(meta_nlp, run, text, kind):
    assert run(meta_nlp, text)._.meta["letter_type"]["value"] == kind


def test_terse_ed_slip_is_a_discharge_summary(meta_nlp, run):
    text = "ED -> ENT on-call | Seacroft Bay Hospital\nSeen 28/12/2025 (night)\nHome same night.\n"
    meta = run(meta_nlp, text)._.meta
    assert meta["letter_type"]["value"] == "discharge_summary"
    assert {f: d["date"] for f, d in meta["dates"].items()} == {
        "admission": dt.date(2025, 12, 28),
        "discharge": dt.date(2025, 12, 28),
    }
