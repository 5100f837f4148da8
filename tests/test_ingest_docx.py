"""DOCX reading: document order, tables as rows, heading styles, headers/footers, zip bombs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ingest_makers import docx_bytes, letter_docx, zip_bomb_docx
from letter_audit.errors import CorruptDocx, ZipBomb
from letter_audit.ingest import read_bytes, read_letter


def _kinds_and_texts(letter):  # type: ignore[no-untyped-def]
    return [(b.kind, b.level, letter.text[b.start : b.end]) for b in letter.blocks]


def test_paragraphs_tables_and_headings_in_document_order(tmp_path: Path) -> None:
    letter = read_letter(letter_docx(tmp_path / "letter.docx"))
    assert _kinds_and_texts(letter) == [
        ("heading", 1, "Discharge summary"),
        ("paragraph", None, "Patient admitted with a fall at home."),
        # Word shows the bullet of a "List Bullet" paragraph outside its text; the reader writes it in
        ("list_item", None, "\u2022 Check sodium in one week"),
        ("table_row", None, "Medications on admission | Medications on discharge"),
        ("table_row", None, "Amlodipine 5mg OD | Amlodipine 10mg OD"),
        ("table_row", None, "Ramipril 2.5mg OD | Ramipril 5mg OD"),
        # The merged cell spans two grid columns; python-docx repeats it, the reader does not.
        ("table_row", None, "Allergies | Penicillin (rash)"),
        ("heading", 2, "Follow-up"),
        ("paragraph", None, "Fracture clinic in two weeks."),
    ]
    row = letter.blocks[4]
    assert [letter.text[c.start : c.end] for c in row.cells or []] == [
        "Amlodipine 5mg OD",
        "Amlodipine 10mg OD",
    ]
    assert letter.source.format == "docx" and letter.source.pages == 1 and not letter.source.ocr


def test_header_and_footer_are_furniture(tmp_path: Path) -> None:
    letter = read_letter(letter_docx(tmp_path / "letter.docx", header="Royal Test Infirmary"))
    assert letter.furniture == ["Royal Test Infirmary", "NHS number 999 123 4567"]
    assert "Royal Test Infirmary" not in letter.text


def test_docx_named_pdf_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "really-a-docx.pdf"
    path.write_bytes(docx_bytes())
    letter = read_letter(path)
    assert letter.source.format == "docx"
    assert letter.text.startswith("Discharge summary\nPatient admitted")


def test_layout_row_with_a_long_cell_is_read_as_blocks(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    left = t.cell(0, 0)
    left.text = "Actions for GP"
    for line in ("Check U&E in one week", "Review blood pressure", "Repeat ECG"):
        left.add_paragraph(line)
    t.cell(0, 1).text = "Medication changes\nNone"
    path = tmp_path / "layout.docx"
    d.save(str(path))
    letter = read_letter(path)
    assert letter.text.split("\n") == [
        "Actions for GP",
        "Check U&E in one week",
        "Review blood pressure",
        "Repeat ECG",
        "Medication changes",
        "None",
    ]
    assert all(b.kind != "table_row" for b in letter.blocks)


def test_docx_that_is_not_a_zip_is_la106(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(CorruptDocx) as info:
        read_letter(path)
    assert info.value.one_line() == (
        f"{path}: LA106 DOCX is not a zip archive, so it is damaged or not a Word document"
    )


def test_truncated_docx_is_la106() -> None:
    data = docx_bytes()
    with pytest.raises(CorruptDocx) as info:
        read_bytes(data[: len(data) // 2], "cut.docx")
    assert info.value.code == "LA106"


def test_zip_with_a_broken_document_part_is_la106() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<not really xml")
    with pytest.raises(CorruptDocx) as info:
        read_bytes(buf.getvalue(), "broken.docx")
    assert info.value.code == "LA106"


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=200)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ZipBomb) as info:
        read_letter(path)
    assert info.value.one_line() == (
        f"{path}: LA107 DOCX would inflate to 200 MB (limit 100 MB); possible zip bomb, refused"
    )


def test_high_ratio_part_is_refused_even_under_the_total_limit(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=20)
    with pytest.raises(ZipBomb) as info:
        read_letter(path)
    assert info.value.code == "LA107"
    assert "word/document.xml inflates" in info.value.message


def test_unzipped_limit_is_configurable() -> None:
    with pytest.raises(ZipBomb) as info:
        read_bytes(docx_bytes(), "small.docx", max_unzipped_bytes=1000)
    assert "(limit 0 MB)" in info.value.message


def test_part_that_inflates_beyond_its_declared_size_is_refused(tmp_path: Path) -> None:
    """A crafted zip declares a small size for a part that inflates to 20 MB: refused, never read."""
    import struct

    data = bytearray(zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=20).read_bytes())
    # Rewrite the part's declared uncompressed size (local header offset 22, central directory offset
    # 24) to 1000 bytes, as an attacker would to slip past the declared-size check.
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + offset, 1000)
            at = data.find(signature, at + 4)
    with pytest.raises((ZipBomb, CorruptDocx)) as info:
        read_bytes(bytes(data), "liar.docx")
    assert info.value.code in ("LA106", "LA107")


def test_text_box_is_read_once_where_it_is_anchored(tmp_path: Path) -> None:
    """Word stores a text box twice (DrawingML and a VML fallback); the reader takes it once."""
    import docx
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    box = "<w:txbxContent><w:p><w:r><w:t>Ward 7, St Test Hospital</w:t></w:r></w:p></w:txbxContent>"
    run = (
        f'<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    d = docx.Document()
    d.add_paragraph("Dear Dr Test,")._p.append(etree.fromstring(run))
    d.add_paragraph("Plan: home")
    path = tmp_path / "box.docx"
    d.save(str(path))
    assert read_letter(path, min_words=0).text == "Dear Dr Test,\nWard 7, St Test Hospital\nPlan: home"


def test_part_with_damaged_compressed_data_is_la106() -> None:
    """Regression (found by fuzzing): zlib errors while inflating a part were internal errors (LA900)."""
    import struct

    data = bytearray(docx_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 5, start + 40):
        data[i] ^= 0x5A
    with pytest.raises(CorruptDocx) as info_:
        read_bytes(bytes(data), "damaged.docx")
    assert info_.value.code == "LA106"


def test_tab_stops_become_cells_and_line_breaks_end_lines(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Hospital No:\t\t1234567")
    p = d.add_paragraph("Ward 7")
    p.add_run().add_break()
    p.add_run("St Test Hospital")
    d.add_paragraph("\tIndented note")
    path = tmp_path / "tabs.docx"
    d.save(str(path))
    letter = read_letter(path, min_words=0)
    assert _kinds_and_texts(letter) == [
        ("table_row", None, "Hospital No: | 1234567"),
        ("paragraph", None, "Ward 7"),
        ("paragraph", None, "St Test Hospital"),
        ("paragraph", None, "Indented note"),
    ]


def _grid_docx(path: Path, rows: list[list[str]], *, bold: set[tuple[int, int]] | None = None) -> Path:
    """A one-table DOCX; a cell's lines are paragraphs, "- " lines bulleted; cells (row, column) in
    ``bold`` are in bold."""
    import docx

    d = docx.Document()
    d.add_paragraph("Dear Dr Okafor")
    table = d.add_table(rows=0, cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for n, row in enumerate(rows):
        for c, (cell, text) in enumerate(zip(table.add_row().cells, row, strict=False)):
            for i, line in enumerate(text.split("\n") if text else []):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                if line.startswith("- "):
                    p.style = "List Bullet"
                    line = line[2:]
                p.add_run(line).bold = (n, c) in (bold or set()) or None
    d.add_paragraph("Yours sincerely")
    d.save(str(path))
    return path


def test_a_paired_section_grid_is_read_column_by_column(tmp_path: Path) -> None:
    # The YDH template: two headings la_sections knows (no bold) in one row, their contents in the row under
    # it, with an empty spacer column between; each heading must stand over its own content.
    rows = [
        ["Operations and procedures", "", "Follow-up arranged"],
        ["Modified Bradford repair 18/6/19", "", "3 Weeks - Physio clinic.\n6 Weeks - Consultant"],
        ["", "", ""],
        ["Clinical narrative / complications", "", "Allergies"],
        ["No lower limb pain on discharge.", "", "Latex - Other Immune Reaction"],
    ]
    letter = read_letter(_grid_docx(tmp_path / "grid.docx", rows), min_words=0)
    assert _kinds_and_texts(letter)[1:-1] == [
        ("heading", None, "Operations and procedures"),
        ("paragraph", None, "Modified Bradford repair 18/6/19"),
        ("heading", None, "Follow-up arranged"),
        ("paragraph", None, "3 Weeks - Physio clinic."),
        ("paragraph", None, "6 Weeks - Consultant"),
        ("heading", None, "Clinical narrative / complications"),
        ("paragraph", None, "No lower limb pain on discharge."),
        ("heading", None, "Allergies"),
        ("paragraph", None, "Latex - Other Immune Reaction"),
    ]
    assert "\n\nAllergies\nLatex - Other Immune Reaction\n" in letter.text


def test_a_bold_grid_of_headings_no_phrase_names_is_read_column_by_column(tmp_path: Path) -> None:
    rows = [
        ["Why we met", "What we have asked your GP to do"],
        ["Breathless with COPD.", "- Please add Trimbow to his repeat\n- Review his breathing in 6 wk"],
    ]
    letter = read_letter(_grid_docx(tmp_path / "grid.docx", rows, bold={(0, 0), (0, 1)}), min_words=0)
    assert _kinds_and_texts(letter)[1:-1] == [
        ("heading", None, "Why we met"),
        ("paragraph", None, "Breathless with COPD."),
        ("heading", None, "What we have asked your GP to do"),
        ("list_item", None, "\u2022 Please add Trimbow to his repeat"),
        ("list_item", None, "\u2022 Review his breathing in 6 wk"),
    ]


@pytest.mark.parametrize(
    ("rows", "bold"),
    [
        # labels and their values, one a heading la_sections knows ("Diagnosis")
        ([["Consultant:", "Mr X", "Ward:", "Y"], ["Hospital No:", "1234567", "Specialty:", "Cardio"]], set()),
        ([["Diagnosis:", "Pneumonia"], ["Admitted:", "01/02/2025"]], set()),
        # a data table under its header, plain or bold
        ([["Drug", "Dose"], ["Amlodipine", "5 mg once daily"]], set()),
        ([["Drug", "Dose"], ["Amlodipine", "5 mg daily"], ["Ramipril", "2.5 mg daily"]], {(0, 0), (0, 1)}),
        ([["Medications on admission", "Medications on discharge"], ["Amlodipine 5mg", "Amlodipine 10mg"],
          ["Ramipril 2.5mg", "Ramipril 5mg"]], set()),
        # a "Heading | content" table whose first content reads like a heading: plain, and with bold headings
        ([["Plan", "Review in clinic"], ["Follow up", "6 weeks"]], set()),
        ([["Plan", "Review in clinic"], ["Follow up", "6 weeks"]], {(0, 0), (0, 1), (1, 0)}),
        # the same with bold headings and plain contents (the docx-tables layout)
        ([["Plan", "Review in clinic"], ["Midwife", "Jane Doe, 07700 900123"]], {(0, 0), (1, 0)}),
        # a data table's bold column headers over its one row: more than a grid puts side by side
        ([["Use:", "Family:", "Given:", "Prefix:"], ["usual", "Gently", "Ophelia", "Miss"]],
         {(0, 0), (0, 1), (0, 2), (0, 3)}),
        # the last rows of a data table, one a known heading ("Patient")
        ([["Task", "Who"], ["Low-fat diet advice", "Patient"], ["HbA1c in 3 months", "GP practice"]], set()),
    ],
)  # fmt: skip
def test_a_table_that_is_not_a_grid_reads_row_by_row(
    tmp_path: Path, rows: list[list[str]], bold: set[tuple[int, int]]
) -> None:
    letter = read_letter(_grid_docx(tmp_path / "table.docx", rows, bold=bold), min_words=0)
    got = [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks][1:-1]
    assert got == [("table_row", " | ".join(r)) for r in rows]
