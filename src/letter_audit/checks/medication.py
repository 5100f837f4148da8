"""Medication criteria: every change is complete, list differences are explained, courses and
withheld drugs say how long and when to restart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..report import Evidence, MedicationChange
from .context import CheckContext, Outcome, by_count, met, not_applicable, not_met, quote
from .cues import any_match, search
from .registry import register

_NEEDS_DOSE = {"start", "increase", "decrease"}


def _line_around(ctx: CheckContext, ev: Evidence) -> str:
    text = ctx.letter.text
    start = text.rfind("\n", 0, ev.start) + 1
    end = text.find("\n", ev.end)
    return text[start : len(text) if end < 0 else end]


def _reason_context(ctx: CheckContext, ev: Evidence) -> str:
    """The change's line plus the sentence either side of it within the same paragraph.

    Letters give the reason beside the change, not always on its line: "Her potassium was 6.1.
    Spironolactone stopped." A blank line or a new list item ends the paragraph, so a reason for
    another drug in another item is not borrowed.
    """
    text = ctx.letter.text
    start = text.rfind("\n", 0, ev.start) + 1
    end = text.find("\n", ev.end)
    end = len(text) if end < 0 else end
    # The line just above, which is empty when a blank line ends the paragraph there.
    before = text[: start - 1].rsplit("\n", 1)[-1] if start > 0 else ""
    after_end = text.find("\n", end + 1)
    after = text[end + 1 : len(text) if after_end < 0 else after_end] if end < len(text) else ""
    line = text[start:end]
    # Prose runs on in one line; a neighbouring line counts only when it is not a list item or row.
    item = re.compile(r"^\s*([-*\u2022]|\d+[.)]|[A-Za-z][^|:\n]{0,30}[|:])")
    parts = [line]
    if before.strip() and not item.match(before) and not item.match(line):
        parts.insert(0, before)
    if after.strip() and not item.match(after) and not item.match(line):
        parts.append(after)
    return "\n".join(parts)


def _reason_elsewhere(ctx: CheckContext, change: MedicationChange) -> bool:
    """True when another sentence of the letter that names the drug gives a reason for it.

    Letters list the change in a table or a list ("Apixaban | 5 mg BD | NEW") and explain it in the
    narrative ("we started apixaban because of the atrial fibrillation"): the reader has the reason,
    only not on the change's own line.
    """
    names = {n.lower() for n in (change.drug, change.brand) if n}
    if not names:
        return False
    # The narrative often drops the salt ("the risks of lithium now outweigh the benefits" for lithium
    # carbonate): the name without a trailing salt word names the same drug.
    names |= {_without_salt(n) for n in names}
    text = ctx.letter.text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\b", re.IGNORECASE)
    for sentence in _SENTENCE.finditer(text):
        if change.evidence.start < sentence.end() and sentence.start() < change.evidence.end:
            continue  # the change's own sentence was read already
        if pattern.search(sentence.group(0)) and any_match(ctx.cues.medication.reason, sentence.group(0)):
            return True
    return False


def _without_salt(name: str) -> str:
    """``name`` without a trailing salt or ester word, when a drug name of some length is left."""
    from ..salts import load_salt_words

    words = name.split()
    if len(words) > 1 and words[-1] in load_salt_words().ignored_in_matching and len(words[0]) >= 4:
        return " ".join(words[:-1])
    return name


# A sentence or line of the letter.
_SENTENCE = re.compile(r"[^.\n]+")


def _said_elsewhere(ctx: CheckContext, change: MedicationChange, cues: list[str]) -> bool:
    """True when another line of the letter that names the drug says what ``cues`` look for.

    The change is often read from one line while another gives the detail: the narrative says
    "switched to oral co-amoxiclav when afebrile" and the discharge list "Co-amoxiclav 625 mg TDS - 5
    more days"; the list says "Ramipril withheld - as above" and the plan "restart the metformin and
    ramipril once creatinine is below 100". The practice has the detail, only not on that line.
    """
    names = {n.lower() for n in (change.drug, change.brand) if n}
    if not names:
        return False
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\b", re.IGNORECASE)
    return any(pattern.search(line) and any_match(cues, line) for line in ctx.letter.text.splitlines())


def _self_evident(ctx: CheckContext, change: MedicationChange) -> bool:
    """True when a started drug's purpose goes without saying: pain relief, a laxative or an anti-sickness
    drug, an antibiotic in a letter that names the infection it treats, or a drug class the letter's
    condition calls for (secondary prevention after an MI or stroke, anticoagulation for AF or a clot).
    The reader has the indication the PRSB change summary asks for; stops and dose changes still need
    their reason."""
    if change.action != "start":
        return False
    med = ctx.cues.medication
    drug = change.drug.lower()
    if any_match(med.self_evident_start, drug):
        return True
    if any_match(med.antibiotics, drug) and any_match(med.infection_stated, ctx.letter.text):
        return True
    return any(
        any_match([cue.drugs], drug) and any_match([cue.condition], ctx.letter.text)
        for cue in ctx.cues.indications
    )


def _describe(change: MedicationChange) -> str:
    return f"{change.action} {change.drug}"


@register("medication.changes_complete")
def changes_complete(ctx: CheckContext) -> Outcome:
    changes = ctx.findings.medication_changes
    if not changes:
        return not_applicable("No medication changes were found.")
    gaps: list[str] = []
    evidence: list[Evidence] = []
    med = ctx.cues.medication
    for change in changes:
        # Extraction fills dose and reason where it can; a reason or dose written on the same line
        # (a table row's comment column, "increased for heart failure") counts too.
        line = _line_around(ctx, change.evidence)
        missing = []
        if change.action in _NEEDS_DOSE and not change.dose_after and not any_match(med.dose, line):
            missing.append("dose")
        if (
            not change.reason
            and not _self_evident(ctx, change)
            and not any_match(med.reason, _reason_context(ctx, change.evidence))
            and not _reason_elsewhere(ctx, change)
        ):
            missing.append("reason")
        if missing:
            gaps.append(f"{_describe(change)} (no {' or '.join(missing)})")
            evidence.append(change.evidence)
    if gaps:
        shown = "; ".join(gaps[:4]) + (f"; and {len(gaps) - 4} more" if len(gaps) > 4 else "")
        return not_met(f"{len(gaps)} of {len(changes)} changes lack detail: {shown}.", *evidence)
    said = by_count(
        len(changes),
        "The medication change states",
        "Both medication changes state",
        "All {n} medication changes state",
    )
    return met(
        f"{said} the drug, dose and reason.",
        *[c.evidence for c in changes],
    )


@dataclass
class _DrugList:
    start: int
    end: int
    drugs: dict[str, int]
    """Lower-case first word of each entry -> offset of the entry."""


def _drug_list(ctx: CheckContext, heading: list[str]) -> _DrugList | None:
    text, content = ctx.letter.text, ctx.cues.content
    match = search(heading, text)
    if match is None:
        return None
    pos = text.find("\n", match.end())
    if pos < 0:
        return None
    drugs: dict[str, int] = {}
    start, blank_run = pos + 1, 0
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip():
            blank_run += 1
            if blank_run >= 2 and drugs:
                break
        elif any_match(content.list_end, line) or (drugs and _looks_like_heading(line)):
            break
        else:
            blank_run = 0
            if not any_match(content.list_skip, line):
                word = re.search(r"[A-Za-z][A-Za-z\-]{2,}", line)
                if word is not None:
                    drugs.setdefault(word.group(0).lower(), pos + word.start())
        pos = end + 1
    return _DrugList(start, pos, drugs) if drugs else None


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith(":") and len(stripped) < 50 and not re.search(r"\d", stripped)


def _explained(ctx: CheckContext, drug: str, lists: tuple[_DrugList, ...]) -> bool:
    for change in ctx.findings.medication_changes:
        if (drug in change.drug.lower() or change.drug.lower() in drug) and change.reason:
            return True
    text = ctx.letter.text
    for found in re.finditer(re.escape(drug), text, re.IGNORECASE):
        if any(dl.start <= found.start() < dl.end for dl in lists):
            continue
        sentence_start = max(text.rfind(".", 0, found.start()), text.rfind("\n", 0, found.start())) + 1
        sentence_end = min(
            x for x in (text.find(".", found.end()), text.find("\n", found.end()), len(text)) if x >= 0
        )
        if any_match(
            ctx.cues.medication.restart
            + [
                r"\b(because|due to|owing to|as|given|for|following|"
                r"secondary to|caused|reason)\b"
            ],
            text[sentence_start:sentence_end],
        ):
            return True
    return False


@register("medication.list_changes_explained")
def list_changes_explained(ctx: CheckContext) -> Outcome:
    admission = _drug_list(ctx, ctx.cues.content.admission_list)
    discharge = _drug_list(ctx, ctx.cues.content.discharge_list)
    if admission is None or discharge is None:
        return _compared_changes_explained(ctx)
    added = sorted(set(discharge.drugs) - set(admission.drugs))
    removed = sorted(set(admission.drugs) - set(discharge.drugs))
    if not added and not removed:
        return met("The admission and discharge lists name the same drugs.")
    unexplained = [d for d in added + removed if not _explained(ctx, d, (admission, discharge))]
    if not unexplained:
        return met(f"Differences between the lists are explained: {', '.join(added + removed)}.")
    evidence = [
        ctx.line_evidence(offset, offset + len(drug), "medication.list_diff")
        for drug in unexplained
        for offset in [discharge.drugs.get(drug, admission.drugs.get(drug, 0))]
    ]
    return not_met(
        f"{len(unexplained)} differences between the admission and discharge lists are not explained: "
        f"{', '.join(unexplained)}.",
        *evidence,
    )


# Extraction rules that find a change only by comparing two lists or two table columns (before and
# after): the letter itself never says the drug changed, so it owes the reader a reason.
_COMPARED = frozenset(
    {"list_absent_at_discharge", "list_new_at_discharge", "list_dose_differs", "table_dose_columns",
     "table_previous_column"}
)


def _compared_changes_explained(ctx: CheckContext) -> Outcome:
    """Two-column tables and lists the section cues cannot split: judge the changes extraction implied."""
    implied = [c for c in ctx.findings.medication_changes if c.evidence.rule in _COMPARED]
    if not implied:
        return not_applicable("The letter does not give both an admission and a discharge medication list.")
    text = ctx.letter.text

    def own_row(c: MedicationChange) -> _DrugList:
        # The drug's own row never explains itself ("for 5 days" is a duration, not a reason).
        end = text.find("\n", c.evidence.end)
        return _DrugList(text.rfind("\n", 0, c.evidence.start) + 1, len(text) if end < 0 else end, {})

    unexplained = [
        c for c in implied
        if not c.reason and not _explained(ctx, c.drug.split(" with ")[0].lower(), (own_row(c),))
    ]
    names = ", ".join(_describe(c) for c in (unexplained or implied))
    if not unexplained:
        return met(f"Differences between the lists are explained: {names}.", *[c.evidence for c in implied])
    return not_met(
        f"{len(unexplained)} differences between the admission and discharge lists are not explained: "
        f"{names}.",
        *[c.evidence for c in unexplained],
    )


@register("medication.course_duration")
def course_duration(ctx: CheckContext) -> Outcome:
    med = ctx.cues.medication
    courses = [
        c
        for c in ctx.findings.medication_changes
        if c.action == "start"
        and (
            any_match(med.antibiotics, c.drug)
            or (
                any_match(med.steroids, c.drug)
                and not any_match(med.maintenance_steroid, f"{c.drug} {c.dose_after or ''}")
            )
        )
    ]
    if not courses:
        return not_applicable("No antibiotic or steroid course was started.")
    lacking = [
        c
        for c in courses
        if not c.duration
        and not any_match(med.duration, _line_around(ctx, c.evidence))
        and not _said_elsewhere(ctx, c, med.duration)
    ]
    if lacking:
        names = ", ".join(c.drug for c in lacking)
        return not_met(f"No course length is given for {names}.", *[c.evidence for c in lacking])
    return met(
        f"Course length given for {', '.join(c.drug for c in courses)}.", *[c.evidence for c in courses]
    )


@register("medication.withheld_restart")
def withheld_restart(ctx: CheckContext) -> Outcome:
    held = [c for c in ctx.findings.medication_changes if c.action == "withhold"]
    if not held:
        return not_applicable("No drug was withheld.")
    restart = ctx.cues.medication.restart
    lacking = [
        c
        for c in held
        if not c.restart_condition
        and not any_match(restart, _line_around(ctx, c.evidence))
        and not _said_elsewhere(ctx, c, restart)
    ]
    if lacking:
        names = ", ".join(c.drug for c in lacking)
        return not_met(f"No restart plan for withheld {names}.", *[c.evidence for c in lacking])
    plans = "; ".join(
        f"{c.drug}: {quote(c.restart_condition or _line_around(ctx, c.evidence), 50)}" for c in held
    )
    return met(f"Withheld drugs have a restart plan ({plans}).", *[c.evidence for c in held])
