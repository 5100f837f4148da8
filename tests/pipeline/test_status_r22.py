"""la_status round 22: follow-up owner and fit note families from the round-22 blind material (tuning halves
only), each written here in other words, with look-alikes that must keep their owner or status."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a follow-up field named by its service or kind, answered none
        ("Surgical f/u: none routinely\n", "none"),
        ("PE follow-up clinic: not required (low risk pathway)\n", "none"),
        ("Paediatric OPA: not needed\n", "none"),
        ("Fracture clinic f/u - nil\n", "none"),
        # a follow-up field's value on the next line stays the hospital's; one that runs into the next field
        # ("Follow up:  -" then "Clinician to GP:") is not
        ("Disposal:\nFracture clinic in 1 week\n", "hospital"),
        ("Follow-up: respiratory nurses in 2 weeks\n", "hospital"),
        # a follow-up visit or call booked, told tersely
        ("Care coordinator: J Mahmoud (CMHT East) - 7 day f/u visit booked 15/11\n", "hospital"),
        ("Heart failure nurse f/u call booked for next week.\n", "hospital"),
        # a timed review under a practice heading, with a bracketed forecast that holds its own condition
        (
            "Follow up: none from SDEC\n\nGP actions:\n"
            "- review at 3/12 re: stopping (expect stop if no further "
            "events)\n",
            "gp",
        ),
        # a visit row in a "For GP? (Y/N)" table answered N is the hospital's
        (
            "Plan | For GP? (Y/N) | Timescale\nStroke clinic review | N | 6 weeks\n"
            "Check lipids and LFTs | Y | 3 months\n",
            "hospital",
        ),
        # a bare timed review in a list under a practice heading is the practice's, whatever follows it
        (
            "Plan - GP:\n1) continue to provide fit notes while he remains unable to work\n"
            "2) review in 6 weeks; if no better, we are happy to see him again\n\n"
            "No routine orthopaedic appointment has been made.\n",
            "gp",
        ),
        (
            "GP/practice nurse:\n"
            "- asthma review within 2 working days - practice to contact family to book\n",
            "gp",
        ),
        # a therapy waiting list gives way to a review asked of the practice; alone it stays the hospital's
        (
            "She has been placed on the waiting list for CBT with our psychology service. "
            "Please review her mood in 4 weeks.\n",
            "gp",
        ),
        ("He has been added to the physiotherapy waiting list. Please review him in 4 weeks.\n", "gp"),
        ("She has been placed on the waiting list for CBT with our psychology service.\n", "hospital"),
        # the visit the letter reports is no plan: the discharge stands
        (
            "I reviewed Mr Rossi in clinic six weeks after his operation. He is well. "
            "I have discharged him from the surgical clinic.\n",
            "none",
        ),
        ("As I will not be seeing him again, please chase the histology.\n", "none"),
        # template labels with one word more, Y/N fields answered after the "?", junior shorthand
        ("Follow Up Arrangements: GP in 2 weeks\n", "gp"),
        ("Follow-up required? N\n", "none"),
        ("Resp CNS to f/u\n", "hospital"),
        ("SDEC r/v 48h\n", "hospital"),
        ("Plan: d/c, r/v GP 1/52 for BP\n", "gp"),
        # a wound task at the practice yields to a stated none; an ED outcome naming a clinic referral; a plan
        # the ward books
        ("Follow up: none, GP to review wound day 10\n", "none"),
        ("Disposal: Home - VFC referral\n", "hospital"),
        ("Follow-up: to be arranged by the ward\n", "hospital"),
    ],
)
def test_follow_up_r22(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # an empty field run into the next one ("Clinician to GP") names no clinic
        ("Follow up:  -\nClinician to GP: please check U&E in 1 week.\n", "hospital"),
        # a field of another kind, or answered with something else
        ("OPA: 6 weeks in the chest clinic\n", "none"),
        ("Clinic: no change to the plan agreed last time\n", "none"),
        ("Follow-up required? Y - clinic 6 weeks\n", "none"),
        ("GP to f/u bloods\n", "gp"),
        # a timed review of the patient outranks a stated none; a referral the practice makes is not ours
        ("Follow up: none. GP to review him in 2 weeks.\n", "none"),
        ("GP to make VFC referral by the practice if still painful.\n", "hospital"),
        ("Hand therapy referral: [ ] Yes [x] No\nFollow-up: No clinic follow-up. Discharged.\n", "hospital"),
        # a test the ward requested is no visit booked
        (
            "Action | Who | When\nReview weight and fluid status | GP practice | 1 week\n"
            "Echo to confirm EF after titration | Cardiology - requested by ward | 3 months\n",
            "hospital",
        ),
        # the practice's own visit booked
        ("GP f/u visit booked for 15/11 by the practice.\n", "hospital"),
        # a review with a condition of its own is a safety net, not GP follow-up
        ("Follow up: none from SDEC\n\nGP actions:\n- review at 3/12 if symptoms persist\n", "gp"),
        # a row for the practice (Y) or with no visit
        (
            "Plan | For GP? (Y/N) | Timescale\n"
            "BP review at the practice | Y | 2 weeks\nInform DVLA | N | -\n",
            "hospital",
        ),
        # a line under a practice heading that names the writer's team is the team's own plan
        (
            "GP actions\n- FBC 2/52\n"
            "- Repeat OGD in 8 weeks to confirm healing - requested by us, you don't need "
            "to do anything\nFollow-up: none with gastroenterology if OGD normal.\n",
            "none",
        ),
        # an operation waiting list does not give way to a GP review
        (
            "He has been added to the waiting list for a knee replacement. Please review him in 4 weeks.\n",
            "gp",
        ),
        # a visit reported today with a plan after it stays the hospital's
        ("I reviewed him in clinic today and will see him in clinic in 6 months.\n", "none"),
        # a virtual ward title ends the stay; a follow-up section saying so is still none
        ("VIRTUAL WARD (Frailty) - DISCHARGE FROM CASELOAD\nPlease check U&E in 1 week.\n", "none"),
        ("Follow-up\nDischarged from the virtual ward caseload. Nothing further booked.\n", "unclear"),
    ],
)
def test_follow_up_r22_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(HEAD + text)[0] != not_owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no need of time off said with "need" as a noun
        ("He has no need for time off work.", "not_needed"),
        ("There is no need to take any time off.", "not_needed"),
        # heavy work ruled out for a time, after another restriction
        ("Work: HGV driver - advised no driving/heavy work for 2/52", "missing"),
        ("She was advised to avoid manual work for 6 weeks.", "missing"),
        # a Y/N question field answered yes, the offered "Y/N" blanked
        ("Fit note issued? Y/N   Y (2 weeks, office worker)\nSafety netting advice given.", "issued"),
        ("Med3 given?  Yes\n", "issued"),
        # a "fit for work" field: its answer is the verdict
        ("Is the patient fit to work? No - retired\n", "not_needed"),
        ("Is the patient fit to work? No\n", "missing"),
        ("Fit for work: Y\n", "not_needed"),
        ("FIT NOTE    Fit for work: Y - returning to office job next week, no restrictions.\n", "not_needed"),
        ("He is fit for work.", "not_needed"),
        # a field answered with a reason or a refusal, a note asked of the practice tersely
        ("Is the patient fit to work? N/A - unemployed\n", "not_needed"),
        ("Fit note: patient declined\n", "not_needed"),
        ("Sick note: requested from GP\n", "requested_from_gp"),
        # the "No" of the field before does not negate the note issued after a break
        ("Fit for work: No - fit note issued for 2 weeks\n", "issued"),
        # a junior's terse note and length; a field handing the note to the practice
        ("MED3 2/52\n", "issued"),
        ("FN issued 2/52\n", "issued"),
        ("Fit note: to GP\n", "requested_from_gp"),
        ("Fit note 2/52 - GP to issue\n", "requested_from_gp"),
    ],
)
def test_fit_note_r22(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a "fit for work" field left unanswered or not discussed says nothing
        ("Fit for work: not discussed\n", "not_needed"),
        ("Fit for work: not discussed\n", "missing"),
        # a Y/N field answered no, or not answered, is no note issued
        ("Fit note issued? Y/N   N\n", "issued"),
        ("Fit note issued? Y/N\n", "issued"),
        # time off needed is no "no need"
        ("He needs time off work for 2 weeks.", "not_needed"),
        # a note negated in its own words stays unissued; a GP letter read is no request
        ("No fit note was issued.\n", "issued"),
        ("Fit note - not issued\n", "issued"),
        ("The fit note from GP letter was reviewed.\n", "requested_from_gp"),
        # driving stopped for a seizure, no job named, is no time off work
        ("No driving for 6 months after the seizure (DVLA rules).", "missing"),
    ],
)
def test_fit_note_r22_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
