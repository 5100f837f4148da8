"""scripts/build_fixtures.py: every format renders, deterministically, with the structure it promises."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from script_module import load_script

ROOT = Path(__file__).resolve().parent.parent


bf = load_script("build_fixtures")

BODY = """Riverside Hospital
Tel 0161 496 0123

Dear Dr Okafor,

# MEDICATION
Drug | Before | After
Ramipril | 2.5 mg | 5 mg

# Actions for GP
1. Please check U&E in 1 week.
- Nothing else.

Yours sincerely
"""


def _write(tmp_path: Path, fmt: str, name: str = "letter", extra: str = "") -> Path:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / f"{name}.txt").write_text(f"---\nformat: {fmt}\n{extra}---\n{BODY}", encoding="utf-8")
    return src


def test_parse_body_finds_every_kind_of_block() -> None:
    items = bf.parse_body(BODY)
    assert [i.kind for i in items] == [
        "paragraph",
        "paragraph",
        "heading",
        "table",
        "heading",
        "list_item",
        "list_item",
        "paragraph",
    ]
    assert items[0].lines == ["Riverside Hospital", "Tel 0161 496 0123"]
    assert items[3].rows == [["Drug", "Before", "After"], ["Ramipril", "2.5 mg", "5 mg"]]
    assert (items[5].marker, items[5].lines) == ("1", ["Please check U&E in 1 week."])
    assert items[6].marker == "-"


def test_txt_drops_heading_marks_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    [path] = bf.build(_write(tmp_path, "txt"), out)
    text = path.read_text(encoding="utf-8")
    assert path.name == "letter.txt"
    assert "\nMEDICATION\nDrug | Before | After\n" in text
    assert "# " not in text
    assert "1. Please check U&E in 1 week." in text


@pytest.mark.parametrize(
    ("fmt", "ext"),
    [
        ("txt", "txt"),
        ("docx", "docx"),
        ("docx-tables", "docx"),
        ("docx-grid", "docx"),
        ("pdf", "pdf"),
        ("pdf-table", "pdf"),
        ("pdf-grid", "pdf"),
        ("html", "html"),
        ("html-grid", "html"),
        ("rtf", "rtf"),
        ("scan", "pdf"),
    ],
)
def test_every_format_is_deterministic(tmp_path: Path, fmt: str, ext: str) -> None:
    src = _write(tmp_path, fmt)
    [a] = bf.build(src, tmp_path / "one")
    [b] = bf.build(src, tmp_path / "two")
    assert a.name == f"letter.{ext}"
    assert a.read_bytes() == b.read_bytes()


def test_docx_has_heading_table_and_lists(tmp_path: Path) -> None:
    import docx

    [path] = bf.build(_write(tmp_path, "docx"), tmp_path / "out")
    doc = docx.Document(str(path))
    styles = {p.text: p.style.name for p in doc.paragraphs if p.text}
    assert styles["MEDICATION"] == "Heading 2"
    assert styles["Please check U&E in 1 week."] == "List Number"
    assert styles["Nothing else."] == "List Bullet"
    assert [[c.text for c in r.cells] for r in doc.tables[0].rows] == [
        ["Drug", "Before", "After"],
        ["Ramipril", "2.5 mg", "5 mg"],
    ]
    assert doc.core_properties.created.year == 2024
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 1, 1, 9, 0, 0)}


def test_docx_tables_puts_headings_left_and_content_right(tmp_path: Path) -> None:
    import docx

    [path] = bf.build(_write(tmp_path, "docx-tables"), tmp_path / "out")
    doc = docx.Document(str(path))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["Drug", "Before", "After"] in rows
    assert [
        "Actions for GP",
        "Please check U&E in 1 week.\nNothing else.\nYours sincerely",
    ] in rows
    assert [p.text for p in doc.paragraphs if p.text][:2] == [
        "Riverside Hospital\nTel 0161 496 0123",
        "Dear Dr Okafor,",
    ]


def test_docx_grid_puts_two_headings_in_a_row_and_their_contents_under_them(tmp_path: Path) -> None:
    import docx

    body = "Dear Dr Okafor,\n\n# Diagnosis\nAsthma.\n\n# Actions for GP\n1. Please check U&E.\n\n"
    body += "# Follow-up\nNo.\n"
    src = tmp_path / "src"
    src.mkdir()
    (src / "letter.txt").write_text(f"---\nformat: docx-grid\n---\n{body}", encoding="utf-8")
    [path] = bf.build(src, tmp_path / "out")
    doc = docx.Document(str(path))
    [table] = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    # the odd section at the end takes a heading row of its own, beside an empty cell
    assert rows == [
        ["Diagnosis", "Actions for GP"],
        ["Asthma.", "Please check U&E."],
        ["Follow-up", ""],
        ["No.", ""],
    ]
    heads = [table.rows[0].cells[0].paragraphs[0], table.rows[2].cells[0].paragraphs[0]]
    assert all(r.bold for p in heads for r in p.runs)
    assert table.rows[1].cells[1].paragraphs[0].style.name == "List Number"
    assert [p.text for p in doc.paragraphs if p.text] == ["Dear Dr Okafor,"]


def test_docx_grid_gives_a_section_with_a_table_rows_of_its_own(tmp_path: Path) -> None:
    import docx

    [path] = bf.build(_write(tmp_path, "docx-grid"), tmp_path / "out")
    doc = docx.Document(str(path))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    assert tables == [
        [["MEDICATION", ""]],
        [["Drug", "Before", "After"], ["Ramipril", "2.5 mg", "5 mg"]],
        [["Actions for GP", ""], ["Please check U&E in 1 week.\nNothing else.\nYours sincerely", ""]],
    ]


def test_pdf_has_text_and_a_footer_on_each_page(tmp_path: Path) -> None:
    import pdfplumber

    src = _write(tmp_path, "pdf-table", extra='footer: "CONFIDENTIAL - test trust"\n')
    [path] = bf.build(src, tmp_path / "out")
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
        assert len(pdf.pages[0].lines) > 0  # the ruled table
    assert "Please check U&E in 1 week." in text
    assert "CONFIDENTIAL - test trust Page 1" in text
    assert "\u2022 Nothing else." in text
    assert "(cid:" not in text


def test_scan_has_no_text_layer_but_an_image(tmp_path: Path) -> None:
    import pdfplumber

    [path] = bf.build(_write(tmp_path, "scan"), tmp_path / "out")
    with pdfplumber.open(path) as pdf:
        assert (pdf.pages[0].extract_text() or "").strip() == ""
        assert len(pdf.pages[0].images) == 1


def test_html_and_rtf_keep_structure(tmp_path: Path) -> None:
    from striprtf.striprtf import rtf_to_text

    [h] = bf.build(_write(tmp_path, "html"), tmp_path / "h")
    html = h.read_text(encoding="utf-8")
    assert "<h2>MEDICATION</h2>" in html
    assert "<ol>\n<li>Please check U&amp;E in 1 week.</li>\n</ol>" in html
    assert "<tr><td>Ramipril</td><td>2.5 mg</td><td>5 mg</td></tr>" in html
    [r] = bf.build(_write(tmp_path, "rtf"), tmp_path / "r")
    text = rtf_to_text(r.read_text(encoding="ascii"))
    assert "1. Please check U&E in 1 week." in text
    assert "Ramipril|2.5 mg|5 mg|" in text


def test_changing_format_removes_the_old_rendering(tmp_path: Path) -> None:
    out = tmp_path / "out"
    bf.build(_write(tmp_path, "txt"), out)
    bf.build(_write(tmp_path, "html"), out)
    assert sorted(p.name for p in out.iterdir()) == ["letter.html"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "bad.txt:1: source must start with '---'"),
        ("---\nformat: txt\n", "bad.txt:1: front matter is not closed"),
        ("---\nformat: fax\n---\nbody\n", "bad.txt:2: bad front matter"),
        ("---\nformat: txt\ncolour: red\n---\nbody\n", "bad.txt:2: bad front matter"),
    ],
)
def test_bad_source_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    with pytest.raises(bf.SourceError, match=message.replace(".", r"\.")):
        bf.read_source(tmp_path / "bad.txt")


def test_main_reports_a_bad_source_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bad.txt").write_text("oops\n", encoding="utf-8")
    assert bf.main(["build_fixtures.py", str(src), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("build_fixtures: ") and err.count("\n") == 1


@pytest.mark.slow
def test_committed_dev_letters_match_their_sources(tmp_path: Path) -> None:
    """Someone edited a source without rebuilding, or a rendering changed: rebuild and commit."""
    src = ROOT / "fixtures" / "sources" / "dev"
    committed = ROOT / "fixtures" / "letters" / "dev"
    stale = []
    for path in bf.build(src, tmp_path):
        if (committed / path.name).read_bytes() != path.read_bytes():
            stale.append(path.name)
    assert stale == []


# -- the benchmark corpus generator ----------------------------------------------------------------
def _load_bench() -> ModuleType:
    return load_script("make_bench_corpus")


mbc = _load_bench()


def test_bench_allocate_gives_exact_counts() -> None:
    formats = mbc.allocate(10, {"txt": 0.5, "docx": 0.25, "pdf": 0.25})
    assert len(formats) == 10
    assert (formats.count("txt"), formats.count("docx"), formats.count("pdf")) == (5, 3, 2)
    assert mbc.allocate(3, {"txt": 1, "pdf": 0}) == ["txt", "txt", "txt"]


@pytest.mark.parametrize(
    ("mix", "message"),
    [
        ("txt=0.5,fax=0.5", "bad --mix item 'fax=0.5'"),
        ("txt", "bad --mix item"),
        ("txt=x", "bad weight"),
        ("txt=-1", "negative"),
        ("txt=0", "more than 0"),
    ],
)
def test_bench_bad_mix(mix: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mbc.parse_mix(mix, set(bf.RENDERERS))


def test_bench_corpus_is_seeded_and_mixed(tmp_path: Path) -> None:
    mix = {"txt": 0.5, "docx": 0.25, "pdf": 0.25}
    rows = mbc.generate(tmp_path / "a", 8, 7, mix)
    mbc.generate(tmp_path / "b", 8, 7, mix)
    mbc.generate(tmp_path / "c", 8, 8, mix)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(names) == 9 and "manifest.jsonl" in names
    assert sorted(r["format"] for r in rows) == ["docx", "docx", "pdf", "pdf", "txt", "txt", "txt", "txt"]
    same = all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    assert same
    a_txt = {n: (tmp_path / "a" / n).read_bytes() for n in names if n.endswith(".txt")}
    c_txt = {n: (tmp_path / "c" / n).read_bytes() for n in names if (tmp_path / "c" / n).exists()}
    assert a_txt != {n: c_txt.get(n) for n in a_txt}
