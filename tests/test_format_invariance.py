"""One letter, every format a practice receives: the same GP actions come out of each.

A trust's letter reaches the inbox as DOCX, a two-column DOCX template (headings beside their contents, or
two sections to a row with their contents under them), PDF, HTML, RTF or a plain-text export of the same
content. Headings are what change: bold or styled in DOCX/PDF/HTML, bold alone in RTF, and only the line's
shape in plain text. Round 19 rendered every dev letter in every format and found plain text and RTF reading
the blocks after a GP-actions heading as more requests when the next heading was written in sentence case
("Planning ahead"), and the two-column template losing the lines of a GP cell after its first. Round 20
found the grid of two sections to a row (the YDH template) leaving each right-hand section under no heading.
Round 21 found the same grid in a PDF losing its pairs where a bulleted list in a ruled cell read as a
column of bullets beside a column of items.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from letter_audit import audit
from letter_audit.ingest import read_bytes
from letter_audit.ingest.rtf import bold_paragraphs
from letter_audit.ingest.text import titled_block
from script_module import load_script

bf = load_script("build_fixtures")

SOURCE = """---
format: {fmt}
---
Respiratory Medicine, Riverside General Hospital
Tel 01632 960 111

Date: 12/11/2026

Dear Dr Okafor

Re: Mr Tom Example, DOB 02/03/1950, NHS 999 000 0001

# Why we met
Mr Example came to clinic with breathlessness from his COPD. We changed his inhaler today.

# What we have asked your GP to do
- Please add the Trimbow inhaler to his repeat prescription and remove the Fostair
- Review his breathing in 6 weeks and check his inhaler technique
- Refer him to pulmonary rehabilitation at the community team

# Planning ahead
You told us you want to stay at home if you become unwell again. We completed a ReSPECT form with you today.

# Who to contact
You can phone our team on the number above in working hours, and 111 at other times.

Yours sincerely
Dr B Jones, Consultant Respiratory Physician
"""

EXPECTED = [
    "Please add the Trimbow inhaler to his repeat prescription and remove the Fostair",
    "Review his breathing in 6 weeks",
    "check his inhaler technique",
    "Refer him to pulmonary rehabilitation at the community team",
]
# A lead-in paragraph ending in a colon over a numbered list (DOCX and HTML number the items outside the
# text), whose last item has no "please" and no owner of its own.
NUMBERED = """---
format: {fmt}
---
Cardiology, Riverside General Hospital
Tel 01632 960 222

Dear Dr Okafor

Re: Mr Tom Example, DOB 02/03/1950, NHS 999 000 0001

# Diagnosis
Anterior NSTEMI, drug-eluting stent to the LAD on 03/11/2026.

Actions for the GP surgery:
1. Please uptitrate ramipril every 2 weeks towards 10 mg as BP allows.
2. Smoking cessation - he has been referred to the stop smoking team, please support with NRT on prescription.
3. Ensure ticagrelor is stopped at 12 months and aspirin continued.

# Follow-up
Cardiology clinic in 8 weeks; cardiac rehabilitation will phone him.

