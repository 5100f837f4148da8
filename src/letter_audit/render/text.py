"""The plain-text summary ``letter-audit check`` prints: triage first, then the scorecard.

Plain text with no colour or box drawing, so it pipes into files, email and grep. The order of the
triage summary follows what practice staff act on: priority, what to do, medicines to reconcile, what
is missing, and what to push back on.
"""

from __future__ import annotations

from ..report import GpAction, MedicationChange, Report

_STATUS = {"met": "met", "not_met": "NOT MET", "not_applicable": "n/a"}
_PRIORITY = {"urgent": "URGENT", "soon": "SOON", "routine": "ROUTINE", "file_only": "FILE ONLY"}
_RATING = {"good": "good", "needs_improvement": "needs improvement", "poor": "poor"}
_KIND = {"discharge_summary": "discharge summary", "clinic_letter": "clinic letter", "other": "letter"}
_VERB = {
    "start": "Start",
    "stop": "Stop",
    "increase": "Increase",
    "decrease": "Decrease",
    "withhold": "Withhold",
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _header(report: Report) -> str:
    dates = report.dates
    bits = [_KIND[report.letter_type]]
    if report.specialty:
        bits.append(
            f"{report.specialty} (not stated; read from the content)"
            if report.specialty_inferred
            else report.specialty
        )
    if dates.letter:
        bits.append(f"dated {dates.letter.isoformat()}")
    return f"{report.source.path}: {', '.join(bits)}"


def _action_line(action: GpAction) -> str:
    if action.due is not None:
        when = f"by {action.due.isoformat()}"
    elif action.timeframe:
        when = _flat(action.timeframe)
    else:
        when = "no timeframe given"
    if action.conditional:
        when = f"if {_flat(action.condition)}" if action.condition else f"{when}, only if needed"
    return f"  - [{when}] {_flat(action.text)}"


def _change_line(change: MedicationChange, lacks_reason: bool) -> str:
    dose = ""
    if change.dose_before and change.dose_after:
        dose = f" {change.dose_before} -> {change.dose_after}"
    elif change.dose_after or change.dose_before:
        dose = f" {change.dose_after or change.dose_before}"
    extras = []
    if change.duration:
        extras.append(
            f"for {change.duration}" if not change.duration.lower().startswith("for") else change.duration
        )
    if change.restart_condition:
        extras.append(f"restart: {_flat(change.restart_condition)}")
    if change.switched_with:
        extras.append(f"switched with {change.switched_with}")
    if change.reason:
        extras.append(f"reason: {_flat(change.reason)}")
    else:
        # The scorecard found a reason near the change that extraction could not pin to it.
        extras.append("no reason given" if lacks_reason else "reason: see letter")
    return f"  - {_VERB[change.action]} {change.drug}{dose} ({'; '.join(extras)})"


def render_triage(report: Report) -> list[str]:
    """The one-screen summary for practice staff."""
    from ..render.reply import load_replies
    from ..triage import changes_lacking_reason, due_in_days

    triage = report.triage
    lines = [f"Priority: {_PRIORITY[triage.priority]} - {triage.reason}"]

    todo = [a for a in report.gp_actions if not a.inappropriate]
    timed = [(due_in_days(a, report.dates.letter), i, a) for i, a in enumerate(todo)]
    # Soonest first; conditional and undated actions after the dated ones, in letter order.
    timed.sort(key=lambda t: (t[2].conditional, t[0] is None, t[0] or 0, t[1]))
    if todo:
        lines.append("Do:")
        lines += [_action_line(a) for _, _, a in timed]
    elif report.no_gp_action_stated:
        lines.append("Do: nothing (the letter says no action is needed by the practice)")
    else:
        lines.append("Do: nothing asked of the practice")

    if report.medication_changes:
        lines.append("Reconcile:")
        lacking = changes_lacking_reason(report)
        lines += [_change_line(c, lack) for c, lack in zip(report.medication_changes, lacking, strict=True)]
    else:
        lines.append("Reconcile: no medication changes")

    lines.append(f"Missing: {', '.join(triage.missing)}" if triage.missing else "Missing: nothing")

    wrong = [a for a in report.gp_actions if a.inappropriate]
    if wrong:
        wording = load_replies().rules
        lines.append("Push back:")
        for action in wrong:
            rule = wording[action.rule] if action.rule in wording else None  # type: ignore[index]
            why = f"{rule.name}: {rule.summary}" if rule else (action.rule or "inappropriate")
            lines.append(f'  - "{_flat(action.text)}" ({why})')
        lines.append(f"  Draft a reply to the trust: letter-audit reply {report.source.path}")
    else:
        lines.append("Push back: no inappropriate requests")
    return lines


def render_scorecard(report: Report) -> list[str]:
    standard = f" against {report.standard.id} {report.standard.version}" if report.standard else ""
    lines = [f"Score: {report.score}/100 ({_RATING[report.rating]}){standard}"]
    width = max((len(c.title) for c in report.criteria), default=0)
    for c in report.criteria:
        lines.append(f"  {_STATUS[c.status]:<8} {c.title:<{width}}  {c.explanation}")
    return lines


def render_text(report: Report) -> str:
    return "\n".join([_header(report), *render_triage(report), "", *render_scorecard(report)])
