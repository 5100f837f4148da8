"""The literal analysis of each rule pattern, saved with the pipeline, so a process need not parse again.

Why: a gate or scanner (``rxfilter``) works out, when it is built, the literals a match of its pattern
needs (``rxliterals.required_literals``) and where a match can start (``rxstarts.leading_literals``
and ``rxstarts._start_parts``), each by parsing the pattern again with ``re``'s parser in Python.
That was about 80% of a batch's warm-up before it forks its workers (serial work, so it capped the
speed-up of two jobs), and a cold ``check`` of a long letter pays it for every gate that letter
builds. ``scripts/build_pipeline.py`` records every analysis made while the saved pipeline and the
standard load, a sample of letters is audited and every gate and scanner is built, and writes them
to ``models/pipeline/gate_analysis.bin``. The analyses below look there first.

Why it cannot go stale: an entry is found only by the analysis, the exact pattern text and flags it
was made from, so a changed rule simply misses and is analysed as usual. An analysis is also a
function of the code that does it, so the file's build key holds a hash of the source of the modules
that decide a result (``rxliterals``, ``rxstarts`` and this one) and the Python version (``re``'s
parser, the Unicode tables): after any change to either, the whole file is ignored, as is a file that
cannot be read or is not a table. An entry of the wrong shape is analysed again. Nothing here
raises or changes a result; a stale entry could make a gate wrongly say "no match", which is why the
key is so strict. The file is read at the first analysis, not at start: a one-letter ``check`` of a
short letter builds no gate and never reads it.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import rxliterals, rxstarts
from .rxliterals import Regex
from .rxstarts import PlanParts

log = logging.getLogger(__name__)

FILE_NAME = "gate_analysis.bin"
_FORMAT = 1

Key = tuple[str, str, int]  # (analysis, pattern text, flags)
_MISSING = object()

_table: dict[Key, Any] = {}
_loaded: set[Path] = set()
_wanted: list[Path] = []  # files to read at the next analysis
_started = [False]  # whether the shipped pipeline's file has been asked for
_recorder: dict[Key, Any] | None = None
_lock = threading.RLock()


@lru_cache(maxsize=1)
def _code_hash() -> str | None:
    """A hash of the source of every module whose code decides an analysis (None: unreadable)."""
    digest = hashlib.sha256()
    try:
        for module in (rxliterals, rxstarts, sys.modules[__name__]):
            source = Path(module.__file__ or "").read_bytes()
            digest.update(f"{module.__name__}:{len(source)}:".encode())
            digest.update(source)
    except (OSError, KeyError):
        return None
    return digest.hexdigest()


def build_key() -> tuple[Any, ...]:
    """What must be equal for saved analyses to be valid: this code, this Python, its Unicode tables."""
    return (_FORMAT, _code_hash(), sys.version, sys.implementation.cache_tag, unicodedata.unidata_version)


# -- how each analysis is saved: sorted tuples of strings (the file is the same on every build) --------
def _strings(value: Any) -> frozenset[str]:
    if type(value) is not tuple or not all(type(s) is str for s in value):
        raise ValueError("not a tuple of strings")
    return frozenset(value)


def _save_required(value: list[frozenset[str]]) -> Any:
    return tuple(tuple(sorted(clause)) for clause in value)


def _read_required(saved: Any) -> list[frozenset[str]]:
    if type(saved) is not tuple:
        raise ValueError("not a tuple")
    return [_strings(clause) for clause in saved]


def _save_leading(value: frozenset[str] | None) -> Any:
    return None if value is None else tuple(sorted(value))


def _read_leading(saved: Any) -> frozenset[str] | None:
    return None if saved is None else _strings(saved)


def _save_starts(value: PlanParts | None) -> Any:
    if value is None:
        return None
    words, lines, behinds = value
    return (tuple(sorted(words)), bool(lines), tuple(sorted(behinds)))


def _read_starts(saved: Any) -> PlanParts | None:
    if saved is None:
        return None
    if type(saved) is not tuple or len(saved) != 3 or type(saved[1]) is not bool:
        raise ValueError("not a plan")
    return (_strings(saved[0]), saved[1], _strings(saved[2]))


# name -> (the analysis, how its result is saved, how a saved one is read back)
ANALYSES: dict[str, tuple[Callable[[Regex], Any], Callable[[Any], Any], Callable[[Any], Any]]] = {
    "required": (rxliterals.required_literals, _save_required, _read_required),
    "leading": (rxstarts.leading_literals, _save_leading, _read_leading),
    "starts": (rxstarts._start_parts, _save_starts, _read_starts),
}


def _analysed(name: str, pattern: Regex) -> Any:
    """``name``'s analysis of ``pattern``: the saved one when there is one, else computed."""
    compute, save_form, read_form = ANALYSES[name]
    text, flags = pattern.pattern, pattern.flags
    if type(text) is not str or not isinstance(flags, int):
        return compute(pattern)
    key = (name, text, int(flags))  # a ``re.RegexFlag`` as a plain int, as the file holds it
    recorder = _recorder
    if recorder is not None:
        value = compute(pattern)
        recorder[key] = save_form(value)
        return value
    if _wanted or not _started[0]:
        _load_wanted()
    saved = _table.get(key, _MISSING)
    if saved is not _MISSING:
        try:
            return read_form(saved)
        except Exception:  # noqa: BLE001 - a bad entry must never cost more than the analysis
            log.debug("gate analysis entry unusable; analysing instead")
    return compute(pattern)


