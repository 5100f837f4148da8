"""la_status round 11: follow-up families and shapes met in five more new writers' letters.

Each case is worded unlike the letter that taught it, so a rule that only matched that letter fails here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from tests.pipeline.status_text import fit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hospital follow-up that carries on while another clinic discharges
        (
            "I have discharged him from the fracture clinic. His rheumatology review with Dr Amos continues "
            "as before.",
            "hospital",
        ),
        ("Her surveillance in the liver clinic will continue every six months.", "hospital"),
        # kept on the list, a new date to be offered
        ("She remains on our waiting list and we will send her a new appointment shortly.", "hospital"),
        ("We will offer him another date once his HbA1c is below 75.", "hospital"),
        # a procedure booked as a field
        ("Trial without catheter: booked for Tuesday on the urology day ward.", "hospital"),
        # a timed review with a named doctor
        ("Follow up with Dr Q. Hartley in 4 months.", "hospital"),
        ("Outpatients with Mr Odum in 6-8 weeks.", "hospital"),
        # a team's visit at a time
        ("The respiratory nurses visit in 2 weeks to check his oxygen.", "hospital"),
        # mental-health team acronyms in a follow-up field
        ("Follow-up: CRHT daily home visits for one week.", "hospital"),
        # the plan to see the patient after the operation is not the GP's surgery
        ("We will review him after surgery in the spring.", "hospital"),
    ],
)
def test_follow_up_round11_hospital(
    owner: Callable[[str], tuple[str, str]], text: str, expected: str
) -> None:
    assert owner(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no follow-up, told to the patient
        ("There is no need for us to see you again. We won't review you again in clinic.", "none"),
        ("We will not follow you up in the hospital.", "none"),
        # a discharge with a word between
        ("He has therefore been discharged from the memory service.", "none"),
        ("She has today been discharged from the falls team caseload.", "none"),
        # no further test or surveillance needed
        ("He does not need any further endoscopy and no surveillance is required.", "none"),
        # a "will not contact" is no plan
        ("The pain team will not contact him. No follow-up.", "none"),
        # an outcome field of a form
        ("Outcome: discharged with written advice and a leaflet.", "none"),
    ],
)
def test_follow_up_round11_none(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a timed review asked of the practice with no object
        ("No clinic follow-up. Please review at 6 weeks to decide about the steroid dose.", "gp"),
        # the practice will look at the patient's BP readings, told to the patient
        ("Your GP will look at your blood pressure readings in a month.", "gp"),
        # ... with a later conditional step of its own, after "and, if"
        (
            "We won't see her again in clinic. Her GP will look at her BP readings in a month and, if they "
            "stay high, add ramipril.",
            "gp",
        ),
        # a terse review noun before r/v, with a later step of its own
        ("Discharged from the team.\nGP: BP r/v in 3/52 - increase amlodipine if above 150.", "gp"),
    ],
)
def test_follow_up_round11_gp(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


def test_a_patients_own_option_is_no_discharge(owner: Callable[[str], tuple[str, str]]) -> None:
    # a waiting-list validation form offers the patient an answer; the writer says nothing of discharge
    text = "Please tick one:\n1. I still need my appointment.\n2. I no longer need my appointment.\n"
    assert owner(text)[0] == "hospital"
    assert owner("2. I no longer need my appointment.\n")[0] == "unclear"


def test_a_practice_task_yields_to_a_stated_none(owner: Callable[[str], tuple[str, str]]) -> None:
    # removing sutures at the practice is a task, not a review, when the letter says there is no follow-up
    text = (
        "GP actions: please could the practice nurse take out his sutures at 10 days.\n"
        "Follow-up: none required.\n"
    )
    assert owner(text)[0] == "none"


def test_a_past_dated_clinic_line_is_the_visit(owner: Callable[[str], tuple[str, str]]) -> None:
    # "clinic <date>" on or before the typed date is the visit the letter reports, not a plan

    text = "Typed 20/01/2027\nKnee review, clinic 12/01/2027\nI do not plan to see him again routinely."
    assert owner(text)[0] == "none"


def test_a_future_dated_clinic_is_still_a_plan(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "Typed 20/01/2027\nNext: review 14/04/2027 in the knee clinic."
    assert owner(text)[0] == "hospital"


def test_a_none_line_listed_as_an_action_is_no_gp_review(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "Actions:\n1. Please add Dovobet to his repeat.\n2. Rheumatology - no further appointment.\n"
    assert owner(text)[0] == "none"


def test_a_treatment_review_leaves_no_follow_up(owner: Callable[[str], tuple[str, str]]) -> None:
    assert owner("No ENT follow-up. Please review whether the 5 mg dose is still right.")[0] == "none"
    assert owner("No clinic follow-up. Review his pain relief - avoid NSAIDs.")[0] == "none"


def test_a_hospice_nurse_in_the_follow_up_section_is_not_the_hospital(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "For the GP\nPlease visit her within the first week to review symptoms.\n"
        "Follow-up\nHospice CNS will phone each week. No further hospital follow-up.\n"
    )
    assert owner(text)[0] == "gp"


@pytest.fixture(scope="module")
def fit_status(status_nlp: Language, run: Callable[[Language, str], Doc]) -> Callable[[str], str]:
    def _fit(text: str) -> str:
        got = fit(status_nlp, run, text)
        return got[0] if got else "not_mentioned"

    return _fit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the team renewed or gave one, told to the patient
        ("We have renewed her fit note until the end of March.", "issued"),
        ("Because you lift heavy boxes at work, we have given you a fit note for two weeks.", "issued"),
        # one issued, and the practice asked only for any further one if needed
        (
            "A fit note for 4 weeks was issued on the ward; could you please provide any more notes that are "
            "needed after that.",
            "issued",
        ),
        # a retired patient named in a table cell, the line ending after the word
        ("Patient | Mr B Ortiz, 70, retired\nDiagnosis | gout", "not_needed"),
        # the condition leaves work alone
        ("He is a bus driver. His work is unaffected by the rash.", "not_needed"),
        ("There has been no impact on her job so far.", "not_needed"),
        # a manual job in a social-history field, after an admission
        ("He was admitted with chest pain.\nSocial: self-employed roofer, lives alone.", "missing"),
    ],
)
def test_fit_note_round11(fit_status: Callable[[str], str], text: str, expected: str) -> None:
    assert fit_status(text) == expected


def test_a_labelled_team_number_after_an_address_sentence_counts(
    status_nlp: Language, run: Callable[[Language, str], Doc]
) -> None:
    text = "Oakfield Health Centre, Mill Road, Leeds LS1 1AA. Team secretary: 01632 777 888\nDear Dr Ash\n"
    assert run(status_nlp, text)._.contact_point is not None


def test_a_number_in_a_prose_paragraph_is_judged_by_its_own_sentence(
    status_nlp: Language, run: Callable[[Language, str], Doc]
) -> None:
    text = (
        "Dear Dr Ash\nShe lives at home with her son and manages well. " + "All else was unremarkable. " * 6
        + "She has the oncology triage line, 0800 111 2222, for any fever.\n"
    )
    assert run(status_nlp, text)._.contact_point is not None
    # a practice's number stays the practice's, in its own sentence
    gp = "Dear Dr Ash\n" + "All was well. " * 15 + "Her practice is on 01632 555 666.\n"
    assert run(status_nlp, gp)._.contact_point is None
