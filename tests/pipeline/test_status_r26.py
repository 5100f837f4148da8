"""la_status round 26: follow-up and fit-note families from the round-26 blind letters (odd halves), each
written here in other words, with look-alikes that must keep their owner or status: a relative referred to
the team (not the patient), a follow-up test the team requested (no visit), a test asked of the practice so
that the team can look at the result, a follow-up field naming the practice nurse beside "no further
surgical follow-up", a follow-up field left to the consultant's discretion; a fit note field giving the
note's verdict and length, and work not yet resumed (not yet back, off since, hoping or planning to go
back, stood down from duties, a job whose posture or task is ruled out for a time)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fit note field giving the note's verdict and length: the team wrote it
        ("Ms Hale works as a receptionist. Med3: not fit for work, 10 days from discharge.\n", "issued"),
        ("Fit note - unfit for work 2/52\n", "issued"),
        ("Fit note: may be fit for work with amended duties, 4 weeks\n", "issued"),
        # work not yet resumed, with nothing said of a note
        ("He works as a roofer and has not yet returned to work.\n", "missing"),
        ("She is not yet back at work after the operation.\n", "missing"),
        ("She works as a care assistant and has been off since her admission in May.\n", "missing"),
        ("Works as a courier (on foot) and hopes to get back to work as soon as possible.\n", "missing"),
        ("He is keen to return to his job next month.\n", "missing"),
        ("Paramedic - taken off frontline duties until cleared by cardiology.\n", "missing"),
        (
            "Admitted via ED with a GI bleed. Self-employed plasterer; plans to return to site next week.\n",
            "missing",
        ),
        # a job told, then the work's own posture or task ruled out for a time
        (
            "Procedure: excision of pilonidal sinus, laid open.\n"
            "Mr Dunn is an HGV driver and cannot sit for long periods until the wound has healed.\n",
            "missing",
        ),
        ("He is a roofer, unable to climb ladders for 6 weeks after the fracture.\n", "missing"),
    ],
)
def test_fit_note_r26(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a note issued outranks a return hoped for; a retired job says none is needed
        (
            "He works as a plumber and hopes to return to work next week. Fit note issued for 1 week.\n",
            "issued",
        ),
        ("Admitted with pneumonia. She is a retired teacher.\n", "not_needed"),
        # a relative's job is no need of the patient's; nor is a job with no episode that stops work
        ("Admitted with pneumonia. Her husband is a builder and will drive her home.\n", None),
        ("She is a teacher and asked about her blood pressure readings.\n", None),
        # a job told in the opening description, with a procedure planned, is no need by itself
        (
            "Mr Osei is a 42-year-old taxi driver who attended the emergency department with loin pain. "
            "I will decide after the X-ray whether he needs ureteroscopy.\n",
            None,
        ),
    ],
)
def test_fit_note_r26_look_alikes(fit_status: Fit, text: str, expected: str | None) -> None:
    got = fit_status(text)
    assert (got[0] if got else None) == expected
