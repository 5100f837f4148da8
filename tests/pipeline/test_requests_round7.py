"""la_requests round 7: request wordings no dev letter uses (a probe of new phrasings), and the near-misses
beside them that must stay information (the hospital's job, the patient's, something already done)."""

from __future__ import annotations

import pytest
from request_text import END, D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            D + "Her U&E would need repeating in 2 weeks.",
            [("Her U&E would need repeating in 2 weeks", "monitoring")],
        ),
        (
            D + "His sodium needs rechecking next week.",
            [("His sodium needs rechecking next week", "monitoring")],
        ),
        (
            D + "Bloods are due in 4 weeks (U&E and FBC).",
            [("Bloods are due in 4 weeks (U&E and FBC)", "monitoring")],
        ),
        (
            D + "We'd value your help with titrating her bisoprolol.",
            [("We'd value your help with titrating her bisoprolol", "prescribing")],
        ),
        (
            D + "The practice may need to adjust her diuretic dose.",
            [("The practice may need to adjust her diuretic dose", "prescribing")],
        ),
        (
            D + "Recommend uptitration of bisoprolol to 5 mg.",
            [("Recommend uptitration of bisoprolol to 5 mg", "prescribing")],
        ),
        (
            D + "Recommended: repeat HbA1c in 3 months.",
            [("Recommended: repeat HbA1c in 3 months", "monitoring")],
        ),
        (D + "To do (GP): review BP in 4 weeks", [("To do (GP): review BP in 4 weeks", "review")]),
        (
            D + "Task for GP: review her HbA1c in 3 months.",
            [("Task for GP: review her HbA1c in 3 months", "monitoring")],
        ),
        (D + "A repeat U&E is needed in 1 week.", [("A repeat U&E is needed in 1 week", "monitoring")]),
        (
            D + "She will need a repeat U&E in 1 week.",
            [("She will need a repeat U&E in 1 week", "monitoring")],
        ),
        (
            D + "I'd suggest rechecking her sodium in a week.",
            [("I'd suggest rechecking her sodium in a week", "monitoring")],
        ),
        (
            D + "Ongoing monitoring of her INR will be needed in primary care.",
            [("Ongoing monitoring of her INR will be needed in primary care", "monitoring")],
        ),
        (
            D + "Your team might consider starting a statin.",
            [("Your team might consider starting a statin", "prescribing")],
        ),
        (
            D + "Is it possible for you to check her B12 level?",
            [("Is it possible for you to check her B12 level?", "monitoring")],
        ),
        (
            D + "It is recommended that her U&E are repeated in 1 week.",
            [("It is recommended that her U&E are repeated in 1 week", "monitoring")],
        ),
        (
            D + "Continue bisoprolol, titrating up as tolerated to 10 mg.",
            [("Continue bisoprolol, titrating up as tolerated to 10 mg", "prescribing")],
        ),
        (
            P + "Your GP has been asked to refer you to the dietitian.",
            [("Your GP has been asked to refer you to the dietitian", "referral")],
        ),
        (
            P + "Your GP may need to change the dose of your water tablet.",
            [("Your GP may need to change the dose of your water tablet", "prescribing")],
        ),
        # a second ask joined by "and to": two requests
        (
            P
            + "We have asked your GP to take over the oxycodone prescriptions and to sign a community chart.",
            [
                ("We have asked your GP to take over the oxycodone prescriptions", "prescribing"),
                ("to sign a community chart", "other"),
            ],
        ),
        # a report to a named team is a report back: it stays with its request (fixtures/README, round 9)
        (
            D + "If K+ >5.5 please stop spironolactone and let the HF nurses know.",
            [("If K+ >5.5 please stop spironolactone and let the HF nurses know", "prescribing")],
        ),
        (
            D + "Please recheck potassium in 1 week, and text or ring the result to the renal nurse line "
            "if it is 6.0 or above.",
            # round 17 (fixtures/README, one item or two): a report back with a condition of its own is its
            # own item, results
            [
                ("Please recheck potassium in 1 week", "monitoring"),
                ("text or ring the result to the renal nurse line if it is 6.0 or above", "results"),
            ],
        ),
        # a report back to the writer or the patient stays with the test
        (
            D + "Please check his calcium in 1 week and let us know the result.",
            [("Please check his calcium in 1 week and let us know the result", "monitoring")],
        ),
        (
            D + "Please repeat her LFTs and let the patient know the result.",
            [("Please repeat her LFTs and let the patient know the result", "results")],
        ),
    ],
)
def test_new_wording_is_a_request(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        D + "Her U&E will need checking in clinic next week.",
        D + "Her bloods will need repeating before her next chemotherapy cycle.",
        D + "Her INR is due in 3 days at the anticoagulant service.",
        D + "Bloods are due at the anticoagulation clinic in 4 weeks.",
        D + "She will need a repeat U&E in 1 week, which we will arrange in clinic.",
        D + "She will need a repeat U&E in 1 week before her next infusion.",
        D + "A repeat ECG is required in 6 weeks at the rapid access chest pain clinic.",
        D + "The practice may need to be aware that she has a latex allergy.",
        D + "Your team might find the enclosed leaflet useful.",
        D + "It is recommended that she avoids driving for 6 weeks.",
        D + "Recommended: rest, ice and elevation.",
        D + "To do (ward): repeat U&E tomorrow.",
        D + "We have continued bisoprolol, titrating it up on the ward to 5 mg.",
        D + "The heart failure nurses will titrate her bisoprolol, checking U&E after each increase.",
        P + "Your GP might want to know how you are getting on.",
        P + "You will need a blood test in 1 week; please book this with your surgery.",
    ],
)
def test_near_miss_is_not_a_request(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


def test_third_party_report_keeps_the_condition(nlp, run) -> None:
    # round 9: the report stays in the step's item, which keeps the step's condition
    doc = run(nlp, D + "If K+ >5.5 please stop spironolactone and let the HF nurses know." + END)
    assert [(s.text, s._.condition) for s in doc.spans["gp_actions"]] == [
        ("If K+ >5.5 please stop spironolactone and let the HF nurses know", "K+ >5.5"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            D + "We'd ask that the surgery checks her U&E in a week.",
            "We'd ask that the surgery checks her U&E in a week",
        ),
        (D + "Grateful for a repeat FBC in 2 weeks.", "Grateful for a repeat FBC in 2 weeks"),
        (D + "Worth rechecking her B12 in 3 months.", "Worth rechecking her B12 in 3 months"),
        (D + "Are you able to check her TFTs in 6 weeks?", "Are you able to check her TFTs in 6 weeks?"),
        (
            D + "I would leave it to you to titrate her bisoprolol.",
            "I would leave it to you to titrate her bisoprolol",
        ),
        (
            P + "Your doctor at the surgery should check your blood pressure in 2 weeks.",
            "Your doctor at the surgery should check your blood pressure in 2 weeks",
        ),
    ],
)
def test_more_new_wordings(nlp, run, text: str, expected: str) -> None:
    assert [t for t, _ in found(nlp, run, text)] == [expected]


