"""Inappropriate-request rules, round 21: shared care said to be agreed without the word "agreement", shared
care presumed or awaiting approval (no agreement), and an onward referral that waits on the patient's consent
(still onward). Every wording is this file's own; each has a look-alike that must stay as it was."""

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


def test_a_referral_for_the_condition_is_onward_with_or_without_the_patients_consent() -> None:
    # Consent decides whether the referral happens, not who should make it: the hospital, for the condition
    # it treated (a third round-21 writer flagged "refer him to pulmonary rehabilitation if he agrees" after a
    # COPD admission; a consent-based exemption tried this round made that a miss and was taken out).
    for ask in (
        "Please refer her to the community drug and alcohol team if she consents",
        "Please refer her to the community drug and alcohol team",
    ):
        text = "Admitted with alcohol withdrawal. She drinks heavily. " + ask + "."
        assert flags(text, ask, "referral") == (True, "onward_referral")


def test_shared_care_taken_as_accepted_unless_the_practice_objects_is_no_agreement() -> None:
    ask = "I would be grateful if you could take over prescribing from next month"
    text = (
        "We have started methotrexate 10 mg once weekly. "
        + ask
        + "; our shared care protocol is enclosed, and we "
        "will assume it is accepted unless we hear otherwise."
    )
    assert flags(text, ask, "prescribing") == (True, "shared_care")
    # Near miss: the practice itself accepted it.
    text = "Your practice accepted shared care for her methotrexate last year. " + ask + "."
    assert flags(text, ask, "prescribing") == (False, None)


def test_shared_care_still_awaiting_approval_is_no_agreement() -> None:
    ask = "Please continue to prescribe methylphenidate XL 27 mg each morning from next month"
    text = (
        "I have increased his methylphenidate. "
        + ask
        + ". Our shared care protocol is still with the ICB for approval."
    )
    assert flags(text, ask, "prescribing") == (True, "shared_care")
    # Near miss: approved and in place.
    text = (
        "I have increased his methylphenidate. "
        + ask
        + ". The shared care agreement is in place with your practice."
    )
    assert flags(text, ask, "prescribing") == (False, None)


def test_a_stool_test_timed_before_the_teams_clinic_is_call_and_recall() -> None:
    ask = "Please could you arrange a faecal calprotectin 2 weeks before her next IBD clinic appointment"
    text = "Her colitis has settled on mesalazine. " + ask + "."
    assert flags(text, ask, "monitoring") == (True, "call_and_recall")
    # Near miss: timed before the practice's own review.
    ask = "Please could you arrange a faecal calprotectin before her next GP appointment"
    text = "Her colitis has settled on mesalazine. " + ask + "."
    assert flags(text, ask, "monitoring") == (False, None)
