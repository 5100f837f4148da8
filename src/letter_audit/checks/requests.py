"""Which GP requests move hospital work onto the practice ("workload dump").

Rules follow the 2023 delivery plan priorities and the NHS Standard Contract as BMA/LMC guidance reads
them. The words are data (``requests`` in criteria_cues.yaml); the unsettled questions (post-discharge
bloods, unexplained monitoring, local referral routes, the shared-care drug list) are settings in the
standard so a trust or LMC can decide them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..report import GpAction, InappropriateRule
from .cues import FLAGS, any_match, gated_search, may_match, search

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings
    from ..standard import RequestSettings, Standard
    from .cues import Cues


def flag_requests(letter: Letter, findings: Findings, standard: Standard, cues: Cues) -> list[GpAction]:
    """The letter's GP actions, each copied with ``inappropriate`` and ``rule`` decided afresh."""
    did_not_attend = findings.did_not_attend or any_match(cues.requests.did_not_attend, letter.text)
    agreement = _shared_care_agreed(letter.text, cues)
    # Only a letter that speaks of shared care can say so beside a request: the others skip the search.
    named = agreement or gated_search(_SHARED_CARE, letter.text) is not None
    not_referred = any_match(cues.requests.not_referred, letter.text)
    note_issued = _fit_note_issued_here(letter, findings, cues)
    practice_note = any_match(cues.requests.fit_note_from_practice, letter.text)
    unagreed = _drugs_without_agreement(letter, findings, cues) if named and not agreement else ()
    standard = _without_cleared_drugs(letter.text, findings, standard, cues)
    drugs = tuple(standard.settings.requests.shared_care_drugs)
    agreed_drugs = _agreement_drugs(letter.text, cues, drugs) if agreement else frozenset()
    changes = [c for c in findings.medication_changes if c.action != "stop"]
    changed = tuple(sorted({n.lower() for c in changes for n in (c.drug, c.brand) if n}))
    flagged = []
    for action in findings.gp_actions:
        sentence = _sentence(letter, action, findings.gp_actions, cues)
        whole = _whole_sentence(letter, action)
        rule = classify(
            action,
            sentence,
            whole,
            standard,
            cues,
            own=_own_part(letter, action, findings.gp_actions),
            did_not_attend=did_not_attend,
            agreement=agreement and _agreement_covers(action.text, agreed_drugs, drugs),
            shared_care_named=named,
            before=_sentence_before(letter, action),
            not_referred=not_referred,
            after=_sentence_after(letter, action),
            fit_note_issued=note_issued,
            practice_note=practice_note,
            unagreed_drugs=unagreed,
            changed_drugs=changed,
        )
        flagged.append(action.model_copy(update={"inappropriate": rule is not None, "rule": rule}))
    return flagged


