"""The inbox table: priority order, done flag, one open row per file."""

from __future__ import annotations

from pathlib import Path

from letter_audit.letter import Letter
from letter_audit.report import Report, Triage
from letter_audit.serve.inbox import Inbox


def _report(priority: str) -> Report:
    return Report(source=Letter.from_text(priority).source, triage=Triage(priority=priority))  # type: ignore[arg-type]


def test_listing_puts_errors_then_priority_then_oldest(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "s.sqlite")
    ids = {}
    for name, priority in [
        ("r1", "routine"),
        ("f", "file_only"),
        ("u", "urgent"),
        ("r2", "routine"),
        ("s", "soon"),
    ]:
        ids[name] = inbox.add(sha256=name, filename=name, data=b"x")
        inbox.set_report(ids[name], _report(priority), "text")
    bad = inbox.add(sha256="bad", filename="bad.pdf", data=b"%PDF")
    inbox.set_error(bad, "LA102", "PDF is damaged or truncated and cannot be opened")
    assert [i.filename for i in inbox.listing()] == ["bad.pdf", "u", "s", "r1", "r2", "f"]


def test_done_letters_sink_and_drop_off_next_day(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "s.sqlite")
    first = inbox.add(sha256="a", filename="a", data=b"x")
    inbox.add(sha256="b", filename="b", data=b"y")
    assert inbox.set_done(first, True)
    listed = inbox.listing()
    assert [(i.filename, i.done) for i in listed] == [("b", False), ("a", True)]
    assert [i.filename for i in inbox.listing(today="2000-01-01")] == ["b"]
    assert not inbox.set_done(999, True)


def test_find_open_ignores_done_and_failed_rows(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "s.sqlite")
    row = inbox.add(sha256="same", filename="a", data=b"x")
    assert inbox.find_open("same") == row
    inbox.set_done(row, True)
    assert inbox.find_open("same") is None


def test_content_returns_bytes_and_text(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "s.sqlite")
    row = inbox.add(sha256="a", filename="a", data=b"\x00bytes")
    assert inbox.content(row) == (b"\x00bytes", None)
    inbox.set_report(row, _report("soon"), "the text")
    assert inbox.content(row) == (b"\x00bytes", "the text")
    assert inbox.content(row + 1) is None
