"""Inappropriate-request rules, round 21: a referral on a threshold of the practice's own check, when a list
puts the check on the line before the referral. Every wording is this file's own; each has a look-alike that
must stay as it was."""

from __future__ import annotations

from .build import clinic_flags

flags = clinic_flags

PLAN = "Plan for the practice:\n- {check}\n- {ask}\n"


def test_threshold_referral_after_the_practices_own_check_line_is_its_safety_net() -> None:
    ask = "Refer to the renal clinic if potassium is still above 6.0 at that check"
    text = PLAN.format(check="Repeat potassium in 2 weeks", ask=ask)
    assert flags(text, ask, "referral", conditional=True) == (False, None)


def test_the_same_referral_after_a_check_of_another_measurement_is_still_onward() -> None:
    # Near miss: the line before measures the blood pressure, not the potassium the referral waits on.
    ask = "Refer to the renal clinic if potassium is still above 6.0 at that check"
    text = PLAN.format(check="Repeat blood pressure in 2 weeks", ask=ask)
    assert flags(text, ask, "referral", conditional=True) == (True, "onward_referral")


def test_a_referral_with_no_threshold_after_the_check_line_is_still_onward() -> None:
    # Near miss: "if not improving" sets no threshold on a result (a need the hospital hands over).
    ask = "Refer to the renal clinic if not improving"
    text = PLAN.format(check="Repeat potassium in 2 weeks", ask=ask)
    assert flags(text, ask, "referral", conditional=True) == (True, "onward_referral")


def test_a_check_line_that_sends_its_result_back_is_no_practice_check() -> None:
    # Near miss: the potassium goes back to the team, so the referral on it is the team's need.
    ask = "Refer to the renal clinic if potassium is still above 6.0 at that check"
    text = PLAN.format(check="Repeat potassium in 2 weeks and send the result to us", ask=ask)
    assert flags(text, ask, "referral", conditional=True) == (True, "onward_referral")
