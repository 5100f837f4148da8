"""``longest_matches`` with ``RuleStarts`` (each rule tried only where its scanner says it may start, or
nowhere when the shared Hyperscan prefilter rules it out) finds exactly what trying every rule at every
word start finds: the longest match where several rules start together, the first rule on a tie,
non-overlapping, word starts only; before the scanners warm up, after, and with a prefilter database.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from letter_audit.pipeline import context_match, rxfilter
from letter_audit.pipeline.context import first_pairs, longest_matches, pair_index, whole_words
from letter_audit.pipeline.context_match import _WORD_START, RuleStarts
from letter_audit.pipeline.hsprefilter import Prefilter
from letter_audit.pipeline.rxfilter import Haystack

PATTERNS = [
    "not",  # 0: inside "was not" (rule 1): the longer one wins
    "(?:was|were) not",  # 1
    "no (?:change|changes)",  # 2: ties with rule 3 on "no change": the first rule wins
    "no change",  # 3
    r"(?:a|\d+) (?:days?|weeks?) after",  # 4: a one-letter word or any digit first
    r"\d+ weeks",  # 5: digits, shorter than rule 4 where both start
    "(?:stopped|stopping)",  # 6
    r"(?:(?<=, )|(?<=: ))(?:one|two) doses?",  # 7: a look-behind first (its scanner has no leads)
    "(?:in|on) (?:the )?(?:ward|clinic)",  # 8: common pairs ("in", "on") inside other words
    "was",  # 9: the start of rule 1: never wins there
]

TEXTS = [
    "He was not started; it was not stopped. Not now.",
    "No change to the dose; no changes were made. NO CHANGE.",
    "Stopped 3 weeks after surgery, a day after that; 12 weeks later: two doses, one dose.",
    "Seen on the ward and in clinic; continued on ward rounds. Stopping \u0663 weeks after (Arabic-Indic 3).",
    "\u017ftopped, non-stopped, re-stopped, nothing, knot, wasnot was-not, A WEEK AFTER.",
    "\u0130n the ward, \u212aelvin: one dose; caf\u00e9 was not",
    "",
    "was",
]


def _every_rule_everywhere(text: str, rxs: list[re.Pattern[str]]) -> list[tuple[int, int, int]]:
    """The plainest reading: at each word start not inside the last match, every rule in order, the
    longest match kept (the first rule on a tie)."""
    out: list[tuple[int, int, int]] = []
    last_end = -1
    for w in _WORD_START.finditer(text):
        p = w.start()
        if p < last_end:
            continue
        best: tuple[int, int, int] | None = None
        for k, rx in enumerate(rxs):
            m = rx.match(text, p)
            if m is not None and (best is None or m.end() > best[1]):
                best = (p, m.end(), k)
        if best is not None:
            out.append(best)
            last_end = best[1]
    return out


Setup = tuple[re.Pattern[str], list[re.Pattern[str]], set[str], dict[str, list[int]]]


def _setup(patterns: list[str]) -> Setup:
    rxs = [whole_words(p) for p in patterns]
    combined = whole_words("|".join(f"(?:{p})" for p in patterns))
    firsts = first_pairs("|".join(f"(?:{p})" for p in patterns))
    index = pair_index(patterns)
    assert firsts is not None and index is not None
    return combined, rxs, firsts, index


def _check_all(starts: RuleStarts, uses: int) -> list[list[tuple[int, int, int]]]:
    combined, rxs, firsts, index = _setup(PATTERNS)
    got = []
    for _ in range(uses):
        for text in TEXTS:
            new = longest_matches(text, combined, rxs, firsts, index, starts)
            assert new == longest_matches(text, combined, rxs, firsts, index), text
            assert new == _every_rule_everywhere(text, rxs), text
            got.append(new)
    return got


def test_the_reference_finds_what_the_rules_say() -> None:
    _, rxs, _, _ = _setup(PATTERNS)
    found = _every_rule_everywhere(TEXTS[0] + " " + TEXTS[1] + " " + TEXTS[2], rxs)
    text = TEXTS[0] + " " + TEXTS[1] + " " + TEXTS[2]
    spans = [(text[s:e], k) for s, e, k in found]
    assert ("was not", 1) in spans and ("Not", 0) in spans and ("was", 9) not in [s for s in spans]
    assert ("No change", 2) in spans and ("no changes", 2) in spans and ("NO CHANGE", 2) in spans
    assert ("3 weeks after", 4) in spans and ("12 weeks", 5) in spans and ("two doses", 7) in spans


def test_rule_starts_find_what_every_rule_at_every_word_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rxfilter, "PREFILTER", None)  # leading words only, no database
    combined, rxs, firsts, index = _setup(PATTERNS)
    starts = RuleStarts(rxs, index)
    # before the scanners warm up (every rule tried at the word starts of its pairs), and after
    _check_all(starts, rxfilter._WARM_USES // len(TEXTS) + 2)
    assert all(scanner._uses >= rxfilter._WARM_USES for scanner in starts.scanners)
    assert starts.scanners[7].starts(Haystack(TEXTS[2]).low) is None  # no leads: found by its pairs


def test_with_a_prefilter_database_ruled_out_rules_are_not_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("hyperscan")
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    pre = Prefilter()
    monkeypatch.setattr(rxfilter, "PREFILTER", pre)
    combined, rxs, firsts, index = _setup(PATTERNS)
    starts = RuleStarts(rxs, index)  # registers every rule with the prefilter
    assert rxfilter.attach_prefilter(compile_missing=True)
    _check_all(starts, rxfilter._WARM_USES // len(TEXTS) + 2)
    assert all(scanner._hs is not None for scanner in starts.scanners)
    tried: list[str] = []
    real = rxfilter.Scanner.starts

    def starts_noted(self: rxfilter.Scanner, low: str) -> list[int] | None:
        tried.append(self.rx.pattern)
        return real(self, low)

    monkeypatch.setattr(rxfilter.Scanner, "starts", starts_noted)
    text = TEXTS[1]
    assert longest_matches(text, combined, rxs, firsts, index, starts) == _every_rule_everywhere(text, rxs)
    assert rxs[2].pattern in tried and rxs[6].pattern not in tried  # no "stopp" anywhere: ruled out


def test_only_word_starts_and_only_the_rules_the_index_names_are_tried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rules need not be whole words, and a hand-made index may name fewer rules than could match: the
    # rule starts still try a rule only where the pair index would (at a word start, for its pairs).
    monkeypatch.setattr(rxfilter, "PREFILTER", None)
    rxs = [re.compile(p, re.IGNORECASE) for p in (r"stop\w*", "(?:no|stopped today)", "top")]
    index = {"st": [0], "no": [1], "to": [2]}
    firsts = set(index)
    combined = re.compile("(?!)")
    text = "Stopped today, no: stop it, not top, nonstop."
    starts = RuleStarts(rxs, index)
    for _ in range(rxfilter._WARM_USES + 1):
        found = longest_matches(text, combined, rxs, firsts, index, starts)
        assert found == longest_matches(text, combined, rxs, firsts, index)
    assert all(scanner._uses >= rxfilter._WARM_USES for scanner in starts.scanners)
    assert [(text[s:e], k) for s, e, k in found] == [
        ("Stopped", 0),  # not rule 1's longer "Stopped today": the index does not name it for "st"
        ("no", 1),
        ("stop", 0),
        ("no", 1),  # "not": rule 1 is no whole word here
        ("top", 2),
        ("no", 1),  # "nonstop": never "top" inside the word
    ]


def test_a_broken_place_list_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The comparison above can fail: dropping the places of one rule changes what is found.
    monkeypatch.setattr(rxfilter, "PREFILTER", None)
    combined, rxs, firsts, index = _setup(PATTERNS)
    starts = RuleStarts(rxs, index)
    real = RuleStarts.places

    def without_rule_1(self: RuleStarts, low: str) -> dict[int, list[int]]:
        return {p: [k for k in ks if k != 1] for p, ks in real(self, low).items()}

    monkeypatch.setattr(RuleStarts, "places", without_rule_1)
    with pytest.raises(AssertionError):
        _check_all(starts, 1)


def test_no_character_becomes_a_word_character_when_lowered() -> None:
    # ``RuleStarts._finder`` looks for word starts in the lowered text: each word start of the text
    # must be one there too, so no character outside [\w-] may fold and lower into it.
    word = re.compile(r"[\w-]")
    for i in range(sys.maxunicode + 1):
        if 0xD800 <= i <= 0xDFFF:
            continue
        ch = chr(i)
        low = Haystack(ch).low
        assert len(low) == 1, hex(i)
        assert word.match(ch) or not word.match(low), hex(i)


def test_the_shipped_rules_give_the_same_cues(monkeypatch: pytest.MonkeyPatch) -> None:
    from letter_audit.pipeline import load_pipeline

    nlp = load_pipeline()
    ctx = nlp.get_pipe("la_context")
    rxs = [rx for _, rx in ctx.compiled]
    texts = [
        "She was not started on ramipril; no changes were made. Previously on 5 mg, stopped 3 weeks ago.",
        "We will start bisoprolol. He has not been restarted, prior to admission on amlodipine: one dose.",
    ]
    for _ in range(rxfilter._WARM_USES // len(texts) + 2):
        for text in texts:
            assert longest_matches(text, ctx.combined, rxs, ctx.firsts, ctx.index, ctx.starts) == (
                _every_rule_everywhere(text, rxs)
            )
    assert context_match.RuleStarts is RuleStarts
