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

import os
import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator

from .hsprefilter import enabled_prefilter
from .rxliterals import Regex
from .rxmemo import leading_literals, required_literals, start_parts  # saved analyses, else computed
from .rxstarts import _FEW_LEADS, Plan, _behind_finder, _candidates, _lead_finder

PREFILTER = enabled_prefilter()

# Non-ASCII characters that re.IGNORECASE treats as the same letter as an ASCII one; folded before
# lowering so that a gate's ASCII literal is found wherever the regex would match it.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class Haystack:
    """A text as gates test it: folded and lowered once, then tested by many gates."""

    __slots__ = ("low",)

    def __init__(self, text: str) -> None:
        self.low = text.lower() if text.isascii() else text.translate(_FOLD).lower()


def _pass_guess(literal: str) -> float:
    """A rough chance that a lowered text holds ``literal``: a short word is in nearly every sentence
    ("to", "gp"), a long one seldom; a mark with no letter or digit ("|", "->") is rare in prose.
    Only the order of a gate's tests depends on it, never the answer."""
    core = literal.strip()
    if core and not any(ch.isalnum() for ch in core):
        return 0.05
    return min(0.9, 3.0 * 0.35 ** len(core))


def _ordered(clauses: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The clauses as the test checks them, with the same answer on every text. In a clause, a literal
    that holds another literal of the same clause is dropped ("fitnotes" after "fitnote"): wherever it
    occurs, the shorter one does too. Then the clauses that are cheapest to fail come first (fewest
    ``in`` tests for the chance of failing, by ``_pass_guess``), as a rejection stops at the first
    clause that fails: measured over the gate tests of the dev letters (pipeline and judge), about a
    quarter fewer ``in`` tests' time than the clauses in the order they were read."""
    ranked: list[tuple[float, tuple[str, ...]]] = []
    for clause in clauses:
        unique = list(dict.fromkeys(clause))
        kept = tuple(s for s in unique if not any(t != s and t in s for t in unique))
        fails = 1.0
        for s in kept:
            fails *= 1.0 - _pass_guess(s)
        ranked.append((len(kept) / max(fails, 1e-9), kept))
    ranked.sort(key=lambda item: item[0])  # stable: equal costs keep the order they were read in
    return [kept for _, kept in ranked]


def _source(clauses: list[tuple[str, ...]]) -> str:
    """Python source testing ``low`` for the clauses: plain ``in`` tests, no calls, so a rejection
    costs a few hundred nanoseconds (clauses as ``_ordered`` gives them)."""
    if not clauses:
        return "True"
    return " and ".join("(" + _any_source(c) + ")" for c in _ordered(clauses))


def _any_source(clause: tuple[str, ...]) -> str:
    """Source for "some literal of ``clause`` is in ``low``". Literals of six characters or more that
    open with the same four are tested behind their common start ("could not answer", "could not
    reach" behind "could not "): the start is in ``low`` wherever one of them is, so when it is not,
    one test stands for the whole group and the answer is the same."""
    groups: dict[str, list[str]] = {}
    for s in clause:
        groups.setdefault(s[:4] if len(s) >= 6 else s, []).append(s)
    parts: list[str] = []
    for group in groups.values():
        common = os.path.commonprefix(group)
        if len(group) >= 2 and len(common) >= 3 and common not in group:
            parts.append(f"({common!r} in low and (" + " or ".join(f"{s!r} in low" for s in group) + "))")
        else:
            parts.extend(f"{s!r} in low" for s in group)
    return " or ".join(parts)


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


_LAZY_LOAD = [True]
"""Whether the first scanner to warm up still has to load the prefilter database (once a process)."""


def _load_prefilter_once() -> None:
    """Load the prefilter database (never compile it) when the first scanner warms up, so every long
    run gains from it, not only batches (whose warm-up loads it in ``build_pending``): ``audit`` over
    many letters, ``eval``, the benchmarks. A scanner warms up after ``_WARM_USES`` uses, which one
    letter never reaches, so a one-letter ``check`` still never imports hyperscan. Loading takes about
    50 ms (a 7 MB file), which a run repays after a few dozen letters; a missing or foreign file is
    tried once and then left alone. Which patterns it skips never changes a result (``hsprefilter``)."""
    _LAZY_LOAD[0] = False
    if PREFILTER is not None and not PREFILTER.ready:
        attach_prefilter()


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
            plan = start_parts(self.rx)
            if plan is not None:
                words, lines, behinds = plan
                finder = _lead_finder(tuple(sorted(words))) if words else None
                behind = _behind_finder(behinds) if behinds else None
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
            if _LAZY_LOAD[0]:
                _load_prefilter_once()
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
