"""What a check sees, what it returns, and helpers for finding evidence in the letter text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..extract.evidence import evidence
from ..report import CriterionStatus, Evidence
from . import cues as cue_mod

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings, GpAction
    from ..standard import Criterion, Standard
    from .cues import Cues


@dataclass
class CheckContext:
    """Everything a check may read. ``gp_actions`` already carry the inappropriate flags."""

    letter: Letter
    findings: Findings
    standard: Standard
    cues: Cues
    criterion: Criterion
    gp_actions: list[GpAction] = field(default_factory=list)

    def find(self, patterns: list[str], rule: str, start: int = 0, end: int | None = None) -> Evidence | None:
        """Evidence for the first line matching any pattern (the whole line, for readable evidence)."""
        match = cue_mod.search(patterns, self.letter.text, start, end)
        if match is None:
            return None
        begin, text = match.start(), self.letter.text
        # A heading pattern's "^\W*" can start on the blank line above; quote from the heading itself.
        while begin < match.end() - 1 and text[begin].isspace():
            begin += 1
        found = self.line_evidence(begin, match.end(), rule)
        if _bare_heading(found.text):
            # A heading alone says little; show what it heads, as a reader would quote it.
            text = self.letter.text
            nxt = found.end
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if nxt < len(text):
                following = self.line_evidence(nxt, nxt + 1, rule)
                # The next section's heading below is not what this line heads: a short statement
                # ("NKDA") above "Plan: home" is quoted alone.
                if not cue_mod.any_match(self.cues.content.list_end, following.text):
                    return evidence(self.letter, found.start, following.end, rule)
        return found

    def line_evidence(self, start: int, end: int, rule: str) -> Evidence:
        text = self.letter.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        # Trim surrounding spaces so the evidence text is exactly what a reader sees.
        while line_start < start and text[line_start].isspace():
            line_start += 1
        while line_end > end and text[line_end - 1].isspace():
            line_end -= 1
        if line_end - line_start > _LONGEST:
            line_start, line_end = _sentence_span(text, start, end, line_start, line_end)
        return evidence(self.letter, line_start, line_end, rule)


_LONGEST = 240
"""Longest evidence quoted whole; a longer line (a prose paragraph) is quoted by its sentence."""

_SENTENCE_END = re.compile(r"[.!?;](?=\s)")


def _sentence_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``start:end`` inside the line ``lo:hi``, cut at a word if still too long.

    A bare cue match ("was admitted w") tells a reader nothing; the sentence it sits in does.
    """
    left = lo
    for found in _SENTENCE_END.finditer(text, lo, start):
        left = found.end()
    while left < start and text[left].isspace():
        left += 1
    stop = _SENTENCE_END.search(text, max(end - 1, lo), hi)
    right = stop.end() if stop else hi
    if right - left > _LONGEST:
        cut = text.rfind(" ", left, left + _LONGEST)
        right = max(end, cut if cut > left else left + _LONGEST)
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _bare_heading(line: str) -> bool:
    stripped = line.strip().rstrip(":").strip()
    return (
        0 < len(stripped) <= 40
        and not any(mark in stripped for mark in ":|.\n")  # one line: a heading with its content is not bare
    )


@dataclass
class Outcome:
    status: CriterionStatus
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    breaches: int = 1
    """Separate failures behind a not-met result (each inappropriate request is one)."""


def met(explanation: str, *found: Evidence | None) -> Outcome:
    return Outcome("met", explanation, [e for e in found if e is not None])


def not_met(explanation: str, *found: Evidence | None) -> Outcome:
    return Outcome("not_met", explanation, [e for e in found if e is not None])


def not_applicable(explanation: str) -> Outcome:
    return Outcome("not_applicable", explanation)


def by_count(n: int, one: str, two: str, many: str) -> str:
    """The phrase for ``n`` things: ``one``, ``two`` ("Both ...") or ``many`` with ``{n}`` filled in."""
    return one if n == 1 else two if n == 2 else many.format(n=n)


def quote(text: str, limit: int = 60) -> str:
    """A short quotation of letter text for an explanation."""
    flat = re.sub(r"\s+", " ", text).strip().rstrip(".")
    return f'"{flat}"' if len(flat) <= limit else f'"{flat[: limit - 3].rstrip()}..."'
