"""The readable summary ``letter-audit check`` prints. SKELETON: issue 5 adds the triage summary."""

from __future__ import annotations

from ..report import Report


def render_text(report: Report) -> str:
    lines = [f"{report.source.path}: {report.letter_type}, score {report.score} ({report.rating})"]
    for change in report.medication_changes:
        lines.append(f"  medication: {change.action} {change.drug}")
    for action in report.gp_actions:
        lines.append(f"  GP action: {action.text}")
    return "\n".join(lines)
