"""Judging findings against the standard: criteria results, inappropriate-request flags, triage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Report, StandardRef

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings
    from ..standard import Standard


def judge(letter: Letter, findings: Findings, standard: Standard) -> Report:
    """The full report: findings plus criteria, score, rating and triage. SKELETON (issue 5)."""
    return Report(
        source=letter.source,
        standard=StandardRef(id=standard.id, version=standard.version),
        **findings.model_dump(),
    )
