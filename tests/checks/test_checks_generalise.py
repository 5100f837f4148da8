"""Round-2 rules written to generalise beyond the first dev letters: each cue and its near-misses.

Did-not-attend handling, results routed back to the hospital, post-procedure checks, specialist drugs
in systemic and topical forms, safety-net "let us know if" wording, breaches counted per request, and
evidence that quotes a whole sentence rather than the cue's fragment.
"""

from __future__ import annotations

from typing import Any

import pytest

from letter_audit.report import GpAction

from .build import ev, report, result

CL = "clinic_letter"
DS = "discharge_summary"


def flags(text: str, request: str, category: str, **findings: Any) -> tuple[bool, str | None]:
    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=request, evidence=ev(letter, request), category=category)]

    rep = report(text + "\n", letter_type=CL, gp_actions=make, **findings)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


@pytest.mark.parametrize(
    ("text", "asked", "category", "expected"),
    [
        # Results routed to a named part of the hospital, or for the hospital's own decision.
        (
            "FBC every 2 weeks, with results sent to the haematology secretary.",
            "FBC every 2 weeks, with results sent to the haematology secretary.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        (
            "Please check U&E in 1 week so that we can adjust the dose.",
            "Please check U&E in 1 week so that we can adjust the dose.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        (  # near miss: the results come to the practice, and no reason for the hospital to need them
            "Please check U&E in 1 week; the results will be sent to you.",
            "Please check U&E in 1 week",
            "monitoring",
            (False, None),
        ),
        (  # near miss: a safety net with no test is not the practice running hospital surveillance
            "Please let us know if she has any further episodes so we can review her sooner.",
            "Please let us know if she has any further episodes so we can review her sooner.",
            "other",
            (False, None),
        ),
        (  # the conditional form still counts when a test is named and no reason is given
            "Please check his PSA every 3 months and let us know if it rises.",
            "Please check his PSA every 3 months and let us know if it rises.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        # Post-procedure checks the hospital pathway owns.
        (
            "GP to arrange trial without catheter (TWOC) in 2 weeks.",
            "GP to arrange trial without catheter (TWOC) in 2 weeks.",
            "other",
            (True, "call_and_recall"),
        ),
        (
            "Please arrange removal of the drain on day 5.",
            "Please arrange removal of the drain on day 5.",
            "other",
            (True, "call_and_recall"),
        ),
        (  # near miss: changing a long-term catheter is routine community care, not removal
            "Please ask the district nurses to change his long-term catheter every 12 weeks.",
            "Please ask the district nurses to change his long-term catheter every 12 weeks.",
            "other",
            (False, None),
        ),
        # Specialist drugs: systemic forms need shared care, topical forms do not.
        (
            "Ask GP to prescribe apremilast 30 mg BD from week 3.",
            "Ask GP to prescribe apremilast 30 mg BD from week 3.",
            "prescribing",
            (True, "shared_care"),
        ),
        (
            "Please prescribe tacrolimus 0.1% ointment twice daily to the face.",
            "Please prescribe tacrolimus 0.1% ointment twice daily to the face.",
            "prescribing",
            (False, None),
        ),
        (
            "Please prescribe tacrolimus 2 mg twice daily.",
            "Please prescribe tacrolimus 2 mg twice daily.",
            "prescribing",
            (True, "shared_care"),
        ),
        (  # a brand name is the same specialist drug
            "Please give his Prostap 11.25 mg injection every 3 months.",
            "Please give his Prostap 11.25 mg injection every 3 months.",
            "prescribing",
            (True, "shared_care"),
        ),
        (
            "Please re-check the CT chest in 3 months.",
            "Please re-check the CT chest in 3 months.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        (  # near miss: rechecking bloods after a change is ordinary practice work
            "Please recheck her potassium in 1 week.",
            "Please recheck her potassium in 1 week.",
            "monitoring",
            (False, None),
        ),
        # Re-referral wording after a missed appointment.
        (
            "He did not attend. We would need a fresh referral from you.",
            "We would need a fresh referral from you.",
            "referral",
            (True, "dna_rereferral"),
        ),
        (
            "She missed her last two appointments. Please re-refer if needed.",
            "Please re-refer if needed.",
            "referral",
            (True, "dna_rereferral"),
        ),
        # More community services count as onward referrals.
        (
            "Please arrange cardiac rehabilitation for him.",
            "Please arrange cardiac rehabilitation for him.",
            "other",
            (True, "onward_referral"),
        ),
        # Fit note wording.
        (
            "Please sign him off work for 2 weeks.",
            "Please sign him off work for 2 weeks.",
            "other",
            (True, "fit_note"),
        ),
    ],
)
def test_round_two_request_rules(
    text: str, asked: str, category: str, expected: tuple[bool, str | None]
) -> None:
    assert flags(text, asked, category) == expected


def test_advice_line_request_does_not_read_into_the_repeated_sentence() -> None:
    # The request and its sentence used to be joined by a space, so "...advice line If her" matched
    # "let us know ... if" and flagged a fair prescribing plan as call and recall.
    text = "If her symptoms return, go back to the previous dose and let us know via the advice line."
    asked = "If her symptoms return, go back to the previous dose and let us know via the advice line"
    assert flags(text, asked, "prescribing") == (False, None)


DNA_REBOOKED = (
    "Mrs Parry did not attend her appointment on 07/07/2025.\n"
    "We have sent her a second appointment for 28/07/2025. If she does not attend that one she will be "
    "discharged.\n"
)
DNA_DISCHARGED = (
    "Amelia was not brought to her appointment on 19/09/2025.\n"
    "We have discharged Amelia from the clinic. Please re-refer if there are ongoing concerns.\n"
)
DNA_DECLINED = (
    "You did not attend the clinic on 09/04/2026.\n"
    "As this is your second missed appointment, we have discharged you and will not send another "
    "appointment.\n"
)


def test_did_not_attend_rebooked_is_met() -> None:
    r = result("did_not_attend", DNA_REBOOKED, letter_type=CL)
    assert r.status == "met"
    assert r.evidence[0].text == (
        "We have sent her a second appointment for 28/07/2025. If she does not attend that one she will "
        "be discharged."
    )


def test_did_not_attend_discharged_is_not_met() -> None:
    r = result("did_not_attend", DNA_DISCHARGED, letter_type=CL)
    assert r.status == "not_met"
    assert r.evidence[0].text.startswith("We have discharged Amelia from the clinic.")


def test_did_not_attend_refusal_outranks_the_word_appointment() -> None:
    # "will not send another appointment" contains the offer pattern; the refusal wins.
    r = result("did_not_attend", DNA_DECLINED, letter_type=CL)
    assert r.status == "not_met"
    assert "will not send another" in r.evidence[0].text


def test_did_not_attend_silent_letter_is_not_met_and_others_not_applicable() -> None:
    silent = "He did not attend his appointment on 01/02/2026.\n"
    r = result("did_not_attend", silent, letter_type=CL)
    assert (r.status, r.explanation) == (
        "not_met",
        "The patient missed the appointment and the letter offers no other appointment.",
    )
    attended = "Seen in clinic today. We will see her again in 6 months.\n"
    assert result("did_not_attend", attended, letter_type=CL).status == "not_applicable"
    assert result("did_not_attend", DNA_DISCHARGED, letter_type=DS).status == "not_applicable"


def test_did_not_attend_in_passing_is_not_applicable_when_the_patient_was_seen() -> None:
    seen = (
        "I saw Mrs Lomas in clinic today. She did not attend her physiotherapy appointment last month.\n"
        "On examination her knee is stable.\n"
    )
    r = result("did_not_attend", seen, letter_type=CL)
    assert (r.status, r.explanation) == (
        "not_applicable",
        "The patient was seen; the missed appointment it mentions is history.",
    )


def test_two_inappropriate_requests_weigh_twice_three_count_as_two() -> None:
    text = (
        "Please refer her to physiotherapy.\nPlease provide a fit note for 2 weeks.\n"
        "Please arrange a repeat OGD in 8 weeks.\n"
    )
    asks = ["Please refer her to physiotherapy.", "Please provide a fit note for 2 weeks."]

    def make(n: int):  # type: ignore[no-untyped-def]
        every = [*asks, "Please arrange a repeat OGD in 8 weeks."][:n]
        return lambda letter: [GpAction(text=a, evidence=ev(letter, a), category="other") for a in every]

    weights = []
    for n in (1, 2, 3):
        rep = report(text, letter_type=CL, gp_actions=make(n))
        crit = next(c for c in rep.criteria if c.id == "actions_appropriate")
        assert crit.status == "not_met"
        weights.append(crit.weight)
    assert weights == [6, 12, 12]


def test_long_prose_evidence_is_the_sentence_not_the_cue_fragment() -> None:
    prose = (
        "Mrs Ashworth was admitted with increased breathlessness and green sputum. "
        + "She was treated with nebulisers and oral steroids and improved steadily over four days. " * 3
        + "\n"
    )
    r = result("clinical_summary", prose, letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == "Mrs Ashworth was admitted with increased breathlessness and green sputum."


@pytest.mark.parametrize(
    ("line", "criterion", "expected"),
    [
        ("Dx: acute gout\n", "diagnoses", "met"),
        ("Indication: stable angina\n", "diagnoses", "met"),
        ("Dexamethasone 4 mg OD\n", "diagnoses", "not_met"),
        ("Presenting: hot swollen right big toe for 2 days\n", "clinical_summary", "met"),
        (
            "Medications and medical devices\nCo-codamol 30/500 two tablets QDS PRN\n",
            "medications_listed",
            "met",
        ),
        ("Diabetes medication on discharge | Gliclazide 40 mg OM\n", "medications_listed", "met"),
        ("MEDICATI0NS ON DISCHARGE:\nCO-CODAMOL 30/500\n", "medications_listed", "met"),
        ("No changes to discharge plans were needed.\n", "medications_listed", "not_met"),
    ],
)
def test_content_cues_for_slips_and_prsb_headings(line: str, criterion: str, expected: str) -> None:
    assert result(criterion, line, letter_type=DS).status == expected


def test_consultant_evidence_takes_the_role_line_under_the_name() -> None:
    text = "Yours sincerely\nDr J Thorne\nConsultant Neurologist\n"
    r = result("consultant_specialty", text, letter_type=CL, consultant="Dr J Thorne", specialty="neurology")
    assert (r.status, r.evidence[0].text) == ("met", "Dr J Thorne\nConsultant Neurologist")
    plain = "Yours sincerely\nDr J Thorne\nNeurology clinic, Ward 4\n"
    r = result("consultant_specialty", plain, letter_type=CL, consultant="Dr J Thorne", specialty="neurology")
    assert r.evidence[0].text == "Dr J Thorne"


def test_a_long_plan_paragraph_is_not_the_clinical_summary() -> None:
    plan = (
        "Plan: please check her U&E in one week, continue the new dose of ramipril, review her blood "
        "pressure at the surgery in a fortnight and let the patient know that we will see her again in "
        "three months with the results of the scan.\n"
    )
    assert result("clinical_summary", plan, letter_type=CL).status == "not_met"
