"""Which GP requests move hospital work onto the practice ("workload dump").

Rules follow the 2023 delivery plan priorities and the NHS Standard Contract as BMA/LMC guidance reads
them. The words are data (``requests`` in criteria_cues.yaml); the unsettled questions (post-discharge
bloods, unexplained monitoring, local referral routes, the shared-care drug list) are settings in the
standard so a trust or LMC can decide them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..report import GpAction, InappropriateRule
from .cues import any_match

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings
    from ..standard import Standard
    from .cues import Cues


def flag_requests(letter: Letter, findings: Findings, standard: Standard, cues: Cues) -> list[GpAction]:
    """The letter's GP actions, each copied with ``inappropriate`` and ``rule`` decided afresh."""
    did_not_attend = findings.did_not_attend or any_match(cues.requests.did_not_attend, letter.text)
    agreement = _shared_care_agreed(letter.text, cues)
    flagged = []
    for action in findings.gp_actions:
        context = _context(letter, action)
        rule = classify(action, context, standard, cues, did_not_attend=did_not_attend, agreement=agreement)
        flagged.append(action.model_copy(update={"inappropriate": rule is not None, "rule": rule}))
    return flagged


def classify(
    action: GpAction,
    context: str,
    standard: Standard,
    cues: Cues,
    *,
    did_not_attend: bool,
    agreement: bool,
) -> InappropriateRule | None:
    """The rule a request breaks, or None when it is a fair request of the practice.

    ``context`` is the letter line around the request, used to see whether monitoring is explained.
    """
    text = action.text
    req = cues.requests
    settings = standard.settings.requests
    if any_match(req.rerefer, text):
        return "dna_rereferral" if did_not_attend else None
    if action.category == "fit_note" or any_match(req.fit_note, text):
        return "fit_note"
    if not agreement and _names_shared_care_drug(text, settings.shared_care_drugs):
        # Prescribing a specialist drug, or running the monitoring that goes with it.
        asks_to_prescribe = action.category == "prescribing" or any_match(req.prescribe, text)
        asks_to_monitor = action.category == "monitoring" or any_match(req.bloods, text)
        if asks_to_prescribe or asks_to_monitor:
            return "shared_care"
    if action.category == "referral" or any_match(req.refer_onward, text):
        exempt = any(re.search(p, text, re.IGNORECASE) for p in settings.onward_referral_exempt)
        return "onward_referral" if settings.flag_onward_referral and not exempt else None
    if any_match(req.results_back, text) or any_match(req.arrange_tests, text):
        return "call_and_recall"
    if action.category == "results":
        return "call_and_recall"
    if any_match(req.bloods, text) or any_match(req.monitoring, text) or action.category == "monitoring":
        if settings.flag_post_discharge_bloods and any_match(req.bloods, text):
            return "call_and_recall"
        explained = any_match(req.explained, context)
        if settings.flag_unexplained_monitoring and not explained:
            return "call_and_recall"
    return None


def _context(letter: Letter, action: GpAction) -> str:
    """The request with the line or sentence around it, where a reason is usually given."""
    text = letter.text
    start = max(0, text.rfind("\n", 0, action.evidence.start) + 1)
    end = text.find("\n", action.evidence.end)
    return action.text + " " + text[start : len(text) if end < 0 else end]


def _names_shared_care_drug(text: str, drugs: list[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(drug)}", lowered) for drug in drugs)


def _shared_care_agreed(text: str, cues: Cues) -> bool:
    """True when the letter refers to a shared-care agreement that is in place or enclosed."""
    return any_match(cues.requests.shared_care_agreed, text) and not any_match(
        cues.requests.shared_care_missing, text
    )
