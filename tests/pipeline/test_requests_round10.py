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
        # another drug taken off after an addition: one edit of the repeat list (fixtures/README, round 18)
        (
            D + "Please add edoxaban 60 mg daily to her repeat prescription and take the dabigatran off her "
            "repeats.",
            [
                (
                    "Please add edoxaban 60 mg daily to her repeat prescription and take the dabigatran off "
                    "her repeats",
                    "prescribing",
                ),
            ],
        ),
        # a terse "+" between two drug steps on the repeat list: one item
        (
            D + "GP: pls add Spiolto to repeats + stop Seretide.",
            [("pls add Spiolto to repeats + stop Seretide", "prescribing")],
        ),
        # "remove" with the drug only: one edit of the list
        (
            D + "Could you put sertraline 50 mg on his repeat list and remove the citalopram.",
            [("Could you put sertraline 50 mg on his repeat list and remove the citalopram", "prescribing")],
        ),
        # look-alike: the repeat edit joined to a test stays two items
        (
            D + "Could you put sertraline 50 mg on his repeat list and check his sodium in two weeks.",
            [
                ("Could you put sertraline 50 mg on his repeat list", "prescribing"),
                ("check his sodium in two weeks", "monitoring"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a test said to be wise, with the practice left to do it
        (
            D + "A potassium in around ten days would be advisable given the spironolactone.",
            [("A potassium in around ten days would be advisable given the spironolactone", "monitoring")],
        ),
        # a drug step said to be reasonable, its condition first
        (
            D + "Should her ankles swell again, doubling the furosemide for two days would be reasonable.",
            [
                (
                    "Should her ankles swell again, doubling the furosemide for two days would be reasonable",
                    "prescribing",
                )
            ],
        ),
        (
            D + "If the cough persists, losartan 25 mg would be a sensible alternative to the ramipril.",
            [
                (
                    "If the cough persists, losartan 25 mg would be a sensible alternative to the ramipril",
                    "prescribing",
                )
            ],
        ),
        # a dose that could go up ("I would suggest <drug> <dose>" stays a suggestion, as dev golds read it)
        (D + "For rate control I would suggest diltiazem 60 mg three times daily.", []),
        (
            D + "Her propranolol could go up to 40 mg twice daily if the tremor persists.",
            [("Her propranolol could go up to 40 mg twice daily if the tremor persists", "prescribing")],
        ),
        # what the writer would check, and a step said to be worth doing
        (
            D + "Her B12 was borderline, so I would recheck the B12 in three months.",
            [("Her B12 was borderline, so I would recheck the B12 in three months", "monitoring")],
        ),
        (
            D + "It would be worth checking a ferritin, and if it is under 30 please start iron.",
            # round 17 (fixtures/README, one item or two): the step on the ferritin's result is its own item
            [
                ("It would be worth checking a ferritin", "monitoring"),
                ("if it is under 30 please start iron", "prescribing"),
            ],
        ),
        # a review after a drug step, joined by "and then"
        (
            D + "Please supply two more weeks of the nitrofurantoin and then review whether it is needed.",
            [
                ("Please supply two more weeks of the nitrofurantoin", "prescribing"),
                ("review whether it is needed", "review"),
            ],
        ),
        # advance care planning is other work
        (
            D + "The practice may want to consider a ReSPECT conversation at her next visit.",
            [("The practice may want to consider a ReSPECT conversation at her next visit", "other")],
        ),
    ],
)
def test_round10_softened_advice(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "I will see her again once the scan is back.",
        "We have attached the titration chart for your records.",
        "He wanted to talk about stopping smoking with the practice nurse.",
        "Listed for cystoscopy (wait about 8 weeks).",
        "Next appointment in the lipid clinic in 6 months.",
        "These would be discussed at her next clinic visit.",
        "If you have concerns, the rheumatology advice line (01632 960 111) is open to you and to her.",
        "Mycophenolate is an amber drug locally.",
    ],
)
def test_round10_statements_under_a_gp_heading(nlp, run, line: str) -> None:
    assert found(nlp, run, D + "Actions for GP:\n" + line) == []


