"""Round-6 request rules, written for two new authors' letters but tested in other writers' words.

Each family has its near miss: a conditional "tell the team" with no test asked is a safety net (one
where the practice runs the test is surveillance); a result rung through only past a threshold is an
alert; cancelling a referral or supporting a carer is no onward referral; a fit note extension is fair
only when the team writing issued the note; a green or no-shared-care drug is ordinary prescribing; an
Advice and Guidance reply in other layouts; a referral offered for the practice to weigh; acting on the
hospital's own histology; tick boxes answered No; cautions about drugs to avoid.
"""

from __future__ import annotations

import pytest

from letter_audit.report import FitNote, GpAction, MedicationChange

from .build import ev, report, result

CL = "clinic_letter"


def flags(
    text: str,
    request: str,
    category: str,
    conditional: bool = False,
    note: str | None = None,
    note_status: str = "issued",
) -> tuple[bool, str | None]:
    """The flag and rule for ``request`` in a letter; ``note`` is the fit-note evidence, if any."""

    def make(letter):  # type: ignore[no-untyped-def]
        found = ev(letter, request)
        return [GpAction(text=request, evidence=found, category=category, conditional=conditional)]

    def fit(letter):  # type: ignore[no-untyped-def]
        if note is None:
            return FitNote()
        return FitNote(status=note_status, evidence=ev(letter, note))

    rep = report(text + "\n", letter_type=CL, gp_actions=make, fit_note=fit)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


PLATELETS = (
    "Should his platelet count drop below 100 on any blood test you do, please inform the haematology nurses."
)
PLATELETS_CHECKED = "Please check his platelets monthly and let us know if they drop below 100."
SODIUM_RING = (
    "Please repeat her sodium a week after the carbamazepine increase and phone the result to the epilepsy"
    " nurses if it is under 130."
)
SODIUM_ALWAYS = "Please repeat her sodium in a week and phone the result to the epilepsy nurses."


@pytest.mark.parametrize(
    ("asked", "category", "conditional", "expected"),
    [
        (PLATELETS, "results", True, (False, None)),
        (  # near miss: the practice runs the check for the hospital and reports back
            PLATELETS_CHECKED,
            "monitoring",
            False,
            (True, "call_and_recall"),
        ),
        (SODIUM_RING, "monitoring", False, (False, None)),
        (SODIUM_ALWAYS, "monitoring", False, (True, "call_and_recall")),  # near miss: always sent back
        (  # chasing a result is results work, whatever the condition
            "Please chase the wound swab result and tell us if it grows MRSA.",
            "results",
            True,
            (True, "call_and_recall"),
        ),
    ],
)
def test_notify_only_is_a_safety_net(
    asked: str, category: str, conditional: bool, expected: tuple[bool, str | None]
) -> None:
    assert flags("Seen in clinic today.\n" + asked, asked, category, conditional) == expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Please withdraw the physiotherapy referral as the pain has resolved.", (False, None)),
        ("The dietetic referral is no longer needed; could the practice cancel it.", (False, None)),
        ("Please make a physiotherapy referral for her shoulder.", (True, "onward_referral")),  # near miss
        (
            "Her husband is struggling; please could you refer him to the carers' support service.",
            (False, None),
        ),
        ("Could you put her in touch with the local carers centre.", (False, None)),
        ("Please refer her to the falls service.", (True, "onward_referral")),  # near miss: her own need
        ("You might want to consider a referral to the pain clinic.", (False, None)),
        ("Please refer her to the pain clinic.", (True, "onward_referral")),  # near miss: handed over
    ],
)
def test_referrals_that_hand_over_nothing(asked: str, expected: tuple[bool, str | None]) -> None:
    assert flags("Seen in clinic today.\n" + asked, asked, "referral") == expected


def test_advice_and_guidance_reply_in_another_layout() -> None:
    asked = "If the ultrasound shows gallstones please refer to the upper GI surgeons."
    reply = "Advice & Guidance: consultant answer\nThank you for your question about her pain.\n" + asked
    assert flags(reply, asked, "referral", conditional=True) == (False, None)
    converted = "Thank you for your question. I have not converted this to a referral.\n" + asked
    assert flags(converted, asked, "referral", conditional=True) == (False, None)
    # Near miss: the same conditional referral after a clinic visit is an onward referral.
    assert flags("Seen in clinic today.\n" + asked, asked, "referral", conditional=True) == (
        True,
        "onward_referral",
    )


OWN_NOTE = "Fit note given on the ward for 3 weeks (warehouse worker)."
RENEW = "Should she still be unfit after that, please renew her fit note."


def test_conditional_extension_of_the_teams_own_note_is_fair() -> None:
    text = OWN_NOTE + "\n" + RENEW
    assert flags(text, RENEW, "fit_note", conditional=True, note="Fit note given") == (False, None)


