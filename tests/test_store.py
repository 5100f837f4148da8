"""The results store: keys, upserts, error rows, reading back, and bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from letter_audit.errors import StoreError
from letter_audit.letter import SourceInfo
from letter_audit.report import ErrorReport, Report, StandardRef
from letter_audit.store import ResultStore


def _report(sha: str, score: int, *, path: str = "a.txt", version: str = "1") -> Report:
    return Report(
        source=SourceInfo(path=path, sha256=sha, format="txt"),
        standard=StandardRef(id="complete_care", version=version),
        score=score,
        specialty="cardiology",
        dates={"letter": "2025-03-14"},
    )


def test_put_then_get_round_trips_and_fills_columns(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with ResultStore(db) as store:
        assert store.put(_report("aa", 70)) is True
        got = store.get("aa", "complete_care", "1")
    assert got is not None
    assert got["score"] == 70
    assert got["source"]["path"] == "a.txt"
    row = (
        sqlite3.connect(db)
        .execute("SELECT specialty, letter_month, score, rating, error_code FROM results")
        .fetchone()
    )
    assert row == ("cardiology", "2025-03", 70, "poor", None)


def test_wal_mode_is_on(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.sqlite") as store:
        mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_put_is_an_upsert_on_content_and_standard(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.sqlite") as store:
        store.put(_report("aa", 40))
        store.put(_report("aa", 90, path="copy/a.txt"))
        store.put(_report("aa", 55, version="2"))
        assert store.count() == 2
        assert store.count("complete_care", "1") == 1
        assert store.get("aa", "complete_care", "1")["score"] == 90  # type: ignore[index]
        assert store.get("aa", "complete_care", "2")["score"] == 55  # type: ignore[index]
        assert store.get("aa", "other", "1") is None


def test_errors_are_stored_but_not_done(tmp_path: Path) -> None:
    err = ErrorReport.model_validate(
        {"source": {"path": "x.pdf", "sha256": "ee"}, "error": {"code": "LA101", "message": "locked"}}
    )
    unkeyed = ErrorReport.model_validate(
        {"source": {"path": "gone.pdf"}, "error": {"code": "LA100", "message": "file not found"}}
    )
    with ResultStore(tmp_path / "s.sqlite") as store:
        assert store.put(err, "complete_care", "1") is True
        assert store.put(unkeyed, "complete_care", "1") is False
        store.put(_report("aa", 70))
        assert store.done("complete_care", "1") == {"aa"}
        assert [r["source"]["sha256"] for r in store.iter_reports("complete_care", "1")] == ["aa"]
        with_errors = list(store.iter_reports("complete_care", "1", errors=True))
        assert sorted(r["source"]["sha256"] for r in with_errors) == ["aa", "ee"]


def test_iter_reports_defaults_to_latest_standard(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "s.sqlite") as store:
        store.put(_report("aa", 10, version="1"))
        store.put(_report("bb", 20, version="2"))
        assert store.latest_standard() == ("complete_care", "2")
        assert [r["score"] for r in store.iter_reports()] == [20]


def test_a_second_connection_reads_while_the_first_holds_results(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    writer = ResultStore(db)
    writer.put(_report("aa", 10))
    reader = ResultStore(db)
    writer.put(_report("bb", 20))
    assert reader.done("complete_care", "1") == {"aa", "bb"}
    writer.close()
    reader.close()


def test_not_a_database_is_one_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        ResultStore(junk)
    assert info.value.code == "LA400"
    assert str(junk) in info.value.one_line()


def test_missing_store_when_reading_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no results store"):
        ResultStore(tmp_path / "none.sqlite", create=False)


def test_record_path_maps_a_moved_file(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with ResultStore(db) as store:
        store.put(_report("aa", 70, path="old/a.txt"))
        store.record_path("new/a.txt", "aa")
    rows = sqlite3.connect(db).execute("SELECT path, sha256 FROM files ORDER BY path").fetchall()
    assert rows == [("new/a.txt", "aa"), ("old/a.txt", "aa")]
