"""Medication changes found by the pipeline, as ``MedicationChange`` records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import MedicationChange

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def changes(doc: Doc, letter: Letter) -> list[MedicationChange]:
    return []  # SKELETON: filled in by the medication work (issue 4)
