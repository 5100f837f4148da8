"""The saved gate analyses (rxmemo): the same answers as analysing, and a stale or bad file never used."""

from __future__ import annotations

import json
import marshal
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letter_audit.paths import models_dir
from letter_audit.pipeline import rxliterals, rxmemo, rxstarts
from letter_audit.pipeline.rxliterals import Source

ROOT = Path(__file__).resolve().parents[2]
PATTERNS: list[Any] = [
    re.compile(r"\b(?:fit|sick)\s+note\b", re.IGNORECASE),
    re.compile(r"\bn(?:o|il|one)\b", re.IGNORECASE),
    re.compile(r"^\s*(?:plan|actions?)\s*:", re.IGNORECASE | re.MULTILINE),
    re.compile(r"(?<=[.;]\s)(?:please|kindly)\s+(?:could|can)\s+you\b", re.IGNORECASE),
    re.compile(r"\d+\s*mg\b"),
    Source(r"\bclinic\s*\|\s*(?:review|follow)", re.IGNORECASE),  # a RegexFlag, saved as an int
    Source(r"\b(?:we\s+will|we\u2019ll)\s+see\b", int(re.IGNORECASE)),
]


@pytest.fixture(autouse=True)
def _fresh_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no saved analyses, no file read or wanted, and the shipped one not asked for."""
    monkeypatch.setattr(rxmemo, "_table", {})
    monkeypatch.setattr(rxmemo, "_loaded", set())
    monkeypatch.setattr(rxmemo, "_wanted", [])
    monkeypatch.setattr(rxmemo, "_started", [True])
    yield
    assert rxmemo._recorder is None


def _computed(pattern: Any) -> dict[str, Any]:
    return {name: compute(pattern) for name, (compute, _, _) in rxmemo.ANALYSES.items()}


def _answers(pattern: Any) -> dict[str, Any]:
    """What the gates get: the three analyses as ``rxfilter`` asks for them."""
    return {
        "required": rxmemo.required_literals(pattern),
        "leading": rxmemo.leading_literals(pattern),
        "starts": rxmemo.start_parts(pattern),
    }


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count analyses actually computed (not found saved) from now on."""
    computed: list[str] = []
    for name, (compute, save_form, read_form) in list(rxmemo.ANALYSES.items()):

        def counted(pattern: Any, compute: Any = compute, name: str = name) -> Any:
            computed.append(name)
            return compute(pattern)

        monkeypatch.setitem(rxmemo.ANALYSES, name, (counted, save_form, read_form))
    return computed


def _record(path: Path) -> None:
    with rxmemo.recording() as entries:
        for pattern in PATTERNS:
            _answers(pattern)
    assert len(entries) == 3 * len(PATTERNS)
    rxmemo.save(path, entries)


def test_saved_analyses_are_the_computed_ones_without_computing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / rxmemo.FILE_NAME
    _record(path)
    computed = _counting(monkeypatch)
    rxmemo.use(path)
    got = [_answers(p) for p in PATTERNS]
    assert computed == []
    assert len(rxmemo._table) == 3 * len(PATTERNS)
    assert got == [_computed(p) for p in PATTERNS]
    got[0]["required"].clear()  # each answer is a new list: a caller changing one changes no entry
    assert rxmemo.required_literals(PATTERNS[0]) == _computed(PATTERNS[0])["required"]


def test_the_same_entries_give_the_same_file(tmp_path: Path) -> None:
    _record(tmp_path / "a.bin")
    _record(tmp_path / "b.bin")
    assert (tmp_path / "a.bin").read_bytes() == (tmp_path / "b.bin").read_bytes()


def test_a_pattern_not_in_the_file_is_analysed_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / rxmemo.FILE_NAME
    _record(path)
    changed = re.compile(r"\b(?:fit|sick)\s+notes\b", re.IGNORECASE)
    expected = _computed(changed)
    computed = _counting(monkeypatch)
    rxmemo.use(path)
    assert _answers(changed) == expected
    assert computed == ["required", "leading", "starts"]


