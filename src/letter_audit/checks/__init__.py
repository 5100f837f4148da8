"""Judging findings against the standard: criteria results, inappropriate-request flags, triage.

One module per family of criteria (content, medication, actions, care, timeliness), found through the
registry by the ``check`` name each criterion in the standard gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import CriterionResult, Findings, Report, StandardRef

if TYPE_CHECKING:
    from ..letter import Letter
    from ..standard import Standard
    from .cues import Cues

_FINDINGS_FIELDS = tuple(Findings.model_fields)


def judge(letter: Letter, findings: Findings, standard: Standard, cues: Cues | None = None) -> Report:
    """The full report: findings plus flagged requests, criteria, score, rating and triage."""
    from ..score import rating, score
    from ..triage import triage
    from .context import CheckContext, not_applicable
    from .cues import load_cues
    from .registry import get_check
    from .requests import flag_requests

    cues = cues or load_cues()
    actions = flag_requests(letter, findings, standard, cues)
    results: list[CriterionResult] = []
    for criterion in standard.criteria:
        if findings.letter_type not in criterion.applies_to:
            kind = findings.letter_type.replace("_", " ")
            outcome = not_applicable(f"Does not apply to this kind of letter ({kind}).")
        else:
            ctx = CheckContext(letter, findings, standard, cues, criterion, actions)
            outcome = get_check(criterion.check)(ctx)
        # Each breach up to the criterion's limit counts at full weight, so a letter with two
        # workload-dump requests scores below one with a single one; a not-met result whose breaches
        # another criterion already counts weighs nothing.
        times = min(outcome.breaches, criterion.max_breaches) if outcome.status == "not_met" else 1
        weight = criterion.weight * max(0, times)
        if outcome.status == "met" and criterion.weight_when_met is not None:
            weight = criterion.weight_when_met
        results.append(
            CriterionResult(
                id=criterion.id,
                title=criterion.title,
                status=outcome.status,
                explanation=outcome.explanation,
                evidence=outcome.evidence,
                weight=weight,
                source=criterion.source,
            )
        )
    value = score(results)
    # The findings' own (validated) parts, not a dump of them to validate again: the report's JSON is
    # the same, and judging a letter costs about a tenth less.
    data = {name: getattr(findings, name) for name in _FINDINGS_FIELDS}
    data["gp_actions"] = actions
    return Report(
        source=letter.source,
        standard=StandardRef(id=standard.id, version=standard.version),
        criteria=results,
        score=value,
        rating=rating(value, standard.settings.rating),
        triage=triage(findings, actions, results, standard, cues),
        **data,
    )
