"""Round-12 request rules, from the families five unseen writers used in compound requests, each worded
unlike their letters and each with its near miss.

Families: "a referral back to us" is a re-referral; a re-referral waiting on a measured result is the
practice's own check even after a missed appointment; a condition clause left open just before a
re-referral cut from its sentence; an Advice and Guidance reply's suggested tests; the lead-in of a
sentence belongs to its first referral, not to a check asked before it; a check asked before a take-over
for its own reason is not that drug's monitoring; taking a drug off the repeat hands nothing over; an
agreement named in the request's own sentence; a pharmacy follow-up is no hospital appointment; a result
told to a hospital unit or ward; work-up before a treatment the hospital gives; results of the team's own
samples; an item opening with its own drug step is no results tail; the postmenopausal bleeding pathway
on a condition; "weight mgmt".
"""

from __future__ import annotations

import pytest

from letter_audit.report import MedicationChange

from .build import ev
from .test_checks_round9 import flag_all, rule


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Please repeat her ferritin in 3 months, with a referral back to the clinic if it is under 30.",
            None,
        ),
        # Near miss: a re-referral for a need known now is handed back at once.
        ("She also needs a referral back to the clinic for her other knee.", "onward_referral"),
    ],
)
def test_referral_back_is_a_rereferral(asked: str, expected: str | None) -> None:
    assert rule("Seen for iron deficiency and knee pain. " + asked, asked, "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please check his PSA in 6 months and re-refer if it rises above 10.", None),
        ("Kindly repeat the calprotectin and re-refer should it stay raised.", None),
        # Near miss: a re-referral on the practice's wish to have him seen is the missed appointment
        # handed back.
        ("If you still feel he needs to be seen, please re-refer.", "dna_rereferral"),
    ],
)
def test_dna_rereferral_on_a_result_is_a_safety_net(asked: str, expected: str | None) -> None:
    text = "Mr Lowe did not attend his urology appointment and has been discharged. " + asked
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Please see her in a week and, should the swelling have grown, refer back to the surgical"
            " assessment unit.",
            None,
        ),
        # Near miss: no condition before it, so the need is known now.
        (
            "Please see her in a week, and refer back to the surgical assessment unit for her hernia.",
            "onward_referral",
        ),
    ],
)
def test_condition_left_open_before_a_cut_rereferral(sentence: str, expected: str | None) -> None:
    requests = [
        ("Please see her in a week", "review"),
        ("refer back to the surgical assessment unit", "referral"),
    ]
    assert flag_all("Seen in the ambulatory clinic with an abscess. " + sentence, requests)[1] == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Advice and Guidance response from the hepatology team.", None),
        # Near miss: a clinic letter after the patient was seen asks for the hospital's own test.
        ("Hepatology clinic letter.", "call_and_recall"),
    ],
)
def test_advice_and_guidance_tests_are_the_practices(opening: str, expected: str | None) -> None:
    asked = "I suggest you arrange an ultrasound of the liver"
    text = f"{opening}\nHer ALT has been 70 for a year. {asked}; she does not need to be seen."
    assert rule(text, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("She mentioned her bunions, which are unrelated to her diabetes, so", None),
        # Near miss: nothing says the need is outside the referred condition.
        ("Her feet are at risk from her diabetes, so", "onward_referral"),
    ],
)
def test_lead_in_belongs_to_the_first_referral(lead: str, expected: str | None) -> None:
    ask = "I would be grateful if you could check her lipids and refer her to podiatry."
    text = f"Diabetes clinic review. {lead} {ask}"
    requests = [("check her lipids", "monitoring"), ("refer her to podiatry", "referral")]
    assert flag_all(text, requests) == [None, expected]


@pytest.mark.parametrize(
    ("sentence", "requests", "expected"),
    [
        (
            "Please check her U&E in a week, since we increased the losartan, and then take over the"
            " azathioprine.",
            [("check her U&E in a week", "monitoring")],
            [None],
        ),
        # Near miss: the standing checks asked after the take-over are the drug's own monitoring.
        (
            "Please take over the azathioprine and check her FBC every month.",
            [("take over the azathioprine", "prescribing"), ("check her FBC every month", "monitoring")],
            ["shared_care", "shared_care"],
        ),
    ],
)
def test_check_before_a_takeover_is_not_its_monitoring(
    sentence: str, requests: list[tuple[str, str]], expected: list[str | None]
) -> None:
    assert flag_all("Rheumatology clinic. " + sentence, requests) == expected


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        (
            "Lansoprazole is still on his repeat list - please take it off.\nHis tolvaptan is hospital-only"
            " and is supplied by our pharmacy.",
            "please take it off",
            None,
        ),
        # Near miss: adding the hospital-only drug takes it on.
        (
            "Please add tolvaptan to his repeat.\nHis tolvaptan is hospital-only in this area.",
            "Please add tolvaptan to his repeat",
            "shared_care",
        ),
    ],
)
def test_taking_a_drug_off_hands_nothing_over(text: str, asked: str, expected: str | None) -> None:
    assert rule("Renal clinic letter.\n" + text, asked, "prescribing") == expected


