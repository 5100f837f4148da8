"""The saved regex engine code (rxcache): same patterns as ``re``, and a bad file never hurts."""

from __future__ import annotations

import io
import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from letter_audit import rxcache
from letter_audit.paths import models_dir

pytestmark = pytest.mark.skipif(not rxcache._ENABLED, reason="no CPython regex engine here")

PATTERNS = [
    (r"(?P<drug>[a-z]+)\s+(?P<dose>\d+(?:\.\d+)?)\s*mg\b", re.IGNORECASE),
    (r"(?<![\w-])(?:stop(?:ped)?|with-?held)\b(?=[^.]{0,40}\bGP\b)", 0),
    (r"^\s*(?:[-*]|\d+[.)])\s+(.+)$", re.MULTILINE),
]
TEXT = "Stopped ramipril 2.5 mg; GP to review.\n - Atorvastatin 40 mg at night\n2) withheld amlodipine"


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with an empty table and no file loaded, and ``re`` forgets what it compiled."""
    monkeypatch.setattr(rxcache, "_table", {})
    monkeypatch.setattr(rxcache, "_loaded", set())
    re.purge()
    yield
    re.purge()
    assert re._compiler.compile is rxcache._REAL_COMPILE  # type: ignore[attr-defined]


def _summary(p: re.Pattern[str]) -> tuple[object, ...]:
    """What a pattern is and what it does on the sample text."""
    spans = [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(TEXT)]
    return (p.pattern, p.flags, p.groups, dict(p.groupindex), spans)


def _record(path: Path) -> None:
    with rxcache.recording() as entries:
        for pattern, flags in PATTERNS:
            re.compile(pattern, flags)
    assert sorted(entries) == sorted((p, int(f)) for p, f in PATTERNS)
    rxcache.save(path, entries)
    re.purge()


def _no_real_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count compiles that reach ``re``'s own compiler (a cache miss) from now on."""
    misses: list[str] = []
    real = rxcache._REAL_COMPILE

    def counting(pattern: object, flags: int = 0) -> object:
        misses.append(str(pattern))
        return real(pattern, flags)

    monkeypatch.setattr(rxcache, "_REAL_COMPILE", counting)
    return misses


def test_saved_code_gives_the_same_patterns_without_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [_summary(re.compile(p, f)) for p, f in PATTERNS]
    re.purge()
    path = tmp_path / rxcache.FILE_NAME
    _record(path)
    misses = _no_real_compiles(monkeypatch)
    with rxcache.routed(path):
        got = [_summary(re.compile(p, f)) for p, f in PATTERNS]
    assert got == expected
    assert misses == []
    assert len(rxcache._table) == 3


def test_a_pattern_not_in_the_file_compiles_as_usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / rxcache.FILE_NAME
    _record(path)
    misses = _no_real_compiles(monkeypatch)
    with rxcache.routed(path):
        changed = re.compile(r"(?P<drug>[a-z]+)\s+(?P<dose>\d+)\s*mcg\b", re.IGNORECASE)
    assert misses == [r"(?P<drug>[a-z]+)\s+(?P<dose>\d+)\s*mcg\b"]
    assert changed.search("salbutamol 100 mcg").groupdict() == {"drug": "salbutamol", "dose": "100"}


def test_a_file_from_another_python_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / rxcache.FILE_NAME
    _record(path)
    stream = io.BytesIO(path.read_bytes())
    key, table = marshal.load(stream), marshal.load(stream)
    path.write_bytes(marshal.dumps((*key[:1], "2.7.18 (other build)", *key[2:])) + marshal.dumps(table))
    misses = _no_real_compiles(monkeypatch)
    assert rxcache.load(path) == 0
    with rxcache.routed(path):
        got = _summary(re.compile(*PATTERNS[0]))
    assert len(misses) == 1
    assert got[3] == {"drug": 1, "dose": 2}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a cache at all",
        marshal.dumps(rxcache.build_key()),
        marshal.dumps(rxcache.build_key()) + b"\xff\x00 truncated",
        marshal.dumps(rxcache.build_key()) + marshal.dumps([1, 2, 3]),
    ],
    ids=["empty", "garbage", "key-only", "bad-table", "not-a-table"],
)
def test_a_corrupt_file_is_ignored_without_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / rxcache.FILE_NAME
    path.write_bytes(content)
    assert rxcache.load(path) == 0
    with rxcache.routed(path):
        assert re.compile(r"(\d+)\s*mg").search("take 5 mg").group(1) == "5"


