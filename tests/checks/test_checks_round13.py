"""Round-13 request rules, each family worded unlike the letters it came from, each with a near miss.

Families: chasing any test is the hospital's recall; a result passed on, or copied to a named team; a
result handed to a team named by its initials, sent as a "figure", or routed to a named consultant; a
result the hospital picks up for its own review; a decline of the report back in the request's own words;
a listed drug the letter says needs no blood tests; a referral waiting on a threshold of what the
practice's own check, asked in the same sentence, measures; vericiguat on the standard's shared-care list
(1.7).
"""

from __future__ import annotations

import pytest

from .test_checks_round9 import flag_all, rule


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Could you chase the genetics panel and let her know the outcome.", "call_and_recall"),
        ("Pls chase factor V Leiden sent 12/01.", "call_and_recall"),
        ("Would the practice be able to chase the JAK2 for us.", "call_and_recall"),
    ],
)
def test_chasing_a_test_is_the_hospitals_recall(asked: str, expected: str | None) -> None:
    text = "Seen with fatigue and low ferritin. " + asked
    assert rule(text, asked, "monitoring") == expected


def test_chasing_supplies_is_no_result() -> None:
    asked = "Please chase up a supply of her spacer devices with the community pharmacy."
    assert rule("Seen in the asthma clinic. " + asked, asked, "other") is None


def test_the_team_chasing_its_own_test_hands_nothing_over() -> None:
    # Near miss: the team chases the panel itself; the practice's check beside it is its own.
    text = (
        "Seen with fatigue and low ferritin. Please repeat her FBC in 4 weeks; we will chase the genetics"
        " panel."
    )
    assert rule(text, "Please repeat her FBC in 4 weeks", "monitoring") is None


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please do a lying and standing BP in 2 weeks and copy to the falls team.", "call_and_recall"),
        ("Resting ECG at the surgery in 1 month - cc to arrhythmia clinic please.", "call_and_recall"),
        (
            "Please take a magnesium level next week and pass it back to us when it is in.",
            "call_and_recall",
        ),
        # Near miss: passed on only past a threshold is a safety net on the practice's own check.
        ("Please take a magnesium level next week and pass it on if it is below 0.5.", None),
    ],
)
def test_result_copied_or_passed_to_the_team(asked: str, expected: str | None) -> None:
    text = "Seen for palpitations after starting sotalol. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Could the practice nurse take a lithium level in 1 week and let the CMHT have it.",
            "call_and_recall",
        ),
        (
            "Please repeat her calcium in a fortnight and email the figure to the endocrine nurses.",
            "call_and_recall",
        ),
        ("Bloods at the surgery in 2 weeks please - results to Dr Khan.", "call_and_recall"),
        # Near misses: the practice's own doctor, and a handover only past a threshold.
        ("Please check U&E in 1-2 weeks; results to Dr Osei (GP) for action.", None),
        ("Please check her weight monthly and let the dietitian have it if it drops under 45 kg.", None),
    ],
)
def test_result_handed_to_a_team_by_initials_figure_or_name(asked: str, expected: str | None) -> None:
    text = "Seen in the clinic today after her admission. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please check his lipids at 12 weeks - we'll use them at his next appointment.", "call_and_recall"),
        ("Ferritin in 3 months please; I will pick it up at our clinic review.", "call_and_recall"),
        # Near miss: the team sees the patient at its review; the check is the practice's own.
        ("Please check his lipids at 12 weeks; we will see him at our clinic in the spring.", None),
    ],
)
def test_result_the_hospital_picks_up_for_its_review(asked: str, expected: str | None) -> None:
    text = "Ezetimibe was added for his raised LDL. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Repeat the ECG in 3 months - you don't need to forward it to us.", None),
        (
            "Please arrange a renal ultrasound at 6 months, no need to send the report to us.",
            "call_and_recall",
        ),
        # Near miss: the tracing is wanted back.
        ("Repeat the ECG in 3 months and send it to us.", "call_and_recall"),
    ],
)
def test_declined_report_is_no_report_asked_for(asked: str, expected: str | None) -> None:
    # (The ultrasound is still a hospital test to arrange, declined report or not.)
    text = "His QTc was 455 on admission and has settled. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Sulfasalazine at this dose won't need any routine blood tests.", None),
        ("No blood tests are needed for the hydroxychloroquine.", None),
        # Near miss: the tests are only put off, so the drug keeps its shared-care monitoring.
        ("Hydroxychloroquine does not need bloods until the three-month review.", "shared_care"),
    ],
)
def test_listed_drug_said_to_need_no_blood_tests(statement: str, expected: str | None) -> None:
    drug = "sulfasalazine" if "Sulfasalazine" in statement else "hydroxychloroquine"
    request = f"Please add {drug} to her repeat prescription from next month."
    text = f"We started {drug} 200 mg daily today. {statement}\nRequests\n{request}\n"
    assert rule(text, request, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please recheck her TSH in 8 weeks and refer to endocrinology if it is above 10.", None),
        (
            "Could you measure the ACR at her annual review, referring to the renal team should it be over"
            " 70.",
            None,
        ),
        # Near miss: a threshold on a result the practice is not asked to take.
        ("If the neutrophils fall below 1.0, please refer her to haematology.", "onward_referral"),
        # Near miss: a referral only timed by a result is a need known now.
        ("Please refer to the renal team once the eGFR is above 30.", "onward_referral"),
        # Near miss: a symptom, not a measured threshold.
        ("Please refer to endocrinology if her tremor worsens.", "onward_referral"),
    ],
)
def test_referral_on_the_practices_own_threshold(asked: str, expected: str | None) -> None:
    text = "Seen for thyroid and kidney follow-up after her admission. " + asked
    assert rule(text, asked, "referral") == expected


