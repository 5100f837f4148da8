"""Round 17: a test (or review) and the step that acts on what it finds are two GP actions, however they are
joined (fixtures/README, "One item or two", restored after the first, blind annotators). Each join shape has
its case, and each family a look-alike that stays one item. Wordings are this file's own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language

G = D + "GP actions:\n"


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def items(nlp, run, text: str) -> list[tuple[str, str, str | None, bool]]:
    doc = run(nlp, text)
    return [
        (s.text, s._.request_category, s._.timeframe, s._.condition is not None)
        for s in doc.spans["gp_actions"]
    ]


_TEST = ("Please recheck his sodium in 5 days", "monitoring", "in 5 days", False)
_STEP = ("refer him to endocrinology if it is not improving", "referral", None, True)


@pytest.mark.parametrize(
    "join",
    [" and ", ", and ", "; ", ". Please "],
    ids=["and", "comma-and", "semicolon", "new-sentence"],
)
def test_each_join_sets_the_step_apart_from_its_test(nlp, run, join):
    step = _STEP[0] if not join.endswith("Please ") else "Please " + _STEP[0]
    got = items(nlp, run, D + _TEST[0] + join + _STEP[0] + ".")
    assert got == [_TEST, (step, *_STEP[1:])]


@pytest.mark.parametrize("join", [" - ", " + "], ids=["dash", "plus"])
def test_terse_joins_set_the_step_apart_from_its_test(nlp, run, join):
    got = items(nlp, run, G + "Sodium in 5 days" + join + "refer to endocrinology if not improving")
    assert got == [
        ("Sodium in 5 days", "monitoring", "in 5 days", False),
        ("refer to endocrinology if not improving", "referral", None, True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unconditional dose step after a test
        (
            D + "Please check her TFTs in 8 weeks and adjust the carbimazole.",
            [
                ("Please check her TFTs in 8 weeks", "monitoring", "in 8 weeks", False),
                ("adjust the carbimazole", "prescribing", None, False),
            ],
        ),
        # a step "once" the result is there
        (
            D + "Please repeat the FBC in 6 weeks and stop the ferrous sulfate once the Hb is over 125.",
            [
                ("Please repeat the FBC in 6 weeks", "monitoring", "in 6 weeks", False),
                ("stop the ferrous sulfate once the Hb is over 125", "prescribing", None, True),
            ],
        ),
        # a condition set off after a dash, its step after a comma
        (
            G + "U&E 1/52 - if creatinine is back under 110, restart the lisinopril",
            [
                ("U&E 1/52", "monitoring", "1/52", False),
                ("if creatinine is back under 110, restart the lisinopril", "prescribing", None, True),
            ],
        ),
        # a report back with a condition of its own is results
        (
            D + "Please check his TFTs in 8 weeks and let us know if the TSH is above 10.",
            [
                ("Please check his TFTs in 8 weeks", "monitoring", "in 8 weeks", False),
                ("let us know if the TSH is above 10", "results", None, True),
            ],
        ),
        # a drug step whose own report back has no condition keeps it
        (
            D + "Please check her U&E in a week; if potassium is above 5.5 stop the eplerenone and let the "
            "heart failure nurses know.",
            [
                ("Please check her U&E in a week", "monitoring", "in a week", False),
                (
                    "if potassium is above 5.5 stop the eplerenone and let the heart failure nurses know",
                    "prescribing",
                    None,
                    True,
                ),
            ],
        ),
        # a review and the step on what it finds
        (
            D + "Please review her mood in 4 weeks and, if it has not lifted, increase the sertraline to "
            "100 mg.",
            [
                ("Please review her mood in 4 weeks", "review", "in 4 weeks", False),
                ("if it has not lifted, increase the sertraline to 100 mg", "prescribing", None, True),
            ],
        ),
    ],
)
def test_step_on_the_result_keeps_its_own_kind_time_and_condition(nlp, run, text, expected):
    assert items(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an unconditional report back of the same result
        D + "Please repeat her TFTs in 8 weeks and let me know the result.",
        D + "Please arrange a repeat ferritin in 2 months and send us the result.",
        # a participle saying how the step is carried out
        D
        + "Please start ramipril 2.5 mg and increase it to 5 mg if BP allows, checking U&E a week after each "
        "increase.",
        # tests saying how the step is carried out
        D + "Please take over the azathioprine, with FBC and LFT 1-2 weeks after each dose change.",
        # a target with no verb of its own
        D + "Please increase the bisoprolol to 5 mg, aiming for a resting heart rate of about 60.",
        # a step after a drug step adjusts that step
        D + "Please restart the ramipril at 2.5 mg and titrate it if her BP allows.",
        # a lone verb joins the step after it
        D + "Please review and adjust her levothyroxine dose.",
        # what the result means, with no step of its own
        D + "Please repeat his ECG in a week, and if the QTc is under 450 ms no further action is needed.",
    ],
)
def test_look_alikes_stay_one_item(nlp, run, text):
    assert len(found(nlp, run, text)) == 1


def test_a_fact_after_a_semicolon_is_still_no_request(nlp, run):
    # Near miss for the step after ";": a statement with no action verb of its own is not asked.
    text = D + "Please check his PSA every year; a PSA above 7 would be a reason to refer him back."
    assert found(nlp, run, text) == [("Please check his PSA every year", "monitoring")]
