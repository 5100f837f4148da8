"""Text (UTF-8, BOM, UTF-16, Windows-1252), HTML and RTF readers, and the builder's offsets."""

from __future__ import annotations

from pathlib import Path

from letter_audit.ingest import read_bytes, read_letter
from letter_audit.ingest.builder import LetterBuilder, clean_text

LETTER = "DISCHARGE SUMMARY\nDiagnosis: fall\n- Stop bendroflumethiazide\nSodium\t128\tlow\n"


def _blocks(letter):  # type: ignore[no-untyped-def]
    return [(b.kind, letter.text[b.start : b.end]) for b in letter.blocks]


def test_plain_text_lines_become_typed_blocks() -> None:
    letter = read_bytes(LETTER.encode("utf-8"), "letter.txt", min_words=0)
    assert _blocks(letter) == [
        ("heading", "DISCHARGE SUMMARY"),
        ("paragraph", "Diagnosis: fall"),
        ("list_item", "- Stop bendroflumethiazide"),
        ("table_row", "Sodium | 128 | low"),
    ]
    assert letter.text == "DISCHARGE SUMMARY\nDiagnosis: fall\n- Stop bendroflumethiazide\nSodium | 128 | low"
    assert letter.source.format == "txt"


def test_utf8_with_bom_utf16_and_windows_1252_decode_the_same() -> None:
    text = "Caf\u00e9 au lait \u2013 \u00a325 prescription charge\n"
    expected = "Caf\u00e9 au lait \u2013 \u00a325 prescription charge"
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),
        text.encode("cp1252"),
    ):
        assert read_bytes(data, "x.txt", min_words=0).text == expected, data[:8]


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(b"Plan: home today\r\n")
    letter = read_letter(path, min_words=0)
    assert letter.source.sha256 == hashlib.sha256(b"Plan: home today\r\n").hexdigest()
    assert letter.source.path == str(path)
    assert letter.text == "Plan: home today"


def test_html_headings_paragraphs_lists_and_table_rows() -> None:
    html = b"""<!DOCTYPE html><html><head><title>Ignore me</title><style>p{}</style></head><body>
    <h1>Clinic letter</h1><p>Seen in <b>rheumatology</b> clinic.<br>Doing well.</p>
    <ul><li>Start <i>methotrexate</i> 10 mg weekly</li><li>Folic acid 5 mg weekly</li></ul>
    <table><tr><th>Drug</th><th>Change</th></tr><tr><td>Naproxen</td><td>Stopped</td></tr></table>
    <script>alert(1)</script></body></html>"""
    letter = read_bytes(html, "letter.html")
    assert _blocks(letter) == [
        ("heading", "Clinic letter"),
        ("paragraph", "Seen in rheumatology clinic."),
        ("paragraph", "Doing well."),
        # the bullet a browser draws, written in as the PDF reader finds it drawn
        ("list_item", "\u2022 Start methotrexate 10 mg weekly"),
        ("list_item", "\u2022 Folic acid 5 mg weekly"),
        ("table_row", "Drug | Change"),
        ("table_row", "Naproxen | Stopped"),
    ]
    assert letter.blocks[0].level == 1
    assert letter.source.format == "html"


def test_html_layout_table_cells_are_read_one_after_another() -> None:
    html = (
        b"<html><body><table><tr><td><table><tr><td>Name</td><td>Ann Test</td></tr></table></td>"
        b"<td><p>Phone: 0123</p></td></tr></table></body></html>"
    )
    letter = read_bytes(html, "x.htm", min_words=0)
    assert _blocks(letter) == [("table_row", "Name | Ann Test"), ("paragraph", "Phone: 0123")]


def test_html_paired_section_grid_is_read_column_by_column() -> None:
    # two sections to a row: a row of headings (bold, or plain and known to la_sections) over their contents
    html = b"""<html><body><p>Dear Dr Okafor</p><table border="1">
    <tr><td><b>Why we met</b></td><td><b>What we have asked your GP to do</b></td></tr>
    <tr><td><p>Breathless with COPD.</p></td>
    <td><ul><li>Please add Trimbow</li><li>Review in 6 weeks</li></ul></td></tr>
    <tr><td>Operations and procedures</td><td>Allergies</td></tr>
    <tr><td>Bradford repair 18/6/19</td><td>Latex - Other Immune Reaction</td></tr>
    </table></body></html>"""
    letter = read_bytes(html, "grid.html", min_words=0)
    assert _blocks(letter) == [
        ("paragraph", "Dear Dr Okafor"),
        ("heading", "Why we met"),
        ("paragraph", "Breathless with COPD."),
        ("heading", "What we have asked your GP to do"),
        ("list_item", "\u2022 Please add Trimbow"),
        ("list_item", "\u2022 Review in 6 weeks"),
        ("heading", "Operations and procedures"),
        ("paragraph", "Bradford repair 18/6/19"),
        ("heading", "Allergies"),
        ("paragraph", "Latex - Other Immune Reaction"),
    ]


