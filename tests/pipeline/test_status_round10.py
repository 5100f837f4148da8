"""la_status round 10: follow-up and fit-note families and shapes met in five new writers' letters.

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
        # a clinician named by first name will ring or visit
        (
            "Our nurse specialist came too. Priya will ring him on Thursday to check on the nausea.",
            "hospital",
        ),
        # a community team that has taken the patient on and will visit
        (
            "The district nursing service has accepted him onto its caseload and will visit twice weekly.",
            "hospital",
        ),
        # the patient keeps seeing the team's worker
        ("He will continue to see his key worker every fortnight.", "hospital"),
        # reviews with the writer or the clinic, and at regular video reviews
        ("Two-weekly dose reviews with me until settled.", "hospital"),
        ("We will adjust the dose at monthly telephone reviews.", "hospital"),
        # results to be told by the team
        ("The biopsy result will be discussed over the phone with him by our nurse specialist.", "hospital"),
        # a clinic the team books itself once results are in
        ("He will be offered the pain clinic, which will be booked when the MRI is reported.", "hospital"),
        # a scan at the unit with the patient coming back
        ("Ultrasound booked in the ambulatory care unit for Monday.", "hospital"),
        # listing for a named operation, told as a gerund
        ("Plan: listing for laparoscopic cholecystectomy in 8-10 weeks.", "hospital"),
        # "- booked by" the unit in a plan line
        ("Follow-up: repeat colonoscopy 3/12 - booked by endoscopy.", "hospital"),
        # a call by a ward in an owner table, tomorrow
        ("Plan\nAction | Owner | When\nWelfare call | Ward 7 | Tomorrow\nBloods | GP | 1 week\n", "hospital"),
        # US-style "primary care provider" as the practice
        ("Follow-up: with PCP in 2 weeks.", "gp"),
        ("Discharge plan: follow up with your PCP. No cardiology follow-up.", "gp"),
        # "will not be arranging" and a clinic outcome answered no
        ("Respiratory will not be arranging follow-up.", "none"),
        ("Outpatient appointment: No", "none"),
        # a referral not accepted and sent back
        ("Outcome: not accepted for the rheumatology clinic. Returned to GP.", "none"),
    ],
)
def test_follow_up_round10(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a discharge in the follow-up section is not the hospital's plan
        ("Follow-up\nDischarged from the hospital at home team. Nothing further booked.\n", "none"),
        # a visit virtual ward admission told as history or as a dated field
        (
            "Patient was admitted to the virtual ward from ED and is now well. No further visits planned.",
            "none",
        ),
        ("Transferred to hospital at home: 02/02/2027\nFollow-up: none from our team.\n", "none"),
        # the visit this letter is about, named before its date with no comma
        (
            "Appointment | Lipid nurse telephone review 04/02/2027 - no answer\n"
            "Outcome | Discharged from the lipid clinic.\n",
            "none",
        ),
        # a template outcome ticked No
        ("Follow-up | Clinic: [ ] Yes [x] No\n", "none"),
        # a results letter where nobody was seen
        (
            "No consultation took place; the team reviewed the bloods. Dr Amin would like the repeat scan "
            "done before she is seen again.",
            "hospital",
        ),
        # a past appointment with the team is not a plan
        ("This was her second missed appointment with us, so she is discharged back to your care.", "none"),
        # a timed call with a result, and a contingency on the result after a semicolon
        (
            "The histology will be discussed by telephone in 3 weeks; "
            "if it is benign no clinic visit is needed.",
            "hospital",
        ),
    ],
)
def test_round10_guards(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


def test_a_lone_letterhead_line_with_bars_is_no_owner_row(owner: Callable[[str], tuple[str, str]]) -> None:
    text = (
        "Anticoagulation Clinic | Haematology | Riverside Hospital\n"
        "Discharged from the anticoagulation clinic.\n"
    )
    assert owner(text)[0] == "none"


def test_an_owner_row_in_a_table_still_counts(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "Action | Owner | When\nClinic review | Respiratory team | 3 months\n"
    assert owner(text) == ("hospital", "fu-owner-row")


def test_opportunistic_checks_are_no_gp_follow_up(owner: Callable[[str], tuple[str, str]]) -> None:
    text = (
        "Discharged from the falls clinic. Please repeat her lying and standing BP when she is next seen "
        "at the practice. When you next see him, could you also ask whether the inhaler is still helping?"
    )
    assert owner(text)[0] == "none"


def test_a_writers_own_statement_in_an_action_list_is_not_a_gp_review(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = "Actions for GP:\n- FBC in 2 weeks\n- I will review him again after the colonoscopy.\n"
    assert owner(text)[0] == "hospital"


def test_a_named_patients_timed_review_is_a_gp_review(owner: Callable[[str], tuple[str, str]]) -> None:
    text = (
        "We have discharged Maya from the clinic.\n"
        "Please review Maya in 6 weeks regarding stopping the melatonin.\n"
    )
    assert owner(text)[0] == "gp"


def test_an_unconditional_gp_review_before_a_conditional_step_stays(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    assert owner("GP to f/u. Repeat USS if not settling - GP to arrange.")[0] == "gp"


def test_a_test_to_repeat_is_not_a_gp_review(owner: Callable[[str], tuple[str, str]]) -> None:
    assert (
        owner("We would suggest rechecking her sodium in 2 weeks to see whether it has settled.")[0]
        == "unclear"
    )


def test_a_contingent_return_or_a_decision_to_come_back_is_no_plan(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    assert owner("Send me the PSA and I will judge whether he needs to come back.")[0] != "hospital"
    assert owner("Will come back if the swelling spreads.")[0] != "hospital"


@pytest.fixture(scope="module")
def fit(status_nlp: Language, run: Callable[[Language, str], Doc]) -> Callable[[str], str]:
    def _fit(text: str) -> str:
        fn = run(status_nlp, text)._.fit_note
        return str(fn["status"]) if fn else "not_mentioned"

    return _fit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is of course retired from the railway.", "not_needed"),
        ("She is currently working from home and coping well.", "not_needed"),
        ("He is not taking any time off.", "not_needed"),
        ("He does not think he needs time off at present.", "not_needed"),
        ("She has not needed a sick note so far.", "not_needed"),
        ("He did not want a note for his employer.", "not_needed"),
        ("Work: a sick note for 10 days has been printed and handed to her.", "issued"),
        # a job stated and an inpatient stay: a note was needed
        ("Admitted 02/02/2027 with pneumonia, home 06/02/2027. Background: asthma; bricklayer.", "missing"),
        ("Presented after a normal shift at work (line cook). Admitted for 4 days with a DVT.", "missing"),
        # a job alone in a clinic letter is no clear need
        ("Seen in clinic today. He works as a line cook.", "not_mentioned"),
        # a template fit note field left empty
        ("Discharge summary\nFit note:\nFollow up:\n", "missing"),
    ],
)
def test_fit_note_round10(fit: Callable[[str], str], text: str, expected: str) -> None:
    assert fit(text) == expected


def test_a_fit_note_request_must_speak_of_a_note_or_work(fit: Callable[[str], str]) -> None:
    # la_requests may file a wound task as a fit note ask; without a note or work word it asks for none
    assert fit(
        "Actions for GP:\n- Practice nurse to check the wound at day 7 and remove the steristrips.\n"
    ) == ("not_mentioned")
    assert fit("Could you kindly sign him off for another fortnight.") == "requested_from_gp"


def test_a_team_number_in_its_own_cell_beside_the_practice_counts(
    status_nlp: Language, run: Callable[[Language, str], Doc]
) -> None:
    text = "Care team | GP: Dr A Rao - Elm Tree Surgery | Heart failure nurse: B Cole 01632 955 123\n"
    cp = run(status_nlp, text)._.contact_point
    assert cp is not None and cp["detail"] == "01632 955 123"
    # a number in a cell beside the practice's name, with no team words, is still not the team's
    other = run(status_nlp, "GP | Dr A Rao - Elm Tree Surgery, 01632 955 124\n")._.contact_point
    assert other is None


def test_a_condition_leading_its_own_clause_does_not_make_the_review_conditional(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "Discharged from the lipid clinic.\n"
        "GP:\n- Yearly review of her statin (LFTs, CK) - if she wants to stop it, that is fine "
        "and needs no referral.\n"
    )
    assert owner(text)[0] == "gp"
    assert owner("Discharged from clinic.\nGP:\n- Please review her if the rash comes back.\n")[0] == "none"


def test_a_bare_hospital_plan_line_under_a_gp_heading_stays_the_hospitals(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    assert owner("GP:\n- Bloods in 2 weeks\n- Respiratory OPA 3/12\n")[0] == "hospital"
    assert owner("GP:\n- Please ask the district nurses to review her leg in 1 week\n")[0] != "hospital"


def test_a_condition_on_a_later_step_down_leaves_the_review(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "No clinic appointment.\nPlease review her reflux in 6 weeks and wean the PPI if she is well."
    assert owner(text)[0] == "gp"
