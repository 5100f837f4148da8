"""Clauses of a request sentence: where a sentence splits into requests, and what each clause asks.

Why a module of its own: the finder (``request_finder.py``) decides which sentences of a letter speak to
the practice; this part reads one such sentence, splits it into one item per request ("Please check U&E
and refer to dietitian" is two), joins back the pieces that belong together (a bare condition, a "then"
step, a report back), and gives each its owner cue, category, timeframe and condition. ``ClauseReader``
is a mixin: ``RequestFinder`` builds the compiled patterns it reads. Where a sentence is cut into items and
which pieces are joined back lives in ``request_clause_merge.py`` (this module reads each item), the split
pattern itself in ``request_split.py``, and the questions asked of a clause (its category, verb kind,
timeframe) in ``request_clause_kinds.py``.
"""

from __future__ import annotations

import re

from .request_clause_merge import ClauseMerger
from .request_joins import _ALSO_TO, _OWNS_IT, _receiver_told
from .request_repeat_edits import join_repeat_edits
from .request_rules import (
    _CONDITION_END,
    _DASH_PLEASE,
    _DOES_THAT,
    _FRONTED,
    _NEGATION,
    _NOTHING,
    _RUN_ON,
    Request,
    _first,
)
from .rxfilter import Haystack

# A cue's part that is only a verb ("Repeat echo at 3/12 post optimisation - please request"): the words
# before it say what the request is.
_BARE_ASK = re.compile(
    r"\W*(?:please|pls|kindly|GP\s+to)\s+(?:request|arrange|organi[sz]e|book|do|action|refer"
    r"|follow\s+(?:this|it|these|them)\s+up)\W*",
    re.IGNORECASE,
)
_ASKS_FOR_TEST = re.compile(r"\b(?:request|arrange|organi[sz]e|book)\b", re.IGNORECASE)
# An ask that only sends the result on ("Liver ultrasound 6-monthly; please send the results to the liver
# unit")
_SENDS_RESULT = re.compile(
    r"\W*(?:please\s+|pls\s+|kindly\s+)?(?:send|forward|pass\s+on|copy|e-?mail|fax)\b", re.IGNORECASE
)
_GIVE_IT = re.compile(r"\b(?:give|administer|offer)\s+(?:it|them|this|one)\b", re.IGNORECASE)
# A report to someone other than the writer or the patient: "let the HF nurses know", "(text or) ring the
# result to the renal nurse line". Since round 9 it is a report back that stays with its request
# (fixtures/README); when a ";" still sets it apart, it keeps the condition of the step before it.
_THIRD_PARTY_REPORT = (
    r"(?:please\s+|pls\s+)?(?:(?:text|e-?mail)\s+or\s+)?"
    r"(?:(?:let|tell|inform|update|notify)\s+(?:the|our|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b"
    r"|(?:ring|phone|call|text)\s+(?:through\s+)?(?:the|any|his|her|these)\s+(?:\w+\s+)?"
    r"results?\s+(?:through\s+)?to\s+(?:the|our|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b)"
)
_THIRD_PARTY_RX = re.compile(_THIRD_PARTY_REPORT, re.IGNORECASE)
# What a condition on a finding says: a threshold or a word for a result ("if it is 6.0 or above", "if sperm
# are still present", "if the result is abnormal"); not the patient's life ("if she becomes pregnant")
_FINDING_WORD = re.compile(
    r"[<>≥≤]|\d|\b(?:results?|levels?|readings?|positive|negative|abnormal|raised|elevated|low|high|present|"
    r"rises?|falls?|drops?|persists?|persistently|still)\b",
    re.IGNORECASE,
)
# A report back opening an item: the result or a word sent to the writer or a named team ("let us know",
# "send us a copy", "text the result to the renal nurse line", "let our SDEC team know", "email the result
# to the upper GI nurses"); not a patient sent back ("send him back to SAU", a referral)
_REPORT_BACK = re.compile(
    r"[\W_]*(?:and\s+)?(?:(?:please|pls|kindly|also)\s+)*(?:"
    r"(?:let|tell|inform|notify|update)\s+(?:us|me|(?:the|our|his|her)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+know)\b"
    r"|(?:let|tell|inform|notify|update|contact|ring|phone|call)\s+(?:us|me)\b"
    r"|(?:send|forward|e-?mail|fax|copy)\s+(?:us|me)\b"
    r"|(?:send|forward|e-?mail|fax|pass)\s+(?:(?:it|them|this|these)\s+)?(?:back\s+|on\s+)?to\s+(?:us|me)\b"
    r"|(?:(?:text|e-?mail)\s+or\s+)?(?:send|forward|e-?mail|fax|text|ring|phone|copy)\s+(?:(?:it|them|the|a|any|his|her|this)\s+)?"
    r"(?:copy|results?|reports?|readings?|values?|levels?)\b"
    r"|(?:let|tell|inform|notify|ring|phone|call|contact|text|e-?mail)\s+(?:the|our|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|registrar|consultant)\b)",
    re.IGNORECASE,
)


