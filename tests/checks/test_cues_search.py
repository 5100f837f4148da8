"""checks/cues.search against the plain alternation it stands for (speed work must not change a match)."""

from __future__ import annotations

import re

from letter_audit.checks import cues as cue_mod


def test_search_pattern_by_pattern_keeps_the_alternations_leftmost_and_first_listed_match() -> None:
    # "\ba\w*" and "\bab" both start at "ab": the alternation takes the first listed one, whose match
    # is longer here; "^..." parts start at line starts; "zz" is not in most texts, so they are
    # searched with the other patterns only, one by one.
    patterns = [r"\bzz\w*", r"\ba\w*", r"\bab", r"^\W*plan\s*:", r"\b\d+\s*mg\b", r"\bstop(?:ped)?\b"]
    texts = [
        "ab stopped 5 mg\nPlan: abc",
        "x ab\n- plan: 10mg",
        "zz ab a",
        "nothing here at all",
        "Stop 20 mg ab zzz",
    ]
    whole = cue_mod.compiled(tuple(patterns))
    assert whole is not None
    seen = set()
    for _ in range(40):  # past the warm-up, so gates and scanners are built and in use
        for text in texts:
            for pos in range(0, len(text) + 1, 3):
                for endpos in (None, len(text) - 2):
                    got = cue_mod.search(patterns, text, pos, endpos)
                    want = whole.search(text, pos, len(text) if endpos is None else endpos)
                    assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0)))
                    if got is not None:
                        seen.add(got.group(0))
    assert {"ab", "abc", "stopped", "5 mg", "Plan:", "zz", "Stop", "20 mg", "- plan:"} <= seen


def test_may_match_says_no_only_when_no_sentence_of_the_text_can_match() -> None:
    # A letter-wide "no" lets a caller skip every sentence; it must never hide a sentence's match,
    # here one that only the sentence's own start ("^") and end ("$") let match.
    patterns = [r"^\s*it is green on (?:our|the) formulary$", r"\bshared care agreement enclosed\b"]
    letter = "Hydroxychloroquine started. It is green on our formulary.\nThanks"
    plain = "Azathioprine started. Please check her bloods in 2 weeks.\nThanks"
    for _ in range(40):  # past the warm-up, so the gates are built
        cue_mod.may_match(patterns, letter)
        cue_mod.may_match(patterns, plain)
    assert cue_mod.any_match(patterns, letter) is False
    assert [cue_mod.any_match(patterns, s) for s in re.findall(r"[^.\n]+", letter)] == [False, True, False]
    assert cue_mod.may_match(patterns, letter) is True
    assert cue_mod.may_match(patterns, plain) is False
    assert cue_mod.may_match([], letter) is False
    # A capital sigma lowers by its place in a word, so a text holding one is always a maybe.
    assert cue_mod.may_match(patterns, "ΣΑΣ " + plain) is True


def test_gated_search_finds_what_the_pattern_finds_and_skips_texts_without_its_words() -> None:
    rx = re.compile(r"shared[- ]care|\bESCAs?\b", re.IGNORECASE)
    texts = [
        "Under the SHARED-CARE agreement, please prescribe.",
        "An ESCA is enclosed.",
        "Escalate if worse; no agreement is needed.",  # "esca" is there, a match is not
        "Please repeat her bloods in two weeks.",
    ]
    for _ in range(40):  # past the warm-up, so the gate is built
        for text in texts:
            got, want = cue_mod.gated_search(rx, text), rx.search(text)
            assert (got and got.span()) == (want and want.span())
    gate = cue_mod._rx_gate(rx)
    assert gate.test(cue_mod._lowered(texts[3])) is False  # skipped without searching
    assert gate.test(cue_mod._lowered(texts[2])) is True


def test_a_text_asked_about_again_gets_the_same_answer_after_the_gates_are_built() -> None:
    # Which patterns may match is kept per list and text; an answer kept while the gates still warm
    # up ("maybe" for all) must not hide or change a match once they are built, nor a kept "none"
    # stand for another list.
    patterns = [r"\bdid\s+not\s+attend\b", r"\bDNA'?d?\b", r"\bno\s+show\b"]
    others = [r"\bclinic\b"]
    texts = ["She did not attend clinic.", "No show today.", "Seen in clinic.", "DNA'd twice"]
    whole = cue_mod.compiled(tuple(patterns))
    other = cue_mod.compiled(tuple(others))
    assert whole is not None and other is not None
    for _ in range(45):
        for text in texts:
            for pos in (0, 4):
                got = cue_mod.search(patterns, text, pos)
                want = whole.search(text, pos)
                assert (got and got.span()) == (want and want.span()), text
            got = cue_mod.search(others, text)
            want = other.search(text)
            assert (got and got.span()) == (want and want.span()), text
    assert len(cue_mod._KEPT) > 0
    ((scanner, *_),) = [cue_mod._gated(tuple(patterns))]
    # (answers kept for a text are not asked again, so these gates may not have had their 32 uses)
    entry = cue_mod._gated(tuple(patterns))
    assert entry is not None
    entry[1].build()
    for gate in entry[2]:
        gate.build()
    # a text first met once the gates are built: its "none" is kept, and asked again it is still no match
    assert cue_mod.search(patterns, "Seen in the clinic today.") is None
    assert cue_mod._KEPT[(scanner, cue_mod._lowered("Seen in the clinic today."))] == ()
    assert cue_mod.search(patterns, "Seen in the clinic today.") is None
