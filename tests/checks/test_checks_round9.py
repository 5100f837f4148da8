"""Round-9 request rules, from the families four unseen writers used, each worded unlike their letters
and each with its near miss.

Families: "not been brought" and a labelled "not brought" outcome are missed appointments; a referral
left to the practice "as appropriate", "if clinically indicated" or to "consider"; the patient sent back
to the same unit on deterioration; a drug the letter clears of shared care anywhere in it; results the
letter says need not come back; a sample the practice sends off for analysis; the result told to a named
team, or wanted so the hospital can adjust the dose; a bare "GP please" after a fit-note sentence; the
listed drug named only as the time a prescribing request covers.
"""

from __future__ import annotations

import pytest

from letter_audit.report import GpAction, MedicationChange

from .build import ev, report, result

CL = "clinic_letter"


def flag_all(
    text: str, requests: list[tuple[str, str]], conditional: bool = False, **findings: object
) -> list[str | None]:
    """The rule for each of ``requests`` (text, category) in a clinic letter, in order."""

    def make(letter):  # type: ignore[no-untyped-def]
        return [
            GpAction(text=t, evidence=ev(letter, t), category=c, conditional=conditional)  # type: ignore[arg-type]
            for t, c in requests
        ]

    rep = report(text + "\n", letter_type=CL, gp_actions=make, **findings)
    return [a.rule for a in rep.gp_actions]


def rule(text: str, request: str, category: str, conditional: bool = False, **findings: object) -> str | None:
    return flag_all(text, [(request, category)], conditional, **findings)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oliver had been booked twice for his hearing assessment but has since not been brought"
            " to either. He is discharged. Please re-refer if his speech remains a worry.",
            "dna_rereferral",
        ),
        (
            "Clinic outcome 03/02/2027: not brought.\nHe is discharged. Please re-refer if his speech remains"
            " a worry.",
            "dna_rereferral",
        ),
        # Near miss: brought to clinic and seen, so re-referral is a safety net, not a DNA discharge.
        (
            "Oliver was brought by his father and we found normal hearing. Please re-refer if his speech"
            " remains a worry.",
            None,
        ),
    ],
)
def test_not_brought_in_other_tenses_is_a_missed_appointment(text: str, expected: str | None) -> None:
    assert rule(text, "Please re-refer if his speech remains a worry.", "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Kindly arrange a podiatry referral as you see fit.", None),
        ("Please refer to the foot protection team if clinically indicated.", None),
        ("Would you consider a dietetic referral for her weight.", None),
        ("Please refer on to podiatry as appropriate.", None),
        # Near miss: a referral handed over outright stays an onward referral.
        ("Please refer her to podiatry for her foot ulcer.", "onward_referral"),
    ],
)
def test_referral_left_to_the_practice_judgement(asked: str, expected: str | None) -> None:
    text = "She has a neuropathic ulcer under the left first metatarsal head. " + asked
    assert rule(text, asked, "referral") == expected


def test_sent_back_to_the_same_unit_on_deterioration_is_a_safety_net() -> None:
    request = "should the swelling spread, please send him back to the ambulatory care unit."
    text = "Cellulitis of the forearm treated with oral flucloxacillin; " + request
    assert rule(text, request, "referral", conditional=True) is None


def test_sent_back_unconditionally_is_still_handed_over() -> None:
    request = "Please send her back to the colorectal clinic in 6 months for reversal."
    text = "She has an end colostomy after her Hartmann's procedure. " + request
    assert rule(text, request, "referral") == "onward_referral"


def test_drug_cleared_of_shared_care_elsewhere_in_the_letter() -> None:
    text = (
        "Treatment\nWe began sulfasalazine EN 500 mg daily, building to 1 g twice daily. Sulfasalazine is"
        " green on the Ashdown area prescribing formulary; no shared care is needed.\n"
        "Requests\nCould the surgery issue sulfasalazine on repeat from next month?\n"
    )
    request = "Could the surgery issue sulfasalazine on repeat from next month?"
    assert rule(text, request, "prescribing") is None