def classify(
    action: GpAction,
    sentence: str,
    whole: str,
    standard: Standard,
    cues: Cues,
    *,
    did_not_attend: bool,
    agreement: bool,
    before: str = "",
    not_referred: bool = False,
    after: str = "",
    shared_care_named: bool = True,
    fit_note_issued: bool = False,
    unagreed_drugs: tuple[str, ...] = (),
    changed_drugs: tuple[str, ...] = (),
    practice_note: bool = False,
    own: str | None = None,
) -> InappropriateRule | None:
    """The rule a request breaks, or None when it is a fair request of the practice.

    ``sentence`` is the request with the rest of its sentence: one sentence often carries two requests
    ("arrange an HbA1c and send us the result"), and the second half decides what the first is.
    ``whole`` is the full sentence, for requests that point back ("a fit note ...; please provide one").
    ``before`` is the sentence before it, for a drug the request names only as "it".
    ``not_referred`` says the hospital has not taken the patient on (an Advice and Guidance reply), so
    a referral it suggests is the practice's first one, not an onward referral.
    ``after`` is the sentence after it, where a letter often adds that no shared-care agreement exists.
    ``shared_care_named`` says the letter mentions shared care anywhere (False skips those searches).
    ``fit_note_issued`` says the team writing issued a fit note itself on this episode.
    ``unagreed_drugs`` are drugs this letter changes and elsewhere says have no shared-care agreement.
    ``changed_drugs`` are the drugs this letter starts or changes: a check "on the finasteride" is the
    safety monitoring of that change.
    ``practice_note`` says the letter calls the patient's current fit note the practice's own.
    ``own`` is the request's own part of its sentence, between the requests before and after it there
    (default: the whole sentence): what it says about the need ("low mood which predates the epilepsy")
    is about this request, not the next one in the sentence.
    """
    text = action.text
    req = cues.requests
    settings = standard.settings.requests
    if any_match(req.not_asked, text):
        return None
    rerefer = any_match(req.rerefer, text)
    if rerefer and did_not_attend:
        return "dna_rereferral"
    if rerefer and any_match(req.rerefer_recall, text):
        return "call_and_recall"
    waits = action.conditional or any_match(req.condition, text)
    if rerefer and settings.flag_onward_referral and not waits and not any_match(req.patient_choice, whole):
        # "please re-refer her for the second eye": a need the hospital knows of now, handed back for a
        # fresh referral. "Re-refer if it recurs" is a safety net for a need that may never arise, and
        # "should she change her mind, please re-refer" waits on the patient's own choice.
        return "onward_referral"
    if any_match(req.wound_care, text) and settings.flag_wound_care:
        return "call_and_recall"
    if not any_match(req.fit_note_none, text) and (
        any_match(req.fit_note, text)
        or (
            any_match(req.fit_note, whole)
            and (action.category == "fit_note" or any_match(req.fit_note_ask, text))
        )
        # Extraction already read it as a fit-note request in other words ("please provide certification").
        or (action.category == "fit_note" and any_match(req.fit_note_ask, text))
        # Time off work in the sentence and paperwork asked for ("she requires time off work; please
        # provide the necessary certification"): a fit note asked for without naming one.
        or (any_match(req.fit_note_paperwork, text) and any_match(req.off_work, whole))
        # A request that is only its owner ("... fit note needed for 2 weeks. GP please."): its subject
        # is the sentence just before it.
        or (any_match(req.owner_only, text) and any_match(req.fit_note, before))
    ):
        if practice_note and any_match(req.fit_note_next, whole):
            # "Her current fit note from you runs to 27/11; her next one could say 'may be fit'": the
            # practice already certifies this absence, so the next note is its own, not handed over.
            return None
        issued = fit_note_issued or any_match(req.fit_note_given, whole)
        if issued and waits and any_match(req.fit_note_extension, whole):
            # "Fit note issued for 2 weeks; if he needs longer, please extend it": the hospital covered
            # the recovery it expects, and only a need beyond it, if one arises, falls to the practice.
            return None
        return "fit_note"
    if _hands_over_shared_care(
        action, whole, before, after, cues, settings, agreement=agreement, named=shared_care_named
    ) or _monitors_unagreed_drug(action, unagreed_drugs, cues):
        return "shared_care"
    # "She would benefit from a health visitor follow-up - could the surgery arrange this?": the ask only
    # points back, to a service named earlier in its sentence or on the line before (a PDF wraps there).
    points_back = any_match(req.arrange_it, text) and (
        any_match(req.refer_onward, whole) or any_match(req.refer_onward, before.rstrip() + " " + text)
    )
    if not rerefer and (action.category == "referral" or any_match(req.refer_onward, text) or points_back):
        if any_match(req.referral_cancelled, text) or any_match(req.referral_done, text):
            # "Please cancel the community midwife referral", "we have referred her to physiotherapy":
            # undoing a referral, or one the hospital made itself, hands nothing over.
            return None
        if not_referred:
            # An Advice and Guidance reply: the patient stays the practice's, so any referral it suggests,
            # even one waiting on a repeat test, is the practice's first, not an onward one.
            return None
        if any_match(req.arrange_tests, text):
            # "refer her for a sleep study": a test the hospital wants is its own to arrange.
            return "call_and_recall"
        if settings.flag_onward_referral and any_match(req.outside_referral, before + "\n" + whole):
            # "I have not addressed this as it was not in the referral; if she wishes, please send a
            # separate referral": the hospital found the need and handed it back.
            return "onward_referral"
        exempt = any(p.search(text) for p in _exempt_patterns(tuple(settings.onward_referral_exempt)))
        # The onward-referral rule covers needs related to the condition referred: a need the letter
        # calls unrelated, or any referral when the hospital never took the patient on, is the practice's.
        # The need is often named in the sentence before the ask ("Mum raised her eczema, which flares in
        # winter. If it does not settle, please refer her to dermatology"; "This is nothing to do with
        # her asthma. Please refer her to dermatology").
        nearby = before + "\n" + (whole if own is None else own)
        exempt = exempt or not_referred or any_match(req.unrelated_need, nearby)
        exempt = exempt or any_match(req.raised_in_passing, nearby)
        # Support for a carer or relative meets their own need, not the patient's referred condition.
        exempt = exempt or any_match(req.not_patient_need, text)
        # The practice's own nurse or clinic is the practice organising its own care.
        exempt = exempt or any_match(req.within_practice, text)
        # A referral left to the practice's own judgement ("refer to audiology if you feel it is
        # appropriate") is advice to a clinician who will assess the need, not a referral handed over.
        exempt = exempt or any_match(req.gp_judgement, text)
        if action.conditional and not settings.flag_conditional_onward_referral:
            exempt = True
        # A need that waits on the patient's own future choice is no need the hospital knows of now.
        exempt = exempt or any_match(req.patient_choice, text)
        return "onward_referral" if settings.flag_onward_referral and not exempt else None
    declined = any_match(req.results_not_wanted, sentence)
    if declined:
        # "... checked in 3 months; no need to send the results to us": the practice keeps its check.
        for pattern in req.results_not_wanted:
            sentence = re.sub(pattern, " ", sentence, flags=FLAGS)
    explained = any_match(req.explained, sentence) or _on_changed_drug(text, changed_drugs) or (
        # "Darbepoetin can raise blood pressure. Please check her BP in 2 weeks": the reason is the
        # sentence before, about a drug this letter changed.
        _names_drug(before, changed_drugs) and any_match(req.drug_effect, before)
    ) or (
        # "Carbamazepine lowers the sodium, so please check it in 2 weeks. If the sodium is below 130,
        # let my secretary know": a threshold report on the practice's own explained check.
        any_match(req.condition, text) and any_match(req.bloods, before) and any_match(req.explained, before)
    )
    if any_match(req.wanted_for_decision, sentence):
        return "call_and_recall"
    if any_match(req.condition, text) and any_match(req.notify, text) and not any_match(req.test_asked, text):
        # "If her eGFR drops under 60, please let the rheumatology team know": the practice is asked to
        # pass on what it comes across in its own care, not to run a test for the hospital.
        return None
    if any_match(req.escalation, text):
        # "if he has a blackout, arrange an urgent ECG and contact us the same day": a safety net for a
        # deterioration the hospital must act on at once, not a routine test or result it hands over.
        return None
    if any_match(req.results_back, sentence):
        if not_referred and any_match(req.result_review, text) and not any_match(req.notify, sentence):
            # An Advice and Guidance reply: "review her in 6 weeks with the result" is the practice
            # seeing its own patient with its own test, with nothing passed back.
            return None
        return "call_and_recall"
    if any_match(req.arrange_tests, text):
        if explained and _only_practice_tests(text, cues):
            # "Please arrange an ECG in 2 weeks as we increased the citalopram": a test every practice
            # does itself, for the safety of a drug change, with nothing sent back, is safety monitoring.
            return None
        return "call_and_recall"
    names_test = (
        action.category in ("monitoring", "results")
        or any_match(req.bloods, text)
        or any_match(req.arrange_tests, text)
        or any_match(req.monitoring, text)
    )
    if any_match(req.results_back_conditional, sentence) and names_test and not explained:
        # "check his PSA and let us know if it rises" with no reason given: the practice is running
        # the hospital's surveillance. With a reason ("following these changes"), it is safety
        # monitoring; with no test at all ("let us know if she has more episodes"), a safety net.
        return "call_and_recall"
    if action.category == "results" and not explained and not declined:
        return "call_and_recall"
    if any_match(req.bloods, text) or any_match(req.monitoring, text) or action.category == "monitoring":
        if settings.flag_post_discharge_bloods and any_match(req.bloods, text):
            return "call_and_recall"
        if settings.flag_unexplained_monitoring and not explained:
            return "call_and_recall"
    return None


