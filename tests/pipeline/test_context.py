"""la_context: ConText cues, their scopes, and clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from letter_audit.errors import ModelError
from letter_audit.pipeline.context import ContextAnnotator, categories_at, clauses_of


def _cats(make_nlp, run, text: str, word: str) -> list[str]:
    doc = run(make_nlp("la_context"), text)
    pos = text.index(word)
    return sorted({m.category for m in categories_at(doc, pos, pos + len(word))})


def test_negation_covers_what_follows(make_nlp, run) -> None:
    assert _cats(make_nlp, run, "We did not start sacubitril/valsartan.", "start") == ["negated"]


def test_hypothetical(make_nlp, run) -> None:
    assert _cats(make_nlp, run, "You may wish to consider starting dapagliflozin.", "starting") == [
        "hypothetical"
    ]


def test_other_actor_looks_backwards(make_nlp, run) -> None:
    text = "Her ramipril was stopped by her GP in August."
    assert _cats(make_nlp, run, text, "stopped") == ["historical", "other_actor"]


def test_terminator_cuts_the_scope(make_nlp, run) -> None:
    text = "She did not tolerate amlodipine but we started doxazosin."
    assert _cats(make_nlp, run, text, "tolerate") == ["negated"]
    assert _cats(make_nlp, run, text, "started") == []


def test_scope_stays_in_its_sentence(make_nlp, run) -> None:
    assert _cats(make_nlp, run, "We did not need imaging. Bisoprolol was started.", "started") == []


def test_clauses_split_at_semicolons() -> None:
    text = "Ramipril stopped; restart when U&E settle.\nAmlodipine started."
    assert [text[s:e] for s, e in clauses_of(text)] == [
        "Ramipril stopped",
        "restart when U&E settle.",
        "Amlodipine started.",
    ]


def test_bad_rule_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "context.jsonl").write_text(
        '{"id": "a", "pattern": "not", "category": "negated"}\n'
        '{"id": "b", "pattern": "x", "category": "maybe"}\n'
    )
    with pytest.raises(ModelError, match=r"context.jsonl:2"):
        ContextAnnotator(spacy.blank("en")).load_data(tmp_path)


def test_contracted_negation(make_nlp, run) -> None:
    assert _cats(make_nlp, run, "We didn't start ramipril.", "start") == ["negated"]


def test_first_pairs_of_a_pattern() -> None:
    from letter_audit.pipeline.context import first_pairs

    assert first_pairs("not|(?:for )?(?:the )?GPs? to|;") == {"no", "fo", "th", "gp"}
    assert first_pairs("(?:[a-z]+ )?x") is None  # cannot tell: every word must be tried


def test_brackets_inside_a_character_class_are_not_structure() -> None:
    from letter_audit.pipeline.context import _split_top, first_pairs

    # A ")" or "|" inside [...] neither closes a group nor splits alternatives (it used to glue every
    # later cue onto the one holding the class, and lose their first letters).
    assert _split_top(r"there[.;)]|by (?:her|the) GP|[]|]x|\(y") == [
        "there[.;)]",
        "by (?:her|the) GP",
        "[]|]x",
        "\\(y",
    ]
    assert first_pairs(r"(?:there[.;)]|that) one|previously") == {"th", "pr"}


def test_one_letter_word_cues_keep_the_first_pair_index() -> None:
    from letter_audit.pipeline.context import first_pairs, pair_index

    assert first_pairs("I have|we have") == {"i ", "we"}
    assert pair_index(["I have", "we have|weaned"]) == {"i ": [0], "we": [1]}
