"""Complete-care criteria: fit note, who follows up, and how the practice reaches the team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import CheckContext, Outcome, met, not_applicable, not_met, quote
from .cues import any_match
from .registry import register

if TYPE_CHECKING:
    from ..report import Evidence


def _line(ctx: CheckContext, found: Evidence | None) -> Evidence | None:
    """The whole line (or sentence) around a finding's evidence: "0800 196 0400" or "No" alone tells
    a reader less than the line it sits in."""
    if found is None or found.end <= found.start:
        return found
    return ctx.line_evidence(found.start, found.end, found.rule or "finding")


@register("care.fit_note")
def fit_note(ctx: CheckContext) -> Outcome:
    note = ctx.findings.fit_note
    found = _line(ctx, note.evidence)
    if note.status == "issued":
        return met("The hospital issued a fit note.", found)
    if note.status == "not_needed":
        return met("The letter says no fit note is needed.", found)
    if note.status == "requested_from_gp" and found is not None and _issued_here(ctx, found):
        # "A fit note for 6 weeks has been issued from today; please could you provide any further
        # fit note needed after that": the hospital issued the note; only an extension is left.
        return met("The hospital issued a fit note; the practice is asked only for any extension.", found)
    if note.status == "requested_from_gp":
        return not_met(
            "The letter asks the GP to issue the fit note; the hospital should issue it.", found
        )
    if note.status == "missing":
        return not_met("The patient cannot work but no fit note was issued.", found)
    return not_applicable("Nothing suggests the patient needs a fit note.")


@register("care.follow_up_owner")
def follow_up_owner(ctx: CheckContext) -> Outcome:
    follow = ctx.findings.follow_up
    found = _line(ctx, follow.evidence)
    when = f" ({follow.when})" if follow.when else ""
    if follow.owner == "hospital":
        return met(f"The hospital will follow the patient up{when}.", found)
    if follow.owner == "gp":
        return met(f"Follow-up is handed to the practice{when}.", found)
    if follow.owner == "none":
        return met("The letter says no follow-up is needed.", found)
    return not_met("It is not clear who follows the patient up.", found)


@register("care.contact_point")
def contact_point(ctx: CheckContext) -> Outcome:
    contact = ctx.findings.contact_point
    found = _line(ctx, contact.evidence)
    if contact.present:
        team = ctx.findings.team
        detail = f": {contact.detail}" if contact.detail else ""
        who = f"{team} can be reached" if team else "The team can be reached"
        return met(f"{who}{detail}.", found)
    return not_met("No phone number, email or advice line is given for questions.")


@register("care.did_not_attend")
def did_not_attend(ctx: CheckContext) -> Outcome:
    """NHS Standard Contract: a missed appointment earns another offer, not a discharge to the GP.

    Judged only on letters about a missed appointment. A letter that both rebooks and mentions
    discharge ("if she misses this one too she will be discharged") is met: the offer came first.
    """
    text, care = ctx.letter.text, ctx.cues.care
    if not (ctx.findings.did_not_attend or any_match(ctx.cues.requests.did_not_attend, text)):
        return not_applicable("The letter is not about a missed appointment.")
    if any_match(care.dna_seen_anyway, text):
        return not_applicable("The patient was seen; the missed appointment it mentions is history.")
    declined = ctx.find(care.dna_declined, "cue.dna_declined")
    rebooked = ctx.find(care.dna_rebooked, "cue.dna_rebooked")
    if rebooked is not None and _after_rereferral(text, rebooked, ctx):
        # "Please re-refer to the service and we will be happy to offer a fresh appointment": the offer
        # waits on a new referral from the practice, so none is made now.
        rebooked = None
    if rebooked is not None and declined is None:
        return met(f"Another appointment is offered: {quote(rebooked.text)}.", rebooked)
    discharged = declined or ctx.find(care.dna_discharged, "cue.dna_discharged")
    if discharged is not None:
        return not_met(
            f"The patient missed the appointment and was not offered another: {quote(discharged.text)}.",
            discharged,
        )
    return not_met("The patient missed the appointment and the letter offers no other appointment.")


def _after_rereferral(text: str, found: Evidence, ctx: CheckContext) -> bool:
    """True when the sentence offering the appointment also asks the practice to refer again."""
    left = max(text.rfind(". ", 0, found.start), text.rfind("\n", 0, found.start)) + 1
    stops = [x for x in (text.find(". ", found.end), text.find("\n", found.end)) if x >= 0]
    return any_match(ctx.cues.requests.rerefer, text[left : min(stops) if stops else len(text)])


def _issued_here(ctx: CheckContext, found: Evidence) -> bool:
    """True when the fit-note line itself says the team writing issued a note."""
    return any_match(ctx.cues.requests.fit_note_given, found.text)
