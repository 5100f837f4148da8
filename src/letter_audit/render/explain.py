"""``explain`` output: each finding with the rule and the letter text that produced it.

Renderers format, they never compute: the list of ``Explained`` items is built from the findings by
``explain_items`` (a plain walk over what extraction already found), then printed as text or JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from ..report import Evidence, Findings

if TYPE_CHECKING:
    from ..letter import SourceInfo

_TEXT_WIDTH = 90


class Explained(BaseModel):
    """One finding as ``explain`` shows it."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    """What was found: letter_type, dates.discharge, section, medication_change, gp_action, fit_note, ..."""
    value: str
    """The finding in short ("stop amlodipine", "monitoring, in 1 week")."""
    evidence: Evidence | None = None
    """Where it came from; None for verdicts resting on no text (e.g. fit note not mentioned)."""


def explain_items(
    findings: Findings,
    extra: list[Explained] | None = None,
) -> list[Explained]:
    """Every finding in report order; ``extra`` holds meta and section evidence from the pipeline."""
    items: list[Explained] = list(extra or [])
    for m in findings.medication_changes:
        dose = f" {m.dose_before or '?'} -> {m.dose_after or '?'}" if (m.dose_before or m.dose_after) else ""
        value = f"{m.action} {m.drug}{dose}"
        items.append(Explained(kind="medication_change", value=value, evidence=m.evidence))
    for a in findings.gp_actions:
        parts: list[str] = [a.category]
        if a.timeframe:
            parts.append(a.timeframe + (f" (due {a.due.isoformat()})" if a.due else ""))
        if a.conditional:
            parts.append(f"if {a.condition}" if a.condition else "conditional")
        if a.inappropriate:
            parts.append(f"INAPPROPRIATE: {a.rule}")
        items.append(Explained(kind="gp_action", value=", ".join(parts), evidence=a.evidence))
    if not findings.gp_actions:
        value = "none needed (letter says so)" if findings.no_gp_action_stated else "none found"
        items.append(Explained(kind="gp_action", value=value))
    fit = findings.fit_note
    items.append(Explained(kind="fit_note", value=fit.status, evidence=fit.evidence))
    fu = findings.follow_up
    detail = ", ".join(x for x in (fu.when, fu.with_whom) if x)
    owner = fu.owner + (f" ({detail})" if detail else "")
    items.append(Explained(kind="follow_up", value=owner, evidence=fu.evidence))
    cp = findings.contact_point
    contact = (cp.detail or "present") if cp.present else "absent"
    items.append(Explained(kind="contact_point", value=contact, evidence=cp.evidence))
    return items


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _TEXT_WIDTH else flat[: _TEXT_WIDTH - 3] + "..."


def render_explain_text(source: SourceInfo, items: list[Explained]) -> str:
    """One block per finding: what, the value, then the rule, page, offsets and the text."""
    pages = f"{source.pages} page{'s' if source.pages != 1 else ''}"
    lines = [f"{source.path}  ({source.format}, {pages}{', OCR' if source.ocr else ''})", ""]
    for it in items:
        lines.append(f"{it.kind:<18} {it.value}")
        ev = it.evidence
        if ev is None:
            lines.append(f"{'':<18} rule: -  (no text: nothing in the letter says this)")
        else:
            where = f"p{ev.page} " if ev.page else ""
            span = f"{where}[{ev.start}:{ev.end}]"
            lines.append(f"{'':<18} rule: {ev.rule or '-'}  {span}  \"{_short(ev.text)}\"")
    return "\n".join(lines)


def render_explain_json(source: SourceInfo, items: list[Explained]) -> str:
    return json.dumps(
        {"source": source.model_dump(), "findings": [it.model_dump(mode="json") for it in items]}, indent=2
    )
