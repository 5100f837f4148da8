"""la_status round 9: follow-up and fit-note families and shapes met in four new writers' letters.

Each case is worded unlike the letter that taught it, so a rule that only matched that letter fails here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's next visit told in passing
        ("When we see him again in 6 weeks we will repeat the scan.", ("hospital", "fu-we-will-see")),
        # a talk planned in a dated clinic
        (
            "I will go through the biopsy findings with her in the nephrology clinic on 02/03/2027.",
            ("hospital", "fu-review-in-clinic"),
        ),
        # a date still to come from the team
        (
            "Cystoscopy within 6 weeks - the urology secretaries will post a date.",
            ("hospital", "fu-date-to-come"),
        ),
        ("Flexible sigmoidoscopy planned, awaiting a date.", ("hospital", "fu-date-to-come")),
        # a visit by a therapy team
        (
            "Follow-up: none from the ward. The dietitian will visit her at home next week.",
            ("hospital", None),
        ),
        # a return to the ambulatory unit with a time, not a safety net
        (
            "Return to the ambulatory care unit on Friday morning for the ultrasound result.",
            ("hospital", None),
        ),
        ("Return to SDEC / ED if the pain gets worse.", ("unclear", "")),
        # a field shape: the GP named in a later sentence of the same line does not make it the GP's
        (
            "F/U: vascular clinic in 3-4 weeks with a duplex. GP please check the wound at day 10.",
            ("hospital", None),
        ),
        ("Follow-up: None - back to the GP.", ("none", "fu-none")),
        # an owner table naming a specialty as the owner of a visit
        (
            "Action | Owner | When\nOutpatient review with echo result | Cardiology | 6 months\n",
            ("hospital", None),
        ),
        # an appointment told as missed
        (
            "He was offered an appointment on 02/09/2026 which he did not attend. He has been discharged "
            "from the clinic.",
            ("none", "fu-discharged"),
        ),
        # a result chased, an advice line's call back: no visit
        ("Blood cultures are still pending; we will follow these up.", ("unclear", "")),
        ("Advice line: leave your number and the nurse will ring you back.", ("unclear", "")),
        # a referral that was not put on the list
        ("Her referral has not yet been added to our waiting list.", ("unclear", "")),
        ("Referral rejected - please resubmit with a recent audiogram.", ("none", "fu-referral-returned")),
        # the practice will see the patient, told to the patient
        ("Your GP practice will need to look at your wound in a week.", ("gp", "fu-gp-follow")),
        ("Her own GP will see her every few months while the dose comes down.", ("gp", "fu-gp-follow")),
        ("Advice only: this can be managed in primary care.", ("gp", "fu-gp-follow")),
        ("Advice request closed; she stays under GP care.", ("gp", "fu-remains-with-gp")),
        # the practice asked to take on the reviews
        (
            "He has been discharged from the COPD nurse caseload. Please could the practice take on his "
            "annual COPD reviews.",
            ("gp", None),
        ),
        # discharged from a team named by its initials, with an apostrophe in its name
        ("She was discharged from the Children's CAMHS today.", ("none", "fu-discharged")),
    ],
)
def test_follow_up_round9(owner: Callable[[str], tuple[str, str]], text: str, expected: tuple) -> None:
    got = owner(text)
    if expected[1] is None:
        assert got[0] == expected[0]
    else:
        assert got == expected


def test_result_letter_with_follow_up_left_open_is_unclear(owner: Callable[[str], tuple[str, str]]) -> None:
    text = (
        "I will write to her and to you with the results.\n"
        "Any further review will be determined once the scan has been reported.\n"
    )
    assert owner(text) == ("unclear", "fu-undecided")


def test_timed_review_to_decide_on_a_drug_is_a_gp_review(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "Actions for GP:\n- Please review him in 6 weeks to decide whether the rivaroxaban can stop.\n"
    assert owner(text)[0] == "gp"


def test_review_with_a_purpose_clause_condition_is_not_a_safety_net(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = "GP actions:\n- Review at 6 weeks to reduce the prednisolone if the pain has settled.\n"
    assert owner(text)[0] == "gp"


@pytest.fixture(scope="module")
def fit(status_nlp: Language, run: Callable[[Language, str], Doc]) -> Callable[[str], tuple[str, str]]:
    def _fit(text: str) -> tuple[str, str]:
        fn = run(status_nlp, text)._.fit_note
        return (fn["status"], fn["rule"]) if fn else ("not_mentioned", "")

    return _fit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She works as a nurse; I have seen her today and given her a fit note for 2 weeks.", "issued"),
        ("The sick note we wrote at her first admission covers her until 04/01/2027.", "issued"),
        ("I have not issued a sick note; please ask your GP for one if you need it.", "requested_from_gp"),
        (
            "Not fit for his job (scaffolding) - fit note required for 4 weeks. GP please.",
            "requested_from_gp",
        ),
        ("He has not requested a fit note.", "not_needed"),
        ("She is receiving Universal Credit and is not looking for work.", "not_needed"),
        ("As you are still at school you will not need anything for work.", "not_needed"),
        ("He had two weeks off work after the fall; he went back last Monday.", "not_needed"),
        ("She did not take any time off for this.", "not_needed"),
        ("He has had no sick leave with his symptoms.", "not_needed"),
        ("Seen at home today. Lives alone. Retired.", "not_needed"),
        ("Her father asked about time off work to look after her.", "not_mentioned"),
        ("Ms C Doe, 41. Taxi driver.\nClosed reduction of a wrist fracture, cast for 6 weeks.", "missing"),
        ("Name: Mr E Poe, Occupation: welder\nLeft ankle fracture, crutches and a boot.", "missing"),
    ],
)
def test_fit_note_round9(fit: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert fit(text)[0] == expected


def test_a_declined_note_with_a_contingent_ask_stays_not_needed(
    fit: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "He is self-employed and declined a fit note.\n"
        "GP actions:\n- If he changes his mind, please could you issue a fit note.\n"
    )
    assert fit(text)[0] == "not_needed"


@pytest.mark.parametrize(
    ("text", "expected_owner"),
    [
        # a call back to clinic is a plan, unlike an advice line's call back
        ("We will call him back to clinic in 6 weeks with a repeat scan.", "hospital"),
        # a case the practice cannot manage is no hand-over
        ("Advice: this cannot be managed in primary care.", "unclear"),
    ],
)
def test_round9_guards(owner: Callable[[str], tuple[str, str]], text: str, expected_owner: str) -> None:
    assert owner(text)[0] == expected_owner


def test_back_home_after_time_off_is_no_return_to_work(fit: Callable[[str], tuple[str, str]]) -> None:
    assert fit("He has been off work since the injury; he has now returned home.")[0] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "We will not need to see him in clinic in 6 months if the scan is clear.",
        "Her GP should check her U&Es in a week.",
    ],
)
def test_round9_cues_need_their_whole_shape(owner: Callable[[str], tuple[str, str]], text: str) -> None:
    assert owner(text)[1] not in {"fu-review-in-clinic", "fu-gp-follow"}