def test_a_missing_file_is_no_error(tmp_path: Path) -> None:
    with rxcache.routed(tmp_path / "nowhere" / rxcache.FILE_NAME):
        assert re.compile("b+").search("abbbc").span() == (1, 4)


def test_a_damaged_entry_falls_back_to_compiling(tmp_path: Path) -> None:
    pattern, flags = PATTERNS[0]
    expected = _summary(re.compile(pattern, flags))
    re.purge()
    final, code, groups, groupindex, indexgroup = rxcache._entry(pattern, int(flags))
    damaged = (final, code[: len(code) // 2], groups, groupindex, indexgroup)  # engine rejects it
    path = tmp_path / rxcache.FILE_NAME
    rxcache.save(path, {(pattern, int(flags)): damaged})
    with rxcache.routed(path):
        assert _summary(re.compile(pattern, flags)) == expected


def test_routing_nests_and_puts_the_compiler_back() -> None:
    real = rxcache._REAL_COMPILE
    with rxcache.routed(Path("/nonexistent") / rxcache.FILE_NAME):
        with rxcache.routed(Path("/nonexistent") / rxcache.FILE_NAME):
            assert re._compiler.compile is rxcache._compile  # type: ignore[attr-defined]
        assert re._compiler.compile is rxcache._compile  # type: ignore[attr-defined]
    assert re._compiler.compile is real  # type: ignore[attr-defined]


_COUNT_MISSES = """
import json, sys
from letter_audit import rxcache
misses = []
real = rxcache._REAL_COMPILE
def ours(frame):
    # The first caller outside re and rxcache: a pattern of the project's own rules, or a library's
    # (pydantic, spaCy), whose patterns change with the installed versions and are not the rules'.
    while frame is not None and (
        "/re/" in frame.f_code.co_filename or frame.f_code.co_filename.endswith("rxcache.py")
    ):
        frame = frame.f_back
    return frame is not None and "letter_audit" in frame.f_code.co_filename
def counting(pattern, flags=0):
    if isinstance(pattern, str) and ours(sys._getframe(1)):
        misses.append(pattern[:80])
    return real(pattern, flags)
rxcache._REAL_COMPILE = counting
from letter_audit.pipeline import load_pipeline
load_pipeline()
print(json.dumps(misses))
"""


@pytest.mark.slow
def test_the_shipped_pipeline_loads_without_compiling() -> None:
    """models/pipeline/regex_code.bin holds every pattern the saved pipeline compiles on load, so a
    cold start compiles none; fails when the cache is stale (run scripts/build_pipeline.py)."""
    path = models_dir() / "pipeline" / rxcache.FILE_NAME
    assert path.is_file(), "no regex cache; run 'python scripts/build_pipeline.py'"
    if marshal.load(io.BytesIO(path.read_bytes())) != rxcache.build_key():
        pytest.skip("the shipped regex cache was written by another Python build")
    done = subprocess.run([sys.executable, "-c", _COUNT_MISSES], capture_output=True, text=True, check=True)
    misses = json.loads(done.stdout.strip().splitlines()[-1])
    assert misses == [], f"regex cache is stale; run 'python scripts/build_pipeline.py' ({misses[:3]})"


_RECORD_PATTERNS = """
import json, sys
from pathlib import Path
from letter_audit import audit, rxcache
from letter_audit.pipeline import load_pipeline
from letter_audit.standard import load_standard
with rxcache.recording() as entries:
    nlp = load_pipeline()
    standard = load_standard()
    for path in sys.argv[1:]:
        audit(Path(path), standard=standard, nlp=nlp)
print(json.dumps(sorted(p for p, _ in entries)))
"""


@pytest.mark.slow
def test_pattern_texts_do_not_depend_on_the_hash_seed() -> None:
    """Saved code is found by the exact pattern text, so a pattern assembled from a set in hash order
    (different in each process) would miss the cache every start: two seeds must compile the same texts."""
    dev = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "dev"
    letters = [str(p) for p in sorted(dev.glob("*.txt"))[:6]]
    seen = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _RECORD_PATTERNS, *letters],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        seen.append(set(json.loads(done.stdout.strip().splitlines()[-1])))
    only_one = sorted(seen[0] ^ seen[1])
    assert len(seen[0]) > 1000
    assert only_one == [], f"pattern text differs between processes: {[p[:80] for p in only_one[:3]]}"
