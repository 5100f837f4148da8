"""Inappropriate-request rules, round 16: a referral left to what the practice's own review finds, and a
24-hour urine collection asked for as the hospital's work-up."""

from __future__ import annotations

import pytest

from .build import clinic_flags

flags = clinic_flags


def test_referral_after_the_practices_own_review_is_fair() -> None:
    ask = (
        "Please review her in 2 months to see whether the higher dose has helped; if it has not, please "
        "refer her to the pain clinic"
    )
    assert flags(ask + ".", ask, "review", conditional=True) == (False, None)


def test_plain_onward_referral_still_flagged() -> None:
    # Near miss: the same referral asked outright is handed over.
    ask = "Please refer her to the pain clinic"
    assert flags(ask + ".", ask, "referral") == (True, "onward_referral")


@pytest.mark.parametrize(
    "ask", ["Please arrange a 24-hour urine cortisol", "Pls also arrange a 24h urine protein"]
)
def test_24_hour_urine_is_the_hospitals_work_up(ask: str) -> None:
    assert flags(ask + ".", ask, "monitoring") == (True, "call_and_recall")