def _on_changed_drug(text: str, drugs: tuple[str, ...]) -> bool:
    """True when the request times its check by a drug this letter started or changed ("check a PSA in
    6 months on the finasteride", "bloods a week after starting the sacubitril"): the check follows the
    change it explains, not a condition the hospital keeps under surveillance."""
    lowered = text.lower()
    for drug in drugs:
        if drug not in lowered:
            continue  # its pattern needs the name as written: no pattern to compile, no search
        pattern = _ON_DRUG.get(drug)
        if pattern is None:
            pattern = _ON_DRUG.setdefault(
                drug,
                re.compile(_ON_DRUG_LEAD + re.escape(drug) + r"\b"),
            )
        if pattern.search(lowered):
            return True
    return False


def _names_drug(text: str, drugs: tuple[str, ...]) -> bool:
    """True when ``text`` names one of ``drugs`` as a word, or by its first word alone ("darbepoetin"
    for "darbepoetin alfa", as letters drop the qualifier after the first mention)."""
    lowered = text.lower()
    names = {n for drug in drugs for n in (drug, drug.split()[0]) if len(n) >= 5}
    return any(re.search(r"\b" + re.escape(name) + r"\b", lowered) for name in names)


_ON_DRUG: dict[str, re.Pattern[str]] = {}
_ON_DRUG_LEAD = (
    r"\b(on|while on|whilst on|after starting|since starting|after the start of|after the increase in"
    r"|after the change to)\s+(the |his |her |their |this |new )*"
)


