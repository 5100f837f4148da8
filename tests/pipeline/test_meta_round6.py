"""la_meta, round 6: letter types told in ways the rules had not met (a letter to the patient, an
"Appointment:" header field, an early pregnancy unit). Worded apart from the letters that showed them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mrs Patel\nThank you for coming in to meet us last week with your son.", "clinic_letter"),
        ("Community Dietetics\nAppointment: 03/02/2027 (video)\nRe: Sam Hill", "clinic_letter"),
        ("EPAU\nAttendances: 01/02/2027, 03/02/2027\nDiagnosis: complete miscarriage", "discharge_summary"),
        ("Early Pregnancy Service - letter to GP\nSeen with bleeding at 7 weeks.", "discharge_summary"),
    ],
)
def test_letter_type_families(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elective Orthopaedics\nAdmitted | 02/03/2027\nDischarged | 05/03/2027", "discharge_summary"),
        ("Ward 7\nAdmission / discharge | 02/03/2027 - 09/03/2027", "discharge_summary"),
        ("Retinal unit - outcome\nVisit date: 02/03/2027", "clinic_letter"),
    ],
)
def test_letter_type_table_labels(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


def test_admission_and_discharge_in_one_field(meta_dates):
    got = meta_dates("Ward 7 discharge summary\nAdmission / discharge | 02/03/2027 - 09/03/2027\n")
    assert (str(got["admission"]), str(got["discharge"])) == ("2027-03-02", "2027-03-09")
