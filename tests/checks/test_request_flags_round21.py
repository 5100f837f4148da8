"""Inappropriate-request rules, round 21: shared care said to be agreed without the word "agreement", and an
onward referral that waits on the patient's consent. Every wording is this file's own; each has a look-alike
that must stay as it was."""

from __future__ import annotations

from .build import clinic_flags

flags = clinic_flags


def test_shared_care_the_practice_took_on_covers_the_drug() -> None:
    ask = "Please continue methotrexate 15 mg weekly"
    text = "The surgery took on shared care for her methotrexate last year. " + ask + "."
    assert flags(text, ask, "prescribing") == (False, None)


def test_shared_care_said_to_be_in_place_covers_the_drug() -> None:
    ask = "Please give the next goserelin implant in 12 weeks"
    text = "Shared care for his goserelin is in place with your practice. " + ask + "."
    assert flags(text, ask, "prescribing") == (False, None)


def test_shared_care_not_yet_accepted_is_still_flagged() -> None:
    # Near miss: the practice has not taken it on.
    ask = "Please continue methotrexate 15 mg weekly"
    text = "The surgery has not accepted shared care for her methotrexate. " + ask + "."
    assert flags(text, ask, "prescribing") == (True, "shared_care")


def test_a_referral_that_waits_on_the_patients_consent_is_not_onward() -> None:
    ask = "Please refer her to the community drug and alcohol team if she consents"
    text = "Admitted with a fall. She drinks heavily. " + ask + "."
    assert flags(text, ask, "referral") == (False, None)


def test_the_same_referral_without_consent_is_still_onward() -> None:
    # Near miss: no choice left to the patient.
    ask = "Please refer her to the community drug and alcohol team"
    text = "Admitted with a fall. She drinks heavily. " + ask + "."
    assert flags(text, ask, "referral") == (True, "onward_referral")
