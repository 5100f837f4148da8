"""GP action requests found by the pipeline, as ``GpAction`` records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Dates, GpAction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def gp_actions(doc: Doc, letter: Letter, dates: Dates) -> tuple[list[GpAction], bool]:
    """The requests placed on the practice, and whether the letter says none are needed."""
    return [], False  # SKELETON: filled in by the requests work (issue 4)
