"""``letter-audit read`` through click's CliRunner, with exact output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from ingest_makers import table_letter_pdf
from letter_audit.cli import main


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_read_prints_the_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("PLAN\nStop aspirin\tfrom today\n", encoding="utf-8")
    result = _run("read", str(path))
    assert result.exit_code == 0
    assert result.output == "PLAN\nStop aspirin | from today\n"


def test_read_blocks_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(b"PLAN\nStop aspirin\tfrom today\n")
    result = _run("read", "--blocks", str(path))
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "source": {
            "path": str(path),
            "sha256": hashlib.sha256(b"PLAN\nStop aspirin\tfrom today\n").hexdigest(),
            "format": "txt",
            "pages": 1,
            "ocr": False,
        },
        "furniture": [],
        "blocks": [
            {
                "kind": "heading",
                "page": 1,
                "start": 0,
                "end": 4,
                "bbox": None,
                "level": None,
                "cells": None,
                "text": "PLAN",
            },
            {
                "kind": "table_row",
                "page": 1,
                "start": 5,
                "end": 30,
                "bbox": None,
                "level": None,
                "cells": ["Stop aspirin", "from today"],
                "text": "Stop aspirin | from today",
            },
        ],
    }


def test_read_pdf_keeps_table_rows(tmp_path: Path) -> None:
    result = _run("read", str(table_letter_pdf(tmp_path / "t.pdf")))
    assert result.exit_code == 0
    assert (
        "Medications on admission | Medications on discharge\nAmlodipine 5mg OD | Amlodipine 10mg OD\n"
        in (result.output)
    )


def test_read_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    result = _run("read", str(path))
    assert result.exit_code == 2
    assert result.output == f"letter-audit: {path}: LA103 file is empty\n"


def test_read_size_limit_option(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2 * 1024 * 1024)
    result = _run("read", "--max-mb", "1", str(path))
    assert result.exit_code == 2
    assert result.output == f"letter-audit: {path}: LA105 file is 2.0 MB, over the 1 MB size limit\n"


def test_read_missing_file(tmp_path: Path) -> None:
    result = _run("read", str(tmp_path / "gone.docx"))
    assert result.exit_code == 2
    assert result.output == f"letter-audit: {tmp_path / 'gone.docx'}: LA100 file not found\n"


def test_debug_shows_the_exception(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = _run("--debug", "read", str(path))
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "EmptyFile"


def test_read_help() -> None:
    result = _run("read", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: main read [OPTIONS] FILE\n")
    for option in ("--blocks", "--max-mb", "--timeout", "--no-ocr"):
        assert option in result.output
