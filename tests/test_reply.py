"""``letter-audit reply``: the drafted reply to the trust (golden files) and its command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checks.build import report, sample_report
from golden_files import GOLDEN, assert_golden
from letter_audit.cli import main
from letter_audit.render.reply import load_replies, render_reply


def test_reply_golden() -> None:
    text = render_reply(sample_report(), practice="Brook Lane Surgery", signature="Dr S Okafor, GP partner")
    assert_golden("reply_discharge.txt", text + "\n")


def test_reply_quotes_each_request_with_its_rule_and_ask() -> None:
    text = render_reply(sample_report())
    words = load_replies().rules
    assert text.count("You asked: ") == 3
    assert '1. You asked: "Please refer to dermatology for the mole."' in text
    for rule in ("onward_referral", "call_and_recall", "fit_note"):
        assert words[rule].ask in text  # type: ignore[index]
    assert "dna_rereferral" not in text and words["shared_care"].rule not in text
    assert text.startswith("Subject: Requests in your discharge summary dated 4 March 2026\n")
    assert "Three requests ask the practice to do work" in text
    assert text.endswith("With thanks and best wishes,\nThe practice team")


def test_closing_when_every_request_is_returned() -> None:
    from checks.build import ev
    from letter_audit.report import GpAction

    text = "Please provide a fit note for 2 weeks.\n"
    rep = report(
        text,
        letter_type="clinic_letter",
        gp_actions=lambda L: [GpAction(text=text.strip(), category="fit_note", evidence=ev(L, text.strip()))],
    )
    reply = render_reply(rep)
    assert "One request asks the practice to do work" in reply
    assert "returning it to you" in reply
    assert load_replies().closing_no_other in reply
    assert "We will carry out the other actions" not in reply
    assert "Subject: Requests in your clinic letter\n" in reply


def test_no_inappropriate_requests() -> None:
    rep = report("Please check U&E in 1 week as ramipril was started.\n", letter_type="clinic_letter")
    assert (
        render_reply(rep)
        == "No inappropriate requests were found in letter.txt: no reply to the trust is needed."
    )


def test_every_rule_has_wording() -> None:
    assert set(load_replies().rules) == {
        "onward_referral",
        "fit_note",
        "call_and_recall",
        "dna_rereferral",
        "shared_care",
    }


def test_reply_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("x", encoding="utf-8")
    rep = sample_report()
    monkeypatch.setattr("letter_audit.audit", lambda path, standard=None: rep)
    res = CliRunner().invoke(
        main,
        ["reply", str(letter), "--practice", "Brook Lane Surgery", "--signature", "Dr S Okafor, GP partner"],
    )
    assert res.exit_code == 0, res.output
    assert res.output == (GOLDEN / "reply_discharge.txt").read_text(encoding="utf-8")


def test_reply_command_bad_file_is_one_line() -> None:
    res = CliRunner().invoke(main, ["reply", "/nonexistent/letter.pdf"])
    assert res.exit_code == 2
    assert res.stderr.startswith("letter-audit: /nonexistent/letter.pdf: LA100")
    assert res.stderr.count("\n") == 1