def test_drug_not_cleared_when_another_drug_is() -> None:
    text = (
        "Treatment\nHer hydroxychloroquine is green on the Ashdown area prescribing formulary; no shared care"
        " is needed.\nRequests\nCould the surgery issue sulfasalazine on repeat from next month?\n"
    )
    request = "Could the surgery issue sulfasalazine on repeat from next month?"
    assert rule(text, request, "prescribing") == "shared_care"


def test_no_shared_care_needed_is_not_a_missing_agreement() -> None:
    text = (
        "Dapagliflozin 10 mg started (no shared care needed, green on the ICB list)."
        " Please add it to repeats."
    )
    assert (
        rule(
            text,
            "Please add it to repeats.",
            "prescribing",
            medication_changes=lambda letter: [
                MedicationChange(
                    drug="dapagliflozin", action="start", evidence=ev(letter, "Dapagliflozin 10 mg")
                )
            ],
        )
        is None
    )


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        (
            "Please repeat her TFTs in 8 weeks; there is no need to copy us in on the results.",
            "results",
            None,
        ),
        (
            "Her HbA1c should be checked at 3 months, without sending the result to the clinic.",
            "monitoring",
            None,
        ),
        # Near miss: the results are wanted back.
        ("Please repeat her TFTs in 8 weeks and send us the results.", "monitoring", "call_and_recall"),
    ],
)
def test_results_the_letter_says_need_not_come_back(asked: str, category: str, expected: str | None) -> None:
    assert rule("Thyroid clinic review. " + asked, asked, category) == expected


def test_sample_sent_off_by_the_practice_with_the_result_routed_back() -> None:
    request = (
        "if she coughs up any sputum, please send a sample for culture and forward the result to our"
        " chest nurses"
    )
    text = "Bronchiectasis exacerbation settled. " + request + "."
    assert rule(text, request, "results", conditional=True) == "call_and_recall"


def test_conditional_notice_with_no_test_is_still_a_safety_net() -> None:
    request = "if she becomes breathless on exertion, please let our chest nurses know"
    assert (
        rule("Bronchiectasis exacerbation settled. " + request + ".", request, "other", conditional=True)
        is None
    )


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Please take a lithium level in 5 days and let the mood disorder nurses have the value.",
            "call_and_recall",
        ),
        (
            "Please check a tacrolimus level at 1 week - we might then need to reduce the dose.",
            "call_and_recall",
        ),
        # Near miss: the practice acts on its own check.
        ("Please check her U&E in 1 week as the ramipril went up.", None),
    ],
)
def test_result_told_to_a_named_team_or_for_the_hospital_to_adjust(asked: str, expected: str | None) -> None:
    assert rule("Ward discharge. " + asked, asked, "monitoring") == expected


def test_bare_owner_after_a_fit_note_sentence() -> None:
    text = "Not able to lift at work for 3 weeks - med3 required. Practice to action.\n"
    assert rule(text, "Practice to action.", "other") == "fit_note"


def test_bare_owner_after_another_subject_is_not_a_fit_note() -> None:
    text = "Hb 94 at discharge - FBC in 2 weeks. GP please.\n"
    assert rule(text, "GP please.", "other") != "fit_note"


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        (
            "please keep giving her depot contraception every 13 weeks whilst she is on mycophenolate",
            "prescribing",
            None,
        ),
        # Near miss: the listed drug is what is asked for.
        ("please prescribe mycophenolate 500 mg twice daily from next month", "prescribing", "shared_care"),
        # Near miss: its standing monitoring "while on" it still names it.
        ("please check her FBC every month while on mycophenolate", "monitoring", "shared_care"),
    ],
)
def test_listed_drug_named_only_as_the_time_the_request_covers(
    asked: str, category: str, expected: str | None
) -> None:
    assert rule("Lupus nephritis clinic. " + asked + ".", asked, category) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (
            "We did not look at his knee today, as it was not part of the original referral.",
            "onward_referral",
        ),
        ("His shoulder is outside the scope of this referral.", "onward_referral"),
        # Near miss: the patient's own future choice with no problem handed back.
        ("His knee is fine for now.", None),
    ],
)
def test_problem_left_because_the_referral_did_not_ask(before: str, expected: str | None) -> None:
    asked = "should he want it assessed, please refer him to the sports injury clinic."
    assert rule(before + " " + asked, asked, "referral", conditional=True) == expected


