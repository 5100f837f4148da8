"""Which GP requests move hospital work onto the practice ("workload dump").

Rules follow the 2023 delivery plan priorities and the NHS Standard Contract as BMA/LMC guidance reads
them. The words are data (``requests`` in criteria_cues.yaml); the unsettled questions (post-discharge
bloods, unexplained monitoring, local referral routes, the shared-care drug list) are settings in the
standard so a trust or LMC can decide them. The shared-care rule lives in ``shared_care``, and the
stretches of letter text each request is read with in ``request_sentences``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..report import GpAction, InappropriateRule
from .cues import FLAGS, any_match, gated_search
from .request_conditions import (
    _before_team_decision,
    _check_before_referral,
    _check_on_line_before,
    _names_reviewed_test,
    _test_kinds,
    _tests_hospital_reviews,
    _threshold_condition,
)
from .request_sentences import _own_part, _sentence, _sentence_after, _sentence_before, _whole_sentence
from .shared_care import (
    _SHARED_CARE,
    _agreement_covers,
    _agreement_drugs,
    _drugs_without_agreement,
    _hands_over_shared_care,
    _monitors_unagreed_drug,
    _shared_care_agreed,
    _without_cleared_drugs,
)

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import Findings
    from ..standard import Standard
    from .cues import Cues


def flag_requests(letter: Letter, findings: Findings, standard: Standard, cues: Cues) -> list[GpAction]:
    """The letter's GP actions, each copied with ``inappropriate`` and ``rule`` decided afresh."""
    did_not_attend = (
        findings.did_not_attend or any_match(cues.requests.did_not_attend, letter.text)
    ) and not any_match(cues.requests.attended_after_all, letter.text)
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
    reasons = "\n".join(c.reason for c in findings.medication_changes if c.reason)
    reason_tests = _test_kinds(reasons, cues) if reasons else frozenset()
    reviewed = _tests_hospital_reviews(letter.text)
    flagged: list[GpAction] = []
    for action in findings.gp_actions:
        sentence = _sentence(letter, action, findings.gp_actions, cues)
        whole = _whole_sentence(letter, action)
        before = _sentence_before(letter, action)
        # What the sentence says before a referral belongs to the first referral in it, not to a
        # check asked for first ("he mentioned his hearing, unrelated to his legs; please check his
        # lipids and refer him to audiology").
        leads = [a for a in findings.gp_actions if a is action or _is_referral(a, cues)]
        rule = classify(
            action,
            sentence,
            whole,
            standard,
            cues,
            own=_own_part(letter, action, findings.gp_actions, leads),
            lead=_lead_before(letter, action),
            did_not_attend=did_not_attend,
            agreement=agreement and _agreement_covers(action.text, agreed_drugs, drugs),
            shared_care_named=named,
            before=before,
            not_referred=not_referred,
            after=_sentence_after(letter, action),
            fit_note_issued=note_issued,
            practice_note=practice_note,
            unagreed_drugs=unagreed,
            changed_drugs=changed,
            reason_tests=reason_tests,
            reviewed_tests=reviewed,
            after_own_review=_own_review_before(flagged, whole, before),
            after_recall=_recall_before(flagged, whole, before),
            after_test=_test_before(flagged, whole, before),
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
    reason_tests: frozenset[int] = frozenset(),
    practice_note: bool = False,
    reviewed_tests: tuple[str, ...] = (),
    own: str | None = None,
    lead: str = "",
    after_own_review: bool = False,
    after_recall: bool = False,
    after_test: bool = False,
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
    ``reason_tests`` are the kinds of measurement (``test_kinds``) the letter gives as reasons for its
    medicine changes: a check of one of them re-measures what a change was made for.
    ``reviewed_tests`` are tests whose results the letter says the hospital will review itself.
    ``practice_note`` says the letter calls the patient's current fit note the practice's own.
    ``own`` is the request's own part of its sentence, between the requests before and after it there
    (default: the whole sentence): what it says about the need ("low mood which predates the epilepsy")
    is about this request, not the next one in the sentence.
    ``lead`` is the sentence before the request's words: "please r/v leg and if spreading beyond the pen
    mark, " when extraction cut the request after its condition.
    ``after_own_review`` says the request just before it is a review the practice holds, unflagged: a test
    done "at that visit" is part of the practice's own review.
    ``after_recall`` says the request just before it (in its sentence or on the line before) is a test handed
    over as the hospital's own (call_and_recall): passing that test's result back is the same recall.
    ``after_test`` says the request just before it (in its sentence or on the line before) is a test the
    practice is asked to do: "act on the results" after it is the practice acting on its own test.
    """
    text = action.text
    req = cues.requests
    settings = standard.settings.requests
    if any_match(req.not_asked, text) or any_match(req.as_before, text):
        return None
    rerefer = any_match(req.rerefer, text)
    waits = action.conditional or any_match(req.condition, text)
    if rerefer and not waits and lead:
        # "please r/v leg at 48-72 hrs and if spreading beyond the pen mark, refer back": a condition
        # clause just before the request, left open up to it, is the request's own condition, however
        # extraction cut the sentence.
        clause = _OPEN_CONDITION.search(lead)
        waits = clause is not None and any_match(req.condition, clause.group(0))
    on_result = waits and any_match(req.result_threshold, text)
    if rerefer and did_not_attend and not on_result:
        # (A re-referral that waits on a result the practice's own check measures, "re-refer should his
        # eGFR fall below 45", is that check's safety net, not the missed appointment handed back.)
        return "dna_rereferral"
    if rerefer and any_match(req.rerefer_recall, text):
        return "call_and_recall"
    if rerefer and on_result and (_check_before_referral(whole) or _check_on_line_before(before, text, cues)):
        # "repeat his FIB-4 every three years, and if it rises above 1.3, please re-refer him for a repeat ELF
        # test": a re-referral on a threshold of the practice's own check, asked just before, is that check's
        # safety net, even when the hospital will run a test of its own once he is back.
        return None
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
        # ("please extend his fit note as required until he is fit to return": "as required" sets no
        # condition of its own, so the hospital hands over the longer absence it expects)
        waits_on = action.conditional or any_match(req.condition, _AS_NEEDED.sub(" ", text))
        if issued and waits_on and any_match(req.fit_note_extension, whole):
            # "Fit note issued for 2 weeks; if he needs longer, please extend it": the hospital covered
            # the recovery it expects, and only a need beyond it, if one arises, falls to the practice.
            return None
        return "fit_note"
    # Checks whose results go back to the team ("FBC every 2 weeks on the new drug; please arrange these and
    # forward the results to me") are the team's recall, even of a specialist drug; a drug's schedule with
    # only a threshold alert ("..., and let us know of any white count below 3.5") is its shared care.
    recall = (
        action.category == "monitoring"
        and any_match(req.results_back, text)
        and not any_match(req.prescribe, text)
    )
    if not recall and (
        _hands_over_shared_care(
            action, whole, before, after, cues, settings, agreement=agreement, named=shared_care_named
        )
        or _monitors_unagreed_drug(action, unagreed_drugs, cues)
    ):
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
        # A referral that waits on a threshold of what the practice's own check, asked in the same
        # sentence, measures ("check her cholesterol in 3 months and refer to the lipid clinic if LDL is
        # still above 1.8") is that check's safety net, as a re-referral on a result is. A referral only
        # timed by a result ("once eGFR is above 40"), or on a result the practice is not asked to take
        # ("if the echo shows an EF under 40%, please refer"), is a need the hospital hands over.
        # The same when a list puts the check on the line before ("- Recheck sodium in 1 week", "- Refer
        # to endocrinology if sodium is not above 130 by then").
        exempt = exempt or (
            _threshold_condition(text, cues)
            and (_check_before_referral(whole) or _check_on_line_before(before, text, cues))
        )
        # The same for a review: "review him in 3 months to see whether the dose has helped; if it has not,
        # please refer him" leaves the referral to what the practice's own review finds.
        exempt = exempt or (action.category == "review" and bool(action.conditional))
        # A need that waits on the patient's own future choice is no need the hospital knows of now.
        exempt = exempt or any_match(req.patient_choice, text)
        return "onward_referral" if settings.flag_onward_referral and not exempt else None
    declined = any_match(req.results_not_wanted, sentence)
    if declined:
        # "... checked in 3 months; no need to send the results to us": the practice keeps its check,
        # and the words that decline the report are no report asked for, in its sentence or its own text
        # ("HbA1c in 3 months - no need to send it to us").
        for pattern in req.results_not_wanted:
            sentence = re.sub(pattern, " ", sentence, flags=FLAGS)
            text = re.sub(pattern, " ", text, flags=FLAGS)
    explained = (
        any_match(req.explained, sentence)
        or _on_changed_drug(text, changed_drugs)
        or (
            # "Citalopram reduced given sodium 129 and QTc 486" ... "please repeat his sodium and an ECG in 2
            # weeks": the check re-measures what this letter's change was made for.
            bool(reason_tests) and bool(_test_kinds(text, cues) & reason_tests)
        )
        or (
            # "Darbepoetin can raise blood pressure. Please check her BP in 2 weeks": the reason is the
            # sentence before, about a drug this letter changed.
            _names_drug(before, changed_drugs) and any_match(req.drug_effect, before)
        )
        or (
            # "Carbamazepine lowers the sodium, so please check it in 2 weeks. If the sodium is below 130,
            # let my secretary know": a threshold report on the practice's own explained check.
            any_match(req.condition, text)
            and any_match(req.bloods, before)
            and any_match(req.explained, before)
        )
    )
    if (
        after_own_review
        and _AT_THAT_REVIEW.search(text) is not None
        and not any_match(req.results_back, sentence)
    ):
        # "Review heart rate and symptoms in 1 week" / "Repeat ECG at that visit": the test is done at the
        # practice's own review, asked just before, with nothing sent back.
        return None
    if (
        any_match(req.wanted_for_decision, sentence)
        # ("check her thyroid function, and let me know if the TSH is suppressed, as that would change my
        # management": the reason, said once for the sentence, is the test's too)
        or (action.category in ("monitoring", "results") and any_match(req.wanted_for_decision, whole))
        or _before_team_decision(text, before, after, cues)
    ):
        return "call_and_recall"
    if action.category in ("monitoring", "results") and _names_reviewed_test(text, reviewed_tests):
        # "send a repeat sputum sample for culture ..." and "I will review him with the culture results": the
        # practice is asked to run the test whose result the hospital will act on (its recall).
        return "call_and_recall"
    if (
        after_recall
        and action.category == "results"
        and any_match(req.notify, text)
        and (any_match(req.result_threshold, text) or _RESULT_WORD.search(text) is not None)
    ):
        # "Please check his PSA in 3 months (the hospital's surveillance)" and "let us know if it is above 4",
        # "if bilirubin still raised please email the result to the upper GI nurses": the result of the
        # hospital's own test passed back (not "if she develops low mood, let us know": no result of it).
        return "call_and_recall"
    if any_match(req.condition, text) and any_match(req.notify, text) and not any_match(req.test_asked, text):
        # "If her eGFR drops under 60, please let the rheumatology team know": the practice is asked to
        # pass on what it comes across in its own care, not to run a test for the hospital.
        return None
    if any_match(req.escalation, text):
        # "if he has a blackout, arrange an urgent ECG and contact us the same day": a safety net for a
        # deterioration the hospital must act on at once, not a routine test or result it hands over.
        return None
    if (
        action.category == "review"
        and any_match(req.result_review, text)
        and _POINTED_RESULT.search(text) is not None
        and any_match(req.bloods, before)
        and not any_match(req.notify, sentence)
    ):
        # "HbA1c in 3 months. Please review her in 3 months with that result": the practice sees its own
        # patient with the result of its own test, asked just before, and passes nothing back.
        return None
    if (
        action.category == "results"
        and _ACTS_ON_RESULT.match(text) is not None
        and after_test
        and not any_match(req.notify, text)
    ):
        # "check his U&E, LFT and TFT in 4 weeks" / "act on the results": the practice acting on the result
        # of the test asked before it passes nothing back
        return None
    if any_match(req.results_back, sentence) and not (
        # "Please review her in 6 weeks; I would be grateful if you could arrange spirometry ... and send us
        # the result": the report back is the next request's, not the review's
        action.category == "review"
        and _ASKS_REVIEW.match(text) is not None
        and own is not None
        and not any_match(req.results_back, own)
    ):
        if not_referred and any_match(req.result_review, text) and not any_match(req.notify, sentence):
            # An Advice and Guidance reply: "review her in 6 weeks with the result" is the practice
            # seeing its own patient with its own test, with nothing passed back.
            return None
        return "call_and_recall"
    if any_match(req.arrange_tests, text):
        if not_referred:
            # An Advice and Guidance reply: the patient stays the practice's, and a test it suggests the
            # practice arrange, with nothing sent back, is the practice's own work-up of its patient.
            return None
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


def _said_in(prev: GpAction, whole: str, before: str) -> bool:
    """Whether an earlier request stands in this request's sentence or the sentence before it."""
    return prev.text in whole or prev.text in before


def _own_review_before(flagged: list[GpAction], whole: str, before: str) -> bool:
    """True when one of the two requests just before (in the same sentence or the one before) is a review
    the practice holds, not flagged."""
    return any(
        prev.category == "review" and not prev.inappropriate and _said_in(prev, whole, before)
        for prev in flagged[-2:]  # ("review HR in 1 week; increase bisoprolol if ..." / "ECG at that visit")
    )


def _test_before(flagged: list[GpAction], whole: str, before: str) -> bool:
    """True when the request just before (in the same sentence or the one before) is a test."""
    return bool(flagged) and flagged[-1].category == "monitoring" and _said_in(flagged[-1], whole, before)


def _recall_before(flagged: list[GpAction], whole: str, before: str) -> bool:
    """True when the request just before (in the same sentence or the one before) is a test flagged as the
    hospital's own (call_and_recall)."""
    return _test_before(flagged, whole, before) and flagged[-1].rule == "call_and_recall"


# "as required", "as needed", "PRN": how often, not a condition
_AS_NEEDED = re.compile(r"\bas\s+(?:needed|required|necessary)\b|\bprn\b", re.I)
# a request that opens by asking to see or review the patient ("Please review her in 6 weeks")
_ASKS_REVIEW = re.compile(
    r"\W*(?:(?:please|pls|kindly|also|GP\s+to)\s+)*(?:review|r/v|see)\s+(?:him|her|them|the\s+patient)\b",
    re.I,
)
# a request that only acts on a result ("act on the results", "action the result")
_ACTS_ON_RESULT = re.compile(
    r"\W*(?:(?:please|pls|kindly|and|then)\s+)*(?:act\s+on|action)\s+(?:the\s+|any\s+|these\s+|those\s+)?"
    r"(?:results?|findings|it|them)\W*$",
    re.IGNORECASE,
)
# a result named ("the result", "the level", "her reading")
_RESULT_WORD = re.compile(r"\b(?:results?|levels?|readings?|values?)\b", re.IGNORECASE)


# a test timed to a review named just before ("at that visit", "at the same review", "when you see her")
_AT_THAT_REVIEW = re.compile(
    r"\b(?:at|during)\s+(?:that|the\s+same|this|the|that\s+same)\s+(?:visit|review|appointment|consultation|"
    r"check)\b|\bwhen\s+you\s+(?:see|review)\s+(?:him|her|them)\b",
    re.IGNORECASE,
)


def _is_referral(action: GpAction, cues: Cues) -> bool:
    """True when the request is a referral of the patient to a service (the need described before it in
    its sentence is the one it refers for)."""
    return action.category == "referral" or any_match(cues.requests.refer_onward, action.text)


def _lead_before(letter: Letter, action: GpAction) -> str:
    """Up to 120 characters of the request's sentence (or line) before the request's words."""
    text = letter.text
    start = action.evidence.start
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    return text[max(left, start - 120) : start]


# "with that result", "with the results": a result named as one already asked for
_POINTED_RESULT = re.compile(r"\bwith\s+(?:that|this|the|those|these)\s+(?:\w+\s+)?results?\b", re.IGNORECASE)
# A condition clause still open where the request starts ("... and if spreading beyond the pen mark, ").
_OPEN_CONDITION = re.compile(r"\b(if|should|unless)\b[^;:\n]*$", re.IGNORECASE)


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


@lru_cache(maxsize=8)
def _exempt_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The standard's exempt services, compiled once."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
