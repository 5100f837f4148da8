"""Evidence for a finding: the text, offsets, page and rule id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Evidence

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..letter import Letter


def evidence(letter: Letter, start: int, end: int, rule: str | None = None) -> Evidence:
    """Evidence for the characters ``start:end`` of the letter text."""
    return Evidence(
        text=letter.text[start:end], start=start, end=end, page=letter.page_at(start), rule=rule
    )


def span_evidence(letter: Letter, span: Span, rule: str | None = None) -> Evidence:
    return evidence(letter, span.start_char, span.end_char, rule)
