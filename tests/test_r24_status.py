"""Round 24: follow-up owner and fit note families from the blind writers' odd-half probes (w12-w14), each
written here in other words, with look-alikes that must keep their owner or status. Every wording is this
file's own.

Follow-up: a form's choice after an arrow, the team's review "here" or an "appt" it will send, a stop-smoking
service's call, a visit only hedged, a letter's subtitle naming the visit by its time after an operation, the
patient's own clinic visit that a test is to come before, a discharge with its reason, a result chased, a test
department's date. Fit note: back at work already, work not ruled out, a note the team extended.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline

_HEAD = (
    "Dear Dr Hale,\nRe: Mr A Example, NHS 999 000 0000.\n"
    + "He was seen in clinic today and his history was reviewed in full. " * 8
    + "\n\n"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _report(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    return audit(Letter.from_text(text + "\n\nYours sincerely,\nDr A Jones\n"), nlp=nlp)


def owner(nlp: Language, body: str) -> str:
    """The follow-up owner of a letter whose body (after a long first paragraph) is ``body``."""
    return str(_report(nlp, _HEAD + body).follow_up.owner)


def fit(nlp: Language, body: str) -> str:
    """The fit note status of a letter whose body (after a long first paragraph) is ``body``."""
    return str(_report(nlp, _HEAD + body).fit_note.status)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a typed form's choice after an arrow, the unpicked options blanked
        ("Wound: healed.\nFollow-up:   Clinic / GP / None   -> None\nGP actions: nil\n", "none"),
        ("Follow up:  Clinic / GP / None  => None\n", "none"),
        # the team's review "here", or an abbreviated appointment the team will send
        ("Plan:\n1. Continue exercises.\n2. r/v here in 6/12 with an X-ray.\n", "hospital"),
        ("Plan:\n1. Continue exercises.\n2. Review here at 2 years.\n", "hospital"),
        ("He will need a repeat scan next year and we will send an appt in due course.\n", "hospital"),
        # a stop-smoking service written with a hyphen and its call in brackets is no follow-up
        (
            "Referred to our stop-smoking team (who will phone him).\nFollow-up: no hospital follow-up.\n",
            "none",
        ),
        # a visit only hedged: the letter does not say
        (
            "I have requested an MRI of the lumbar spine. Depending on the result she might need a further "
            "review in the spinal clinic, or she may be discharged.\n",
            "unclear",
        ),
        # the patient's own clinic visit that a test is to come before is the team's, inside a request
        (
            "Please check her ESR in 4 weeks and send the result to my secretary before her review on "
            "12 May, so that I can plan the next reduction.\n",
            "hospital",
        ),
        (
            "Could you arrange a urine ACR ahead of his next renal clinic appointment and send it to us.\n",
            "hospital",
        ),
        # a discharge with its reason
        ("He has not attended three appointments, so he is discharged.\n", "none"),
        ("In line with trust policy she is therefore discharged.\n", "none"),
        # a result chased, with no plan to see the patient again
        (
            "We have not arranged to see her again. Please chase the ultrasound report and discuss it with "
            "her once it is back.\n",
            "none",
        ),
        # a test department's date books a test, not a visit
        (
            "I have requested a CT chest; the imaging department will contact him with a date.\n",
            "unclear",
        ),
    ],
)
def test_follow_up_r24(nlp: Language, body: str, expected: str) -> None:
    assert owner(nlp, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a plan with a time stays the team's; a GP review is not turned into the team's
        ("He will need a further review in the spinal clinic in 3 months.\n", "hospital"),
        ("Plan: review 6 weeks after surgery in the fracture clinic.\n", "hospital"),
        ("Please check her ESR before her review with you on 12 May.\n", "unclear"),
        ("Please review the result with him in 2 weeks.\n", "gp"),
        ("The respiratory department will contact him with a clinic date.\n", "hospital"),
        ("Follow-up:   Clinic / GP / None   -> Clinic in 6 weeks\n", "hospital"),
        # a ward's discharge of a patient who is better is no discharge from follow-up
        ("He has improved on oral antibiotics, so he is discharged.\n", "unclear"),
    ],
)
def test_follow_up_r24_look_alikes(nlp: Language, body: str, expected: str) -> None:
    assert owner(nlp, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a review of the blood pressure sees the patient ("blood" is no blood test), after a "none"
        (
            "Please could the practice:\n- check his potassium in 1 week\n"
            "- review his blood pressure, lying and standing, in 3 weeks\n"
            "No hospital follow-up is planned.\n",
            "gp",
        ),
        (
            "She is now discharged from the falls clinic.\nPlease could the practice:\n"
            "1. review her blood pressure, lying and standing, in 6 weeks\n",
            "gp",
        ),
        # and with one conditional step on the reading after it (probe golds), unlike a titration
        (
            "Could the practice:\n- review his blood pressure in 4 weeks and add amlodipine 5 mg if it stays "
            "above 150\nNo further clinic appointment is planned.\n",
            "gp",
        ),
        # a discharge from "this episode"
        ("Plan: see her own optometrist.\nDischarged from this episode.\n", "none"),
        # an owner-table row with a bar at its start, its owner the hospital itself
        (
            "Plan\n| Task | Owner | When |\n"
            "| Diabetes clinic review | Hospital (letter to follow) | 3 months |\n"
            "| HbA1c | GP practice | 3 months |\n",
            "hospital",
        ),
        # a team worker named after a comma holds sessions with the patient
        (
            "Our community nurse, Bethan Lloyd, will do three sessions at home to practise with the "
            "spacer.\n",
            "hospital",
        ),
    ],
)
def test_follow_up_r24_y15(nlp: Language, body: str, expected: str) -> None:
    assert owner(nlp, body) == expected


@pytest.mark.parametrize(
    ("body", "not_expected"),
    [
        # the practice's own nurse is not the team's; a blood result reviewed is not a review of the patient
        ("The practice nurse, Ann Jones, will do four sessions at the surgery.\n", "hospital"),
        ("No hospital follow-up is planned. Please review the bloods in 2 weeks.\n", "gp"),
        # a blood pressure review that titrates treatment is treatment (dev gold), after a stated none
        (
            "It would help if the practice could:\n"
            "- review her blood pressure in 3-4 weeks and titrate treatment to a target below 140/90.\n"
            "No further clinic appointment has been made.\n",
            "gp",
        ),
    ],
)
def test_follow_up_r24_y15_look_alikes(nlp: Language, body: str, not_expected: str) -> None:
    assert owner(nlp, body) != not_expected


def test_subtitle_naming_the_visit_is_no_plan(nlp: Language) -> None:
    """A letter's second line naming the visit by its time after the operation is its title, not a plan: the
    discharge the body states stands."""
    text = (
        "General Surgery - Upper GI Service\n"
        "Post-operative review 6 weeks after laparoscopic cholecystectomy (12/01/2025).\n\n"
        "Dear Dr Hale,\nShe is eating normally and her wounds have healed. She has been discharged from the "
        "surgical clinic.\n"
    )
    assert str(_report(nlp, text).follow_up.owner) == "none"


def test_plan_line_near_the_top_stays_a_plan(nlp: Language) -> None:
    text = (
        "Cardiology Clinic\n"
        "Plan:\nCardiology clinic review 3 months after cardioversion.\n\n"
        "Dear Dr Hale,\nHe was cardioverted successfully last week.\n"
    )
    assert str(_report(nlp, text).follow_up.owner) == "hospital"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # back at work already, told with "been"
        ("He works as a postman. He has been back at work since Monday.\n", "not_needed"),
        ("She is a nurse and has in fact been back at work for a week.\n", "not_needed"),
        # work not ruled out
        ("He is a bus driver; there is no reason he cannot return to work.\n", "not_needed"),
        ("There is no medical reason why she can't continue working as a cleaner.\n", "not_needed"),
        # a note the team extended, in a field
        ("Fit note: extended by us - 4 weeks (labourer, cannot lift)\n", "issued"),
        ("Med3: renewed in clinic for 2 weeks.\n", "issued"),
    ],
)
def test_fit_note_r24(nlp: Language, body: str, expected: str) -> None:
    assert fit(nlp, body) == expected


@pytest.mark.parametrize(
    ("body", "not_expected"),
    [
        # a return that waits on something is no verdict of fitness
        (
            "He is a roofer; there is no reason he cannot return to work once the wound has healed in "
            "3 weeks.\n",
            "not_needed",
        ),
        # a note the practice is to extend is not the team's
        ("Fit note: to be extended by GP if needed.\n", "issued"),
    ],
)
def test_fit_note_r24_look_alikes(nlp: Language, body: str, not_expected: str) -> None:
    assert fit(nlp, body) != not_expected
