"""Gold annotations for fixture letters (``<name>.gold.json``), in the shape of the report contract."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .report import (
    ActionCategory,
    Dates,
    FitNoteStatus,
    FollowUpOwner,
    InappropriateRule,
    LetterType,
    MedAction,
)


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldMedicationChange(_Gold):
    drug: str
    """Lower-case generic name (what the report should say)."""
    action: MedAction


class GoldGpAction(_Gold):
    text: str
    """The request as written in the letter (a substring of it, whitespace aside)."""
    category: ActionCategory
    inappropriate: bool = False
    rule: InappropriateRule | None = None
    timeframe: str | None = None
    conditional: bool = False


class GoldFitNote(_Gold):
    status: FitNoteStatus


class GoldFollowUp(_Gold):
    owner: FollowUpOwner


class GoldContactPoint(_Gold):
    present: bool


class Gold(_Gold):
    """What a careful GP reader would extract from one fixture letter."""

    letter_type: LetterType
    specialty: str
    dates: Dates = Field(default_factory=Dates)
    medication_changes: list[GoldMedicationChange] = Field(default_factory=list)
    gp_actions: list[GoldGpAction] = Field(default_factory=list)
    fit_note: GoldFitNote
    follow_up: GoldFollowUp
    contact_point: GoldContactPoint
    grade: int = Field(ge=1, le=5)
    """Quality from 1 (poor) to 5 (excellent), as a GP would judge the letter against complete care."""
    notes: str | None = None
    """Why the letter is in the corpus: the trap or layout it exercises."""


def load_gold(path: str | Path) -> Gold:
    return Gold.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
