"""The ``check`` text output: triage summary first, then the scorecard (golden files).

Regenerate a golden file after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_render_text.py``
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checks.build import report, sample_report
from golden_files import assert_golden
from letter_audit.cli import main
from letter_audit.render.text import render_text


def test_full_summary_golden() -> None:
    assert_golden("check_discharge.txt", render_text(sample_report()) + "\n")


def test_file_only_summary_golden() -> None:
    rep = report(
        "SDEC discharge\nGP action: No GP action required.\n",
        letter_type="discharge_summary",
        no_gp_action_stated=True,
    )
    assert_golden("check_file_only.txt", render_text(rep) + "\n")


def test_summary_opens_with_priority_and_orders_sections() -> None:
    lines = render_text(sample_report()).splitlines()
    assert lines[1].startswith("Priority: URGENT - ")
    order = [
        next(i for i, line in enumerate(lines) if line.startswith(p))
        for p in ("Do:", "Reconcile:", "Missing:", "Push back:", "Score:")
    ]
    assert order == sorted(order)
    # the dated action comes before the undated one, whatever the letter order
    do = lines.index("Do:")
    assert lines[do + 1] == "  - [in 1 week] Please check U&E in 1 week as ramipril withheld."
    assert lines[do + 2] == "  - [no timeframe given] Please record COPD on the register."
    assert "\x1b" not in "\n".join(lines)


def test_check_command_prints_the_summary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("x", encoding="utf-8")
    rep = sample_report()
    monkeypatch.setattr("letter_audit.audit", lambda path, standard=None: rep)
    res = CliRunner().invoke(main, ["check", str(letter)])
    assert res.exit_code == 0, res.output
    assert res.output == render_text(rep) + "\n"


def test_the_header_says_when_the_specialty_was_only_read_from_the_content() -> None:
    text = "Discharge note\nLaparoscopic cholecystectomy.\n"
    inferred = report(text, letter_type="discharge_summary", specialty="surgery", specialty_inferred=True)
    stated = report(text, letter_type="discharge_summary", specialty="surgery")
    assert render_text(inferred).splitlines()[0] == (
        "letter.txt: discharge summary, surgery (not stated; read from the content)"
    )
    assert render_text(stated).splitlines()[0] == "letter.txt: discharge summary, surgery"
