"""Round-3 rules, written for letters by new authors: each cue, its near-misses, and the settings.

Results phoned through to a hospital unit, tests named before the request ("a coeliac screen, which we
would be grateful if you could arrange"), work-up timed for the next clinic "here", re-referrals for the
hospital's own surveillance or histology, shared-care monitoring that names the drug only earlier in
the sentence, unsent shared-care agreements ("has not yet been completed"), lines telling the practice
it need not act, "fit note: n/a", and wound care as a local setting.
"""

from __future__ import annotations

from typing import Any

import pytest

from letter_audit.report import GpAction
from letter_audit.standard import load_standard

from .build import ev, report

CL = "clinic_letter"


def flags(text: str, request: str, category: str, **findings: Any) -> tuple[bool, str | None]:
    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=request, evidence=ev(letter, request), category=category)]

    rep = report(text + "\n", letter_type=CL, gp_actions=make, **findings)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


CASES = [
    (  # results phoned through to a hospital unit
        "I would be grateful if the practice could take an FBC and U&E on Monday and phone the results"
        " through to the chemotherapy day unit.",
        "take an FBC and U&E on Monday and phone the results through to the chemotherapy day unit",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: the practice is told to act on its own result, nothing goes back
        "Please check her U&E on Monday and phone her if potassium is above 6.",
        "Please check her U&E on Monday and phone her if potassium is above 6.",
        "monitoring",
        (False, None),
    ),
    (  # the test named first, the request after it
        "She also needs a coeliac screen (tTG), which we would be grateful if you could arrange.",
        "She also needs a coeliac screen (tTG), which we would be grateful if you could arrange.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: routine bloods asked for in the same inverted way are fair monitoring
        "Her U&E needs checking in a week, which I would be grateful if you could arrange.",
        "Her U&E needs checking in a week, which I would be grateful if you could arrange.",
        "monitoring",
        (False, None),
    ),
    (  # work-up for the consultant's next clinic "here"
        "Would you mind arranging an HbA1c at the surgery a week before her next appointment here, so"
        " that I have the results to hand when I see her?",
        "Would you mind arranging an HbA1c at the surgery a week before her next appointment here",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: bloods before the practice's own review
        "Please check her HbA1c before her next diabetes review at the surgery.",
        "Please check her HbA1c before her next diabetes review at the surgery.",
        "monitoring",
        (False, None),
    ),
    (  # re-referral for the hospital's own surveillance
        "Please re-refer for a surveillance colonoscopy in 3 years.",
        "Please re-refer for a surveillance colonoscopy in 3 years.",
        "referral",
        (True, "call_and_recall"),
    ),
    (  # re-referral to act on the hospital's own histology
        "If the margins are involved we would need you to refer him back to us.",
        "If the margins are involved we would need you to refer him back to us.",
        "referral",
        (True, "call_and_recall"),
    ),
    (  # near miss: a safety-net re-referral on the practice's own monitoring is fair
        "Re-refer on the suspected cancer pathway if his PSA goes above 6.",
        "Re-refer on the suspected cancer pathway if his PSA goes above 6.",
        "referral",
        (False, None),
    ),
    (  # a referral for a test is the hospital's test to arrange
        "We would be grateful if you could refer her for a sleep study.",
        "We would be grateful if you could refer her for a sleep study.",
        "referral",
        (True, "call_and_recall"),
    ),
    (  # the drug is named earlier in the sentence than the monitoring request
        "Please prescribe ciclosporin 150 mg twice daily and monitor her BP and creatinine fortnightly.",
        "monitor her BP and creatinine fortnightly",
        "monitoring",
        (True, "shared_care"),
    ),
    (  # near miss: ordinary drug in the sentence
        "Please prescribe amlodipine 5 mg daily and monitor her BP fortnightly.",
        "monitor her BP fortnightly",
        "monitoring",
        (False, None),
    ),
    (  # near miss: a referral in the same sentence as the drug is not monitoring it
        "We continue methotrexate here; please refer her to the community dietitian.",
        "please refer her to the community dietitian",
        "referral",
        (True, "onward_referral"),
    ),
    (  # the line tells the practice it need not act
        "Our IBD nurses run the azathioprine blood monitoring, so we are not asking the practice to do"
        " those.",
        "Our IBD nurses run the azathioprine blood monitoring, so we are not asking the practice to do"
        " those.",
        "monitoring",
        (False, None),
    ),
    (  # "fit note: n/a" asks for nothing
        "fit note: n/a, retired",
        "fit note: n/a, retired",
        "fit_note",
        (False, None),
    ),
    (  # near miss: a real fit-note request
        "Fit note: GP please provide a sick note for 6 weeks.",
        "GP please provide a sick note for 6 weeks.",
        "fit_note",
        (True, "fit_note"),
    ),
]


