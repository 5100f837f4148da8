"""Round-5 request rules, written for letters by two new authors: each cue with its near-miss.

Tertiary, community, mental health and independent-sector letters, and terse EPR exports from Welsh,
Scottish and Northern Irish trusts: monitoring of a specialist drug (a standing schedule is shared care, a
single explained check is not), results posted to coordinators, re-referral for a need known now, a memory
assessment only if cognition does not recover, an urgent safety net that names a test, depot
antipsychotics in any wording, labelled fit-note lines, negated shared-care agreements, and a result the
practice acts on by adjusting a drug.
"""

from __future__ import annotations

import pytest

from letter_audit.report import GpAction, MedicationChange

from .build import ev, report, result

CL = "clinic_letter"


def flags(text: str, request: str, category: str, conditional: bool = False) -> tuple[bool, str | None]:
    def make(letter):  # type: ignore[no-untyped-def]
        found = ev(letter, request)
        return [GpAction(text=request, evidence=found, category=category, conditional=conditional)]

    rep = report(text + "\n", letter_type=CL, gp_actions=make)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


AMIO = "Kindly check his U&E, LFT and TFT in 4 weeks because he is on amiodarone, and act on the results."
TAC = (
    "take a tacrolimus trough level with FBC, U&E and LFT every 2 weeks and post the results to the"
    " transplant coordinators"
)
AGREED = "Please continue to prescribe tacrolimus under the shared care agreement your practice signed.\n"
CATARACT = "please re-refer her to us or to the local NHS eye unit for right cataract surgery"
MEMORY = (
    "Please arrange a memory assessment once the delirium has had 3 months to clear, if cognition has not"
    " improved."
)
BLACKOUT = "if he becomes dizzy or has a blackout, please arrange an urgent ECG and contact us the same day"
DEPOT = "Please could the practice take over the 4-weekly aripiprazole injections from the next dose."
MSU = "MSU result will come to the practice as requester on ICE - pls check and change abx if resistant"
BLOOD = (
    "please look at the blood result from 1 week and adjust the furosemide if her kidney function has"
    " worsened"
)
DRONE = "Prescribe the dronedarone from the end of our 14-day supply."

