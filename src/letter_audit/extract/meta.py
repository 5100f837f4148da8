"""Letter type, dates, specialty, consultant, team and did-not-attend, from ``la_meta``.

Each function reads ``doc._.meta`` (set by the pipeline); ``meta_evidence`` gives the evidence behind each
value for ``explain``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..report import Dates, Evidence, LetterType
from .evidence import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def _meta(doc: Doc) -> dict[str, Any]:
    return doc._.meta or {}


def _value(doc: Doc, key: str) -> Any:
    found = _meta(doc).get(key)
    return found["value"] if found else None


def letter_type(doc: Doc, letter: Letter) -> LetterType:
    return _value(doc, "letter_type") or "other"


def dates(doc: Doc, letter: Letter) -> Dates:
    found = _meta(doc).get("dates") or {}
    return Dates(**{field: item["date"] for field, item in found.items()})


def specialty(doc: Doc, letter: Letter) -> str | None:
    return _value(doc, "specialty")


def specialty_inferred(doc: Doc, letter: Letter) -> bool:
    """Whether the specialty was read from the letter's content only (no service is named)."""
    found = _meta(doc).get("specialty")
    return bool(found and found.get("inferred"))


def consultant(doc: Doc, letter: Letter) -> str | None:
    return _value(doc, "consultant")


def team(doc: Doc, letter: Letter) -> str | None:
    return _value(doc, "team")


def did_not_attend(doc: Doc, letter: Letter) -> bool:
    return bool(_value(doc, "did_not_attend"))


def meta_evidence(doc: Doc, letter: Letter) -> list[tuple[str, str, Evidence]]:
    """(field, value, evidence) for every meta finding, for ``explain``."""
    out: list[tuple[str, str, Evidence]] = []
    meta = _meta(doc)
    for key in ("letter_type", "specialty", "consultant", "team", "did_not_attend"):
        found = meta.get(key)
        if found and found.get("start") is not None:
            ev = evidence(letter, found["start"], found["end"], found["rule"])
            out.append((key, str(found["value"]), ev))
    for field, item in sorted((meta.get("dates") or {}).items()):
        ev = evidence(letter, item["start"], item["end"], item["rule"])
        out.append((f"dates.{field}", item["date"].isoformat(), ev))
    return out
