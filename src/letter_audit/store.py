"""The results store: one SQLite file holding every report, keyed by content and standard.

Why SQLite: it ships with Python, needs no server, survives a power cut (transactions), and with WAL
mode the web page or a report can read while a batch is writing. A result is keyed by the SHA-256 of
the letter's bytes and the standard's id and version, so:

* rerunning a folder skips letters whose bytes were already checked against this standard;
* renaming or copying a letter does not check it twice;
* a new standard version re-scores everything.

Only one process writes (the batch parent); workers hand their results back to it. Each result is
committed as it arrives, so a killed run loses at most the letters that were in flight.

Public API (used by ``batch``, ``report`` and ``serve``)::

    with ResultStore("letter-audit.sqlite") as store:
        store.put(report)                                  # Report, ErrorReport or their JSON dict
        store.get(sha256, "complete_care", "1")            # -> dict or None
        store.done(standard_id, standard_version)          # -> set of sha256 already checked
        for report in store.iter_reports(standard_id, standard_version): ...
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel

from .audit_report.rows import letter_row
from .errors import StoreError

STORE_SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    sha256           TEXT NOT NULL,
    standard_id      TEXT NOT NULL,
    standard_version TEXT NOT NULL,
    path             TEXT,
    format           TEXT,
    letter_type      TEXT,
    specialty        TEXT,
    consultant       TEXT,
    team             TEXT,
    letter_month     TEXT,
    score            INTEGER,
    rating           TEXT,
    error_code       TEXT,
    tool_version     TEXT,
    created_at       TEXT NOT NULL,
    report_json      TEXT NOT NULL,
    PRIMARY KEY (sha256, standard_id, standard_version)
);
CREATE INDEX IF NOT EXISTS results_by_standard ON results (standard_id, standard_version, created_at);
CREATE TABLE IF NOT EXISTS files (
    path    TEXT PRIMARY KEY,
    sha256  TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    root             TEXT,
    standard_id      TEXT,
    standard_version TEXT,
    total            INTEGER,
    checked          INTEGER,
    skipped          INTEGER,
    failed           INTEGER,
    status           TEXT NOT NULL
);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _as_dict(report: BaseModel | dict[str, Any]) -> dict[str, Any]:
    if isinstance(report, BaseModel):
        return report.model_dump(mode="json")
    return report


class ResultStore:
    """A SQLite file of reports. Safe to share between threads of one process (writes are locked)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError("no results store here (run 'letter-audit batch' first)", path=str(path))
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(
                str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across a process crash in WAL mode; a power cut may drop the last commits
            # but never corrupts the file, and the dropped letters are simply checked again.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the results store: {exc}", path=str(path)) from exc

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _check_schema(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (STORE_SCHEMA_VERSION,),
            )
        elif row["value"] != STORE_SCHEMA_VERSION:
            raise StoreError(
                f"results store has schema {row['value']}, this letter-audit needs {STORE_SCHEMA_VERSION}",
                path=str(self.path),
            )

    # -- writing -----------------------------------------------------------------------------------
    def put(
        self,
        report: BaseModel | dict[str, Any],
        standard_id: str | None = None,
        standard_version: str | None = None,
    ) -> bool:
        """Store one result (upsert), committed before returning. False when it cannot be keyed.

        An error report whose file could not even be hashed (missing, unreadable) has no key and is
        not stored; batch output still carries it.
        """
        return self.put_many([report], standard_id, standard_version) == 1

    def put_many(
        self,
        reports: Iterable[BaseModel | dict[str, Any]],
        standard_id: str | None = None,
        standard_version: str | None = None,
    ) -> int:
        """Store several results in one transaction; returns how many were stored."""
        from . import __version__

        rows = []
        files = []
        now = _now()
        for report in reports:
            data = _as_dict(report)
            std = data.get("standard") or {}
            sid = standard_id or std.get("id")
            sver = standard_version or std.get("version")
            row = letter_row(data)
            if not row["sha256"] or not sid or sver is None:
                continue
            rows.append(
                (
                    row["sha256"],
                    sid,
                    str(sver),
                    row["file"],
                    row["format"],
                    row["letter_type"],
                    row["specialty"],
                    row["consultant"],
                    row["team"],
                    row["letter_month"],
                    row["score"],
                    row["rating"],
                    row["error_code"],
                    __version__,
                    now,
                    json.dumps(data, separators=(",", ":")),
                )
            )
            if row["file"]:
                files.append((row["file"], row["sha256"], now))
        if not rows:
            return 0
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows
                )
                self._conn.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?)", files)
                self._conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise StoreError(f"cannot write to the results store: {exc}", path=str(self.path)) from exc
        return len(rows)

    def record_path(self, path: str, sha256: str) -> None:
        """Note that ``path`` now holds these bytes (a skipped letter may have moved or been copied)."""
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO files VALUES (?,?,?)", (path, sha256, _now()))

    def start_run(self, root: str, standard_id: str, standard_version: str, total: int) -> int:
        """Record that a batch run began; returns its id for ``finish_run``."""
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO runs (started_at, root, standard_id, standard_version, total, status) "
                "VALUES (?,?,?,?,?, 'running')",
                (_now(), root, standard_id, standard_version, total),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, checked: int, skipped: int, failed: int, status: str) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE runs SET finished_at=?, checked=?, skipped=?, failed=?, status=? WHERE id=?",
                (_now(), checked, skipped, failed, status, run_id),
            )

    # -- reading -----------------------------------------------------------------------------------
    def get(self, sha256: str, standard_id: str, standard_version: str) -> dict[str, Any] | None:
        """The stored report (or error report) JSON for these bytes and this standard, if any."""
        row = self._conn.execute(
            "SELECT report_json FROM results WHERE sha256=? AND standard_id=? AND standard_version=?",
            (sha256, standard_id, str(standard_version)),
        ).fetchone()
        return json.loads(row["report_json"]) if row else None

    def done(self, standard_id: str, standard_version: str) -> set[str]:
        """SHA-256s already checked against this standard without error (what a rerun may skip)."""
        rows = self._conn.execute(
            "SELECT sha256 FROM results WHERE standard_id=? AND standard_version=? AND error_code IS NULL",
            (standard_id, str(standard_version)),
        )
        return {r["sha256"] for r in rows}

    def iter_reports(
        self,
        standard_id: str | None = None,
        standard_version: str | None = None,
        *,
        errors: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Stored reports, oldest first; with ``errors=True`` error reports are included too.

        With no standard given, the most recently used one (see ``latest_standard``).
        """
        if standard_id is None or standard_version is None:
            latest = self.latest_standard()
            if latest is None:
                return
            standard_id, standard_version = latest
        sql = "SELECT report_json FROM results WHERE standard_id=? AND standard_version=?"
        if not errors:
            sql += " AND error_code IS NULL"
        sql += " ORDER BY created_at, sha256"
        for row in self._conn.execute(sql, (standard_id, str(standard_version))):
            yield json.loads(row["report_json"])

    def latest_standard(self) -> tuple[str, str] | None:
        """The (id, version) of the standard the newest result was judged against."""
        row = self._conn.execute(
            "SELECT standard_id, standard_version FROM results ORDER BY created_at DESC, rowid DESC LIMIT 1"
        ).fetchone()
        return (row["standard_id"], row["standard_version"]) if row else None

    def count(self, standard_id: str | None = None, standard_version: str | None = None) -> int:
        """How many results are stored (for one standard, when given)."""
        if standard_id is None:
            row = self._conn.execute("SELECT COUNT(*) AS n FROM results").fetchone()
        else:
            row = self._conn.execute(
                "SELECT COUNT(*) AS n FROM results WHERE standard_id=? AND standard_version=?",
                (standard_id, str(standard_version)),
            ).fetchone()
        return int(row["n"])
