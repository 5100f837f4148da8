"""What the letter page shows: the letter text cut into highlighted runs, and the findings beside it.

Formatting only: every value comes from the Report. Each finding with evidence gets an id
(``med-0``, ``act-2``, ``crit-fit_note-0`` ...); the text run where its evidence starts carries the
anchor ``ev-<id>``, so a plain link scrolls to it even with scripts off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import LetterAuditError
from ..report import Evidence, Report
from .inbox import missing_items

MED_VERBS = {
    "start": "Start",
    "stop": "Stop",
    "increase": "Increase",
    "decrease": "Decrease",
    "withhold": "Withhold",
}
RULE_NAMES = {
    "onward_referral": "onward referral is the hospital's job",
    "fit_note": "the hospital issues fit notes",
    "call_and_recall": "the hospital follows up its own tests",
    "dna_rereferral": "did-not-attend: the hospital offers another appointment",
    "shared_care": "shared care needs the practice's prior agreement",
}


@dataclass(frozen=True)
class Finding:
    """One line of the side panel, linked to its evidence when it has any."""

    id: str
    kind: str
    """med | act | item | crit: picks the highlight colour."""
    label: str
    detail: str = ""
    flag: str = ""
    """Set for inappropriate requests: the rule they break, in words."""
    evidence: Evidence | None = None
    linked: bool = False
    """True when the evidence could be placed in the text (offsets in range)."""


@dataclass(frozen=True)
class Run:
    """A stretch of letter text and the findings whose evidence covers it."""

    text: str
    findings: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    """Finding ids whose evidence starts here."""


@dataclass
class LetterView:
    medication: list[Finding] = field(default_factory=list)
    actions: list[Finding] = field(default_factory=list)
    items: list[Finding] = field(default_factory=list)
    criteria: list[tuple[Finding, str, list[Finding]]] = field(default_factory=list)
    """(criterion line, status, its evidence lines)."""
    missing: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)


def _in_range(ev: Evidence | None, size: int) -> bool:
    return ev is not None and 0 <= ev.start < ev.end <= size


def _trimmed(text: str, fid: str, kind: str, ev: Evidence) -> tuple[str, str, int, int]:
    """The mark for one piece of evidence, without the blank lines some evidence starts or ends with."""
    start, end = ev.start, ev.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (fid, kind, start, end) if start < end else (fid, kind, ev.start, ev.end)


def build_runs(text: str, marks: list[tuple[str, str, int, int]]) -> list[Run]:
    """Cut ``text`` at every evidence boundary; each run lists the findings covering all of it.

    ``marks`` are (finding id, kind, start, end). Overlapping evidence is common (a criterion cites
    the same sentence as a GP action), so runs may belong to several findings at once.
    """
    cuts = {0, len(text)}
    for _, _, start, end in marks:
        cuts.update((start, end))
    bounds = sorted(cuts)
    runs: list[Run] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [m for m in marks if m[2] <= a and m[3] >= b]
        runs.append(
            Run(
                text=text[a:b],
                findings=tuple(m[0] for m in covering),
                kinds=tuple(dict.fromkeys(m[1] for m in covering)),
                anchors=tuple(m[0] for m in marks if m[2] == a),
            )
        )
    return runs


def _med_label(change: object) -> tuple[str, str]:
    from ..report import MedicationChange

    assert isinstance(change, MedicationChange)
    label = f"{MED_VERBS[change.action]} {change.drug}"
    doses = " → ".join(d for d in (change.dose_before, change.dose_after) if d)
    parts = [p for p in (doses, change.duration, change.reason and f"reason: {change.reason}") if p]
    if change.restart_condition:
        parts.append(f"restart: {change.restart_condition}")
    return label, "; ".join(parts)


def build_view(report: Report, text: str) -> LetterView:
    """Side-panel findings and highlighted text runs for one report."""
    view = LetterView(missing=missing_items(report))
    size = len(text)

    def make(
        fid: str, kind: str, label: str, ev: Evidence | None, detail: str = "", flag: str = ""
    ) -> Finding:
        return Finding(fid, kind, label, detail, flag, ev, _in_range(ev, size))

    for i, change in enumerate(report.medication_changes):
        label, detail = _med_label(change)
        view.medication.append(make(f"med-{i}", "med", label, change.evidence, detail))
    for i, action in enumerate(report.gp_actions):
        when = action.timeframe or ""
        if action.due:
            when = f"{when} (by {action.due.isoformat()})".strip()
        condition = f"if {action.condition}" if action.condition else ""
        detail = "; ".join(p for p in (action.category, when, condition) if p)
        flag = ""
        if action.inappropriate:
            rule = action.rule or "other"
            flag = f"{rule}: {RULE_NAMES.get(rule, 'moves hospital work to the practice')}"
        view.actions.append(make(f"act-{i}", "act", action.text, action.evidence, detail, flag))
    fit, fu, cp = report.fit_note, report.follow_up, report.contact_point
    view.items.append(make("fit", "item", f"Fit note: {fit.status.replace('_', ' ')}", fit.evidence))
    owner = f"Follow-up: {fu.owner}" + (f", {fu.when}" if fu.when else "")
    view.items.append(make("follow", "item", owner, fu.evidence, fu.with_whom or ""))
    contact = "Contact point: " + ("given" if cp.present else "none found")
    view.items.append(make("contact", "item", contact, cp.evidence, cp.detail or ""))
    # Gaps first: staff read the scorecard for what is wrong; criteria that do not apply go last.
    order = {"not_met": 0, "met": 1, "not_applicable": 2}
    for crit in sorted(report.criteria, key=lambda c: order[c.status]):
        head = make(f"crit-{crit.id}", "crit", crit.title, None, crit.explanation)
        evs = [
            make(f"crit-{crit.id}-{j}", "crit", ev.text, ev) for j, ev in enumerate(crit.evidence)
        ]
        view.criteria.append((head, crit.status, evs))

    every = view.medication + view.actions + view.items + [e for _, _, evs in view.criteria for e in evs]
    marks = [_trimmed(text, f.id, f.kind, f.evidence) for f in every if f.linked and f.evidence]
    view.runs = build_runs(text, marks)
    return view


def action_list_text(report: Report) -> str:
    """The plain text staff paste into the clinical system: medication changes, then GP actions."""
    lines: list[str] = []
    if report.medication_changes:
        lines.append("Medication changes:")
        for change in report.medication_changes:
            label, detail = _med_label(change)
            lines.append(f"- {label}" + (f" ({detail})" if detail else ""))
    if report.gp_actions:
        if lines:
            lines.append("")
        lines.append("Actions for the practice:")
        for action in report.gp_actions:
            line = f"- {action.text}"
            if action.due:
                line += f" [due {action.due.isoformat()}]"
            elif action.timeframe:
                line += f" [{action.timeframe}]"
            if action.inappropriate:
                line += f" [query with hospital: {action.rule or 'inappropriate request'}]"
            lines.append(line)
    if not lines:
        lines.append("No medication changes or practice actions found in this letter.")
    return "\n".join(lines)


def drafted_reply(report: Report, practice: str | None = None) -> tuple[str, bool]:
    """The drafted reply to the hospital and whether it is worth copying (it pushes something back).

    The wording is the scoring work's (``render.reply``); a broken wording file must not take the
    letter page down, so its error is shown in place of the reply.
    """
    from ..render.reply import render_reply

    try:
        text = render_reply(report, practice=practice)
    except LetterAuditError as exc:
        return f"No drafted reply: {exc.one_line()}", False
    return text, any(a.inappropriate for a in report.gp_actions)
