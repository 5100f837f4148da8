"""Round 18: a terse plan line that names the work and then the practice as its owner ("Ongoing monitoring of
renal function by GP.") is a GP action wherever it sits; the same words about the past, or with another owner,
are not. Wordings are this file's own."""

from __future__ import annotations

import pytest
from request_text import D
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def texts(nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(nlp, text)
    return [(s.text, s._.request_category) for s in doc.spans["gp_actions"]]


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
    assert texts(nlp, run, D + line + ".") == [(line, category)]


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up of the nodule by the respiratory team in 6 months",
        "Management of her diabetes by the diabetes team",
        "Monitoring of his lithium has been done by the practice for years",
    ],
)
def test_other_owner_or_past_work_is_not(nlp, run, line: str) -> None:
    assert texts(nlp, run, D + line + ".") == []
