"""la_status round 26 (even halves): fit-note families from the round-26 blind letters' even halves, each
written here in other words, with look-alikes that must keep their status: a template fit note field whose
options are left unselected ("Fit note issued: Yes / No / N/A") says nothing, so a job with an operation is a
need; a "fit note required" field answered N/A is no note given; "won't need any more fit notes" is said to
the patient, not asked of the practice; an ask after a clause break ("did not need a fit note earlier ..., and
I would be grateful if you could provide one") is not negated by the "not" ahead of the note; and work ruled
out in other words (a kind of work, "this job", a return judged unlikely, a job told as a sentence of its own,
a bracketed aside in "no heavy lifting (...) for 6 weeks")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a template fit note field with its options left unselected: the job and the operation say it is needed
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
            "She did not need a fit note at first as she self-certified, and I would be grateful if you could "
            "provide one for the next month.\n",
            "requested_from_gp",
        ),
        # a kind of work ruled out for a time
        ("He works as a joiner and should not return to site work for at least 4-6 weeks.\n", "missing"),
        ("She is not to go back to manual duties for 6 weeks after the repair.\n", "missing"),
        # the job pointed back to, or a return judged unlikely
        (
            "He drives a delivery van for a parcel firm and will not be able to do this job for the time being.\n",
            "missing",
        ),
        (
            "Procedure: knee arthroscopy. She is a carpenter and is unlikely to be able to work at height for "
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
