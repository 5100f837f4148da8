"""``letter-audit explain``: every finding with its rule and text, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import letter_audit.pipeline as pipeline_module
from letter_audit.cli import main
from letter_audit.pipeline import build_pipeline

LETTER = """DISCHARGE SUMMARY
Date of admission: 10/03/2026
Date of discharge: 14/03/2026

Actions for GP:
1. Please repeat U&E in 1 week

Follow up: we will see him in clinic in 6 weeks.
Fit note: not required, retired.
Queries: ward 7 on 01632 960 123
"""


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.fixture()
def letter_file(tmp_path: Path, nlp, monkeypatch) -> Path:
    monkeypatch.setattr(pipeline_module, "load_pipeline", lambda path=None: nlp)
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_explain_text_shows_rule_and_text(letter_file: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(letter_file)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{letter_file}  (txt, 1 page)"
    i = lines.index("gp_action          monitoring, in 1 week (due 2026-03-21)")
    pad = " " * 19
    assert lines[i + 1] == pad + 'rule: req-please-verb  p1 [98:125]  "Please repeat U&E in 1 week"'
    i = lines.index("letter_type        discharge_summary")
    assert lines[i + 1] == pad + 'rule: type-discharge-title  p1 [0:17]  "DISCHARGE SUMMARY"'
    assert "follow_up          hospital (in 6 weeks)" in lines
    assert "fit_note           not_needed" in lines
    assert "contact_point      on 01632 960 123" in lines


def test_explain_json(letter_file: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(letter_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    kinds = [f["kind"] for f in data["findings"]]
    assert kinds.count("gp_action") == 1
    action = next(f for f in data["findings"] if f["kind"] == "gp_action")
    assert action["evidence"]["text"] == "Please repeat U&E in 1 week"
    assert action["evidence"]["rule"] == "req-please-verb"
    dates = {f["kind"]: f["value"] for f in data["findings"] if f["kind"].startswith("dates.")}
    assert dates == {"dates.admission": "2026-03-10", "dates.discharge": "2026-03-14"}


def test_explain_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "LA100" in result.output
