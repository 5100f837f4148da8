"""Content criteria from the PRSB headings: what a complete letter states.

Each check trusts the sections extraction found first and falls back to cue patterns in the letter
text, so a letter without headings can still meet a criterion it meets in prose.
"""

from __future__ import annotations

import re

from ..extract.evidence import evidence
from ..report import Evidence
from .context import CheckContext, Outcome, met, not_applicable, not_met, quote
from .cues import any_match
from .registry import register


def _section_or_cue(
    ctx: CheckContext, sections: tuple[str, ...], patterns: list[str], rule: str
) -> Outcome | None:
    found = ctx.find(patterns, rule)
    has_section = any(s in ctx.findings.sections for s in sections)
    if found is not None:
        return met(f"Found: {quote(found.text)}.", found)
    if has_section:
        return met("The letter has a section for it.")
    return None


@register("content.diagnoses")
def diagnoses(ctx: CheckContext) -> Outcome:
    outcome = _section_or_cue(ctx, ("diagnoses",), ctx.cues.content.diagnoses, "cue.diagnoses")
    return outcome or not_met("No diagnosis is stated; the practice cannot code the episode.")


@register("content.clinical_summary")
def clinical_summary(ctx: CheckContext) -> Outcome:
    outcome = _section_or_cue(
        ctx, ("clinical_summary", "presenting_complaint"), ctx.cues.content.clinical_summary, "cue.summary"
    )
    if outcome is not None:
        return outcome
    # A letter in prose has no heading for it: a paragraph of connected narrative is the summary.
    least = ctx.standard.settings.content.summary_min_words
    for block in ctx.letter.blocks:
        body = ctx.letter.text[block.start : block.end]
        words = body.split()
        # A plan, action list or medication paragraph is not the story of the episode.
        if any_match(ctx.cues.content.list_end, body.lstrip()[:60]) and not any_match(
            ctx.cues.content.clinical_summary, body.lstrip()[:60]
        ):
            continue
        if block.kind == "paragraph" and len(words) >= least:
            # Quote its opening sentence: enough to show what the paragraph is about.
            found = ctx.line_evidence(block.start, block.start + 1, "content.narrative")
            return met(f"A narrative paragraph of {len(words)} words summarises the episode.", found)
    return not_met("No clinical summary of the admission or consultation was found.")


@register("content.allergies")
def allergies(ctx: CheckContext) -> Outcome:
    blank = ctx.find(ctx.cues.content.allergies_blank, "cue.allergies_blank")
    if blank is not None:
        return not_met(f"Allergies are left unstated: {quote(blank.text)}.", blank)
    stated = ctx.find(ctx.cues.content.allergies_stated, "cue.allergies")
    if stated is not None:
        return met(f"Allergies stated: {quote(stated.text)}.", stated)
    return not_met("Allergies are not stated; they must be, even when none are known.")


@register("content.episode_date")
def episode_date(ctx: CheckContext) -> Outcome:
    findings, content = ctx.findings, ctx.cues.content
    if findings.letter_type == "discharge_summary":
        date, patterns, what = findings.dates.discharge, content.discharge_date, "discharge"
    elif findings.letter_type == "clinic_letter":
        date, patterns, what = findings.dates.clinic, content.clinic_date, "clinic"
    else:
        return not_applicable("Only discharge summaries and clinic letters have an episode date.")
    found = ctx.find(patterns, f"cue.{what}_date")
    if date is not None:
        return met(f"Date of {what} stated: {date.isoformat()}.", found)
    if found is not None:
        return met(f"Date of {what} stated: {quote(found.text)}.", found)
    return not_met(f"The date of the {what} is not stated.")


@register("content.consultant_specialty")
def consultant_specialty(ctx: CheckContext) -> Outcome:
    consultant = ctx.findings.consultant
    # A specialty guessed from the letter's content is not one the letter states.
    specialty = None if ctx.findings.specialty_inferred else ctx.findings.specialty
    found = None
    if consultant:
        index = ctx.letter.text.find(consultant)
        if index >= 0:
            found = ctx.line_evidence(index, index + len(consultant), "finding.consultant")
            found = _with_role_below(ctx, found)
    if consultant and specialty:
        return met(f"Responsible consultant {consultant}, specialty {specialty}.", found)
    if consultant:
        return not_met(f"The consultant ({consultant}) is named but not the specialty.", found)
    if specialty:
        return not_met(f"The specialty ({specialty}) is stated but no responsible consultant is named.")
    return not_met("Neither the responsible consultant nor the specialty is stated.")


def _with_role_below(ctx: CheckContext, found: Evidence) -> Evidence:
    """A signature name with its role line under it ("Dr J Thorne" / "Consultant Neurologist").

    The name alone does not show a reader that this is the consultant.
    """
    text = ctx.letter.text
    nxt = found.end + 1
    if found.end >= len(text) or text[found.end] != "\n" or nxt >= len(text):
        return found
    below = ctx.line_evidence(nxt, nxt + 1, found.rule or "finding.consultant")
    short = bool(below.text) and len(below.text) <= _SIGNATURE_LINE
    if short and any_match(ctx.cues.content.author_role, below.text):
        return evidence(ctx.letter, found.start, below.end, found.rule)
    return found


