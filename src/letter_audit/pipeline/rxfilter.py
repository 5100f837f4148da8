"""A cheap "can this regex match here at all?" test, derived from the regex itself.

Why: most rule patterns start with ``\\b(?:word|word...)``, which Python's regex engine cannot skip
ahead for, so each search tries the pattern at every position of the letter; yet most patterns need
words that a given letter does not contain. ``Gate(pattern)`` reads the pattern's parse tree once, at
load time, and works out literal strings a match must contain (all of some groups, one of each group);
``gate.may_match(hay)`` checks them with substring tests on the lowered text (``Haystack``), caching
each answer per text. A gate only ever says "maybe" or "certainly not", so skipping a pattern it
rejects never changes a result: rules and their data stay exactly as written.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple, Protocol

from .hsprefilter import enabled_prefilter

PREFILTER = enabled_prefilter()

# Non-ASCII characters that re.IGNORECASE treats as the same letter as an ASCII one; folded before
# lowering so that a gate's ASCII literal is found wherever the regex would match it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
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


class Haystack:
    """A text as gates test it: folded and lowered once, then tested by many gates."""

    __slots__ = ("low",)

    def __init__(self, text: str) -> None:
        self.low = text.lower() if text.isascii() else text.translate(_FOLD).lower()


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


def _source(clauses: list[tuple[str, ...]]) -> str:
    """Python source testing ``low`` for the clauses: plain ``in`` tests, no calls, so a rejection
    costs a few hundred nanoseconds."""
    if not clauses:
        return "True"
    return " and ".join("(" + " or ".join(f"{s!r} in low" for s in c) + ")" for c in clauses)


def _function(source: str) -> Callable[[str], bool]:
    return eval(compile(f"lambda low: {source}", "<gate>", "eval"))  # type: ignore[no-any-return]


_WARM_USES = 32
"""Uses of a gate before it is built. Working out a gate parses its pattern again (about as slow as
compiling it), which a one-letter ``check`` would pay for nothing; a batch builds it after a few letters."""

_PENDING: weakref.WeakSet[Gate | AnyGate | GateIndex | Scanner] = weakref.WeakSet()
"""Gates and scanners not built yet, so ``build_pending`` can build them all at once."""
_SCANNERS: weakref.WeakSet[Scanner] = weakref.WeakSet()
"""Every scanner, so ``attach_prefilter`` can give the built ones their prefilter slots."""


def build_pending(*, used_only: bool = False) -> int:
    """Build every gate and scanner made so far that is not built yet; returns how many.

    A batch calls this in the parent before forking its workers: each worker then inherits built
    gates, instead of every worker parsing every pattern again after its first ``_WARM_USES``
    letters. ``used_only`` leaves out those not used yet (they still build themselves after
    ``_WARM_USES`` uses), as most of them are never needed. When a gate is built never changes what
    it answers, so this changes no result."""
    if PREFILTER is not None:
        attach_prefilter()  # loaded if one was compiled; never compiled here (seconds)
    pending = sorted(_PENDING, key=_pattern_text)
    if used_only:
        pending = [item for item in pending if item._uses > 0]
    for item in pending:
        item.build()
    return len(pending)


def attach_prefilter(*, compile_missing: bool = False) -> bool:
    """Load (or compile) the shared prefilter database (``hsprefilter``) for every scanner made so far
    and give each built scanner its slot; True when one is in use. Which patterns the prefilter lets a
    scanner skip never changes a result: a skipped pattern has no match in the text."""
    if PREFILTER is None or not PREFILTER.build(compile_missing=compile_missing):
        return False
    for scanner in list(_SCANNERS):
        if scanner._uses >= _WARM_USES:
            scanner._hs = PREFILTER.slot(scanner.rx.pattern, scanner.rx.flags)
    return True


def _pattern_text(item: Gate | AnyGate | GateIndex | Scanner) -> str:
    """What orders pending items so that those on the same pattern are built one after another."""
    if isinstance(item, Gate):
        return item._pattern.pattern
    if isinstance(item, Scanner):
        return item.rx.pattern
    return ""


class _LazyTest:
    """Shared by gates: ``test`` says "maybe" (True) for the first ``_WARM_USES`` calls, then the
    gate builds its real test (only gates that are used pay for building one)."""

    __slots__ = ("_uses",)
    _uses: int

    def build(self) -> None:
        raise NotImplementedError

    def _warming(self, low: str) -> bool:
        self._uses += 1
        if self._uses >= _WARM_USES:
            self.build()
        return True


class Gate(_LazyTest):
    """Whether ``pattern`` could match a text, by literal tests only; never wrongly says no.

    ``gate.test(lowered_text)`` answers True (maybe) until the gate has been used ``_WARM_USES`` times,
    then builds itself; either way a rejection is certain, so results never depend on when it is built."""

    __slots__ = ("__weakref__", "_clauses", "_pattern", "test")

    def __init__(self, pattern: Regex) -> None:
        self._pattern = pattern
        self._clauses: list[tuple[str, ...]] | None = None
        self._uses = 0
        self.test: Callable[[str], bool] = self._warming
        _PENDING.add(self)

    @property
    def clauses(self) -> list[tuple[str, ...]]:
        if self._clauses is None:
            self._clauses = [tuple(sorted(c, key=len)) for c in required_literals(self._pattern)]
        return self._clauses

    def build(self) -> None:
        self.test = _function(_source(self.clauses))
        _PENDING.discard(self)

    def may_match(self, hay: Haystack) -> bool:
        return self.test(hay.low)


class AnyGate(_LazyTest):
    """One test that passes where any of ``gates`` would (for an alternation of their patterns),
    built after ``_WARM_USES`` calls like a single gate."""

    __slots__ = ("__weakref__", "_gates", "test")

    def __init__(self, gates: list[Gate]) -> None:
        self._gates = gates
        self._uses = 0
        self.test: Callable[[str], bool] = self._warming
        _PENDING.add(self)

    def build(self) -> None:
        self.test = _function(" or ".join(f"({_source(g.clauses)})" for g in self._gates) or "True")
        _PENDING.discard(self)

    def __call__(self, low: str) -> bool:
        return self.test(low)


def any_gate(gates: list[Gate]) -> AnyGate:
    return AnyGate(gates)


class GateIndex(_LazyTest):
    """Which of many gates may pass on a text, found in one regex pass instead of one test per gate.

    Every gate needs some literal of its first (most telling) clause in the text. One pattern over
    all those literals reports, at each place, the longest one that starts there; any literal found
    anywhere is a prefix of the one reported where it starts, so the gates of every literal inside a
    reported one are the only gates that can pass. ``candidates`` lists them (in the gates' order,
    plus every gate with no clause); the rest would say no, so skipping them changes no result. Until
    built (after ``_WARM_USES`` calls, like a gate) every gate is a candidate."""

    __slots__ = ("__weakref__", "_always", "_by_literal", "_everyone", "_finder", "_gates")

    def __init__(self, gates: list[Gate]) -> None:
        self._gates = gates
        self._everyone = list(range(len(gates)))
        self._finder: re.Pattern[str] | None = None
        self._by_literal: dict[str, frozenset[int]] = {}
        self._always: frozenset[int] = frozenset()
        self._uses = 0
        _PENDING.add(self)

    def build(self) -> None:
        owners: dict[str, set[int]] = {}
        always: set[int] = set()
        for i, gate in enumerate(self._gates):
            clauses = gate.clauses
            if not clauses:
                always.add(i)
            for lit in clauses[0] if clauses else ():
                owners.setdefault(lit, set()).add(i)
        groups: dict[str, list[str]] = {}
        for lit in owners:
            groups.setdefault(lit[0], []).append(lit[1:])
        parts = []
        for ch, rests in sorted(groups.items()):
            rests.sort(key=lambda r: (-len(r), r))  # the longest first: it is the one reported
            parts.append(re.escape(ch) + "(?:" + "|".join(re.escape(r) for r in rests) + ")")
        self._by_literal = {
            big: frozenset(i for lit, ids in owners.items() if lit in big for i in ids) for big in owners
        }
        self._always = frozenset(always)
        self._finder = re.compile("(?=(" + "|".join(parts) + "))", re.DOTALL) if parts else None
        self._uses = _WARM_USES
        _PENDING.discard(self)

    def candidates(self, low: str) -> list[int]:
        """Indices of the gates that may pass on ``low`` (a ``Haystack.low``), in order."""
        if self._uses < _WARM_USES:
            self._uses += 1
            if self._uses < _WARM_USES:
                return self._everyone
            self.build()
        found = set(self._always)
        if self._finder is not None:
            by_literal = self._by_literal
            for lit in set(self._finder.findall(low)):
                found.update(by_literal[lit])
        return sorted(found)


# -- where a match can start ---------------------------------------------------------------------
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_MIN_LEAD = 2  # shorter leading literals occur too often to be worth finding one by one
_MAX_LEADS = 64
_FEW_LEADS = 8  # up to this many leading strings, finding each in the text beats trying each word start


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
    if op is C.SUBPATTERN:
        return _lead(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _lead(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            leads = _lead(alt)
            if leads is None:
                return None
            out |= leads
        return frozenset(out) if len(out) <= _MAX_LEADS else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _, inner = av
        return _lead(inner) if lo >= 1 else None
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
_REPEATS = tuple(
    op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None
)
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
    if op is C.SUBPATTERN:
        return _heads(av[-1])
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _heads(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            heads = _heads(alt)
            if heads is None:
                return None
            out |= heads
        return frozenset(out)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        lo, _, inner = av
        return _heads(inner) if lo >= 1 else None
    return None


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
    "\n": re.compile("(?<=\n)"),  # after 0, where "^" matches with MULTILINE
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
            found = [m.start() for m in _STARTS[kind].finditer(low)]
            if kind == "\n":
                found.insert(0, 0)
        index[kind] = found
    return found


class _LeadFinder(NamedTuple):
    """Finds the word starts of a lowered text that begin one of some leads (see ``_lead_finder``)."""

    first: re.Pattern[str]  # a lead at the very start of the text
    after: re.Pattern[str]  # a non-word character, then a lead

    def find(self, low: str) -> list[int]:
        found = [0] if self.first.match(low) else []
        found.extend(m.start() + 1 for m in self.after.finditer(low))
        return found


def _lead_finder(leads: tuple[str, ...]) -> _LeadFinder:
    """Patterns over lowered text for the word starts that begin a lead: a word start is the text's
    start or just after a non-word character.

    The leads are grouped by first character: that character, then a look-ahead for the rest of one
    of its leads. "\\W" first lets the regex engine skip in C to the next non-word character (it
    cannot skip ahead for "\\b(?:...)" under IGNORECASE); a match takes the non-word character and
    one more, and the next word start lies beyond both, so none is jumped over."""
    groups: dict[str, set[str]] = {}
    for lead in leads:
        groups.setdefault(lead[0], set()).add(lead[1:])
    parts = []
    for ch, rests in sorted(groups.items()):
        ahead = "" if "" in rests else "(?=" + "|".join(re.escape(r) for r in sorted(rests)) + ")"
        parts.append(re.escape(ch) + ahead)
    body = "|".join(parts)
    return _LeadFinder(re.compile(f"(?:{body})"), re.compile(f"\\W(?:{body})"))


Plan = tuple[_LeadFinder | None, bool, re.Pattern[str] | None]
"""The word-start finder of ``_lead_finder`` (None: no part starts at a word start), whether line
starts are candidates too, and a pattern for the places after a look-behind start (None: none)."""


def _candidates(low: str, plan: Plan) -> list[int]:
    """Word starts that begin a lead, every word start at a non-ASCII character (which
    ``re.IGNORECASE`` or ``\\d`` may match though no ASCII lead names it), line starts if asked, and
    the places where a look-behind start holds."""
    finder, lines, behind = plan
    out = finder.find(low) if finder is not None else []
    extra = (word_starts(low, "") if finder is not None else []) + (word_starts(low, "\n") if lines else [])
    if behind is not None:
        extra = extra + [m.start() for m in behind.finditer(low)]
    if extra:
        out = sorted(set(out).union(extra))
    return out


class Scanner:
    """``search`` with the result of ``pattern.search`` but trying only where a match can start.

    When every match must start with one of a few literals, the places those literals occur in the
    lowered text (same length as the text: see ``Haystack``) are the only places ``pattern.match`` can
    succeed, so trying them in order gives the leftmost match, exactly as ``search`` would, without
    running the pattern at every position. Built after ``_WARM_USES`` uses, like a gate."""

    __slots__ = ("__weakref__", "_hs", "_leads", "_plan", "_uses", "rx")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._hs: int | None = None  # slot in the shared prefilter (None: never skipped)
        if PREFILTER is not None:
            PREFILTER.register(rx.pattern, rx.flags)
            _SCANNERS.add(self)
        self._leads: frozenset[str] | None = None
        self._plan: Plan | None = None
        self._uses = 0
        _PENDING.add(self)

    def build(self) -> None:
        self._leads = leading_literals(self.rx)
        if self._leads is None or len(self._leads) > _FEW_LEADS:
            plan = _start_parts(self.rx)
            if plan is not None:
                words, lines, behinds = plan
                finder = _lead_finder(tuple(sorted(words))) if words else None
                behind = re.compile("|".join(sorted(behinds))) if behinds else None
                self._plan = (finder, lines, behind)
        if PREFILTER is not None:
            self._hs = PREFILTER.slot(self.rx.pattern, self.rx.flags)
        self._uses = _WARM_USES
        _PENDING.discard(self)

    def starts(self, low: str) -> list[int] | None:
        """Sorted places a match may start in the lowered text, or None to search everywhere."""
        if self._uses < _WARM_USES:
            self._uses += 1
            if self._uses < _WARM_USES:
                return None
            self.build()
        if self._hs is not None and not PREFILTER.hits(low)[self._hs]:  # type: ignore[union-attr]
            return []  # no match anywhere in the text
        if self._plan is not None:
            return _candidates(low, self._plan)
        if self._leads is None:
            return None
        found: set[int] = set()
        for lead in self._leads:
            i = low.find(lead)
            while i >= 0:
                found.add(i)
                i = low.find(lead, i + 1)
        return sorted(found)

    def search(
        self, text: str, starts: list[int] | None, pos: int = 0, endpos: int | None = None
    ) -> re.Match[str] | None:
        """``self.rx.search(text, pos, endpos)``, trying only ``starts`` (from ``starts(low)``)."""
        end = len(text) if endpos is None else endpos
        if starts is None:
            return self.rx.search(text, pos, end)
        for i in range(bisect_left(starts, pos), len(starts)):
            q = starts[i]
            if q >= end:
                break
            m = self.rx.match(text, q, end)
            if m is not None:
                return m
        return None

    def search_before(
        self, text: str, starts: list[int] | None, pos: int, endpos: int | None, limit: int
    ) -> re.Match[str] | None:
        """``search`` when only a match starting before ``limit`` is wanted (another one already
        starts there): with ``starts``, places from ``limit`` on are not tried."""
        end = len(text) if endpos is None else endpos
        if starts is None:
            m = self.rx.search(text, pos, end)
            return m if m is not None and m.start() < limit else None
        for i in range(bisect_left(starts, pos), len(starts)):
            q = starts[i]
            if q >= end or q >= limit:
                break
            m = self.rx.match(text, q, end)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
        """``self.rx.finditer(text)``: with ``starts``, matches are never empty (they begin with a
        literal), so the next one is searched for from the end of the last, as ``finditer`` does."""
        if starts is None:
            yield from self.rx.finditer(text)
            return
        pos = 0
        while (m := self.search(text, starts, pos)) is not None:
            yield m
            pos = m.end()
