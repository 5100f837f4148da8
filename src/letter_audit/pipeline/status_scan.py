"""Scanning ``la_status`` cues over a letter: compiled cues, hits and the sentence they lie in.

Why shared: the fit note, follow-up and contact decisions all scan cue lists the same way and keep
hits as (start, end, rule id); one scanner keeps their answers comparable and fast.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .ruledata import Cue
from .rxfilter import Gate, Haystack, Scanner

Hit = tuple[int, int, str]  # start, end, rule id
Compiled = tuple[str, re.Pattern[str], re.Pattern[str] | None, Gate, Scanner]  # id, pattern, before, gate
BEFORE_REACH = 100  # "The EIP team (care coordinator: S Wallace, 01632 962 611) will see him"
NEGATED = re.compile(r"\b(?:no|not|nor|without)\b|n['’]t\b", re.IGNORECASE)  # "won't", "don't" too


def compile_cues(cues: list[Cue]) -> list[Compiled]:
    """Each cue compiled once (with MULTILINE, so "^" is a line start), with its gate and scanner."""
    flags = re.IGNORECASE | re.MULTILINE
    out: list[Compiled] = []
    for c in cues:
        rx = re.compile(c.pattern, flags)
        before = re.compile(c.before, flags) if c.before else None
        out.append((c.id, rx, before, Gate(rx), Scanner(rx)))
    return out


def unit_of(units: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The sentence ``pos`` lies in: the last one that starts at or before it (None before the first)."""
    i = bisect_right([u[0] for u in units], pos) - 1
    return units[i] if i >= 0 else None


def unit_text(text: str, units: list[tuple[int, int]], hit: Hit) -> str:
    """The sentence a hit starts in."""
    us, ue = unit_of(units, hit[0]) or (hit[0], hit[1])
    return text[us:ue]


def scan(cues: list[Compiled], text: str, units: list[tuple[int, int]], hay: Haystack) -> list[Hit]:
    """Every hit of every cue that lies inside one sentence. Each cue runs once over the whole text
    (compiled with MULTILINE, so "^" is a line start) rather than once per sentence: far fewer calls.
    A cue with a "before" part keeps a hit only when "before" matches just ahead of it in its sentence.
    A cue whose gate finds its words missing from ``hay`` (the same text) cannot match and is skipped;
    the others are tried only where their first words occur (``Scanner``: same matches as ``search``)."""
    starts = [u[0] for u in units]
    hits: list[Hit] = []
    for rid, _, before, gate, scanner in cues:
        if not gate.may_match(hay):
            continue
        pos = 0
        where = scanner.starts(hay.low)  # only where the cue's first words are
        while (m := scanner.search(text, where, pos)) is not None:
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.end() <= units[i][1]:
                pos = max(m.end(), m.start() + 1)
                if before is None:
                    hits.append((m.start(), m.end(), rid))
                    continue
                b = before.search(text, max(units[i][0], m.start() - BEFORE_REACH), m.start())
                if b is not None:
                    hits.append((b.start(), m.end(), rid))
            else:
                pos = m.start() + 1  # it ran across a sentence end: look again from just after its start
    return sorted(hits)

