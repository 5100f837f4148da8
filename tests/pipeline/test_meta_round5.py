"""la_meta, round 5 data: letter-type cues for units, community teams and notices first met in new writers."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MIDWIFERY-LED POSTNATAL DISCHARGE (electronic summary)\nWoman: Mrs A\n", "discharge_summary"),
        ("Meadowsweet Birth Centre\nDischarge from the birth centre\nMother: Mrs B\n", "discharge_summary"),
        ("Riverton Children's Hospital - Neonatal Intensive Care Unit\nBaby boy C\n", "discharge_summary"),
        ("Community Heart Failure Service\nClinic/home visit summary\nSeen at home today.\n", "other"),
        ("St Aidan's Hospice - Community Specialist Palliative Care\nHome visit: 16/11/2026\n", "other"),
        (
            "Pharmacy Department\nSubject: Correction to discharge summary\n"
            "He was admitted on 10/11/2026 and discharged on 15/11/2026.\n",
            "other",
        ),
        ("Clinical Radiology\nINCIDENTAL FINDING NOTIFICATION\nSeen in the ED record.\n", "other"),
        ("Child Development Centre\nAlfie was seen for his autism assessment.\n", "clinic_letter"),
        ("Memory Assessment Service\nDate of assessment: 04/11/2026\n", "clinic_letter"),
    ],
)
def test_round5_letter_types(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


def test_a_community_team_named_later_does_not_make_a_discharge_other(meta_kind):
    text = "DISCHARGE SUMMARY\nWard 5\nDate of discharge: 01/11/2026\nThe hospice team will visit.\n"
    assert meta_kind(text)[0] == "discharge_summary"