def test_extension_near_misses() -> None:
    # The note came from an earlier attendance elsewhere: the team now seeing her covers the recovery.
    earlier = "He was given a fit note at his A&E attendance last week.\n" + RENEW
    assert flags(earlier, RENEW, "fit_note", True, note="was given a fit note") == (True, "fit_note")
    # No note issued by the hospital at all.
    assert flags("Seen in clinic today.\n" + RENEW, RENEW, "fit_note", True) == (True, "fit_note")
    # Unconditional: a further period the hospital already knows is needed.
    more = "Please provide a fit note for a further 4 weeks."
    assert flags(OWN_NOTE + "\n" + more, more, "fit_note", note="Fit note given") == (True, "fit_note")


def test_tick_box_answered_no_is_a_fit_note_request() -> None:
    line = "Fit note issued: [ ] Yes [x] No - practice to provide (4 weeks)"
    assert flags("Day case unit\n" + line, line, "fit_note") == (True, "fit_note")
    issued = "Fit note issued: [x] Yes (2 weeks) [ ] GP to issue"
    assert flags("Day case unit\n" + issued, issued, "fit_note") == (False, None)


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        (
            "Please add sulfasalazine 1 g twice daily to his repeat. It is on the green list locally.",
            "Please add sulfasalazine 1 g twice daily to his repeat.",
            (False, None),
        ),
        (
            "No shared care agreement is required for hydroxychloroquine in our area.\n"
            "Please continue hydroxychloroquine 200 mg daily on repeat.",
            "Please continue hydroxychloroquine 200 mg daily on repeat.",
            (False, None),
        ),
        (  # near miss: the same drug with nothing said
            "Please add sulfasalazine 1 g twice daily to his repeat.",
            "Please add sulfasalazine 1 g twice daily to his repeat.",
            (True, "shared_care"),
        ),
        (  # a caution is not taking a drug on
            "Please do not start lithium while she is trying to conceive.",
            "Please do not start lithium while she is trying to conceive.",
            (False, None),
        ),
        (
            "Please avoid azathioprine and allopurinol together.",
            "Please avoid azathioprine and allopurinol together.",
            (False, None),
        ),
        (  # near miss: starting it is
            "Please start lithium 400 mg at night.",
            "Please start lithium 400 mg at night.",
            (True, "shared_care"),
        ),
    ],
)
def test_prescribing_the_letter_says_needs_no_agreement(
    text: str, asked: str, expected: tuple[bool, str | None]
) -> None:
    assert flags("Seen in clinic today.\n" + text, asked, "prescribing") == expected


@pytest.mark.parametrize(
    ("asked", "category", "expected"),
    [
        ("Please action the histology result when it reaches you.", "other", (True, "call_and_recall")),
        (  # near miss: the practice's own explained blood check
            "Please check his potassium in 1 week and action the result as he has started spironolactone.",
            "monitoring",
            (False, None),
        ),
        ("Kindly organise a repeat arterial duplex in 6 months.", "monitoring", (True, "call_and_recall")),
    ],
)
def test_results_and_scans_the_hospital_owns(
    asked: str, category: str, expected: tuple[bool, str | None]
) -> None:
    assert flags("Seen in clinic today.\n" + asked, asked, category) == expected


def test_plural_fit_notes_and_further_notes() -> None:
    refused = "We cannot issue fit notes from the infusion suite; could you provide one for 3 weeks."
    assert flags("Day unit\n" + refused, refused, "fit_note") == (True, "fit_note")
    own = "Sick note issued by the crisis team doctor up to 30/11."
    more = "Further sick notes, if needed after that date, are for the GP to consider."
    assert flags(own + "\n" + more, more, "fit_note", True, note="Sick note issued") == (False, None)


def test_rereferral_on_a_threshold_in_surveillance_handed_over() -> None:
    handed = "Please take over her CA125 surveillance every 6 months, and re-refer her if it rises above 35."
    assert flags("She is discharged from clinic.\n" + handed, handed, "monitoring", True) == (False, None)
    # Near miss: a re-referral for the hospital's own surveillance test.
    recall = "Please re-refer her for a surveillance colonoscopy in 3 years."
    assert flags("Seen in clinic today.\n" + recall, recall, "referral") == (True, "call_and_recall")


# -- Content: template shapes -------------------------------------------------------------------


def _body(header: str) -> str:
    lines = ["Plan: continue as now."] * 12
    return header + "\n" + "\n".join(lines) + "\nContact: clinic line 01632 960 000"


@pytest.mark.parametrize(
    "header",
    [
        "Minor Injuries Unit\nSeen by: Dr L Moreau (ST3 emergency medicine)",
        "Eye day unit\nDischarging nurse: P Okafor, RGN, 02/12/2026",
        "Urgent treatment centre\nClinician | ENP T Walsh",
        "Movement disorders clinic\nReviewed by: Sam Reid, Parkinson's nurse prescriber",
    ],
)
def test_labelled_clinician_line_in_the_header_gives_the_role(header: str) -> None:
    found = result("author_role", _body(header), letter_type=CL)
    assert found.status == "met"
    assert found.evidence[0].text in header