def test_html_label_value_and_data_tables_are_not_read_as_a_grid() -> None:
    html = b"""<html><body><table>
    <tr><td>Diagnosis:</td><td>Pneumonia</td></tr><tr><td>Admitted:</td><td>01/02/2025</td></tr></table>
    <table><tr><th><b>Drug</b></th><th><b>Dose</b></th></tr><tr><td>Amlodipine</td><td>5 mg daily</td></tr>
    <tr><td>Ramipril</td><td>2.5 mg daily</td></tr></table>
    <table><tr><th><strong>Status</strong></th><th><strong>Class</strong></th></tr>
    <tr><td>finished</td><td>outpatient</td></tr></table></body></html>"""
    letter = read_bytes(html, "tables.html", min_words=0)
    assert _blocks(letter) == [
        ("table_row", "Diagnosis: | Pneumonia"),
        ("table_row", "Admitted: | 01/02/2025"),
        ("table_row", "Drug | Dose"),
        ("table_row", "Amlodipine | 5 mg daily"),
        ("table_row", "Ramipril | 2.5 mg daily"),
        # column headers (<th>) over one row of data, as the ITK letters' FHIR tables have them
        ("table_row", "Status | Class"),
        ("table_row", "finished | outpatient"),
    ]


def test_rtf_paragraphs_and_table_rows() -> None:
    rtf = (
        rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard DISCHARGE SUMMARY\par "
        rb"\trowd\cellx3000\cellx6000 Medications on admission\cell Medications on discharge\cell\row "
        rb"\trowd\cellx3000\cellx6000 Amlodipine 5mg OD\cell Amlodipine 10mg OD\cell\row "
        rb"\pard Caf\'e9 follow-up in 2 weeks\par}"
    )
    letter = read_bytes(rtf, "letter.rtf")
    assert _blocks(letter) == [
        ("heading", "DISCHARGE SUMMARY"),
        ("table_row", "Medications on admission | Medications on discharge"),
        ("table_row", "Amlodipine 5mg OD | Amlodipine 10mg OD"),
        ("paragraph", "Caf\u00e9 follow-up in 2 weeks"),
    ]
    assert letter.source.format == "rtf"


def test_builder_offsets_cells_and_separators() -> None:
    b = LetterBuilder()
    b.add("heading", "Plan")
    b.add_row(["Amlodipine", "", " 10mg "])
    b.add_row(["only one cell"])
    b.add("paragraph", "   ")
    b.add("heading", "Next", page=2)
    letter = b.build(b"x", "x.txt", "txt", pages=2)
    assert letter.text == "Plan\nAmlodipine | 10mg\nonly one cell\n\nNext"
    row = letter.blocks[1]
    assert row.kind == "table_row"
    assert [letter.text[c.start : c.end] for c in row.cells or []] == ["Amlodipine", "10mg"]
    assert [b.kind for b in letter.blocks] == ["heading", "table_row", "paragraph", "heading"]
    assert letter.page_at(letter.text.index("Next")) == 2
    assert letter.block_at(letter.text.index("\n\n")) is None


def test_clean_text_normalises_spaces_ligatures_and_invisible_characters() -> None:
    assert (
        clean_text("  \ufb01nal\u00a0dose\u200b  of\t\tdrug \r\n\r\n second  ")
        == "final dose of drug\nsecond"
    )


def test_a_letter_typed_in_capitals_does_not_make_every_line_a_heading() -> None:
    caps = (
        "DAY CASE DISCHARGE NOTIFICATION\n"
        "PROCEDURE: HYSTEROSCOPY\n"
        "MEDICATIONS ON DISCHARGE:\n"
        "TRANEXAMIC ACID - STOPPED\n"
        "SERTRALINE 50MG OD - NO CHANGE\n"
    )
    letter = read_bytes(caps.encode(), "caps.txt")
    assert [b.kind for b in letter.blocks] == ["paragraph", "paragraph", "heading", "paragraph", "paragraph"]
    mixed = read_bytes(b"DISCHARGE SUMMARY\nThe patient was seen today.\nPOSTCODE AB1 2CD\n", "m.txt")
    assert [b.kind for b in mixed.blocks] == ["heading", "paragraph", "paragraph"]
