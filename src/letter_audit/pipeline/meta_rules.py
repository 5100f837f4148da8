"""The rule model of ``la_meta``: the letter-type cues, date labels, specialties, people and
did-not-attend patterns read from ``meta.yaml``, validated.

Why its own module: the data's shape is a contract with the rule file and the saved pipeline; the finding
code lives in ``meta`` (letter type, people, did-not-attend), ``meta_dates`` and ``specialty``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..report import LetterType
from .ruledata import Cue
from .ruledata import compile_pattern as _compile
from .specialty import SpecialtyRules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check(v: str) -> str:
    _compile(v)
    return v


class TypeCue(Cue):
    type: LetterType
    weight: float = 1.0


class LetterTypeRules(_Strict):
    head_chars: int = Field(ge=0)
    head_bonus: float = Field(ge=1)
    cues: list[TypeCue]


class DateLabel(Cue):
    field: Literal["letter", "clinic", "admission", "discharge", "attendance", "seen", "skip"]
    priority: int = 1
    after: Literal["admission"] | None = None
    reach: int | None = Field(default=None, ge=0, le=300)
    """How far before the date the label may start; default: the rules' ``gap``. A signer line
    ("Discharging Clinician | Dr A B, FY1, on behalf of Dr C, 23/10/2026") runs longer than a label."""


class DateRules(_Strict):
    labels: list[DateLabel]
    gap: int = Field(ge=0, le=200)
    unlabelled_letter_date_within: int = Field(ge=0)
    trailing_letter_date_within: int = Field(default=300, ge=0)
    """How near the end a date closing its line (a sign-off) must be to stand in for a missing letter date."""
    months: list[str] = Field(min_length=12, max_length=12)
    other_months: list[list[str]] = []
    """Month names in another language, twelve a list in calendar order, read as whole words only
    ("19 Ionawr 2027"; a bilingual "19 Ionawr / January 2027" reads as one date)."""
    bare_date_label: str = r"(?!x)x"
    """The text just before a date that is a bare "Date:" field (no word saying which date it is)."""
    attendance_setting: str = r"(?!x)x"
    """An emergency or same-day setting named before that field ("Emergency Department", "UTC"): there the
    bare "Date:" is the day of the attendance, so it is the admission and discharge date too."""

    _v = field_validator("bare_date_label", "attendance_setting")(classmethod(lambda cls, v: _check(v)))


class PeopleRules(_Strict):
    consultant: str
    team: str
    recipient_line: str = r"(?!x)x"
    """A line naming who the letter goes to ("cc:", "Primary recipients |"): a consultant or team named there,
    or on the unlabelled line under it, is a reader of the letter, not its author."""

    _v = field_validator("consultant", "team", "recipient_line")(classmethod(lambda cls, v: _check(v)))


class MetaRules(_Strict):
    letter_type: LetterTypeRules
    dates: DateRules
    specialties: SpecialtyRules
    people: PeopleRules
    did_not_attend: str

    _v = field_validator("did_not_attend")(classmethod(lambda cls, v: _check(v)))
