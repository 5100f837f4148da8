"""Fit note, follow-up and contact point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import ContactPoint, FitNote, FollowUp

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def fit_note(doc: Doc, letter: Letter) -> FitNote:
    return FitNote()  # SKELETON


def follow_up(doc: Doc, letter: Letter) -> FollowUp:
    return FollowUp()  # SKELETON


def contact_point(doc: Doc, letter: Letter) -> ContactPoint:
    return ContactPoint()  # SKELETON
