"""Round-10 request rules, from the families five unseen writers used, each worded unlike their letters
and each with its near miss.

Families: a polite "grateful if you could" is no condition; "do this test" asks for a test; a pronoun
for two drugs ("prescribe both"); a letter saying a drug needs no shared-care agreement, or that no
shared-care guideline exists; a named measurement sent back ("send us the QTc"); a hospital unit named
by its initials; a sample's result left for the practice to act on; a question of fact about a medicine
is no test; an imaging test given as the whole request; the end of an issued fit note; a problem raised
in passing in the sentence before a referral.
"""

from __future__ import annotations

import pytest

from letter_audit.report import Evidence, FitNote, MedicationChange

from .build import ev, result
from .test_checks_round9 import rule


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "It would be helpful if your practice could do these bloods at 12 months and pass the result on"
            " to the thyroid nurses.",
            "call_and_recall",
        ),
        (
            "We'd appreciate it if you would do that blood test and forward the result to Dr Amadi's"
            " secretary.",
            "call_and_recall",
        ),
        # Near miss: a real condition on what the practice sees stays a safety net.
        ("If his rash returns, please let the dermatology nurses know.", None),
    ],
)
def test_polite_if_is_no_condition(asked: str, expected: str | None) -> None:
    text = "Baby Ella had transient hypothyroxinaemia, now resolved. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("drugs", "asked", "expected"),
    [
        (
            "leflunomide and hydroxychloroquine",
            "Could the practice prescribe both from next month?",
            "shared_care",
        ),
        ("ciclosporin and prednisolone", "Please take over the two from March.", "shared_care"),
        # Near miss: the drugs before are ones any practice prescribes.
        ("amlodipine and atorvastatin", "Could the practice prescribe both from next month?", None),
    ],
)
def test_pronoun_for_two_drugs(drugs: str, asked: str, expected: str | None) -> None:
    text = f"Our pharmacy has supplied four weeks of {drugs}. {asked}"
    assert rule(text, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("Lithium here won't require a formal shared care agreement in your ICB.", None),
        (
            "We do not hold a shared-care guideline for this indication, but I can advise by phone.",
            "shared_care",
        ),
    ],
)
def test_shared_care_needed_or_not_in_other_words(after: str, expected: str | None) -> None:
    asked = "Please add lithium carbonate 400 mg at night to his repeat prescriptions."
    text = f"He has settled on lithium. {asked} {after}"
    assert rule(text, asked, "prescribing") == expected


def test_no_shared_care_guideline_overrides_an_agreement_word() -> None:
    # "shared-care guideline" alone reads as an agreement; denied, it is none.
    asked = "I'd be grateful if you could carry on prescribing this."
    text = (
        "I have started testosterone gel 1% for her libido. "
        + asked
        + " There is no shared-care guideline for testosterone in women in our area."
    )
    assert rule(text, asked, "prescribing") == "shared_care"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("At his next asthma check please run an ECG and e-mail me the QT interval.", "call_and_recall"),
        ("Please check his INR on Friday and send us the INR.", "call_and_recall"),
        # Near miss: the practice's own check with nothing sent back.
        ("Please check his INR on Friday as we have added clarithromycin.", None),
    ],
)
def test_named_measurement_sent_back(asked: str, expected: str | None) -> None:
    text = "He takes warfarin for AF. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Repeat U&E at 1 week, email to AMU please", "call_and_recall"),
        ("U&E 1/52 - results to SDEC", "call_and_recall"),
        # Near miss: the patient, not a result, sent to the unit on a condition.
        ("Send to SDEC if the pain returns", None),
    ],
)
def test_hospital_unit_by_initials(asked: str, expected: str | None) -> None:
    text = "Plan\n" + asked + "\n"
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Wound swab result: practice to review and treat as needed", "call_and_recall"),
        ("Sputum culture results - GP to act on", "call_and_recall"),
        # Near miss: the practice sends its own sample, acting on its own result.
        ("GP to send an MSU if symptoms persist", None),
    ],
)
def test_sample_result_left_to_the_practice(asked: str, expected: str | None) -> None:
    text = "Cellulitis of the left shin, improving on flucloxacillin.\n" + asked + "\n"
    assert rule(text, asked, "other") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Could you check if her inhalers are being ordered regularly and let us know?", None),
        ("Please check that the patches are being picked up from the chemist and let me know", None),
        # Near miss: a measurement checked and told back is the hospital's reading.
        ("Could you check her weight in a month and let us know?", "call_and_recall"),
    ],
)
def test_question_of_fact_about_a_medicine_is_no_test(asked: str, expected: str | None) -> None:
    text = "Her asthma has been poorly controlled this year. " + asked
    assert rule(text, asked, "other") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("USS abdomen in 3 months to reassess the liver lesion", "call_and_recall"),
        ("Follow-up echo 6/12 to check LV function", "call_and_recall"),
        # Near miss: a result reported, not a test asked for.
        ("USS showed a simple renal cyst - no action", None),
    ],
)
def test_imaging_test_as_the_whole_request(asked: str, expected: str | None) -> None:
    text = "Actions for GP\n" + asked + "\n"
    assert rule(text, asked, "monitoring") == expected