def test_vericiguat_take_over_without_agreement() -> None:
    text = "We added vericiguat 2.5 mg daily today.\nPlease take over the vericiguat from week 3.\n"
    assert rule(text, "Please take over the vericiguat from week 3.", "prescribing") == "shared_care"
    # Near miss: a drug off the list handed over the same way is ordinary prescribing.
    text = "We added spironolactone 25 mg daily today.\nPlease take over the spironolactone from week 3.\n"
    assert flag_all(text, [("Please take over the spironolactone from week 3.", "prescribing")]) == [None]


@pytest.mark.parametrize(
    ("started", "expected"),
    [
        ("Our private clinic started lisdexamfetamine 30 mg each morning.", "shared_care"),
        ("We began mycophenolate 500 mg twice daily on the ward.", "shared_care"),
        # Near miss: an ordinary drug handed over the same way.
        ("We began amlodipine 5 mg daily on the ward.", None),
    ],
)
def test_prescription_taken_over_names_its_drug_in_the_sentence_before(
    started: str, expected: str | None
) -> None:
    asked = "We would be grateful if you would pick up the ongoing prescription from next month."
    assert rule(started + " " + asked, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please check TFTs in 6 weeks and e-mail them to Dr Byrne in endocrinology.", "call_and_recall"),
        ("Calcium at 4 weeks, for the attention of the parathyroid team.", "call_and_recall"),
        ("Please book a home BP series and let us know the average.", "call_and_recall"),
        # Near misses: the practice's own doctor, and a patient sent to a doctor.
        ("Please check TFTs in 6 weeks and forward them to Dr Patel (GP) for action.", None),
        ("Please check TFTs in 6 weeks; if she is unwell, send her to Dr Byrne's clinic.", None),
    ],
)
def test_result_forwarded_to_a_named_consultant_or_team(asked: str, expected: str | None) -> None:
    text = "Carbimazole was reduced to 10 mg as her fT4 has settled. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please refer him to X-PERT so he can learn about his new type 2 diabetes.", None),
        ("Could you refer her to the NHS Diabetes Prevention Programme given her HbA1c of 44.", None),
        # Near miss: type 1 structured education runs from the specialist team.
        ("Please refer him to the local type 1 diabetes education programme in 6 months.", "onward_referral"),
    ],
)
def test_type_2_diabetes_education_is_the_practices_route(asked: str, expected: str | None) -> None:
    text = "Admitted with a foot infection; diabetes was found on his bloods. " + asked
    assert rule(text, asked, "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Because capecitabine can push up the INR, please check her INR weekly during treatment.", None),
        # Near miss: the sentence names no drug, so the schedule is the listed drug's monitoring.
        ("Please check her FBC and LFTs every week during treatment.", "shared_care"),
    ],
)
def test_check_whose_own_sentence_names_the_listed_drug_as_a_cause(asked: str, expected: str | None) -> None:
    text = "She starts capecitabine and tacrolimus next week. " + asked
    assert rule(text, asked, "monitoring") == expected


