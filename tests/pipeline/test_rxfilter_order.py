"""The order a gate tests its literals in (rxfilter._ordered): fewer tests, never another answer."""

from __future__ import annotations

import random
import re

from letter_audit.pipeline import rxfilter
from letter_audit.pipeline.rxfilter import Gate, _function, _ordered, _source


def _naive(clauses: list[tuple[str, ...]], low: str) -> bool:
    return all(any(s in low for s in clause) for clause in clauses)


def test_a_literal_holding_a_shorter_one_of_its_clause_is_dropped() -> None:
    (clause,) = _ordered([("fitnote", "fit note", "fitnotes", "fit notes")])
    assert sorted(clause) == ["fit note", "fitnote"]
    (clause,) = _ordered([("dna", "dnad", "dna'd")])
    assert clause == ("dna",)


def test_literals_of_other_clauses_are_not_dropped() -> None:
    ordered = _ordered([("note",), ("fit note", "sick note")])
    assert sorted(ordered) == [("fit note", "sick note"), ("note",)]


def test_a_clause_of_long_literals_is_tested_before_one_of_short_words() -> None:
    ordered = _ordered([("me", "us"), ("let us know", "let me know")])
    assert ordered == [("let us know", "let me know"), ("me", "us")]
    # a mark with no letter in it is rare in prose: tested before common words
    assert _ordered([("to", "gp"), ("|",)]) == [("|",), ("to", "gp")]


def test_equal_costs_keep_the_order_they_were_read_in() -> None:
    assert _ordered([("abc",), ("xyz",)]) == [("abc",), ("xyz",)]
    assert _ordered([("xyz",), ("abc",)]) == [("xyz",), ("abc",)]


def test_the_built_test_answers_as_the_clauses_read_in_order_do() -> None:
    rng = random.Random(15)
    words = [
        "a",
        "to",
        "gp",
        "note",
        "fit",
        "fit note",
        "fit notes",
        "fitness",
        "sick",
        "|",
        "->",
        "me",
        "let me",
        "let me know",
        "let us know",
        "ab",
        "abc",
        "",
    ]
    for _ in range(400):
        clauses = [tuple(rng.sample(words, rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]
        test = _function(_source(clauses))
        for _ in range(12):
            low = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
            assert test(low) == _naive(clauses, low), (clauses, low)


def test_a_built_gate_still_rejects_only_text_without_the_words() -> None:
    rx = re.compile(r"\b(?:fit\s*notes?|sick\s+notes?|med\s*3)\b.{0,40}\|", re.IGNORECASE)
    gate = Gate(rx)
    gate.build()
    for text in [
        "Fit note | 2 weeks",
        "fitnotes|",
        "MED3 | x",
        "sick notes |",
        "fit note for 2 weeks",
        "| note",
    ]:
        low = text.lower()
        assert gate.test(low) == _naive(gate.clauses, low)
        if rx.search(text):
            assert gate.test(low)
    assert rxfilter._pass_guess("|") < rxfilter._pass_guess("to")


def test_literals_with_a_long_common_start_are_tested_behind_it() -> None:
    source = rxfilter._any_source(("could not answer", "could not reach", "dna"))
    assert source.startswith("('could not ' in low and (")
    test = _function(source)
    assert test("we could not reach him")
    assert not test("we could not find him")
    assert test("dna x1")
    # a group whose common start is short is tested literal by literal
    assert rxfilter._any_source(("abcdef", "abxdef")) == "'abcdef' in low or 'abxdef' in low"
