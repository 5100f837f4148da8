"""Where a match of a regex can start: its leading literals, word starts, line starts, look-behinds.

Why its own module: ``rxfilter.Scanner`` tries a pattern only where a match can start; this is the
analysis of the pattern (and the lowered-text index of word and line starts) that tells it where.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from .rxliterals import _EMPTY, Regex, _node, _parse

# -- where a match can start ---------------------------------------------------------------------
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_MIN_LEAD = 2  # shorter leading literals occur too often to be worth finding one by one
_MAX_LEADS = 64
_FEW_LEADS = 8  # up to this many leading strings, finding each in the text beats trying each word start
_REPEATS = tuple(
    op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None
)


def _lead(items: Any) -> frozenset[str] | None:
    """Lowered strings one of which every match of ``items`` starts with (None: unknown)."""
    run: frozenset[str] = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact, _ = _node(op, av)
        if exact is not None and "" not in exact and len(run) * len(exact) <= _MAX_LEADS:
            run = frozenset(a + b for a in run for b in exact)
            continue
        if run == _EMPTY[0]:
            return _lead_node(op, av)
        break
    return None if run == _EMPTY[0] else run


def _lead_node(op: Any, av: Any) -> frozenset[str] | None:
    return _through(op, av, _lead, _MAX_LEADS)


def _through(op: Any, av: Any, walk: Any, cap: int | None = None) -> frozenset[str] | None:
    """``walk`` (``_lead`` or ``_heads``) applied inside a group, an alternation (the union over its
    branches; unknown if any branch is, or past ``cap`` strings) or a repeat that runs at least once."""
    if op is C.SUBPATTERN:
        return walk(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return walk(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            found = walk(alt)
            if found is None:
                return None
            out |= found
        return frozenset(out) if cap is None or len(out) <= cap else None
    if op in _REPEATS:
        lo, _, inner = av
        return walk(inner) if lo >= 1 else None
    return None


def leading_literals(pattern: Regex) -> frozenset[str] | None:
    """Lowered strings every match of ``pattern`` starts with, when all are long enough to look for."""
    tree = _parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    if tree is None:  # an unreadable tree just means no shortcut
        return None
    leads = _lead(tree)
    if not leads or min(len(s) for s in leads) < _MIN_LEAD:
        return None
    return leads


def _at_boundary(items: Any) -> bool:
    """Whether ``\\b`` holds at the start of every match: it comes before anything that consumes."""
    for op, av in items:
        if op is C.AT:
            if av is C.AT_BOUNDARY:
                return True
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN:
            return _at_boundary(av[-1])
        if op is C.BRANCH:
            return all(_at_boundary(alt) for alt in av[1])
        return False
    return False


_DIGITS = frozenset("0123456789")
_MAX_HEAD_CHARS = 64


def _heads(items: Any) -> frozenset[str] | None:
    """Lowered strings one of which every match of ``items`` starts with, allowing single characters
    (from a character set) where no longer strings are known. ``\\d`` stands for the ASCII digits:
    a match starting with any other character is found anyway (see ``_candidates``)."""
    leads = _lead(items)
    if leads:
        return leads
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op in _REPEATS and av[0] == 0:  # optional ("(?:the\s+)?drug"): its start or what follows
            inner, rest = _heads(av[2]), _heads(items[i + 1 :])
            return None if inner is None or rest is None else inner | rest
        return _heads_node(op, av)
    return None


def _heads_node(op: Any, av: Any) -> frozenset[str] | None:
    if op is C.LITERAL:
        return frozenset({chr(av).lower()}) if chr(av).isascii() else None
    if op is C.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is C.LITERAL and chr(arg).isascii():
                chars.add(chr(arg).lower())
            elif kind is C.RANGE and arg[1] < 128:
                chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
            elif kind is C.CATEGORY and arg is C.CATEGORY_DIGIT:
                chars |= _DIGITS
            else:  # a negated set, another category, a non-ASCII character
                return None
        return frozenset(chars) if 0 < len(chars) <= _MAX_HEAD_CHARS else None
    return _through(op, av, _heads)


def _word_heads(items: Any) -> frozenset[str] | None:
    """``_heads`` of a part that starts with ``\\b``, when each starts with an ASCII word character."""
    if not _at_boundary(items):
        return None
    leads = _heads(items)
    if not leads or "" in leads:
        return None
    if not all(s[0].isascii() and (s[0].isalnum() or s[0] == "_") for s in leads):
        return None
    return leads


def _line_anchored(items: Any) -> bool:
    """Whether ``^`` (or ``\\A``) comes before anything that consumes: a match starts at a line start."""
    for op, av in items:
        if op is C.AT:
            if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                return True
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        return False
    return False


_SAFE_BEHIND = frozenset(" \t\n.,;:!?-()[]/|*")
"""Characters a look-behind start may name as literals: no case, so the lowered text has them where the
letter does (``Haystack`` changes letters only)."""


def _behind_char(op: Any, av: Any) -> str | None:
    """One character of a look-behind as a character-class body, or None when it could be a letter."""
    if op is C.LITERAL:
        return re.escape(chr(av)) if chr(av) in _SAFE_BEHIND else None
    if op is C.CATEGORY:
        return "\\s" if av is C.CATEGORY_SPACE else None
    if op is C.IN:
        parts = [_behind_char(kind, arg) for kind, arg in av]
        return "".join(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    return None


def _behind(items: Any) -> str | None:
    """The source of a part that starts with a look-behind of single non-letter characters
    ("(?<=[.;]\\s)"), as a pattern that finds the places it holds: a match of the part starts only there."""
    if not items:
        return None
    op, av = items[0]
    if op is not C.ASSERT or av[0] != -1:
        return None
    chars = [_behind_char(o, a) for o, a in av[1]]
    if not chars or any(c is None for c in chars):
        return None
    return "(?<=" + "".join(f"[{c}]" for c in chars) + ")"


PlanParts = tuple[frozenset[str], bool, frozenset[str]]


def _plan(items: Any) -> PlanParts | None:
    """Where matches of ``items`` can start: (leads of the parts that start at a word start, whether
    some part starts at a line start, look-behinds after which some part starts), or None when some
    part could start anywhere. An alternation is planned part by part (a cue list joins rules of both
    kinds), and so is a group that opens a sequence ("(?:^|(?<=[.;]\\s))\\W*review ...": a match
    starts where the group's match does)."""
    heads = _word_heads(items)
    if heads is not None:
        return heads, False, frozenset()
    if _line_anchored(items):
        return frozenset(), True, frozenset()
    behind = _behind(items)
    if behind is not None:
        return frozenset(), False, frozenset({behind})
    if not items:
        return None
    op, av = items[0]
    if op is C.SUBPATTERN:
        return _plan(av[-1])
    if op is C.BRANCH:
        words: set[str] = set()
        lines = False
        behinds: set[str] = set()
        for alt in av[1]:
            part = _plan(alt)
            if part is None:
                return None
            words |= part[0]
            lines = lines or part[1]
            behinds |= part[2]
        return frozenset(words), lines, frozenset(behinds)
    return None


def _start_parts(pattern: Regex) -> PlanParts | None:
    if pattern.flags & (re.ASCII | re.LOCALE):  # another idea of a word character than ``_WORD``'s
        return None
    tree = _parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    if tree is None:
        return None
    try:
        if tree.getwidth()[0] <= 0:
            return None
    except Exception:  # noqa: BLE001
        return None
    return _plan(tree)


def start_plan(pattern: Regex) -> tuple[tuple[str, ...], bool] | None:
    """Lowered strings (of any length) one of which begins every match that starts at a word start,
    and whether some match may start at a line start instead; None when neither covers every match.

    A word start is where a run of word characters begins: a part with ``\\b`` first whose leads
    all start with an ASCII word character can match only there. ``^`` (``\\A``) first: a line start
    (with or without MULTILINE, line starts include 0). Patterns that can match the empty string get
    no plan (``Scanner.finditer`` steps on from a match's end)."""
    plan = _start_parts(pattern)
    if plan is None or plan[2]:
        return None
    return tuple(sorted(plan[0])), plan[1]


def word_leads(pattern: Regex) -> tuple[str, ...] | None:
    """The word-start leads of ``start_plan`` when no match can start at a line start instead."""
    plan = start_plan(pattern)
    return plan[0] if plan is not None and plan[0] and not plan[1] else None


_WORD_STARTS: dict[str, dict[str, list[int]]] = {}
"""Line starts and word starts at non-ASCII characters, per lowered text (the last few texts)."""
_STARTS = {
    "\n": re.compile("\n"),  # each ends where a line begins ("^" with MULTILINE), after 0
    "": re.compile(r"[^\W\x00-\x7f](?<!\w[^\W\x00-\x7f])"),  # a word start at a non-ASCII character
}


def word_starts(low: str, kind: str) -> list[int]:
    """Sorted places in ``low`` where a line begins (``kind`` "\\n": 0 and after each newline) or a
    run of word characters begins with a non-ASCII character (``kind`` ""). They are the same places
    in the original text: lowering and ``_FOLD`` keep every character a word character or not. Kept
    for the last few texts, as many patterns ask about one text."""
    index = _WORD_STARTS.get(low)
    if index is None:
        if len(_WORD_STARTS) >= 256:
            _WORD_STARTS.clear()
        index = _WORD_STARTS[low] = {}
    found = index.get(kind)
    if found is None:
        if kind == "" and low.isascii():
            found = []
        else:
            if kind == "\n":  # a literal is found by a fast skip; "(?<=\n)" was tried at every place
                found = [0, *[m.end() for m in _STARTS[kind].finditer(low)]]
            else:
                found = [m.start() for m in _STARTS[kind].finditer(low)]
        index[kind] = found
    return found


class _LeadFinder(NamedTuple):
    """Finds the word starts of a lowered text that begin one of some leads (see ``_lead_finder``)."""

    first: re.Pattern[str]  # a lead at the very start of the text
    after: re.Pattern[str] | None  # a non-word character, then a lead (leads with many first characters)
    each: tuple[re.Pattern[str], ...] = ()  # or one per first character: its leads after a non-word one

    def find(self, low: str) -> list[int]:
        found = [0] if self.first.match(low) else []
        if self.after is not None:
            found.extend([m.start() + 1 for m in self.after.finditer(low)])
            return found
        for rx in self.each:
            found.extend([m.start() for m in rx.finditer(low)])
        if len(self.each) > 1:
            found.sort()  # each pattern's places are in order; together they interleave
        return found


_EACH_MAX = 8
"""Up to this many first characters, one literal-first pattern per character (which the regex engine
finds by a fast skip to that character) beats one pattern that tries every non-word character; with
more, the letters they start are so common that the one pattern wins (measured on the dev letters)."""


def _word_run(s: str) -> str:
    """The leading ASCII word characters of ``s``: a lead's part that no other word start can lie in."""
    n = 0
    while n < len(s) and s[n].isascii() and (s[n].isalnum() or s[n] == "_"):
        n += 1
    return s[:n]


def _after_char(leads: set[str]) -> re.Pattern[str]:
    """The places just after a non-word character where one of ``leads`` (all with one first character)
    begins. The leads' common run of word characters comes first, so the engine skips to it; a
    look-behind then checks the character before it, and a look-ahead the rest of a lead."""
    first, *others = sorted(leads)
    n = 0
    while n < len(first) and all(n < len(o) and o[n] == first[n] for o in others):
        n += 1
    head = _word_run(first[:n])
    rests = sorted({lead[len(head) :] for lead in leads})
    ahead = "" if "" in rests else "(?=" + "|".join(re.escape(r) for r in rests) + ")"
    esc = re.escape(head)
    return re.compile(f"{esc}(?<=\\W{esc}){ahead}")


def _lead_finder(leads: tuple[str, ...]) -> _LeadFinder:
    """Patterns over lowered text for the word starts that begin a lead: a word start is the text's
    start or just after a non-word character.

    With few first characters (``_EACH_MAX``), one pattern per first character, each opening with the
    literal run its leads share; the places it gives are where that run starts. Otherwise the leads are
    grouped by first character: that character, then a look-ahead for the rest of one of its leads,
    after "\\W", which lets the regex engine skip in C to the next non-word character (it cannot skip
    ahead for "\\b(?:...)" under IGNORECASE); a match takes the non-word character and one more, and
    the next word start lies beyond both, so none is jumped over. Leads start with an ASCII word
    character (``_word_heads``), so a match's consumed run never holds another word start."""
    groups: dict[str, set[str]] = {}
    for lead in leads:
        groups.setdefault(lead[0], set()).add(lead[1:])
    parts = []
    for ch, rests in sorted(groups.items()):
        ahead = "" if "" in rests else "(?=" + "|".join(re.escape(r) for r in sorted(rests)) + ")"
        parts.append(re.escape(ch) + ahead)
    body = "|".join(parts)
    first = re.compile(f"(?:{body})")
    if len(groups) <= _EACH_MAX:
        each = tuple(_after_char({ch + r for r in rests}) for ch, rests in sorted(groups.items()))
        return _LeadFinder(first, None, each)
    return _LeadFinder(first, re.compile(f"\\W(?:{body})"))


_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]", re.DOTALL)  # an escape may be of a line break


