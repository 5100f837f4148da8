"""Reading rule data files (JSONL / YAML) into validated pydantic records.

Why a helper: every component validates its data the same way, and a bad line must be reported with
the file and line number as a ``ModelError`` (LA300), never as a pydantic traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ModelError

M = TypeVar("M", bound=BaseModel)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A rule's regular expression, case-insensitive; a bad one is a validation error naming the rule."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from exc


def _pattern_text(pattern: str) -> str:
    compile_pattern(pattern)
    return pattern


Pattern = Annotated[str, AfterValidator(_pattern_text)]
"""A rule field holding a regular expression, checked when the rule file is read."""


class Cue(BaseModel):
    """One pattern with the rule id that findings made by it carry as evidence."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    pattern: str
    before: str | None = None
    """Optional: must match (anchored at its end) the text just ahead of a pattern match. Lets a cue
    be found by a quick keyword and checked backwards, instead of trying a slow pattern everywhere."""

    @field_validator("pattern", "before")
    @classmethod
    def _valid(cls, v: str | None) -> str | None:
        if v is not None:
            compile_pattern(v)
        return v


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid"))


def read_jsonl(path: Path, model: type[M]) -> list[M]:
    """Every non-blank, non-comment line of ``path`` as a ``model``; errors name file and line."""
    if not path.is_file():
        raise ModelError(f"rule file missing: {path}")
    records: list[M] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//") or stripped.startswith("#"):
            continue
        try:
            records.append(model.model_validate(json.loads(stripped)))
        except json.JSONDecodeError as exc:
            raise ModelError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            raise ModelError(f"{path}:{lineno}: {_first_error(exc)}") from exc
    return records


def write_jsonl(path: Path, records: list[M]) -> None:
    """Write records one JSON object per line (what ``read_jsonl`` reads back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r.model_dump(exclude_defaults=True), ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_yaml(path: Path, model: type[M]) -> M:
    """A YAML file validated as one ``model``; errors name the file (and line for syntax errors)."""
    import yaml

    if not path.is_file():
        raise ModelError(f"rule file missing: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        # libyaml when present (the pure-Python parser was a fifth of a cold check); a file it rejects
        # is parsed again by the pure parser, so the message and line are the same as ever.
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe
    except yaml.YAMLError:
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise ModelError(f"{path}{line}: not valid YAML") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ModelError(f"{path}: {_first_error(exc)}") from exc
