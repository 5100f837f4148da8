"""Triage for practice staff: how soon the letter needs acting on, why, and what it lacks.

urgent: an action due within ``urgent_within_days`` or a high-risk drug stopped or withheld;
soon: an action due within ``soon_within_days`` or medication changes to reconcile;
routine: other actions (or only requests to push back on); file_only: nothing to do.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .checks.cues import any_match
from .report import GpAction, Priority, Triage

if TYPE_CHECKING:
    from .checks.cues import Cues
    from .report import CriterionResult, Findings, Report
    from .standard import Standard

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "few": 3, "couple": 2,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "7": 1, "52": 7, "12": 30}
_SPAN = re.compile(
    r"\b(\d+|" + "|".join(_NUMBERS) + r")(?:\s*(?:-|to)\s*\d+)?\s*(?:of\s+)?(day|week|month|year)s?\b",
    re.IGNORECASE,
)
_SLASH = re.compile(r"\b(\d+)\s*/\s*(7|52|12)\b")
_FIXED = [
    (re.compile(r"\b(today|immediately|same day|urgent(ly)?|asap|as soon as possible)\b", re.I), 0),
    (re.compile(r"\btomorrow\b|\b24 hours\b", re.I), 1),
    (re.compile(r"\b48 hours\b", re.I), 2),
    (re.compile(r"\bnext week\b", re.I), 7),
    (re.compile(r"\bfortnight\b", re.I), 14),
    (re.compile(r"\bnext month\b", re.I), 30),
]


def due_in_days(
    action: GpAction, letter_date: dt.date | None, urgent_cues: list[str] | None = None
) -> int | None:
    """Days from the letter to when the action is due, or None when the letter does not say."""
    if action.due is not None and letter_date is not None:
        return max(0, (action.due - letter_date).days)
    timeframe = action.timeframe or ""
    if not timeframe:
        return 0 if urgent_cues and any_match(urgent_cues, action.text) else None
    for pattern, days in _FIXED:
        if pattern.search(timeframe):
            return days
    if urgent_cues and any_match(urgent_cues, timeframe):
        return 0
    match = _SLASH.search(timeframe)
    if match:
        return int(match.group(1)) * _UNIT_DAYS[match.group(2)]
    match = _SPAN.search(timeframe)
    if match:
        count = match.group(1).lower()
        number = int(count) if count.isdigit() else _NUMBERS[count]
        return number * _UNIT_DAYS[match.group(2).lower()]
    return None


def _high_risk(drug: str, names: list[str]) -> bool:
    lowered = drug.lower()
    return any(name in lowered for name in names)


def triage(
    findings: Findings,
    actions: list[GpAction],
    results: list[CriterionResult],
    standard: Standard,
    cues: Cues,
) -> Triage:
    """The priority, its reason, and the short names of what the letter lacks."""
    labels = {c.id: c.missing_label for c in standard.criteria}
    missing = [label for r in results if r.status == "not_met" and (label := labels.get(r.id))]
    # Keep the first of any repeated label, so the line reads cleanly.
    missing = list(dict.fromkeys(missing))
    priority, reason = _priority(findings, actions, standard, cues)
    return Triage(priority=priority, reason=reason, missing=missing)


def _priority(
    findings: Findings, actions: list[GpAction], standard: Standard, cues: Cues
) -> tuple[Priority, str]:
    """The first rule that holds, most pressing first, and its reason in words."""
    settings = standard.settings.triage
    todo = [a for a in actions if not a.inappropriate]
    pushback = [a for a in actions if a.inappropriate]
    # A conditional request ('if he blacks out, arrange an urgent ECG') falls due only if that happens.
    letter_date, urgent = findings.dates.letter, cues.triage.urgent
    timed = [(None if a.conditional else due_in_days(a, letter_date, urgent), a) for a in todo]
    risky = [
        c for c in findings.medication_changes
        if c.action in ("stop", "withhold") and _high_risk(c.drug, settings.high_risk_drugs)
    ]  # fmt: skip
    soonest = min((d for d, _ in timed if d is not None), default=None)

    if risky:
        names = ", ".join(f"{c.drug} {'stopped' if c.action == 'stop' else 'withheld'}" for c in risky)
        return "urgent", f"High-risk drug change to reconcile: {names}."
    first = next((a for d, a in timed if d == soonest), None) if soonest is not None else None
    if soonest is not None and first is not None and soonest <= settings.soon_within_days:
        priority: Priority = "urgent" if soonest <= settings.urgent_within_days else "soon"
        return priority, f"Practice action due {_when(soonest)}: {_short(first.text)}."
    if findings.medication_changes:
        return "soon", f"{_count(len(findings.medication_changes), 'medication change')} to reconcile."
    if todo:
        return "routine", f"{_count(len(todo), 'action')} for the practice, none due within a month."
    if pushback:
        plural = "s" if len(pushback) != 1 else ""
        return "routine", f"Only inappropriate request{plural} to reply to the trust about."
    return "file_only", "No actions or medication changes for the practice."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


CHANGES_COMPLETE = "medication_changes_complete"
"""The shipped standard's id for "each medication change states drug, dose and reason"."""


def changes_lacking_reason(report: Report) -> list[bool]:
    """For each medication change, whether the letter gives no reason for it, as the scorecard judged.

    Extraction fills ``reason`` only where it can tie the words to the change; the changes-complete
    criterion also accepts a reason in the sentences around the change ("Her potassium was 6.1.
    Spironolactone stopped."). The triage line follows the criterion's result so the two never
    disagree: a change the criterion did not flag has a reason; a flagged one lacks a reason unless its
    entry in the explanation ("start x (no dose)") names only the dose. A standard without that
    criterion leaves extraction's word.
    """
    changes = report.medication_changes
    crit = next((c for c in report.criteria if c.id == CHANGES_COMPLETE), None)
    if crit is None or crit.status == "not_applicable":
        return [not c.reason for c in changes]
    flagged = {(e.start, e.end) for e in crit.evidence} if crit.status == "not_met" else set()
    lacking = []
    for change in changes:
        if change.reason or (change.evidence.start, change.evidence.end) not in flagged:
            lacking.append(False)
            continue
        entry = f"{change.action} {change.drug} (no "
        at = crit.explanation.find(entry)
        # Past the first few gaps the explanation says "and N more": no entry, so trust the flag.
        gap = crit.explanation[at + len(entry) : crit.explanation.find(")", at)] if at >= 0 else "reason"
        lacking.append("reason" in gap)
    return lacking


def _when(days: int) -> str:
    if days <= 0:
        return "now"
    if days == 1:
        return "within 1 day"
    return f"within {days} days"


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split()).rstrip(".")
    return f'"{flat}"' if len(flat) <= limit else f'"{flat[: limit - 3].rstrip()}..."'