def required_literals(pattern: Regex) -> list[frozenset[str]]:
    """``rxliterals.required_literals``, from the saved analyses when they hold it."""
    return _analysed("required", pattern)  # type: ignore[no-any-return]


def leading_literals(pattern: Regex) -> frozenset[str] | None:
    """``rxstarts.leading_literals``, from the saved analyses when they hold it."""
    return _analysed("leading", pattern)  # type: ignore[no-any-return]


def start_parts(pattern: Regex) -> PlanParts | None:
    """``rxstarts._start_parts``, from the saved analyses when they hold it."""
    return _analysed("starts", pattern)  # type: ignore[no-any-return]


# -- the file -----------------------------------------------------------------------------------------
def use(path: Path) -> None:
    """Read the analyses saved at ``path`` too, at the next analysis (nothing is read now)."""
    path = Path(path)
    with _lock:
        if path not in _loaded and path not in _wanted:
            _wanted.append(path)


def _load_wanted() -> None:
    with _lock:
        if not _started[0]:
            _started[0] = True
            from ..paths import models_dir

            use(models_dir() / "pipeline" / FILE_NAME)
        while _wanted:
            load(_wanted.pop(0))


def load(path: Path) -> int:
    """Add the analyses saved at ``path`` (once per path); how many were added (0: none usable)."""
    from ..rxcache import add_saved_table

    path = Path(path)
    with _lock:
        if path in _loaded:
            return 0
        _loaded.add(path)
        key = build_key()
        if key[1] is None:  # the analysing code could not be read, so no file can be known to fit it
            return 0
        # (one marshal record, read from bytes: reading a stream took five times longer)
        return add_saved_table(path, _table, key, marshal.loads, "gate analyses")


def save(path: Path, entries: dict[Key, Any]) -> None:
    """Write ``entries`` (from ``recording``) for this code and Python: the build key and the table.
    The same entries give the same bytes (sorted keys, sorted strings in each value)."""
    Path(path).write_bytes(marshal.dumps((build_key(), dict(sorted(entries.items())))))


@contextmanager
def recording(entries: dict[Key, Any] | None = None) -> Iterator[dict[Key, Any]]:
    """Analyse every pattern afresh (saved analyses ignored) and record each in ``entries`` (default:
    a new table); yields the records. For ``scripts/build_pipeline.py``."""
    global _recorder
    entries = {} if entries is None else entries
    with _lock:
        _recorder = entries
    try:
        yield entries
    finally:
        with _lock:
            _recorder = None
