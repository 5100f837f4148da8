"""The word-start and look-behind finders of ``rxstarts`` give exactly the places their plain forms do.

Performance pass 14 made them cheaper (literal-first patterns the regex engine can skip to); these tests
hold them to the old forms on texts built to catch the edges: a lead at the text's start, leads that are
prefixes of one another, leads inside words, non-ASCII text, look-behinds of one and two characters at
the very end of the text.
"""

from __future__ import annotations

import re

import pytest

from letter_audit.pipeline import rxstarts
from letter_audit.pipeline.rxfilter import Haystack

TEXTS = [
    "",
    "x",
    "we will follow-up in clinic. x-ray; i think (we) clinics follow up iwe wewe",
    "We saw him.\nwe\n\nWE-will; follow  up. clinic\tclinic:clinics",
    "café we; naïve i élan — x. ;(i) \nİstanbul we",
    "review; re-review r/v rv. RV\nreviewed.",
    "a. b;c: (d) x] | y.\n z.\n\n",
]


def _plain_lead_places(leads: tuple[str, ...], low: str) -> list[int]:
    """The word starts that begin a lead, found the plain way: "\\W" and then a lead."""
    groups: dict[str, set[str]] = {}
    for lead in leads:
        groups.setdefault(lead[0], set()).add(lead[1:])
    parts = []
    for ch, rests in sorted(groups.items()):
        ahead = "" if "" in rests else "(?=" + "|".join(re.escape(r) for r in sorted(rests)) + ")"
        parts.append(re.escape(ch) + ahead)
    body = "|".join(parts)
    found = [0] if re.match(f"(?:{body})", low) else []
    return found + [m.start() + 1 for m in re.finditer(f"\\W(?:{body})", low)]


LEADS = [
    ("we",),
    ("i",),
    ("we", "will", "i", "x"),
    ("clinic", "clinics"),
    ("follow up", "follow-up", "followup"),
    ("r/v", "re", "rv", "review"),
    tuple("abcdefghijklmnopqrstuvwxyz"),  # more first characters than ``_EACH_MAX``: the plain form kept
]


@pytest.mark.parametrize("leads", LEADS)
def test_lead_finder_finds_the_places_the_plain_pattern_finds(leads: tuple[str, ...]) -> None:
    finder = rxstarts._lead_finder(tuple(sorted(leads)))
    for text in TEXTS:
        low = Haystack(text).low
        assert finder.find(low) == _plain_lead_places(leads, low), (leads, text)


def test_few_first_characters_get_one_literal_first_pattern_each() -> None:
    finder = rxstarts._lead_finder(("clinic", "clinics", "we", "will"))
    assert finder.after is None
    assert [p.pattern for p in finder.each] == ["clinic(?<=\\Wclinic)", "w(?<=\\Ww)(?=e|ill)"]
    assert finder.find("we saw her in clinic; will write. clinics") == [0, 14, 22, 34]
    many = rxstarts._lead_finder(tuple("abcdefghij"))
    assert many.each == () and many.after is not None


def test_a_shared_run_stops_at_the_first_non_word_character() -> None:
    # "follow up" and "follow-up" share "follow"; the space and hyphen go into the look-ahead
    finder = rxstarts._lead_finder(("follow up", "follow-up"))
    assert [p.pattern for p in finder.each] == ["follow(?<=\\Wfollow)(?=\\ up|\\-up)"]
    assert finder.find("follow-up: follow up, followup") == [0, 11]


BEHINDS = [
    frozenset({r"(?<=[\.;:])"}),
    frozenset({r"(?<=[\.;:][\s])", r"(?<=[\.;:])"}),
    frozenset({r"(?<=[\(])", r"(?<=[\]\|])"}),
    frozenset({"(?<=[" + re.escape("\n") + "])", "(?<=[" + re.escape("\n") + r"\s][\.])"}),
]


@pytest.mark.parametrize("behinds", BEHINDS)
def test_behind_finder_finds_where_the_look_behinds_hold(behinds: frozenset[str]) -> None:
    finder = rxstarts._behind_finder(behinds)
    plain = re.compile("|".join(sorted(behinds)))
    for text in TEXTS:
        low = Haystack(text).low
        assert sorted(set(finder.find(low))) == [m.start() for m in plain.finditer(low)], (behinds, text)


def test_behind_finder_consumes_one_character_and_shifts_by_the_width() -> None:
    finder = rxstarts._behind_finder(frozenset({r"(?<=[\.;][\s])"}))
    assert [(p.pattern, width) for p, width in finder.parts] == [(r"[\.;](?=[\s])", 2)]
    assert finder.find("a. b;;  c.") == [3, 7]  # the end of the text is no place after ". "


def test_line_starts_are_the_text_start_and_after_each_line_break() -> None:
    low = "ab\n\ncd\n"
    rxstarts._WORD_STARTS.pop(low, None)
    assert rxstarts.word_starts(low, "\n") == [0, 3, 4, 7]  # 7: the empty line after the last break
