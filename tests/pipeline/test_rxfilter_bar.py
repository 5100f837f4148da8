"""A gate also tests for a table cell bar that its pattern needs: most letters have no table."""

from __future__ import annotations

import re

from letter_audit.pipeline.rxfilter import Gate, Haystack
from letter_audit.pipeline.rxliterals import required_literals

ROW = re.compile(r"(?m)^[^|\n]*\b(?:review|clinic)\b[^|\n]*\|\s*(?!GP\b)\w", re.IGNORECASE)


def test_a_needed_bar_is_the_last_clause() -> None:
    assert required_literals(ROW) == [frozenset({"clinic", "review"}), frozenset({"|"})]


def test_a_bar_in_a_character_set_or_one_branch_is_not_needed() -> None:
    assert required_literals(re.compile(r"\bclinic\s*[:|\t]\s*\d", re.IGNORECASE)) == [frozenset({"clinic"})]
    assert frozenset({"|"}) not in required_literals(re.compile(r"\bclinic\s*(?:\||on)\s*\d"))


def test_the_gate_rejects_a_text_without_a_bar_and_agrees_with_search() -> None:
    gate = Gate(ROW)
    gate.build()
    for text in ("Clinic review in 6 weeks.", "Clinic review | Haematology team | 6 weeks"):
        assert gate.may_match(Haystack(text)) == (ROW.search(text) is not None)
    assert gate.may_match(Haystack("Clinic review in 6 weeks.")) is False
