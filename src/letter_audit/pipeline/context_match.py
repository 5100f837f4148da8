"""Fast whole-word matching of many cue patterns at once (used by ``la_context`` and ``la_med_changes``).

Why a module of its own: a letter is scanned for every ConText cue and every change trigger, and most of
its words start none. These helpers try a pattern only at word starts whose first two letters some cue can
begin with, and keep the longest match where several start together. Split out of ``context.py``, which
computes clauses and scopes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import rxfilter
from .rxfilter import Haystack, Scanner

_WORD_START = re.compile(r"(?<![\w-])[\w]")


def _class_end(pattern: str, i: int) -> int:
    """The index just after the character class that opens at ``pattern[i]`` ("[").

    A "]" first in the class (after an optional "^") is a literal, and escapes are skipped, so brackets,
    bars and parentheses inside a class ("[.;)]") never count as the pattern's own structure.
    """
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return len(pattern)


def _split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ("a|(?:b|c)d" -> ["a", "(?:b|c)d"]); escapes and character
    classes are taken whole, so "[.;)]|b" splits into "[.;)]" and "b"."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            end = _class_end(pattern, i)
            cur.append(pattern[i:end])
            i = end
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _group_end(pattern: str) -> int:
    """The index of the ")" that closes the group opening at ``pattern[0]``, skipping escapes and
    character classes (len(pattern) when it never closes)."""
    depth, j = 0, 0
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            j = _class_end(pattern, j)
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return j
        j += 1
    return len(pattern)


DIGIT = "\\d"
"""The entry of a ``first_pairs`` set for a match that starts with any decimal digit (``\\d`` also
matches non-ASCII digits, so no list of pairs covers it); never the first two letters of a word."""


def first_pairs(pattern: str) -> set[str] | None:
    """The lower-case first two letters any match of ``pattern`` can start with, or None if unknown.

    Why: most words of a letter start no cue; checking two letters in a set skips them without running
    the large alternation regex at every word.
    """
    out: set[str] = set()
    for alt in _split_top(pattern):
        alt = re.sub(r"^(?:\(\?<[!=][^)]*\))+", "", alt)  # leading look-behinds take no text
        if alt.startswith("(?:"):
            j = _group_end(alt)
            inner, rest = alt[3:j], alt[j + 1 :]
            if rest[:1] == "*" or rest[:2] == "{0" or not inner:
                return None
            if rest[:1] == "?":  # an optional group: the match may start after it
                sub = first_pairs(inner)
                after = first_pairs(rest[1:]) if rest[1:] else None
                sub = None if sub is None or after is None else sub | after
            else:
                # Each inner alternative followed by the rest, so that a one-letter word or number
                # inside the group ("(?:a|one|1) dose") takes its second character from the rest.
                sub = set()
                for part in _split_top(inner):
                    got = first_pairs(part + rest)
                    if got is None:
                        return None
                    sub |= got
            if sub is None:
                return None
            out |= sub
            continue
        if alt.startswith("\\d"):  # a digit first: any decimal digit (see ``DIGIT``)
            out.add(DIGIT)
            continue
        if alt[:1] and not (alt[0].isalnum() or alt[0] in "([\\."):
            continue  # starts with punctuation: never matches at the start of a word
        if re.match(r"[A-Za-z0-9] ", alt):  # a one-letter word ("I have"): the letter and the space
            out.add(alt[:2].lower())
            continue
        m = re.match(r"[A-Za-z0-9][^\s\\()\[\]?*+{}|.]", alt)
        if m is None:
            return None
        out.add(m.group(0).lower())
    return out


def pair_index(patterns: list[str]) -> dict[str, list[int]] | None:
    """For each first-two-letter pair, the rules (by index, in order) that can start with it.

    Why: at a word where some cue matches, trying only the few rules that can start with its first two
    letters is cheaper than trying every rule. None when the combined pattern has no pair set.
    """
    sets = [first_pairs(p) for p in patterns]
    if any(s is None for s in sets):
        return None
    index: dict[str, list[int]] = {}
    for k, s in enumerate(sets):
        for pair in s or ():
            index.setdefault(pair, []).append(k)
    return index


class RuleStarts:
    """Where each rule of a list may start a match in a text, from a ``Scanner`` of its own (rxfilter).

    Why: a letter holds few of the cues (about one ConText rule or change trigger in sixteen), yet
    trying every rule that can start with a word's first two letters tries hundreds of rules a letter
    ("no" at "normal", "now", "nocturnal"). A rule's scanner answers with no place at all when the
    shared Hyperscan prefilter finds no hit for it in the text (its answers are kept per text, so the
    letter is scanned once for every pattern), and otherwise with the places its leading words occur:
    every place the rule can match is among them, so trying the rules only there finds the same
    matches. A rule whose scanner has no answer is tried wherever the pair index would try it."""

    __slots__ = ("_finders", "pairs", "scanners")

    def __init__(self, rxs: list[re.Pattern[str]], index: dict[str, list[int]]) -> None:
        self.scanners = [Scanner(rx) for rx in rxs]
        pairs: list[set[str]] = [set() for _ in rxs]
        for pair, ks in index.items():
            for k in ks:
                pairs[k].add(pair)
        self.pairs = [frozenset(p) for p in pairs]
        """Each rule's first-two-letter pairs (``DIGIT`` for any digit), as in the pair index."""
        self._finders: dict[tuple[int, ...], re.Pattern[str]] = {}

    def places(self, low: str) -> dict[int, list[int]]:
        """For each place a match may start in ``low`` (a ``Haystack.low``), the rules (by index, in
        order) that may start there. A rule whose scanner has no answer (not warmed up yet, or no
        leading words to look for) is given every word start of ``low`` that opens with one of its
        pairs (``_finder``): every place the pair index would try it."""
        scanners = self.scanners
        pre = rxfilter.PREFILTER
        live: Iterable[int] = range(len(scanners))
        if pre is not None and pre.ready:
            # the rules the shared prefilter rules out, left out in one pass (their scanners would
            # answer "nowhere" one by one)
            hits = pre.hits(low)
            live = [k for k, scanner in enumerate(scanners) if scanner._hs is None or hits[scanner._hs]]
        per_rule: dict[int, list[int]] = {}
        unknown: list[int] = []
        for k in live:
            found = scanners[k].starts(low)
            if found is None:
                unknown.append(k)
                found = []
            per_rule[k] = found
        if unknown:
            rules_of: dict[str, list[int]] = {}  # the unknown rules of each pair met
            for m in self._finder(tuple(unknown)).finditer(low):
                p = m.start()
                pair = low[p : p + 2]
                ks = rules_of.get(pair)
                if ks is None:
                    digit = low[p].isdecimal()
                    ks = rules_of[pair] = [
                        k for k in unknown if pair in self.pairs[k] or (digit and DIGIT in self.pairs[k])
                    ]
                for k in ks:
                    per_rule[k].append(p)
        out: dict[int, list[int]] = {}
        for k, found in per_rule.items():  # in rule order
            for p in found:
                ks = out.get(p)
                if ks is None:
                    out[p] = [k]
                else:
                    ks.append(k)
        return out

    def _finder(self, rules: tuple[int, ...]) -> re.Pattern[str]:
        """A pattern finding, in a ``Haystack.low``, the word starts that open with a pair of ``rules``.

        A place that starts a word in the text starts one in its lowered form too (no character that
        is not a word character or "-" becomes one when folded and lowered: see the tests), so these
        are all the places the pair index could try them; ``_longest_at`` checks each on the text."""
        rx = self._finders.get(rules)
        if rx is None:
            pairs = sorted({pair for k in rules for pair in self.pairs[k]})
            alts = [r"\d" if pair == DIGIT else re.escape(pair) for pair in pairs]
            if len(self._finders) >= 64:
                self._finders.clear()
            rx = self._finders[rules] = re.compile(r"(?<![\w-])(?=" + "|".join(alts or ["(?!)"]) + ")")
        return rx


