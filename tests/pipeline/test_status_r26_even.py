"""la_status round 26 (even halves): fit-note families from the round-26 blind letters' even halves, each
written here in other words, with look-alikes that must keep their status: a template fit note field whose
options are left unselected ("Fit note issued: Yes / No / N/A") says nothing, so a job with an operation is
a need; a "fit note required" field answered N/A is no note given; "won't need any more fit notes" is said
to the patient, not asked of the practice; an ask after a clause break ("did not need a fit note earlier
..., and I would be grateful if you could provide one") is not negated by the "not" ahead of the note; and
work ruled out in other words (a kind of work, "this job", a return judged unlikely, a job told as a
sentence of its own, a bracketed aside in "no heavy lifting (...) for 6 weeks"). Follow-up: a follow-up
field left to be confirmed by someone ("Follow-up: TBC by consultant", "Next review: to be confirmed") is
no plan and no GP review; a title ending with the kind of visit ("DIABETES CENTRE - OUTPATIENT REVIEW")
names this visit, so a stated "Follow-up: None" stands; an owner-table row naming the specialty ("| Rate
control review | Cardiology | 3 months |") is the hospital's; the service referred to booking its own date
("they will write to you with a date") yields to a stated discharge from clinic."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Fit = Callable[[str], "tuple[str, str] | None"]
Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a follow-up field left to be confirmed by someone: no plan stated
        ("Follow-up: TBC by consultant\n", "unclear"),
        ("Clinic follow-up: to be confirmed by the team\n", "unclear"),
        # a follow-up field left undecided under the GP's requests is no GP review
        ("GP please:\n- Check U&E in 2 weeks\n\nNext review: to be confirmed\n", "unclear"),
        # an owner-table row naming the specialty by its -ology name, with a time
        (
            "PLAN\n| Action | Owner | When |\n| Repeat U&E | GP | 1 week |\n"
            "| Symptom review | Gastroenterology | 8 weeks |\n",
            "hospital",
        ),
        # the service referred to books its own date; the writer discharges from clinic
        (
            "I have referred him to the cardiac rehabilitation programme, and they will write to him with a "
            "date. "
            "He does not need to come back to the cardiology clinic.\n",
            "none",
        ),
    ],
)
def test_follow_up_r26_even(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a field with a time, or a team that will book it, stays the hospital's
        ("Follow-up: TBC by consultant, clinic in 3 months\n", "hospital"),
        ("We will write to him with a date for the clinic.\n", "hospital"),
        # the service referred to books its own date, with nothing else said: still a plan
        ("I have referred him to the falls clinic, and they will write to him with a date.\n", "hospital"),
        # a row whose owner is the practice is not the hospital's
        (
            "PLAN\n| Action | Owner | When |\n| Symptom review | GP | 8 weeks |\n| Repeat U&E | GP | 1 week "
            "|\n",
            "gp",
        ),
    ],
)
def test_follow_up_r26_even_look_alikes(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


def test_title_ending_with_the_visit_kind_names_this_visit(owner: Owner) -> None:
    """A title near the top ending with the visit kind after a dash names the visit the letter reports: the
    stated "Follow-up: None" decides (the probe shell puts the title where a letter's title would be)."""
    text = (
        "DIABETES & ENDOCRINE CENTRE - OUTPATIENT REVIEW\nDate: 07/07/2025\nHbA1c: 81 mmol/mol\n\n"
        "Requests to GP:\n- HbA1c in 3 months\n\nFollow-up: None - discharged to the practice diabetes team\n"
    )
    assert owner(text)[0] == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a template fit note field with its options left unselected: the job and the operation say it is
        # needed
        (
            "Procedure: laparoscopic cholecystectomy\nOccupation: Bricklayer\n"
            "Fit note issued:  Yes / No / N/A\nGP actions: Nil\n",
            "missing",
        ),
        ("Operation: ORIF left wrist\nOccupation: plasterer\nFit note: Y / N\n", "missing"),
        # a "fit note required" field answered N/A is no note given, whatever the parents were handed
        ("Fit note required: N/A (child) - parents given a letter for their employer\n", "not_needed"),
        # told to the patient that no more notes are needed: not an ask of the practice
        ("You told me you are back at work full time, so you won't need any more fit notes.\n", "not_needed"),
        ("He will not need any further fit notes.\n", "not_needed"),
        # an ask after a clause break, behind a "not" said of an earlier time
        (
            "She did not need a fit note at first as she self-certified, and I would be grateful if you "
            "could "
            "provide one for the next month.\n",
            "requested_from_gp",
        ),
        # a kind of work ruled out for a time
        ("He works as a joiner and should not return to site work for at least 4-6 weeks.\n", "missing"),
        ("She is not to go back to manual duties for 6 weeks after the repair.\n", "missing"),
        # the job pointed back to, or a return judged unlikely
        (
            "He drives a delivery van for a parcel firm and will not be able to do this job for the time "
            "being.\n",
            "missing",
        ),
        (
            "Procedure: knee arthroscopy. She is a carpenter and is unlikely to be able to work at height "
            "for "
            "a month.\n",
            "missing",
        ),
        # a job told as a sentence of its own, with an episode that stops work
        ("Procedure: incision and drainage of a perianal abscess.\nMr Hughes is a plumber.\n", "missing"),
        # a bracketed aside before the time
        ("Advice: no heavy lifting (including shopping bags and the vacuum) for 6 weeks.\n", "missing"),
    ],
)
def test_fit_note_r26_even(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a template field with an option chosen keeps its answer
        ("Occupation: chef\nFit note issued: Yes - 2 weeks\n", "issued"),
        ("Fit note issued: Yes\n", "issued"),
        # a fit note field that is answered is not overruled by "given" later in the line
        ("Fit note: issued for 2 weeks, given to the patient\n", "issued"),
        # "you won't need" said in the past of the practice's note asks nothing; an ask outright still asks
        ("Please could you provide him with a fit note for 2 weeks.\n", "requested_from_gp"),
        # a job told as a sentence of its own with no episode that stops work is no need
        ("Mr Hughes is a plumber. He came for a review of his blood pressure readings.\n", None),
        # a relative's job is not the patient's
        ("Her husband is a roofer.\n", None),
    ],
)
def test_fit_note_r26_even_look_alikes(fit_status: Fit, text: str, expected: str | None) -> None:
    got = fit_status(text)
    assert (got[0] if got else None) == expected