def test_check_cut_from_a_sentence_that_names_the_listed_drug_as_a_cause() -> None:
    sentence = "Capecitabine interacts with phenytoin, so please check his phenytoin level every 2 weeks."
    text = "He starts capecitabine on 7 October. " + sentence
    assert rule(text, "please check his phenytoin level every 2 weeks", "monitoring") is None
    # Near miss: a take-over task handed to the anticoagulation nurse is no result sent back.
    asked = "please check his INR twice weekly; our pharmacist will ring your nurse to hand this over"
    assert rule("He is on warfarin for a metal valve. " + asked, asked, "monitoring") is None


def test_schedule_before_a_step_on_the_listed_drug_is_its_monitoring() -> None:
    # Near miss of the cause exemption: the same sentence names the listed drug as asked for, not as a cause.
    sentence = (
        "Please also do FBC and LFT weekly for 8 weeks, and increase the mercaptopurine if they are fine."
    )
    text = "Please take over prescribing of mercaptopurine from week 3. " + sentence
    assert rule(text, "Please also do FBC and LFT weekly for 8 weeks", "monitoring") == "shared_care"


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("The anticoagulation clinic will decide at 6 months whether to stop.", "call_and_recall"),
        ("We will then make the decision about continuing it by phone.", "call_and_recall"),
        # Near miss: the practice makes the step itself.
        ("If they are normal, please stop it yourselves.", None),
    ],
)
def test_bloods_timed_before_a_step_the_hospital_decides(after: str, expected: str | None) -> None:
    asked = "Please take FBC and U&E at 6 months before stopping the rivaroxaban."
    assert rule("She had a DVT after surgery. " + asked + " " + after, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("We started mycophenolate under the SCP agreed with your practice last year.", None),
        ("We started mycophenolate 500 mg twice daily. Please see the SCG for its monitoring.", None),
        # Near misses: the initials saying no agreement is in place yet.
        ("We started mycophenolate 500 mg twice daily; the SCA is pending with your ICB.", "shared_care"),
        ("We started mycophenolate 500 mg twice daily. There is no SCP for it in your area.", "shared_care"),
    ],
)
def test_shared_care_agreement_by_its_initials(said: str, expected: str | None) -> None:
    asked = "Please prescribe mycophenolate from week 3."
    assert rule(said + " " + asked, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Please take a 24-hour urine collection and send it to the lab marked for Dr Odum.",
            "call_and_recall",
        ),
        ("Could the practice nurse send the sample addressed to the stone clinic.", "call_and_recall"),
        # Near miss: marked for the practice's own doctor.
        ("Please take a 24-hour urine collection, marked for Dr Patel at the surgery.", None),
    ],
)
def test_sample_marked_for_a_hospital_clinician(asked: str, expected: str | None) -> None:
    assert rule("Seen in the renal stone clinic. " + asked, asked, "monitoring") == expected
