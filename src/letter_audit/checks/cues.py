"""The words criteria look for (models/rules/criteria_cues.yaml), compiled once.

Patterns are regular expressions matched case-insensitively, with ``^``/``$`` at line ends. They are
data so a reviewer can read and extend them without touching the checks.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import ModelError
from ..paths import models_dir
from ..standard import load_yaml_model

FLAGS = re.IGNORECASE | re.MULTILINE


class _Group(BaseModel):
    """A group of named pattern lists; every pattern must compile."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _compiles(cls, value: object) -> object:
        if isinstance(value, list):
            for pattern in value:
                try:
                    re.compile(str(pattern), FLAGS)
                except re.error as exc:
                    raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return value


class ContentCues(_Group):
    diagnoses: list[str]
    clinical_summary: list[str]
    allergies_stated: list[str]
    """A statement about allergies with content, including "no known allergies"."""
    allergies_blank: list[str]
    """An allergy line left blank or "not recorded": present but not stated."""
    discharge_date: list[str]
    clinic_date: list[str]
    author_role: list[str]
    """Role words for the person completing the record."""
    signature: list[str]
    """Where the person completing the record is named."""
    medications_listed: list[str]
    admission_list: list[str]
    discharge_list: list[str]
    list_end: list[str]
    """Headings that close a medication list."""
    list_skip: list[str]
    """Lines in a medication list that are not drugs (column headers, "none")."""


class MedicationCues(_Group):
    antibiotics: list[str]
    steroids: list[str]
    duration: list[str]
    reason: list[str]
    dose: list[str]
    restart: list[str]


class RequestCues(_Group):
    refer_onward: list[str]
    rerefer: list[str]
    did_not_attend: list[str]
    fit_note: list[str]
    fit_note_ask: list[str]
    """Verbs asking for a note mentioned earlier in the sentence ("please could you provide one")."""
    results_back: list[str]
    """Asking the practice to send results or readings back to the hospital."""
    results_back_conditional: list[str]
    """Asking to hear back only if something is abnormal: fair when the monitoring is explained."""
    arrange_tests: list[str]
    bloods: list[str]
    monitoring: list[str]
    explained: list[str]
    prescribe: list[str]
    shared_care_agreed: list[str]
    shared_care_missing: list[str]


class TriageCues(_Group):
    urgent: list[str]


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    content: ContentCues
    medication: MedicationCues
    requests: RequestCues
    triage: TriageCues = Field(default_factory=lambda: TriageCues(urgent=[]))


def default_cues_path() -> Path:
    return models_dir() / "rules" / "criteria_cues.yaml"


@lru_cache(maxsize=4)
def load_cues(path: Path | None = None) -> Cues:
    """The shipped cues; a broken file is an LA300 error naming the line."""
    return load_yaml_model(
        path or default_cues_path(), Cues, missing=ModelError, syntax=ModelError, invalid=ModelError
    )


@lru_cache(maxsize=512)
def compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of ``patterns`` (None for an empty list, which matches nothing)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def search(patterns: list[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    regex = compiled(tuple(patterns))
    if regex is None:
        return None
    return regex.search(text, pos, len(text) if endpos is None else endpos)


def any_match(patterns: list[str], text: str) -> bool:
    return search(patterns, text) is not None
