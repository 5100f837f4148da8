"""Regex gates and scanners: they may only ever skip work, never change a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letter_audit.pipeline import rxfilter
from letter_audit.pipeline.rxfilter import Gate, Haystack, Scanner, Source, any_gate, required_literals

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
FLAGS = re.IGNORECASE | re.MULTILINE


def _built(gate: Gate) -> Gate:
    gate.build()
    return gate


def _scanner(rx: re.Pattern[str]) -> Scanner:
    scanner = Scanner(rx)
    scanner._uses = rxfilter._WARM_USES - 1  # the next call builds it
    return scanner


def test_required_literals_of_a_phrase_and_an_alternation() -> None:
    rx = re.compile(r"\b(?:fit|sick)\s+note\b", re.IGNORECASE)
    assert required_literals(rx) == [frozenset({"note"}), frozenset({"fit", "sick"})]


def test_common_start_moved_out_by_the_parser_is_put_back() -> None:
    # The parser turns "no|nil|none" into "n" + "o|il|one"; the gate still looks for whole words.
    rx = re.compile(r"^\W*(?:nil|none|no)\W*$", re.IGNORECASE)
    assert required_literals(rx) == [frozenset({"nil", "none", "no"})]


def test_gate_rejects_only_text_without_the_words() -> None:
    gate = _built(Gate(re.compile(r"\bfit\s+note\s+(?:issued|given)", re.IGNORECASE)))
    assert gate.may_match(Haystack("A FIT NOTE was Issued today")) is True
    assert gate.may_match(Haystack("A fit note is not needed")) is False


def test_gate_says_maybe_until_warm() -> None:
    gate = Gate(re.compile(r"\bwarfarin\b", re.IGNORECASE))
    assert gate.may_match(Haystack("nothing here")) is True  # not built yet: never a wrong "no"
    gate.build()
    assert gate.may_match(Haystack("nothing here")) is False


def test_haystack_folds_letters_ignorecase_treats_as_ascii() -> None:
    # KELVIN SIGN matches "k" under re.IGNORECASE; the gate must find it too.
    rx = re.compile(r"\bkidney\b", re.IGNORECASE)
    text = "\u212aidney function"
    assert rx.search(text) is not None
    assert _built(Gate(rx)).may_match(Haystack(text)) is True
    assert len(Haystack(text).low) == len(text)


def test_any_gate_passes_where_one_part_could_match() -> None:
    gates = [Gate(Source(p, FLAGS)) for p in (r"\bplease\s+stop\b", r"\bkindly\s+review\b")]
    test = any_gate(gates)
    test.build()
    assert test(Haystack("Kindly review in 2 weeks").low) is True
    assert test(Haystack("We will review in 2 weeks").low) is False


def test_scanner_gives_the_same_leftmost_match_as_search() -> None:
    rx = re.compile(r"(?<!was\s)\b(?:offered|booked)\s+(?:a\s+)?(?:clinic|review)\b", re.IGNORECASE)
    text = "He was booked a clinic. We have BOOKED a review; later offered review again."
    scanner = _scanner(rx)
    starts = scanner.starts(Haystack(text).low)
    assert starts == [7, 32, 55]
    for pos in range(len(text)):
        a, b = rx.search(text, pos), scanner.search(text, starts, pos)
        assert (a and a.span()) == (b and b.span())
    found = [m.group(0) for m in scanner.finditer(text, starts)]
    assert found == ["BOOKED a review", "offered review"]  # "was booked" is ruled out by the lookbehind
    assert found == [m.group(0) for m in rx.finditer(text)]


def test_scanner_without_a_leading_word_falls_back_to_search() -> None:
    scanner = _scanner(re.compile(r"\d+\s*mg", re.IGNORECASE))
    assert scanner.starts("take 5 mg") is None
    m = scanner.search("take 5 mg", None)
    assert m is not None and m.group(0) == "5 mg"


@pytest.mark.slow
def test_shipped_patterns_on_dev_letters_gates_and_scanners_never_lose_a_match() -> None:
    from letter_audit.pipeline import build_pipeline

    nlp = build_pipeline()
    patterns: list[re.Pattern[str]] = []
    for name in ("la_status", "la_meta", "la_requests"):
        finder = nlp.get_pipe(name).finder
        for value in vars(finder).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                parts = item if isinstance(item, tuple) else (item,)
                patterns.extend(p for p in parts if isinstance(p, re.Pattern))
    assert len(patterns) > 50
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))[:25]]
    lows = [Haystack(t).low for t in texts]
    for rx in patterns:
        gate, scanner = _built(Gate(rx)), _scanner(rx)
        scanner.starts("")  # builds it
        for text, low in zip(texts, lows, strict=True):
            found = rx.search(text)
            if found is not None:
                assert gate.test(low), rx.pattern
            starts = scanner.starts(low)
            for pos in range(0, len(text), 97):
                a, b = rx.search(text, pos), scanner.search(text, starts, pos)
                assert (a and a.span()) == (b and b.span()), rx.pattern
