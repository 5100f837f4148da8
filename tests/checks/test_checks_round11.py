"""Round-11 request rules, from the families five unseen writers used, each worded unlike their letters
and each with its near miss.

Families: a polite "grateful if" is no condition for an urgent call either; a result sent to a named
clinician of the team (CNS, nurse specialist, pharmacist); a copy sent only past a threshold; a report
copied back; a participle report-back ("forwarding both results"); one report-back for every request in
the sentence; what a changed drug does, said in the sentence before a check; a listed drug named only
as the cause of another drug's monitoring; transplant brands; re-referral "straight back"; suspected-
cancer pathways in other words and a published pathway on the practice's own threshold; "any further
note needed" after a note issued; an aside labelled unrelated and a need that predates the condition,
read in the request's own part of the sentence; "consider whether"; a service's input the patient needs
and an ask that only points back to it; a referral the ward made; "no GP referral needed"; an Advice
and Guidance reply's review with the practice's own result.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from letter_audit.letter import Letter
from letter_audit.report import MedicationChange

from .build import ev, result
from .test_checks_round9 import flag_all, rule


def started(drug: str, line: str) -> Callable[[Letter], list[MedicationChange]]:
    def make(letter: Letter) -> list[MedicationChange]:
        return [MedicationChange(drug=drug, action="start", evidence=ev(letter, line))]

    return make


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "We would be grateful if your team could take a U&E on day 8 of each cycle and ring the value"
            " through to the day unit the same day.",
            "call_and_recall",
        ),
        # Near miss: a real condition on a deterioration stays an escalation safety net.
        ("If he develops a fever above 38, please ring the day unit the same day.", None),
    ],
)
def test_polite_if_is_no_escalation(asked: str, expected: str | None) -> None:
    text = "Mr Bell is having FOLFOX for colon cancer. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    "asked",
    [
        "Please check a CRP in 10 days and e-mail the IBD nurse specialist with the result.",
        "Could you do a lithium level next week and phone the ward pharmacist with the level.",
        "Please take a CRP in 2 weeks and contact the orthopaedic CNS with the results.",
    ],
)
def test_result_sent_to_a_named_clinician(asked: str) -> None:
    text = "She remains on oral antibiotics for the joint infection. " + asked
    assert rule(text, asked, "monitoring") == "call_and_recall"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        # A threshold alert on an explained check is the practice's own monitoring.
        (
            "Please check his sodium in 2 weeks, as carbamazepine can lower it, and send me a copy if it"
            " is below 130.",
            None,
        ),
        # Near miss: a copy always sent is the result passed back.
        ("Please check his sodium in 2 weeks and send me a copy.", "call_and_recall"),
    ],
)
def test_copy_only_past_a_threshold(asked: str, expected: str | None) -> None:
    text = "He has focal epilepsy. " + asked
    assert rule(text, asked, "monitoring") == expected


def test_report_copied_back() -> None:
    asked = "Repeat spirometry in 3 months please, with the report copied to us."
    text = "Her asthma control is improving. " + asked
    assert rule(text, asked, "monitoring") == "call_and_recall"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("sending both results to the clinic", ["call_and_recall", "call_and_recall"]),
        ("and send the results of both to me", ["call_and_recall", "call_and_recall"]),
        # Near miss: a report-back naming only the second test leaves the first the practice's own.
        ("sending the serology result to the clinic", [None, "call_and_recall"]),
    ],
)
def test_one_report_back_for_every_request(tail: str, expected: list[str | None]) -> None:
    first, second = "Please check her ferritin in 6 weeks", "request coeliac serology"
    text = f"Iron deficiency, cause unclear. {first} and {second}, {tail}."
    assert flag_all(text, [(first, "monitoring"), (second + ", " + tail, "monitoring")]) == expected


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (True, None),
        # Near miss: no drug of this letter's making, so the threshold report is the hospital's watch.
        (False, "call_and_recall"),
    ],
)
def test_drug_effect_in_the_sentence_before(changed: bool, expected: str | None) -> None:
    line = "Prednisolone 30 mg daily started."
    asked = "Please check a capillary glucose in a week and tell us if it is over 15."
    text = f"{line}\nPrednisolone may push up her blood sugars. {asked}"
    findings = {"medication_changes": started("prednisolone", line)} if changed else {}
    assert rule(text, asked, "monitoring", **findings) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        # The listed drug is named only as the cause: the monitoring is the digoxin's.
        (
            "He takes digoxin, and amiodarone significantly raises digoxin levels, so please check a digoxin"
            " level weekly for a month.",
            None,
        ),
        # Near miss: the listed drug's own standing checks with its prescribing handed over.
        (
            "Please take over the amiodarone and check his TFTs and LFTs every 6 months.",
            "shared_care",
        ),
    ],
)
def test_listed_drug_named_only_as_the_cause(asked: str, expected: str | None) -> None:
    text = "I have started amiodarone 200 mg daily for his AF. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("", "shared_care"),
        # Near miss: an agreement in place covers it.
        (" This is under the shared care agreement your practice signed in 2025.", None),
    ],
)
def test_transplant_brand_is_the_listed_drug(after: str, expected: str | None) -> None:
    asked = "Please prescribe Envarsus 4 mg once daily from next month."
    text = "Kidney transplant 2019, stable graft. " + asked + after
    assert rule(text, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "conditional", "expected"),
    [
        ("If her voices return, please refer her directly back to us.", True, None),
        ("If the swelling recurs, the practice can refer him right back to the clinic.", True, None),
        # Near miss: an unconditional referral to another service for the same illness.
        ("Please refer her to the early intervention team.", False, "onward_referral"),
    ],
)
def test_rereferral_straight_back(asked: str, conditional: bool, expected: str | None) -> None:
    text = "She is discharged from the psychosis clinic. " + asked
    assert rule(text, asked, "referral", conditional) == expected


@pytest.mark.parametrize(
    ("asked", "conditional", "expected"),
    [
        ("If the lump enlarges, please refer her via the fast-track breast pathway.", True, None),
        ("Please use the suspected lymphoma pathway if the nodes grow beyond 2 cm.", True, None),
        ("Please measure an ACR and, if it is above 70, refer via the renal pathway.", True, None),
        # Near misses: the same pathways asked for outright.
        ("Please refer her on the 2-week suspected tumour pathway.", False, "onward_referral"),
        ("Please refer via the renal pathway.", False, "onward_referral"),
    ],
)
def test_pathway_referral_on_the_practice_finding(
    asked: str, conditional: bool, expected: str | None
) -> None:
    text = "Seen in the general medical clinic for weight loss. " + asked
    assert rule(text, asked, "referral", conditional) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "We have given him a fit note for a month; please supply any further note required after that.",
            None,
        ),
        # Near miss: no note issued here, so the practice writes the first one.
        ("He will need a fit note; please supply any further note required after that.", "fit_note"),
    ],
)
def test_further_note_after_one_issued(given: str, expected: str | None) -> None:
    asked = "please supply any further note required after that"
    text = "He works as a roofer and had a hip replacement. " + given
    assert rule(text, asked, "fit_note") == expected


def test_need_predating_the_condition_is_read_in_its_own_part_of_the_sentence() -> None:
    first = "please refer him to talking therapies for it"
    second = "please refer him to cardiac rehabilitation"
    text = f"Seen for atrial fibrillation. His anxiety predates the arrhythmia; {first}, and {second}."
    assert flag_all(text, [(first, "referral"), (second, "referral")]) == [None, "onward_referral"]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Unrelated - knee pain for a year, worth a physiotherapy referral", None),
        # Near miss: no label, so the need is taken as the condition referred.
        ("Knee pain for a year, worth a physiotherapy referral", "onward_referral"),
    ],
)
def test_aside_labelled_unrelated(asked: str, expected: str | None) -> None:
    text = "Plan:\n- Continue rasagiline\n- " + asked + "\n"
    assert rule(text, asked, "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please consider whether a carer's assessment is needed and, if so, make the referral.", None),
        # Near miss: the referral handed over outright.
        ("Please make a referral to adult social care for a package of care.", "onward_referral"),
    ],
)
def test_consider_whether(asked: str, expected: str | None) -> None:
    text = "He is frail and lives alone after the fall. " + asked
    assert rule(text, asked, "referral") == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("He would benefit from community physiotherapy input", "onward_referral"),
        ("She needs district nursing support with her dressings", "onward_referral"),
        # Near miss: a wish with no service named is no referral.
        ("She would like more support with sleep", None),
    ],
)
def test_ask_that_only_points_back_to_a_service(lead: str, expected: str | None) -> None:
    asked = "could you arrange this?"
    text = f"Seen after the fall. {lead} - {asked}"
    assert rule(text, asked, "other") == expected


@pytest.mark.parametrize(
    "asked",
    [
        "Cardiac rehab - referred by the ward team",
        "If the pain persists at 6 weeks she can ring the fracture clinic directly - no GP referral needed.",
    ],
)
def test_referral_already_made_or_not_needed(asked: str) -> None:
    text = "Plan:\n- " + asked + "\n"
    assert rule(text, asked, "referral") is None


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Advice and Guidance reply: thank you for your question about Mrs Dale.", None),
        # Near miss: a clinic letter has the result acted on for the hospital.
        ("I saw Mrs Dale in clinic today.", "call_and_recall"),
    ],
)
def test_advice_reply_review_with_own_result(opening: str, expected: str | None) -> None:
    asked = "It would be sensible to review her in about a month with the result"
    text = f"{opening} Please repeat the calprotectin in 6 weeks. {asked}."
    assert rule(text, asked, "review") == expected


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        (
            "If you are still worried, please refer him again and we would gladly send a new appointment.",
            "not_met",
        ),
        # Near miss: an appointment offered outright is another offer.
        ("We have sent a new appointment for 02/12/2026.", "met"),
    ],
)
def test_appointment_offered_only_after_a_rereferral(closing: str, expected: str) -> None:
    text = f"Mr Jones did not attend his clinic appointment on 10/11/2026. {closing}\n"
    found = result("did_not_attend", text, letter_type="clinic_letter", did_not_attend=True)
    assert found.status == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "We have issued a fit note for 4 weeks; please provide any further note he needs after that.",
            "met",
        ),
        # Near miss: the practice is asked for the note itself.
        ("He needs a fit note for 4 weeks; please provide one.", "not_met"),
    ],
)
def test_fit_note_issued_with_extension_left_to_the_practice(line: str, expected: str) -> None:
    from letter_audit.report import FitNote

    def note(letter: Letter) -> FitNote:
        return FitNote(status="requested_from_gp", evidence=ev(letter, line))

    text = f"He works as a scaffolder and had a knee arthroscopy.\n{line}\n"
    found = result("fit_note", text, letter_type="discharge_summary", fit_note=note)
    assert found.status == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "If his PSA is over 6 at the 6-month check we would like to hear, since he may then need an MRI;"
            " please e-mail the urology nurses.",
            "call_and_recall",
        ),
        # Near miss: a threshold alert with no next step of the hospital's is a safety net.
        ("If his PSA is over 6, please e-mail the urology nurses.", None),
    ],
)
def test_result_wanted_for_the_hospital_next_step(asked: str, expected: str | None) -> None:
    text = "Prostate biopsy showed no cancer. " + asked
    assert rule(text, asked, "monitoring", True) == expected


@pytest.mark.parametrize(
    ("narrative", "expected"),
    [
        # The narrative names the drug without its salt, and weighs risk against benefit.
        ("We agreed the harms of lithium now outweigh what it gives her.", "met"),
        # A finding and the change it led to, with hypos in the short word.
        ("She has had hypos on lithium most weeks, so we have stopped it.", "met"),
        # Near miss: the drug named with no reason for stopping it.
        ("She has taken lithium for nine years.", "not_met"),
    ],
)
def test_reason_in_the_narrative_without_the_salt(narrative: str, expected: str) -> None:
    line = "Lithium carbonate 400 mg nocte: STOPPED"

    def stopped(letter: Letter) -> list[MedicationChange]:
        return [
            MedicationChange(
                drug="lithium carbonate", action="stop", dose_before="400 mg nocte", evidence=ev(letter, line)
            )
        ]

    text = f"{narrative}\nMedication changes:\n{line}\n"
    found = result(
        "medication_changes_complete", text, letter_type="clinic_letter", medication_changes=stopped
    )
    assert found.status == expected
