"""``check`` over several files: a bad one gets its line and never costs the others their reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from letter_audit.cli import main

LETTER = (
    "Discharge summary\nDiagnosis: community-acquired pneumonia\n"
    "Medication changes: amoxicillin 500 mg TDS started for 5 days.\n"
    "Actions for GP: please repeat a chest X-ray in 6 weeks.\n"
)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("empty.txt").write_text("")
    Path("good.txt").write_text(LETTER)
    Path("short.txt").write_text("hello")
    return tmp_path


def test_a_bad_file_among_several_is_one_line_and_the_rest_are_checked(folder: Path) -> None:
    result = CliRunner().invoke(main, ["check", "empty.txt", "good.txt", "short.txt"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "letter-audit: empty.txt: LA103 file is empty",
        "letter-audit: short.txt: LA113 too little text to be a letter (1 word; a letter has at least 10)",
        "letter-audit: 2 of 3 files could not be checked",
    ]
    assert result.stdout.startswith("good.txt: discharge summary")
    assert "Start amoxicillin" in result.stdout


def test_json_over_several_files_is_one_report_per_good_file(folder: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "good.txt", "empty.txt", "good.txt"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == ["good.txt", "good.txt"]
    assert result.stderr.splitlines()[-1] == "letter-audit: 1 of 3 files could not be checked"


def test_several_good_files_exit_0(folder: Path) -> None:
    result = CliRunner().invoke(main, ["check", "good.txt", "good.txt"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.count("good.txt: discharge summary") == 2