def _issued(letter):  # type: ignore[no-untyped-def]
    at = letter.text.index("Fit note")
    return FitNote(
        status="issued",
        evidence=Evidence(text=letter.text[at : at + 8], start=at, end=at + 8),
    )


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please review her when the fit note runs out should she still be unfit for the office.", None),
        ("If she is not yet well enough to go back, please see her before the fit note lapses.", None),
        # Near miss: no note was given, so the practice is asked for the first one.
        ("Please provide a fit note for 4 weeks.", "fit_note"),
    ],
)
def test_end_of_an_issued_note(asked: str, expected: str | None) -> None:
    opening = "Fit note given for 3 weeks from today. " if expected is None else "Fit note not given. "
    text = opening + asked
    findings = {"fit_note": _issued} if expected is None else {}
    assert rule(text, asked, "fit_note", **findings) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Her father also brought up a painful ingrowing toenail.", None),
        # Near miss: the need found by the team itself, in its own field, is onward work.
        ("On examination there is a large ingrowing toenail with infection.", "onward_referral"),
    ],
)
def test_problem_raised_in_passing_the_sentence_before(before: str, expected: str | None) -> None:
    asked = "If it fails to settle with salt soaks, please refer her to podiatry."
    text = "Thank you for referring Isla with headaches, which are migrainous. " + before + " " + asked
    assert rule(text, asked, "referral", conditional=True) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("The itchy patch on his shin is a separate problem from his angina.", None),
        # Near miss: the same need, called part of what was referred.
        ("The itchy patch on his shin is part of the vasculitis we are treating.", "onward_referral"),
    ],
)
def test_need_called_unrelated_the_sentence_before(before: str, expected: str | None) -> None:
    asked = "Please refer him to dermatology."
    text = "Thank you for referring Mr Ortiz with chest pain. " + before + " " + asked
    assert rule(text, asked, "referral") == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ("An opt-in letter asking him to rebook was sent in August and was never returned.", "not_met"),
        ("We sent an invitation to book another appointment, which went unanswered.", "not_met"),
        # Near miss: the offer stands now.
        ("We have sent an invitation to book another appointment in the new year.", "met"),
    ],
)
def test_ignored_offer_to_rebook_is_no_offer(history: str, expected: str) -> None:
    text = (
        "Mr Idowu did not attend the diabetic foot clinic on 03/02/2027, his second missed appointment. "
        + history
        + (" He is discharged to your care; please re-refer if needed." if expected == "not_met" else "")
    )
    assert result("did_not_attend", text + "\n", letter_type="clinic_letter").status == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please check her U&E in 2 weeks and ring us with the result.", "call_and_recall"),
        ("Please repeat the ferritin in 3 months and let me know the ferritin.", "call_and_recall"),
        ("Could the practice do a urine ACR and share it with the renal team?", "call_and_recall"),
        ("Bloods (FBC, CRP) at the surgery in 1 week - results to Dr Shah's secretary.", "call_and_recall"),
        # Near misses: a threshold alert, and contact with no result in it.
        ("If her potassium is above 6, please ring us with the result.", None),
        ("Please could you ring us with any concerns.", None),
    ],
)
def test_result_rung_told_or_shared(asked: str, expected: str | None) -> None:
    text = "Mrs Adebayo was seen in the renal clinic. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Could you check his U&E in 10 days given the spironolactone start, and if the potassium is"
            " over 5.9 halve the dose and let us know",
            None,
        ),
        # Near miss: the reading itself wanted back, with no threshold between.
        ("Could you check his U&E in 10 days and let us know", "call_and_recall"),
    ],
)
def test_threshold_step_before_let_us_know(asked: str, expected: str | None) -> None:
    text = "He has heart failure with reduced ejection fraction. " + asked + ".\n"
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Repeat US pelvis in 6/52 if pain persists - GP to request", "call_and_recall"),
        # Near miss: "us" the team, in lower case, is no scan.
        ("Please repeat the bloods in 2 weeks as we added lithium, and tell us how she is", None),
    ],
)
def test_us_in_capitals_is_an_ultrasound(asked: str, expected: str | None) -> None:
    text = "Plan\n" + asked + "\n"
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please recheck his urate in 6 weeks so I can decide on the febuxostat dose.", "call_and_recall"),
        ("U&E at the practice in 1/52 - results for review by the renal team.", "call_and_recall"),
        # Near miss: the practice reviews its own result.
        ("Please recheck his urate in 6 weeks and increase the allopurinol if above 360.", None),
    ],
)
def test_test_for_the_hospitals_own_decision(asked: str, expected: str | None) -> None:
    text = "He has tophaceous gout. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("He should be signed off for 3 weeks - could the practice see to this?", "fit_note"),
        # Near miss: signed off by a service is no certificate.
        ("Physio have signed off his exercise programme; please encourage him to keep going.", None),
    ],
)
def test_signed_off_for_a_time_is_a_fit_note(asked: str, expected: str | None) -> None:
    text = "He works as a roofer. " + asked
    assert rule(text, asked, "other") == expected