def _only_practice_tests(text: str, cues: Cues) -> bool:
    """True when every test the request has arranged is one a practice does in its own rooms (a resting
    ECG): with those named tests taken out, no hospital test is left asked for."""
    tests = cues.requests.practice_tests
    if not any_match(tests, text):
        return False
    rest = text
    for pattern in tests:
        rest = re.sub(pattern, " ", rest, flags=FLAGS)
    return not any_match(cues.requests.arrange_tests, rest)


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
    asks_to_prescribe = action.category == "prescribing" or any_match(req.prescribe, text)
    asks_to_monitor = action.category == "monitoring" or any_match(req.bloods, text)
    names_drug = _names_shared_care_drug(text, drugs)
    if asks_to_prescribe and _names_shared_care_drug(text, drugs, asked=True):
        return True
    # Monitoring alone is shared care when it is the drug's standing schedule ("FBC and LFT every
    # month while on azathioprine") or goes with taking the drug on; a single check of a drug the
    # hospital still runs ("U&E and TFT in 4 weeks because he is on amiodarone") is safety monitoring.
    if asks_to_monitor and (names_drug or _names_shared_care_drug(whole, drugs)):
        if any_match(req.recurring, text) or any_match(req.prescribe, whole):
            return True
    if (
        asks_to_monitor
        and any_match(req.recurring, text)
        and not _listed_drugs(text, tuple(drugs))
        and _names_shared_care_drug(before, drugs)
    ):
        # "Take over prescribing of Concerta XL. Please monitor his BP, pulse and weight 6-monthly." (A
        # request naming a listed drug itself has said what it is about: "capecitabine potentiates
        # warfarin, so please check his INR weekly" monitors the warfarin, not the capecitabine.)
        return True
    if any_match(req.prescribe_it, text) and _names_shared_care_drug(
        _antecedent(action, whole, before, cues, drugs), drugs
    ):
        return True
    if asks_to_prescribe and any_match(req.specialist_only, whole + "\n" + after):
        # A drug the letter calls hospital-only, red-listed or off the local formulary: the
        # prescribing stays with the specialist (BMA: specialist or off-formulary drugs).
        return True
    if named and asks_to_prescribe and any_match(req.shared_care_missing, whole + "\n" + after):
        # The letter itself puts the drug under shared care, whatever the local list says: "Please
        # prescribe the tobramycin nebuliser. We do not have a shared care agreement with your area."
        return True
    return False


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


def _fit_note_issued_here(letter: Letter, findings: Findings, cues: Cues) -> bool:
    """True when the letter reports a fit note issued by the team writing, not one given at an earlier
    attendance elsewhere ("she was given a fit note at her ED visit")."""
    note = findings.fit_note
    if note.status != "issued":
        return False
    if note.evidence is None:
        return True
    text = letter.text
    left = max(text.rfind(". ", 0, note.evidence.start), text.rfind("\n", 0, note.evidence.start)) + 1
    stops = [x for x in (text.find(". ", note.evidence.end), text.find("\n", note.evidence.end)) if x >= 0]
    return not any_match(cues.requests.earlier_attendance, text[left : min(stops) if stops else len(text)])


def _sentence(letter: Letter, action: GpAction, others: list[GpAction], cues: Cues) -> str:
    """The request and the rest of its sentence, up to the next separate request.

    A tail like "and send us the result" belongs to the request before it, even when extraction
    made it an item of its own; any other request later in the sentence is judged on its own.
    """
    text = letter.text
    begin, end = action.evidence.start, action.evidence.end
    stops = _stops(text, end)
    right = min(stops) if stops else len(text)
    for other in sorted(others, key=lambda a: a.evidence.start):
        if (
            end <= other.evidence.start < right
            and not _results_tail(other.text, cues)
            and not _reports_for_all(text[other.evidence.start : right], cues)
        ):
            right = other.evidence.start
            break
    return _joined(action.text, text[begin:right])