def test_a_request_under_a_gp_heading_still_stands_beside_a_statement(nlp, run) -> None:
    text = D + "Actions for GP:\nI will see her again in March.\nPlease repeat her LFTs in 4 weeks."
    assert found(nlp, run, text) == [("Please repeat her LFTs in 4 weeks", "monitoring")]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a request opening with a review is a review, whatever drug or reading it names
        ("Please review Ava in 6 weeks about weaning the melatonin.", "review"),
        ("GP pls r/v BP - 168/100 in ED, no treatment.", "review"),
        ("GP actions:\nSleep r/v 4/52 after the zopiclone stop.", "review"),
        ("GP actions:\nReview the spironolactone at 2 months (K+, BP).", "review"),
        # a review of a test keeps the test's kind
        ("Please review U&E in 2 weeks.", "monitoring"),
        # a report back does not make the test a result or a review
        (
            "Please arrange a repeat ferritin in 3 months and send the result to the anaemia nurses, who "
            "will decide whether he needs an infusion.",
            "monitoring",
        ),
        ("Please request a pelvic USS in 8 weeks and forward the report to us.", "monitoring"),
        # named checks
        ("Please do the 6-week maternal postnatal check at the practice.", "review"),
    ],
)
def test_round10_categories(nlp, run, text: str, category: str) -> None:
    got = found(nlp, run, D + text)
    assert [c for _, c in got] == [category]


def test_a_bare_gp_label_line_heads_a_terse_plan(nlp, run) -> None:
    text = (
        D + "Meds: ramipril stopped\n\nGP:\nK+ + Cr 1/52 (ACEi stopped)\nPls refer to diabetes nurses\n"
        "Renal advice line 01632 960 999 (weekdays)\nFBC - haem CNS monitoring, no GP action\n"
    )
    assert found(nlp, run, text) == [
        ("K+ + Cr 1/52 (ACEi stopped)", "monitoring"),
        ("Pls refer to diabetes nurses", "referral"),
    ]


def test_a_gp_label_over_the_practice_address_is_not_a_plan(nlp, run) -> None:
    text = "GP:\nDr P Ochoa, Elm Surgery, Mill Road\n\nDear Dr Ochoa,\n\nShe was seen today. Nothing new."
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nothing-more that hangs on the request's result does not silence the request
        (
            D
            + "Please repeat his ECG in a week to check the QTc, and if it is under 460 ms no further action "
            "is needed.",
            [
                (
                    "Please repeat his ECG in a week to check the QTc, and if it is under 460 ms no further "
                    "action is needed",
                    "monitoring",
                )
            ],
        ),
        # "if not settling" is a condition of its own, not "if not" pointing back
        (
            D + "GP to f/u. ?repeat USS if not improving - GP to arrange.",
            [("GP to f/u.", "review"), ("?repeat USS if not improving - GP to arrange", "monitoring")],
        ),
        # a record entry after a prescribing ask
        (
            D + "Could you prescribe two adrenaline pens, and add the nut allergy to his record.",
            [
                ("Could you prescribe two adrenaline pens", "prescribing"),
                ("add the nut allergy to his record", "other"),
            ],
        ),
    ],
)
def test_round10_more_shapes(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the checks a shared-care agreement asks for, after the prescribing ask
        (
            D
            + "Could you continue to prescribe guanfacine, with height, pulse and BP checked every 6 months.",
            [
                ("Could you continue to prescribe guanfacine", "prescribing"),
                ("height, pulse and BP checked every 6 months", "monitoring"),
            ],
        ),
        (
            D
            + "Please carry on prescribing the atomoxetine and to do the 6-monthly pulse and weight checks.",
            [
                ("Please carry on prescribing the atomoxetine", "prescribing"),
                ("to do the 6-monthly pulse and weight checks", "monitoring"),
            ],
        ),
        # a register is other work
        (
            D + "Please add him to your learning disability (LD) register.",
            [("Please add him to your learning disability (LD) register", "other")],
        ),
        # carrying on prescribing with its tests is prescribing; a brand repeat is prescribing
        (
            D + "GP actions:\nContinue AZA prescribing + monthly bloods under the shared care agreement.",
            [("Continue AZA prescribing + monthly bloods under the shared care agreement", "prescribing")],
        ),
        (
            D + "Please make sure his repeat is written as Neoral by brand.",
            [("Please make sure his repeat is written as Neoral by brand", "prescribing")],
        ),
    ],
)
def test_round10_shared_care_and_register(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Health visitor, please could you weigh her at home next week.",
        "District nurses - please could you dress the leg ulcer twice weekly.",
        "Care home to refer to the dietitian if her weight keeps falling.",
        "He and his wife know they can ask you to re-refer him if the tremor worsens.",
        "Could you email us if you need any further advice about her lipids.",
    ],
)
def test_round10_asked_of_someone_else(nlp, run, line: str) -> None:
    assert found(nlp, run, D + line) == []


def test_an_owner_in_brackets_under_a_gp_heading(nlp, run) -> None:
    text = (
        D
        + "Actions for GP:\nWeight and BP at each antenatal visit (community midwife)\nRepeat FBC in 4 weeks"
    )
    assert found(nlp, run, text) == [("Repeat FBC in 4 weeks", "monitoring")]


def test_a_first_name_letter_copied_to_the_practice_is_to_the_patient(nlp, run) -> None:
    text = (
        "Miss A Patient\n1 Road\nCopy to: Dr M Hale, Elm Tree Medical Centre\nDear Amy\n\n"
        "I saw you in clinic today. Please do a home pregnancy test in 3 weeks.\n"
    )
    assert found(nlp, run, text) == []


