"""PDF reading: text layer via PDFium (reading order, table rows, headers/footers, pages) and OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_makers import (
    ADMISSION_DISCHARGE_ROWS,
    WRAPPED,
    blank_pdf,
    encrypted_pdf,
    scanned_pdf,
    table_letter_pdf,
    two_page_pdf,
)
from letter_audit.errors import CorruptPdf, EncryptedPdf, NoText, OcrUnavailable
from letter_audit.ingest import read_bytes, read_letter
from letter_audit.letter import Letter


def _block_texts(letter: Letter, kind: str | None = None) -> list[str]:
    return [letter.text[b.start : b.end] for b in letter.blocks if kind is None or b.kind == kind]


def test_two_column_table_comes_out_as_rows_with_both_cells(tmp_path: Path) -> None:
    letter = read_letter(table_letter_pdf(tmp_path / "table.pdf"))
    rows = [b for b in letter.blocks if b.kind == "table_row"]
    assert [[letter.text[c.start : c.end] for c in r.cells or []] for r in rows] == [
        list(r) for r in ADMISSION_DISCHARGE_ROWS
    ]
    assert "Amlodipine 5mg OD | Amlodipine 10mg OD\n" in letter.text
    assert letter.source.format == "pdf"
    assert letter.source.pages == 1
    assert letter.source.ocr is False


def test_reading_order_headings_and_wrapped_paragraph(tmp_path: Path) -> None:
    letter = read_letter(table_letter_pdf(tmp_path / "table.pdf"))
    assert _block_texts(letter, "heading") == ["Discharge Summary", "Medication changes"]
    # The paragraph wraps over two lines in the PDF; it comes back as one block with one space.
    assert WRAPPED in _block_texts(letter, "paragraph")
    order = [
        letter.text.index(s) for s in ("Discharge Summary", WRAPPED[:20], "Medications on", "GP to check")
    ]
    assert order == sorted(order)


def test_offsets_map_back_to_blocks_pages_and_boxes(tmp_path: Path) -> None:
    letter = read_letter(two_page_pdf(tmp_path / "two.pdf"))
    for block in letter.blocks:
        text = letter.text[block.start : block.end]
        assert text == text.strip() and text
        assert letter.block_at(block.start) == block
        assert letter.block_at(block.end - 1) == block
        assert letter.page_at(block.start) == block.page
        assert block.bbox is not None
        x0, top, x1, bottom = block.bbox
        assert 0 <= x0 < x1 <= 595.3 and 0 <= top < bottom <= 841.9
    offset = letter.text.index("chest X-ray")
    assert letter.page_at(offset) == 2
    assert letter.block_at(offset) is not None


def test_repeated_header_and_footer_are_furniture_not_text(tmp_path: Path) -> None:
    letter = read_letter(two_page_pdf(tmp_path / "two.pdf"))
    assert letter.text == (
        "Diagnosis: community acquired pneumonia\n"
        "Plan: complete antibiotics\n\n"
        "Follow-up: chest X-ray in six weeks\n"
        "Contact: ward 7 on 0123 456 789"
    )
    # The page number changes from page to page; it is still one footer.
    assert letter.furniture == ["St Elsewhere NHS Trust - Confidential", "Page 1 of 2"]
    assert [b.page for b in letter.blocks] == [1, 1, 2, 2]
    assert letter.source.pages == 2


def test_password_protected_pdf_is_la101(tmp_path: Path) -> None:
    path = encrypted_pdf(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedPdf) as info:
        read_letter(path)
    assert info.value.one_line() == (
        f"{path}: LA101 PDF is password-protected; save an unprotected copy and try again"
    )


def test_truncated_pdf_is_la102(tmp_path: Path) -> None:
    data = table_letter_pdf(tmp_path / "whole.pdf").read_bytes()
    with pytest.raises(CorruptPdf) as info:
        read_bytes(data[: len(data) // 2], "cut.pdf")
    assert info.value.code == "LA102"
    assert "truncated" in info.value.message


def test_pdf_header_with_garbage_body_is_la102() -> None:
    with pytest.raises(CorruptPdf) as info:
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n", "junk.pdf")
    assert info.value.one_line() == "junk.pdf: LA102 PDF is damaged or truncated and cannot be opened"


def test_pdf_without_text_or_image_is_la111(tmp_path: Path) -> None:
    with pytest.raises(NoText) as info:
        read_letter(blank_pdf(tmp_path / "blank.pdf"))
    assert info.value.code == "LA111"


def test_scanned_pdf_without_tesseract_is_la109(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from letter_audit.ingest import ocr

    monkeypatch.setattr(ocr, "TESSERACT", str(tmp_path / "no-tesseract"))
    path = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(OcrUnavailable) as info:
        read_letter(path)
    assert info.value.code == "LA109"
    assert "apt-get install tesseract-ocr" in info.value.one_line()


def test_scanned_pdf_with_ocr_off_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoText) as info:
        read_letter(scanned_pdf(tmp_path / "scan.pdf"), ocr=False)
    assert info.value.message == "page 1 is a scanned image and OCR was turned off"


@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    letter = read_letter(scanned_pdf(tmp_path / "scan.pdf"))
    assert letter.source.ocr is True
    assert letter.source.pages == 1
    assert _block_texts(letter) == [
        "DISCHARGE SUMMARY",
        "Diagnosis: Community acquired pneumonia",
        "Amoxicillin 500mg three times a day for 5 days",
        "Please arrange a chest X-ray in six weeks",
    ]
    assert letter.blocks[0].kind == "heading"
    # Boxes are in PDF points on an A4 page, top-down.
    x0, top, x1, bottom = letter.blocks[1].bbox or (0, 0, 0, 0)
    assert 50 < x0 < 70 and 100 < top < 130 and bottom - top < 25


@pytest.mark.slow
def test_scanned_table_keeps_rows(tmp_path: Path) -> None:
    lines = [
        "Amlodipine 5mg OD              Amlodipine 10mg OD",
        "Ramipril 2.5mg OD              Ramipril 5mg OD",
    ]
    letter = read_letter(scanned_pdf(tmp_path / "scan.pdf", lines))
    assert letter.text == "Amlodipine 5mg OD | Amlodipine 10mg OD\nRamipril 2.5mg OD | Ramipril 5mg OD"
    assert [b.kind for b in letter.blocks] == ["table_row", "table_row"]


def test_body_line_repeating_below_the_header_band_is_kept(tmp_path: Path) -> None:
    """Regression: "Section 1", "Section 2"... near the top of each page were taken for a header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "sections.pdf"
    c = Canvas(str(path), pagesize=A4)
    for n in (1, 2, 3):
        c.setFont("Helvetica", 8)
        c.drawString(50, A4[1] - 30, "Test Trust")
        c.setFont("Helvetica", 11)
        c.drawString(72, A4[1] - 100, f"Section {n}")
        c.drawString(72, A4[1] - 120, f"Body text of page {n}.")
        c.showPage()
    c.save()
    letter = read_letter(path)
    assert letter.furniture == ["Test Trust"]
    assert letter.text.split("\n\n") == [f"Section {n}\nBody text of page {n}." for n in (1, 2, 3)]


