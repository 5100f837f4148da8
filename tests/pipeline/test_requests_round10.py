"""la_requests round 10: the shapes five new writers used. A second edit of the repeat list joined to the
first ("and take X off repeat", "+ stop Y", "and to take over the prescription") is a request of its own; the
practice named in a letter to the patient ("we would like the surgery to ..."); US-style follow-up lines
("Follow-up: with PCP in 1 week"); a to-do heading in a letter to the patient is not a request."""

from __future__ import annotations

import pytest
from request_text import D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another drug taken off after an addition
        (
            D + "Please add edoxaban 60 mg daily to her repeat prescription and take the dabigatran off her "
            "repeats.",
            [
                ("Please add edoxaban 60 mg daily to her repeat prescription", "prescribing"),
                ("take the dabigatran off her repeats", "prescribing"),
            ],
        ),
        # a terse "+" between two drug steps
        (
            D + "GP: pls add Spiolto to repeats + stop Seretide.",
            [("pls add Spiolto to repeats", "prescribing"), ("stop Seretide", "prescribing")],
        ),
        # "remove" with the drug only
        (
            D + "Could you put sertraline 50 mg on his repeat list and remove the citalopram.",
            [
                ("Could you put sertraline 50 mg on his repeat list", "prescribing"),
                ("remove the citalopram", "prescribing"),
            ],
        ),
        # an infinitive second ask after "and to"
        (
            D + "I would be grateful if you could keep the dose at 10 mg and to take over the prescribing "
            "when our four weeks run out.",
            [
                ("I would be grateful if you could keep the dose at 10 mg", "other"),
                ("take over the prescribing when our four weeks run out", "prescribing"),
            ],
        ),
        # the same drug ("add it", "add to repeat") stays with its step
        (
            D + "Please prescribe lamotrigine as in the titration table and add it to his repeats.",
            [
                (
                    "Please prescribe lamotrigine as in the titration table and add it to his repeats",
                    "prescribing",
                )
            ],
        ),
        # "amend" asks
        (
            D + "Pls amend her repeat to apixaban 2.5 mg BD.",
            [("Pls amend her repeat to apixaban 2.5 mg BD", "prescribing")],
        ),
        # the practice named in a letter to the patient
        (
            P + "Because of your blood pressure, we would like the surgery to recheck it in a month.",
            [
                (
                    "Because of your blood pressure, we would like the surgery to recheck it in a month",
                    "monitoring",
                )
            ],
        ),
        (
            P + "Your doctor at the surgery may want to look at the rash. We would ask the practice to "
            "carry on the inhaler prescriptions.",
            [
                ("Your doctor at the surgery may want to look at the rash", "review"),
                ("We would ask the practice to carry on the inhaler prescriptions", "prescribing"),
            ],
        ),
        (
            P + "Your GP may also like to repeat your iron levels.",
            [("Your GP may also like to repeat your iron levels", "monitoring")],
        ),
        (
            P + "Your GP - please refer Sam to the orthoptist.",
            [("Your GP - please refer Sam to the orthoptist", "referral")],
        ),
        (
            P + "The surgery is asked to arrange a hearing test for Sam.",
            [("The surgery is asked to arrange a hearing test for Sam", "monitoring")],
        ),
    ],
)
def test_round10_shapes(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_a_to_do_heading_in_a_letter_to_the_patient_is_not_a_request(nlp, run) -> None:
    text = (
        P
        + "Things we have asked your GP to do\nYour GP will need to check your kidney blood test in 2 weeks."
    )
    assert found(nlp, run, text) == [
        ("Your GP will need to check your kidney blood test in 2 weeks", "monitoring")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Follow-up: with PCP in 10 days.", [("with PCP in 10 days", "review")]),
        (
            "Follow up with the GP in 3 weeks for a BP check.",
            [("Follow up with the GP in 3 weeks for a BP check", "review")],
        ),
    ],
)
def test_us_style_follow_up_with_the_practice(nlp, run, line: str, expected) -> None:
    assert found(nlp, run, D + line) == expected


def test_an_owner_table_reads_row_by_row(nlp, run) -> None:
    """A row that says "no action" asks nothing, the GP row after it still asks; an action cell split by ";"
    is one request; the sign-off under the table is not a row of the plan."""
    text = (
        D
        + "Plan\nAction | Who | When\n"
        + "Bone scan: not needed at present (normal ALP) - no action | - | -\n"
        + "Refer back urgently if new bone pain | GP | If symptoms\n"
        + "Pulse was 48 today; please repeat an ECG | GP practice | Within 2 weeks\n"
        + "Discharge from clinic | Hospital | Today\n"
        + "Dr Ama Boateng\nSenior Clinical Fellow in Urology"
    )
    assert found(nlp, run, text) == [
        ("Refer back urgently if new bone pain", "referral"),
        ("Pulse was 48 today; please repeat an ECG", "monitoring"),
    ]