def test_a_bare_gp_label_over_bullets_ends_with_the_bullets(nlp, run) -> None:
    text = D + "GP:\n• U&E in 1 week (ramipril started)\n• please review BP in 4 weeks\nDiabetes clinic 3/12."
    assert found(nlp, run, text) == [
        ("U&E in 1 week (ramipril started)", "monitoring"),
        ("please review BP in 4 weeks", "review"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare threshold reads the result of the test before it
        (
            D + "GP actions:\nPSA in 6/12 via GP, re-refer if >4",
            # round 17 (fixtures/README, one item or two): the re-referral on the PSA is its own item
            [("PSA in 6/12 via GP", "monitoring"), ("re-refer if >4", "referral")],
        ),
        # "if the surgery could" asks, it is not the request's condition
        (
            D + "As she moves away next month, we would be grateful if the surgery could do the 12-month "
            "blood test and send the result to us.",
            [
                (
                    "As she moves away next month, we would be grateful if the surgery could do the 12-month "
                    "blood test and send the result to us",
                    "monitoring",
                )
            ],
        ),
        # taking a drug off, after another ask on the repeat list, is prescribing and the same item
        (
            D + "Please could you add the Dexcom sensors to her repeat and remove the test strips.",
            [
                (
                    "Please could you add the Dexcom sensors to her repeat and remove the test strips",
                    "prescribing",
                ),
            ],
        ),
    ],
)
def test_round10_results_and_owners(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_a_suggested_management_list_and_its_items(nlp, run) -> None:
    text = (
        D + "Suggested management:\n- Oral iron: ferrous fumarate 210 mg twice daily.\n"
        "- Recheck FBC at 6 weeks.\n- Stop his lansoprazole if no longer needed.\n"
    )
    assert found(nlp, run, text) == [
        ("Oral iron: ferrous fumarate 210 mg twice daily", "prescribing"),
        ("Recheck FBC at 6 weeks", "monitoring"),
        ("Stop his lansoprazole if no longer needed", "prescribing"),
    ]


def test_once_daily_is_not_a_condition(nlp, run) -> None:
    doc = run(nlp, D + "Please prescribe vitamin D 800 units once daily.")
    spans = list(doc.spans["gp_actions"])
    assert [(s.text, s._.request_category, s._.condition) for s in spans] == [
        ("Please prescribe vitamin D 800 units once daily", "prescribing", None)
    ]


def test_a_caution_under_a_drug_label(nlp, run) -> None:
    text = D + "Metformin - please do not restart until eGFR is above 30."
    assert found(nlp, run, text) == [
        ("Metformin - please do not restart until eGFR is above 30", "prescribing")
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a test's purpose ("to see whether", "to check that") does not make it a review
        ("We would suggest repeating her TFTs in 6 weeks to see whether they are settling.", "monitoring"),
        ("GP to check whether she is still taking the sertraline.", "review"),
    ],
)
def test_round10_a_tests_purpose(nlp, run, text: str, category: str) -> None:
    assert [c for _, c in found(nlp, run, D + text)] == [category]


def test_a_condition_whose_step_has_come_does_not_swallow_the_next_request(nlp, run) -> None:
    text = (
        D
        + "GP actions:\nBP check at 2 weeks - if >150/90 restart amlodipine 5 mg and recheck U&E 1 week after"
    )
    # round 17 (fixtures/README, one item or two): the drug step on the BP is its own item too
    assert found(nlp, run, text) == [
        ("BP check at 2 weeks", "monitoring"),
        ("if >150/90 restart amlodipine 5 mg", "prescribing"),
        ("recheck U&E 1 week after", "monitoring"),
    ]


def test_tests_that_say_what_the_monitoring_is_stay_with_it(nlp, run) -> None:
    text = D + "Please continue the blood monitoring, with FBC and LFT two weeks after the increase."
    assert found(nlp, run, text) == [
        (
            "Please continue the blood monitoring, with FBC and LFT two weeks after the increase",
            "monitoring",
        )
    ]


def test_seeing_the_patient_for_a_referral_keeps_it_a_referral(nlp, run) -> None:
    text = D + "I'd be grateful if you could refer him to podiatry when you next see him."
    assert [c for _, c in found(nlp, run, text)] == ["referral"]


def test_if_dr_x_could_is_the_ask_not_a_condition(nlp, run) -> None:
    text = D + "I would be grateful if Dr Hale could continue them on prescription until 36 weeks."
    doc = run(nlp, text)
    assert [(s._.request_category, s._.condition) for s in doc.spans["gp_actions"]] == [("prescribing", None)]