def _results_tail(text: str, cues: Cues) -> bool:
    """True when an item only sends results back ("and send us the result"), with no request of its
    own: "recheck her HbA1c and send the result to us" is a request, judged apart from the one before."""
    req = cues.requests
    return any_match(req.results_back, text) and not any_match(req.own_request, text)


def _reports_for_all(rest: str, cues: Cues) -> bool:
    """True when the rest of the sentence sends back the results of every request in it ("... and
    arrange a DEXA scan, forwarding both results to me"): the report-back is the earlier request's too."""
    req = cues.requests
    return any_match(req.results_for_all, rest) and any_match(req.results_back, rest)


def _own_part(letter: Letter, action: GpAction, others: list[GpAction]) -> str:
    """The request's sentence from the end of the request before it to the start of the one after it
    (each only when in the same sentence): "he describes low mood which predates the epilepsy; please
    refer him to talking therapies, and refer him to neuropsychiatry" says the first need is older than
    the condition referred, and nothing of the second."""
    text = letter.text
    start, end = action.evidence.start, action.evidence.end
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = _stops(text, end)
    right = min(stops) if stops else len(text)
    for other in others:
        if other is action:
            continue
        if left <= other.evidence.end <= start:
            left = other.evidence.end
        if end <= other.evidence.start < right:
            right = other.evidence.start
    return _joined(action.text, text[left:right])


def _whole_sentence(letter: Letter, action: GpAction) -> str:
    text = letter.text
    start, end = action.evidence.start, action.evidence.end
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = _stops(text, end)
    return _joined(action.text, text[left : min(stops) if stops else len(text)])


def _sentence_before(letter: Letter, action: GpAction) -> str:
    """The sentence (or line) before the one holding the request, up to 300 characters."""
    text = letter.text
    start = action.evidence.start
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    if left <= 0:
        return ""
    prior = max(text.rfind(". ", 0, left), text.rfind("\n", 0, left)) + 1
    return text[max(prior, left - 300) : left]


def _sentence_after(letter: Letter, action: GpAction) -> str:
    """The sentence (or line) after the one holding the request, up to 300 characters."""
    text = letter.text
    stops = _stops(text, action.evidence.end)
    if not stops:
        return ""
    start = min(stops) + 1
    following = [x for x in (text.find(". ", start), text.find("\n", start)) if x >= 0]
    end = min(following) if following else len(text)
    return text[start : min(end, start + 300)]


def _stops(text: str, end: int) -> list[int]:
    """Where the sentence holding a request ending at ``end`` ends.

    A request quoted with its own full stop ends its sentence there: the next sentence is another
    matter, even when it asks for a result back.
    """
    at = end - 1 if end > 0 and text[end - 1] == "." else end
    return [x for x in (text.find(". ", at), text.find("\n", end)) if x >= 0]


def _joined(request: str, context: str) -> str:
    """The request and its context, joined by a line break so no cue reads across the join.

    Extraction may trim or rewrite the request, so both are matched; a space between them once let
    "let us know via the advice line" run into the "If" that opens the repeated sentence.
    """
    return request + "\n" + context


# A drug named with its strength ("venlafaxine 37.5 mg").
_STRENGTH = re.compile(r"\b\d+(\.\d+)?\s*(mg|micrograms?|mcg|g|units?|ml)\b", re.IGNORECASE)
# A sentence or line of the letter.
_SENTENCE = re.compile(r"[^.\n]+")
# Every shared_care_agreed and shared_care_missing cue names shared care in these words.
# England's "effective shared care agreement" (ESCA) and a "transfer of care/prescribing" agreement are the
# same arrangement in other words.
_SHARED_CARE = re.compile(
    r"shared[- ]care|\bESCAs?\b|\btransfer of (care|prescribing) (agreement|arrangement|protocol|document)",
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


@lru_cache(maxsize=8)
def _exempt_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The standard's exempt services, compiled once."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=8)
def _drug_names(drugs: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the whole list, compiled once: a pattern per drug, compiled at each call, once
    filled the re module's cache and cost more than the rest of the request rules."""
    names = sorted({d.lower() for d in drugs}, key=lambda n: (-len(n), n))  # same text each process
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + ")")


def _listed_drugs(text: str, drugs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(m.group(0) for m in _drug_names(drugs).finditer(text.lower()))


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
