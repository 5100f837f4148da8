"""Round 18: a terse plan line that names the work and then the practice as its owner ("Ongoing monitoring of
renal function by GP.") is a GP action wherever it sits; the same words about the past, or with another owner,
are not. Wordings are this file's own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")




@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Ongoing monitoring of renal function by GP", "monitoring"),
        ("Titration of bisoprolol by GP as tolerated", "prescribing"),
        ("Removal of sutures by practice nurse at 10 days", "other"),
        ("Follow-up of the thyroid nodule by the practice in 6 months", "review"),
    ],
)
def test_work_owned_by_the_practice_is_a_request(nlp, run, line: str, category: str) -> None:
    assert found(nlp, run, D + line + ".") == [(line, category)]


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up of the nodule by the respiratory team in 6 months",
        "Management of her diabetes by the diabetes team",
        "Monitoring of his lithium has been done by the practice for years",
    ],
)
def test_other_owner_or_past_work_is_not(nlp, run, line: str) -> None:
    assert found(nlp, run, D + line + ".") == []


# Inline list markers numbering the asks of one sentence (round 18, found by probing new wordings).
@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Please (1) repeat her U&E in 1 week and (2) refer her to the heart failure nurses.",
         ["repeat her U&E in 1 week", "refer her to the heart failure nurses"]),
        ("Please could you: 1) check her U&E in a week, 2) review her BP in a fortnight and 3) refer her "
         "to the heart failure nurses.",
         ["check her U&E in a week", "review her BP in a fortnight",
          "refer her to the heart failure nurses"]),
        ("Please i) stop the naproxen ii) start paracetamol 1 g four times a day.",
         ["stop the naproxen", "start paracetamol 1 g four times a day"]),
    ],
)
def test_numbered_asks_in_one_sentence_are_apart(nlp, run, sentence: str, asks: list[str]) -> None:
    got = [t for t, _ in found(nlp, run, D + sentence)]
    assert len(got) == len(asks), got
    assert all(t.endswith(a) for t, a in zip(got, asks, strict=True)), got


def test_numbers_out_of_sequence_are_no_list(nlp, run) -> None:
    # Near miss: "type (2)" and "stage (3)" count from no start, so they number no asks.
    text = "He has type (2) diabetes and stage (3) CKD; please check his HbA1c in 3 months."
    got = found(nlp, run, D + text)
    assert [t for t, _ in got] == ["please check his HbA1c in 3 months"]


def test_joining_words_alone_are_no_request(nlp, run) -> None:
    # "in addition" left between two asks is the join, not a third ask
    text = "Please repeat her U&E in 1 week; in addition, please refer her to the HF nurses."
    got = found(nlp, run, D + text)
    assert [t for t, _ in got] == ["Please repeat her U&E in 1 week", "please refer her to the HF nurses"]


def test_an_ask_opening_with_joining_words_keeps_them(nlp, run) -> None:
    # Near miss: the words open a request of their own sentence, and stay in it.
    text = "Please repeat her U&E in 1 week. In addition, could you refer her to the HF nurses."
    got = found(nlp, run, D + text)
    assert [t for t, _ in got][1] == "In addition, could you refer her to the HF nurses"


@pytest.mark.parametrize(
    "line",
    [
        "Clips out at 12-14 days at practice nurse",
        "Wound check in 48 hours at GP surgery",
        "Dressing change twice weekly - practice nurse",
        "Removal of stitches (practice nurse) at 7 days",
    ],
)
def test_terse_task_with_the_practice_as_owner_is_a_request(nlp, run, line: str) -> None:
    assert [t for t, _ in found(nlp, run, D + line + ".")] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Sutures were removed on the ward before discharge",
        "Wound check at 48 hours after surgery",
        "Dressings by the district nurses twice weekly",
    ],
)
def test_task_done_elsewhere_is_not(nlp, run, line: str) -> None:
    # Near misses: done already, an operation, another team
    assert found(nlp, run, D + line + ".") == []


def test_wound_care_information_is_not(nlp, run) -> None:
    # Near miss: ownerless suture removal told in a wound-care section (fixtures/README)
    text = D + "Wound care\nSutures to be removed at 10-14 days at the practice nurse clinic.\n"
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Could you check her U&E in a week and her BP in a fortnight.",
         ["Could you check her U&E in a week", "her BP in a fortnight"]),
        ("Could you check her U&E in a week, her BP in a fortnight and her weight monthly.",
         ["Could you check her U&E in a week", "her BP in a fortnight", "her weight monthly"]),
    ],
)
def test_tests_each_with_their_own_time_are_apart(nlp, run, sentence: str, asks: list[str]) -> None:
    assert [t for t, _ in found(nlp, run, D + sentence)] == asks


def test_a_statement_after_a_comma_is_no_second_test(nlp, run) -> None:
    # Near miss: "her appointment in 3 months is unchanged" tells, it asks nothing
    text = D + "Please check her U&E in 2 weeks, her appointment in 3 months is unchanged."
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her U&E in 2 weeks"]


def test_bare_ask_after_an_inline_heading_asks_for_the_heading(nlp, run) -> None:
    # "Fit note - GP please.": the line is the request; the sentence above it is not drawn in
    text = D + "Diagnosis: rheumatoid arthritis\nFit note - GP please."
    assert [t for t, _ in found(nlp, run, text)] == ["Fit note - GP please"]


def test_bare_ask_on_its_own_hands_on_the_sentence_before(nlp, run) -> None:
    # Near miss: with no heading of its own, "GP please." asks for what the sentence before says
    said = "He is not fit for work - fit note needed for 2 weeks. GP please"
    assert [t for t, _ in found(nlp, run, D + said + ".")] == [said]
