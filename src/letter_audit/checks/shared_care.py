"""The shared-care rule for GP requests: which drugs a letter hands over without an agreement in place.

Split from ``requests`` so the request rules read apart from the drug-name matching they lean on. A
listed specialist drug asked for in a systemic form, or its standing monitoring, is shared care unless
the letter names an agreement covering that drug or says none is needed; the drug list is a setting in
the standard.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .cues import any_match, may_match, search

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings, GpAction
    from ..standard import RequestSettings, Standard
    from .cues import Cues


# A request for a vaccine ("give you a pneumococcal vaccination", "arrange her shingles vaccine"), unless it
# also asks for a drug's prescribing or repeat
_VACCINE_ASK = re.compile(r"\b(?:vaccin\w*|immunis\w*|immuniz\w*|jabs?|boosters?)\b", re.IGNORECASE)
_NAMES_PRESCRIBING = re.compile(r"\b(?:prescri\w+|repeats?|take\s+over|supply)\b", re.IGNORECASE)


def _hands_over_shared_care(
    action: GpAction,
    whole: str,
    before: str,
    after: str,
    cues: Cues,
    settings: RequestSettings,
    *,
    agreement: bool,
    named: bool = True,
) -> bool:
    """True when the request has the practice prescribe a specialist drug, or run the monitoring that
    goes with it, with no shared-care agreement in place for that drug."""
    text = action.text
    req = cues.requests
    if _VACCINE_ASK.search(text) and not _NAMES_PRESCRIBING.search(text):
        # "Before you start methotrexate, please give her a pneumococcal vaccination": a vaccine given
        # ahead of the specialist drug is the practice's own work; the drug named is when, not what
        return False
    if named and not agreement and _shared_care_agreed(whole, cues):
        # "Under the enclosed shared care agreement, please take over prescribing of Concerta XL": the
        # request's own sentence names the agreement in place, whatever another sentence says of another
        # drug ("there is no shared care agreement for melatonin").
        agreement = True
    if named and not agreement and _same_listed_drug(whole, before + "\n" + after, settings):
        # An agreement named beside the request for the same drug holds for it, even where the letter
        # hands over another drug without one ("we will send the protocol for hydroxychloroquine").
        agreement = _shared_care_agreed("\n".join((before, whole, after)), cues)
    if agreement or any_match(req.awaits_agreement, text):
        return False
    if any_match(req.shared_care_not_needed, "\n".join((before, whole, after))):
        # "This is a green drug in our formulary and no shared care agreement is needed": the letter
        # itself says the practice prescribes it as any other drug.
        return False
    # Prescribing a specialist drug, or running the monitoring that goes with it ("prescribe
    # ciclosporin and monitor her BP and creatinine": the second request names no drug).
    drugs = settings.shared_care_drugs
    # ("Please record clozapine on his GP record as a hospital-supplied medicine (not for GP prescribing)":
    # the prescribing named is ruled out, so nothing is handed over)
    asks_to_prescribe = action.category == "prescribing" or any_match(
        req.prescribe, _NOT_FOR_PRESCRIBING.sub("", text)
    )
    if asks_to_prescribe and any_match(req.drug_removed, text) and not any_match(req.drug_taken_on, text):
        # "It is still on her repeat list - please remove it": taking a drug off hands nothing over, even
        # beside a sentence calling another drug hospital-only.
        asks_to_prescribe = False
    asks_to_monitor = action.category == "monitoring" or any_match(req.bloods, text)
    names_drug = _names_shared_care_drug(text, drugs)
    if asks_to_prescribe and _names_shared_care_drug(text, drugs, asked=True):
        return True
    # Monitoring alone is shared care when it is the drug's standing schedule ("FBC and LFT every
    # month while on azathioprine") or goes with taking the drug on; a single check of a drug the
    # hospital still runs ("U&E and TFT in 4 weeks because he is on amiodarone") is safety monitoring.
    # The take-over it goes with comes first in the sentence ("prescribe ciclosporin and monitor her
    # BP"); a check asked before it, for its own reason ("check her U&E, since we started ramipril, and
    # then take over the mycophenolate"), is not that drug's monitoring.
    upto = _up_to_request(action, whole)
    if asks_to_monitor and (names_drug or _names_shared_care_drug(upto, drugs)):
        if any_match(req.recurring, text) or any_match(req.prescribe, upto):
            return True
    if (
        asks_to_monitor
        and any_match(req.recurring, text)
        and not _listed_drugs(text, tuple(drugs))
        and not (_listed_drugs(whole, tuple(drugs)) and not _names_shared_care_drug(whole, drugs))
        and _names_shared_care_drug(before, drugs)
    ):
        # "Take over prescribing of Concerta XL. Please monitor his BP, pulse and weight 6-monthly." (A
        # request naming a listed drug itself has said what it is about, and so has its own sentence
        # naming one only as a cause: "capecitabine potentiates warfarin, so please check his INR weekly"
        # monitors the warfarin, not the capecitabine, whatever the sentence before says of it.)
        return True
    if any_match(req.prescribe_it, text) and _names_shared_care_drug(
        _antecedent(action, whole, before, cues, drugs), drugs
    ):
        return True
    # The sentence after speaks of this request's drug unless it names a listed drug the request does not
    # ("Please continue sertraline on repeat. Please also take over the lithium; we will send the shared care
    # agreement in due course": the agreement is the lithium's).
    scope = whole if _names_shared_care_drug(after, drugs) and not names_drug else whole + "\n" + after
    if asks_to_prescribe and any_match(req.specialist_only, scope):
        # A drug the letter calls hospital-only, red-listed or off the local formulary: the
        # prescribing stays with the specialist (BMA: specialist or off-formulary drugs).
        return True
    if named and asks_to_prescribe and any_match(req.shared_care_missing, scope):
        # The letter itself puts the drug under shared care, whatever the local list says: "Please
        # prescribe the tobramycin nebuliser. We do not have a shared care agreement with your area."
        return True
    return False


def _up_to_request(action: GpAction, whole: str) -> str:
    """The request's sentence up to the end of the request's own words (all of it when they cannot be
    found there, as extraction may trim a request)."""
    sentence = whole[len(action.text) + 1 :]
    at = sentence.find(action.text[:25])
    if at < 0:
        return whole
    return sentence[: at + len(action.text)]


def _antecedent(action: GpAction, whole: str, before: str, cues: Cues, drugs: list[str]) -> str:
    """Where the "it" of a request ("please continue it") points: the nearest drug named. That is its own
    sentence when a drug with its strength, or a listed drug, comes before the "it" there ("Her
    venlafaxine 37.5 mg, which you started, also helps, so please continue it"), else the sentence
    before ("I have started azathioprine. She has two weeks' supply; please prescribe it")."""
    sentence = whole[len(action.text) + 1 :]
    at = sentence.find(action.text[:25])
    lead = sentence[:at] if at > 0 else ""
    pointer = search(cues.requests.prescribe_it, action.text)
    lead += action.text[: pointer.start()] if pointer else ""
    if _STRENGTH.search(lead) or _names_shared_care_drug(lead, drugs):
        return lead
    return before


def _monitors_unagreed_drug(action: GpAction, drugs: tuple[str, ...], cues: Cues) -> bool:
    """True when the request has the practice prescribe or monitor a drug the letter itself says has no
    shared-care agreement, wherever in the letter it says so ("There is no shared care agreement for
    testosterone ... Please check haematocrit, PSA and testosterone 3 months after starting")."""
    if not drugs:
        return False
    req = cues.requests
    text = action.text
    lowered = text.lower()
    if not any(re.search(r"\b" + re.escape(drug) + r"\b", lowered) for drug in drugs):
        return False
    if any_match(req.awaits_agreement, text) or any_match(req.not_asked, text):
        return False
    # Taking the drug on, or running its checks; stopping or reducing it on a result is not taking it on.
    asks_to_monitor = action.category == "monitoring" or any_match(req.monitoring, text)
    return any_match(req.prescribe, text) or asks_to_monitor or any_match(req.bloods, text)


def _drugs_without_agreement(letter: Letter, findings: Findings, cues: Cues) -> tuple[str, ...]:
    """Drugs started or changed in this letter that one of its sentences says have no shared-care
    agreement ("no shared care agreement for testosterone in our ICB")."""
    missing = [
        m.group(0).lower()
        for m in _SENTENCE.finditer(letter.text)
        if _SHARED_CARE.search(m.group(0))
        and any_match(cues.requests.shared_care_missing, m.group(0))
        # "no shared care needed" says the opposite of "no shared care agreement".
        and not any_match(cues.requests.shared_care_not_needed, m.group(0))
    ]
    if not missing:
        return ()
    names = {c.drug.lower() for c in findings.medication_changes} | {
        c.brand.lower() for c in findings.medication_changes if c.brand
    }
    return tuple(
        sorted(n for n in names if n and any(re.search(r"\b" + re.escape(n) + r"\b", s) for s in missing))
    )


def _without_cleared_drugs(text: str, findings: Findings, standard: Standard, cues: Cues) -> Standard:
    """The standard with the listed drugs this letter clears taken off its shared-care list.

    A sentence naming a listed drug and saying it needs no shared care, or is green on the local
    formulary ("Hydroxychloroquine is green on our formulary; no shared care is needed"), holds for the
    whole letter: a request for it under another heading, or the monitoring that follows it, is ordinary
    primary-care prescribing there, whichever trust's list the standard carries.
    """
    if not may_match(cues.requests.shared_care_not_needed, text):
        return standard  # no sentence of the letter can say so
    drugs = tuple(standard.settings.requests.shared_care_drugs)
    cleared: set[str] = set()
    for m in _SENTENCE.finditer(text):
        if any_match(cues.requests.shared_care_not_needed, m.group(0)):
            cleared |= _listed_drugs(m.group(0), drugs)
    if not cleared:
        return standard
    kept = [d for d in drugs if d.lower() not in cleared]
    requests = standard.settings.requests.model_copy(update={"shared_care_drugs": kept})
    settings = standard.settings.model_copy(update={"requests": requests})
    return standard.model_copy(update={"settings": settings})


# A drug named with its strength ("venlafaxine 37.5 mg").
_STRENGTH = re.compile(r"\b\d+(\.\d+)?\s*(mg|micrograms?|mcg|g|units?|ml)\b", re.IGNORECASE)
# A sentence or line of the letter.
_SENTENCE = re.compile(r"[^.\n]+")
# Every shared_care_agreed and shared_care_missing cue names shared care in these words.
# England's "effective shared care agreement" (ESCA), the agreement, protocol or guideline by its initials
# elsewhere (SCA, SCP, SCG), and a "transfer of care/prescribing" agreement are the
# same arrangement in other words.
_SHARED_CARE = re.compile(
    r"shared[- ]care|\b(?-i:E?SC[APG])s?\b"
    r"|\btransfer of (care|prescribing) (agreement|arrangement|protocol|document)",
    re.IGNORECASE,
)
_TOPICAL = re.compile(
    r"^\w*(?:[^.,;\n]|(?<=\d)\.(?=\d)){0,25}\b(ointment|cream|gel|lotion|eye ?drops?|drops|topical(ly)?)\b"
)
_TOPICAL_BEFORE = re.compile(r"\b(topical|ointment|cream)\s+$")
# Gels rubbed on the skin that act on the whole body: the topical exemption does not apply to them.
_SYSTEMIC_GELS = frozenset({"testosterone", "testogel", "tostran", "testavan"})
# The drug is what a statement is about, not what is asked for: "avoid diltiazem, which raises
# tacrolimus levels", "a health check, as clozapine raises the risk of diabetes".
_STATED_AFTER = re.compile(
    r"^\w*\s+(\w+ly\s+)?(raises|increases|lowers|reduces|can|may|interacts|causes|affects|toxicity|allergy"
    r"|intolerance|side[- ]effects?|potentiates|enhances|inhibits|induces|prolongs|boosts)\b"
)
_STATED_BEFORE = re.compile(r"\b(which|that) (raises|increases|lowers|reduces|affects|interacts with)\s+$")
# The drug only times or accompanies the one asked for: "folic acid 5 mg the day after methotrexate",
# "an antiemetic to take alongside the capecitabine".
_COMPANION_BEFORE = re.compile(
    r"\b(days? (after|before|following)|alongside|together with|to go with|to accompany|to take with)\s+"
    r"(the\s+|his\s+|her\s+|their\s+|each\s+|every\s+)?(weekly\s+|daily\s+|monthly\s+)?(dose of\s+)?$"
)
# The drug is the time the request covers: "while you take isotretinoin", "whilst on azathioprine".
_WHILE_BEFORE = re.compile(
    r"\b(while|whilst|during)\s+((you|he|she|they|the patient)\s+)?((are|is)\s+)?"
    r"(tak(e|es|ing)|on|remains? on|stays? on|us(e|es|ing)|ha(ve|s|ving)|receiv(e|es|ing))\s+"
    r"(the\s+|his\s+|her\s+|your\s+|their\s+)?(course of\s+|treatment with\s+)?$"
)
# Stopping the drug is not taking it on: "remove lithium from her repeat".
_STOPPED_BEFORE = re.compile(
    r"\b(remove|stop|discontinue|cease|withhold|take (him|her|them) off)\s+(the\s+|his\s+|her\s+)?$"
)


def _same_listed_drug(request: str, nearby: str, settings: RequestSettings) -> bool:
    """True when a shared-care drug named in the request is named again in the sentences around it."""
    low, near = request.lower(), nearby.lower()
    return any(drug in low and drug in near for drug in settings.shared_care_drugs)


def _names_shared_care_drug(text: str, drugs: list[str], *, asked: bool = False) -> bool:
    """True when the request names a listed drug in a systemic form, as the thing asked for.

    Shared-care lists cover tablets and injections; the same drug as an ointment or eye drop
    (tacrolimus ointment, ciclosporin drops) is ordinary primary-care prescribing. A drug the request
    only explains itself by ("..., which raises tacrolimus levels") is not asked for.
    """
    lowered = text.lower()
    for match in _drug_names(tuple(drugs)).finditer(lowered):
        after = lowered[match.start() :]
        before = lowered[max(0, match.start() - 40) : match.start()]
        systemic = match.group(0) in _SYSTEMIC_GELS
        if not systemic and (_TOPICAL.search(after) or _TOPICAL_BEFORE.search(before[-12:])):
            continue
        if _STATED_AFTER.search(after) or _STATED_BEFORE.search(before) or _STOPPED_BEFORE.search(before):
            continue
        if _COMPANION_BEFORE.search(before):
            continue
        if asked and _WHILE_BEFORE.search(before):
            # "give her contraceptive injections on time while she takes isotretinoin": the drug is when,
            # not what, the practice is asked to prescribe (its monitoring "while on" it still names it).
            continue
        return True
    return False


# Clinical shorthand for listed drugs, as terse notes write them ("Rx aza 100mg od", "MTX 15 mg weekly"): each
# counts as its drug when the standard lists that drug. Whole words only ("aza" is not "azacitidine").
_SHORTHAND = {
    # brands of the listed drugs, read as the drug an agreement names ("Lithium is prescribed by your practice
    # under the shared care agreement" covers "update the repeat to Priadel 1000 mg")
    "priadel": "lithium",
    "camcolit": "lithium",
    "elvanse": "lisdexamfetamine",
    "clozaril": "clozapine",
    "concerta": "methylphenidate",
    "ritalin": "methylphenidate",
    "medikinet": "methylphenidate",
    "equasym": "methylphenidate",
    "xaggitin": "methylphenidate",
    "strattera": "atomoxetine",
    "intuniv": "guanfacine",
    "cyclosporin": "ciclosporin",
    "aza": "azathioprine",
    "mtx": "methotrexate",
    "mmf": "mycophenolate",
    "hcq": "hydroxychloroquine",
    "ssz": "sulfasalazine",
    "6-mp": "mercaptopurine",
}


# prescribing ruled out in the request's own words ("(not for GP prescribing)", "not to be prescribed by the
# practice")
_NOT_FOR_PRESCRIBING = re.compile(
    r"\bnot\s+(?:for|to\s+be)\s+(?:GP\s+|practice\s+|primary\s+care\s+)?(?:prescribing|prescribed|prescription)"
    r"(?:\s+by\s+(?:the\s+|your\s+)?(?:GP|practice|surgery))?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _drug_names(drugs: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the whole list, compiled once: a pattern per drug, compiled at each call, once
    filled the re module's cache and cost more than the rest of the request rules."""
    names = sorted({d.lower() for d in drugs}, key=lambda n: (-len(n), n))  # same text each process
    short = sorted(k for k, v in _SHORTHAND.items() if v in names)
    alternatives = [re.escape(n) for n in names] + [re.escape(k) + r"\b" for k in short]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


def _listed_drugs(text: str, drugs: tuple[str, ...]) -> frozenset[str]:
    found = (m.group(0) for m in _drug_names(drugs).finditer(text.lower()))
    return frozenset(_SHORTHAND.get(name, name) for name in found)


def _agreement_drugs(text: str, cues: Cues, drugs: tuple[str, ...]) -> frozenset[str]:
    """The listed drugs named in the sentences that speak of an agreement in place."""
    agreed = cues.requests.shared_care_agreed
    return frozenset().union(
        *(_listed_drugs(m.group(0), drugs) for m in _SENTENCE.finditer(text) if any_match(agreed, m.group(0)))
    )


def _agreement_covers(request: str, agreed_drugs: frozenset[str], drugs: tuple[str, ...]) -> bool:
    """False when the agreement the letter names is for other drugs than the one asked for: "lithium
    monitoring under the shared care agreement your practice signed" does not cover the lisdexamfetamine
    the next sentence asks the practice to take over. An agreement naming no drug covers them all."""
    asked = _listed_drugs(request, drugs)
    return not (asked and agreed_drugs and not asked & agreed_drugs)


def _shared_care_agreed(text: str, cues: Cues) -> bool:
    """True when the letter refers to a shared-care agreement that is in place or enclosed."""
    return any_match(cues.requests.shared_care_agreed, text) and not any_match(
        cues.requests.shared_care_missing, text
    )
