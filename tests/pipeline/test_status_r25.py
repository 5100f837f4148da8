"""la_status round 25: follow-up and fit-note families from the round-25 blind letters (odd halves), each
written here in other words, with look-alikes that must keep their owner or status: the writer's team that
will check or monitor the patient at a time or in clinic, an appointment given, a follow-up field opening
with a hospital therapy service or a place in brackets, a timed review of home BP readings asked of the
practice, a discharge from an inpatient stay beside the team's plan, a community team's follow-up beside
the practice's ongoing care, a fit note left to the practice in a relative clause, a note from a named
hospital team that runs to a day, and a return to work on light duties with no word of a note."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's team will check or monitor the patient at a time, or in clinic
        (
            "I have started timolol drops. We will check her pressures and visual fields in 6 weeks.\n",
            "hospital",
        ),
        ("We will recheck his intraocular pressure in 3 months.\n", "hospital"),
        (
            "We will continue to monitor her drug levels and renal function in clinic every 2 months.\n",
            "hospital",
        ),
        ("I will monitor his thyroid function in the endocrine clinic.\n", "hospital"),
        ("We'll reassess her swallow at 4 weeks.\n", "hospital"),
        # an appointment given, in brackets or as a clause, after a clinic's check
        (
            "Device clinic wound check at 10 days and pacing check at 3 months (appointments given).\n",
            "hospital",
        ),
        ("Anticoagulation clinic INR check next Monday - appt given.\n", "hospital"),
        # a follow-up field opening with a hospital therapy service, or a place named in brackets
        (
            "Follow-up: Hand therapy (Day Surgery Unit) next week for splint review; then no further "
            "orthopaedic follow-up unless the triggering returns.\n",
            "hospital",
        ),
        ("Follow-up: Occupational therapy in 2 weeks for a splint, then discharge.\n", "hospital"),
        ("Follow-up: physiotherapy (Outpatients, Block C) in 10 days.\n", "hospital"),
        # a timed review of a reading named by where it is taken, asked of the practice after a discharge
        (
            "Please start losartan 50 mg OD, and check U&E in 1 week and review her home BP readings "
            "at 6 weeks.\n"
            "I have discharged her back to your care.\n",
            "gp",
        ),
        ("We have discharged him. Please review his ambulatory BP in 3 months.\n", "gp"),
        # a community team's follow-up as a referral sent gives way to the practice's ongoing care after a
        # stated "no outpatient follow-up"
        (
            "Hospital actions:\n- Tissue viability follow-up via the community wound team - referral sent\n"
            "Follow up: No outpatient follow up. Ongoing care by the GP and the district nurses.\n",
            "gp",
        ),
    ],
)
def test_follow_up_r25(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a title naming the discharge from an inpatient stay ends the admission, not the team's plan after it
        (
            "Discharge from Inpatient Mental Health Services - Larkspur Unit, Eastmoor NHS Trust\n"
            "Summary: admitted with depression; now well.\n\n"
            "Follow up: Crisis team will visit within 72 hours. Psychiatric outpatient review in 4 weeks.\n"
        ),
        (
            "Discharge from Inpatient Eating Disorder Services\n"
            "Summary: admitted for refeeding; weight restored.\n\n"
            "Follow up: outpatient review in 6 weeks.\n"
        ),
    ],
)
def test_follow_up_r25_inpatient_discharge_title(owner: Owner, text: str) -> None:
    assert owner(text)[0] == "hospital"


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # a result, a report or the histology checked is no visit; a check with no time or clinic names none
        (
            "No follow-up is planned. We will check the histology in 2 weeks and write if abnormal.\n",
            "hospital",
        ),
        ("Discharged from clinic. We will monitor the results when they come back in 4 weeks.\n", "hospital"),
        ("Discharged from clinic. We will check whether the referral has been received.\n", "hospital"),
        ("Discharged from clinic. We will check with radiology about the report in 2 weeks.\n", "hospital"),
        # the practice asked to check, or a practice appointment given
        ("Discharged from clinic. Please check her U&E in 2 weeks.\n", "hospital"),
        ("Please see him at the practice in 2 weeks (appointment given by the surgery).\n", "hospital"),
        # a follow-up field naming the practice's therapist, or saying none
        ("Follow-up: GP practice physiotherapist in 2 weeks\n", "hospital"),
        ("Follow-up: none; physiotherapy exercises leaflet given.\n", "hospital"),
        # an untimed look at home readings is a task at the practice: it yields to a stated discharge
        (
            "I have discharged her back to your care. Please review her home BP readings when convenient.\n",
            "gp",
        ),
        # a discharge from the clinic itself beside a plan is still a contradiction, not the team's plan
        ("I have discharged him from the clinic. We will see him again in 6 months.\n", "hospital"),
        # with no practice follow-up, a community team's follow-up stays the hospital's
        ("No outpatient follow up. Follow-up via the community heart failure team in 2 weeks.\n", "none"),
    ],
)
def test_follow_up_r25_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(HEAD + text)[0] != not_owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fit note needed, left to the practice in a relative clause
        (
            "He is a scaffolder and should not lift for 4 weeks. He will need a fit note for 4 weeks, "
            "which your team can do as our system was down.\n",
            "requested_from_gp",
        ),
        ("She needs a sick note for two weeks, which the practice could issue.\n", "requested_from_gp"),
        ("A Med3 for 6 weeks is needed, which her GP can provide.\n", "requested_from_gp"),
        # a note from a named hospital team that runs, lasts or is valid to a day
        ("Her fit note from the oncology team runs to 30 November.\n", "issued"),
        ("His fit note from our orthopaedic team lasts until 14/12/2025.\n", "issued"),
        ("The fit note from the fracture clinic is valid until the end of the month.\n", "issued"),
        # a return to work on light or amended duties advised, with nothing said of a note
        (
            "She works as a care assistant. She can go back to work on restricted duties (no hoisting) "
            "once the cast is off.\n",
            "missing",
        ),
        ("He may return to his job on light duties in a fortnight.\n", "missing"),
    ],
)
def test_fit_note_r25(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a note from the practice, or one the patient is told to get, is not the hospital's
        ("Her fit note from the GP practice team runs to 30 November.\n", "issued"),
        ("His fit note from the community team ran out last week; he has not been off since.\n", "issued"),
        # a relative clause about something else, or the team doing it
        ("He needs a fit note for 2 weeks, which we have given him today.\n", "requested_from_gp"),
        ("She has a fit note, which expires next week.\n", "requested_from_gp"),
        # light duties with a note issued, or no time off needed, is not missing
        ("Fit note issued for 2 weeks; he may then return to work on light duties.\n", "missing"),
        (
            "He will return to work on light duties, which his employer has arranged, "
            "so needs no time off.\n",
            "missing",
        ),
    ],
)
def test_fit_note_r25_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