def test_two_line_label_beside_a_centred_value_is_one_row(tmp_path: Path) -> None:
    """The PRSB layout: a label wrapped over two lines, its value centred beside it, half a line down."""
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    path = tmp_path / "staggered.pdf"
    table = Table(
        [
            ["Discharge location", "Ward Z"],
            ["Discharging specialty /\ndepartment", "Acute Medicine"],
            ["Discharge method", "Discharged on clinical advice or with clinical\nconsent"],
        ],
        colWidths=[150, 250],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    SimpleDocTemplate(str(path)).build([table])
    letter = read_letter(path)
    assert letter.text == (
        "Discharge location | Ward Z\n"
        "Discharging specialty / department | Acute Medicine\n"
        "Discharge method | Discharged on clinical advice or with clinical consent"
    )


def test_word_broken_at_a_line_end_is_joined_with_its_hyphen(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "hyphen.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 11)
    c.drawString(
        72, 700, "Please arrange a repeat chest X-ray in six weeks; the consultant will review the follow-"
    )
    c.drawString(72, 686, "up result in clinic and write to the practice.")
    c.save()
    assert read_letter(path).text == (
        "Please arrange a repeat chest X-ray in six weeks; the consultant will review the follow-up "
        "result in clinic and write to the practice."
    )


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_wrapped_cells_stay_in_their_row_and_a_dash_cell_stays_a_cell(tmp_path: Path, valign: str) -> None:
    """Regression (fixture dev_001): a comment wrapped onto a second line became a paragraph of its
    own, and a "-" meaning "none" was glued to the next cell as if it were a bullet.

    Cells of two lines are kept whatever the vertical alignment; three lines are kept when aligned
    to the top or the middle (bottom alignment leaves the first line as a paragraph above the row:
    it cannot be told from a list continuing the row above).
    """
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["BodyText"]
    three_lines = "Stopped to make room for the new heart failure treatment"
    rows = [
        ["Medicine", "On admission", "On discharge", "Comment"],
        ["Bisoprolol", "-", "1.25 mg once daily", Paragraph("Started, to be titrated in HF clinic", style)],
        [
            "Amlodipine",
            "5 mg once daily",
            "-",
            Paragraph(three_lines if valign != "BOTTOM" else "Stopped", style),
        ],
    ]
    path = tmp_path / "wrapped.pdf"
    table = Table(rows, colWidths=[90, 110, 110, 110])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign)]))
    SimpleDocTemplate(str(path)).build([table])
    letter = read_letter(path)
    assert letter.text == (
        "Medicine | On admission | On discharge | Comment\n"
        "Bisoprolol | - | 1.25 mg once daily | Started, to be titrated in HF clinic\n"
        f"Amlodipine | 5 mg once daily | - | {three_lines if valign != 'BOTTOM' else 'Stopped'}"
    )
    assert [b.kind for b in letter.blocks] == ["table_row"] * 3