class _BehindFinder(NamedTuple):
    """Finds the places where some look-behind start ("(?<=[.;][\\s])", from ``_behind``) holds."""

    parts: tuple[tuple[re.Pattern[str], int], ...]  # a pattern over the look-behind's characters, its width

    def find(self, low: str) -> list[int]:
        return [m.start() + width for rx, width in self.parts for m in rx.finditer(low)]


def _behind_finder(behinds: frozenset[str]) -> _BehindFinder:
    """Each look-behind "(?<=[c1][c2]...)" as "[c1](?=[c2]...)": it holds just after each match plus
    its width. A pattern that opens with a character class is found by a fast skip to that class,
    which a look-behind first is not (it was tried at every place). One character is consumed per
    match, so no place is jumped over; the places come unsorted, which ``_candidates`` sorts."""
    parts = []
    for source in sorted(behinds):
        body = source[len("(?<=") : -1]
        classes = _CLASS.findall(body)
        if not classes or "".join(classes) != body or not source.startswith("(?<="):
            parts.append((re.compile(source), 0))  # not one ``_behind`` makes: tried everywhere, as it was
            continue
        rest = "(?=" + "".join(classes[1:]) + ")" if len(classes) > 1 else ""
        parts.append((re.compile(classes[0] + rest), len(classes)))
    return _BehindFinder(tuple(parts))


Plan = tuple[_LeadFinder | None, bool, _BehindFinder | None]
"""The word-start finder of ``_lead_finder`` (None: no part starts at a word start), whether line
starts are candidates too, and a finder for the places after a look-behind start (None: none)."""


def _candidates(low: str, plan: Plan) -> list[int]:
    """Word starts that begin a lead, every word start at a non-ASCII character (which
    ``re.IGNORECASE`` or ``\\d`` may match though no ASCII lead names it), line starts if asked, and
    the places where a look-behind start holds."""
    finder, lines, behind = plan
    out = finder.find(low) if finder is not None else []
    extra = (word_starts(low, "") if finder is not None else []) + (word_starts(low, "\n") if lines else [])
    if behind is not None:
        extra = extra + behind.find(low)
    if extra:
        out = sorted(set(out).union(extra))
    return out