def test_the_key_changes_with_the_analysis_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = rxmemo._code_hash.__wrapped__()  # type: ignore[attr-defined]
    assert before is not None
    edited = tmp_path / "rxstarts.py"
    edited.write_text(Path(rxstarts.__file__).read_text() + "\n_MIN_LEAD = 3\n")
    monkeypatch.setattr(rxstarts, "__file__", str(edited))
    assert rxmemo._code_hash.__wrapped__() not in (None, before)  # type: ignore[attr-defined]
    monkeypatch.setattr(rxliterals, "__file__", str(tmp_path / "gone.py"))
    assert rxmemo._code_hash.__wrapped__() is None  # type: ignore[attr-defined]


def test_a_file_made_by_other_analysis_code_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / rxmemo.FILE_NAME
    _record(path)
    monkeypatch.setattr(rxmemo, "_code_hash", lambda: "another version of rxliterals/rxstarts")
    expected = _computed(PATTERNS[0])
    computed = _counting(monkeypatch)
    assert rxmemo.load(path) == 0
    assert _answers(PATTERNS[0]) == expected
    assert len(computed) == 3


def test_unreadable_analysis_source_turns_the_file_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / rxmemo.FILE_NAME
    monkeypatch.setattr(rxmemo, "_code_hash", lambda: None)
    _record(path)  # saved with no hash: never trusted, even by the same code
    assert rxmemo.load(path) == 0


def _other_python() -> bytes:
    key = rxmemo.build_key()
    return marshal.dumps(((*key[:2], "2.7.18 (other build)", *key[3:]), {}))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a table at all",
        marshal.dumps(rxmemo.build_key()),
        marshal.dumps((rxmemo.build_key(), {}))[:-3] + b"\xff\x00",
        marshal.dumps((rxmemo.build_key(), [1, 2, 3])),
        marshal.dumps((rxmemo.build_key(), {}, "extra")),
        b"other python",
    ],
    ids=["empty", "garbage", "key-only", "truncated", "not-a-table", "three-parts", "other-python"],
)
def test_a_corrupt_or_foreign_file_is_ignored_without_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / rxmemo.FILE_NAME
    path.write_bytes(_other_python() if content == b"other python" else content)
    assert rxmemo.load(path) == 0
    rxmemo.use(path)
    assert _answers(PATTERNS[1]) == _computed(PATTERNS[1])


def test_a_missing_file_is_no_error(tmp_path: Path) -> None:
    rxmemo.use(tmp_path / "nowhere" / rxmemo.FILE_NAME)
    assert _answers(PATTERNS[0]) == _computed(PATTERNS[0])


@pytest.mark.parametrize(
    "damaged",
    [[frozenset({"note"})], ("note",), (("note", 1),), None],
    ids=["a-list", "strings-not-clauses", "not-a-string", "none"],
)
def test_a_damaged_entry_is_analysed_again(tmp_path: Path, damaged: Any) -> None:
    pattern = PATTERNS[0]
    key = ("required", pattern.pattern, int(pattern.flags))
    table = {key: damaged, ("starts", pattern.pattern, int(pattern.flags)): ("a", "b", "c")}
    path = tmp_path / rxmemo.FILE_NAME
    path.write_bytes(marshal.dumps((rxmemo.build_key(), table)))
    rxmemo.use(path)
    assert rxmemo.required_literals(pattern) == rxliterals.required_literals(pattern)
    assert rxmemo.start_parts(pattern) == rxstarts._start_parts(pattern)