def test_lines_of_tab_stopped_fields_are_separate_rows(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "fields.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 11)
    for i, (label, value) in enumerate([("Name:", "Ann Test"), ("Born:", "01/02/1950"), ("Ward:", "7B")]):
        c.drawString(72, 700 - 13 * i, label)
        c.drawString(200, 700 - 13 * i, value)
    c.drawString(72, 700 - 39, "Plan: home today")
    c.save()
    text = read_letter(path, min_words=0).text
    assert text == "Name: | Ann Test\nBorn: | 01/02/1950\nWard: | 7B\nPlan: home today"


def test_filled_form_fields_are_read_in_place(tmp_path: Path) -> None:
    """Fillable templates keep typed values in form fields, outside the page's own text."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "form.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 11)
    c.drawString(72, 720, "Discharge medication:")
    c.acroForm.textfield(name="meds", value="Amlodipine 10mg OD", x=220, y=712, width=250, height=20)
    c.drawString(72, 690, "Follow-up:")
    c.acroForm.textfield(name="fu", value="Clinic in 6 weeks", x=220, y=682, width=250, height=20)
    c.save()
    assert (
        read_letter(path).text == "Discharge medication: | Amlodipine 10mg OD\nFollow-up: | Clinic in 6 weeks"
    )


def test_reads_from_several_threads_agree(tmp_path: Path) -> None:
    """PDFium is not thread-safe; the reader serialises it so the web app's threads can share it."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [table_letter_pdf(tmp_path / "a.pdf"), two_page_pdf(tmp_path / "b.pdf")] * 4
    expected = [read_letter(p).text for p in paths]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda p: read_letter(p).text, paths)) == expected