CASES += [
    (  # readings sent back to the hospital team
        "I have asked your GP practice to weigh you every week and to send the weights to our team.",
        "I have asked your GP practice to weigh you every week and to send the weights to our team.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # a drug level wanted as the hospital's baseline
        "It would help if her lamotrigine level were checked at the surgery before conception as a baseline.",
        "It would help if her lamotrigine level were checked at the surgery before conception as a baseline.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # screening the hospital's drug needs (shared care for the drug itself is agreed)
        "The shared care agreement is enclosed. Please could you also arrange her baseline retinal screening"
        " for hydroxychloroquine.",
        "Please could you also arrange her baseline retinal screening for hydroxychloroquine.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # "referring back to us" is a re-referral, not an onward referral
        "Please check his PSA every 3 months as set out in the shared care agreement, referring back to us"
        " if it rises twice.",
        "Please check his PSA every 3 months as set out in the shared care agreement, referring back to us"
        " if it rises twice.",
        "monitoring",
        (False, None),
    ),
    (  # stopping a specialist drug is not taking it on
        "Please remove lithium from her repeat prescription and record lithium toxicity as an ADR.",
        "Please remove lithium from her repeat prescription and record lithium toxicity as an ADR.",
        "prescribing",
        (False, None),
    ),
]

CASES += [
    (  # the patient is asked to book with their own practice: not a hospital follow-up passed on
        "Please book an appointment with your practice nurse to have your stitches removed.",
        "Please book an appointment with your practice nurse to have your stitches removed.",
        "other",
        (False, None),
    ),
    (  # near miss: a hospital follow-up the practice is asked to book
        "Please book a follow-up appointment in our clinic in 6 weeks.",
        "Please book a follow-up appointment in our clinic in 6 weeks.",
        "review",
        (True, "call_and_recall"),
    ),
]


def test_drug_named_in_the_sentence_before_a_prescribe_it_request() -> None:
    text = (
        "I have also started azathioprine 50 mg daily. She has two weeks' supply; please could you"
        " prescribe it from then on."
    )
    assert flags(text, "please could you prescribe it from then on", "prescribing") == (True, "shared_care")
    fair = "I have started amlodipine 5 mg daily. Please could you prescribe it from then on."
    assert flags(fair, "Please could you prescribe it from then on.", "prescribing") == (False, None)


@pytest.mark.parametrize(
    "missed",
    [
        "We were not able to gain access at the home visit on 3 May.",
        "He did not answer at his telephone clinic appointment.",
    ],
)
def test_missed_home_visit_or_phone_call_then_re_referral(missed: str) -> None:
    ask = "If you remain concerned, please re-refer."
    assert flags(f"{missed} {ask}", ask, "referral") == (True, "dna_rereferral")


@pytest.mark.parametrize(("text", "asked", "category", "expected"), CASES)
def test_round3_request_rules(
    text: str, asked: str, category: str, expected: tuple[bool, str | None]
) -> None:
    assert flags(text, asked, category) == expected


@pytest.mark.parametrize(
    "wording",
    [
        "A shared care agreement has not yet been completed.",
        "The shared care protocol hasn't been sent yet.",
    ],
)
def test_unsent_shared_care_agreement_is_no_agreement(wording: str) -> None:
    text = f"GP to take over prescribing of Priadel from discharge. {wording}"
    assert flags(text, "GP to take over prescribing of Priadel from discharge.", "prescribing") == (
        True,
        "shared_care",
    )


