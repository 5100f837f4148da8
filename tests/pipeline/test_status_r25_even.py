"""la_status round 25, even halves: follow-up and fit-note families from the round-25 blind letters, each
written here in other words, with look-alikes that must keep their owner or status: a specialist nurse named
by initials ("DSN", "HFSN") who will ring, a nurse who will try to telephone, a further appointment the
team has therefore sent, a clinic on a weekday and date, a follow-up field answered "PRN" or "as required",
a bare "Discharged." as a list item, a plan joined by "and" to a condition just ahead of it, and a hand
restriction (gripping, power tools) for weeks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hospital specialist nurse named by initials ending in "SN" will ring or visit, with no object
        ("Lantus reduced to 16 units. DSN will phone in 1/52.\n", "hospital"),
        ("The HFSN will visit next week to recheck his weight.\n", "hospital"),
        # a nurse or team who will try to telephone the patient
        ("Our stoma nurse, Jo Bell, will try to telephone him on Friday.\n", "hospital"),
        ("The respiratory team will aim to call her within 48 hours of discharge.\n", "hospital"),
        # a further appointment the team has therefore or also sent
        ("As she missed today, we have therefore sent her a further appointment in March.\n", "hospital"),
        ("We have now sent him a new appointment for the spring.\n", "hospital"),
        # a clinic or review on a weekday and a date
        ("Fracture clinic Tuesday 13/01/2026.\n", "hospital"),
        ("Review on Monday 02/02/2026 in the pacing clinic.\n", "hospital"),
        # a follow-up field answered only "as needed"
        ("Histology benign.\nF/U: PRN\n", "none"),
        ("Follow-up: as required.\n", "none"),
        ("Orthopaedic follow up - if needed\n", "none"),
        # a bare discharge as a list item
        ("Plan:\n- Continue the leaflet advice.\n- Discharged.\n", "none"),
        ("Outcome:\n* Discharged. Review SOS.\n", "none"),
        # a plan joined by "and" to a condition just ahead of it, beside a discharge and a GP review
        (
            "Hospital actions: discharged from the memory clinic today.\n"
            "He and his wife know to ring the team if the confusion returns this year, and we will see him "
            "quickly without a new referral.\n"
            "Please review him in 3 months to check he is settling.\n",
            "gp",
        ),
        (
            "Discharged from clinic. Ring the unit should the swelling come back, and we will see her that"
            " week.\n",
            "none",
        ),
    ],
)
def test_follow_up_r25_even(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # the practice's or district nurses are not a specialist nurse by initials
        ("PN will phone in 1/52 with the swab result.\n", "hospital"),
        # the patient who will ring the nurse is no visit
        ("She will call the DSN if her sugars run high.\n", "hospital"),
        # a follow-up field with a booked plan before the PRN, or the practice's field
        ("Follow-up: clinic in 6 weeks, then PRN.\n", "none"),
        ("GP follow-up: PRN\n", "none"),
        # a "Review PRN" line in a plan is left alone (round 5)
        ("Review PRN. Discharge to optometrist.\n", "none"),
        # a discharge from the ward in a list is no outcome of the clinic
        ("Plan:\n- Discharged from the ward on 3/11.\n- Cardiology clinic in 6 weeks.\n", "none"),
        # a filler condition ("if needed") before "and" leaves the plan standing: a clash, not none
        (
            "No further physiotherapy follow-up. Her bloods will be checked if needed, and we will see her "
            "in the rheumatology clinic in 3 months.\n",
            "none",
        ),
    ],
)
def test_follow_up_r25_even_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(HEAD + text)[0] != not_owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hand restriction for weeks keeps a manual worker off work: missing with no note
        (
            "Work: She works as a plasterer and was advised to avoid heavy gripping and power tools for "
            "4-6 weeks.\n",
            "missing",
        ),
        (
            "He is a mechanic. No forceful gripping or vibrating tools for 6 weeks after the release.\n",
            "missing",
        ),
    ],
)
def test_fit_note_r25_even(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a note issued with the restriction, or a retired patient, is not missing
        (
            "Fit note issued for 4 weeks. Avoid heavy gripping and power tools for 4 weeks.\n",
            "missing",
        ),
        ("She is retired. Avoid heavy gripping for 6 weeks.\n", "missing"),
    ],
)
def test_fit_note_r25_even_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
