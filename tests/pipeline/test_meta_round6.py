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
