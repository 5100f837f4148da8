"""Regex gates and scanners: they may only ever skip work, never change a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letter_audit.pipeline import rxfilter, rxstarts
from letter_audit.pipeline.rxfilter import Gate, Haystack, Scanner, any_gate
from letter_audit.pipeline.rxliterals import Source, required_literals

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


def test_scanner_finds_a_lead_opening_with_a_curly_apostrophe() -> None:
    # "\u2019ll hear" opens with punctuation no case folding touches, so it is a lead like "will".
    rx = re.compile("(?:\\bwill\\s+|(?:'ll|\u2019ll)\\s+)hear\\s+from\\s+us\\b", re.IGNORECASE)
    assert rxstarts.leading_literals(rx) == frozenset({"will", "'ll", "\u2019ll"})
    text = "You\u2019ll hear from us; you WILL HEAR FROM US and you'll hear from us."
    scanner = _scanner(rx)
    starts = scanner.starts(Haystack(text).low)
    assert starts == [3, 25, 50]
    assert [m.span() for m in scanner.finditer(text, starts)] == [m.span() for m in rx.finditer(text)]
    for pos in range(len(text)):
        a, b = rx.search(text, pos), scanner.search(text, starts, pos)
        assert (a and a.span()) == (b and b.span())
    assert {"\u2019ll", "'ll", "will"} in [set(c) for c in Gate(rx).clauses]  # the gate reads the mark too


def test_scanner_starts_a_look_behind_part_only_where_the_look_behind_holds() -> None:
    # A group that opens the pattern is planned part by part: a line start, after ". " or "; ", or a
    # word start with "is"/"goes"; a look-behind naming a letter gives no plan (lowering changes letters).
    rx = re.compile(r"(?:^|(?<=[.;]\s)|\b(?:is|goes)\s+)\W*back\s+to\s+GP\b", re.IGNORECASE | re.MULTILINE)
    assert rxstarts.start_plan(rx) is None  # its word-and-line summary cannot say "after '. '"
    text = "Back to GP. back to GP;  Back to gp, goes back to GP\nback to GP xback to GP. IS - back to GP"
    scanner = _scanner(rx)
    starts = scanner.starts(Haystack(text).low)
    assert [text[p : p + 4] for p in starts] == ["Back", "back", " Bac", "goes", "back", "IS -"]
    assert [m.span() for m in scanner.finditer(text, starts)] == [m.span() for m in rx.finditer(text)]
    for pos in range(len(text)):
        a, b = rx.search(text, pos), scanner.search(text, starts, pos)
        assert (a and a.span()) == (b and b.span())
    assert _scanner(re.compile(r"(?:^|(?<=a\s))back", re.IGNORECASE)).starts("a back") is None


def test_scanner_tries_only_word_starts_for_a_boundary_pattern_with_short_leads() -> None:
    # "A&E" gives a one-letter lead, too short to find on its own; at word starts it is cheap.
    rx = re.compile(r"\b(?:A\s*&\s*E|ED\s+card|discharge\s+summary|\d{1,2}/\d{1,2})\b", re.IGNORECASE)
    text = "Seen in a&e, then ED card; xED card; her discharge summary dated 3/4 and 12/10 (a& e)."
    scanner = _scanner(rx)
    low = Haystack(text).low
    starts = scanner.starts(low)
    assert starts is not None
    # every word start with a lead: "a" (so "and" too), "ed", "dis", any digit ("4" and "10" too)
    expected = ["a&e", "ED ", "dis", "3/4", "4 a", "and", "12/", "10 ", "a& "]
    assert [text[p : p + 3] for p in starts] == expected
    assert [m.span() for m in scanner.finditer(text, starts)] == [m.span() for m in rx.finditer(text)]
    for pos in range(len(text)):
        a, b = rx.search(text, pos), scanner.search(text, starts, pos)
        assert (a and a.span()) == (b and b.span())


def test_word_starts_keep_non_ascii_words_and_folded_letters() -> None:
    # A word starting with a non-ASCII letter is always tried: IGNORECASE matches the Kelvin sign as
    # "k" and "\d" matches other scripts' digits. "é" before "a" makes "a" no word start.
    rx = re.compile(r"\b(?:k\w*|a|\d+)\b", re.IGNORECASE)
    text = "\u212aelvin éa a \u0663\u0664 kit _a 7"
    scanner = _scanner(rx)
    starts = scanner.starts(Haystack(text).low)
    assert starts == [0, 7, 10, 12, 15, 22]  # not 5 ("é" first) nor 19 ("_a")
    assert [m.group(0) for m in scanner.finditer(text, starts)] == [m.group(0) for m in rx.finditer(text)]
    assert [m.group(0) for m in rx.finditer(text)] == ["\u212aelvin", "a", "\u0663\u0664", "kit", "7"]


def test_word_leads_need_a_boundary_and_word_characters() -> None:
    assert rxstarts.word_leads(re.compile(r"\b(?:ab|c\s)", re.I)) == ("ab", "c")
    assert rxstarts.word_leads(re.compile(r"(?:ab|c)", re.I)) is None  # no \b: a match may start mid-word
    assert rxstarts.word_leads(re.compile(r"\b(?:ab|-c)", re.I)) is None  # \b before "-" is a word's end
    assert rxstarts.word_leads(re.compile(r"\b(?:ab|c)", re.I | re.ASCII)) is None
    assert rxstarts.word_leads(re.compile(r"\b[a-c]\d|\bx", re.I)) == ("a", "b", "c", "x")


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


@pytest.mark.slow
def test_shipped_cue_lists_on_dev_letters_scanners_give_search_results() -> None:
    # The criteria cue lists are searched as one alternation (checks/cues.py); many join "^" rules
    # with "\b" rules, so their scanners try line starts and word starts together.
    from letter_audit.checks.cues import compiled, load_cues

    cues = load_cues()
    lists = [
        tuple(value)
        for group in (cues.content, cues.medication, cues.requests, cues.care, cues.triage)
        for value in vars(group).values()
        if value
    ]
    assert len(lists) > 40
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))[:20]]
    texts += [line for text in texts[:5] for line in text.splitlines() if line.strip()]
    lows = [Haystack(t).low for t in texts]
    planned = 0
    for patterns in lists:
        rx = compiled(patterns)
        assert rx is not None
        scanner = _scanner(rx)
        scanner.starts("")  # builds it
        planned += scanner._plan is not None
        for text, low in zip(texts, lows, strict=True):
            starts = scanner.starts(low)
            for pos in range(0, len(text), 131):
                a, b = rx.search(text, pos), scanner.search(text, starts, pos)
                assert (a and a.span()) == (b and b.span()), patterns
    assert planned > 20  # most lists get start places
