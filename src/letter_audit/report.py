"""The report: letter-audit's public JSON contract (see README, "The report").

Keys keep their names and meanings; any change to them bumps ``SCHEMA_VERSION``. New keys may be added.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .letter import SourceInfo

SCHEMA_VERSION: Literal["1"] = "1"

LetterType = Literal["discharge_summary", "clinic_letter", "other"]
MedAction = Literal["start", "stop", "increase", "decrease", "withhold"]
ActionCategory = Literal["monitoring", "referral", "prescribing", "review", "fit_note", "results", "other"]
InappropriateRule = Literal["onward_referral", "fit_note", "call_and_recall", "dna_rereferral", "shared_care"]
FitNoteStatus = Literal["issued", "not_needed", "requested_from_gp", "missing", "not_mentioned"]
FollowUpOwner = Literal["hospital", "gp", "none", "unclear"]
CriterionStatus = Literal["met", "not_met", "not_applicable"]
Rating = Literal["good", "needs_improvement", "poor"]
Priority = Literal["urgent", "soon", "routine", "file_only"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where in the letter a finding comes from."""

    text: str
    """The letter text the finding rests on."""
    start: int
    """Character offset into the extracted letter text (``letter-audit read``)."""
    end: int
    """Offset one past the end."""
    page: int | None = None
    """1-based page of ``start``."""
    rule: str | None = None
    """Id of the rule or component that made the finding."""


class Dates(_Model):
    """Dates stated in the letter."""

    letter: dt.date | None = None
    """The date the letter was typed or sent."""
    clinic: dt.date | None = None
    admission: dt.date | None = None
    discharge: dt.date | None = None


class MedicationChange(_Model):
    """One change made to one drug during this episode of care."""

    drug: str
    """Lower-case generic name where the lexicon knows it, else as written."""
    action: MedAction
    dose_before: str | None = None
    dose_after: str | None = None
    reason: str | None = None
    evidence: Evidence
    brand: str | None = None
    """The brand as written, when the letter used one."""
    switched_with: str | None = None
    """For a switch from A to B: the other drug."""
    duration: str | None = None
    """Course length where stated ("for 5 days")."""
    restart_condition: str | None = None
    """For withheld drugs: when to restart, as written."""


class GpAction(_Model):
    """One request the letter places on the GP practice."""

    text: str
    """The request as written."""
    category: ActionCategory
    timeframe: str | None = None
    """When, as written ("in 1 week")."""
    due: dt.date | None = None
    """The timeframe resolved against the letter's date, when both are known."""
    conditional: bool = False
    """True when the request only applies if something holds ("if creatinine rises")."""
    condition: str | None = None
    inappropriate: bool = False
    """True when the request moves hospital work onto the practice."""
    rule: InappropriateRule | None = None
    """Which rule the request breaks, when inappropriate."""
    evidence: Evidence


class FitNote(_Model):
    status: FitNoteStatus = "not_mentioned"
    evidence: Evidence | None = None


class FollowUp(_Model):
    owner: FollowUpOwner = "unclear"
    when: str | None = None
    with_whom: str | None = None
    evidence: Evidence | None = None


class ContactPoint(_Model):
    present: bool = False
    detail: str | None = None
    """The phone number, email, bleep or advice line found."""
    evidence: Evidence | None = None


class CriterionResult(_Model):
    id: str
    title: str
    status: CriterionStatus
    explanation: str
    """Plain English: why the letter did or did not meet the criterion."""
    evidence: list[Evidence] = Field(default_factory=list)
    weight: float = 1.0
    source: str | None = None
    """Where the criterion comes from (NHS Standard Contract, PRSB, 2023 delivery plan)."""


class Triage(_Model):
    priority: Priority = "routine"
    reason: str = ""
    missing: list[str] = Field(default_factory=list)
    """Short names of what the letter lacks ("fit note", "contact point")."""


class StandardRef(_Model):
    id: str
    version: str


class Findings(_Model):
    """What extraction finds in a letter, before it is judged against the standard."""

    letter_type: LetterType = "other"
    dates: Dates = Field(default_factory=Dates)
    specialty: str | None = None
    specialty_inferred: bool = False
    """True when no service is named and ``specialty`` was read from the letter's content (its
    diagnoses and procedures): good enough to group letters, but the letter does not state it."""
    consultant: str | None = None
    team: str | None = None
    did_not_attend: bool = False
    medication_changes: list[MedicationChange] = Field(default_factory=list)
    gp_actions: list[GpAction] = Field(default_factory=list)
    no_gp_action_stated: bool = False
    """True when the letter says no GP action is needed."""
    fit_note: FitNote = Field(default_factory=FitNote)
    follow_up: FollowUp = Field(default_factory=FollowUp)
    contact_point: ContactPoint = Field(default_factory=ContactPoint)
    sections: list[str] = Field(default_factory=list)
    """Ids of the sections found (see models/rules/sections.jsonl)."""


class _ReportHeader(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    """Bumped whenever a key of the contract changes name or meaning."""
    source: SourceInfo


class Report(Findings, _ReportHeader):
    """The full report for one letter (header keys first in the JSON)."""

    criteria: list[CriterionResult] = Field(default_factory=list)
    score: int = Field(0, ge=0, le=100)
    rating: Rating = "poor"
    triage: Triage = Field(default_factory=Triage)
    standard: StandardRef | None = None


class ErrorSource(_Model):
    path: str
    sha256: str | None = None
    format: str | None = None


class ErrorDetail(_Model):
    code: str
    message: str


class ErrorReport(_Model):
    """What batch output holds for a file that could not be checked."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: ErrorSource
    error: ErrorDetail
