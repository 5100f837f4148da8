"""Inappropriate-request rules, round 22: a review the practice is asked to hold with the result of its own
test, asked just before, passes nothing back (no call_and_recall). Every wording is this file's own; each has
a look-alike that must stay as it was."""

from __future__ import annotations

from .build import clinic_flags

flags = clinic_flags


def test_a_review_with_the_result_of_the_practices_own_test_is_not_recall() -> None:
    ask = "Please review him in 6 weeks with the results"
    text = "Discharged to your care. Please repeat his lipids and ALT in 6 weeks. " + ask + "."
    assert flags(text, ask, "review") == (False, None)


def test_a_review_with_a_scan_result_the_hospital_sent_for_is_still_recall() -> None:
    # Near miss: no test of the practice's own before it; the result is of the hospital's scan.
    ask = "Please review him in 6 weeks with the result"
    text = "We have requested an MRI of his lumbar spine. " + ask + "."
    assert flags(text, ask, "review") == (True, "call_and_recall")


def test_a_review_with_the_result_that_reports_back_is_still_recall() -> None:
    # Near miss: the result is passed back to the team.
    ask = "Please review him in 6 weeks with the result and let the clinic know"
    text = "Please repeat his lipids and ALT in 6 weeks. " + ask + "."
    assert flags(text, ask, "review") == (True, "call_and_recall")


def test_a_referral_said_to_be_separate_from_the_condition_is_not_onward() -> None:
    ask = "perhaps you could refer her to the community podiatry service"
    text = "Seen for syncope. Her toenails are thickened; this is separate from her faints, and " + ask + "."
    assert flags(text, ask, "referral") == (False, None)


def test_a_referral_for_the_condition_is_still_onward() -> None:
    # Near miss: nothing says the need is apart from what she was referred with.
    ask = "perhaps you could refer her to the community falls service"
    text = "Seen for recurrent falls. Her falls are mostly mechanical, and " + ask + "."
    assert flags(text, ask, "referral") == (True, "onward_referral")
