"""PDF tables whose cells wrap onto several lines come back as one row per table row.

Regression for the fault three dev-corpus authors hit (dev_098, dev_378, dev_648): a cell wrapping
inside its row was read as separate lines or rows, cutting a request or a medicine line in two.
Tables are drawn with reportlab, ruled and unruled, top-, middle- and bottom-aligned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.ingest import read_letter
from letter_audit.letter import Letter

ACTIONS = [
    ["Action", "Who", "When"],
    ["Please repeat U&E in 1 week and adjust ramipril if potassium above 5.5", "GP", "1 week"],
    ["Chase the MRI result", "GP practice team once it is reported by radiology", "When reported"],
    ["Cardiology review", "Hospital", "Within three months of discharge, sooner if breathless"],
    [
        "Bloods: full blood count, renal function and liver function tests before the next dose",
        "GP",
        "Every two weeks for three months then monthly",
    ],
    ["Add to heart failure register", "GP", "Now"],
]
"""Wrapped cell in the first, middle and last column; two wrapped cells in one row; a plain row last."""

MEDICINES = [
    ["Medicine", "Status", "Dose", "Comment"],
    ["Bisoprolol fumarate tablets 2.5 mg", "Increased", "3.75 mg once daily in the morning", "Titrate"],
    ["Furosemide", "Stopped", "-", "Switched to bumetanide for better absorption in gut oedema"],
    ["Ramipril", "Continued", "2.5 mg twice daily", "No change"],
]
"""The first column's second line starts with a figure ("2.5 mg"), not a lower-case word."""