def test_labelled_line_without_a_role_is_not_enough() -> None:
    # Near miss: a name with no role, and a role word that is only a referral target.
    text = _body("Minor Injuries Unit\nSeen by: L Moreau") + "\nWe have asked the practice nurse to dress it."
    assert result("author_role", text, letter_type=CL).status == "not_met"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Giant cell arteritis, diagnosed March 2025, in remission.", "met"),
        ("Type 1 diabetes diagnosed 2009; on a pump.", "met"),
        ("Injury: undisplaced fracture of the left radial head", "met"),
        ("Nature of injury | laceration to the right palm", "met"),
        ("He has not yet been diagnosed and awaits tests.", "not_met"),  # near miss: no date, no condition
    ],
)
def test_diagnosis_template_shapes(line: str, status: str) -> None:
    assert result("diagnoses", "Fracture clinic\n" + line + "\nThank you.", letter_type=CL).status == status


@pytest.mark.parametrize(
    ("asked", "category", "conditional", "expected"),
    [
        (
            "Please check her TFTs in 6 weeks and send me a copy.",
            "monitoring",
            False,
            (True, "call_and_recall"),
        ),
        (
            "Please retest his HbA1c in 3 months and write to me with the value.",
            "monitoring",
            False,
            (True, "call_and_recall"),
        ),
        (  # near miss: the same check kept by the practice
            "Please check her TFTs in 6 weeks as the carbimazole dose was reduced.",
            "monitoring",
            False,
            (False, None),
        ),
        (
            "If her potassium rises above 6 on your routine bloods, please give us a ring.",
            "results",
            True,
            (False, None),
        ),
        (
            "Please refer to the practice diabetes nurse for structured education.",
            "referral",
            False,
            (False, None),
        ),
        ("We have referred her to physiotherapy.", "referral", False, (False, None)),
        ("Please refer her to the community diabetes team.", "referral", False, (True, "onward_referral")),
    ],
)
def test_more_wordings(
    asked: str, category: str, conditional: bool, expected: tuple[bool, str | None]
) -> None:
    assert flags("Seen in clinic today.\n" + asked, asked, category, conditional) == expected


def test_referral_waiting_on_the_patients_own_choice() -> None:
    asked = "Please refer him to the vasectomy service should he decide he wants one."
    assert flags("Seen in clinic today.\n" + asked, asked, "referral", True) == (False, None)
    # Near miss: a referral waiting on a clinical course the hospital foresees.
    persists = "Please refer him to physiotherapy if the pain persists beyond 6 weeks."
    assert flags("Seen in clinic today.\n" + persists, persists, "referral", True) == (
        True,
        "onward_referral",
    )


def test_shared_care_protocol_enclosed_to_sign() -> None:
    now = "Please prescribe lithium 400 mg at night; I enclose our shared care protocol for you to sign."
    assert flags("Seen in clinic today.\n" + now, now, "prescribing") == (True, "shared_care")
    # Near miss: the take-over waits for the practice to accept, which is the shared-care process itself.
    later = "Once you have agreed to it, please take over prescribing of the lithium."
    text = "I enclose our shared care protocol for you to sign and return.\n" + later
    assert flags(text, later, "prescribing", True) == (False, None)


NO_SCA = (
    "Melatonin MR 2 mg at night started. There is no shared care agreement for melatonin in this area.\n"
    "Seen with his mother today; sleep diary reviewed.\n"
)


def _with_change(
    text: str, request: str, category: str, conditional: bool = False
) -> tuple[bool, str | None]:
    def make(letter):  # type: ignore[no-untyped-def]
        return [
            GpAction(text=request, evidence=ev(letter, request), category=category, conditional=conditional)
        ]

    def changes(letter):  # type: ignore[no-untyped-def]
        return [MedicationChange(drug="melatonin", action="start", evidence=ev(letter, "Melatonin MR 2 mg"))]

    rep = report(text + "\n", letter_type=CL, gp_actions=make, medication_changes=changes)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


def test_drug_the_letter_says_has_no_agreement_far_from_the_request() -> None:
    take = "Please continue to prescribe the melatonin from next month."
    assert _with_change(NO_SCA + take, take, "prescribing") == (True, "shared_care")
    watch = "Please check his weight and sleep on melatonin every 6 months."
    assert _with_change(NO_SCA + watch, watch, "monitoring") == (True, "shared_care")
    # Near misses: stopping it on a condition, and a drug the letter did not say lacks an agreement.
    stop = "Stop the melatonin if he has nightmares."
    assert _with_change(NO_SCA + stop, stop, "prescribing", True) == (False, None)
    other = "Please continue to prescribe the movicol."
    assert _with_change(NO_SCA + other, other, "prescribing") == (False, None)
