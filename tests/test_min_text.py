"""A file with almost no text is an input error (LA113), not a letter scored 0/100.

The rule lives in the reader entry point (``read_letter``/``read_bytes``), so ``check``, ``batch``,
the web upload and Spark all refuse such a file; inline texts given to ``Letter.from_text`` are not
touched, so component tests on short sentences keep working.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import letter_audit.pipeline as pipeline_mod
from letter_audit import audit
from letter_audit.cli import main
from letter_audit.errors import TooLittleText
from letter_audit.ingest import MIN_WORDS, read_bytes, read_letter
from letter_audit.letter import Letter

DEV = Path(__file__).resolve().parent.parent / "fixtures" / "letters" / "dev"
NINE_WORDS = b"Dr Smith, she was seen in clinic today. Thanks"
TEN_WORDS = b"Dear Dr Smith, she was seen in clinic today. Thanks"


def test_a_one_word_text_file_is_too_little_text(tmp_path: Path) -> None:
    path = tmp_path / "hello.txt"
    path.write_bytes(b"hello\n")
    with pytest.raises(TooLittleText) as info:
        read_letter(path)
    assert info.value.one_line() == (
        f"{path}: LA113 too little text to be a letter (1 word; a letter has at least {MIN_WORDS})"
    )


def test_a_text_file_renamed_docx_is_too_little_text_not_a_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"hello")
    with pytest.raises(TooLittleText) as info:
        read_letter(path)
    assert info.value.code == "LA113"


def test_the_minimum_is_ten_words_of_two_or_more_letters() -> None:
    assert MIN_WORDS == 10
    with pytest.raises(TooLittleText, match=r"\(9 words;"):
        read_bytes(NINE_WORDS, "nine.txt")
    assert read_bytes(TEN_WORDS, "ten.txt").text == TEN_WORDS.decode()
    # numbers, dates and single letters are not words: a list of them is still not a letter
    with pytest.raises(TooLittleText, match=r"\(2 words;"):
        read_bytes(b"NHS 123 456 7890\nDOB 01/02/1950\nA B C D E F G H I J K\n", "numbers.txt")


def test_min_words_zero_reads_any_text() -> None:
    assert read_bytes(b"hello", "a.txt", min_words=0).text == "hello"


def test_the_tersest_dev_letter_is_well_over_the_minimum() -> None:
    letter = read_letter(DEV / "dev_047_terse_poor_discharge.txt")
    assert letter.text.startswith("DISCHARGE NOTE")


def test_inline_text_is_not_held_to_the_minimum() -> None:
    """Letter.from_text is for tests and callers with text in hand; the rule is about files."""
    assert Letter.from_text("Stopped aspirin.").text == "Stopped aspirin."


def test_check_on_a_one_word_file_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("hello.txt").write_text("hello")
    result = CliRunner().invoke(main, ["check", "hello.txt"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "letter-audit: hello.txt: LA113 too little text to be a letter (1 word; a letter has at least 10)\n"
    )


def test_read_still_prints_a_short_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``read`` shows what was found, so a user told LA113 can see why."""
    monkeypatch.chdir(tmp_path)
    Path("hello.txt").write_text("hello")
    result = CliRunner().invoke(main, ["read", "hello.txt"])
    assert (result.exit_code, result.stdout) == (0, "hello\n")


@pytest.fixture(scope="module")
def built_nlp() -> Any:
    return pipeline_mod.build_pipeline()


def test_batch_writes_the_error_line_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_nlp: Any
) -> None:
    monkeypatch.setattr(pipeline_mod, "load_pipeline", lambda *a, **k: built_nlp)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a_hello.txt").write_text("hello")
    (root / "b_letter.txt").write_bytes((DEV / "dev_047_terse_poor_discharge.txt").read_bytes())
    result = CliRunner().invoke(main, ["batch", str(root), "--no-db", "-j", "1", "-q"])
    rows = {Path(r["source"]["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["a_hello.txt"]["error"] == {
        "code": "LA113",
        "message": "too little text to be a letter (1 word; a letter has at least 10)",
    }
    assert "error" not in rows["b_letter.txt"]
    assert isinstance(rows["b_letter.txt"]["score"], int)
    assert result.exit_code == 1


def test_audit_of_a_short_file_raises_before_loading_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import letter_audit

    def no_pipeline() -> None:
        raise AssertionError("the pipeline was loaded for a file that is not a letter")

    monkeypatch.setattr(letter_audit, "load_pipeline", no_pipeline)
    path = tmp_path / "note.txt"
    path.write_text("See attached.")
    with pytest.raises(TooLittleText, match=r"\(2 words;"):
        audit(path)
