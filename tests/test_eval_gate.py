"""The accuracy gate: the held-out test split must not fall below the floors in tests/eval_floor.yaml.

The floors are a ratchet set from the measured figures; the goals are models/eval_thresholds.yaml, which
``letter-audit eval`` reports against. This file reads the test split only through ``evaluate()`` and the
gold model; nobody tunes rules on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.evaluate import Thresholds, evaluate
from letter_audit.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent
TEST_SPLIT = ROOT / "fixtures" / "letters" / "test"
DEV_SPLIT = ROOT / "fixtures" / "letters" / "dev"
FLOORS = Path(__file__).resolve().parent / "eval_floor.yaml"
TEST_GOLD = sorted(TEST_SPLIT.glob("*.gold.json"))


@pytest.mark.parametrize("gold_path", TEST_GOLD, ids=lambda p: p.name)
def test_test_split_gold_validates(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    assert 1 <= gold.grade <= 5


@pytest.mark.slow
def test_test_split_meets_thresholds() -> None:
    if not TEST_GOLD:
        pytest.skip("no test-split gold letters yet")
    thresholds = Thresholds.load(FLOORS)
    result = evaluate(TEST_SPLIT, thresholds=thresholds)
    assert result.letters == len(TEST_GOLD)
    figures = {k: (None if v is None else round(v, 3)) for k, v in result.metrics.items()}
    assert result.failures == [], f"test split below thresholds: {result.failures}; figures: {figures}"


@pytest.mark.slow
def test_dev_split_letters_are_all_checked_without_error() -> None:
    """Every dev letter, in every format, gets through the reader and the checker."""
    result = evaluate(DEV_SPLIT)
    errors = [(e.name, e.error) for e in result.per_letter if e.error]
    assert result.letters >= 44
    assert errors == []
