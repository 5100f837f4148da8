"""Criteria on the actions a letter asks of the practice: timed, and fairly the practice's to do."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .context import CheckContext, Outcome, by_count, met, not_applicable, not_met, quote
from .registry import get_check, register

if TYPE_CHECKING:
    from ..report import GpAction

RULE_NAMES = {
    "onward_referral": "onward referral",
    "fit_note": "fit note",
    "call_and_recall": "call and recall",
    "dna_rereferral": "re-referral after did-not-attend",
    "shared_care": "shared care without agreement",
}


@register("actions.stated")
def stated(ctx: CheckContext) -> Outcome:
    """PRSB "plan and requested actions": the practice should not have to guess whether to act."""
    if ctx.gp_actions:
        plural = "s" if len(ctx.gp_actions) != 1 else ""
        return met(
            f"{len(ctx.gp_actions)} action{plural} for the practice stated.",
            *[a.evidence for a in ctx.gp_actions[:3]],
        )
    if ctx.findings.no_gp_action_stated:
        return met("The letter says no action is needed by the practice.")
    return not_met("The letter neither asks the practice to do anything nor says that nothing is needed.")


@register("actions.timeframe")
def timeframe(ctx: CheckContext) -> Outcome:
    needs = ctx.standard.settings.actions.timeframe_required_for
    actions = [a for a in ctx.gp_actions if not a.conditional and not a.inappropriate and a.category in needs]
    if not actions:
        return not_applicable("No action asked of the practice needs a timeframe.")
    untimed = [a for a in actions if not a.timeframe and a.due is None]
    if untimed:
        shown = "; ".join(quote(a.text, 50) for a in untimed[:3])
        return not_met(
            f"{len(untimed)} of {len(actions)} actions for the practice give no timeframe: {shown}.",
            *[a.evidence for a in untimed],
        )
    said = by_count(
        len(actions),
        "The action for the practice says when it is",
        "Both actions say when they are",
        "All {n} actions say when they are",
    )
    return met(f"{said} due.", *[a.evidence for a in actions])


@register("actions.appropriate")
def appropriate(ctx: CheckContext) -> Outcome:
    if not ctx.gp_actions:
        return not_applicable("The letter asks nothing of the practice.")
    wrong = [a for a in ctx.gp_actions if a.inappropriate]
    if wrong:
        shown = "; ".join(f"{quote(a.text, 50)} ({RULE_NAMES.get(a.rule or '', a.rule)})" for a in wrong[:3])
        elsewhere = _counted_elsewhere(ctx, wrong)
        note = ""
        for rule, title in elsewhere.items():
            many = sum(1 for a in wrong if a.rule == rule) > 1
            what = f"{RULE_NAMES.get(rule, rule)} request{'s are' if many else ' is'}"
            note += f' The {what} counted once, under "{title}".'
        outcome = not_met(
            f"{len(wrong)} {'request moves' if len(wrong) == 1 else 'requests move'} hospital work onto the "
            f"practice: {shown}.{note}",
            *[a.evidence for a in wrong],
        )
        # A breach another criterion already counts is not counted again: the fit-note request
        # fails the fit note criterion too, and the gold grades mark it like one breach, not two.
        outcome.breaches = len(wrong) - sum(1 for a in wrong if a.rule in elsewhere)
        return outcome
    said = by_count(
        len(ctx.gp_actions),
        "The one request is a fair request",
        "Both requests are fair requests",
        "All {n} requests are fair requests",
    )
    return met(f"{said} of the practice.")


def _counted_elsewhere(ctx: CheckContext, wrong: list[GpAction]) -> dict[str, str]:
    """Rule -> criterion title, for flagged rules that a criterion not met in this letter already counts."""
    out: dict[str, str] = {}
    mapping = ctx.standard.settings.actions.counted_by
    for rule in dict.fromkeys(a.rule for a in wrong if a.rule in mapping):
        criterion = ctx.standard.criterion(mapping[rule])  # type: ignore[index]
        if criterion is None or ctx.findings.letter_type not in criterion.applies_to:
            continue
        if get_check(criterion.check)(replace(ctx, criterion=criterion)).status == "not_met":
            out[rule] = criterion.title  # type: ignore[index]
    return out
