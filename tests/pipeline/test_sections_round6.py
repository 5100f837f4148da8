"""la_sections round 6: headings drawn with rules and the GP / practice nurse heading."""

from __future__ import annotations

import pytest

from letter_audit.pipeline.sections import normalise


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("---- Actions Required by GP ----", "actions required by gp"),
        ("==== PLAN ====", "plan"),
        ("*** Follow up ***", "follow up"),
        ("3. Plan:", "plan"),
    ],
)
def test_rules_around_a_heading_are_not_words(raw: str, key: str) -> None:
    assert normalise(raw) == key


def test_rule_heading_opens_its_section(sections_nlp, run) -> None:
    text = "Seen today.\n~~~~ Requests to GP ~~~~\nBloods in 1 week\n____ Follow up ____\nNone\n"
    doc = run(sections_nlp, text)
    assert [(s.label_, s._.heading) for s in doc.spans["sections"]] == [
        ("gp_actions", "~~~~ Requests to GP ~~~~"),
        ("follow_up", "____ Follow up ____"),
    ]


def test_a_bare_rule_is_not_a_heading(sections_nlp, run) -> None:
    doc = run(sections_nlp, "Seen today.\n-----------------\nBloods in 1 week\n")
    assert list(doc.spans["sections"]) == []


def test_gp_or_practice_nurse_heading(sections_nlp, run) -> None:
    doc = run(sections_nlp, "Seen today.\nGP or practice nurse\nDressing change twice weekly\n")
    assert [s.label_ for s in doc.spans["sections"]] == ["gp_actions"]