def _ruled_pdf(
    path: Path, rows: list[list[str]], bold_rows: tuple[int, ...], space_before: float = 0
) -> Path:
    """A letter whose body is one ruled table; the rows in ``bold_rows`` are set in bold. A cell whose
    lines start "- " is a bulleted list, its bullets hung out to the left as a word processor sets them;
    other lines of a cell are paragraphs of their own. ``space_before`` pushes the table down the page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    plain = ParagraphStyle("plain", fontName="Helvetica", fontSize=10, leading=13)
    bold = ParagraphStyle("bold", parent=plain, fontName="Helvetica-Bold")
    item = ParagraphStyle("item", parent=plain, leftIndent=18, bulletIndent=4)

    def cell(text: str, style: ParagraphStyle) -> list[Paragraph]:
        return [
            Paragraph(line[2:], item, bulletText="\u2022")
            if line.startswith("- ")
            else Paragraph(line, style)
            for line in text.split("\n")
        ]

    data = [[cell(c, bold if n in bold_rows else plain) for c in row] for n, row in enumerate(rows)]
    table = Table(data, colWidths=[240] * len(rows[0]))
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    opening = Paragraph("Dear Dr Okafor, please find below the summary of her stay with us.", plain)
    SimpleDocTemplate(str(path), pagesize=A4).build([opening, Spacer(1, space_before), table])
    return path


def test_a_ruled_paired_section_grid_is_read_column_by_column(tmp_path: Path) -> None:
    rows = [
        ["Operations and procedures", "Allergies"],
        ["Bradford repair on 18/6/19, uncomplicated.", "Latex - Other Immune Reaction"],
        ["Why we met", "What we have asked your GP to do"],
        ["Breathless with COPD.", "Please add Trimbow to his repeat prescription."],
    ]
    letter = read_letter(_ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(2,)), min_words=0)
    assert [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks][1:] == [
        ("heading", "Operations and procedures"),
        ("paragraph", "Bradford repair on 18/6/19, uncomplicated."),
        ("heading", "Allergies"),
        ("paragraph", "Latex - Other Immune Reaction"),
        ("heading", "Why we met"),
        ("paragraph", "Breathless with COPD."),
        ("heading", "What we have asked your GP to do"),
        ("paragraph", "Please add Trimbow to his repeat prescription."),
    ]


def test_a_ruled_data_table_under_a_bold_header_stays_rows(tmp_path: Path) -> None:
    rows = [["Drug", "Dose"], ["Amlodipine", "5 mg once daily"], ["Ramipril", "2.5 mg once daily"]]
    letter = read_letter(_ruled_pdf(tmp_path / "table.pdf", rows, bold_rows=(0,)), min_words=0)
    assert _block_texts(letter, "table_row") == [
        "Drug | Dose",
        "Amlodipine | 5 mg once daily",
        "Ramipril | 2.5 mg once daily",
    ]


def test_a_bulleted_list_in_a_grid_cell_keeps_its_bullets_and_the_grid_pairs(tmp_path: Path) -> None:
    """A list in a ruled cell hangs its bullets left of its text; the bullets lead their items, not a
    column of their own (which had made the row one cell wider than its headings and lost the pair)."""
    rows = [
        ["Discharge medicines", "Allergies"],
        ["- Apixaban 5 mg twice daily - new\n- Aspirin 75 mg - stopped", "No known drug allergies"],
    ]
    letter = read_letter(_ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(0,)), min_words=0)
    assert [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks][1:] == [
        ("heading", "Discharge medicines"),
        ("list_item", "\u2022 Apixaban 5 mg twice daily - new"),
        ("list_item", "\u2022 Aspirin 75 mg - stopped"),
        ("heading", "Allergies"),
        ("paragraph", "No known drug allergies"),
    ]


def test_a_grid_row_of_headings_last_on_a_page_pairs_with_its_contents_on_the_next(tmp_path: Path) -> None:
    rows = [
        ["For the GP practice", "Follow-up"],
        ["Please check her sodium in one week.", "We will see her in clinic in 6 weeks."],
    ]
    # Pushed down so that the row of headings ends page 1 and its contents open page 2.
    path = _ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(0,), space_before=650)
    letter = read_letter(path, min_words=0)
    blocks = [(b.kind, letter.text[b.start : b.end], b.page) for b in letter.blocks][1:]
    assert blocks == [
        ("heading", "For the GP practice", 1),
        ("paragraph", "Please check her sodium in one week.", 2),
        ("heading", "Follow-up", 1),
        ("paragraph", "We will see her in clinic in 6 weeks.", 2),
    ]


def test_a_cell_of_fields_beside_wrapped_prose_is_one_grid_row(tmp_path: Path) -> None:
    """ "Name: ..." / "DOB: ..." lines beside a wrapped paragraph in one ruled cell row are that row, not
    rows of fields side by side (as "Date: ... | Date: ..." over "Time: ... | Time: ..." are)."""
    rows = [
        ["Patient details", "Hospital course"],
        [
            "Name: Ada Example\nDOB: 01/02/1950\nWard: 7",
            "Admitted with a chest infection and treated with amoxicillin; she settled quickly and went home"
            " on the third day with her own supply of inhalers.",
        ],
    ]
    letter = read_letter(_ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(0,)), min_words=0)
    texts = [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks][1:]
    assert texts[:4] == [
        ("heading", "Patient details"),
        ("paragraph", "Name: Ada Example"),
        ("paragraph", "DOB: 01/02/1950"),
        ("paragraph", "Ward: 7"),
    ]
    assert texts[4][0] == "heading" and texts[4][1] == "Hospital course"
    assert texts[5][1].startswith("Admitted with a chest infection") and texts[5][1].endswith("inhalers.")


def test_a_grid_row_taller_than_a_framed_box_is_still_one_row_with_its_lettered_items(tmp_path: Path) -> None:
    """A row of two long sections (a numbered problem list beside the GP's lettered actions) runs past the
    height at which a ruled band is taken for a framed box; the rule down its middle makes it a table row.
    "b)" opens a new item although it is lower-case."""
    problems = "\n".join(f"{n}. Problem number {n} settled on the ward." for n in range(1, 17))
    actions = "a) Please check her sodium in one week.\nb) Please refer to the falls clinic."
    rows = [["Problem list", "GP actions"], [problems, actions]]
    letter = read_letter(_ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(0,)), min_words=0)
    texts = [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks][1:]
    assert texts[0] == ("heading", "Problem list")
    assert texts[1:17] == [
        ("list_item", f"{n}. Problem number {n} settled on the ward.") for n in range(1, 17)
    ]
    assert texts[17:] == [
        ("heading", "GP actions"),
        ("list_item", "a) Please check her sodium in one week."),
        ("list_item", "b) Please refer to the falls clinic."),
    ]


def test_a_numbered_item_after_a_full_line_of_a_cell_opens_a_new_line(tmp_path: Path) -> None:
    """ "2." would not have fitted after a first item that runs to the cell's edge, yet it starts an item of
    its own, not the rest of a wrapped line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    first = "1. Start oral iron for the iron deficiency anaemia too"
    assert 222 < stringWidth(first, "Helvetica", 10) < 228  # the cell holds 228 points of text
    rows = [
        ["Diagnosis", "Actions for GP"],
        ["Iron deficiency anaemia", f"{first}\n2. Refer to the falls clinic."],
    ]
    letter = read_letter(_ruled_pdf(tmp_path / "grid.pdf", rows, bold_rows=(0,)), min_words=0)
    texts = [letter.text[b.start : b.end] for b in letter.blocks]
    assert texts[-2:] == [first, "2. Refer to the falls clinic."]
