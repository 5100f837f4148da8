"""la_sections: headings in every form UK letters write them, and prose without headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letter_audit.errors import ModelError
from letter_audit.letter import Block, Cell, Letter, SourceInfo
from letter_audit.pipeline.sections import SectionFinder, SectionRule, SectionsComponent, normalise


def labels(doc) -> list[tuple[str, str]]:
    return [(s.label_, s._.heading) for s in doc.spans["sections"]]


def test_plain_headings_with_and_without_colons(sections_nlp, run):
    text = (
        "Diagnosis:\nCommunity acquired pneumonia\n\nMedication changes\nStarted amoxicillin\n\n"
        "Actions for GP\nPlease repeat U&E in 1 week\n"
    )
    doc = run(sections_nlp, text)
    assert labels(doc) == [
        ("diagnoses", "Diagnosis:"),
        ("medication_changes", "Medication changes"),
        ("gp_actions", "Actions for GP"),
    ]
    spans = doc.spans["sections"]
    assert spans[0].text == "Diagnosis:\nCommunity acquired pneumonia"
    assert spans[2].text == "Actions for GP\nPlease repeat U&E in 1 week"
    assert spans[2]._.section_rule == "sec-gp-actions"
    assert text[spans[1]._.body_start :].startswith("\nStarted amoxicillin")


def test_capitals_and_numbered_headings(sections_nlp, run):
    text = "1. DIAGNOSES\nHeart failure\n2) TTO\nFurosemide 40mg OD\n3. PLAN\nEcho as outpatient\n"
    doc = run(sections_nlp, text)
    assert [s.label_ for s in doc.spans["sections"]] == ["diagnoses", "medications_discharge", "plan"]
    assert doc.spans["sections"][2].text == "3. PLAN\nEcho as outpatient"


def test_inline_heading_content_on_same_line(sections_nlp, run):
    doc = run(sections_nlp, "Plan: repeat bloods in 2 weeks\nFollow up - clinic in 6 weeks\n")
    spans = doc.spans["sections"]
    assert labels(doc) == [("plan", "Plan"), ("follow_up", "Follow up")]
    assert doc.text[spans[0]._.body_start :].startswith("repeat bloods")


def test_prose_letter_without_headings_has_no_sections(sections_nlp, run):
    text = (
        "Dear Dr Jones,\nI saw Mrs Smith in clinic today. Her plan is to continue ramipril and I will "
        "see her again in three months.\n"
    )
    assert list(run(sections_nlp, text).spans["sections"]) == []


def test_colon_inside_a_sentence_is_not_a_heading(sections_nlp, run):
    doc = run(sections_nlp, "We discussed the plan: she will stop smoking.\n")
    assert list(doc.spans["sections"]) == []


def test_unknown_capital_heading_ends_previous_section(sections_nlp, run):
    doc = run(sections_nlp, "PLAN\nReview in clinic\nSOCIAL HISTORY\nLives alone\n")
    assert labels(doc) == [("plan", "PLAN"), ("other", "SOCIAL HISTORY")]
    assert doc.spans["sections"][0].text == "PLAN\nReview in clinic"


def test_signoff_opens_signature(sections_nlp, run):
    doc = run(sections_nlp, "Plan\nNo changes\n\nYours sincerely,\nDr A Khan\n")
    assert [s.label_ for s in doc.spans["sections"]] == ["plan", "signature"]


def _letter(text: str, blocks: list[Block]) -> Letter:
    return Letter(text=text, blocks=blocks, source=SourceInfo(path="x.pdf", sha256="0", format="pdf"))


def test_table_row_left_cell_is_heading(sections_nlp, run):
    text = "Diagnosis | Community acquired pneumonia\nAllergies | No known drug allergies\n"
    blocks = [
        Block(kind="table_row", start=0, end=40, cells=[Cell(start=0, end=9), Cell(start=12, end=40)]),
        Block(kind="table_row", start=41, end=77, cells=[Cell(start=41, end=50), Cell(start=53, end=77)]),
    ]
    doc = run(sections_nlp, _letter(text, blocks))
    assert labels(doc) == [("diagnoses", "Diagnosis"), ("allergies", "Allergies")]
    assert doc.spans["sections"][0]._.body_start == 12


def test_table_row_as_plain_text_with_tab(sections_nlp, run):
    doc = run(sections_nlp, "Diagnosis\tCommunity acquired pneumonia\n")
    assert labels(doc) == [("diagnoses", "Diagnosis")]


def test_heading_block_unknown_text_is_other(sections_nlp, run):
    text = "Discharge Medicines\nAspirin 75mg OD\nWard Round Notes\nStable\n"
    blocks = [
        Block(kind="heading", start=0, end=19, page=1),
        Block(kind="paragraph", start=20, end=35, page=1),
        Block(kind="heading", start=36, end=52, page=2),
        Block(kind="paragraph", start=53, end=59, page=2),
    ]
    doc = run(sections_nlp, _letter(text, blocks))
    assert labels(doc) == [("medications_discharge", "Discharge Medicines"), ("other", "Ward Round Notes")]


def test_numbered_request_is_not_a_heading(sections_nlp, run):
    doc = run(sections_nlp, "Actions for GP:\n1. Please repeat U&E in 1 week\n2. Review BP\n")
    assert labels(doc) == [("gp_actions", "Actions for GP:")]


def test_normalise_strips_numbering_and_colon() -> None:
    assert normalise("  3. FOLLOW-UP: ") == "follow-up"
    assert normalise("(iv) Plan") == "plan"


def test_duplicate_phrase_across_sections_is_refused() -> None:
    rules = [
        SectionRule(id="a", section="plan", phrases=["plan"]),
        SectionRule(id="b", section="follow_up", phrases=["Plan"]),
    ]
    with pytest.raises(ModelError, match="'plan' is in both a and b"):
        SectionFinder(rules)


def test_bad_rule_file_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    good = json.dumps({"id": "x", "section": "plan", "phrases": ["plan"]})
    bad = json.dumps({"id": "y", "section": "nonsense", "phrases": ["zzz"]})
    (tmp_path / "rules" / "sections.jsonl").write_text(good + "\n" + bad + "\n")
    comp = SectionsComponent(None, "la_sections")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"sections\.jsonl:2: section"):
        comp.load_data(tmp_path)


def test_to_disk_from_disk_round_trip(tmp_path: Path, sections_nlp, run) -> None:
    sections_nlp.get_pipe("la_sections").to_disk(tmp_path)
    fresh = SectionsComponent(None, "la_sections").from_disk(tmp_path)  # type: ignore[arg-type]
    assert fresh.finder.lookup == sections_nlp.get_pipe("la_sections").finder.lookup
    assert fresh.finder.lookup["tto"] == ("medications_discharge", "sec-meds-discharge")
