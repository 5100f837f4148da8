"""la_status round 26: follow-up families from the round-26 blind letters (odd halves), each written here
in other words, with look-alikes that must keep their owner: a relative referred to the team (not the
patient), a follow-up test the team requested (no visit), a test asked of the practice so that the team can
look at the result, a follow-up field naming the practice nurse beside "no further surgical follow-up", a
follow-up field left to the consultant's discretion."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative of the patient referred to the team: someone else is seen, no plan for the patient
        (
            "We discussed cascade screening and her sister has been referred to our genetics clinic.\n",
            "unclear",
        ),
        ("His two sons have also been referred to our cardiac genetics service for screening.\n", "unclear"),
        # a follow-up test the team requested or arranged is no visit; a stated "no plan to see" stands
        (
            "I have requested a follow-up chest X-ray in six weeks and will write with the result. "
            "As long as it is clear, I do not plan to see her again.\n",
            "none",
        ),
        ("We have arranged a follow-up CT in 3 months.\n", "unclear"),
        ("I have organised a further follow-up ultrasound in 6 months.\n", "unclear"),
        # a test asked of the practice so that the team can look at the result: no GP review
        (
            "Please repeat his serum free light chains in 6 months so that we can see whether they are "
            "stable.\n",
            "unclear",
        ),
        ("Please recheck her ferritin in 3 months so we can review the need for further iron.\n", "unclear"),
        # a follow-up field naming the practice nurse for the wound beside "no further surgical follow-up"
        (
            "Follow-up: practice nurse wound care; no further surgical follow-up.\n",
            "gp",
        ),
        ("Follow up: Practice nurse dressings twice weekly - no further hospital follow-up.\n", "gp"),
        # a follow-up field left to the consultant's discretion says no plan
        ("Outpatient follow-up: As per consultant\n", "unclear"),
        ("Stroke clinic review - at the consultant's discretion\n", "unclear"),
        ("Follow-up:\nAs per consultant\n", "unclear"),
    ],
)
def test_follow_up_r26(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the patient referred to the team, a follow-up appointment arranged, a test and a visit
        ("We discussed screening and he has been referred to our genetics team.\n", "hospital"),
        ("We have arranged a follow-up appointment in 6 weeks.\n", "hospital"),
        ("I have requested a follow-up CT in 3 months and will see him with the result.\n", "hospital"),
        # a review of the patient asked of the practice, whatever the writer looks at afterwards
        ("Please review him in 4 weeks so that we can see how he is doing.\n", "gp"),
        # a follow-up field with a time is a plan
        ("Outpatient follow-up: as per consultant in 3 months\n", "hospital"),
        # a stated "none" with a wound check at the practice stays none
        ("Follow up: none, GP to review wound day 10.\n", "none"),
    ],
)
def test_follow_up_r26_look_alikes(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected
