"""Inappropriate-request rules, round 16b (tuned on the odd half of the blind request probes): a missed
appointment the patient then made up for, the terse "re-ref" after a missed one, and a listed drug in its
clinical shorthand. Every wording is this file's own; each has a look-alike."""

from __future__ import annotations

from .build import clinic_flags

flags = clinic_flags


def test_missed_then_kept_appointment_is_no_dna_discharge() -> None:
    text = (
        "He did not attend in March but came to the rearranged appointment this week; his scan was clear and "
        "he is discharged. Please re-refer if the symptoms return."
    )
    ask = "Please re-refer if the symptoms return"
    assert flags(text, ask, "referral", conditional=True) == (False, None)


def test_missed_appointment_discharge_still_flagged() -> None:
    # Near miss: missed and discharged, with nothing kept after.
    text = "He did not attend in March and is discharged. Please re-refer if the symptoms return."
    ask = "Please re-refer if the symptoms return"
    assert flags(text, ask, "referral", conditional=True) == (True, "dna_rereferral")


def test_terse_re_ref_after_a_missed_appointment_is_flagged() -> None:
    text = "DNA x2, discharged.\nGP: re-ref if still needed"
    assert flags(text, "re-ref if still needed", "referral", conditional=True) == (True, "dna_rereferral")


def test_terse_review_after_a_missed_appointment_is_not() -> None:
    # Near miss: a review the practice does itself hands no re-referral back.
    text = "DNA x2, discharged.\nGP: review if still needed"
    assert flags(text, "review if still needed", "review", conditional=True) == (False, None)


def test_listed_drug_in_shorthand_is_shared_care() -> None:
    text = "Started in clinic today.\nGP to: Rx aza 100mg od"
    assert flags(text, "Rx aza 100mg od", "prescribing") == (True, "shared_care")


def test_shorthand_inside_a_longer_word_is_no_listed_drug() -> None:
    # Near miss: "aza" inside another drug's name is not azathioprine.
    text = "Started here.\nGP to: Rx azacitidine mouthwash 10 ml od"
    assert flags(text, "Rx azacitidine mouthwash 10 ml od", "prescribing") == (False, None)