def _course(drug: str, line: str):  # type: ignore[no-untyped-def]
    def make(letter):  # type: ignore[no-untyped-def]
        return [MedicationChange(drug=drug, action="start", evidence=ev(letter, line))]

    return make


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        ("Clarithromycin 500 mg BD - NEW - 3 further days", "met"),
        ("Clarithromycin 500 mg BD - NEW (10 days in total)", "met"),
        ("Clarithromycin 500 mg BD - NEW - to finish 14/03", "met"),
        # Near miss: the list gives no length either.
        ("Clarithromycin 500 mg BD - NEW", "not_met"),
    ],
)
def test_course_length_on_another_line_naming_the_drug(listed: str, expected: str) -> None:
    narrative = "Treated with IV antibiotics for 48 hours, then oral clarithromycin when afebrile."
    text = f"Summary: {narrative}\nMedications on discharge:\n{listed}\n"
    found = result(
        "course_duration",
        text,
        letter_type="discharge_summary",
        medication_changes=_course("clarithromycin", "oral clarithromycin when afebrile"),
    )
    assert found.status == expected


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("Plan: repeat U&E in 3 days; restart the candesartan once creatinine is under 110.", "met"),
        # Near miss: the plan names another drug's restart.
        ("Plan: repeat U&E in 3 days; restart the metformin once eating.", "not_met"),
    ],
)
def test_restart_plan_on_another_line_naming_the_drug(plan: str, expected: str) -> None:
    line = "Candesartan 8 mg - held (see below)"

    def held(letter):  # type: ignore[no-untyped-def]
        return [MedicationChange(drug="candesartan", action="withhold", evidence=ev(letter, line))]

    text = f"Medicines:\n{line}\n{plan}\n"
    found = result("withheld_restart", text, letter_type="discharge_summary", medication_changes=held)
    assert found.status == expected


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        # Read as "other" by mistake, the refer words still carry the request.
        ("Pls refer OT for a home assessment", "other", "onward_referral"),
        ("Could you ask the community heart failure nurses to visit her", "other", "onward_referral"),
        # Near misses: the practice's own nurse, and a referral left to the patient's wish.
        ("Could you ask the practice nurse to review her inhaler technique", "other", None),
        ("Pls refer him back if he wishes", "other", None),
    ],
)
def test_refer_words_without_to(asked: str, category: str, expected: str | None) -> None:
    text = "She was admitted with decompensated heart failure and is now mobile with a frame. " + asked
    assert rule(text, asked, category) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        # Read as "other" by mistake, the words still carry a results chase or a drug taken on.
        ("Pls chase the wound MC&S from 02/03", "call_and_recall"),
        ("Cytology pending - GP to follow up", "call_and_recall"),
        ("Skin biopsy result to be followed up by the practice", "call_and_recall"),
        ("Could you please inform her of the MDT outcome", "call_and_recall"),
        ("We ask that the practice starts leflunomide 10 mg daily", "shared_care"),
        # Near miss: a result the practice's own test gives it to act on.
        ("Please check her ferritin in 3 months and follow up as you see fit", None),
    ],
)
def test_results_and_take_over_words_without_the_category(asked: str, expected: str | None) -> None:
    text = "She was seen in the dermatology clinic. " + asked
    assert rule(text, asked, "other") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("If the scan shows a mass, mark the referral as urgent.", None),
        ("Please re-submit the referral with the audiogram attached.", None),
        # Near miss: a new referral to another service.
        ("Please refer her to the dietitian.", "onward_referral"),
    ],
)
def test_altering_a_referral_makes_no_new_one(asked: str, expected: str | None) -> None:
    text = "We have returned your referral as incomplete. " + asked
    assert rule(text, asked, "referral") == expected
