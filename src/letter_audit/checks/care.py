"""Complete-care criteria: fit note, who follows up, and how the practice reaches the team."""

from __future__ import annotations

from .context import CheckContext, Outcome, met, not_applicable, not_met
from .registry import register


@register("care.fit_note")
def fit_note(ctx: CheckContext) -> Outcome:
    note = ctx.findings.fit_note
    if note.status == "issued":
        return met("The hospital issued a fit note.", note.evidence)
    if note.status == "not_needed":
        return met("The letter says no fit note is needed.", note.evidence)
    if note.status == "requested_from_gp":
        return not_met(
            "The letter asks the GP to issue the fit note; the hospital should issue it.", note.evidence
        )
    if note.status == "missing":
        return not_met("The patient cannot work but no fit note was issued.", note.evidence)
    return not_applicable("Nothing suggests the patient needs a fit note.")


@register("care.follow_up_owner")
def follow_up_owner(ctx: CheckContext) -> Outcome:
    follow = ctx.findings.follow_up
    when = f" ({follow.when})" if follow.when else ""
    if follow.owner == "hospital":
        return met(f"The hospital will follow the patient up{when}.", follow.evidence)
    if follow.owner == "gp":
        return met(f"Follow-up is handed to the practice{when}.", follow.evidence)
    if follow.owner == "none":
        return met("The letter says no follow-up is needed.", follow.evidence)
    return not_met("It is not clear who follows the patient up.", follow.evidence)


@register("care.contact_point")
def contact_point(ctx: CheckContext) -> Outcome:
    contact = ctx.findings.contact_point
    if contact.present:
        team = ctx.findings.team
        detail = f": {contact.detail}" if contact.detail else ""
        who = f"{team} can be reached" if team else "The team can be reached"
        return met(f"{who}{detail}.", contact.evidence)
    return not_met("No phone number, email or advice line is given for questions.")
