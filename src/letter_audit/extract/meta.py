"""Letter type, dates, specialty, consultant, team and did-not-attend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Dates, LetterType

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def letter_type(doc: Doc, letter: Letter) -> LetterType:
    return "other"  # SKELETON


def dates(doc: Doc, letter: Letter) -> Dates:
    return Dates()  # SKELETON


def specialty(doc: Doc, letter: Letter) -> str | None:
    return None  # SKELETON


def consultant(doc: Doc, letter: Letter) -> str | None:
    return None  # SKELETON


def team(doc: Doc, letter: Letter) -> str | None:
    return None  # SKELETON


def did_not_attend(doc: Doc, letter: Letter) -> bool:
    return False  # SKELETON