Yours sincerely
Dr B Jones, Consultant Cardiologist
"""

NUMBERED_EXPECTED = [
    "Please uptitrate ramipril every 2 weeks towards 10 mg as BP allows",
    "please support with NRT on prescription",
    "Ensure ticagrelor is stopped at 12 months and aspirin continued",
]
FORMATS = [
    "txt",
    "rtf",
    "docx",
    "docx-tables",
    "docx-grid",
    "html",
    "html-grid",
    "pdf",
    "pdf-table",
    "pdf-grid",
]


def _actions(fmt: str, tmp_path: Path, source: str = SOURCE) -> list[str]:
    path = tmp_path / "letter.txt"
    path.write_text(source.format(fmt=fmt), encoding="utf-8")
    name, data = bf.render(bf.read_source(path))
    report = audit(read_bytes(data, name))
    return [" ".join(a.text.strip().lstrip("- ").rstrip(".").split()) for a in report.gp_actions]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_gp_actions(fmt: str, tmp_path: Path) -> None:
    assert _actions(fmt, tmp_path) == EXPECTED


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_numbered_list_under_a_lead_in_gives_every_item_in_every_format(fmt: str, tmp_path: Path) -> None:
    assert _actions(fmt, tmp_path, NUMBERED) == NUMBERED_EXPECTED


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_a_title_between_two_fields_of_a_template_export_is_a_heading() -> None:
    text = "Requests to GP\nGP to chase the hCG.\nPatient instructions\nShe will test at home in 3 weeks."
    lines = _lines(text)
    assert titled_block(lines, 2)
    lines = _lines("We will phone you.\nWhat happens next\n\nWe will phone in three weeks with the result.")
    assert titled_block(lines, 1)


def test_a_sentence_case_title_over_its_block_is_a_heading() -> None:
    lines = _lines("Dear Dr Okafor\n\nPlanning ahead\nYou told us you want to stay at home if unwell.\n")
    assert titled_block(lines, 2)
    lines = _lines("x\n\nSafety plan (agreed with Owen)\n- Ring the crisis line if it returns\n")
    assert titled_block(lines, 2)


@pytest.mark.parametrize(
    "text",
    [
        # a name over its job title, a salutation, a sign-off
        "x\n\nDr B Jones\nConsultant Respiratory Physician at the Riverside General Hospital\n",
        "x\n\nDear Dr Okafor\nThank you for referring this gentleman to the clinic today.\n",
        "x\n\nYours sincerely\nDr B Jones, Consultant Respiratory Physician at Riverside\n",
        # a list of problems, one a line: the line under is no sentence
        "x\n\nHypertension\nType 2 diabetes\n",
        # a short ask over its wrapped rest, figures, a closing stop, no blank line before
        "x\n\nReview BP\nin two weeks\n",
        "x\n\nU&E in 1 week\nPlease also check his potassium as the dose went up today.\n",
        "x\n\nStopped amlodipine.\nHis ankles swelled on it and he wants to try something else.\n",
        "x\nPlanning ahead\nYou told us you want to stay at home if you become unwell again.\n",
        # an ask between two sentences, a wrapped sentence's start, a field with its value
        "Please check U&E in one week.\n\nReview his BP\nPlease refer him to the dietitian for his weight.\n",
        "She was seen today.\n\nHe is well and\nWill return to work on Monday after the weekend.\n",
        "x\n\nSmoking: never\nHe drinks about ten units of alcohol a week at the weekends.\n",
    ],
)
def test_short_lines_that_are_not_titles(text: str) -> None:
    assert not titled_block(_lines(text), 2)


def test_plain_text_reads_the_title_as_a_heading_block() -> None:
    text = "Plan\nPlease review in 6 weeks.\n\nWho to contact\nYou can phone our team on the number above.\n"
    letter = read_bytes(text.encode("utf-8"), "letter.txt", min_words=0)
    kinds = {letter.text[b.start : b.end]: b.kind for b in letter.blocks}
    assert kinds["Who to contact"] == "heading"
    assert kinds["You can phone our team on the number above."] == "paragraph"


def test_bold_paragraphs_of_an_rtf() -> None:
    rtf = (
        r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\*\generator Writer}{\info{\title Bold title}}"
        r"\pard{\b Planning ahead}\par "
        r"\pard\b Who to\~contact\b0\par "
        r"\pard\b Plan:\b0  review in 6 weeks\par "  # a bold label then plain text: not all bold
        r"\pard{\b Caf\'e9 \u8211? menu}\par "
        r"\plain Plain line\par}"
    )
    assert bold_paragraphs(rtf) == {"Planning ahead", "Who to contact", "Café – menu"}


def test_an_rtf_bold_line_is_a_heading_and_a_bold_sentence_is_not() -> None:
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\pard{\b What happens next}\par "
        rb"\pard We will see you in clinic in three months.\par "
        rb"\pard{\b Please stop the aspirin now.}\par}"
    )
    letter = read_bytes(rtf, "letter.rtf", min_words=0)
    kinds: dict[str, Any] = {letter.text[b.start : b.end]: b.kind for b in letter.blocks}
    assert kinds["What happens next"] == "heading"
    assert kinds["We will see you in clinic in three months."] == "paragraph"
    assert kinds["Please stop the aspirin now."] == "paragraph"


def test_an_html_bold_paragraph_is_a_heading_and_bold_inside_prose_is_not() -> None:
    html = (
        b"<html><body><p><b>Planning ahead</b></p><p>You told us you want to stay at home.</p>"
        b"<p><strong>Who to contact</strong><br>Phone the ward on the number above.</p>"
        b'<p><span style="font-weight: 700">Next steps</span></p>'
        b"<p>Please <b>stop</b> the aspirin.</p><p><b>Please stop the aspirin now.</b></p></body></html>"
    )
    letter = read_bytes(html, "letter.html", min_words=0)
    kinds = {letter.text[b.start : b.end]: b.kind for b in letter.blocks}
    assert kinds["Planning ahead"] == "heading"
    assert kinds["Who to contact"] == "heading"
    assert kinds["Next steps"] == "heading"
    assert kinds["Phone the ward on the number above."] == "paragraph"
    assert kinds["Please stop the aspirin."] == "paragraph"
    assert kinds["Please stop the aspirin now."] == "paragraph"


def test_docx_and_html_lists_carry_the_marks_their_readers_see(tmp_path: Path) -> None:
    """Word and browsers number a list outside its text; the readers write the marks in, as a PDF has them,
    so a rule that reads "3." or a bullet reads the same letter the same way in every format."""
    path = tmp_path / "letter.txt"
    path.write_text(NUMBERED.format(fmt="docx"), encoding="utf-8")
    for fmt in ("docx", "html"):
        path.write_text(NUMBERED.format(fmt=fmt), encoding="utf-8")
        name, data = bf.render(bf.read_source(path))
        letter = read_bytes(data, name)
        items = [letter.text[b.start : b.end] for b in letter.blocks if b.kind == "list_item"]
        assert [i[:3] for i in items] == ["1. ", "2. ", "3. "], fmt


def test_a_typed_mark_in_a_docx_list_paragraph_is_not_doubled(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Plan")
    document.add_paragraph("1. Check U&E in one week", style="List Number")
    document.add_paragraph("Recheck potassium in two weeks", style="List Number")
    document.add_paragraph("Plain line after the list")
    document.add_paragraph("Review in clinic", style="List Number")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    letter = read_bytes(path.read_bytes(), "typed.docx", min_words=0)
    items = [letter.text[b.start : b.end] for b in letter.blocks if b.kind == "list_item"]
    assert items == ["1. Check U&E in one week", "2. Recheck potassium in two weeks", "1. Review in clinic"]


@pytest.mark.parametrize("fmt", ["pdf", "txt", "docx", "scan"])
def test_titles_written_as_plain_lines_end_the_gp_section(fmt: str, tmp_path: Path) -> None:
    """The same letter with its later titles typed as plain lines (no bold, no heading style), as a letter
    printed from a text export and then scanned has them."""
    if fmt == "scan":
        from letter_audit.ingest.ocr import tesseract_path

        if tesseract_path() is None:
            pytest.skip("tesseract is not installed")
    plain = SOURCE.replace("# Planning ahead", "Planning ahead").replace("# Who to contact", "Who to contact")
    assert _actions(fmt, tmp_path, plain) == EXPECTED