def test_agreed_shared_care_is_not_flagged() -> None:
    text = "GP to take over prescribing of Priadel. The shared care agreement is enclosed."
    assert flags(text, "GP to take over prescribing of Priadel.", "prescribing") == (False, None)


def test_sentence_ends_at_the_requests_own_full_stop() -> None:
    """A request quoted with its full stop does not take the next sentence's "forward the report"."""
    text = (
        "I suggest you check her sodium in 2 weeks, as carbamazepine can lower sodium. It would help if"
        " you could request an MRI and forward the report to me."
    )
    assert flags(
        text, "I suggest you check her sodium in 2 weeks, as carbamazepine can lower sodium.", "monitoring"
    ) == (
        False,
        None,
    )


WOUND = "I would be grateful if the practice nurse could remove his sutures in 10 to 12 days."


def test_wound_care_is_fair_by_default() -> None:
    assert flags(WOUND, WOUND, "other") == (False, None)


def test_wound_care_flagged_when_the_standard_says_so() -> None:
    standard = load_standard().model_copy(deep=True)
    standard.settings.requests.flag_wound_care = True

    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=WOUND, evidence=ev(letter, WOUND), category="other")]

    rep = report(WOUND + "\n", standard=standard, letter_type=CL, gp_actions=make)
    assert (rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule) == (True, "call_and_recall")


@pytest.mark.parametrize(
    ("text", "asked", "category"),
    [
        (
            "Please start amlodipine 5 mg daily; please avoid diltiazem, which raises tacrolimus levels.",
            "Please start amlodipine 5 mg daily; please avoid diltiazem, which raises tacrolimus levels.",
            "prescribing",
        ),
        (
            "Please carry out his annual health check (BMI, lipids, HbA1c), as clozapine raises the risk of"
            " diabetes.",
            "Please carry out his annual health check (BMI, lipids, HbA1c), as clozapine raises the risk of"
            " diabetes.",
            "monitoring",
        ),
    ],
)
def test_drug_named_only_to_explain_the_request_is_not_shared_care(
    text: str, asked: str, category: str
) -> None:
    assert flags(text, asked, category) == (False, None)


def test_monitoring_because_of_the_specialist_drug_is_still_shared_care() -> None:
    text = "Please check her FBC monthly as she is on methotrexate."
    assert flags(text, text, "monitoring") == (True, "shared_care")


# -- counting: a fit-note request once, and little credit for only asking fair things ----------------
FIT = "Fit note: please provide a fit note for 2 weeks."
REFER = "Please refer to dermatology for the mole."


def _weights(
    text: str, requests: list[tuple[str, str]], standard: Any = None
) -> dict[str, tuple[str, float]]:
    from letter_audit.report import FitNote

    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=t, evidence=ev(letter, t), category=c) for t, c in requests]  # type: ignore[arg-type]

    def note(letter):  # type: ignore[no-untyped-def]
        return FitNote(status="requested_from_gp", evidence=ev(letter, FIT))

    rep = report(
        text + "\n", standard=standard, letter_type="discharge_summary", gp_actions=make, fit_note=note
    )
    return {c.id: (c.status, c.weight) for c in rep.criteria}


def test_fit_note_request_counts_once_under_the_fit_note_criterion() -> None:
    got = _weights(FIT, [(FIT, "fit_note")])
    assert got["fit_note"] == ("not_met", 6)
    assert got["actions_appropriate"] == ("not_met", 0)


def test_fit_note_request_with_another_breach_counts_the_other_once() -> None:
    got = _weights(f"{FIT}\n{REFER}", [(FIT, "fit_note"), (REFER, "referral")])
    assert got["fit_note"] == ("not_met", 6)
    assert got["actions_appropriate"] == ("not_met", 6)


def test_fit_note_request_counts_under_actions_when_the_standard_has_no_fit_note_criterion() -> None:
    standard = load_standard().model_copy(deep=True)
    standard.criteria = [c for c in standard.criteria if c.id != "fit_note"]
    got = _weights(FIT, [(FIT, "fit_note")], standard)
    assert "fit_note" not in got
    assert got["actions_appropriate"] == ("not_met", 6)


