"""la_status round 14: follow-up families met in letters from other UK nations, independent-sector
centres and community and mental-health teams. Each case is worded unlike the letter that taught it, and each
family has a look-alike that must keep its old reading."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a member of the team's staff will ring the patient: a secretary, a key worker
        (
            "I have not booked a clinic slot; our secretary will ring him once the MRI is reported.",
            "fu-third-party-will",
        ),
        ("His key worker, Priya Shah, will visit him at home next week.", "fu-third-party-will"),
        # handed on to a community team with a first appointment written tersely
        ("Transferred to the EIP team; first appt 02/05/2027 at the hub.", "fu-clinic-date"),
    ],
)
def test_follow_up_round14_hospital(owner: Owner, text: str, rule: str) -> None:
    assert owner(text) == ("hospital", rule)


def test_a_team_worker_visiting_is_not_an_ask_of_the_practice(owner: Owner) -> None:
    # a letter to the patient lists the worker's visit among its asks: the team's plan, not a GP review
    text = "Actions for GP:\n- Your care coordinator, Tomasz, will see you at home within 5 days.\n"
    assert owner(text)[0] == "hospital"


def test_a_practice_worker_visiting_stays_the_practices(owner: Owner) -> None:
    assert owner("Your practice nurse will see you in 2 weeks to check the wound.")[0] != "hospital"
    assert owner("The GP secretary will ring him with a date.")[0] != "hospital"


@pytest.mark.parametrize(
    "text",
    [
        # a discharge from an independent-sector or treatment centre
        "Follow-up: post-op check with her optometrist; discharged from the treatment centre.",
        "He has been discharged from the Eye Centre.",
        # a bare "Discharged." after another sentence on the outcome line
        "Outcome: not suitable for injection. Discharged.",
    ],
)
def test_follow_up_round14_none(owner: Owner, text: str) -> None:
    assert owner(text)[0] == "none"


def test_a_discharge_from_a_birth_centre_is_no_end_of_follow_up(owner: Owner) -> None:
    assert (
        owner("Discharge from the birth centre on 03/04/2027 after an uncomplicated delivery.")[0] != "none"
    )


def test_recurring_reading_checks_handed_over_are_gp_follow_up(owner: Owner) -> None:
    text = (
        "We will discharge her to your care. Please could you take over prescribing of the atomoxetine "
        "and measure her BP, pulse and weight every 3 months."
    )
    assert owner(text)[0] == "gp"
    # a single reading check after a discharge leaves the discharge standing
    single = "We have discharged her from clinic. Please check her blood pressure in 2 weeks."
    assert owner(single)[0] == "none"


def test_a_next_appointment_told_to_the_patient(owner: Owner) -> None:
    assert owner("Your next appointment will be in about four months; the letter will come by post.") == (
        "hospital",
        "fu-clinic-when",
    )
    # the practice's own next appointment is never the hospital's
    assert owner("Your next GP appointment will be in 2 weeks.")[0] != "hospital"
    assert owner("His next practice review is on 14/05/2027.")[0] != "hospital"


@pytest.mark.parametrize(
    "text",
    [
        "Onward care: GP.",
        "Follow-up: with her GP practice in 2 weeks for a wound check.",
        "Aftercare: with his own GP.",
    ],
)
def test_a_follow_up_field_handing_care_to_the_practice(owner: Owner, text: str) -> None:
    assert owner(text) == ("gp", "fu-field-gp")


def test_a_field_telling_the_gps_past_step_hands_nothing_over(owner: Owner) -> None:
    assert owner("Follow-up: her GP referred her in May; nothing further from clinic.")[1] != "fu-field-gp"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("He is to stay open to CAMHS; he will be seen by his care coordinator monthly.", "fu-open-to-team"),
        ("He stays known to the Early Intervention team while at university.", "fu-open-to-team"),
        ("The Macmillan nurse will be in touch next week.", "fu-in-touch"),
        ("He will continue with fortnightly sessions with our psychologist.", "fu-third-party-will"),
        ("Her wound check at the treatment centre has been booked for 02/09/2027.", "fu-booked"),
        ("A post-operative check will take place at the centre in 6 weeks.", "fu-booked"),
        ("I will ask our booking office to send her a date.", "fu-asked-to-book"),
    ],
)
def test_community_and_independent_sector_plans(owner: Owner, text: str, rule: str) -> None:
    assert owner(text) == ("hospital", rule)


@pytest.mark.parametrize(
    "text",
    [
        # the practice's staff or the practice named in the same words
        "She stays on the practice nurse's list for dressings.",
        "The district nurses will be in touch about dressings.",
        "Her review at the GP surgery is booked for 02/09/2027.",
        "A booking appointment is arranged by the community midwife.",
        "She will be seen by the practice nurse in 2 weeks.",
    ],
)
def test_community_plan_look_alikes(owner: Owner, text: str) -> None:
    assert owner(text)[0] != "hospital"


def test_a_passive_review_by_the_gp_is_gp_follow_up(owner: Owner) -> None:
    assert owner("He will be reviewed by his GP in 2 weeks.") == ("gp", "fu-gp-follow")
    # an appointment for an operation named "surgery" stays the hospital's
    assert owner("She will be sent an appointment for Mohs surgery within the next 8 weeks.")[0] == "hospital"


def test_a_therapist_offering_more_sessions_to_the_family(owner: Owner) -> None:
    text = "Our family therapist will offer Sophie and her parents four more sessions."
    assert owner(text) == ("hospital", "fu-third-party-will")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("There is no need for any further clinic appointments.", "fu-no-need-return"),
        ("We won't need to review you again.", "fu-will-not-see"),
        ("There are no plans for the pain team to see him again.", "fu-will-not-see"),
        ("His therapy with our team has now been completed.", "fu-care-complete"),
        ("Her care has now been handed back to her own GP.", "fu-discharged"),
    ],
)
def test_no_follow_up_told_to_the_patient(owner: Owner, text: str, rule: str) -> None:
    assert owner(text) == ("none", rule)


def test_no_follow_up_look_alikes(owner: Owner) -> None:
    # another team's care, and a plan that is still on
    assert owner("Her care has now been handed over to the community palliative care team.")[0] != "none"
    assert owner("We will need to see you again in 6 weeks.")[0] == "hospital"
