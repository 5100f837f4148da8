"""Medication changes found by the pipeline, as ``MedicationChange`` records.

The pipeline (``la_med_changes``, ``la_med_lists``) leaves plain dicts on ``doc._.med_changes``; this is
where they become the public pydantic records, with evidence pointing back into the letter text. One
record per (drug, action): a letter that states the same change twice (summary and list) reports it once,
with the evidence of its first statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..report import MedicationChange
from .evidence import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter

_ACTIONS = {"start", "stop", "increase", "decrease", "withhold"}


def changes(doc: Doc, letter: Letter) -> list[MedicationChange]:
    """Every medication change made in this episode, in letter order, one per drug and action."""
    raw: list[dict[str, Any]] = list(getattr(doc._, "med_changes", None) or [])
    out: list[MedicationChange] = []
    seen: set[tuple[str, str]] = set()
    for c in sorted(raw, key=lambda c: int(c["start"])):
        key = (str(c["drug"]), str(c["action"]))
        if c["action"] not in _ACTIONS or key in seen:
            continue
        seen.add(key)
        start, end = int(c["start"]), int(c["end"])
        out.append(
            MedicationChange(
                drug=key[0],
                action=c["action"],
                dose_before=c.get("dose_before"),
                dose_after=c.get("dose_after"),
                reason=c.get("reason"),
                evidence=evidence(letter, start, end, rule=c.get("rule")),
                brand=c.get("brand"),
                switched_with=c.get("switched_with"),
                duration=c.get("duration"),
                restart_condition=c.get("restart_condition"),
            )
        )
    return out
