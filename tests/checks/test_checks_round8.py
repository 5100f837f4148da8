"""Round-8 request rules, written from probe wordings no dev letter uses, each with its near miss.

Families: a patient sent, got or directed to a named service is a referral in other words (not an
emergency route, not the practice's own staff); a test the practice is to "ensure" or "make sure of",
or that is "to be arranged by the GP", is the hospital's recall; a value or outcome sent back is a
result sent back; time off work plus a request for paperwork is a fit note asked for without the words;
testosterone, melatonin, modafinil and midodrine are on the shared-care list.
"""

from __future__ import annotations

import pytest

from letter_audit.report import GpAction

from .build import ev, report

CL = "clinic_letter"


def flags(text: str, request: str, category: str, conditional: bool = False) -> tuple[bool, str | None]:
    """The flag and rule for ``request`` in a clinic letter."""

    def make(letter):  # type: ignore[no-untyped-def]
        return [
            GpAction(text=request, evidence=ev(letter, request), category=category, conditional=conditional)
        ]

    rep = report(text + "\n", letter_type=CL, gp_actions=make)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


def alone(request: str, category: str, conditional: bool = False) -> tuple[bool, str | None]:
    return flags("Reviewed in clinic today.\n" + request, request, category, conditional)


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        ("Could you send him along to the falls prevention team.", "other", (True, "onward_referral")),
        (
            "Please would you get her assessed by the community dietitians.",
            "review",
            (True, "onward_referral"),
        ),
        ("Please organise for him to be seen by a hand therapist.", "review", (True, "onward_referral")),
        ("Kindly redirect him to the memory assessment service.", "other", (True, "onward_referral")),
        # Near misses: an emergency route, the team itself, the practice's own nurse.
        ("Please send him to A&E if the chest pain returns.", "other", (False, None)),
        (
            "Get her seen by us urgently via the rapid access line should the swelling recur.",
            "other",
            (False, None),
        ),
        ("Please send him to the practice nurse for his dressing.", "other", (False, None)),
        (
            "Please direct her to the community pharmacy for her inhaler technique check.",
            "other",
            (False, None),
        ),
    ],
)
def test_referral_in_other_verbs(asked: str, category: str, expected: tuple[bool, str | None]) -> None:
    conditional = " if " in asked or " should " in asked
    assert alone(asked, category, conditional) == expected


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        (
            "Please make sure she gets a repeat MRI of the pituitary next spring.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        ("Do ensure an abdominal ultrasound is done in 6 months.", "monitoring", (True, "call_and_recall")),
        (
            "Lung function tests should be requested by the practice in 3 months.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        ("A DEXA needs to be arranged via primary care.", "other", (True, "call_and_recall")),
        (
            "Please measure her HbA1c quarterly and email me the values.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        (
            "Repeat the faecal calprotectin and send us the outcome please.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        # Near misses: the hospital arranges it, or the practice checks a drug the letter started.
        ("Please ensure he takes the atorvastatin every night.", "prescribing", (False, None)),
        ("The MRI will be requested by our team and the result sent to you.", "other", (False, None)),
        ("Please check U&E in 10 days as we started spironolactone.", "monitoring", (False, None)),
    ],
)
def test_tests_handed_back_in_other_words(
    asked: str, category: str, expected: tuple[bool, str | None]
) -> None:
    assert alone(asked, category) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "He must stay away from work for a month; please would you provide the paperwork.",
            (True, "fit_note"),
        ),
        (
            "She is not fit to return to her duties for 3 weeks - GP to supply the certification.",
            (True, "fit_note"),
        ),
        ("Six weeks off needed, so could you issue a note covering this.", (True, "fit_note")),
        # Near misses: off work with nothing asked for, and time off a drug, not off work.
        ("He is off work at the moment; please review his pain relief in 2 weeks.", (False, None)),
        ("Two weeks off the naproxen, then please provide a new prescription.", (False, None)),
    ],
)
def test_fit_note_asked_without_the_words(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "other") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please continue Tostran 2% gel 3 g daily on repeat.", (True, "shared_care")),
        ("We would ask you to prescribe Slenyto 1 mg at bedtime.", (True, "shared_care")),
        ("Please take on the modafinil 100 mg each morning.", (True, "shared_care")),
        ("Could you prescribe midodrine 2.5 mg three times a day.", (True, "shared_care")),
        # Near misses: a caution to keep away from the drug, or the agreement is in place.
        ("Please avoid testosterone while his haematocrit is above the range.", (False, None)),
        (
            "Please continue the melatonin under the shared care agreement your practice signed in May.",
            (False, None),
        ),
    ],
)
def test_added_shared_care_drugs(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please add an antiemetic to take alongside the capecitabine cycles.", (False, None)),
        ("Folic acid 5 mg on the days following her weekly dose of methotrexate, please.", (False, None)),
        # Near miss: the listed drug itself is what is asked for, the companion beside it.
        ("Please prescribe methotrexate 10 mg weekly with folic acid the next day.", (True, "shared_care")),
    ],
)
def test_drug_named_only_as_a_companion(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (
            "Could the surgery do a 12-lead ECG a fortnight after the dose rise, since QTc can lengthen.",
            (False, None),
        ),
        (
            "Please arrange a heart tracing within 2 weeks of starting donepezil, to check his pulse rate.",
            (False, None),
        ),
        # Near misses: no reason, the tracing sent back, or an ambulatory recording the hospital wants.
        ("Please arrange an ECG.", (True, "call_and_recall")),
        ("Please arrange an ECG after the dose rise and post the tracing to me.", (True, "call_and_recall")),
        (
            "Please book a 48-hour ECG monitor since the palpitations began after the new inhaler.",
            (True, "call_and_recall"),
        ),
        (
            "Please arrange an ECG and an echo as the breathlessness began after the new drug.",
            (True, "call_and_recall"),
        ),
    ],
)
def test_practice_ecg_for_a_drug_change(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "monitoring") == expected


