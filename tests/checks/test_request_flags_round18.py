"""Inappropriate-request rules, round 18 (found by probing new wordings, not from a fixture): tests sent on as
"them", tests timed before the team's own clinic, and results wanted "so they are available". Every wording
is this file's own; each has a look-alike that must stay as it was."""

from __future__ import annotations

from .build import clinic_flags

flags = clinic_flags


def test_tests_sent_on_as_them_are_recall_not_a_referral() -> None:
    ask = "Please repeat the LFTs in 2 weeks and send them to the hepatology nurses"
    assert flags(ask + ".", ask, "monitoring") == (True, "call_and_recall")


def test_patient_sent_as_them_is_still_a_referral() -> None:
    # Near miss: no test before "them", so "them" is the patient.
    ask = "Please send them to the falls clinic"
    assert flags(ask + ".", ask, "referral") == (True, "onward_referral")


def test_bloods_the_week_before_clinic_are_recall() -> None:
    ask = "Please arrange FBC and CRP the week before clinic"
    assert flags(ask + ".", ask, "monitoring") == (True, "call_and_recall")


def test_bloods_before_a_next_clinic_visit_are_recall() -> None:
    ask = "Please take bloods for FBC, U&E and CRP 1 week before her next clinic visit"
    assert flags(ask + ".", ask, "monitoring") == (True, "call_and_recall")


def test_bloods_before_the_practice_own_appointment_are_not() -> None:
    # Near misses: an appointment at the practice is the practice's own care.
    for ask in (
        "Please check her U&E before her next GP appointment",
        "Please check his HbA1c before his annual diabetes review",
    ):
        assert flags(ask + ".", ask, "monitoring") == (False, None), ask


def test_information_before_a_rebooked_appointment_is_no_test() -> None:
    # Near miss: nothing is measured, so "before the appointment" sends no result.
    ask = "please share any health visiting information that may be relevant before the rebooked appointment"
    assert flags(ask + ".", ask, "other") == (False, None)


def test_results_wanted_available_at_the_appointment_are_recall() -> None:
    ask = "Please arrange FBC and CRP so that the results are available at her next appointment"
    assert flags(ask + ".", ask, "monitoring") == (True, "call_and_recall")


def test_medicines_in_the_house_are_no_result() -> None:
    # Near miss: "so that they are in the house" is about medicines, not results.
    ask = "could you prescribe anticipatory medicines so that they are in the house before the weekend"
    assert flags(ask + ".", ask, "prescribing") == (False, None)
