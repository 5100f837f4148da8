"""The complete-care standard as data (models/standards/complete_care.yaml).

A trust copies the shipped file, adapts criteria, weights, cut-offs and settings to local policy, and
passes it with ``--standard FILE``. Everything is validated on load; a mistake is reported as one line
naming the file and the line of the YAML that holds it, so whoever edited the file can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import LetterAuditError, StandardInvalid, StandardMissing, StandardSyntax
from .paths import models_dir
from .report import ActionCategory, InappropriateRule, LetterType

M = TypeVar("M", bound=BaseModel)


def regex_compiles(flags: int = 0) -> Callable[[str], str]:
    """A validator: the str must compile as a regular expression with ``flags``.

    Checked on load, so a mistake is reported with the file and line of that very item.
    """

    def compiles(pattern: str) -> str:
        try:
            re.compile(pattern, flags)
        except re.error as exc:
            raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return pattern

    return compiles


Regex = Annotated[str, AfterValidator(regex_compiles())]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RatingCutoffs(_Strict):
    """Lowest score for each rating; anything below ``needs_improvement`` is poor."""

    good: Annotated[int, Field(ge=0, le=100)] = 70
    needs_improvement: Annotated[int, Field(ge=0, le=100)] = 45

    @model_validator(mode="after")
    def _ordered(self) -> RatingCutoffs:
        if self.needs_improvement > self.good:
            raise ValueError("needs_improvement must not be above good")
        return self


class TimelinessSettings(_Strict):
    """How soon a letter must follow the episode it describes (NHS Standard Contract)."""

    discharge_summary_days: Annotated[int, Field(ge=0)] = 1
    """24 hours: a summary dated the day of discharge or the day after is on time."""
    clinic_letter_days: Annotated[int, Field(ge=0)] = 7


class RequestSettings(_Strict):
    """Where guidance on inappropriate requests is unsettled, the trust or LMC decides here."""

    flag_post_discharge_bloods: bool = False
    """Flag a request to the GP to check bloods after discharge even when the letter explains why."""
    flag_unexplained_monitoring: bool = False
    """Flag monitoring requests (bloods, blood pressure) that give no reason."""
    flag_onward_referral: bool = True
    flag_conditional_onward_referral: bool = True
    """Flag onward referrals asked for only if a condition is met later ("refer to physiotherapy if the pain
    persists beyond 2 weeks"): the practice, not the hospital, would then see the need arise."""
    flag_wound_care: bool = False
    """Flag requests for the practice nurse to remove sutures or clips or check a wound."""
    shared_care_drugs: list[str] = Field(default_factory=list)
    """Specialist drugs the GP prescribes only under a shared-care agreement (lower case)."""
    onward_referral_exempt: list[Regex] = Field(default_factory=list)
    """Regular expressions for services the GP refers to locally (e.g. smoking cessation)."""


_TIMED_CATEGORIES: tuple[ActionCategory, ...] = ("monitoring", "review", "referral", "results")


class ContentSettings(_Strict):
    summary_min_words: Annotated[int, Field(ge=1)] = 30
    """A prose paragraph at least this long counts as the clinical summary when no heading names it."""


class ActionSettings(_Strict):
    timeframe_required_for: list[ActionCategory] = Field(default_factory=lambda: list(_TIMED_CATEGORIES))
    """Categories of GP action that must say when they are due."""
    counted_by: dict[InappropriateRule, str] = Field(default_factory=dict)
    """Inappropriate requests another criterion already judges, by rule -> that criterion's id (a fit-note
    request also fails the fit note criterion): when that criterion is not met, the request is not
    counted a second time against the score. A criterion the standard does not have counts nothing."""


class TriageSettings(_Strict):
    """When a letter is urgent, soon, routine or file-only."""

    urgent_within_days: Annotated[int, Field(ge=0)] = 7
    soon_within_days: Annotated[int, Field(ge=0)] = 31
    high_risk_drugs: list[str] = Field(default_factory=list)
    """Drugs whose stop or withholding makes the letter urgent (lower case; a name contained in the
    drug matches, so "insulin" covers every insulin)."""


class Settings(_Strict):
    rating: RatingCutoffs = Field(default_factory=RatingCutoffs)
    content: ContentSettings = Field(default_factory=ContentSettings)
    timeliness: TimelinessSettings = Field(default_factory=TimelinessSettings)
    requests: RequestSettings = Field(default_factory=RequestSettings)
    actions: ActionSettings = Field(default_factory=ActionSettings)
    triage: TriageSettings = Field(default_factory=TriageSettings)


class Criterion(_Strict):
    """One line of the scorecard."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    applies_to: list[LetterType] = Field(min_length=1)
    weight: float = Field(gt=0)
    source: str
    """Where the criterion comes from: NHS Standard Contract, PRSB heading, 2023 delivery plan."""
    check: str
    """The registered check that judges it (see ``letter_audit.checks.registry``)."""
    missing_label: str | None = None
    """Short name for the triage "Missing:" line when the criterion is not met."""
    weight_when_met: float | None = Field(default=None, gt=0)
    """The weight when the criterion is met, if not ``weight``: a duty that is the baseline every letter
    should keep (no workload moved to the practice) earns little credit for being kept and costs its
    full weight when broken."""
    max_breaches: int = Field(default=1, ge=1, le=10)
    """How many separate breaches count against the score, each at ``weight`` (two workload-dump
    requests are worse than one: the dev letters' grades drop from about 3 to about 2)."""

    @field_validator("check")
    @classmethod
    def _known_check(cls, name: str) -> str:
        from .checks.registry import check_names

        known = check_names()
        if name not in known:
            raise ValueError(f"unknown check {name!r}; known checks: {', '.join(sorted(known))}")
        return name


class Standard(_Strict):
    """A versioned list of criteria with the settings that tune them."""

    id: str
    version: str
    title: str
    description: str | None = None
    settings: Settings = Field(default_factory=Settings)
    criteria: list[Criterion] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @field_validator("criteria")
    @classmethod
    def _unique_ids(cls, criteria: list[Criterion]) -> list[Criterion]:
        seen: set[str] = set()
        for criterion in criteria:
            if criterion.id in seen:
                raise ValueError(f"criterion id {criterion.id!r} is used twice")
            seen.add(criterion.id)
        return criteria

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


def default_standard_path() -> Path:
    return models_dir() / "standards" / "complete_care.yaml"


_LOADED: dict[tuple[str, str], Standard] = {}
"""Standards already validated, by path and file text (see ``load_standard``)."""
_LOADED_MAX = 8


def load_standard(path: str | Path | None = None) -> Standard:
    """The standard in ``path`` (default: the shipped complete-care standard), validated.

    Parsing and validating the file costs about 3 ms, as much as a fifth of checking a text letter, and
    ``audit()`` without a standard loads one per letter (``evaluate``, scripts). So a standard is kept
    by its path and the file's text, read afresh on every call: an edited file is loaded again, and an
    unchanged one gives the same object. Callers must not change what they get: copy it first
    (``model_copy(deep=True)``), as the tests do."""
    where = Path(path) if path is not None else default_standard_path()
    try:
        text: str | None = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None  # load_yaml_model reads it again and reports the error as usual
    key = (str(where), text) if text is not None else None
    if key is not None:
        found = _LOADED.get(key)
        if found is not None:
            return found
    standard = load_yaml_model(
        where,
        Standard,
        missing=StandardMissing,
        syntax=StandardSyntax,
        invalid=StandardInvalid,
        text=text,
    )
    if key is not None:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        _LOADED[key] = standard
    return standard


# -- YAML with line numbers -----------------------------------------------------------------------


def load_yaml_model(
    path: Path,
    model: type[M],
    *,
    missing: type[LetterAuditError],
    syntax: type[LetterAuditError],
    invalid: type[LetterAuditError],
    text: str | None = None,
) -> M:
    """Parse a YAML data file into ``model``, turning every mistake into an error naming the line.

    Shared by the standard and the rule files behind it, so each reports mistakes the same way.
    ``text`` is the file's text when the caller has read it already.
    """
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise missing(path=str(path)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise syntax(f"cannot be read: {exc}", path=str(path)) from exc
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise syntax(f"{line}{problem}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise invalid("line 1: expected a mapping of keys to values", path=str(path))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Composed only now: line numbers are needed for the message, and parsing twice costs a cold start.
        node = yaml.compose(text, Loader=loader)
        lines = _node_lines(node) if node is not None else {}
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(part) for part in loc) or "(top)"
        raise invalid(f"line {_line_for(lines, loc)}: {where}: {first['msg']}", path=str(path)) from exc


def _node_lines(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map each key path in a composed YAML document to its 1-based line."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*path, key.value)
            lines.update(_node_lines(value, sub))
            lines[sub] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_node_lines(item, (*path, index)))
    return lines


def _line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    """The line of the deepest part of ``loc`` the document has (a missing key: its parent)."""
    for size in range(len(loc), -1, -1):
        key = tuple(str(p) if not isinstance(p, int) else p for p in loc[:size])
        if key in lines:
            return lines[key]
    return 1
