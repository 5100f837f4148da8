"""la_status round 12: follow-up and fit note families met in five more new writers' letters.

Each case is worded unlike the letter that taught it, so a rule that only matched that letter fails here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a missed visit booked again with the patient as object
        ("He missed his appointment last week. I have rescheduled him into the March clinic.", "hospital"),
        ("Transport failed, so we have now rebooked her for 14/01/2027.", "hospital"),
        # a review the hospital will send, a therapy that goes on
        ("Her 3-month review will be sent by the stroke unit.", "hospital"),
        ("The community physiotherapists will continue weekly sessions at home.", "hospital"),
        # a referral to a hospital community team made
        ("CRHT urgent referral sent by the liaison nurse.", "hospital"),
        # the writer sees a child named by first name
        ("We have booked an ECG, and I will see Amira with the result in 6 weeks.", "hospital"),
        # the writer as the subject inside an ask
        ("Could you arrange a chest X-ray and send me the report before we see him in clinic in 2 months?",
         "hospital"),
        # a passive visit by a team, listed among the practice's asks
        ("Actions for GP:\n- He will be visited at home by the heart failure nurses.\n", "hospital"),
    ],
)
def test_follow_up_round12_hospital(
    owner: Callable[[str], tuple[str, str]], text: str, expected: str
) -> None:
    assert owner(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a review asked of the practice, told as reported
        ("We have asked Dr Osei to recheck his potassium and to review him in two weeks.", "gp"),
        ("I have written to your GP asking her to see you in 4 weeks about your mood. "
         "We have not booked a clinic appointment.", "gp"),
        # asked as a question, to the patient
        ("Please could the practice nurse see you in 6 weeks to check your weight. "
         "You do not need another hospital appointment.", "gp"),
        # the practice named with "who"
        ("I am passing his care back to Elm Tree Practice, who will see him in 2 months.", "gp"),
        # a condition inside a parenthesis belongs to the step there, not to the review
        ("No ward follow-up. Please review his mood in 3 weeks (increase sertraline if still low).", "gp"),
    ],
)
def test_follow_up_round12_gp(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a task at the next routine review is no follow-up of this episode
        ("No clinic follow-up. Please go over inhaler technique at next asthma review.", "none"),
        ("Discharged from clinic. Please check his ACR at his next chronic disease review.", "none"),
        # a medicines task for a pharmacist
        ("No hospital follow-up. Could the practice pharmacist do a New Medicine Service call for apixaban?",
         "none"),
        # a treatment visit with a stated none
        ("We will not see him again in clinic. He will be sent a date for venesection on the day unit.",
         "none"),
    ],
)
def test_follow_up_round12_none(owner: Callable[[str], tuple[str, str]], text: str, expected: str) -> None:
    assert owner(text)[0] == expected


def test_a_follow_up_with_the_practice_named_is_not_the_hospitals(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    # the practice named, then "who will": not a hospital team's plan
    assert owner("Care returns to Hillside Surgery, who will review her in 3 months.")[0] == "gp"
    # a treatment visit does not stand in for a clinic when nothing says there is no follow-up
    text = "She will be sent a date for an infusion, and we will see her in clinic in 3 months."
    assert owner(text)[0] == "hospital"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # working on with no time off
        ("She is a hairdresser and was told she could carry on working.", "not_needed"),
        ("He has carried on working as a postman the whole time.", "not_needed"),
        ("She works as a nursery nurse and is happy to continue.", "not_needed"),
        ("He had a bad fortnight in May and then went back to his warehouse job.", "not_needed"),
        # no certificate or note needed
        ("She will not need a sickness certificate for this.", "not_needed"),
        ("No sick note is appropriate as he is at home anyway.", "not_needed"),
        ("There is no need for him to stay off work.", "not_needed"),
    ],
)
def test_fit_note_round12_not_needed(
    fit_status: Callable[[str], tuple[str, str] | None], text: str, expected: str
) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a driver or machine operator kept off the work itself, no fit note said
        ("Bus driver. He must not drive buses until the ECG monitor is back.", "missing"),
        ("She is likely to be off driving duties for a month.", "missing"),
        ("Told not to operate machinery until the neurology review.", "missing"),
        # a fit note row in an owner table for the practice
        (
            "Task | Owner | When\nSick note for 2 weeks | GP | now\nClinic review | Ortho | 6 weeks\n",
            "requested_from_gp",
        ),
        ("Task | For GP? (Y/N)\nMed3 for four weeks | Y\n", "requested_from_gp"),
        # the ask after a break is not negated by the "No" ahead of the note
        ("No sick note given on the ward; GP please issue one for 2 weeks.", "requested_from_gp"),
    ],
)
def test_fit_note_round12_need_and_ask(
    fit_status: Callable[[str], tuple[str, str] | None], text: str, expected: str
) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


def test_a_sedation_warning_for_a_day_is_no_need(fit_status: Callable[[str], tuple[str, str] | None]) -> None:
    # "do not drive or operate machinery for 24 hours" after sedation is no time off work
    assert fit_status("Do not drive or operate machinery for 24 hours after sedation.") is None
    # a table row the hospital owns asks nothing of the practice
    got = fit_status("Task | Owner | When\nFit note issued for 2 weeks | Ward | done\n")
    assert got is None or got[0] != "requested_from_gp"


def _contact(text: str) -> list[tuple[int, int, str]]:
    from letter_audit.paths import models_dir
    from letter_audit.pipeline.ruledata import read_yaml
    from letter_audit.pipeline.status import RULES_FILE, ContactFinder, StatusRules

    finder = ContactFinder(read_yaml(models_dir() / "rules" / RULES_FILE, StatusRules))
    return finder._contact_hits(text)


def test_words_just_ahead_of_a_number_name_the_team() -> None:
    # the line names the practice, but the number is labelled as the team's
    assert _contact("3. U&E at the surgery and send them to the renal secretaries (fax 01632 960 411).")
    assert _contact("Paediatric Allergy Service, Elm Hospital - 01632 960 777 - quote the hospital number")
    # a number labelled as the practice's stays the practice's
    assert not _contact("Practice: Elm Surgery, 01632 960 888")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ongoing care handed to the practice is GP follow-up, even beside a stated none
        ("No further hospital at home input. Ongoing management now passes back to the GP.", "gp"),
        ("I have discharged him to your care for ongoing stoma management.", "gp"),
        ("Clinic follow-up is not needed; ongoing monitoring will be with his own GP practice.", "gp"),
        # a bare discharge to the practice stays a discharge
        ("I have discharged him to your care.", "none"),
    ],
)
def test_ongoing_care_handed_to_the_practice(
    owner: Callable[[str], tuple[str, str]], text: str, expected: str
) -> None:
    assert owner(text)[0] == expected


_STAY = "Admitted 02/01/2027, discharged 06/01/2027. DOB {dob}.\n{op}\n"


@pytest.mark.parametrize(
    ("dob", "op", "expected"),
    [
        # working age, a major operation, no word of work: missing
        ("11/03/1975", "Laparoscopic anterior resection for a rectal tumour; recovered well.", "missing"),
        ("05/09/1990", "Right total knee arthroplasty on day 1.", "missing"),
        # past working age, or the operation told as history: nothing said, nothing clear
        ("11/03/1940", "Laparoscopic anterior resection for a rectal tumour; recovered well.", None),
        ("05/09/1990", "Admitted with asthma; she had a previous hysterectomy.", None),
        # any word of work decides instead
        ("05/09/1990", "Right total knee arthroplasty. He is retired from the police.", "not_needed"),
    ],
)
def test_a_working_age_patient_after_a_major_operation(
    fit_status: Callable[[str], tuple[str, str] | None], dob: str, op: str, expected: str | None
) -> None:
    got = fit_status(_STAY.format(dob=dob, op=op))
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a remote consultation or call the team has booked
        ("I have booked a video consultation for early March.", "hospital"),
        ("We have arranged a telephone call with the nurse specialist in 2 weeks.", "hospital"),
        # a child named by first name will be seen by a team
        ("Mum has the ward number. Isla will be seen by the community nurses on Friday.", "hospital"),
        # an outcome field: discharged, with nothing further
        ("Outcome: Discharged, no further follow-up.", "none"),
    ],
)
def test_follow_up_round12_more_shapes(
    owner: Callable[[str], tuple[str, str]], text: str, expected: str
) -> None:
    assert owner(text)[0] == expected


def test_time_off_asked_of_the_practice_without_naming_the_note(
    fit_status: Callable[[str], tuple[str, str] | None],
) -> None:
    got = fit_status("She should be signed off for a month; could you please do that.")
    assert got is not None and got[0] == "requested_from_gp"
    got = fit_status("Could you sign him off for another fortnight.")
    assert got is not None and got[0] == "requested_from_gp"


def test_a_team_sign_off_beside_a_review_ask_is_no_fit_note_ask(
    fit_status: Callable[[str], tuple[str, str] | None],
) -> None:
    got = fit_status("He has been signed off work for 2 weeks by the ward; GP please review him in a week.")
    assert got is not None and got[0] != "requested_from_gp"


def test_a_routine_review_said_to_be_due_is_no_follow_up(owner: Callable[[str], tuple[str, str]]) -> None:
    text = "No ED follow-up.\nRequests to practice: lipids please; his asthma review seems to be overdue.\n"
    assert owner(text)[0] == "none"


def test_a_result_reviewed_by_a_consultant_is_no_visit(owner: Callable[[str], tuple[str, str]]) -> None:
    assert owner("No clinic follow-up. Histology will be reviewed by the consultant.")[0] == "none"


def test_no_need_to_see_us_again(owner: Callable[[str], tuple[str, str]]) -> None:
    assert owner("There is no reason for him to see the team again.")[0] == "none"


def test_a_team_that_will_start_visits(owner: Callable[[str], tuple[str, str]]) -> None:
    assert owner("The community rehab team will begin daily visits on Monday.")[0] == "hospital"


def test_reported_bookings(owner: Callable[[str], tuple[str, str]]) -> None:
    # the subject's first verb is something else, the appointment comes after "and"
    assert owner("She was seen by the physio and will be sent a further appointment.")[0] == "hospital"
    # the patient told to book with the practice at a time
    assert owner("We have advised her to make an appointment with her GP in 10 days.")[0] == "gp"
