"""la_status round 21: follow-up owner and fit note families from the round-21 blind plan sections (odd
ids only), each written here in other words, with look-alikes that must keep their owner or status."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a review on a hospital unit or ward at a time, with no subject
        ("Plan: see again on the ambulatory care unit in 48 hours with repeat bloods.", "hospital"),
        ("Plan: review on the women's day unit in 2 weeks.", "hospital"),
        ("To be seen on the paediatric ward in 3 days for a weight check.", "hospital"),
        # a place with a possessive word under a follow-up heading
        ("Follow-up\nOn the children's day unit, with a repeat bilirubin.\n", "hospital"),
        # listed for an operation named by its kind, not an -ectomy
        ("She has been listed for a laparoscopic bowel resection.", "hospital"),
        ("Listed for arthroscopic release of the shoulder.", "hospital"),
        ("She is on the list for excision of the lesion.", "hospital"),
        # the practice asked to review or check the wound, with "the" or "of"
        ("Practice nurse to take out the sutures at day 10 and review the wound.", "gp"),
        ("Please ask the practice nurse to look at the surgical wound at 2 weeks.", "gp"),
        # a treatment reviewed when the practice next sees the patient
        ("When you next see him, please review whether he still needs the omeprazole.", "gp"),
        ("Please review the need for the PPI when she is next seen at the practice.", "gp"),
        ("Please review his antihypertensives next time he comes into the surgery.", "gp"),
        ("Please review the need for the PPI at her next GP appointment.", "gp"),
    ],
)
def test_follow_up_round21(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # a stay on the ward told as history, a dated visit on the unit, the practice's own place
        ("She was reviewed on the ward by the physiotherapists before discharge.", "hospital"),
        ("She was seen on the day unit on 03/11/2026 for her infusion.", "hospital"),
        ("Follow up\nWith the GP's practice nurse in 2 weeks.\n", "hospital"),
        # an excision asked of the practice's referral, not a listing
        ("GP to refer for excision of the cyst if it enlarges.", "hospital"),
        # a review of treatment with no next visit stays a treatment review
        ("Please review the bisphosphonate at 5 years.", "gp"),
        ("Please review the statin at her next annual diabetes review.", "gp"),
    ],
)
def test_follow_up_round21_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(HEAD + text)[0] != not_owner


def test_a_next_visit_review_yields_to_a_stated_none_and_to_the_hospital(owner: Owner) -> None:
    ask = "Please review the need for the PPI when you next see her. "
    assert owner(HEAD + ask + "I have discharged her from the clinic.")[0] == "none"
    assert owner(HEAD + ask + "We will see her again in clinic in 3 months.")[0] == "hospital"
    assert owner(HEAD + ask)[0] == "gp"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # work given up long ago or for good, without the word "retired"
        ("He gave up work five years ago to care for his wife.", "not_needed"),
        ("She no longer works.", "not_needed"),
        ("He has not worked for many years.", "not_needed"),
        ("She left her job as a nurse on health grounds.", "not_needed"),
        ("He finished work two years ago because of ill health.", "not_needed"),
        # aircrew kept off flying, the work itself
        ("He is an airline pilot and must not fly until the aviation doctor clears him.", "missing"),
        ("Flight attendant - advised not to fly for six weeks after the DVT.", "missing"),
        # (third writer) a driving job told first, then no driving; shifts kept off
        (
            "She drives a taxi for a living and has been told not to drive for 6 weeks after the seizure.",
            "missing",
        ),
        ("He is a delivery driver and was advised not to drive or lift for a month.", "missing"),
        ("She is a care assistant and has been advised not to lift or do shifts for 6 weeks.", "missing"),
    ],
)
def test_fit_note_round21(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a recent stop is time off, not the end of work
        ("He stopped work last week because of the pain.", "not_needed"),
        ("She has not worked for 3 weeks since the operation.", "not_needed"),
        ("He left work early on Friday with chest pain.", "not_needed"),
        # a passenger told not to fly has no job to be off
        ("She should not fly for 4 weeks after the pneumothorax.", "missing"),
        # aircrew kept at work on the ground
        ("He is a pilot and cannot fly for 4 weeks but remains at work on ground duties.", "missing"),
        # not a driving job, or kept at work off the road; shifts asked of the ward
        ("He is a teacher and has been told not to drive for 6 months after the seizure.", "missing"),
        (
            "He drives a bus for a living, told not to drive for a week; he remains at work on yard duties.",
            "missing",
        ),
        ("The ward was asked not to do extra shifts over the weekend.", "missing"),
    ],
)
def test_fit_note_round21_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
