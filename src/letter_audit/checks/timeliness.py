"""Timeliness (NHS Standard Contract): judged from the letter's own dates, never from today's."""

from __future__ import annotations

from .context import CheckContext, Outcome, met, not_applicable, not_met
from .registry import register


@register("timeliness.sent_on_time")
def sent_on_time(ctx: CheckContext) -> Outcome:
    dates = ctx.findings.dates
    limits = ctx.standard.settings.timeliness
    if ctx.findings.letter_type == "discharge_summary":
        episode, what, limit = dates.discharge, "discharge", limits.discharge_summary_days
    elif ctx.findings.letter_type == "clinic_letter":
        episode, what, limit = dates.clinic, "clinic", limits.clinic_letter_days
    else:
        return not_applicable("Only discharge summaries and clinic letters have a time limit.")
    if episode is None or dates.letter is None:
        missing = "letter date" if dates.letter is None else f"{what} date"
        return not_applicable(f"The {missing} is not stated, so timeliness cannot be judged.")
    days = (dates.letter - episode).days
    span = f"{what} {episode.isoformat()}, letter {dates.letter.isoformat()}"
    if days < -1:
        # A summary may be typed the day before a planned discharge; a letter dated earlier than that
        # predates its own episode, so one of the two dates is wrong (a template's creation date, a typo).
        return not_applicable(
            f"The letter is dated before the {what} ({span}), so timeliness cannot be judged."
        )
    allowed = "24 hours" if limit == 1 and what == "discharge" else f"{limit} days"
    if days <= limit:
        return met(f"Sent within {allowed} ({span}).")
    return not_met(f"Sent {days} days after the {what}; the limit is {allowed} ({span}).")