def test_gp_offering_information_is_not_asked(nlp, run) -> None:
    assert found(nlp, run, P + "Your GP can give you more information about this.") == []


@pytest.mark.parametrize(
    "text",
    [
        D + "I would leave the amlodipine at 5 mg for now.",
        D + "Further titration will be carried out in the heart failure clinic.",
        P + "Your GP will receive a copy of this letter.",
    ],
)
def test_more_near_misses(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Practice pharmacist to review her medications.",
        "PCN pharmacist to review her inhaler technique.",
        "GP surgery: repeat bloods 1 week.",
        "Primary care follow-up: U&E in 1 week.",
        "Post-discharge bloods: U&E in 1 week via GP.",
        "Review GP 2/52 for BP.",
    ],
)
def test_terse_lines_naming_the_practice(nlp, run, text: str) -> None:
    assert [t for t, _ in found(nlp, run, D + text)] == [text.rstrip(".")]


@pytest.mark.parametrize(
    "text",
    [
        "Follow up with GP in 1 week.",
        "PCN pharmacist has already reviewed her medications.",
        "U&E in 1 week on the ward.",
        "GP informed by phone.",
    ],
)
def test_terse_near_misses(nlp, run, text: str) -> None:
    assert found(nlp, run, D + text) == []


def test_patient_steps_after_and_to_stay_one_request(nlp, run) -> None:
    text = D + "Please encourage her to keep walking and to continue her exercises."
    assert [t for t, _ in found(nlp, run, text)] == [
        "Please encourage her to keep walking and to continue her exercises"
    ]