CASES = [
    # -- shared care: monitoring alone ------------------------------------------------------------
    ("Seen in clinic after his bypass.\n" + AMIO, AMIO, "monitoring", (False, None)),
    (  # near miss: the drug's standing schedule is the shared-care monitoring
        "Azathioprine 100 mg daily started.\nCheck FBC and LFTs monthly while on azathioprine.",
        "Check FBC and LFTs monthly while on azathioprine.",
        "monitoring",
        (True, "shared_care"),
    ),
    (  # a standing schedule for the drug the sentence before hands over
        "We would be grateful if you could take over prescribing of Concerta XL 18mg each morning.\n"
        "Please monitor his BP, pulse and weight 6-monthly.",
        "Please monitor his BP, pulse and weight 6-monthly.",
        "monitoring",
        (True, "shared_care"),
    ),
    (  # near miss: the same schedule after an agreed shared-care arrangement
        "Methylphenidate continues under the shared care agreement accepted by your practice.\n"
        "Please monitor his BP, pulse and weight 6-monthly.",
        "Please monitor his BP, pulse and weight 6-monthly.",
        "monitoring",
        (False, None),
    ),
    # -- results posted back ----------------------------------------------------------------------
    (AGREED + "We would be grateful if you could " + TAC + ".", TAC, "monitoring", (True, "call_and_recall")),
    (  # near miss: the same bloods with no results sent back are the agreed shared-care monitoring
        AGREED + "We would be grateful if you could take a tacrolimus trough level every 2 weeks.",
        "take a tacrolimus trough level every 2 weeks",
        "monitoring",
        (False, None),
    ),
    (  # results sent to a named role in the hospital team
        "Weight, glucose and lipids at 12 weeks; results to be sent to the CMHT care coordinator.",
        "Weight, glucose and lipids at 12 weeks; results to be sent to the CMHT care coordinator.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    # -- re-referral ----------------------------------------------------------------------------------
    (  # a need the hospital knows of now, handed back for a fresh referral
        "Our contract only allows us to list patients on a fresh referral, so " + CATARACT + ".",
        CATARACT,
        "referral",
        (True, "onward_referral"),
    ),
    (  # near miss: re-referral only if a need arises later is a safety net
        "If her mood deteriorates, please re-refer to the community mental health team.",
        "If her mood deteriorates, please re-refer to the community mental health team.",
        "referral",
        (False, None),
    ),
    (  # near miss: the same unconditional request after a missed appointment
        "She did not attend her appointment.\nPlease re-refer her if still needed.",
        "Please re-refer her if still needed.",
        "referral",
        (True, "dna_rereferral"),
    ),
    # -- memory assessment after delirium -----------------------------------------------------------
    ("Delirium secondary to UTI, resolved.\n" + MEMORY, MEMORY, "referral", (False, None)),
    (  # near miss: an unconditional memory referral is an onward referral
        "Delirium secondary to UTI.\nPlease refer her to the memory clinic, as her cognition has not"
        " returned to baseline.",
        "Please refer her to the memory clinic, as her cognition has not returned to baseline.",
        "referral",
        (True, "onward_referral"),
    ),
    # -- an urgent safety net naming a test -----------------------------------------------------------
    ("TAVI clinic review.\n" + BLACKOUT + ".", BLACKOUT, "monitoring", (False, None)),
    (  # near miss: a routine test sent back is the hospital's recall
        "TAVI clinic review.\nPlease arrange an ECG in 2 weeks and send it to us.",
        "Please arrange an ECG in 2 weeks and send it to us.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    # -- depot antipsychotics ---------------------------------------------------------------------------
    ("CMHT review.\n" + DEPOT, DEPOT, "prescribing", (True, "shared_care")),
    (  # near miss: oral aripiprazole is ordinary prescribing
        "CMHT review.\nPlease continue aripiprazole 10 mg tablets each morning.",
        "Please continue aripiprazole 10 mg tablets each morning.",
        "prescribing",
        (False, None),
    ),
    # -- acting on a result -----------------------------------------------------------------------------
    ("Discharged after urosepsis.\n" + MSU + ".", MSU, "results", (True, "call_and_recall")),
    ("Discharged after heart failure.\nFor your GP: " + BLOOD + ".", BLOOD, "results", (False, None)),
    (  # near miss: a report the hospital sent for
        "Discharged after a fall.\nPlease look at the MRI report when it is available.",
        "Please look at the MRI report when it is available.",
        "results",
        (True, "call_and_recall"),
    ),
    (  # terse EPR: histology pending, GP to follow up
        "Outstanding Investigations: Histology pending - GP to f/u result",
        "Histology pending - GP to f/u result",
        "results",
        (True, "call_and_recall"),
    ),
    # -- fit-note lines ----------------------------------------------------------------------------------
    ("Diagnosis: appendicitis\nFit note: GP pls\nFollow up: none", "GP pls", "other", (True, "fit_note")),
    (  # near miss: the hospital reports the note it issued
        "Fit note issued for 4 weeks",
        "Fit note issued for 4 weeks",
        "fit_note",
        (False, None),
    ),
    (  # near miss: the practice is asked to extend the note the hospital issued
        "Fit note issued for 2 weeks; please extend it if needed",
        "Fit note issued for 2 weeks; please extend it if needed",
        "fit_note",
        (True, "fit_note"),
    ),
    # -- negated shared-care agreements ------------------------------------------------------------------
    (
        DRONE + " We do not have a shared care agreement for this drug with your ICB yet.",
        DRONE,
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: an agreement in place
        DRONE + " This is under the shared care agreement signed by your practice.",
        DRONE,
        "prescribing",
        (False, None),
    ),
    # -- the test named before the request ----------------------------------------------------------------
    (
        "CXR in 6 weeks to confirm resolution (extensive consolidation) - please arrange.",
        "CXR in 6 weeks to confirm resolution (extensive consolidation) - please arrange.",
        "other",
        (True, "call_and_recall"),
    ),
]


NEBS = "Please prescribe the tobramycin nebuliser solution from next month."
MELATONIN = "Please take over the prescribing of the melatonin after our 4-week supply."

CASES += [
    # -- the letter itself puts the drug under shared care -------------------------------------------
    (  # a drug on no local list, with the letter saying there is no agreement in the next sentence
        NEBS + " We do not have a shared care agreement for inhaled antibiotics with your area.",
        NEBS,
        "prescribing",
        (True, "shared_care"),
    ),
    (  # a shared-care guideline still being drafted is no agreement
        MELATONIN + " (Our shared care guideline for melatonin in children is still being drafted.)",
        MELATONIN,
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: a letter saying no agreement is needed
        NEBS + " No shared care agreement is needed for this.",
        NEBS,
        "prescribing",
        (False, None),
    ),
    (  # near miss: the same request with no word of shared care
        NEBS + " She knows how to use the nebuliser.",
        NEBS,
        "prescribing",
        (False, None),
    ),
    # -- a referral the hospital reports it has made ---------------------------------------------------
    (
        "Oncology referral: made by the MDT coordinator",
        "Oncology referral: made by the MDT coordinator",
        "referral",
        (False, None),
    ),
    (  # near miss: a labelled line asking the practice to refer
        "Oncology referral: GP to refer",
        "Oncology referral: GP to refer",
        "referral",
        (True, "onward_referral"),
    ),
]

CASES += [
    (  # a specialist measurement the practice cannot make
        "YAG laser capsulotomy today.\n"
        "Please check her IOP if she has any pain or blurred vision in the coming week.",
        "Please check her IOP if she has any pain or blurred vision in the coming week.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: a blood pressure check is the practice's own
        "YAG laser capsulotomy today.\nPlease check her BP in the coming week as amlodipine was started.",
        "Please check her BP in the coming week as amlodipine was started.",
        "monitoring",
        (False, None),
    ),
]

# Fresh wordings of the same rules, in terse EPR style, each with a near miss.
WORDINGS = [
    ("Pls provide eMed3 x 2/52", "fit_note", (True, "fit_note")),
    ("GP to cover time off work for 2 weeks.", "other", (True, "fit_note")),
    ("GP to provide further fitness-for-work certification as needed.", "other", (True, "fit_note")),
    ("Fit note: not required (retired)", "fit_note", (False, None)),
    ("Please do FBC, U+E in 1/52 and fax to ward 5.", "monitoring", (True, "call_and_recall")),
    (
        "Please do a urine ACR in 3 months and forward to the renal secretaries.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    ("Please do FBC, U+E in 1/52 as ramipril was started.", "monitoring", (False, None)),
    ("Please arrange for the catheter to be removed in 2 weeks.", "other", (True, "call_and_recall")),
    ("Please take over prescribing of Xaggitin XL 36 mg.", "prescribing", (True, "shared_care")),
    ("Please add tamsulosin to his repeat prescription.", "prescribing", (False, None)),
    (  # a referral left to the practice's judgement
        "Please assess him and refer to audiology if you feel it is appropriate.",
        "referral",
        (False, None),
    ),
    ("Please refer him to audiology for his hearing.", "referral", (True, "onward_referral")),
    ("GP to arrange for her to be seen in fracture clinic in 2 weeks.", "other", (True, "call_and_recall")),
    (  # near miss: an appointment at the practice itself
        "Please arrange for her to be seen in the practice diabetes clinic in 3 months.",
        "review",
        (False, None),
    ),
    (
        "Please book a telephone review with the heart failure nurses in 2 weeks.",
        "other",
        (True, "call_and_recall"),
    ),
    (  # near miss: a review with the practice's own nurse
        "Please book a review with the practice nurse in 2 weeks to check her inhaler technique.",
        "review",
        (False, None),
    ),
    ("Please act on the bloods taken in clinic today.", "results", (True, "call_and_recall")),
    ("Bloods sent on the ward - GP to review and act.", "results", (True, "call_and_recall")),
    (  # near miss: the practice's own bloods after a change
        "Please check U&E in 1 week and act on the result as ramipril was started.",
        "monitoring",
        (False, None),
    ),
    (  # a drug the letter places outside primary-care prescribing
        "Please prescribe the ivabradine 5 mg BD; it is not on the local formulary.",
        "prescribing",
        (True, "shared_care"),
    ),
    (
        "Please prescribe rifaximin 550 mg BD (a red-list drug in our area).",
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: the letter says the opposite
        "Please continue to prescribe levetiracetam; it is not specialist-only in our region.",
        "prescribing",
        (False, None),
    ),
    (  # near miss: a caution not to prescribe asks nothing to be taken on
        "Hospital only - GP please do not prescribe.",
        "prescribing",
        (False, None),
    ),
]


@pytest.mark.parametrize(("asked", "category", "expected"), WORDINGS)
def test_round5_wording(asked: str, category: str, expected: tuple[bool, str | None]) -> None:
    assert flags("Seen in clinic today.\n" + asked, asked, category) == expected


SODIUM = "If the sodium is below 130, please let my secretary know."
CASES += [
    (  # a threshold report on the practice's own explained check, asked in the sentence before
        "Carbamazepine can lower the sodium, so please check her sodium 2 weeks after the dose increase.\n"
        + SODIUM,
        SODIUM,
        "results",
        (False, None),
    ),
    (  # no check asked at all: passing on what the practice comes across is a safety net (round 6:
        # two dev authors mark "if her eGFR falls below 25 at any routine check, contact us" fair)
        "She will stay on carbamazepine 200 mg twice daily.\n" + SODIUM,
        SODIUM,
        "results",
        (False, None),
    ),
    (  # near miss: the practice runs the unexplained check itself and reports it back
        "She will stay on carbamazepine 200 mg twice daily.\n"
        "Please check her sodium every 3 months and let my secretary know if it is below 130.",
        "Please check her sodium every 3 months and let my secretary know if it is below 130.",
        "results",
        (True, "call_and_recall"),
    ),
]
TWO_DRUGS = (
    "Methotrexate 15 mg weekly continues under the shared care agreement your practice signed in 2024.\n"
    "Please continue to prescribe methotrexate 15 mg weekly.\n"
    "Hydroxychloroquine 200 mg daily started today.\n"
    "Please take over prescribing of hydroxychloroquine.\n"
    "We will send the shared care protocol for hydroxychloroquine next month.\n"
)
CASES += [
    (  # the drug handed over without an agreement, in a letter that has one for another drug
        TWO_DRUGS,
        "Please take over prescribing of hydroxychloroquine.",
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: the drug under the agreement, in the same letter
        TWO_DRUGS,
        "Please continue to prescribe methotrexate 15 mg weekly.",
        "prescribing",
        (False, None),
    ),
]

DNA_HOME = (
    "Memory Assessment Service\nHe did not attend his memory assessment appointment on 17/11/2026.\n"
    "We have arranged for the memory nurse to assess him at home on 26/11/2026 instead.\n"
)


def test_dna_seen_at_home_instead_is_another_appointment() -> None:
    found = result("did_not_attend", DNA_HOME, letter_type=CL)
    assert found.status == "met"
    assert "assess him at home" in found.evidence[0].text


def test_dna_home_visit_near_miss_no_arrangement() -> None:
    text = "Memory Assessment Service\nHe did not attend his memory assessment appointment on 17/11/2026.\n"
    assert result("did_not_attend", text, letter_type=CL).status == "not_met"


@pytest.mark.parametrize(("text", "asked", "category", "expected"), CASES)
def test_round5_rule(text: str, asked: str, category: str, expected: tuple[bool, str | None]) -> None:
    assert flags(text, asked, category) == expected


def _statin(line: str):  # type: ignore[no-untyped-def]
    def make(letter):  # type: ignore[no-untyped-def]
        return [
            MedicationChange(
                drug="atorvastatin", action="start", dose_after="80 mg", evidence=ev(letter, line)
            )
        ]

    return make


def test_measurement_beside_a_change_is_its_reason() -> None:
    line = "Atorvastatin 80mg on - STARTED (LDL 3.9)"
    found = result("medication_changes_complete", line + "\n", medication_changes=_statin(line))
    assert found.status == "met"


def test_bracketed_note_without_a_measurement_is_no_reason() -> None:
    line = "Atorvastatin 80mg on - STARTED (new)"
    found = result("medication_changes_complete", line + "\n", medication_changes=_statin(line))
    assert found.status == "not_met"
    assert found.explanation == "1 of 1 changes lack detail: start atorvastatin (no reason)."


DNA = "Orthopaedic clinic\nShe did not attend her appointment on 3 March.\n"


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("An appointment will be sent for 6 weeks' time.", "met"),
        ("She has been returned to the waiting list.", "met"),
        ("We will offer her one further appointment.", "met"),
        ("An appointment will not be sent.", "not_met"),  # near miss: declined
        ("We will not be sending a further appointment.", "not_met"),
        ("She has been discharged. Please re-refer if needed.", "not_met"),
    ],
)
def test_dna_another_appointment_wordings(said: str, status: str) -> None:
    assert result("did_not_attend", DNA + said + "\n", letter_type=CL).status == status


def test_shared_care_cues_all_name_shared_care() -> None:
    """requests.py skips the shared-care cue lists for a letter without the words: each must hold them."""
    from letter_audit.checks.cues import load_cues

    req = load_cues().requests
    # The words requests._SHARED_CARE looks for: "shared care", an ESCA (or SCA, SCP, SCG), a transfer of
    # care agreement.
    names = ("shared[- ]care", "ESCAs?", "(?-i:E?SC[APG])s?", "transfer of (care|prescribing)")
    for pattern in req.shared_care_agreed + req.shared_care_missing:
        assert any(name in pattern for name in names), pattern
