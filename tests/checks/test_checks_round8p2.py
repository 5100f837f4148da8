"""Round-8 phase-2 request rules, from the families unseen writers used, each worded unlike their letters
and each with its near miss.

Families: an agreement named for one drug does not cover another; "it" points to its own sentence when
a clause opens it; polite openers in any order start a request of their own; "refer you back" in a
letter to the patient; an Advice and Guidance outcome in other words; a result still pending handed
over; a test done and sent on, or measured then "let us know"; a test wanted "so that we can decide";
"when convenient" is not a condition; the hospital saying what it does not issue; a problem the patient
raised in passing; prescribing until an agreement is processed; memory and suspected-cancer exemptions.
"""

from __future__ import annotations

import pytest

from letter_audit.report import GpAction, MedicationChange

from .build import ev, report, result

CL = "clinic_letter"


def flag_all(text: str, requests: list[tuple[str, str]], conditional: bool = False) -> list[str | None]:
    """The rule for each of ``requests`` (text, category) in a clinic letter, in order."""

    def make(letter):  # type: ignore[no-untyped-def]
        return [
            GpAction(text=t, evidence=ev(letter, t), category=c, conditional=conditional)  # type: ignore[arg-type]
            for t, c in requests
        ]

    rep = report(text + "\n", letter_type=CL, gp_actions=make)
    return [a.rule for a in rep.gp_actions]


def rule(text: str, request: str, category: str, conditional: bool = False) -> str | None:
    return flag_all(text, [(request, category)], conditional)[0]


def test_agreement_for_one_drug_does_not_cover_another() -> None:
    text = (
        "Please carry on her sodium valproate and lithium blood tests under the shared care agreement"
        " we hold with your practice for lithium. Could you also take on prescribing of methylphenidate"
        " XL 36 mg,"
        " which the ADHD service began last month."
    )
    first = "carry on her sodium valproate and lithium blood tests under the shared care agreement"
    second = "take on prescribing of methylphenidate XL 36 mg"
    assert flag_all(text, [(first, "monitoring"), (second, "prescribing")]) == [None, "shared_care"]


def test_agreement_naming_the_same_drug_still_covers_it() -> None:
    text = (
        "The shared care protocol for azathioprine is in place with your surgery.\n"
        "Please continue to prescribe azathioprine 100 mg daily."
    )
    assert rule(text, "Please continue to prescribe azathioprine 100 mg daily.", "prescribing") is None


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        # "it" is the drug its own sentence opens with, not the listed drug of the sentence before.
        (
            "Please take over the melatonin from today. The omeprazole 20 mg that your practice began in"
            " June protects his stomach well, so kindly carry on prescribing it.",
            "The omeprazole 20 mg that your practice began in June protects his stomach well, so kindly"
            " carry on prescribing it",
            None,
        ),
        # Near miss: nothing opens the sentence, so "it" is still the drug named before.
        (
            "We have started leflunomide 10 mg daily. Please prescribe it from next month.",
            "Please prescribe it from next month.",
            "shared_care",
        ),
    ],
)
def test_it_points_to_its_own_sentence(text: str, asked: str, expected: str | None) -> None:
    assert rule(text, asked, "prescribing") == expected


