"""Fit note, follow-up and contact point found by ``la_status``, as report records with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..report import ContactPoint, Evidence, FitNote, FollowUp
from .evidence import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def _evidence(letter: Letter, found: dict[str, Any]) -> Evidence | None:
    """Evidence for a verdict; None when the text sits in page furniture (no offsets in the letter)."""
    if found.get("start") is None:
        return None
    return evidence(letter, found["start"], found["end"], found["rule"])


def fit_note(doc: Doc, letter: Letter) -> FitNote:
    found = doc._.fit_note
    if not found:
        return FitNote()
    return FitNote(status=found["status"], evidence=_evidence(letter, found))


def follow_up(doc: Doc, letter: Letter) -> FollowUp:
    found = doc._.follow_up
    if not found:
        return FollowUp()
    return FollowUp(
        owner=found["owner"], when=found.get("when"), with_whom=found.get("with_whom"),
        evidence=_evidence(letter, found),
    )


def contact_point(doc: Doc, letter: Letter) -> ContactPoint:
    found = doc._.contact_point
    if not found:
        return ContactPoint()
    return ContactPoint(present=True, detail=found["detail"], evidence=_evidence(letter, found))
