"""la_status round 15: follow-up families met in outpatient, tertiary and community letters and in letters
written to the patient (owner-first plan tables, therapy discharges, a result-contingent "no follow-up",
negated and past clinic visits). Each case is worded unlike the letter that taught it, and each family has a
look-alike that must keep its old reading."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a letter to the patient: the clinic will see "you"
        (
            "We have asked for an echo of your heart and will see you in the valve clinic once it is done.",
            ("hospital", "fu-review-in-clinic"),
        ),
        # an owner table with the owner in the first column, by service name or initials
        (
            "Owner | Action | When\nRheumatology | Nurse-led review with DAS28 | 3 months\n",
            ("hospital", "fu-owner-row"),
        ),
        ("Who | What | When\nOT | Home reassessment | 4 weeks\n", ("hospital", "fu-owner-row")),
        # an assessment row with the service's initials in the owner column
        (
            "Task | Owner | Timescale\nRepeat seating assessment | OT | 8 weeks\n",
            ("hospital", "fu-owner-row"),
        ),
        # a terse next visit at the unit
        ("Next appointment at the day unit in 3 weeks.", ("hospital", "fu-next-date")),
        # surveillance the team arranges
        (
            "We will also arrange yearly surveillance ultrasound scans of the aneurysm.",
            ("hospital", "fu-surveillance"),
        ),
        # a result the team reviews and writes out, with "no follow-up" waiting on the result
        (
            "The biopsy results will be checked by Mr Oduya and a letter sent to her. "
            "If the biopsy is benign, no further urology follow-up is needed.",
            ("hospital", "fu-results-letter"),
        ),
        # a discharge from a therapy service
        (
            "Discharged from occupational therapy; he can self-refer within 3 months.",
            ("none", "fu-discharged"),
        ),
        # no need to be seen in clinic, without "again"
        ("She does not need to be seen in the neurology clinic.", ("none", "fu-no-need-return")),
        # the appointment another team sends directly yields to the writer's discharge
        (
            "She will receive an appointment from the orthotics department directly. "
            "I have discharged her from the orthopaedic clinic.",
            ("none", "fu-discharged"),
        ),
    ],
)
def test_follow_up_round15(owner: Owner, text: str, expected: tuple[str, str]) -> None:
    assert owner(text) == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # a clinic visit reported with a count after it, not a time
        ("He was seen in the hand clinic after two falls this month. I have discharged him.", "hospital"),
        ("She came to the TIA clinic after four episodes of numbness. I have discharged her.", "hospital"),
        # the owner-first table's practice, patient and negated rows
        ("Owner | Action | When\nGP | Review of blood pressure | 4 weeks\n", "hospital"),
        ("Owner | Action | When\nPatient | Call to book a review | 2 weeks\n", "hospital"),
        ("Owner | Action | When\nCardiology | No clinic review needed | 6 months\n", "hospital"),
        # a GP request opening with "consider" after a join is about treatment, not a review of the patient
        (
            "She has been discharged from the clinic. Please re-refer if needed, and meanwhile consider "
            "increasing her metformin.",
            "gp",
        ),
    ],
)
def test_follow_up_round15_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(text)[0] != not_owner


def test_an_appointment_from_another_team_stays_the_hospitals_without_a_discharge(owner: Owner) -> None:
    text = "He will get an appointment from the pulmonary rehabilitation team directly."
    assert owner(text) == ("hospital", "fu-referred-appointment")


def test_a_result_contingent_no_follow_up_is_no_stated_none(owner: Owner) -> None:
    assert owner("If the scan is normal, no further follow-up will be needed.")[0] != "none"