def _started(drug: str):  # type: ignore[no-untyped-def]
    return lambda letter: [MedicationChange(drug=drug, action="start", evidence=ev(letter, drug))]


def test_check_timed_by_a_drug_this_letter_started_is_its_safety_monitoring() -> None:
    text = "We have started dutasteride 500 micrograms daily. "
    asked = "Please repeat the PSA at 6 months while on dutasteride and tell us if it is over 3."
    assert rule(text + asked, asked, "monitoring", medication_changes=_started("dutasteride")) is None


def test_check_timed_by_a_drug_started_elsewhere_is_still_surveillance() -> None:
    text = "He has taken dutasteride 500 micrograms daily for years. "
    asked = "Please repeat the PSA at 6 months while on dutasteride and tell us if it is over 3."
    assert rule(text + asked, asked, "monitoring") == "call_and_recall"


def test_let_us_know_if_before_the_value_is_a_threshold_alert_not_a_result_sent_back() -> None:
    text = "We have started dutasteride 500 micrograms daily. "
    asked = (
        "Please check a PSA in 6 months on the dutasteride and let us know if the adjusted value is above 4."
    )
    assert rule(text + asked, asked, "monitoring", medication_changes=_started("dutasteride")) is None
    sent = "Please check a PSA in 6 months on the dutasteride and let us know the value."
    assert (
        rule(text + sent, sent, "monitoring", medication_changes=_started("dutasteride")) == "call_and_recall"
    )


# -- Content and care criteria: shapes the new writers used ---------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[DX ] Right lower lobe pneumonia, CURB-65 1", "met"),
        ("PRINCIPAL PROCEDURE: right carpal tunnel decompression", "met"),
        ("Reason for readmission: wound dehiscence", "met"),
        # Near miss: a coded label for something else.
        ("[OBS] BP 132/80, HR 72", "not_met"),
    ],
)
def test_diagnosis_in_coded_and_qualified_labels(line: str, expected: str) -> None:
    text = "Ward 9 discharge\n" + line + "\nHome today.\n"
    assert result("diagnoses", text, letter_type="discharge_summary").status == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Medication reconciliation:\nBisoprolol | 2.5 mg | unchanged", "met"),
        ("[MEDS-DC]\nBisoprolol 2.5 mg OD", "met"),
        ("Bisoprolol was reviewed.", "not_met"),
    ],
)
def test_medication_list_in_reconciliation_and_coded_blocks(line: str, expected: str) -> None:
    text = "Ward 9 discharge\n" + line + "\n"
    assert result("medications_listed", text, letter_type="discharge_summary").status == expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("A fresh appointment has been booked for 03/03/2027.", "met"),
        ("We have not discharged her, given her recent admission.", "met"),
        # Near miss: discharged with no new date.
        ("She has been discharged back to your care.", "not_met"),
    ],
)
def test_new_appointment_said_as_the_subject(tail: str, expected: str) -> None:
    text = "Miss Y did not attend the rheumatology clinic on 02/02/2027. " + tail + "\n"
    assert result("did_not_attend", text, letter_type=CL).status == expected


def _change(drug: str, action: str = "start"):  # type: ignore[no-untyped-def]
    return lambda letter: [
        MedicationChange(drug=drug, action=action, dose_after="x", evidence=ev(letter, drug))  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("line", "drug", "expected"),
    [
        ("Senna 15 mg at night - NEW laxative", "Senna", "met"),
        ("Ibuprofen 400 mg TDS - STOPPED (bleeding risk with apixaban)", "Ibuprofen", "met"),
        ("Lansoprazole 30 mg OD - new (protects the stomach on aspirin)", "Lansoprazole", "met"),
        ("Lansoprazole 30 mg OD - new", "Lansoprazole", "not_met"),
    ],
)
def test_reason_as_a_role_a_risk_or_what_the_drug_does(line: str, drug: str, expected: str) -> None:
    text = "Medications on discharge\n" + line + "\n"
    r = result(
        "medication_changes_complete", text, letter_type="discharge_summary", medication_changes=_change(drug)
    )
    assert r.status == expected


