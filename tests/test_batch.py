"""Batch runs: discovery, bad files, resume after a kill, re-scoring, parallel workers.

The audit itself belongs to other modules; here a small fake auditor stands in for it (installed by
``install_fakes``) so these tests pin the batch machinery, not extraction quality. One test at the end
runs the real ``audit()``.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

import letter_audit.batch as batch_mod
import letter_audit.pipeline as pipeline_mod
from letter_audit.batch import audit_file, discover
from letter_audit.cli import main
from letter_audit.errors import EncryptedPdf
from letter_audit.letter import Letter
from letter_audit.report import Report, StandardRef

TESTS = Path(__file__).resolve().parent


# -- fakes (also used by the subprocess runs below) ------------------------------------------------
def fake_standard(path: str | None) -> Any:
    version = "2" if path and "v2" in path else "1"
    return SimpleNamespace(id="test_std", version=version)


def fake_audit_one(path: str, standard_path: str | None) -> dict[str, Any]:
    delay = float(os.environ.get("FAKE_AUDIT_DELAY", "0"))
    if delay:
        time.sleep(delay)
    text = Path(path).read_bytes().decode("utf-8")
    if "LOCKED" in text:
        raise EncryptedPdf()
    if "BOOM" in text:
        raise ValueError("patient Jane Doe secret text")
    if "HANG" in text:
        time.sleep(3600)
    if "CRASH" in text:
        os._exit(139)  # as a segfault in a C library would end the worker
    std = fake_standard(standard_path)
    letter = Letter.from_text(text, path=path)
    score = int(text.split("score=")[1].split()[0]) if "score=" in text else 50
    if std.version == "2":
        score = 100 - score
    report = Report(source=letter.source, score=score, standard=StandardRef(id=std.id, version=std.version))
    return report.model_dump(mode="json")


def install_fakes() -> None:
    batch_mod.standard_for = fake_standard  # type: ignore[assignment]
    batch_mod._audit_one = fake_audit_one  # type: ignore[assignment]
    pipeline_mod.load_pipeline = lambda *a, **k: None  # type: ignore[assignment]


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_mod, "standard_for", fake_standard)
    monkeypatch.setattr(batch_mod, "_audit_one", fake_audit_one)
    monkeypatch.setattr(pipeline_mod, "load_pipeline", lambda *a, **k: None)


def _folder(root: Path) -> Path:
    (root / "clinic").mkdir(parents=True)
    (root / "a.txt").write_text("Dear Dr\nscore=80\n")
    (root / "clinic" / "b.txt").write_text("Dear Dr\nscore=30\n")
    (root / "locked.pdf").write_text("LOCKED")
    (root / "bug.docx").write_text("BOOM")
    (root / "notes.csv").write_text("not a letter")
    (root / "a.gold.json").write_text("{}")
    (root / ".hidden.txt").write_text("hidden")
    return root


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- discovery ---------------------------------------------------------------------------------------
def test_discover_finds_letters_only(tmp_path: Path) -> None:
    root = _folder(tmp_path / "in")
    names = [p.relative_to(root).as_posix() for p in discover(root)]
    assert names == ["a.txt", "bug.docx", "clinic/b.txt", "locked.pdf"]


def test_discover_no_recursive_include_exclude(tmp_path: Path) -> None:
    root = _folder(tmp_path / "in")
    top = [p.name for p in discover(root, recursive=False)]
    assert top == ["a.txt", "bug.docx", "locked.pdf"]
    only_txt = [p.name for p in discover(root, include=["*.txt"])]
    assert only_txt == ["a.txt", "b.txt"]
    no_clinic = [p.name for p in discover(root, exclude=["clinic/*", "*.pdf"])]
    assert no_clinic == ["a.txt", "bug.docx"]


# -- the worker ----------------------------------------------------------------------------------------
def test_audit_file_turns_errors_into_reports(tmp_path: Path, fakes: None) -> None:
    root = _folder(tmp_path / "in")
    locked = audit_file(root / "locked.pdf")
    assert locked["error"] == {
        "code": "LA101",
        "message": "PDF is password-protected; save an unprotected copy and try again",
    }
    assert locked["source"]["sha256"] is not None
    bug = audit_file(root / "bug.docx")
    assert bug["error"]["code"] == "LA900"
    assert "ValueError" in bug["error"]["message"]
    assert "Jane" not in bug["error"]["message"]  # exception text may quote the letter
    gone = audit_file(root / "missing.txt")
    assert gone["error"]["code"] == "LA900"
    assert gone["source"]["sha256"] is None


# -- the command -----------------------------------------------------------------------------------------
def test_batch_with_bad_files_carries_on(tmp_path: Path, fakes: None) -> None:
    root = _folder(tmp_path / "in")
    db, out, table = tmp_path / "r.sqlite", tmp_path / "r.jsonl", tmp_path / "r.csv"
    args = ["batch", str(root), "--db", str(db), "--out", str(out), "--csv", str(table), "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root / 'bug.docx'}: LA900 internal error while checking this letter (please report it; run with"
        " --debug) [ValueError]",
        f"{root / 'locked.pdf'}: LA101 PDF is password-protected; save an unprotected copy and try again",
        "4 letters: 2 checked, 0 skipped (already in store), 2 failed (LA101: 1, LA900: 1)",
    ]
    lines = _jsonl(out.read_text())
    by_name = {Path(r["source"]["path"]).name: r for r in lines}
    assert sorted(by_name) == ["a.txt", "b.txt", "bug.docx", "locked.pdf"]
    assert by_name["a.txt"]["score"] == 80
    assert by_name["locked.pdf"]["error"]["code"] == "LA101"
    rows = list(csv.DictReader(table.open()))
    assert [(Path(r["file"]).name, r["score"], r["error_code"]) for r in rows] == [
        ("a.txt", "80", ""),
        ("bug.docx", "", "LA900"),
        ("b.txt", "30", ""),
        ("locked.pdf", "", "LA101"),
    ]
    assert rows[0]["standard_version"] == "1"
    stored = sqlite3.connect(db).execute("SELECT COUNT(*), COUNT(error_code) FROM results").fetchone()
    assert stored == (4, 2)


def test_failed_files_past_the_limit_are_counted_not_listed(tmp_path: Path, fakes: None) -> None:
    from letter_audit.batch import MAX_FAILURE_LINES

    root = tmp_path / "in"
    root.mkdir()
    for i in range(MAX_FAILURE_LINES + 3):
        (root / f"e{i:02d}.pdf").write_text("LOCKED")
    result = CliRunner().invoke(
        main, ["batch", str(root), "--no-db", "-j", "1", "--out", str(tmp_path / "o")]
    )
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"{root / 'e00.pdf'}: LA101 PDF is password-protected; save an unprotected copy and try again"
    )
    assert len(lines) == MAX_FAILURE_LINES + 2
    assert lines[-2] == "... and 3 more failed files (the error lines of the JSON output name them)"
    quiet = CliRunner().invoke(
        main, ["batch", str(root), "--no-db", "-j", "1", "-q", "--out", str(tmp_path / "o")]
    )
    assert (quiet.exit_code, quiet.stderr) == (1, "")


def test_jsonl_goes_to_stdout_when_no_out(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "one.txt").write_text("score=61\n")
    result = CliRunner().invoke(main, ["batch", str(root), "--no-db", "-q"])
    assert result.exit_code == 0
    assert result.stderr == ""
    [report] = _jsonl(result.stdout)
    assert report["score"] == 61


def test_rerun_skips_done_letters_and_retries_failures(tmp_path: Path, fakes: None) -> None:
    root = _folder(tmp_path / "in")
    db, out = tmp_path / "r.sqlite", tmp_path / "r.jsonl"
    args = ["batch", str(root), "--db", str(db), "--out", str(out), "-j", "1"]
    CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1
    assert second.stderr.splitlines()[-1].startswith(
        "4 letters: 0 checked, 2 skipped (already in store), 2 failed"
    )
    assert len(_jsonl(out.read_text())) == 4  # skipped letters are still written, from the store


def test_changing_the_standard_rescores(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "one.txt").write_text("score=70\n")
    v2 = tmp_path / "std_v2.yaml"
    v2.write_text("id: test_std\n")
    db = tmp_path / "r.sqlite"
    first = CliRunner().invoke(main, ["batch", str(root), "--db", str(db)])
    again = CliRunner().invoke(main, ["batch", str(root), "--db", str(db)])
    rescored = CliRunner().invoke(main, ["batch", str(root), "--db", str(db), "--standard", str(v2)])
    assert [_jsonl(r.stdout)[0]["score"] for r in (first, again, rescored)] == [70, 70, 30]
    assert again.stderr.startswith("1 letters: 0 checked, 1 skipped")
    assert rescored.stderr.startswith("1 letters: 1 checked, 0 skipped")
    versions = sqlite3.connect(db).execute("SELECT standard_version FROM results ORDER BY 1").fetchall()
    assert versions == [("1",), ("2",)]


def test_two_workers_give_the_same_results(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(12):
        (root / f"l{i:02d}.txt").write_text(f"score={i * 5}\n")
    (root / "bad.pdf").write_text("LOCKED")
    one = CliRunner().invoke(main, ["batch", str(root), "--no-db", "-j", "1"])
    two = CliRunner().invoke(main, ["batch", str(root), "--no-db", "-j", "2"])
    assert one.exit_code == two.exit_code == 1

    def key(r: dict[str, Any]) -> tuple[str, Any]:
        return r["source"]["path"], r.get("score", r.get("error"))

    assert sorted(map(key, _jsonl(one.stdout))) == sorted(map(key, _jsonl(two.stdout)))
    assert len(_jsonl(two.stdout)) == 13


def test_unreadable_store_is_one_line_exit_2(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "one.txt").write_text("score=70\n")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 50)
    result = CliRunner().invoke(main, ["batch", str(root), "--db", str(junk)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"letter-audit: {junk}: LA400 cannot open the results store")


@pytest.mark.slow
def test_a_hung_or_crashed_worker_is_an_error_line_and_the_run_goes_on(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(6):
        (root / f"l{i}.txt").write_text(f"score={i}\n")
    (root / "hang.txt").write_text("HANG")
    (root / "crash.txt").write_text("CRASH")
    args = ["batch", str(root), "--no-db", "-j", "2", "--timeout", "1.5"]
    start = time.monotonic()
    result = CliRunner().invoke(main, args)
    assert time.monotonic() - start < 30
    assert result.exit_code == 1
    by_name = {Path(r["source"]["path"]).name: r for r in _jsonl(result.stdout)}
    assert sorted(by_name) == [
        "crash.txt",
        "hang.txt",
        "l0.txt",
        "l1.txt",
        "l2.txt",
        "l3.txt",
        "l4.txt",
        "l5.txt",
    ]
    assert by_name["hang.txt"]["error"] == {
        "code": "LA110",
        "message": "checking took longer than 1.5 s; the worker was stopped",
    }
    assert by_name["crash.txt"]["error"]["code"] == "LA900"
    assert "worker checking this letter died (exit 139)" in by_name["crash.txt"]["error"]["message"]
    assert [by_name[f"l{i}.txt"]["score"] for i in range(6)] == [0, 1, 2, 3, 4, 5]


def test_workers_are_replaced_after_max_tasks(tmp_path: Path, fakes: None) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(7):
        (root / f"l{i}.txt").write_text(f"score={i}\n")
    result = CliRunner().invoke(
        main, ["batch", str(root), "--no-db", "-j", "2", "--max-tasks-per-worker", "2"]
    )
    assert result.exit_code == 0
    assert sorted(r["score"] for r in _jsonl(result.stdout)) == list(range(7))


# -- kill and resume -------------------------------------------------------------------------------------
_RUNNER = """
import sys
sys.path.insert(0, {tests!r})
import test_batch
test_batch.install_fakes()
from letter_audit.cli import main
main(sys.argv[1:])
"""


def _spawn(args: list[str], delay: float) -> subprocess.Popen[str]:
    env = {**os.environ, "FAKE_AUDIT_DELAY": str(delay)}
    code = _RUNNER.format(tests=str(TESTS))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(sqlite3.connect(db).execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _wait_for_rows(db: Path, n: int, proc: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        got = _stored(db)
        if got >= n:
            return got
        time.sleep(0.05)
    raise AssertionError(f"batch never stored {n} results (exit {proc.poll()})")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_killed_run_resumes_with_no_loss_and_no_duplicates(tmp_path: Path, jobs: str) -> None:
    root = tmp_path / "in"
    root.mkdir()
    total = 30
    for i in range(total):
        (root / f"l{i:02d}.txt").write_text(f"letter {i}\nscore={i}\n")
    db, out = tmp_path / "r.sqlite", tmp_path / "r.jsonl"
    args = ["batch", str(root), "--db", str(db), "--out", str(out), "-j", jobs]
    proc = _spawn(args, delay=0.1)
    _wait_for_rows(db, 5, proc)
    workers = _children(proc.pid)
    assert len(workers) == int(jobs)
    proc.kill()  # SIGKILL, as in a crash: no chance to clean up
    proc.wait(timeout=10)
    done_before = _stored(db)
    assert 5 <= done_before < total
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers outlived the killed run"

    rerun = _spawn(args, delay=0)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    checked = total - done_before
    assert err == f"{total} letters: {checked} checked, {done_before} skipped (already in store), 0 failed\n"
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM results").fetchone() == (total, total)
    reports = _jsonl(out.read_text())
    assert sorted(r["score"] for r in reports) == list(range(total))


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_with_summary_and_130(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(40):
        (root / f"l{i:02d}.txt").write_text(f"score={i}\n")
    db = tmp_path / "r.sqlite"
    proc = _spawn(["batch", str(root), "--db", str(db), "--out", str(tmp_path / "o.jsonl"), "-j", "2"], 0.1)
    _wait_for_rows(db, 3, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.startswith("40 letters: ")
    assert err.endswith("; interrupted, rerun to resume\n")
    assert "Traceback" not in err
    status = sqlite3.connect(db).execute("SELECT status FROM runs").fetchall()
    assert status == [("interrupted",)]


@pytest.mark.slow
def test_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(40):
        (root / f"l{i:02d}.txt").write_text(f"score={i}\n")
    db = tmp_path / "r.sqlite"
    proc = _spawn(["batch", str(root), "--db", str(db), "-j", "2"], 0.05)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert json.loads(first)["schema_version"] == "1"
    proc.stdout.close()  # as `| head -1` does
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 141
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert sqlite3.connect(db).execute("SELECT status FROM runs").fetchall() == [("interrupted",)]


# -- the real thing ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built_nlp() -> Any:
    """The pipeline built in memory from the data files (the saved one is rebuilt by the lead)."""
    return pipeline_mod.build_pipeline()


@pytest.fixture
def real_pipeline(monkeypatch: pytest.MonkeyPatch, built_nlp: Any) -> Any:
    monkeypatch.setattr(pipeline_mod, "load_pipeline", lambda *a, **k: built_nlp)
    return built_nlp


@pytest.mark.slow
def test_real_audit_of_a_text_letter(tmp_path: Path, real_pipeline: Any) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "letter.txt").write_text(
        "Dear Dr Patel\n\nDiagnosis: community-acquired pneumonia\n\n"
        "Medication changes: amoxicillin 500 mg TDS started for 5 days.\n\nGP to check U&E in 1 week.\n"
    )
    (root / "empty.txt").write_text("")
    db = tmp_path / "r.sqlite"
    result = CliRunner().invoke(main, ["batch", str(root), "--db", str(db), "-j", "1"])
    reports = {Path(r["source"]["path"]).name: r for r in _jsonl(result.stdout)}
    assert reports["letter.txt"]["schema_version"] == "1"
    assert "error" not in reports["letter.txt"], reports["letter.txt"]
    assert reports["letter.txt"]["standard"]["id"] == "complete_care"
    assert reports["empty.txt"]["error"]["code"].startswith("LA1")
    assert result.exit_code == 1


@pytest.mark.slow
def test_batch_audit_leaves_no_new_strings_in_the_vocab(tmp_path: Path, real_pipeline: Any) -> None:
    """Regression: without spaCy's memory zone a worker's vocabulary (and RSS) grew with every letter."""
    nlp = real_pipeline
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Dr Qwertyzxv\n\nMedication changes: ramipril 2.5 mg OD started (ref ZZ-48151623).\n"
    )
    before = len(nlp.vocab.strings)
    report = audit_file(letter)
    assert "error" not in report
    assert "Qwertyzxv" not in nlp.vocab.strings
    assert len(nlp.vocab.strings) == before
