"""A regular expression's Hyperscan *prefilter* form: a byte pattern that accepts a superset of its matches.

Why a module of its own: ``hsprefilter.py`` keeps the Hyperscan database (building, caching, scanning);
this part only translates one Python ``str`` pattern, from the tree ``re`` parses it into, to a byte
pattern over the UTF-8 of the lowered text. The rules of the translation (which constructs are dropped,
widened or refused, and why the result never rejects a text the pattern could match in) are in
``hsprefilter``'s docstring.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CP = rb"[\xc2-\xf4][\x80-\xbf]{1,3}"  # one non-ASCII code point, as UTF-8 (surrogatepass included)
_WILD = rb"[\x00-\xff]+"  # one or more characters of any kind: a negated class, "." (a superset)
_ANYBYTES = rb"[\x00-\xff]*"
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPACE = frozenset(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")
_DIGIT = frozenset("0123456789")
_ASCII = frozenset(chr(i) for i in range(128))
_CATEGORIES: dict[Any, tuple[frozenset[str], bool]] = {
    # ASCII members, and whether some non-ASCII character is a member too (str patterns are Unicode)
    C.CATEGORY_DIGIT: (_DIGIT, True),
    C.CATEGORY_NOT_DIGIT: (_ASCII - _DIGIT, True),
    C.CATEGORY_SPACE: (_SPACE, True),
    C.CATEGORY_NOT_SPACE: (_ASCII - _SPACE, True),
    C.CATEGORY_WORD: (_WORD, True),
    C.CATEGORY_NOT_WORD: (_ASCII - _WORD, True),
}
_MAX_REPEAT = 1000  # a larger bound is treated as unbounded (a superset)
_NEARLY_ALL = 90  # a class of this many lowered ASCII characters is written as "any character"


class Refused(Exception):
    """The pattern holds something the translation does not handle: it is never skipped."""


def _cased(chars: set[str]) -> set[str]:
    """Both cases of each ASCII letter: the text is lowered, and a case-sensitive pattern's "A" is "a"
    there."""
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars}


def _class(chars: set[str], non_ascii: bool) -> bytes:
    """One character of ``chars`` (ASCII) as it stands in the lowered text (lowercase letters only,
    so the database needs no caseless mode), or with ``non_ascii`` any non-ASCII character too.
    Classes stay exact: with "\\s" as "any characters" the database took about twice as long to
    compile, scanned three times slower and let more patterns through (see the experiments README)."""
    low = {c.lower() for c in _cased(chars) if c.isascii()}
    if len(low) >= _NEARLY_ALL:
        return _WILD
    if not low:
        if not non_ascii:
            raise Refused("empty class")
        return _CP
    body = _char(next(iter(low))) if len(low) == 1 else b"[" + b"".join(_char(c) for c in sorted(low)) + b"]"
    return b"(?:" + body + b"|" + _CP + b")" if non_ascii else body


def _char(ch: str) -> bytes:
    return ch.encode() if ch.isalnum() else b"\\x%02x" % ord(ch)


def _literal(code: int) -> bytes:
    ch = chr(code)
    if ch.isascii():
        return _class({ch}, False)
    return _CP  # lowered, folded or not: some non-ASCII character (``Haystack`` folds the ASCII look-alikes)


def _in(items: list[tuple[Any, Any]]) -> bytes:
    chars: set[str] = set()
    non_ascii = False
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            if chr(av).isascii():
                chars.add(chr(av))
            else:
                non_ascii = True
        elif op is C.RANGE:
            lo, hi = av
            chars.update(chr(c) for c in range(lo, min(hi, 127) + 1))
            non_ascii = non_ascii or hi > 127
        elif op is C.CATEGORY:
            members, more = _CATEGORIES[av] if av in _CATEGORIES else (_ASCII, True)
            chars |= members
            non_ascii = non_ascii or more
        else:
            raise Refused(f"class item {op}")
    if negate:
        return _WILD  # a negated class is broad
    return _class(chars, non_ascii)


def _seq(items: Any) -> bytes:
    """The parts in order; wildcards side by side are merged into one."""
    out: list[bytes] = []
    for op, av in items:
        part = _node(op, av)
        if not part:
            continue
        if out and part in (_WILD, _ANYBYTES) and out[-1] in (_WILD, _ANYBYTES):
            out[-1] = _WILD if _WILD in (part, out[-1]) else _ANYBYTES
            continue
        out.append(part)
    return b"".join(out)


def _group(inner: bytes) -> bytes:
    return inner if inner in (b"", _WILD, _ANYBYTES) or _atomic(inner) else b"(?:" + inner + b")"


def _atomic(part: bytes) -> bool:
    """Whether ``part`` is one unit a quantifier can follow: a character, a class, or one group.
    Every other character is written as ``\\xHH``, so a bracket or parenthesis here is syntax."""
    if len(part) == 1 or (len(part) == 4 and part.startswith(b"\\x")):
        return True
    if part.startswith(b"[") and part.endswith(b"]") and part.count(b"]") == 1:
        return True
    if not part.startswith(b"(?:"):
        return False
    depth = 0
    for i, byte in enumerate(part):
        depth += (byte == 0x28) - (byte == 0x29)
        if depth == 0:
            return i == len(part) - 1
    return False


def _node(op: Any, av: Any) -> bytes:
    if op is C.LITERAL:
        return _literal(av)
    if op in (C.NOT_LITERAL, C.ANY):
        return _WILD
    if op is C.IN:
        return _in(av)
    if op is C.CATEGORY:
        return _in([(op, av)])
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return b""
    if op is C.SUBPATTERN:
        return _group(_seq(av[-1]))
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _group(_seq(av))
    if op is C.BRANCH:
        return b"(?:" + b"|".join(_seq(alt) for alt in av[1]) + b")"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, hi, item = av
        inner = _group(_seq(item))
        if not inner:
            return b""
        if inner == _WILD:
            return _ANYBYTES if lo == 0 else _WILD
        if hi is C.MAXREPEAT or hi > _MAX_REPEAT:
            bound = b"*" if lo == 0 else b"+" if lo == 1 else b"{%d,}" % min(lo, _MAX_REPEAT)
        elif lo == hi:
            bound = b"" if lo == 1 else b"{%d}" % lo
        else:
            bound = b"?" if (lo, hi) == (0, 1) else b"{%d,%d}" % (lo, hi)
        return inner + bound
    if op is C.GROUPREF:
        return _ANYBYTES
    if op is C.GROUPREF_EXISTS:
        _, yes, no = av
        return b"(?:" + _seq(yes) + b"|" + (_seq(no) if no is not None else b"") + b")"
    raise Refused(f"construct {op}")


def prefilter_source(pattern: str, flags: int) -> bytes | None:
    """The prefilter form of a ``str`` pattern (see the module's docstring), or None when it is refused:
    the pattern cannot be parsed, uses ``re.ASCII``/``re.LOCALE``, holds an unknown construct, or can
    match the empty string (it would match every text)."""
    if flags & (re.ASCII | re.LOCALE):
        return None
    try:
        tree = _parser.parse(pattern, flags & ~re.UNICODE)
        if tree.getwidth()[0] <= 0:
            return None
        return _seq(tree)
    except (Refused, Exception):  # noqa: BLE001 - an unreadable pattern just means no prefilter
        return None
