"""Paragraph styles are resolved once per style and template; a letter whose styles part differs
never gets another template's answers."""

from __future__ import annotations

import io

import docx

from letter_audit.ingest import docx as docx_reader
from letter_audit.ingest import read_bytes


def _letter(rename_heading_to: str | None = None, bold_normal: bool = False) -> bytes:
    document = docx.Document()
    document.add_paragraph("Medication changes", style="Heading 1")
    document.add_paragraph("Plain words here")
    if rename_heading_to:
        style = document.styles["Heading 1"]
        style.font.bold = False
        style.name = rename_heading_to
    if bold_normal:
        document.styles["Normal"].font.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _kinds(data: bytes) -> list[tuple[str, str]]:
    letter = read_bytes(data, "a.docx", min_words=0)
    return [(b.kind, letter.text[b.start : b.end].strip()) for b in letter.blocks]


def test_same_template_answers_are_reused_and_a_changed_template_is_read_afresh() -> None:
    docx_reader._KNOWN_STYLES.clear()
    plain = [("heading", "Medication changes"), ("paragraph", "Plain words here")]
    assert _kinds(_letter()) == plain
    known = len(docx_reader._KNOWN_STYLES)
    assert known >= 2  # the heading style and the default style
    assert _kinds(_letter()) == plain  # same styles part: answered from what is known
    assert len(docx_reader._KNOWN_STYLES) == known
    # the same style id renamed (and not bold): no longer a heading style
    assert _kinds(_letter(rename_heading_to="Callout")) == [
        ("paragraph", "Medication changes"),
        ("paragraph", "Plain words here"),
    ]
    # the default style made bold: its short unpunctuated lines read as headings
    assert _kinds(_letter(bold_normal=True)) == [
        ("heading", "Medication changes"),
        ("heading", "Plain words here"),
    ]