@register("content.author_role")
def author_role(ctx: CheckContext) -> Outcome:
    content, text = ctx.cues.content, ctx.letter.text
    # The signature block: after the last sign-off cue, else the last part of the letter.
    start = int(len(text) * 0.6)
    sign = None
    pos = 0
    while (match := _next(content.signature, text, pos)) is not None:
        sign, pos = match, match[1]
    role = None
    if sign is not None:
        # A role under the sign-off belongs to the signer; one earlier in the last part of the letter
        # ("referred to the specialist nurse") is only a fallback.
        role = _role_after(ctx, sign[0])
        start = min(start, sign[0])
    if role is None:
        role = _signature_role(ctx, start)
    if role is None:
        role = _labelled_author(ctx)
    if role is not None:
        role = _to_role_cell(ctx, role)
        return met(f"The person completing the record gives a role: {quote(role.text)}.", role)
    return not_met("The person completing the letter is not named with a role (e.g. Consultant, FY1).")


def _to_role_cell(ctx: CheckContext, role: Evidence) -> Evidence:
    """A role on a table row is quoted to the end of its own cell: the cells after it ("Consultant
    Cardiologist | Typed: 24/08/2025") belong to other fields. The cells before it stay, since they may be
    its label ("Designation: | Spinal Nurse Practitioner")."""
    cells = role.text.split(" | ")
    if len(cells) < 2:
        return role
    length = 0
    for cell in cells[:-1]:
        length += len(cell)
        if any_match(ctx.cues.content.author_role, cell):
            return evidence(ctx.letter, role.start, role.start + length, role.rule)
        length += 3
    return role


_SIGNATURE_LINE = 80
"""Longest line read as part of a signature block ("Diabetes Specialist Nurse", "Dr A Shah, ST5")."""
_NOT_SIGNATURE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022]|cc\b|copy\b|copies\b)", re.IGNORECASE)


def _signature_role(ctx: CheckContext, start: int) -> Evidence | None:
    """With no sign-off cue, the role on the last short line of the letter's last part (the signature
    block) rather than the first role named there, which is often in a request ("forward the result
    to the DSN team") or a referral; list items and copy lines are not signatures. Falls back to the
    first role found."""
    first = short = None
    pos = start
    while (found := _role_after(ctx, pos)) is not None:
        first = first or found
        if len(found.text) <= _SIGNATURE_LINE and not _NOT_SIGNATURE.match(found.text):
            short = found
        if found.end <= pos:
            break
        pos = found.end
    return short or first


def _labelled_author(ctx: CheckContext) -> Evidence | None:
    """The role on a labelled clinician line ("Seen by: Dr P Varghese (ST4 EM)", "Discharging nurse:
    S Kaur, RN"), or on a role line just under it ("Designation: | Spinal Nurse Practitioner"):
    templates put the person completing the record in the header, not under a sign-off."""
    content, text = ctx.cues.content, ctx.letter.text
    pos = 0
    while (label := _next(content.author_line, text, pos)) is not None:
        end = text.find("\n", label[1])
        end = len(text) if end < 0 else end
        role = ctx.find(content.author_role, "cue.author_line", start=label[1], end=end)
        below = _next(content.role_line, text, end + 1) if role is None and end < len(text) else None
        if below is not None and below[0] <= end + 1:  # the role label opens the very next line
            below_end = text.find("\n", below[1])
            below_end = len(text) if below_end < 0 else below_end
            role = ctx.find(content.author_role, "cue.author_line", start=below[1], end=below_end)
        if role is not None:
            return role
        pos = max(end, label[1])
    return None


def _role_after(ctx: CheckContext, start: int) -> Evidence | None:
    """The first role named after ``start`` outside the list of the letter's copies ("Distribute to:",
    "cc:", to the next blank line): the clinicians named there read the letter; they did not write it."""
    pos = start
    while (found := ctx.find(ctx.cues.content.author_role, "cue.author_role", start=pos)) is not None:
        copies_end = _copies_end(ctx, pos, found.start)
        if copies_end is None:
            return found
        if copies_end < 0:  # the list of copies runs to the end of the letter
            return None
        pos = copies_end + 1  # the role is in the list: look past it
    return None


def _copies_end(ctx: CheckContext, start: int, at: int) -> int | None:
    """Where the list of copies that holds ``at`` ends (its next blank line; -1 when none follows), or None
    when no list opened after ``start`` reaches it."""
    from .cues import search

    text = ctx.letter.text
    while (copies := search(ctx.cues.content.distribution, text, start, at + 1)) is not None:
        blank = text.find("\n\n", copies.start())
        if blank < 0 or blank >= at:
            return blank
        start = blank  # that list ended before ``at``: a later one may still hold it
    return None


def _next(patterns: list[str], text: str, pos: int) -> tuple[int, int] | None:
    from .cues import search

    match = search(patterns, text, pos)
    if match is None or match.end() == match.start():
        return None
    return match.start(), match.end()


@register("content.medications_listed")
def medications_listed(ctx: CheckContext) -> Outcome:
    outcome = _section_or_cue(
        ctx,
        ("medications_discharge", "current_medications", "medication_changes"),
        ctx.cues.content.medications_listed,
        "cue.medications_listed",
    )
    return outcome or not_met("No list of discharge or current medications was found.")
