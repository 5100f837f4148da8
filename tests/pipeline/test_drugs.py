"""la_drugs: lexicon look-up of generics, brands, aliases, combinations and misspellings."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from letter_audit.errors import ModelError
from letter_audit.pipeline.drugs import DrugFinder, _one_edit

MEDS = ("la_drugs",)


def _found(make_nlp, run, text: str) -> list[tuple[str, str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(s.text, s._.drug["generic"], s._.drug["kind"]) for s in doc.spans["drugs"]]


def test_generic_and_brand_map_to_generic(make_nlp, run) -> None:
    assert _found(make_nlp, run, "Started Symbicort and amlodipine.") == [
        ("Symbicort", "budesonide with formoterol", "brand"),
        ("amlodipine", "amlodipine", "generic"),
    ]


@pytest.mark.parametrize(
    ("written", "generic"),
    [
        ("Fostair", "beclometasone with formoterol"),
        ("Adcal-D3", "colecalciferol with calcium carbonate"),
        ("Laxido", "macrogol 3350"),
        ("frusemide", "furosemide"),
        ("GTN", "glyceryl trinitrate"),
        ("co-amoxiclav", "co-amoxiclav"),
        ("beclomethasone", "beclometasone"),
        ("salbutamol", "salbutamol"),
        ("paracetamol", "paracetamol"),
        ("metformin hydrochloride", "metformin"),
        ("lithium carbonate", "lithium carbonate"),
        ("sacubitril/valsartan", "sacubitril with valsartan"),
        ("Budesonide + formoterol", "budesonide with formoterol"),
    ],
)
def test_names_letters_use(make_nlp, run, written: str, generic: str) -> None:
    found = _found(make_nlp, run, f"We started {written} today.")
    assert [(t, g) for t, g, _ in found] == [(written, generic)]


def test_stoplist_keeps_everyday_words_out(make_nlp, run) -> None:
    assert _found(make_nlp, run, "Her care package and cholesterol were discussed; potassium 4.1.") == []


def test_listed_misspelling(make_nlp, run) -> None:
    assert _found(make_nlp, run, "amlodipene 5mg OD") == [("amlodipene", "amlodipine", "misspelling")]


def test_unknown_word_one_edit_from_a_generic_before_a_dose(make_nlp, run) -> None:
    assert _found(make_nlp, run, "lansoprazolle 30 mg OD") == [
        ("lansoprazolle", "lansoprazole", "misspelling")
    ]
    # without a dose after it the same word is left alone (cheap, and avoids guessing at prose)
    assert _found(make_nlp, run, "lansoprazolle was mentioned") == []


def test_one_edit() -> None:
    assert _one_edit("ramipril", "ramiprl")
    assert _one_edit("ramipril", "rmaipril")
    assert not _one_edit("ramipril", "rampirl")


def test_missing_lexicon_is_a_model_error(tmp_path: Path) -> None:
    finder = DrugFinder(spacy.blank("en"))
    with pytest.raises(ModelError, match="drug lexicon missing"):
        finder.load_data(tmp_path)


def test_bad_alias_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "drugs.json").write_text(
        '{"terms": {"ramipril": ["ramipril", "generic", "0205"]}}'
    )
    (tmp_path / "lexicons" / "drug_aliases.jsonl").write_text('{"term": "x1", "generic": "y", "colour": 1}\n')
    with pytest.raises(ModelError, match=r"drug_aliases.jsonl:1"):
        DrugFinder(spacy.blank("en")).load_data(tmp_path)