def _table_pdf(
    path: Path,
    rows: list[list[str]],
    widths: list[float],
    *,
    grid: bool,
    valign: str = "TOP",
    space_before: float = 0,
    padding: float | None = None,
) -> Path:
    """A letter: a title, a bold heading right above the table, the table, a closing paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold", fontSize=11)

    def esc(text: str) -> str:
        return text.replace("&", "&amp;")

    table = Table([[Paragraph(esc(c), body) for c in r] for r in rows], colWidths=widths, hAlign="LEFT")
    style: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), valign)]
    if grid:
        style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    if padding is not None:
        style += [("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]
    table.setStyle(TableStyle(style))
    story = [
        Paragraph("Discharge summary", ParagraphStyle("title", parent=bold, fontSize=14)),
        Spacer(1, space_before),
        Paragraph("Plan", bold),
        table,
        Spacer(1, 8),
        Paragraph("Contact the ward on 01632 960 000 with any questions.", body),
    ]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=56, rightMargin=56, topMargin=56).build(story)
    return path


def _rows(letter: Letter) -> list[list[str]]:
    return [
        [letter.text[c.start : c.end] for c in b.cells or []] for b in letter.blocks if b.kind == "table_row"
    ]


def _check_offsets(letter: Letter) -> None:
    """The evidence contract: blocks and cells point into ``Letter.text``, cells inside their row."""
    for block in letter.blocks:
        assert letter.block_at(block.start) == block and letter.block_at(block.end - 1) == block
        for cell in block.cells or []:
            assert block.start <= cell.start < cell.end <= block.end
            text = letter.text[cell.start : cell.end]
            assert text == text.strip() and " | " not in text


@pytest.mark.parametrize("grid", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_wrapped_cells_in_any_column_make_one_row(tmp_path: Path, grid: bool, valign: str) -> None:
    path = _table_pdf(tmp_path / "actions.pdf", ACTIONS, [200, 150, 130], grid=grid, valign=valign)
    letter = read_letter(path)
    assert _rows(letter) == ACTIONS
    assert [letter.text[b.start : b.end] for b in letter.blocks if b.kind != "table_row"] == [
        "Discharge summary",
        "Plan",
        "Contact the ward on 01632 960 000 with any questions.",
    ]
    _check_offsets(letter)


@pytest.mark.parametrize("grid", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_four_column_medicine_table_with_a_drug_name_over_two_lines(
    tmp_path: Path, grid: bool, valign: str
) -> None:
    path = _table_pdf(tmp_path / "meds.pdf", MEDICINES, [140, 70, 120, 150], grid=grid, valign=valign)
    letter = read_letter(path)
    assert _rows(letter) == MEDICINES
    assert (
        "Bisoprolol fumarate tablets 2.5 mg | Increased | 3.75 mg once daily in the morning | Titrate\n"
        in (letter.text)
    )
    _check_offsets(letter)


def test_row_box_spans_all_its_lines(tmp_path: Path) -> None:
    path = _table_pdf(tmp_path / "actions.pdf", ACTIONS, [200, 150, 130], grid=True, valign="MIDDLE")
    letter = read_letter(path)
    rows = [b for b in letter.blocks if b.kind == "table_row"]
    heights = [b.bbox[3] - b.bbox[1] for b in rows if b.bbox]
    # One line of 10 pt text is about 11.5 pt tall; the wrapped rows hold two or three lines.
    assert [round(h / 11.5) for h in heights] == [1, 2, 2, 3, 2, 1]
    tops = [b.bbox[1] for b in rows if b.bbox]
    assert tops == sorted(tops)


@pytest.mark.parametrize("grid", [True, False], ids=["ruled", "unruled"])
def test_table_across_a_page_break_keeps_each_row_whole(tmp_path: Path, grid: bool) -> None:
    # Pushed down the page so that the table breaks after its third row.
    path = _table_pdf(tmp_path / "break.pdf", ACTIONS, [200, 150, 130], grid=grid, space_before=560)
    letter = read_letter(path)
    assert _rows(letter) == ACTIONS
    pages = [b.page for b in letter.blocks if b.kind == "table_row"]
    assert pages == [1, 1, 1, 2, 2, 2]
    _check_offsets(letter)


# One wrapped dose cell among short rows: set with no padding, the rows must still come apart.
_TIGHT_ROWS = [
    ["Drug", "Dose"],
    ["Amlodipine", "5 mg once daily"],
    ["Ramipril", "2.5 mg once daily, increase to 5 mg after the renal function check"],
    ["Atorvastatin", "80 mg at night"],
    ["Aspirin", "75 mg once daily"],
]


def test_ruled_rows_without_padding_stay_apart(tmp_path: Path) -> None:
    """A grid set as Word sets it (no space above or below the text): the rules alone part the rows."""
    rows = _TIGHT_ROWS
    path = _table_pdf(tmp_path / "tight.pdf", rows, [150, 200], grid=True, padding=0)
    assert _rows(read_letter(path)) == rows


def test_unruled_rows_without_padding_stay_apart(tmp_path: Path) -> None:
    """Without rules or padding, rows at ordinary line spacing are only told apart by their first
    column: a line starting afresh there opens a row (a lower-case one continues the row above)."""
    rows = _TIGHT_ROWS
    path = _table_pdf(tmp_path / "tight.pdf", rows, [150, 200], grid=False, padding=0)
    assert _rows(read_letter(path)) == rows


def test_cell_with_two_paragraphs_keeps_a_newline_like_docx(tmp_path: Path) -> None:
    """Short lines that each start afresh (a list in one cell) are paragraphs, not wrapped text: the
    DOCX reader gives a cell's paragraphs one per line, and so does the PDF reader."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    data = [
        ["New medicines", Paragraph("Apixaban 5 mg twice daily<br/>Bisoprolol 2.5 mg once daily", body)],
        ["Stopped", Paragraph("Aspirin 75 mg", body)],
        ["Changed", Paragraph("Ramipril 2.5 mg to 5 mg once daily", body)],
    ]
    table = Table(data, colWidths=[120, 300], hAlign="LEFT")
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    path = tmp_path / "paras.pdf"
    SimpleDocTemplate(str(path)).build([table])
    letter = read_letter(path, min_words=0)
    assert _rows(letter) == [
        ["New medicines", "Apixaban 5 mg twice daily\nBisoprolol 2.5 mg once daily"],
        ["Stopped", "Aspirin 75 mg"],
        ["Changed", "Ramipril 2.5 mg to 5 mg once daily"],
    ]
    _check_offsets(letter)


