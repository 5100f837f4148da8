"""Criteria results -> a 0-100 score and a rating, with cut-offs from the standard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .report import CriterionResult, Rating

if TYPE_CHECKING:
    from .standard import RatingCutoffs


def score(results: list[CriterionResult]) -> int:
    """The weighted share of applicable criteria met, as a whole number from 0 to 100.

    A letter to which no criterion applies scores 0: there is nothing in it to give credit for.
    """
    applicable = [r for r in results if r.status != "not_applicable"]
    total = sum(r.weight for r in applicable)
    if total <= 0:
        return 0
    earned = sum(r.weight for r in applicable if r.status == "met")
    # Round half up so 79.5 reads as 80, as a reader would round it.
    return min(100, int(100 * earned / total + 0.5))


def rating(value: int, cutoffs: RatingCutoffs) -> Rating:
    if value >= cutoffs.good:
        return "good"
    if value >= cutoffs.needs_improvement:
        return "needs_improvement"
    return "poor"
