"""la_status round 13: follow-up, fit note and contact mechanisms for nurse, community-team, EPR and
ED writers. Every case is worded unlike the letters that taught it; each family has a look-alike that
must stay as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Owner = Callable[[str], tuple[str, str]]


@pytest.mark.parametrize(
    "text",
    [
        # a team's visit or call with "again", a bare interval or a mode
        "Stoma nurse phone review again in 10 days.",
        "Parkinson's CNS visit 3 weeks, then monthly.",
        # a review that is already booked, told after a comma
        "The lipid team will go over this at her 6-week review, which has been booked.",
        # a clinic with its mode in brackets and a time
        "Epilepsy clinic (video) in 4 months to look at seizure diaries.",
        # an owner-table row whose owner is a hospital service named by initials
        "Action | Who | When\nCare plan review | EIP | 3 months\n",
        "Task | Owner | Date\nClinic appointment | AEC | booked 14/02/2027\n",
        # a relative brings the patient back for the team's check
        "Dad will bring her back for a clinic review in 6 weeks.",
        # a clinic or service that will see the patient
        "The pain service will see him early in the new year.",
        # the next visit is with the writer's team
        "Our next appointment together will be the sensor start.",
        # a hospital actor's plan listed under the practice's heading
        "Actions for GP:\n- U&E in 2 weeks\n- Heart failure nurse call in 10 days\n",
    ],
)
def test_follow_up_round13_hospital(owner: Owner, text: str) -> None:
    assert owner(text)[0] == "hospital"


@pytest.mark.parametrize(
    "text",
    [
        # look-alikes: the practice's own nurse, the practice's review, the practice's row
        "Practice nurse call in 2 weeks to check the wound.",
        "Action | Who | When\nMedication review | PCN | 6 weeks\n",
        "Action | Who | When\nBloods | GP | 2 weeks\n",
        "Mum will bring him to the GP for a weight check in 6 weeks.",
        "The practice clinic will see him next week.",
        "Actions for GP:\n- Practice nurse call in 10 days\n",
        # a past booking to come back is history
        "He was booked to return to the day unit on 02/02/2027 but did not come.",
        # a step done by pre-assessment is history
        "Apixaban was held for 2 days beforehand by pre-assessment.",
    ],
)
def test_follow_up_round13_not_hospital(owner: Owner, text: str) -> None:
    assert owner(text)[0] != "hospital"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a discharge from one part of care leaves another clinician's plan standing
        (
            "I am discharging him from the titration programme today. "
            "Dr Lee will see him in the heart clinic in 4 months.",
            "hospital",
        ),
        # a terse referral sent on yields to the letter's own "none"
        ("Memory team referral sent.\nFollow-up: not planned.\n", "none"),
        # an outcome field that discharges from a named unit
        ("Outcome | Discharged from AEC.\n", "none"),
        # whether a treatment helps, or a result to review, is no review of the patient
        (
            "Please trial it for a month then review whether it is working. No further clinic follow-up.",
            "none",
        ),
        ("Please request the CT and review the result. No clinic follow-up.", "none"),
        # a past annual review is no plan
        (
            "Please refer him to rehab, which he turned down at his last annual review. "
            "No follow-up from us.",
            "none",
        ),
        # a review of the patient with a time joined after another ask outranks a discharge
        ("Please refer her to the dietitian and also to review her in 6 weeks. I have discharged her.", "gp"),
        # the practice asked to book its own nurse: a task at the practice
        ("Please book her in with the practice nurse for removal of clips at 12 days.", "gp"),
    ],
)
def test_follow_up_round13_owner(owner: Owner, text: str, expected: str) -> None:
    assert owner(text)[0] == expected


def test_follow_up_round13_look_alikes(owner: Owner) -> None:
    # "we have referred her to our clinic" stays the hospital's despite "no ED follow-up"
    assert owner("We have referred him to our falls clinic. No ED follow-up.")[0] == "hospital"
    # a whole discharge beside a plan is still a clash
    assert owner("I am discharging him today. We will see him in clinic in 4 months.")[0] == "unclear"
    # a practice-nurse task yields to a stated "none"
    assert (
        owner("Please book him in with the practice nurse for ROS at 10 days. No follow-up needed.")[0]
        == "none"
    )
    # a review with a time asked outright is the practice's
    assert owner("Please review her in 4 weeks. No clinic follow-up.")[0] == "gp"


@pytest.mark.parametrize(
    "text",
    [
        "She is fit to carry on with her usual duties.",
        "He is a chef and carries on working.",
        "Fit note: declined (self-employed).",
        "Med3 - not wanted, working from home.",
    ],
)
def test_fit_note_round13_not_needed(fit_status: Callable[[str], tuple[str, str] | None], text: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == "not_needed"


def test_not_fit_to_work_is_no_not_needed(fit_status: Callable[[str], tuple[str, str] | None]) -> None:
    got = fit_status("He is not fit to work for two weeks.")
    assert got is None or got[0] != "not_needed"


def _contact(text: str) -> list[tuple[int, int, str]]:
    from letter_audit.paths import models_dir
    from letter_audit.pipeline.ruledata import read_yaml
    from letter_audit.pipeline.status import RULES_FILE, ContactFinder, StatusRules

    finder = ContactFinder(read_yaml(models_dir() / "rules" / RULES_FILE, StatusRules))
    return finder._contact_hits(text)


def test_surgery_as_a_specialty_or_an_operation_is_not_the_practice() -> None:
    assert _contact("Dr A Smith, ST3 Surgery, bleep 2231, 12/03/2027")
    assert _contact("Ward phone (first 48 h after surgery): 01632 960 111")
    # look-alike: the practice's own number stays the practice's
    assert not _contact("Elm Tree Surgery 01632 960 999")


def test_a_bare_patient_subject_to_be_seen_by_a_team(owner: Owner) -> None:
    assert (
        owner("Patient to be reviewed by the hospice community nurse specialist next week.")[0] == "hospital"
    )
    assert owner("Pt to be visited by the Parkinson's nurses within a fortnight.")[0] == "hospital"
    # look-alike: the practice named as the one who sees the patient
    assert owner("Pt to be seen by the GP next week.")[0] == "gp"


def test_a_titration_handed_over_with_recurring_reviews(owner: Owner) -> None:
    assert owner("Please titrate the bisoprolol, reviewing him every 2 weeks.")[0] == "gp"
    assert owner("Could you adjust the insulin with a review each fortnight until settled.")[0] == "gp"
    # look-alike: a recurring blood test is monitoring, not a review of the patient
    assert (
        owner("Please uptitrate ramipril to 10 mg, checking U&E each fortnight. No clinic follow-up.")[0]
        == "none"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Scottish "sick line" and the one-word "fitnote" read like "fit note"
        ("A sick line was given for 2 weeks.", "issued"),
        ("He does not require a sick line.", "not_needed"),
        ("Fitnote issued for 10 days.", "issued"),
        ("Sick line: not required (retired).", "not_needed"),
    ],
)
def test_fit_note_synonyms(
    fit_status: Callable[[str], tuple[str, str] | None], text: str, expected: str
) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a team that stays involved or keeps in touch, a day hospice the patient will attend
        "The community specialist palliative care team will remain involved.",
        "Our heart failure CNS will keep in touch with her by phone.",
        "We will continue to support him through the day service on Fridays.",
        "She will continue to attend the hospice day unit each week.",
        "I have offered him a further consultation in the spring.",
    ],
)
def test_follow_up_round13_continuing_teams(owner: Owner, text: str) -> None:
    assert owner(text)[0] == "hospital"


def test_continuing_team_look_alikes(owner: Owner) -> None:
    # keeping the practice informed, or a day hospice told as history, is no visit
    assert owner("We will keep in touch with you about the results.")[0] != "hospital"
    assert owner("He used to attend the day hospice.")[0] != "hospital"


def test_a_route_through_any_switchboard_is_a_contact() -> None:
    assert _contact("Advice is available from the on-call palliative care team via the hospice switchboard.")
    assert _contact("Ring us through the Royal Infirmary switchboard.")
    # look-alike: an invitation with no route is not one
    assert not _contact("Please do not hesitate to contact me if you have any questions.")


def test_the_teams_input_no_longer_needed_and_thanks_for_taking_over(owner: Owner) -> None:
    assert owner("She no longer requires hospice input.")[0] == "none"
    assert owner("He no longer needs follow-up from our team.")[0] == "none"
    assert owner("Thank you for agreeing to follow him up.")[0] == "gp"
    assert owner("Thanks for taking over her monitoring.")[0] == "gp"
    # look-alikes: a drug no longer needed, and thanks for a follow-up already done
    assert owner("She no longer needs her inhaler.")[0] == "unclear"
    assert owner("Thank you for following her up so promptly after the fall.")[0] == "unclear"


def test_an_untimed_reading_check_yields_to_a_stated_none(owner: Owner) -> None:
    # a reading reviewed with no time of its own is a task at the practice, like sutures out
    assert (
        owner("Actions for GP:\n- Please recheck his pulse when convenient\nNo clinic follow-up.\n")[0]
        == "none"
    )
    assert owner("Please review her blood pressure at your convenience. Discharged from clinic.")[0] == "none"
    # look-alikes: a timed review stays the practice's follow-up
    assert owner("Please review her blood pressure in 2 weeks. Discharged from clinic.")[0] == "gp"
    assert owner("Please also review BP 2 weeks after restart. No hospital follow-up.")[0] == "gp"


def test_owner_rows_with_words_for_when(owner: Owner) -> None:
    from tests.pipeline.status_text import HEAD

    # a hospital owner with a weekday, "next week" or "weekly" as its time
    assert owner(HEAD + "Action | Owner | When\nHome visit | Hospice | next week\n")[0] == "hospital"
    assert owner(HEAD + "What | Who | When\nPhone call | Palliative care CNS | Friday\n")[0] == "hospital"
    # look-alikes: the practice's or the district nurses' rows (the owner test may not skip a leading space)
    assert owner(HEAD + "What | Who | When\nWound check | Practice nurse | Friday\n")[0] != "hospital"
    assert owner(HEAD + "What | Who | When\nWound check | District nurses | weekly\n")[0] != "hospital"


@pytest.mark.parametrize(
    "text",
    [
        "He cannot drive and so cannot do his job as a courier for 6 weeks.",
        "He should take two weeks off.",
        "Not fit for work for 2/52 - fit note not given.",
    ],
)
def test_work_ruled_out_in_other_words_is_missing(
    fit_status: Callable[[str], tuple[str, str] | None], text: str
) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == "missing"


def test_work_ruled_out_look_alikes(fit_status: Callable[[str], tuple[str, str] | None]) -> None:
    # a fit note given, no time off needed, or time off told as history
    assert (
        fit_status("He will not be able to return to his job for a month; we gave him a fit note.")[0]
        == "issued"
    )  # type: ignore[index]
    assert fit_status("He won't need time off work.")[0] == "not_needed"  # type: ignore[index]
    assert fit_status("He had some time off last year with his back.") is None


def test_a_follow_up_section_that_opens_with_its_date(owner: Owner) -> None:
    from tests.pipeline.status_text import HEAD

    assert owner(HEAD + "Next appointment\n14/05/2027 at 10:30, Outpatients B\n")[0] == "hospital"
    # look-alike: a dated visit at the practice is not the hospital's
    assert owner(HEAD + "Follow-up\n14/05/2027 - GP surgery\n")[0] != "hospital"