def test_fields_in_two_boxes_side_by_side_stay_rows(tmp_path: Path) -> None:
    """Two framed boxes of "Label: value" lines next to each other are not one ruled table row."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "boxes.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 10)
    for x in (72, 310):
        c.rect(x, 600, 220, 60)
    fields = [
        ("Date: 15/09/2026", "Date: 10/10/2026"),
        ("Time: 10:00", "Time: 14:30"),
        ("Place: ECG", "Place: OPD"),
    ]
    for i, (left, right) in enumerate(fields):
        c.drawString(80, 645 - 14 * i, left)
        c.drawString(318, 645 - 14 * i, right)
    c.save()
    assert _rows(read_letter(path, min_words=0)) == [list(f) for f in fields]


def _drawn_table_pdf(path: Path, *, cell_borders: bool) -> Path:
    """A table drawn as a word processor draws one: no padding above or below the text, so lines of a
    wrapped cell and the next row's line are equally far apart; only the ruling tells them apart.

    ``cell_borders``: every cell's four borders as thin filled rectangles (a Word export); otherwise
    one full-width line between rows and no vertical rules.
    """
    from reportlab.pdfgen.canvas import Canvas

    rows = [
        [["Drug"], ["Dose"], ["Note"]],
        [["Bisoprolol fumarate tablets", "2.5 mg"], ["3.75 mg once daily"], ["Increased"]],
        [["Ramipril"], ["5 mg once daily"], ["Unchanged"]],
        [["Furosemide"], ["40 mg each morning"], ["Stopped", "Dry weight reached"]],
    ]
    xs = [72.0, 200.0, 330.0, 460.0]
    c = Canvas(str(path))
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Medicines on discharge from the ward")
    top = 740.0
    for row in rows:
        height = 12 * max(len(cell) for cell in row)
        for col, cell in enumerate(row):
            for k, text in enumerate(cell):
                c.drawString(xs[col] + 4, top - 9 - 12 * k, text)
            if cell_borders:
                left, right = xs[col], xs[col + 1]
                c.rect(left, top - 0.25, right - left, 0.5, stroke=0, fill=1)
                c.rect(left, top - height - 0.25, right - left, 0.5, stroke=0, fill=1)
                c.rect(left - 0.25, top - height, 0.5, height, stroke=0, fill=1)
                c.rect(right - 0.25, top - height, 0.5, height, stroke=0, fill=1)
        if not cell_borders:
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], top - height, xs[-1], top - height)
        top -= height
    c.drawString(72, top - 20, "Please continue these and review in four weeks.")
    c.save()
    return path


@pytest.mark.parametrize("cell_borders", [True, False], ids=["cell-borders", "row-lines"])
def test_tight_ruled_table_is_read_by_its_rules(tmp_path: Path, cell_borders: bool) -> None:
    letter = read_letter(_drawn_table_pdf(tmp_path / "drawn.pdf", cell_borders=cell_borders))
    assert _rows(letter) == [
        ["Drug", "Dose", "Note"],
        ["Bisoprolol fumarate tablets 2.5 mg", "3.75 mg once daily", "Increased"],
        ["Ramipril", "5 mg once daily", "Unchanged"],
        ["Furosemide", "40 mg each morning", "Stopped\nDry weight reached"],
    ]
    assert letter.text.startswith("Medicines on discharge from the ward\nDrug | Dose | Note\n")
    assert letter.text.endswith("\nPlease continue these and review in four weeks.")
    _check_offsets(letter)


def test_table_ruled_under_each_row_keeps_its_caption_apart(tmp_path: Path) -> None:
    """Rules only under each row (a browser's border-bottom), cells aligned to the bottom: the first
    line of a wrapped drug name sits above the rest of its row, and the caption above the table lies
    between the same two rules (the rule closing the table before) at paragraph spacing."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "rowlines.pdf"
    c = Canvas(str(path))
    c.setFont("Helvetica", 10)
    xs = [72.0, 230.0, 360.0]
    c.drawString(72, 770, "Allergies: none known")
    c.line(72, 764, 500, 764)
    c.drawString(72, 748, "Medicines on discharge")
    c.drawString(72, 730, "Bisoprolol fumarate tablets")
    for x, text in zip(xs, ["2.5 mg", "3.75 mg once daily", "Increased"], strict=True):
        c.drawString(x, 718, text)
    c.line(72, 713, 500, 713)
    for x, text in zip(xs, ["Ramipril", "5 mg once daily", "Unchanged"], strict=True):
        c.drawString(x, 700, text)
    c.line(72, 695, 500, 695)
    for x, text in zip(xs, ["Aspirin", "75 mg once daily", "Unchanged"], strict=True):
        c.drawString(x, 682, text)
    c.line(72, 677, 500, 677)
    c.save()
    letter = read_letter(path)
    assert letter.text == (
        "Allergies: none known\n"
        "Medicines on discharge\n"
        "Bisoprolol fumarate tablets 2.5 mg | 3.75 mg once daily | Increased\n"
        "Ramipril | 5 mg once daily | Unchanged\n"
        "Aspirin | 75 mg once daily | Unchanged"
    )
    _check_offsets(letter)