class ClauseReader(ClauseMerger):
    """Splits a request sentence into clauses and reads each (the patterns are built by the finder)."""

    def _ruled_out(self, sent: str, hay: Haystack) -> bool:  # pragma: no cover - the finder's
        raise NotImplementedError

    def _opens_with_step(self, sent: str) -> bool:  # pragma: no cover - the finder's
        raise NotImplementedError

    def _sentence(
        self,
        text: str,
        s: int,
        e: int,
        in_gp: bool,
        cues: list[tuple[str, re.Pattern[str]]] | None = None,
        *,
        to_patient: bool = False,
    ) -> list[Request]:
        sent = text[s:e]
        lead_condition: str | None = None
        cm = self.condition.match(sent.lstrip())
        if cm is not None:
            comma = sent.find(",")
            if comma > 0:
                lead_condition = sent[cm.end() - (len(sent) - len(sent.lstrip())) : comma].strip() or None
        merged = self._items(sent, in_gp, self.cues if cues is None else cues)
        # "add apixaban to his repeat and remove warfarin": one item (fixtures/README)
        merged = join_repeat_edits(sent, merged, lambda t: self.category(t.rstrip(" .;,")) == "prescribing")
        out: list[Request] = []
        section_owner = self.rules.section_rule_id
        owner: str | None = section_owner if in_gp else None  # who the last clause belongs to
        active = self.cues if cues is None else cues
        hay = Haystack(sent)  # every clause below is a piece of this sentence
        hosp_item = _first(self.hospital, sent, hay) if in_gp and _first(active, sent, hay) is None else None
        if hosp_item is not None and _receiver_told(sent, hosp_item[1]):
            hosp_item = None
        if (
            hosp_item is not None
            and (
                hosp_item[1].start() < merged[0][1]
                or _OWNS_IT.match(sent, hosp_item[1].end()) is not None
                # "Apixaban should continue ...; the clinic will advise" (a statement), not a terse item or a
                # step ("Hydrocortisone tablets onto repeat; we have supplied 4 weeks")
                or not (self._opens_with_step(sent) or self._terse_item(sent[merged[0][0] : merged[0][1]]))
            )
        ):
            # an ownerless item the hospital owns ("Repeat OGD in 12 weeks; we will book this"); not one whose
            # last step is ours ("If ALT is below 80, restart ...; if not, email us and we will bring her
            # clinic forward")
            return out
        cued = [_first(active, sent[cs:ce], hay) is not None for cs, ce in merged] if in_gp else []
        for i, (cs, ce) in enumerate(merged):
            clause = sent[cs:ce]
            if not clause.strip():
                continue
            cue = _first(active, clause, hay)
            if to_patient and cue is None and self.patient_own.match(clause):
                owner = None  # "I have asked your GP to ...; please allow a week ...": the patient's
                continue
            # Under a GP heading, a clause with no cue, verb, time or kind of its own before a ";" and a
            # clause that asks is the reason for the ask ("4. Untreated apnoea lowers testosterone; I'd be
            # grateful if you could refer him"), not an item; a terse item ("Lipids at 3/12 - target <2.5;
            # pls add ...") stays.
            if (
                cue is None
                and owner == section_owner
                and any(cued[i + 1 :])
                and ";" in sent[ce : merged[i + 1][0] + 1]
                and self._verb_kind(clause) is None
                and self.timeframe(clause) is None
                and self.category(clause) == "other"
            ):
                continue
            first_in_gp = cs == 0 and owner == section_owner  # "GP: nothing routine required; if ..."
            negated = (cs > 0 and self.negated_clause.match(clause)) or (
                first_in_gp and _NOTHING.match(clause)
            )
            # A caution after a request in the same sentence goes with it ("Please start amlodipine; please
            # avoid diltiazem"); on its own it is a request ("please do not prescribe iron").
            if negated and (cue is None or (_NEGATION.match(clause) and (cue[0] not in self.caution or out))):
                continue  # "; he will get his fit note from you" has a cue of its own: not a statement
            hosp = _first(self.hospital, clause, hay)
            if hosp is not None and _receiver_told(clause, hosp[1]):
                hosp = None  # "..., with results to the HF nurses, who will titrate": who reads the result
            if cue is None and self.patient_clause.search(clause):
                owner = None  # "..., and if his weight rises he knows to contact the nurses": the patient's
                continue
            if cue is None and self.statement_clause.match(clause):
                continue
            if cue is None and self._ruled_out(clause, Haystack(clause)):
                continue  # "Daily weights - pt has scales; GP to r/v ...": the self-care part is not asked
            if (
                cue is None
                and cs > 0
                and ";" in sent[max(0, cs - 3) : cs]
                and self.fact_clause.match(clause)
                # "Please recheck his sodium; refer him to endocrinology if it is not improving": a step on
                # the test's result
                and not (
                    i > 0
                    and self._test_or_review(sent[merged[i - 1][0] : merged[i - 1][1]])
                    and self._step_after(clause)
                )
            ):
                continue
            if (
                cue is None
                and owner == section_owner
                and _first(self.weak_not_request, clause)
                and _ALSO_TO.match(clause) is None  # "... and also to the driving assessment centre"
            ):
                continue  # under a GP heading, "She works as a nurse; please issue a fit note": a description
            if cue and hosp and hosp[1].end() < cue[1].start():
                # A run-on ("... so I have added X and if potassium rises please stop it"): the request
                # starts after the last "and"/"so" between the hospital's part and the cue.
                joins = list(_RUN_ON.finditer(clause, hosp[1].end(), cue[1].start()))
                cs += joins[-1].end() if joins else cue[1].start()
                clause = sent[cs:ce]
                cue = _first(active, clause, hay)
                hosp = None
            # A cue inside the hospital's own words is how the request is told ("We have written to your GP
            # asking them to refer you"): the request stands.
            if cue and (hosp is None or cue[1].start() < hosp[1].end()):
                owner = cue[0]
            elif hosp:
                owner = None
            if owner is None:
                continue
            cstart, cend = s + cs, s + ce
            while cend > cstart and text[cend - 1] in " .,;:\t\n":
                cend -= 1
            if cend > cstart and text[cend - 1] == ")" and "(" not in text[cstart:cend]:
                cend -= 1  # "(recheck renal function in 2 weeks)": the bracket closes around the request
                while cend > cstart and text[cend - 1] in " .,;:\t\n":
                    cend -= 1
            if cend <= cstart:
                continue
            ctext = text[cstart:cend]
            condition = lead_condition
            # The category is read from the cue on: a reason ahead of it ("Because of the dose increase,
            # your GP surgery will need to check ...") is not the request.
            fronted = cue is not None and (
                _FRONTED.search(ctext, 0, cue[1].start()) is not None
                or _DASH_PLEASE.search(ctext, max(0, cue[1].start() - 4), cue[1].start() + 6) is not None
            )
            lead = cue[1].start() if cue is not None and fronted else 0
            what = ctext[lead:]
            cond_m = self.condition.search(ctext)
            if cond_m is not None:
                tail = ctext[cond_m.end() :]
                stop = _CONDITION_END.search(tail)
                cond_end = cond_m.end() + (stop.start() if stop else len(tail))
                if condition is None:
                    condition = ctext[cond_m.end() : cond_end].strip(" .") or None
                # The category is the request's, not its condition's ("titrate ramipril if BP ...").
                what = ctext[: cond_m.start()] + ctext[cond_end:]
                if lead <= cond_m.start():
                    what = what[lead:]
            if not what.strip(" ,.;:"):
                what = ctext  # "if his eGFR falls the dose should be reduced": all condition, so read it all
            if condition is None and out and out[-1].condition and _THIRD_PARTY_RX.match(ctext):
                condition = out[-1].condition  # "If K+ >5.5 please stop it and let the HF nurses know"
            # (a cue's own kind only in its clause: "GP f/u 2/52 + U&E at same visit" asks for a test after
            # it)
            own_kind = self.rules.cue_categories.get(owner) if cue is not None else None
            category = own_kind or self.category(what, sent)
            if (
                cond_m is not None
                and category not in ("results", "referral")
                and _REPORT_BACK.match(what) is not None
                and (
                    _FINDING_WORD.search(ctext, cond_m.end(), cond_end) is not None
                    or any(r.search(ctext, cond_m.end(), cond_end) for _, r in self.result_links)
                )
            ):
                # "let us know if K is above 5.5", "if sperm are still present please send us a copy": a
                # report back with a condition of its own is results (fixtures/README, one item or two)
                category = "results"
            if category == "other" and cond_m is not None:
                # "let us know if the white count falls below 3.5": the condition is the result; "extend it if
                # he is still unable to work": the condition says what is extended (a fit note)
                whole = self.category(ctext)
                category = whole if whole in ("results", "fit_note") else category
            if lead and category != "results" and self.pending_check is not None:
                if self.pending_check.search(ctext) is not None:
                    category = "results"  # "Serology is pending - please check it": chasing the result
            if lead and category != "fit_note" and self.category(ctext[:lead]) == "fit_note":
                category = (
                    "fit_note"  # "Pt requests fit note - GP to issue": what is issued sits before the cue
                )
            elif lead and len(what.split()) <= 3 and category in ("other", "prescribing"):
                # "Annual flu vaccine due - please give", "U&E in 1 week - please arrange": a bare ask whose
                # verb says little; what it asks for is named before it
                whole = self.category(ctext)
                category = whole if category == "other" or whole == "other" else category
            if (
                lead
                and (
                    category == "other"
                    or (category == "results" and (_ASKS_FOR_TEST.search(what) or _SENDS_RESULT.match(what)))
                )
                and self.condition.match(ctext.lstrip()) is None  # "If Hb has not risen, please send ..."
                and self.category(ctext[:lead]) == "monitoring"
            ):
                # "Repeat CXR in 6 weeks - please request it and act on the result"; "AFP 6-monthly; please
                # send the results to the liver unit" (a report back does not make it results:
                # fixtures/README)
                category = "monitoring"
            if cond_m is not None and _GIVE_IT.search(what):
                # "If he has not had the pneumococcal vaccine, could you please give it": what "it" is sits
                # in the condition.
                category = self.category(ctext, sent)
            if category == "other" and lead and (_DOES_THAT.search(what) or _BARE_ASK.fullmatch(what)):
                # "We would like a repeat PSA in 6 months - please could the practice organise this": the
                # cue's part only points back; the words before it say what the request is.
                category = self.category(ctext, sent)
            out.append(Request(cstart, cend, owner, category, self.timeframe(ctext, hay), condition))
        return out
