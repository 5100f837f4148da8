"""Score: weighted share of applicable criteria met; rating from the standard's cut-offs."""

from __future__ import annotations

from letter_audit.report import CriterionResult
from letter_audit.score import rating, score
from letter_audit.standard import RatingCutoffs


def crit(status: str, weight: float = 1.0) -> CriterionResult:
    return CriterionResult(id="x", title="x", status=status, explanation="", weight=weight)  # type: ignore[arg-type]


def test_weighted_over_applicable_only() -> None:
    results = [crit("met", 3), crit("not_met", 1), crit("not_applicable", 10)]
    assert score(results) == 75


def test_rounds_half_up() -> None:
    # 159 of 200 = 79.5 -> 80
    assert score([crit("met", 159), crit("not_met", 41)]) == 80
    assert score([crit("met", 1), crit("not_met", 2)]) == 33


def test_extremes() -> None:
    assert score([crit("met"), crit("met")]) == 100
    assert score([crit("not_met")]) == 0
    assert score([crit("not_applicable")]) == 0
    assert score([]) == 0


def test_rating_cut_offs() -> None:
    cut = RatingCutoffs(good=80, needs_improvement=55)
    assert [rating(v, cut) for v in (100, 80, 79, 55, 54, 0)] == [
        "good",
        "good",
        "needs_improvement",
        "needs_improvement",
        "poor",
        "poor",
    ]
    assert rating(60, RatingCutoffs(good=60, needs_improvement=60)) == "good"
