"""What literal strings any match of a regex must contain, read from the pattern's parse tree.

Why its own module: working out required literals is pure analysis of ``re``'s parse tree, shared by
the gates (``rxfilter.Gate``) and the start finders (``rxstarts``); it holds no state but the parse
cache, so both read one parse of a pattern.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple, Protocol

_MAX_EXACT = 24  # most strings kept for one part of a pattern before it is cut into separate clauses
_MIN_LEN = 2  # a clause whose shortest literal is shorter than this says too little to be worth a test
_MAX_CLAUSES = 4
_BAR = frozenset({"|"})  # a one-character clause still worth a test (see ``required_literals``)


class Regex(Protocol):
    """What a gate reads of a pattern: a compiled ``re.Pattern`` or a ``Source``."""

    @property
    def pattern(self) -> str: ...
    @property
    def flags(self) -> int: ...


class Source(NamedTuple):
    """A pattern's text and flags, for a gate on a part that is never compiled on its own."""

    pattern: str
    flags: int


Info = tuple[frozenset[str] | None, list[frozenset[str]]]  # exact strings (or None), necessary clauses
_UNKNOWN: Info = (None, [])
_EMPTY: Info = (frozenset({""}), [])


def _caseless_mark(ch: str) -> bool:
    """Whether ``ch`` is a non-ASCII punctuation mark or space ("’", "–") that matches only
    itself under ``re.IGNORECASE`` and that lowering leaves in place: no such character has a case or
    is another character's lowercase, so it can be looked for as it is ("’ll" in "we’ll")."""
    return unicodedata.category(ch)[0] in "PZ" and ch.lower() == ch == ch.upper()


def _lit(code: int) -> Info:
    ch = chr(code)
    return (frozenset({ch.lower()}), []) if ch.isascii() or _caseless_mark(ch) else _UNKNOWN


def _charset(items: list[tuple[Any, Any]]) -> Info:
    chars: set[str] = set()
    for op, av in items:
        if op is not C.LITERAL or not chr(av).isascii():
            return _UNKNOWN
        chars.add(chr(av).lower())
    return (frozenset(chars), []) if 0 < len(chars) <= 6 else _UNKNOWN


def _as_clause(exact: frozenset[str] | None) -> list[frozenset[str]]:
    if exact is None or "" in exact:
        return []
    return [exact]


def _branch(alts: list[Info]) -> Info:
    if all(e is not None for e, _ in alts):
        union = frozenset().union(*(e for e, _ in alts if e is not None))
        if len(union) <= _MAX_EXACT:
            return (union, [])
    pick: set[str] = set()
    for exact, clauses in alts:
        options = _as_clause(exact) + clauses
        if not options:
            return _UNKNOWN
        pick |= max(options, key=lambda c: min(len(s) for s in c))  # the alternative's best clause
    return (None, [frozenset(pick)])


def _repeat(lo: int, hi: int, inner: Info) -> Info:
    exact, clauses = inner
    if lo == 0:
        if hi == 1 and exact is not None:
            return (exact | {""}, [])
        return _UNKNOWN
    if lo == hi == 1:
        return inner
    return (None, _as_clause(exact) + clauses)


def _node(op: Any, av: Any) -> Info:
    if op is C.LITERAL:
        return _lit(av)
    if op is C.IN:
        return _charset(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _EMPTY
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _seq(av)
    if op is C.BRANCH:
        return _branch([_seq(alt) for alt in av[1]])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, inner = av
        return _repeat(lo, hi, _seq(inner))
    return _UNKNOWN


def _seq(items: Any, prefix: frozenset[str] = frozenset({""})) -> Info:
    """A sequence: literal runs are joined while they stay few; everything else adds its clauses.

    A run just before an alternation is carried into each alternative, because the parser moves the
    common start of alternatives out ("no|nil|none" becomes "n" then "o|il|one")."""
    clauses: list[frozenset[str]] = []
    run: frozenset[str] | None = prefix
    whole_exact = True
    for op, av in items:
        if op is C.BRANCH and run is not None and run != _EMPTY[0]:
            exact, inner = _branch([_seq(alt, run) for alt in av[1]])
            clauses.extend(inner)
            if exact is None:
                whole_exact = False
            run = exact
            continue
        exact, inner = _node(op, av)
        clauses.extend(inner)
        if exact is not None and run is not None and len(run) * len(exact) <= _MAX_EXACT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        whole_exact = False
        if run is not None:
            clauses.extend(_as_clause(run))
        run = exact
        if exact is None and inner:
            run = frozenset({""})
    if whole_exact and run is not None:
        return (run, clauses)
    clauses.extend(_as_clause(run))
    return (None, clauses)


@lru_cache(maxsize=16)
def _parse(pattern: str, flags: int) -> Any:
    """The parse tree of a pattern (None if it cannot be parsed). Only read, never changed, so a gate
    and a scanner on the same pattern share one parse (``build_pending`` builds them side by side)."""
    try:
        return _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001
        return None


def required_literals(pattern: Regex) -> list[frozenset[str]]:
    """Groups of lowered literals such that any match of ``pattern`` contains one of each group."""
    tree = _parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    if tree is None:  # an unreadable tree just means no gate
        return []
    exact, clauses = _seq(tree)
    clauses = clauses + _as_clause(exact)
    useful = {c for c in clauses if min(len(s) for s in c) >= _MIN_LEN}
    # The most telling clauses first (longest shortest-literal, then fewest), only a few of them.
    ranked = sorted(useful, key=lambda c: (-min(len(s) for s in c), len(c), sorted(c)))
    # A table cell bar is one character but rare in letters: a pattern that needs one is tested for it
    # last (the first clause, which ``GateIndex`` uses, stays the most telling word).
    return ranked[:_MAX_CLAUSES] + [c for c in clauses if c == _BAR][:1]