@pytest.mark.parametrize(
    "second",
    [
        "also repeat the ferritin in 3 months and send the result to our nurses",
        "could you kindly arrange a calprotectin in 8 weeks and forward the result to the IBD team",
        "and please book her fasting lipids in 12 weeks and copy us in on the result",
    ],
)
def test_a_second_request_with_polite_openers_is_its_own(second: str) -> None:
    first = "I'd be grateful if you could keep up the lansoprazole"
    text = f"{first}, {second}."
    assert flag_all(text, [(first, "prescribing"), (second, "monitoring")]) == [None, "call_and_recall"]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Should the pain come back after the injection wears off, your GP can refer you back to us.", None),
        ("If the swelling returns, ask your GP to refer you again.", None),
        # Near miss: no condition, a known need handed back.
        ("Your GP will need to refer you back to us for the operation on the other hand.", "onward_referral"),
    ],
)
def test_refer_you_back_in_letters_to_the_patient(asked: str, expected: str | None) -> None:
    conditional = asked.startswith(("If", "Should"))
    assert rule("Dear Mr Tay,\n" + asked, asked, "referral", conditional) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("Referral declined at present - advice given as above.", None),
        ("This referral has not been accepted; advice is below.", None),
        # Near miss: a clinic letter with no A&G outcome keeps the onward-referral rule.
        ("Seen in clinic with her daughter.", "onward_referral"),
    ],
)
def test_advice_and_guidance_outcome_in_other_words(outcome: str, expected: str | None) -> None:
    asked = "If the echo shows an EF under 40%, please refer her to the heart failure clinic."
    assert rule(outcome + "\n" + asked, asked, "referral", conditional=True) == expected


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        ("Wound swab from the ward is still awaited - GP to chase.", "review", "call_and_recall"),
        ("Blood cultures pending when he left; please follow up.", "other", "call_and_recall"),
        ("Please chase the outstanding histology.", "other", "call_and_recall"),
        # Near miss: a drug continued pending the team's own review hands no result over.
        ("Please continue ramipril pending review in our clinic.", "prescribing", None),
    ],
)
def test_pending_result_handed_over(asked: str, category: str, expected: str | None) -> None:
    assert rule("Discharged today.\n" + asked, asked, category) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Clotting screen and ECG to be taken at the practice and faxed to the day surgery unit.",
            "call_and_recall",
        ),
        (
            "Please weigh him in 4 weeks, record it in his red book and let the clinic know.",
            "call_and_recall",
        ),
        (
            "Could the practice nurse do an ECG in 10 days and e-mail it to the falls service, so that we can"
            " decide on the dose?",
            "call_and_recall",
        ),
        # Near misses: a sample sent to the laboratory; an alert only past a threshold.
        ("U&E to be taken at the surgery in 1 week as ramipril increased and sent to the lab.", None),
        ("Please weigh him in 4 weeks and let us know if he has lost more than 2 kg.", None),
    ],
)
def test_tests_sent_on_or_reported_back(asked: str, expected: str | None) -> None:
    assert rule("Reviewed today.\n" + asked, asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("asked", "conditional", "expected"),
    [
        ("Please refer him for the right knee replacement when you are able.", False, "onward_referral"),
        ("Please re-refer her for the second hip when convenient.", False, "onward_referral"),
        # Near miss: a real condition stays a safety net.
        ("Please re-refer her when the pain stops her sleeping.", True, None),
    ],
)
def test_when_convenient_is_timing_not_a_condition(
    asked: str, conditional: bool, expected: str | None
) -> None:
    assert rule("Clinic outcome.\n" + asked, asked, "referral", conditional) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Our unit does not issue sick notes, so please could the GP supply one for 4 weeks.", "fit_note"),
        ("We don't issue fit notes from this clinic - GP please provide one.", "fit_note"),
        # Near miss: the practice told not to issue a drug is a caution, not a request.
        ("Please do not issue further codeine.", None),
    ],
)
def test_hospital_saying_what_it_does_not_issue(asked: str, expected: str | None) -> None:
    assert rule("Off work after surgery.\n" + asked, asked, "other") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She also raised troublesome bunions; please refer her to podiatry.", None),
        ("Incidentally, he has hearing loss, so please refer him to audiology.", None),
        # Near miss: a related need the patient asked about stays onward work.
        ("She asked about her breathlessness, so please refer her to pulmonary rehab.", "onward_referral"),
    ],
)
def test_need_raised_in_passing(sentence: str, expected: str | None) -> None:
    asked = sentence.split("; ")[-1].split(", so ")[-1]
    assert rule("Seen for COPD.\n" + sentence, asked, "referral") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please issue the mycophenolate until the shared care agreement is signed off.", "shared_care"),
        (
            "Please prescribe the hydroxychloroquine pending the shared-care protocol going through.",
            "shared_care",
        ),
        # Near miss: taking it on once the agreement is in place is the process itself.
        ("Once the shared care agreement is signed, please take over the mycophenolate.", None),
    ],
)
def test_prescribing_until_the_agreement_is_processed(asked: str, expected: str | None) -> None:
    assert rule("Rheumatology review.\n" + asked, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "conditional", "expected"),
    [
        # Timed only: the need is known now.
        (
            "Please refer him to the memory service when the delirium has cleared, around 8 weeks.",
            False,
            "onward_referral",
        ),
        # Conditional on what the practice finds: its own referral.
        ("Please refer to the memory clinic if his confusion has not lifted by 3 months.", True, None),
        ("Should the repeat PSA exceed 10, please refer on the suspected cancer pathway.", True, None),
        ("Refer under the two week wait route if the ulcer has not healed in 6 weeks.", True, None),
        # Near miss: an unconditional suspected-cancer referral for what the hospital found.
        (
            "Please refer her urgently on the suspected upper GI cancer pathway for an OGD.",
            False,
            "onward_referral",
        ),
    ],
)
def test_memory_and_suspected_cancer_referrals(asked: str, conditional: bool, expected: str | None) -> None:
    assert rule("Reviewed in clinic.\n" + asked, asked, "referral", conditional) == expected