def test_agreement_in_the_requests_own_sentence() -> None:
    text = (
        "Paediatric clinic letter. Under the attached shared care agreement, please take over prescribing"
        " of methylphenidate. Please also add melatonin 3 mg to his repeat. There is no shared care"
        " agreement for melatonin here."
    )
    requests = [
        ("please take over prescribing of methylphenidate", "prescribing"),
        # Near miss: the other drug's request, beside the sentence saying it has no agreement.
        ("Please also add melatonin 3 mg to his repeat", "prescribing"),
    ]
    assert flag_all(text, requests) == [None, "shared_care"]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Could the practice book a New Medicine Service follow-up with his community pharmacist", None),
        # Near miss: a follow-up with the hospital's own nurses is its recall.
        ("Could the practice book a follow-up with the cardiology nurses", "call_and_recall"),
    ],
)
def test_pharmacy_follow_up_is_no_hospital_appointment(asked: str, expected: str | None) -> None:
    text = "He started ticagrelor after his stent. " + asked + " in 2 weeks?"
    assert rule(text, asked, "other") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Please repeat her potassium in 5 days and let the renal day unit know the result.",
            "call_and_recall",
        ),
        ("Bloods on day 10 and let the stroke ward know the levels.", "call_and_recall"),
        # Near miss: told only past a threshold, a safety net on the practice's own check.
        ("Please repeat her potassium in 5 days and let the renal day unit know if it is above 6.", None),
    ],
)
def test_result_told_to_a_unit_or_ward(asked: str, expected: str | None) -> None:
    assert rule("Discharged after AKI. " + asked, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please check her FBC and clotting ahead of the planned colonoscopy.", "call_and_recall"),
        ("Could you take his U&E and magnesium before the next infusion?", "call_and_recall"),
        # Near misses: a check after a drug the practice starts, and a target to reach before surgery.
        ("Please check her U&E a week after starting the ramipril.", None),
        ("Please help him get his HbA1c below 69 before surgery.", None),
    ],
)
def test_work_up_before_a_hospital_treatment(asked: str, expected: str | None) -> None:
    assert rule("Seen in the surgical clinic. " + asked, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please review the B12 we sent.", "call_and_recall"),
        ("Could you check the thyroid results that we sent off?", "call_and_recall"),
        # Near miss: a test the practice takes itself (extraction read both as monitoring).
        ("Please review the B12 when you next repeat it.", None),
    ],
)
def test_results_of_the_teams_own_samples(asked: str, expected: str | None) -> None:
    assert rule("Seen in the acute medical unit with numb feet. " + asked, asked, "monitoring") == expected


def test_drug_step_opens_its_own_item() -> None:
    text = (
        "Seen in the hypertension clinic. Please stop the bendroflumethiazide and start indapamide 1.5 mg,"
        " checking his sodium after 2 weeks and let us know the result."
    )
    requests = [
        ("stop the bendroflumethiazide", "prescribing"),
        (
            "start indapamide 1.5 mg, checking his sodium after 2 weeks and let us know the result",
            "prescribing",
        ),
    ]
    assert flag_all(text, requests) == [None, "call_and_recall"]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("If the bleeding carries on beyond 3 months, please refer her on the PMB pathway.", None),
        # Near miss: asked now, it is an onward referral.
        ("Please refer her on the PMB pathway for a hysteroscopy.", "onward_referral"),
    ],
)
def test_postmenopausal_bleeding_pathway_on_a_condition(asked: str, expected: str | None) -> None:
    assert rule("Menopause clinic: HRT changed today. " + asked, asked, "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("GP to refer to tier 2 weight mgmt", None),
        # Near miss: another community service for the referred condition.
        ("GP to refer to community dietetics", "onward_referral"),
    ],
)
def test_weight_management_abbreviated(asked: str, expected: str | None) -> None:
    assert rule("Seen for fatty liver.\n" + asked, asked, "referral") == expected


@pytest.mark.parametrize(
    ("chase", "expected"),
    [
        ("chase the MRI spine report", None),
        # Near miss: chasing "the result" points back to the check before it, whose result goes back.
        ("chase the result", "call_and_recall"),
    ],
)
def test_chasing_a_named_test_is_its_own_request(chase: str, expected: str | None) -> None:
    text = f"Ward discharge. GP to repeat U&E in 1 week + {chase} and let us know."
    requests = [("GP to repeat U&E in 1 week", "monitoring"), (chase, "results")]
    assert flag_all(text, requests)[0] == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("we rebooked her ourselves, so you won't need to ask your GP for another referral", None),
        # Near miss: the patient told to ask for one is the referral handed to the practice.
        ("please ask your GP to refer you to the community continence team", "onward_referral"),
    ],
)
def test_no_need_to_ask_the_gp(asked: str, expected: str | None) -> None:
    text = f"Dear Mrs Hale, you missed one appointment but {asked}."
    assert rule("Urology clinic letter to the patient. " + text, asked, "referral") == expected


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("QTc 492 on admission", None),
        # Near miss: a change made for another reason leaves the ECG the hospital's own test.
        ("reflux", "call_and_recall"),
    ],
)
def test_check_of_what_a_change_was_made_for(reason: str, expected: str | None) -> None:
    asked = "please arrange an ECG in 2 weeks and check her potassium then"
    text = f"Medicines: domperidone stopped.\nPlan: {asked}."

    def stopped(letter):  # type: ignore[no-untyped-def]
        return [
            MedicationChange(
                drug="domperidone", action="stop", reason=reason, evidence=ev(letter, "domperidone")
            )
        ]

    assert rule(text, asked, "monitoring", medication_changes=stopped) == expected
