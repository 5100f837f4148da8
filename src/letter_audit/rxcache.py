"""Compiled regular expressions saved with the pipeline, so a new process skips ``re``'s compiler.

Why: the rule components and the standard compile about 1,300 regular expressions, many of them large
alternations, and ``re`` turns a pattern into engine code with a parser and compiler written in Python.
That was the largest single cost of a cold ``letter-audit check`` (about 0.4-0.5 s of 1.3-1.5 s).
``scripts/build_pipeline.py`` records the engine code of every pattern compiled while the saved
pipeline loads and a few letters are audited, and writes it to ``models/pipeline/regex_code.bin``. While
``routed()`` is active, a compile that ``re``'s own per-process cache misses looks the pattern up there
and hands the saved code straight to the engine (``_sre.compile``, the call ``re`` itself ends with).

Why it cannot go stale: an entry is found only by the exact pattern text and flags it was made from,
so a changed rule simply misses and is compiled as usual (slower, never different). The engine code
belongs to one Python build, so the file records the Python version and the engine's magic number,
code size and limits; a file written by any other build, or one that cannot be read, is ignored
whole. Anything unexpected falls back to ``re``'s own compiler: the cache can only make a start
faster, never change a result or raise.
"""

from __future__ import annotations

import io
import logging
import marshal
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "regex_code.bin"
_FORMAT = 1

try:  # the engine's private module; without it (another Python) the cache is simply off
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _REAL_COMPILE = _compiler.compile
    _ENABLED = array("I").itemsize == _sre.CODESIZE
except (ImportError, AttributeError):  # pragma: no cover - not CPython 3.11+
    _ENABLED = False

# (pattern, flags) -> (final flags, engine code as bytes, groups - 1, groupindex, indexgroup)
Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

_table: dict[tuple[str, int], Entry] = {}
_loaded: set[Path] = set()
_recorder: dict[tuple[str, int], Entry] | None = None
_lock = threading.RLock()
_depth = 0


def build_key() -> tuple[Any, ...]:
    """What must be equal for saved engine code to be valid: this Python and its regex engine."""
    if not _ENABLED:
        return (_FORMAT, None)
    return (_FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE,
            _sre.MAXREPEAT, _sre.MAXGROUPS)


def _entry(pattern: str, flags: int) -> Entry:
    """Parse and compile ``pattern`` exactly as ``re._compiler.compile`` does, keeping the pieces."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | tree.state.flags), array("I", code).tobytes(), tree.state.groups - 1,
            {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))


def _pattern(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _compile(pattern: Any, flags: int = 0) -> Any:
    """Stands in for ``re._compiler.compile`` while routed: saved code first, else the real thing."""
    if type(pattern) is str and not flags & re.DEBUG:
        key = (pattern, int(flags))
        recorder = _recorder
        if recorder is not None:
            made = recorder.get(key) or _entry(pattern, key[1])
            recorder[key] = made
            return _pattern(pattern, made)
        entry = _table.get(key)
        if entry is not None:
            try:
                return _pattern(pattern, entry)
            except Exception:  # noqa: BLE001 - a bad entry must never cost more than a compile
                log.debug("regex cache entry unusable; compiling instead")
    return _REAL_COMPILE(pattern, flags)


def add_saved_table(
    path: Path,
    table: dict[Any, Any],
    key: Any,
    parse: Callable[[bytes], tuple[Any, Any]],
    what: str,
) -> int:
    """Add to ``table`` the entries saved at ``path`` when the file's build key is ``key``; how many were
    added. ``parse`` turns the file's bytes into (build key, entries). Any other key, a file that cannot
    be read or parsed, or entries that are not a table add nothing: a saved table only ever saves work.
    Shared by this cache and the gates' saved analyses (``pipeline/rxmemo``); callers hold their lock."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    try:
        saved_key, entries = parse(data)
        if saved_key != key:
            log.debug("%s %s was made by other code or another Python; not used", what, path.name)
            return 0
        if not isinstance(entries, dict):
            raise ValueError("not a table")
    except Exception:  # noqa: BLE001 - corrupt or foreign file: start without it
        log.debug("%s %s unreadable; not used", what, path.name)
        return 0
    before = len(table)
    table.update(entries)
    return len(table) - before


def _two_records(data: bytes) -> tuple[Any, Any]:
    """This cache's file: the build key, then the table, as two marshal records."""
    stream = io.BytesIO(data)
    key = marshal.load(stream)
    if key != build_key():
        return key, None  # (the table of another build is not read at all)
    return key, marshal.load(stream)


def load(path: Path) -> int:
    """Add the entries saved at ``path`` (once per path); how many were added (0: none usable)."""
    path = Path(path)
    with _lock:
        if not _ENABLED or path in _loaded:
            return 0
        _loaded.add(path)
        return add_saved_table(path, _table, build_key(), _two_records, "regex cache")


def save(path: Path, entries: dict[tuple[str, int], Entry]) -> None:
    """Write ``entries`` for this Python build (what ``load`` reads back): the build key, then the
    table. Not compressed: inflating it took longer than reading it (git and wheels compress anyway)."""
    table = dict(sorted(entries.items()))
    Path(path).write_bytes(marshal.dumps(build_key()) + marshal.dumps(table))


def _enter() -> None:
    global _depth
    with _lock:
        if _depth == 0:
            _compiler.compile = _compile
        _depth += 1


def _leave() -> None:
    global _depth
    with _lock:
        _depth -= 1
        if _depth == 0:
            _compiler.compile = _REAL_COMPILE


@contextmanager
def routed(path: Path | None = None) -> Iterator[None]:
    """Compile regular expressions through the saved code at ``path`` (default: the shipped
    pipeline's) until the block ends. Nested and concurrent blocks are fine: the compiler is put back
    when the last one ends, and either way a pattern compiles to the same thing."""
    if not _ENABLED:
        yield
        return
    if path is None:
        from .paths import models_dir

        path = models_dir() / "pipeline" / FILE_NAME
    load(path)
    _enter()
    try:
        yield
    finally:
        _leave()


@contextmanager
def recording() -> Iterator[dict[tuple[str, int], Entry]]:
    """Route every compile through the recorder (saved code ignored); yields what it records.

    For ``scripts/build_pipeline.py``, in a new process, so ``re``'s per-process cache holds nothing
    compiled before."""
    global _recorder
    if not _ENABLED:
        yield {}
        return
    entries: dict[tuple[str, int], Entry] = {}
    re.purge()
    with _lock:
        _recorder = entries
    _enter()
    try:
        yield entries
    finally:
        _leave()
        with _lock:
            _recorder = None
