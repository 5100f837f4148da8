"""The first-pair index of ConText cues covers one-letter words and numbers in a group, and digits.

Why: a cue that the index cannot describe turns it off for every cue, and ConText then tries the whole
cue set at every word of the letter (round 9 cost 0.6 ms a letter that way). The index must still find
exactly what the full search finds.
"""

from __future__ import annotations

import re

from letter_audit.pipeline.context import DIGIT, first_pairs, longest_matches, pair_index, whole_words


def test_one_letter_alternative_takes_its_second_character_from_what_follows() -> None:
    assert first_pairs("(?:one|a single|1) dose") == {"on", "a ", "1 "}
    assert first_pairs("(?:a|an) (?:week|day) after") == {"a ", "an"}


def test_a_digit_first_is_any_decimal_digit() -> None:
    assert first_pairs(r"(?:\d+|two) weeks after") == {DIGIT, "tw"}
    assert first_pairs(r"\d{1,2}/\d{1,2}") == {DIGIT}


def test_a_group_that_may_repeat_zero_times_gives_no_pairs() -> None:
    assert first_pairs("(?:very ){0,2}well") is None
    assert first_pairs("(?:very )*well") is None


def test_a_pair_index_with_digits_finds_what_the_full_search_finds() -> None:
    patterns = [r"(?:a|\d+) (?:days?|weeks?) after", "shortly after", r"\d+ weeks", "a day"]
    rxs = [whole_words(p) for p in patterns]
    combined = whole_words("|".join(f"(?:{p})" for p in patterns))
    firsts = first_pairs("|".join(f"(?:{p})" for p in patterns))
    index = pair_index(patterns)
    assert firsts is not None and index is not None and DIGIT in firsts
    text = (
        "Started 3 weeks after surgery, a day after that; shortly after, \u0663 days after (Arabic-Indic 3)."
    )
    full = longest_matches(text, combined, rxs)
    assert full == longest_matches(text, combined, rxs, firsts, index)
    assert [text[s:e] for s, e, _ in full] == [
        "3 weeks after",
        "a day after",
        "shortly after",
        "\u0663 days after",
    ]
    assert [k for *_, k in full] == [0, 0, 1, 0]


def test_the_pair_index_folds_letters_as_re_ignorecase_does() -> None:
    patterns = ["stopped", "(?:a|one) week"]
    rxs = [whole_words(p) for p in patterns]
    combined = whole_words("|".join(f"(?:{p})" for p in patterns))
    firsts, index = first_pairs("|".join(f"(?:{p})" for p in patterns)), pair_index(patterns)
    text = "\u017ftopped \u0130tem, A week"  # long s matches "s" under re.IGNORECASE
    full = longest_matches(text, combined, rxs)
    assert full == longest_matches(text, combined, rxs, firsts, index) == [(0, 7, 0), (14, 20, 1)]
    assert re.fullmatch("stopped", "\u017ftopped", re.IGNORECASE) is not None