@pytest.mark.parametrize(
    ("text", "drug", "action", "expected"),
    [
        # Pain relief, laxatives and anti-sickness drugs started carry their purpose in their class.
        ("TTO\nCo-codamol 30/500 two tablets QDS PRN - new\n", "co-codamol", "start", "met"),
        ("TTO\nCyclizine 50 mg TDS PRN - new\n", "cyclizine", "start", "met"),
        # An antibiotic started in a letter naming the infection it treats.
        (
            "Diagnosis: left leg cellulitis\nTTO\nClarithromycin 500 mg BD - new\n",
            "clarithromycin",
            "start",
            "met",
        ),
        # Near misses: a stop still needs its reason; an antibiotic with no infection named does too.
        ("TTO\nCo-codamol 30/500 - stopped\n", "co-codamol", "stop", "not_met"),
        (
            "Diagnosis: heart failure\nTTO\nClarithromycin 500 mg BD - new\n",
            "clarithromycin",
            "start",
            "not_met",
        ),
    ],
)
def test_self_evident_indication(text: str, drug: str, action: str, expected: str) -> None:
    def changes(letter):  # type: ignore[no-untyped-def]
        at = letter.text.lower().find(drug)
        from letter_audit.extract.evidence import evidence

        return [
            MedicationChange(
                drug=drug,
                action=action,
                dose_after="x" if action == "start" else None,
                evidence=evidence(letter, at, at + len(drug)),
            )  # type: ignore[arg-type]
        ]

    r = result(
        "medication_changes_complete", text, letter_type="discharge_summary", medication_changes=changes
    )
    assert r.status == expected


@pytest.mark.parametrize(
    ("text", "drug", "expected"),
    [
        # The condition the letter names explains the class started for it.
        (
            "Diagnosis: NSTEMI, drug-eluting stent to the LAD\nTTO\nPrasugrel 10 mg OD - new\n",
            "prasugrel",
            "met",
        ),
        ("Diagnosis: paroxysmal atrial fibrillation\nTTO\nEdoxaban 60 mg OD - new\n", "edoxaban", "met"),
        (
            "Procedure: right total knee replacement\nTTO\nTinzaparin 4500 units OD - new\n",
            "tinzaparin",
            "met",
        ),
        # Near miss: the same drug with no condition that calls for it.
        ("Diagnosis: gout flare\nTTO\nPrasugrel 10 mg OD - new\n", "prasugrel", "not_met"),
    ],
)
def test_condition_named_in_the_letter_is_the_reason(text: str, drug: str, expected: str) -> None:
    def changes(letter):  # type: ignore[no-untyped-def]
        from letter_audit.extract.evidence import evidence

        at = letter.text.lower().find(drug)
        return [
            MedicationChange(
                drug=drug, action="start", dose_after="x", evidence=evidence(letter, at, at + len(drug))
            )
        ]

    r = result(
        "medication_changes_complete", text, letter_type="discharge_summary", medication_changes=changes
    )
    assert r.status == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Other medicines", "met"),
        ("Medications started this admission (all new):", "met"),
        ("Antithrombotic plan", "met"),
        ("Other information", "not_met"),
    ],
)
def test_medication_list_headed_by_what_the_medicines_are(heading: str, expected: str) -> None:
    text = "Ward 9 discharge\n" + heading + "\nBisoprolol 2.5 mg OD\n"
    assert result("medications_listed", text, letter_type="discharge_summary").status == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The practice already certifies this absence: the next note is its own.
        (
            "He has been off since March on a sick note issued by his GP. When that note runs out,"
            " please could his new fit note allow a phased return.",
            None,
        ),
        # Near miss: nothing says the current note is the practice's, so the hospital should issue it.
        ("He is off work after the operation. Please could you give him a fit note for 6 weeks.", "fit_note"),
    ],
)
def test_next_note_when_the_current_one_is_the_practice_own(text: str, expected: str | None) -> None:
    asked = text.split(". ")[1].rstrip(".")
    assert rule(text, asked, "fit_note") == expected


def test_new_referral_with_its_pathway_named_after_a_missed_appointment() -> None:
    text = (
        "Mrs Z did not attend her colposcopy appointment and has been discharged."
        " A fresh gynae referral is needed."
    )
    assert rule(text, "A fresh gynae referral is needed.", "referral") == "dna_rereferral"
