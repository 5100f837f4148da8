"""checks/cues.search against the plain alternation it stands for (speed work must not change a match)."""

from __future__ import annotations

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