@pytest.mark.parametrize(
    ("line", "asked", "category", "expected"),
    [
        ("Sick note: not given - practice pls", "not given - practice pls", "other", (True, "fit_note")),
        (
            "Fit note wasn't issued on the ward; GP to provide one.",
            "GP to provide one.",
            "other",
            (True, "fit_note"),
        ),
        # Near miss: the note was issued, and the line only says so.
        ("Fit note: issued for 3 weeks", "Fit note: issued for 3 weeks", "fit_note", (False, None)),
    ],
)
def test_labelled_fit_note_line_not_issued(
    line: str, asked: str, category: str, expected: tuple[bool, str | None]
) -> None:
    assert flags("Reviewed in clinic today.\n" + line, asked, category) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("U&E + Mg in 5/7, results to AMU secretaries pls", (True, "call_and_recall")),
        ("LFTs at 2/52 - bloods to the hepatology nurses", (True, "call_and_recall")),
        # Near miss: a check explained by the drug change, with nothing routed back.
        ("U&E at 1/52 as ramipril up-titrated", (False, None)),
    ],
)
def test_terse_results_routing(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "monitoring") == expected


def test_terse_routing_only_past_a_threshold_is_an_alert() -> None:
    asked = (
        "Please recheck sodium in 1 week as carbamazepine was increased,"
        " and ring the result to the epilepsy nurses if under 130"
    )
    assert alone(asked, "monitoring") == (False, None)


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please continue the azathioprine as per the ESCA your practice signed last year.", (False, None)),
        (
            "Under the transfer of prescribing agreement in place, please carry on with the leflunomide.",
            (False, None),
        ),
        # Near misses: the letter says there is none, or takes the drug over without the word "prescribe".
        (
            "Please prescribe sulfasalazine 1 g twice daily; there isn't an ESCA for it locally.",
            (True, "shared_care"),
        ),
        ("Could you take over the mycophenolate from next month.", (True, "shared_care")),
    ],
)
def test_shared_care_in_other_names(asked: str, expected: tuple[bool, str | None]) -> None:
    assert alone(asked, "other") == expected


@pytest.mark.parametrize(
    ("before", "asked", "expected"),
    [
        (
            "We rang him three times for his video clinic without success and he is now discharged.",
            "Please re-refer if he still needs us.",
            (True, "dna_rereferral"),
        ),
        (
            "He has cancelled four appointments in a row, so under our access policy he is discharged.",
            "A fresh referral would be needed to see him again.",
            (True, "dna_rereferral"),
        ),
        # Near misses: a patient who declined treatment and may reconsider; the team's own cancellation.
        (
            "He did not want the injection today.",
            "If he reconsiders, please re-refer him.",
            (False, None),
        ),
        (
            "We had to cancel his appointment twice because of staff sickness and apologise.",
            "Please re-refer him for the second eye.",
            (True, "onward_referral"),
        ),
    ],
)
def test_discharge_after_unreached_calls_or_cancellations(
    before: str, asked: str, expected: tuple[bool, str | None]
) -> None:
    conditional = asked.startswith("If")
    assert flags("Clinic outcome.\n" + before + "\n" + asked, asked, "referral", conditional) == expected