def _longest_rule_at(
    text: str, p: int, rxs: list[re.Pattern[str]], ks: Iterable[int]
) -> tuple[int, int, int] | None:
    """(p, end, k) of the longest match at ``p`` among the rules ``ks`` tried in order (a tie keeps the
    first), or None."""
    best: tuple[int, int, int] | None = None
    for k in ks:
        mm = rxs[k].match(text, p)
        if mm is not None and (best is None or mm.end() > best[1]):
            best = (p, mm.end(), k)
    return best


def _longest_at(
    text: str,
    low: str,
    rxs: list[re.Pattern[str]],
    firsts: set[str],
    pairs: list[frozenset[str]],
    places: dict[int, list[int]],
) -> list[tuple[int, int, int]]:
    """What ``longest_matches`` finds with a pair index, trying only ``places`` (``RuleStarts``): a
    place is tried only where it starts a word, and a rule only where the index would try it (its
    pairs hold the word's first two letters, or any digit for a word that starts with one)."""
    out: list[tuple[int, int, int]] = []
    last_end = -1
    digits = DIGIT in firsts
    for p in sorted(places):
        if p < last_end or _WORD_START.match(text, p) is None:
            continue
        pair = low[p : p + 2]
        digit = digits and low[p].isdecimal()
        if pair not in firsts and not digit:
            continue
        ks = (k for k in places[p] if pair in pairs[k] or (digit and DIGIT in pairs[k]))
        best = _longest_rule_at(text, p, rxs, ks)
        if best is not None:
            out.append(best)
            last_end = best[1]
    return out


def longest_matches(
    text: str,
    combined: re.Pattern[str],
    rxs: list[re.Pattern[str]],
    firsts: set[str] | None = None,
    index: dict[str, list[int]] | None = None,
    starts: RuleStarts | None = None,
) -> list[tuple[int, int, int]]:
    """(start, end, index of the regex) of non-overlapping matches, the longest where several start together.

    Why: cues are whole words, so only word starts are tried (and, with ``firsts``, only words whose
    first two letters can begin a cue); only there are the single rules tried, which is much cheaper
    than a full pass of the text per rule. With ``starts`` (made from ``rxs`` and ``index``), only the
    places each rule's scanner gives are tried, with the same result.
    """
    out: list[tuple[int, int, int]] = []
    last_end = -1
    low = Haystack(text).low if firsts is not None else text
    by_pair = index is not None and firsts is not None
    if starts is not None and by_pair:
        return _longest_at(text, low, rxs, firsts, starts.pairs, starts.places(low))  # type: ignore[arg-type]
    digits = firsts is not None and DIGIT in firsts
    for w in _WORD_START.finditer(text):
        p = w.start()
        if p < last_end:
            continue
        digit = digits and low[p].isdecimal()
        if firsts is not None and low[p : p + 2] not in firsts and not digit:
            continue
        if by_pair:
            # The combined pattern matches here exactly when one of the rules does, so with the few
            # rules that can start with these two letters there is no need to try it first.
            ks: Iterable[int] = index.get(low[p : p + 2], ())  # type: ignore[union-attr]
            if digit:  # and those that start with any digit, still in rule order (ties keep the first)
                ks = sorted({*ks, *index.get(DIGIT, ())})  # type: ignore[union-attr]
        elif combined.match(text, p) is None:
            continue
        else:
            ks = range(len(rxs))
        best = _longest_rule_at(text, p, rxs, ks)
        if best is not None:
            out.append(best)
            last_end = best[1]
    return out