def test_grateful_if_you_is_no_condition_for_the_cancer_exemption() -> None:
    asked = "I'd be grateful if you would refer her on the suspected skin cancer pathway for the lesion."
    assert rule("Seen in clinic.\n" + asked, asked, "referral") == "onward_referral"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please add hydroxychloroquine 200 mg to his repeat; no routine monitoring is needed.", None),
        # Near miss: a listed drug with monitoring asked for and no agreement named.
        ("Please add hydroxychloroquine 200 mg to his repeat and check his FBC monthly.", "shared_care"),
    ],
)
def test_drug_the_letter_says_needs_no_monitoring(asked: str, expected: str | None) -> None:
    text = "The shared care agreement for methotrexate is in place.\n" + asked
    assert rule(text, asked, "prescribing") == expected


def _change(drug: str, action: str, line: str):  # type: ignore[no-untyped-def]
    def make(letter):  # type: ignore[no-untyped-def]
        return [MedicationChange(drug=drug, action=action, dose_after="5 mg", evidence=ev(letter, line))]  # type: ignore[arg-type]

    return make


@pytest.mark.parametrize(
    ("text", "line", "drug", "action", "status"),
    [
        # The reason in brackets or after a colon, after the status.
        (
            "Ramipril 5 mg - withheld (postural drop)",
            "Ramipril 5 mg - withheld",
            "ramipril",
            "withhold",
            "met",
        ),
        ("Diltiazem 60 mg stopped: constipation", "Diltiazem 60 mg stopped", "diltiazem", "stop", "met"),
        (
            "Nifedipine MR 30 mg started in its place.",
            "Nifedipine MR 30 mg started",
            "nifedipine",
            "start",
            "met",
        ),
        # The change in a table, its reason in the narrative sentence that names the drug.
        (
            "We began edoxaban because of the new flutter.\nEdoxaban | 60 mg OD | NEW",
            "Edoxaban | 60 mg OD | NEW",
            "edoxaban",
            "start",
            "met",
        ),
        # Near misses: a course length or a status word in brackets; a narrative that gives no reason.
        (
            "Prednisolone 5 mg started (5 days)",
            "Prednisolone 5 mg started",
            "prednisolone",
            "start",
            "not_met",
        ),
        (
            "Edoxaban was discussed with her daughter.\nEdoxaban | 60 mg OD | NEW",
            "Edoxaban | 60 mg OD | NEW",
            "edoxaban",
            "start",
            "not_met",
        ),
    ],
)
def test_reason_given_beside_the_status_or_elsewhere(
    text: str, line: str, drug: str, action: str, status: str
) -> None:
    found = result("medication_changes_complete", text + "\n", medication_changes=_change(drug, action, line))
    assert found.status == status
