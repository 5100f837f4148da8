"""la_requests round 12: the joining families five new writers used to chain requests in one sentence or
list line (fixtures/README, "one item or two"). Each family is tested on both sides of the rule: stand-alone
requests split, and a step that reads what the first part finds (or a report back) stays. The wordings are
not the letters' own."""

from __future__ import annotations

import pytest
from request_text import END, D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


G = D + "GP actions:\n"  # a terse item under an actions-for-GP heading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spaced "+" or "/" before a step, a dosed drug or a vaccine
        (
            G + "Lipids at 3 months + refer to dietetics",
            [("Lipids at 3 months", "monitoring"), ("refer to dietetics", "referral")],
        ),
        (
            G + "Stop ramipril on repeat + add losartan 25 mg OD",
            [("Stop ramipril on repeat + add losartan 25 mg OD", "prescribing")],
        ),
        (
            G + "GP to prescribe edoxaban 60 mg OD + bisoprolol 2.5 mg OD on repeat",
            [
                ("GP to prescribe edoxaban 60 mg OD", "prescribing"),
                ("bisoprolol 2.5 mg OD on repeat", "prescribing"),
            ],
        ),
        (
            G + "Shingrix this winter + pneumococcal vaccine if not had",
            [("Shingrix this winter", "other"), ("pneumococcal vaccine if not had", "other")],
        ),
        (
            G + "Refer to podiatry / check HbA1c in 3 months",
            [("Refer to podiatry", "referral"), ("check HbA1c in 3 months", "monitoring")],
        ),
        # a run-in list's test item with its own time after a comma
        (
            G + "GP pls: start vitamin D loading, bone profile/PTH 3/12",
            [("start vitamin D loading", "prescribing"), ("bone profile/PTH 3/12", "monitoring")],
        ),
    ],
)
def test_terse_chains_split(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report back after "+" stays with its request
        (
            G + "Chase the biopsy result + let him know",
            [("Chase the biopsy result + let him know", "results")],
        ),
        # round 17 (fixtures/README, one item or two): a dose step after a test acts on what it finds, an
        # item of its own; a report back after "+" still stays ("chase histology + let her know")
        (
            G + "Potassium in 1 week + adjust the spironolactone dose",
            [("Potassium in 1 week", "monitoring"), ("adjust the spironolactone dose", "prescribing")],
        ),
        (
            G + "Chase the biopsy result + let her know",
            [("Chase the biopsy result + let her know", "results")],
        ),
        # "+" between tests, or inside brackets, joins nothing
        (G + "Lipids + LFT at 3 months", [("Lipids + LFT at 3 months", "monitoring")]),
        # the same visit's look at the wound stays with the removal
        (
            G + "Practice nurse to remove the staples at day 12 + check the wound for infection",
            [("Practice nurse to remove the staples at day 12 + check the wound for infection", "other")],
        ),
    ],
)
def test_terse_chains_stay(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "as well as" before a gerund, a verb or a fit note; after a comma, anything
        (
            D + "Please arrange a chest X-ray in 6 weeks, as well as referring him to the falls team.",
            [
                ("Please arrange a chest X-ray in 6 weeks", "monitoring"),
                ("referring him to the falls team", "referral"),
            ],
        ),
        (
            D + "Please book an ECG as well as a fit note for 3 weeks.",
            [("Please book an ECG", "monitoring"), ("a fit note for 3 weeks", "fit_note")],
        ),
        (
            D + "Could you check her TFTs in 8 weeks, as well as coding her hypothyroidism on the register.",
            [
                ("Could you check her TFTs in 8 weeks", "monitoring"),
                ("coding her hypothyroidism on the register", "other"),
            ],
        ),
        # ", plus" before a step
        (
            D + "Please review him in 2 weeks, plus recheck the sodium in 5 days.",
            [("Please review him in 2 weeks", "review"), ("recheck the sodium in 5 days", "monitoring")],
        ),
        # a step said to stand apart ("in the meantime", "alongside that")
        (
            D + "Please re-refer if the rash returns, and in the meantime prescribe an emollient.",
            [
                ("Please re-refer if the rash returns", "referral"),
                ("in the meantime prescribe an emollient", "prescribing"),
            ],
        ),
        (
            D + "Please check her ferritin in 3 months, and alongside that reduce the lansoprazole to 15 mg.",
            [
                ("Please check her ferritin in 3 months", "monitoring"),
                ("alongside that reduce the lansoprazole to 15 mg", "prescribing"),
            ],
        ),
        # "could you also" after a test read by its own condition: a new ask, not the test's step
        (
            D + "Please repeat her eGFR in 6 months and re-refer should it fall below 30, and could you also "
            "make sure her losartan is increased to 100 mg if her BP allows.",
            [
                # round 17 (fixtures/README, one item or two): the re-referral on the eGFR is its own item
                ("Please repeat her eGFR in 6 months", "monitoring"),
                ("re-refer should it fall below 30", "referral"),
                (
                    "could you also make sure her losartan is increased to 100 mg if her BP allows",
                    "prescribing",
                ),
            ],
        ),
        # a test after ", then", and a review after "then", are items of their own
        (
            D + "Please restart the candesartan at 4 mg, then U&E again 10 days after restarting.",
            [
                ("Please restart the candesartan at 4 mg", "prescribing"),
                ("U&E again 10 days after restarting", "monitoring"),
            ],
        ),
        (
            G + "continue clopidogrel for 6/12 then r/v ongoing need",
            [("continue clopidogrel for 6/12", "prescribing"), ("r/v ongoing need", "review")],
        ),
        # two drugs, each with its own dose
        (
            D + "Please start indapamide 2.5 mg daily and amlodipine 5 mg daily.",
            [
                ("Please start indapamide 2.5 mg daily", "prescribing"),
                ("amlodipine 5 mg daily", "prescribing"),
            ],
        ),
        # a sample sent is a test, not a report back
        (
            D + "Please continue the trimethoprim and send a urine sample for culture if symptoms persist.",
            [
                ("Please continue the trimethoprim", "prescribing"),
                ("send a urine sample for culture if symptoms persist", "monitoring"),
            ],
        ),
        # a second repeat edit after a comma is the same edit of the list (fixtures/README, round 18); the
        # review after it stands apart; and one pointing back with "it"
        (
            D + "Please update his repeat to the Fostair inhaler, remove the Clenil, and review him in May.",
            [
                ("Please update his repeat to the Fostair inhaler, remove the Clenil", "prescribing"),
                ("review him in May", "review"),
            ],
        ),
        (
            D + "Please take doxazosin off her repeat and keep tamsulosin on it.",
            [("Please take doxazosin off her repeat and keep tamsulosin on it", "prescribing")],
        ),
    ],
)
def test_joined_asks_split(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tests joined by "as well as" are one test request
        (
            D + "Please check her FBC as well as ferritin in 4 weeks.",
            [("Please check her FBC as well as ferritin in 4 weeks", "monitoring")],
        ),
        # a once-weekly dose is not a condition: the switch is two items
        (
            D + "Please stop the alogliptin and start dulaglutide 0.75 mg once weekly.",
            [
                ("Please stop the alogliptin", "prescribing"),
                ("start dulaglutide 0.75 mg once weekly", "prescribing"),
            ],
        ),
        # round 17 (fixtures/README, one item or two): a step on the test's result is its own item; an
        # unconditional report back of the same result stays
        (
            D + "Please check his FBC in 6 weeks and stop the ferrous sulfate once the Hb is above 130.",
            [
                ("Please check his FBC in 6 weeks", "monitoring"),
                ("stop the ferrous sulfate once the Hb is above 130", "prescribing"),
            ],
        ),
        (
            D + "Please check his FBC in 6 weeks and let us know the result.",
            [("Please check his FBC in 6 weeks and let us know the result", "monitoring")],
        ),
        # two drugs with no dose of their own are one prescribing item
        (
            D + "Please take over prescribing of anastrozole and calcium on repeat.",
            [("Please take over prescribing of anastrozole and calcium on repeat", "prescribing")],
        ),
        # a report to a second team stays with its report
        (
            D + "Please send the result to the renal team, as well as to the diabetes nurses.",
            [("Please send the result to the renal team, as well as to the diabetes nurses", "results")],
        ),
    ],
)
def test_joined_asks_stay(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # infinitives the practice is asked, listed after commas
        (
            P + "I have written to your GP asking them to check your sugar every week, to prescribe a PPI "
            "while on the steroid, and to refer you to the eye clinic.",
            [
                ("I have written to your GP asking them to check your sugar every week", "monitoring"),
                ("to prescribe a PPI while on the steroid", "prescribing"),
                ("to refer you to the eye clinic", "referral"),
            ],
        ),
        # "ask them to" said of the practice: the next "to" step is still the practice's
        (
            P
            + "I have written to your GP to ask them to carry on prescribing the calcium; to arrange a bone "
            "scan in 6 months.",
            [
                ("I have written to your GP to ask them to carry on prescribing the calcium", "prescribing"),
                ("to arrange a bone scan in 6 months", "monitoring"),
            ],
        ),
    ],
)
def test_patient_letter_lists(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            D + "She is off work; she will need further fit notes from you until the cast comes off.",
            [("she will need further fit notes from you until the cast comes off", "fit_note")],
        ),
        (
            G + "Ongoing fit notes from GP while still unfit",
            [("Ongoing fit notes from GP while still unfit", "fit_note")],
        ),
        (
            D + "Please review him soon; he would also benefit from a shingles jab if you could arrange it.",
            [
                ("Please review him soon", "review"),
                ("he would also benefit from a shingles jab if you could arrange it", "other"),
            ],
        ),
        # an edit of the practice's repeat list told in the passive
        (
            D + "The bisoprolol should now be taken off his repeat.",
            [("The bisoprolol should now be taken off his repeat", "prescribing")],
        ),
        # a named doctor's specialty in brackets is not the hospital's mark
        (
            G + "Arrange an echo in 3 months, send the report to Dr Rao (cardiology) who will decide",
            [
                (
                    "Arrange an echo in 3 months, send the report to Dr Rao (cardiology) who will decide",
                    "monitoring",
                )
            ],
        ),
    ],
)
def test_requests_found(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_classifier_sentence_is_split(nlp, run) -> None:
    """A sentence only the classifier takes for a request is split as the rules split theirs."""
    doc = run(
        nlp,
        D
        + "Plan\nSpirometry at the practice in 2/12 / review his breathlessness on the new inhaler then.\n"
        + "No further clinic follow-up planned."
        + END,
    )
    got = [(s.text, s._.request_category, s._.request_rule) for s in doc.spans["gp_actions"]]
    assert got == [
        ("Spirometry at the practice in 2/12", "monitoring", "req-classifier"),
        ("review his breathlessness on the new inhaler then", "review", "req-classifier"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a row the practice owns is a GP action whatever its words; the hospital's rows and N rows are not
        (
            D + "Task | Owner | Timing\nFit note for 4 weeks (roofer) | GP | 4 weeks\n"
            "Hand therapy referral - done | Hospital | This week\n\nHe will be seen again in 6 weeks.",
            [("Fit note for 4 weeks (roofer)", "fit_note")],
        ),
        (
            D + "Item | For GP? (Y/N)\nLipid profile and QRISK | Y\nRestart statin on 3/12 | N - told\n\n"
            "He will be seen again in 6 weeks.",
            [("Lipid profile and QRISK", "monitoring")],
        ),
        # a checklist's Y/N column does not name the practice
        (
            D + "Item | Done (Y/N)\nAnticoagulant supplied | Y\n\nHe will be seen again in 6 weeks.",
            [],
        ),
    ],
)
def test_practice_owned_table_rows(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected
