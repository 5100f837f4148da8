"""la_status round 14: follow-up families met in letters from other UK nations, independent-sector
centres, community, hospice, CAMHS and mental-health teams, and letters written to the patient. Each case is
worded unlike the letter that taught it, and each family has a look-alike that must keep its old reading."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member of the team's staff will ring or visit the patient: a secretary, a key worker
        (
            "I have not booked a clinic slot; our secretary will ring him once the MRI is reported.",
            ("hospital", "fu-third-party-will"),
        ),
        (
            "His key worker, Priya Shah, will visit him at home next week.",
            ("hospital", "fu-third-party-will"),
        ),
        # ... even when a letter to the patient lists the visit among its asks: the team's plan
        (
            "Actions for GP:\n- Your care coordinator, Tomasz, will see you at home within 5 days.\n",
            ("hospital", "fu-third-party-will"),
        ),
        # handed on to a community team with a first appointment written tersely
        ("Transferred to the EIP team; first appt 02/05/2027 at the hub.", ("hospital", "fu-clinic-date")),
        # a next appointment told to the patient
        (
            "Your next appointment will be in about four months; the letter will come by post.",
            ("hospital", "fu-clinic-when"),
        ),
        # community, hospice, CAMHS and independent-sector plans
        (
            "He is to stay open to CAMHS; he will be seen by his care coordinator monthly.",
            ("hospital", "fu-open-to-team"),
        ),
        (
            "He stays known to the Early Intervention team while at university.",
            ("hospital", "fu-open-to-team"),
        ),
        ("The Macmillan nurse will be in touch next week.", ("hospital", "fu-in-touch")),
        (
            "He will continue with fortnightly sessions with our psychologist.",
            ("hospital", "fu-third-party-will"),
        ),
        (
            "Our family therapist will offer Sophie and her parents four more sessions.",
            ("hospital", "fu-third-party-will"),
        ),
        (
            "Her wound check at the treatment centre has been booked for 02/09/2027.",
            ("hospital", "fu-booked"),
        ),
        ("A post-operative check will take place at the centre in 6 weeks.", ("hospital", "fu-booked")),
        ("I will ask our booking office to send her a date.", ("hospital", "fu-asked-to-book")),
        # an appointment for an operation named "surgery" stays the hospital's
        (
            "She will be sent an appointment for Mohs surgery within the next 8 weeks.",
            ("hospital", "fu-will-be-seen"),
        ),
        # a discharge from an independent-sector or treatment centre; a bare "Discharged." on the outcome line
        (
            "Follow-up: post-op check with her optometrist; discharged from the treatment centre.",
            ("none", "fu-discharged"),
        ),
        ("He has been discharged from the Eye Centre.", ("none", "fu-discharged")),
        ("Outcome: not suitable for injection. Discharged.", ("none", "fu-discharged")),
        # no follow-up told to the patient
        ("There is no need for any further clinic appointments.", ("none", "fu-no-need-return")),
        ("We won't need to review you again.", ("none", "fu-will-not-see")),
        ("There are no plans for the pain team to see him again.", ("none", "fu-will-not-see")),
        ("His therapy with our team has now been completed.", ("none", "fu-care-complete")),
        ("Her care has now been handed back to her own GP.", ("none", "fu-discharged")),
        # a single reading check after a discharge leaves the discharge standing
        (
            "We have discharged her from clinic. Please check her blood pressure in 2 weeks.",
            ("none", "fu-discharged"),
        ),
        # readings handed over on a cycle see the patient again and again
        (
            "We will discharge her to your care. Please could you take over prescribing of the atomoxetine "
            "and measure her BP, pulse and weight every 3 months.",
            ("gp", "fu-gp-request"),
        ),
        # a follow-up field handing care to the practice; a passive review by the GP
        ("Onward care: GP.", ("gp", "fu-field-gp")),
        ("Follow-up: with her GP practice in 2 weeks for a wound check.", ("gp", "fu-field-gp")),
        ("Aftercare: with his own GP.", ("gp", "fu-field-gp")),
        ("He will be reviewed by his GP in 2 weeks.", ("gp", "fu-gp-follow")),
    ],
)
def test_follow_up_round14(owner: Owner, text: str, expected: tuple[str, str]) -> None:
    assert owner(text) == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # the practice's own staff, appointments and places named in the same words
        ("Your practice nurse will see you in 2 weeks to check the wound.", "hospital"),
        ("The GP secretary will ring him with a date.", "hospital"),
        ("Your next GP appointment will be in 2 weeks.", "hospital"),
        ("His next practice review is on 14/05/2027.", "hospital"),
        ("She stays on the practice nurse's list for dressings.", "hospital"),
        ("The district nurses will be in touch about dressings.", "hospital"),
        ("Her review at the GP surgery is booked for 02/09/2027.", "hospital"),
        ("A booking appointment is arranged by the community midwife.", "hospital"),
        ("She will be seen by the practice nurse in 2 weeks.", "hospital"),
        # a birth centre's discharge, another team's care, and a plan that is still on
        ("Discharge from the birth centre on 03/04/2027 after an uncomplicated delivery.", "none"),
        ("Her care has now been handed over to the community palliative care team.", "none"),
        ("We will need to see you again in 6 weeks.", "none"),
    ],
)
def test_follow_up_round14_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(text)[0] != not_owner


def test_a_field_telling_the_gps_past_step_hands_nothing_over(owner: Owner) -> None:
    assert owner("Follow-up: her GP referred her in May; nothing further from clinic.")[1] != "fu-field-gp"
