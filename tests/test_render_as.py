"""scripts/render_as.py: a fixture source rendered in another format, gold beside it, a PDF footer kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.ingest import read_letter
from script_module import load_script

render_as = load_script("render_as")

SOURCE = """---
format: pdf
footer: Riverside General Hospital - switchboard 01632 960 000
---
Dear Dr Okafor

# Plan
Please check her U&E in one week.
"""


@pytest.fixture()
def split(tmp_path: Path) -> tuple[Path, Path]:
    src, gold = tmp_path / "src", tmp_path / "gold"
    src.mkdir()
    gold.mkdir()
    (src / "dev_9001_x.txt").write_text(SOURCE, encoding="utf-8")
    (gold / "dev_9001_x.gold.json").write_text('{"marker": 1}', encoding="utf-8")
    return src, gold


@pytest.mark.parametrize(("fmt", "ext"), [("txt", "txt"), ("docx", "docx"), ("html", "html"), ("rtf", "rtf")])
def test_a_pdf_footer_opens_the_letter_in_formats_without_pages(
    split, tmp_path: Path, fmt: str, ext: str
) -> None:
    src, gold = split
    out = tmp_path / "out"
    out.mkdir()
    assert render_as.render_one(src / "dev_9001_x.txt", fmt, out, gold, None)
    letter = read_letter(out / f"dev_9001_x.{ext}")
    assert letter.text.startswith("Riverside General Hospital - switchboard 01632 960 000")
    assert "Please check her U&E in one week." in letter.text
    assert (out / "dev_9001_x.gold.json").read_text(encoding="utf-8") == '{"marker": 1}'


def test_a_paged_format_keeps_the_footer_as_page_furniture(split, tmp_path: Path) -> None:
    src, gold = split
    out = tmp_path / "out"
    out.mkdir()
    assert render_as.render_one(src / "dev_9001_x.txt", "pdf-table", out, gold, None)
    letter = read_letter(out / "dev_9001_x.pdf")
    assert not letter.text.startswith("Riverside")


def test_only_keeps_the_letters_written_in_one_format(split, tmp_path: Path) -> None:
    src, gold = split
    out = tmp_path / "out"
    out.mkdir()
    assert not render_as.render_one(src / "dev_9001_x.txt", "txt", out, gold, "docx")
    assert list(out.iterdir()) == []
