"""la_requests: ``category`` tests each category cue's gate before its regex; a gate only ever rules a cue
out when the clause lacks words the cue needs, so every category stays what the plain search gives."""

from __future__ import annotations

import pytest

from letter_audit.paths import models_dir
from letter_audit.pipeline.request_finder import RequestFinder
from letter_audit.pipeline.requests import RULES_FILE, RequestsComponent
from letter_audit.pipeline.rxfilter import Haystack

CLAUSES = [
    "please recheck her U&E in 1 week",
    "could you provide a further fit note for 4 weeks",
    "please refer her to the community heart failure team",
    "stop amlodipine if her BP falls below 110 systolic",
    "review him in 2 weeks",
    "please update her allergy record",
    "Dear Dr Patel",
]


@pytest.fixture(scope="module")
def finder() -> RequestFinder:
    comp = RequestsComponent(None, "la_requests")  # type: ignore[arg-type]
    comp._load(models_dir() / "rules" / RULES_FILE)
    assert comp.finder is not None
    return comp.finder


def test_one_gate_per_category_cue_and_built_gates_never_reject_a_match(finder: RequestFinder) -> None:
    assert len(finder.category_gates) == len(finder.categories) > 10
    for gate in finder.category_gates:
        gate.build()
    for text in CLAUSES:
        low = Haystack(text).low
        for (_, _, rx), gate in zip(finder.categories, finder.category_gates, strict=True):
            if rx.search(text):
                assert gate.test(low)


def test_categories_are_those_of_the_plain_search(finder: RequestFinder) -> None:
    gated = [finder.category(text) for text in CLAUSES]
    saved = finder.category_gates
    finder.category_gates = [type("Open", (), {"test": staticmethod(lambda low: True)})() for _ in saved]  # type: ignore[misc]
    try:
        plain = [finder.category(text) for text in CLAUSES]
    finally:
        finder.category_gates = saved
    assert gated == plain
    assert gated[:3] == ["monitoring", "fit_note", "referral"]
