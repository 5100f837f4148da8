"""la_requests round 9: a step that acts on what the test before it finds stays in the test's item however
it is joined (";", ", and", "and,"), a report to a named team stays with its test, and the split shapes
the new writers used (a second owner after ", and", tests with their own frequency after "with")."""

from __future__ import annotations

import pytest
from request_text import D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 17 (fixtures/README, one item or two): a step whose condition reads the test's result is
        # its own item; after ";" (sodium is measured by the U&E)
        (
            D
            + "Please repeat her U&Es in ten days; if the sodium is under 128, please halve the sertraline.",
            [
                ("Please repeat her U&Es in ten days", "monitoring"),
                ("if the sodium is under 128, please halve the sertraline", "prescribing"),
            ],
        ),
        # after ", and if": a blood count and its haemoglobin; sending her back to a clinic is a referral
        (
            D + "Could you recheck a full blood count in 6 weeks, and if the haemoglobin is still below 100 "
            "please send her back to the haematology clinic.",
            [
                ("Could you recheck a full blood count in 6 weeks", "monitoring"),
                (
                    "if the haemoglobin is still below 100 please send her back to the haematology clinic",
                    "referral",
                ),
            ],
        ),
        # a pointer at the result ("if it is ..."), and a test named without a verb
        (
            D + "GP to repeat the TSH at 8 weeks, and to adjust the thyroxine only if it is outside range.",
            [
                ("GP to repeat the TSH at 8 weeks", "monitoring"),
                ("adjust the thyroxine only if it is outside range", "prescribing"),
            ],
        ),
        # a condition on something the test does not measure stays its own request
        (
            D
            + "Please check his U&E in 2 weeks, and if his BP is still above 150 please add amlodipine 5 mg.",
            [
                ("Please check his U&E in 2 weeks", "monitoring"),
                ("if his BP is still above 150 please add amlodipine 5 mg", "prescribing"),
            ],
        ),
        # "if so" points back at the part before it, whatever it asks
        (
            D + "Please see him if the cough persists beyond 6 weeks, and arrange a chest X-ray if so.",
            [
                ("Please see him if the cough persists beyond 6 weeks", "review"),
                ("arrange a chest X-ray if so", "monitoring"),
            ],
        ),
        # a report to a named team stays with its test
        (
            D + "Please take a lithium level in 5 days and tell the community mental health team the result.",
            [
                (
                    "Please take a lithium level in 5 days and tell the community mental health team "
                    "the result",
                    "monitoring",
                )
            ],
        ),
        # the name of a service is not a second step
        (
            D + "Please refer her to the memory assessment and review clinic.",
            [("Please refer her to the memory assessment and review clinic", "referral")],
        ),
        # a second owner after ", and"
        (
            D + "We would be grateful if the practice could prescribe the denosumab, and the practice nurse "
            "could give it every 6 months.",
            [
                ("We would be grateful if the practice could prescribe the denosumab", "prescribing"),
                ("the practice nurse could give it every 6 months", "prescribing"),
            ],
        ),
        # tests with their own frequency after ", with" (frequency first)
        (
            D + "Could you take over his gout care, with a yearly urate, U&E and lipids.",
            [
                ("Could you take over his gout care", "review"),
                ("a yearly urate, U&E and lipids", "monitoring"),
            ],
        ),
    ],
)
def test_step_on_a_result_and_new_shapes(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan line: a test, its time and the practice as owner after it
        (
            D + "Plan\nVitamin D: 12 weeks, GP\nLipids 3 months - GP practice\n",
            [("Vitamin D: 12 weeks, GP", "monitoring"), ("Lipids 3 months - GP practice", "monitoring")],
        ),
        # a test "worth checking", said without an owner
        (
            D + "Coeliac serology is also worth checking given the iron deficiency.",
            [("Coeliac serology is also worth checking given the iron deficiency", "monitoring")],
        ),
        # after a dash, another test with its own time
        (
            D + "GP: please review his BP in 3 weeks - LFTs 6 weeks after the statin increase, please.",
            [
                ("please review his BP in 3 weeks", "review"),
                ("LFTs 6 weeks after the statin increase, please", "monitoring"),
            ],
        ),
        # a bracketed test with its own time is a request of its own
        (
            D + "Please restart the ramipril once potassium is below 5 (repeat U&E in 10 days).",
            [
                ("Please restart the ramipril once potassium is below 5", "prescribing"),
                ("repeat U&E in 10 days", "monitoring"),
            ],
        ),
        # a report sent on after ";" stays with its test
        (
            D + "GP actions:\nRepeat ultrasound in 3 months; forward the report to the vascular clinic.\n",
            [("Repeat ultrasound in 3 months; forward the report to the vascular clinic", "monitoring")],
        ),
        # the task another service already holds, and one the care home does, are not the practice's
        (
            D + "Information for primary care\nWeigh twice weekly at the care home.\n"
            "Osteoporosis: the bone health service has her on the list for zoledronate and will write "
            "separately.\nB12 in 3 months.\n",
            [("B12 in 3 months", "monitoring")],
        ),
    ],
)
def test_round9_plan_lines_and_owners(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_suggestion_list_after_a_titled_lead_in_with_an_aside(nlp, run) -> None:
    text = (
        D + "Advice from the hepatology team (Dr K Rao, reviewed 02/12):\n"
        "1. Hold the atorvastatin for now.\n"
        "2. Ask about alcohol intake and any herbal remedies.\n"
        "3. Low-fat diet leaflet given.\n"
    )
    assert found(nlp, run, text) == [
        ("Hold the atorvastatin for now", "prescribing"),
        ("Ask about alcohol intake and any herbal remedies", "other"),
    ]


def test_table_rows_are_read_one_by_one_after_a_row_ending_in_a_dash(nlp, run) -> None:
    text = (
        D + "GP actions\nAction | Responsible | Timescale\nFalls clinic referral | Ward (done) | -\n"
        "Review asthma (peak flow 310) | GP | 4 weeks\n"
    )
    assert found(nlp, run, text) == [("Review asthma (peak flow 310)", "review")]


@pytest.mark.parametrize(
    "text",
    [
        # statements under a GP heading: discharged, routine care "as usual", nothing to change, a Y/N field,
        # an occupation, a result that will arrive, no follow-up arranged, a contact line
        "GP actions:\nDischarged back from the falls clinic.\n",
        "GP actions:\nHer 8-week baby check will be with you as usual.\n",
        "GP actions:\nThe flu vaccine is due in October - no action needed.\n",
        "GP actions:\nAction required? Yes\n",
        "GP actions:\nSemi-retired electrician\n",
        "GP actions:\nThe ultrasound report will come to the practice.\n",
        "GP actions:\nWe have not booked any further clinic review.\n",
        "GP actions:\nRespiratory ward 01632 555 010\n",
        # another team doing the visit, with an aside between the team and "will"
        "GP actions:\nThe virtual ward team (Hospital at Home) will see her daily for a week.\n",
        # the patient's own step
        "GP actions:\nIf the bleeding restarts she should attend the emergency department.\n",
        # a drug the hospital supplied
        "GP actions:\nWe have dispensed 14 days of the new inhaler.\n",
    ],
)
def test_round9_statements_under_a_gp_heading(nlp, run, text: str) -> None:
    assert found(nlp, run, D + text) == []


def test_a_bare_ask_belongs_to_the_sentence_before(nlp, run) -> None:
    text = D + "GP actions:\nShe will need a repeat ferritin after the iron course. Please action.\n"
    assert found(nlp, run, text) == [
        ("She will need a repeat ferritin after the iron course. Please action", "monitoring")
    ]


def test_a_terse_item_stays_when_the_hospital_did_part_of_it(nlp, run) -> None:
    text = D + "GP actions:\nLevothyroxine onto repeat; we have given 2 weeks.\n"
    assert found(nlp, run, text) == [("Levothyroxine onto repeat", "prescribing")]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a test arranged, whatever is sent on or referred after it (fixtures/README)
        ("Please book a 24-hour Holter and send a fresh referral with the trace attached.", "monitoring"),
        ("GP to send it for urine culture and forward the result to the renal nurses.", "monitoring"),
        (
            "Could his cholesterol and ALT be checked in 8 weeks; no need to send the results to us.",
            "monitoring",
        ),
        ("Please take bloods (FBC) when she comes in for her B12 injection.", "monitoring"),
        # records and plans are admin, not prescribing
        ("Please update his anticipatory care plan with the new ceiling of care.", "other"),
        ("Please update the allergy status to show no penicillin allergy.", "other"),
        # reviews of a condition
        ("Please could the practice take on his asthma reviews from now on.", "review"),
        ("I'd suggest an annual review of her bone health at the surgery.", "review"),
        ("I'd suggest you discuss the coil or the implant with her at the practice.", "review"),
        # a meeting, a kept appointment
        ("Please consider discussing him at your practice MDT meeting.", "other"),
        ("Please encourage her to attend the rebooked appointment.", "other"),
        # a reason fronted by a dash is not the request
        ("He mentioned ankle swelling - I'd be grateful if you could refer him to podiatry.", "referral"),
        # a result that crosses a line
        ("Please let us know the same day if the neutrophil count falls below 1.5.", "results"),
    ],
)
def test_round9_categories(nlp, run, text: str, category: str) -> None:
    assert [c for _, c in found(nlp, run, D + text)] == [category]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in a letter to the patient: what the practice will do
        (
            P + "Your GP surgery will do an ECG in a month to check your heart rhythm.",
            [("Your GP surgery will do an ECG in a month to check your heart rhythm", "monitoring")],
        ),
        (
            P + "Once you are settled, your GP will taper the steroid by 2.5 mg a fortnight.",
            [("Once you are settled, your GP will taper the steroid by 2.5 mg a fortnight", "prescribing")],
        ),
        (
            P + "I have asked the practice to send me the scan report when it arrives.",
            [("I have asked the practice to send me the scan report when it arrives", "results")],
        ),
        # taking a drug off the repeat list after ", and": the same edit of the list (fixtures/README)
        (
            D + "Please add edoxaban to her repeat, and take warfarin off her repeats.",
            [("Please add edoxaban to her repeat, and take warfarin off her repeats", "prescribing")],
        ),
        # a new referral "would be appropriate"
        (
            D + "If the bleeding recurs a fresh urgent referral would be appropriate.",
            [("If the bleeding recurs a fresh urgent referral would be appropriate", "referral")],
        ),
        # "it would help if ... could be checked / could say"
        (
            D + "It would help if her potassium could be rechecked next week.",
            [("It would help if her potassium could be rechecked next week", "monitoring")],
        ),
        (
            D + "It would be helpful if his next fit note could recommend amended duties.",
            [("It would be helpful if his next fit note could recommend amended duties", "fit_note")],
        ),
    ],
)
def test_round9_more_request_shapes(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_the_classifier_does_not_add_a_statement_the_rules_veto(nlp, run) -> None:
    text = D + "For the GP\nPlease note: her shingles vaccine is due next year - no action required.\n"
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a test timed from the step before it is how the step is carried out
        (
            D + "Please restart the spironolactone at 12.5 mg and repeat the potassium 10 days later.",
            [
                (
                    "Please restart the spironolactone at 12.5 mg and repeat the potassium 10 days later",
                    "prescribing",
                )
            ],
        ),
        # a result still awaited that the practice checks is chasing it
        (
            D + "The stool culture is still pending - please check it and treat if positive.",
            # (round 17, fixtures/README one item or two: the treatment on the result is its own item)
            [
                ("The stool culture is still pending - please check it", "results"),
                ("treat if positive", "prescribing"),
            ],
        ),
        # looking at a limb is seeing the patient
        (
            D + "Please could the practice nurse check his foot in a week.",
            [("Please could the practice nurse check his foot in a week", "review")],
        ),
        # our own part after a dash is not asked
        (
            D + "If the rash spreads, please let the dermatology team know - we will see her the same week.",
            [("If the rash spreads, please let the dermatology team know", "other")],
        ),
    ],
)
def test_round9_steps_timed_from_a_step_and_late_categories(
    nlp, run, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(nlp, run, text) == expected


def test_suggestion_list_after_a_blank_line_and_items_opening_with_a_test(nlp, run) -> None:
    text = (
        D + "This does not need a clinic appointment. Suggestions:\n\n"
        "Thyroid function if not already done, and a stool culture - if positive, treat as per the result.\n"
        "Reassurance is the mainstay.\n"
    )
    # (round 17, fixtures/README one item or two: the treatment on the culture's result is its own item)
    assert [t for t, _ in found(nlp, run, text)] == [
        "Thyroid function if not already done",
        "a stool culture",
        "if positive, treat as per the result",
    ]


def test_a_pointer_reads_a_named_tests_result(nlp, run) -> None:
    text = D + "Please repeat the CRP in a week, and refer back to us if it is still above 50.\n"
    # round 17 (fixtures/README, one item or two): the referral on the CRP is its own item
    assert found(nlp, run, text) == [
        ("Please repeat the CRP in a week", "monitoring"),
        ("refer back to us if it is still above 50", "referral"),
    ]