# -- the whole pipeline, in new processes (nothing built or recorded before) ---------------------------
_AUDIT = """
import json, sys
from pathlib import Path
from letter_audit import audit
from letter_audit.pipeline import rxfilter, rxmemo
rxfilter._WARM_USES = 1  # every gate and scanner builds at its first use
rxmemo._started[0] = True  # not the shipped file: only the one given, if any
if sys.argv[1] != "-":
    rxmemo.use(Path(sys.argv[1]))
rxmemo.use = lambda path: None
computed = []
for name, (compute, save_form, read_form) in list(rxmemo.ANALYSES.items()):
    def counted(pattern, compute=compute, name=name):
        computed.append(name)
        return compute(pattern)
    rxmemo.ANALYSES[name] = (counted, save_form, read_form)
reports = {p: audit(Path(p)).model_dump_json() for p in sys.argv[2:]}
print(json.dumps({"computed": len(computed), "reports": reports}))
"""


def _run(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analyses ``scripts/build_pipeline.py`` records for the shipped pipeline (in a copy of it)."""
    copy = tmp_path_factory.mktemp("rxmemo") / "pipeline"
    shutil.copytree(models_dir() / "pipeline", copy, ignore=shutil.ignore_patterns(rxmemo.FILE_NAME))
    script = ROOT / "scripts" / "build_pipeline.py"
    command = [sys.executable, str(script), "--regex-cache-only", str(copy)]
    subprocess.run(command, check=True, capture_output=True)
    return copy / rxmemo.FILE_NAME


def _check_every_entry(path: Path) -> int:
    key, table = marshal.loads(path.read_bytes())
    assert key == rxmemo.build_key()
    for (name, pattern, flags), saved in table.items():
        compute, _, read_form = rxmemo.ANALYSES[name]
        assert read_form(saved) == compute(Source(pattern, flags)), (name, pattern[:80])
    return len(table)


@pytest.mark.slow
def test_every_recorded_analysis_of_the_pipeline_is_the_computed_one(recorded: Path) -> None:
    assert _check_every_entry(recorded) > 1000


def test_every_analysis_in_the_shipped_file_is_the_computed_one() -> None:
    # The file ships with the pipeline: missing or made by other analysis code, every batch would parse
    # every pattern again (slower, never wrong), so a change to the analysis code must rebuild it.
    path = models_dir() / "pipeline" / rxmemo.FILE_NAME
    assert path.is_file(), "no saved gate analyses; run 'python scripts/build_pipeline.py'"
    saved, now = marshal.loads(path.read_bytes())[0], rxmemo.build_key()
    assert saved[:2] == now[:2], "made by other analysis code: run 'python scripts/build_pipeline.py'"
    if saved != now:
        pytest.skip("the shipped gate analyses were made by another Python build")
    assert _check_every_entry(path) > 1000


@pytest.mark.slow
def test_reports_are_the_same_with_and_without_the_file(recorded: Path) -> None:
    letters = sorted((ROOT / "fixtures/letters/dev").glob("*.txt"))
    picked = [str(p) for p in letters[:4] + sorted(letters, key=lambda p: -p.stat().st_size)[:2]]
    with_file = json.loads(_run(_AUDIT, str(recorded), *picked))
    without = json.loads(_run(_AUDIT, "-", *picked))
    assert with_file["reports"] == without["reports"]
    # A few scanners of the standard's single cues are made only for letters that need them.
    assert without["computed"] > 100
    assert with_file["computed"] < without["computed"] / 10


_BESIDE = """
import sys
from letter_audit.pipeline import load_pipeline, rxmemo
from letter_audit.pipeline.rxliterals import Source
rxmemo._started[0] = True  # not the shipped file
load_pipeline(sys.argv[1])
before = len(rxmemo._table)
rxmemo.required_literals(Source("no such pattern", 0))
print(before, len(rxmemo._table))
"""


@pytest.mark.slow
def test_the_file_beside_a_pipeline_loaded_from_elsewhere_is_read_at_the_first_analysis(
    recorded: Path,
) -> None:
    count = len(marshal.loads(recorded.read_bytes())[1])
    assert _run(_BESIDE, str(recorded.parent)) == f"0 {count}"
