"""One shared pass over a text that says which rule patterns cannot match anywhere in it (Hyperscan).

Why: a planned ``Scanner`` pays its word-start finder and a ``match`` at every candidate place even
when the pattern cannot match anywhere in the text. Hyperscan scans a text once against thousands of
patterns. Each pattern is translated into a *prefilter* form over the UTF-8 bytes of the lowered text
(``Haystack.low``) that accepts a superset of what the Python pattern can match in any sub-range of the
text: zero-width assertions (``^ $ \\b``, look-arounds) are dropped, because patterns run with
``pos``/``endpos`` where they hold differently at the range edges; possessive, atomic and lazy become
plain; a backreference becomes "any bytes"; every character the pattern could take that is not ASCII
becomes "any one non-ASCII character". A pattern whose prefilter has no hit in the text therefore has
no match in it, so skipping it never changes a result. Patterns Hyperscan refuses, or that could match
the empty string, are simply never skipped. Without the ``hyperscan`` package nothing is skipped.

The translation of one pattern is ``hs_translate.py``; this module builds, caches, loads and scans the
database.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from .hs_translate import prefilter_source

__all__ = ["Prefilter", "enabled_prefilter", "prefilter_source", "shipped_path"]


_HS_FLAGS = ("HS_FLAG_DOTALL", "HS_FLAG_SINGLEMATCH")
_FORMAT = b"la-hsprefilter-1"  # bump when the translation changes: it is part of the cache file's name
Key = tuple[str, int]
Loaded = tuple[Any, list[Key], list[int]]  # a database, the patterns it was made from, the ids it holds


def _hyperscan() -> Any:
    """The ``hyperscan`` module, or None when it is not installed (then nothing is ever skipped)."""
    try:
        import hyperscan
    except ImportError:
        return None
    return hyperscan


def _flags(hs: Any) -> int:
    out = 0
    for name in _HS_FLAGS:
        out |= getattr(hs, name)
    return out


def compile_database(hs: Any, sources: dict[int, bytes]) -> tuple[Any, list[int]]:
    """A block-mode database of ``sources`` (by id: a hit reports its id) and the ids it holds; a source
    Hyperscan refuses is left out (found by compiling each alone), and so never skipped."""
    flags = _flags(hs)
    kept = sorted(sources)
    while kept:
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        try:
            db.compile(expressions=[sources[i] for i in kept], ids=kept, elements=len(kept), flags=flags)
            return db, kept
        except hs.error:
            good = [i for i in kept if _compiles(hs, sources[i], flags)]
            if len(good) == len(kept):  # refused together but not alone: no database
                return None, []
            kept = good
    return None, []


def _compiles(hs: Any, source: bytes, flags: int) -> bool:
    try:
        hs.Database(mode=hs.HS_MODE_BLOCK).compile(expressions=[source], ids=[0], elements=1, flags=flags)
    except hs.error:
        return False
    return True


def _file_name(hs: Any) -> str:
    import hashlib  # here, not at the top: a one-letter check never needs it

    digest = hashlib.sha256(_FORMAT + str(hs.__version__).encode()).hexdigest()
    return f"hsprefilter-{digest[:16]}.db"


def shipped_path() -> Path:
    """A database saved beside the pipeline (``--out`` of this module's command), read-only."""
    from ..paths import models_dir

    return models_dir() / "pipeline" / "hsprefilter.db"


def _best(found: list[Loaded | None], keys: frozenset[Key]) -> Loaded | None:
    """The loaded database holding the most of ``keys`` (the first on a tie)."""
    best: Loaded | None = None
    for item in found:
        if item is not None and (best is None or _covered(item, keys) > _covered(best, keys)):
            best = item
    return best


def _covered(item: Loaded, keys: frozenset[Key]) -> int:
    _, ordered, held = item
    return sum(1 for i in held if ordered[i] in keys)


def cache_dir() -> Path:
    """Where compiled databases are kept: ``LETTER_AUDIT_HS_CACHE``, else the user's cache folder."""
    chosen = os.environ.get("LETTER_AUDIT_HS_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "letter-audit"


class Prefilter:
    """The patterns registered so far, one database over their prefilter forms, and which of them have
    a hit in the last few texts.

    Compiling the database takes seconds (about 300 patterns: 3-11 s on the shared machine), more than
    a batch of a few thousand letters saves, so it is never compiled on the way: ``build`` loads it
    from the user's cache or from ``models/pipeline/hsprefilter.db`` (whichever holds more of the
    registered patterns), and ``python -m letter_audit.pipeline.hsprefilter`` compiles it. A missing,
    unreadable or foreign file, or no ``hyperscan``, leaves every pattern without a slot: today's
    behaviour."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, int], int] = {}
        self._slots: dict[tuple[str, int], int] = {}
        self._tried: frozenset[tuple[str, int]] | None = None
        self._complete = False  # every pattern of ``_tried`` was considered for the database
        self._db: Any = None
        self._size = 0
        self._hits: dict[str, bytearray] = {}
        self._hs: Any = None
        self._local = threading.local()
        self.source = "none"  # how the database came: "none", "cache" or "compiled"

    def register(self, pattern: str, flags: int) -> None:
        """Note a pattern for the database (cheap: nothing is translated until ``build``)."""
        key = (pattern, flags)
        if key not in self._keys:
            self._keys[key] = len(self._keys)

    @property
    def ready(self) -> bool:
        return self._db is not None

    def build(self, *, compile_missing: bool = False, out: Path | None = None) -> bool:
        """Load (or with ``compile_missing`` compile and save) the database; True when one is in use.

        The cache file names the patterns it was made from, so any process finds its patterns' slots in
        it whatever else it registered; with ``compile_missing`` a file that lacks some registered
        pattern is compiled again over both (the file's other patterns kept while they are no more
        than those registered, so edited rules do not pile up). Done again only when patterns were
        registered since."""
        keys = frozenset(self._keys)
        if self._tried == keys and (self._complete or not compile_missing):
            return self._db is not None
        self._tried = keys
        hs = _hyperscan()
        if hs is None:
            return False
        path = cache_dir() / _file_name(hs)
        loaded = _best([_load(hs, path), _load(hs, shipped_path())], keys)
        known = set(loaded[1]) if loaded is not None else set()
        if compile_missing and not keys <= known:
            mine = sorted(keys)
            others = sorted(known - keys)
            ordered = mine + (others if len(others) <= len(mine) else [])
            sources = {i: prefilter_source(*key) for i, key in enumerate(ordered)}
            db, kept = compile_database(hs, {i: src for i, src in sources.items() if src is not None})
            if db is not None:
                loaded = (db, ordered, kept)
                _save(hs, out or path, *loaded)
                self.source = "compiled"
        elif loaded is not None:
            self.source = "cache"
        if loaded is None:
            return False
        db, ordered, held = loaded
        self._complete = keys <= set(ordered)
        self._db, self._size, self._hs = db, len(ordered), hs
        self._local = threading.local()
        self._slots = {ordered[i]: i for i in held}
        self._hits.clear()
        return True

    def slot(self, pattern: str, flags: int) -> int | None:
        """The pattern's index in the database, or None when it has none (never skipped). Nothing is
        loaded here: a one-letter ``check`` would pay more for importing hyperscan and reading the
        database (milliseconds) than one scan saves, so only ``build`` (a batch, before forking) loads it."""
        return self._slots.get((pattern, flags))

    def hits(self, low: str) -> bytearray:
        """One byte per registered pattern: 1 where its prefilter has a hit in ``low``. Each thread
        scans with its own scratch space, and an answer is shared only once complete; a failed scan
        answers "maybe" for every pattern."""
        found = self._hits.get(low)
        if found is None:
            found = bytearray(self._size)
            try:
                scratch = getattr(self._local, "scratch", None)
                if scratch is None:
                    scratch = self._local.scratch = self._hs.Scratch(self._db)
                self._db.scan(
                    low.encode("utf-8", "surrogatepass"),
                    match_event_handler=_mark,
                    context=found,
                    scratch=scratch,
                )
            except Exception:  # noqa: BLE001 - never skip on a scan that did not finish
                return bytearray(b"\x01" * self._size)
            if len(self._hits) >= 64:
                self._hits.clear()
            self._hits[low] = found
        return found


def _mark(index: int, start: int, end: int, flags: int, found: bytearray) -> None:
    found[index] = 1


def _load(hs: Any, path: Path) -> Loaded | None:
    """A saved database, the patterns it was made from (by id) and the ids it holds; None when the
    file is missing or unusable (another format, another hyperscan, damaged)."""
    import json

    try:
        blob = path.read_bytes()
        size, _, rest = blob.partition(b"\n")
        head = json.loads(rest[: int(size)])
        ordered = [(str(p), int(f)) for p, f in head["keys"]]
        held = [int(i) for i in head["held"]]
        if any(not 0 <= i < len(ordered) for i in held):
            return None
        db = hs.loadb(rest[int(size) :], hs.HS_MODE_BLOCK)
        db.scan(b"", match_event_handler=_mark, context=bytearray(), scratch=hs.Scratch(db))
    except Exception:  # noqa: BLE001 - any unreadable cache just means no prefilter
        return None
    return db, ordered, held


def _save(hs: Any, path: Path, db: Any, ordered: list[Key], held: list[int]) -> None:
    """Write the database atomically; a cache that cannot be written is only a lost speed-up."""
    import json

    head = json.dumps({"keys": ordered, "held": held}).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(b"%d\n" % len(head) + head + hs.dumpb(db))
        os.replace(tmp, path)
    except OSError:
        pass


PREFILTER = Prefilter()


def enabled_prefilter() -> Prefilter | None:
    """The shared prefilter, or None when switched off (``LETTER_AUDIT_HS=0``)."""
    return None if os.environ.get("LETTER_AUDIT_HS", "1") == "0" else PREFILTER


def main(argv: list[str] | None = None) -> int:
    """Compile the prefilter database of a batch's patterns and save it (``--out``: a file, e.g.
    ``models/pipeline/hsprefilter.db``; default: the user's cache). Run by hand or after
    ``scripts/build_pipeline.py``; takes seconds."""
    import argparse
    import time

    parser = argparse.ArgumentParser(
        prog="python -m letter_audit.pipeline.hsprefilter", description=main.__doc__
    )
    parser.add_argument("--out", type=Path, help="Where to save the database (default: the user's cache)")
    args = parser.parse_args(argv)
    if _hyperscan() is None:
        print("hyperscan is not installed: nothing to compile")
        return 1
    from letter_audit.batch_warmup import warm_up
    from letter_audit.pipeline import hsprefilter  # the module the scanners use (not ``__main__``)

    shared = hsprefilter.PREFILTER
    warm_up(None)  # registers every pattern a batch uses: the pipeline's, the checks', the readers'
    began = time.perf_counter()
    if not shared.build(compile_missing=True, out=args.out):
        print("no database could be compiled")
        return 1
    where = args.out or cache_dir() / _file_name(_hyperscan())
    print(
        f"{len(shared._slots)} of {len(shared._keys)} patterns, {shared.source} in "
        f"{time.perf_counter() - began:.1f} s: {where}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