def test_only_fair_requests_earn_the_weight_when_met() -> None:
    asked = "Please check U&E in 1 week as ramipril was started."
    got = _weights(f"{FIT}\n{asked}", [(asked, "monitoring")])
    assert got["actions_appropriate"] == ("met", 1)


def test_did_not_attend_accepted_new_appointment_is_met() -> None:
    from .build import result

    text = (
        "Mr O did not attend his clinic appointment on 13/10/2026. My secretary telephoned him; he has"
        " accepted a new appointment for 20/10/2026.\n"
    )
    r = result("did_not_attend", text, letter_type=CL)
    assert r.status == "met"
    assert "accepted a new appointment" in r.evidence[0].text
    refused = "Mr O did not attend. He declined a new appointment and we have discharged him.\n"
    assert result("did_not_attend", refused, letter_type=CL).status == "not_met"


def test_search_narrowed_to_the_patterns_a_text_can_match_finds_the_same_match() -> None:
    """Once gates are built, a list is searched with only the patterns whose literals the text holds;
    the leftmost match must be the one the whole alternation finds."""
    from letter_audit.checks import cues as cue_mod

    patterns = [r"\bzebra\b", r"^\W*allerg(y|ies)\s*:\s*\S", r"\bNKDA\b", r"\bno known allerg"]
    texts = [
        "Plan: home\nAllergies: penicillin\nNKDA was written earlier",
        "nothing here",
        "He has no known allergies. NKDA.",
        "a zebra and NKDA",
    ]
    whole = cue_mod.compiled(tuple(patterns))
    assert whole is not None
    for _ in range(40):  # past the warm-up, so the gates and narrowed scanners are in use
        for text in texts:
            got = cue_mod.search(patterns, text)
            want = whole.search(text)
            assert (got and got.span()) == (want and want.span())


def test_care_criteria_quote_the_whole_line_around_a_findings_fragment() -> None:
    from letter_audit.report import ContactPoint, FitNote, FollowUp

    from .build import result

    text = (
        "Plan: home\nRespiratory nurses: 01234 567890 (9-5)\nFit note: Not required\n"
        "Follow-up: GP to review\n"
    )
    contact = result(
        "contact_point",
        text,
        letter_type=CL,
        contact_point=lambda L: ContactPoint(present=True, evidence=ev(L, "01234 567890")),
    )
    assert contact.evidence[0].text == "Respiratory nurses: 01234 567890 (9-5)"
    fit = result(
        "fit_note",
        text,
        letter_type=CL,
        fit_note=lambda L: FitNote(status="not_needed", evidence=ev(L, "Not required")),
    )
    assert fit.evidence[0].text == "Fit note: Not required"
    follow = result(
        "follow_up_owner",
        text,
        letter_type=CL,
        follow_up=lambda L: FollowUp(owner="gp", evidence=ev(L, "GP to review")),
    )
    assert follow.evidence[0].text == "Follow-up: GP to review"


def test_heading_evidence_takes_the_line_it_heads_unless_that_is_the_next_section() -> None:
    from .build import result

    meds = result(
        "medications_listed",
        "Medicines\nMetformin 1 g BD: omit until eating.\n",
        letter_type="discharge_summary",
    )
    assert meds.evidence[0].text == "Medicines\nMetformin 1 g BD: omit until eating."
    nkda = result("allergies", "NKDA\nPlan: home\n", letter_type="discharge_summary")
    assert nkda.evidence[0].text == "NKDA"


def test_conditional_onward_referral_is_a_setting() -> None:
    asked = "Please refer her to physiotherapy if the pain persists beyond 2 weeks."

    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=asked, evidence=ev(letter, asked), category="referral", conditional=True)]

    flagged = report(asked + "\n", letter_type=CL, gp_actions=make)
    assert (flagged.gp_actions[0].inappropriate, flagged.gp_actions[0].rule) == (True, "onward_referral")
    standard = load_standard().model_copy(deep=True)
    standard.settings.requests.flag_conditional_onward_referral = False
    accepted = report(asked + "\n", standard=standard, letter_type=CL, gp_actions=make)
    assert (accepted.gp_actions[0].inappropriate, accepted.gp_actions[0].rule) == (False, None)
