"""The practice inbox: uploaded letters, their bytes and their done flag, in the results database.

Reports themselves live in the shared results store (``letter_audit.store``) keyed by the file's
SHA-256, so ``batch`` and ``serve`` never check the same letter twice. This table keeps only what the
web page needs beyond a report: the upload's bytes (uploads are kept nowhere else), the name the user
gave it, when it came in, the extracted text that evidence offsets point into, and whether staff have
handled it. A short summary (priority, rating, counts) is copied here so the inbox sorts in SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from ..report import Report

# Lower sorts first: the inbox shows the most urgent letters at the top.
PRIORITY_ORDER = {"urgent": 0, "soon": 1, "routine": 2, "file_only": 3}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS serve_inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded_at TEXT NOT NULL,
    data BLOB NOT NULL,
    letter_text TEXT,
    letter_type TEXT,
    priority TEXT,
    priority_rank INTEGER NOT NULL DEFAULT 9,
    rating TEXT,
    score INTEGER,
    n_medication_changes INTEGER NOT NULL DEFAULT 0,
    n_gp_actions INTEGER NOT NULL DEFAULT 0,
    n_inappropriate INTEGER NOT NULL DEFAULT 0,
    n_missing INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    done_at TEXT
);
CREATE INDEX IF NOT EXISTS serve_inbox_sha ON serve_inbox (sha256);
"""

_SUMMARY_COLUMNS = (
    "id, sha256, filename, size, uploaded_at, letter_type, priority, rating, score, "
    "n_medication_changes, n_gp_actions, n_inappropriate, n_missing, error_code, error_message, "
    "done, done_at"
)


@dataclass(frozen=True)
class InboxItem:
    """One uploaded letter as the inbox lists it (no bytes, no text)."""

    id: int
    sha256: str
    filename: str
    size: int
    uploaded_at: str
    letter_type: str | None
    priority: str | None
    rating: str | None
    score: int | None
    n_medication_changes: int
    n_gp_actions: int
    n_inappropriate: int
    n_missing: int
    error_code: str | None
    error_message: str | None
    done: bool
    done_at: str | None

    @property
    def failed(self) -> bool:
        return self.error_code is not None


def _now() -> str:
    """Local time with its UTC offset: "today" and "received 09:14" mean the practice's own day."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def missing_items(report: Report) -> list[str]:
    """What the letter lacks, in the words the inbox shows; triage's own list when it has one."""
    if report.triage.missing:
        return list(report.triage.missing)
    missing: list[str] = []
    if report.fit_note.status in ("missing", "requested_from_gp"):
        missing.append("fit note")
    if report.follow_up.owner == "unclear":
        missing.append("follow-up owner")
    if not report.contact_point.present:
        missing.append("contact point")
    return missing


class Inbox:
    """The ``serve_inbox`` table in the SQLite file shared with the results store.

    A connection per call: the web server answers from a thread pool, and SQLite connections must not
    cross threads. WAL lets the page read while a batch run writes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            with self._connect() as con:
                con.execute("PRAGMA journal_mode=WAL")
                con.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the inbox table: {exc}", path=str(self.path)) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10)
        con.row_factory = sqlite3.Row
        try:
            with con:
                yield con
        finally:
            con.close()

    def add(self, *, sha256: str, filename: str, data: bytes) -> int:
        """A new inbox row for an upload; its report is filled in by ``set_report`` or ``set_error``."""
        with self._connect() as con:
            cur = con.execute(
                "INSERT INTO serve_inbox (sha256, filename, size, uploaded_at, data) VALUES (?, ?, ?, ?, ?)",
                (sha256, filename, len(data), _now(), data),
            )
            return int(cur.lastrowid or 0)

    def find_open(self, sha256: str) -> int | None:
        """The id of a not-yet-done row for the same file, so a second drop does not duplicate it."""
        with self._connect() as con:
            row = con.execute(
                "SELECT id FROM serve_inbox WHERE sha256 = ? AND done = 0 AND error_code IS NULL "
                "ORDER BY id DESC LIMIT 1",
                (sha256,),
            ).fetchone()
        return int(row["id"]) if row else None

    def set_report(self, item_id: int, report: Report, letter_text: str) -> None:
        """Record the summary the inbox sorts on, and the text the evidence offsets index into."""
        priority = report.triage.priority
        with self._connect() as con:
            con.execute(
                "UPDATE serve_inbox SET letter_text = ?, letter_type = ?, priority = ?, priority_rank = ?, "
                "rating = ?, score = ?, n_medication_changes = ?, n_gp_actions = ?, n_inappropriate = ?, "
                "n_missing = ?, error_code = NULL, error_message = NULL WHERE id = ?",
                (
                    letter_text,
                    report.letter_type,
                    priority,
                    PRIORITY_ORDER.get(priority, 9),
                    report.rating,
                    report.score,
                    len(report.medication_changes),
                    len(report.gp_actions),
                    sum(1 for a in report.gp_actions if a.inappropriate),
                    len(missing_items(report)),
                    item_id,
                ),
            )

    def set_error(self, item_id: int, code: str, message: str) -> None:
        with self._connect() as con:
            con.execute(
                "UPDATE serve_inbox SET error_code = ?, error_message = ? WHERE id = ?",
                (code, message, item_id),
            )

    def set_done(self, item_id: int, done: bool) -> bool:
        """Mark a letter handled (or not); False when there is no such letter."""
        with self._connect() as con:
            cur = con.execute(
                "UPDATE serve_inbox SET done = ?, done_at = ? WHERE id = ?",
                (int(done), _now() if done else None, item_id),
            )
            return cur.rowcount == 1

    def get(self, item_id: int) -> InboxItem | None:
        with self._connect() as con:
            row = con.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM serve_inbox WHERE id = ?", (item_id,)
            ).fetchone()
        return _item(row) if row else None

    def content(self, item_id: int) -> tuple[bytes, str | None] | None:
        """The upload's bytes and the extracted letter text (None before it was read)."""
        with self._connect() as con:
            row = con.execute(
                "SELECT data, letter_text FROM serve_inbox WHERE id = ?", (item_id,)
            ).fetchone()
        return (bytes(row["data"]), row["letter_text"]) if row else None

    def listing(self, *, today: str | None = None) -> list[InboxItem]:
        """The day's work: every letter not yet done, plus those done today, most urgent first.

        Letters that could not be read come first (someone has to chase them), then by priority, then
        oldest upload first, so a letter does not sink under newer ones of the same priority.
        """
        day = today or dt.datetime.now().astimezone().date().isoformat()
        with self._connect() as con:
            rows = con.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM serve_inbox "
                "WHERE done = 0 OR substr(done_at, 1, 10) = ? "
                "ORDER BY done, error_code IS NULL, priority_rank, uploaded_at, id",
                (day,),
            ).fetchall()
        return [_item(r) for r in rows]


def _item(row: sqlite3.Row) -> InboxItem:
    values = dict(row)
    values["done"] = bool(values["done"])
    return InboxItem(**values)
