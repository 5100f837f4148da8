"""The details of one change: doses before and after, reason, restart plan (part of ``la_med_changes``).

Why a separate module: once a trigger is tied to a drug, what the letter says around the pair decides the
record: "from 5 mg to 10 mg" gives the doses and, for a bare "changed", the direction; "due to AKI" the
reason; "until eGFR recovers" turns a stop into a withhold; "this was stopped before discharge" undoes a
start. Switches ("from A to B": two records that name each other) are read in ``med_switches.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span

from .med_doses import DOSE, FREQ_WORDS, FROM_TO, PER_DAY, TO_DOSE, dose_direction
from .med_ties import TieRules, Trigger

_RESTARTED = re.compile(
    r"\W*(?:it|this|they|these|both|and)?\s*(?:was|were|has been|have been)?\s*"
    r"(?:re-?started|resumed|re-?introduced|re-?commenced)\b"
    r"(?! (?:when|once|if|after|on (?:discharge|day \d+ if)))",
    re.IGNORECASE,
)
# "commenced on quetiapine ..., but this was stopped before discharge": started and stopped within the stay
# "stop omeprazole 20 mg for the 12 weeks": a stop that lasts a stated while is a hold, even with no restart
# written ("while on apixaban" is not, that may be for life; nor is "for now", the gold reads that as a stop)
_HOLD_FOR = re.compile(
    r"[ \t,]*(?:for\s+(?:the\s+)?(?:next\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|ten|twelve|few)"
    r"\s+(?:days?|weeks?|months?)|for\s+the\s+duration\s+of"
    r"|during\s+(?:the|this|her|his|their)\s+(?:course|treatment))\b",
    re.IGNORECASE,
)
# a hold around a procedure that ends the next day with no condition: no change goes home with the patient
# ("Aspirin 75 mg held 7/7 pre-op - restart tomorrow"; but "restart tomorrow if no wound ooze" is a hold)
_PAUSED_FOR_PROCEDURE = re.compile(
    r"[^.\n]{0,60}?\b(?:pre-?op(?:eratively)?|pre-?procedure|(?:before|prior to|ahead of)\s+(?:the\s+|her\s+"
    r"|his\s+|their\s+|this\s+|today'?s\s+)?(?:procedure|surgery|operation|op|endoscopy|colonoscopy|biopsy"
    r"|scope|extraction))\b[^.\n]{0,60}?[;,\-–]\s*(?:and\s+)?(?:(?:he|she|they|you)\s+)?(?:(?:may|can|should|will|to)\s+)?"
    r"(?:re-?start|resume|recommence)\w*\s+(?:(?:it|this|them)\s+)?(?:tomorrow|tonight|this\s+evening"
    r"|the\s+(?:next|following)\s+(?:day|morning))\b(?![^.;\n]*\b(?:if|once|when|unless|provided|after)\b)",
    re.IGNORECASE,
)
_UNDONE = re.compile(
    r"[^.\n]{0,120}?\b(?:this|it|which|they|these|the latter)\s+(?:was|were|has been|had been|have been)\s+"
    r"(?:then\s+|later\s+|subsequently\s+|also\s+)?(?:stopped|discontinued|ceased|withdrawn)\s+"
    r"(?:again\s+)?(?:before|prior to|ahead of|by the time of)\s+(?:her |his |their )?discharge",
    re.IGNORECASE,
)
# "TAMSULOSIN 400 MICROGRAMS OD - STOP WHEN STENT REMOVED": a plain "stop" with its condition is a planned end
_WAS = re.compile(rf"\b(?:was(?:\s+on)?|previously|prev\.?|from)\s+({DOSE})", re.IGNORECASE)
# "Furosemide IV -> oral 40 mg OD": the dose on the far side of an arrow (a route word may come first)
_ARROW_DOSE = re.compile(rf"(?:->|→|=>)\s*(?:[a-z]+\s+)?({DOSE})", re.IGNORECASE)
_TRAILING_JOIN = re.compile(r"[\s,;]+(?:and|or|but|then|so|which)$", re.IGNORECASE)


# a reduction that ends the drug: "reduce ... for 2 weeks, then stop", "taper over a month and stop"
_THEN_STOP = re.compile(
    r"[^.;\n]{0,140}?(?:,\s*|\s)(?:and\s+)?then\s+(?:to\s+)?(?:stop|discontinue|cease)(?:\s+(?:it|them|completely|altogether))?\s*(?:[.;\n]|$)"
    r"|[^.;\n]{0,80}?\sand\s+(?:then\s+)?(?:stop|discontinue|cease)\s+(?:it|them|completely|altogether)?\s*(?:[.;\n]|$)",
    re.IGNORECASE,
)
# the next sentence says the course is over: "Course now complete.", "Treatment completed on 20/11."
_COURSE_DONE_NEXT = re.compile(
    r"[^.\n]{0,120}?\.\s+(?:the\s+|this\s+|that\s+|his\s+|her\s+)?(?:course|treatment|antibiotics?)"
    r"(?:\s+(?:is|was|has\s+been|have\s+been|were))?\s+(?:now\s+)?(?:complete|completed|finished|done)\b",
    re.IGNORECASE,
)
_NOT_RESTARTED = re.compile(
    r"\b(?:not (?:been |to be )?(?:re-?started|resumed)"
    # "not to be restarted for now": a pause, not an end
    r"(?! (?:until|unless|without|before|if|for now|for the (?:time being|moment|present)|yet|at present))"
    r"|permanently)\b",
    re.IGNORECASE,
)
# words after a reason cue that make it a time or a manner, not a reason ("for now", "as often as needed")
_NOT_A_REASON = re.compile(
    r"(?:now|the time being|the moment|the present|the (?:next|last|rest|remainder)|life|today"
    r"|a (?:further|short|while|few)"
    r"|(?:one|two|three|four|five|six|seven|ten|fourteen|\d+) (?:more )?(?:days?|weeks?|months?)"
    r"|often|long|soon|much|well|before|above|below|agreed|planned|discussed|usual|normal|required|needed)\b",
    re.IGNORECASE,
)
# where a reason clause ends: a new clause with its own subject or verb, a dash, a semicolon, a cell bar
_REASON_END = re.compile(
    r"\s*(?:;|\||\s[-–—]\s|\.(?:\s|$)|\n|,?\s+(?:and|but|so|then|whereas|although|while)\s+(?:we|I|he|she|they"
    r"|it|this|you|the GP|please|will|have|has|started|stopped|increased|reduced|added|held)\b"
    r"|,\s*(?:which|so|but|please|and)\b)",
    re.IGNORECASE,
)
# a reason written before the change: "Her eGFR has fallen to 28, so I have stopped metformin"; "As her
# potassium was 6.1, we stopped spironolactone"; "Given the AKI, ramipril was held"
_SO_BEFORE = re.compile(
    r"[,;]?\s*(?:\band\s+)?\b(?:so|therefore|hence|which is why|for this reason)\s*,?\s+"
    r"(?:(?:I|we|I've|we've)\s+(?:have\s+|had\s+|will\s+)?(?:now\s+|also\s+)?)?(?:the\s+|her\s+|his\s+)?$",
    re.IGNORECASE,
)
_CUE_FIRST = re.compile(
    r"\b(?:as|because|since|given(?:\s+that)?|due\s+to|in\s+view\s+of|owing\s+to|with)\s+([^,;\n]{3,160}?),\s+"
    r"(?:(?:I|we|I've|we've)\s+(?:have\s+|had\s+)?(?:now\s+|also\s+)?)?(?:the\s+|her\s+|his\s+)?$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^[\s•*\-–\d.)]*")


def _reason_before(text: str, cs: int, end: int) -> str | None:
    """A reason stated before the change in its own clause, or None (see _SO_BEFORE and _CUE_FIRST)."""
    before = text[cs:end]
    if not before.strip() or "\n" in before.strip():
        return None
    lead = _LEAD_IN.match(before)
    body = before[lead.end() if lead else 0 :]
    m = _CUE_FIRST.fullmatch(body)
    if m:
        reason = m.group(1)
    else:
        so = _SO_BEFORE.search(body)
        if so is None or so.start() < 3:
            return None
        reason = body[: so.start()]
    reason = reason.strip(" ,;:-")
    return reason[:200] or None


# a drug that begins a new list item inside what would be the reason ("for BP, and ramipril for ...")
_NEXT_ITEM = re.compile(r"(?:,|\band\b|\bthen\b)\s*(?:(?:a|an|the|his|her|also|started|added)\s+){0,2}$")
_QUESTION = re.compile(r"[^.?!\n]{0,80}(?<=\w)\?(?=\s|$)")  # not "?SIADH" (a query in terse notes)
_BACK_TO = re.compile(r"\s+back\s+to\b", re.IGNORECASE)
_NOW_DOSE = re.compile(rf"\bnow\s+({DOSE})", re.IGNORECASE)
_TO_DOSE_NEXT = re.compile(rf"\s+to\s+({DOSE})", re.IGNORECASE)


def _drugs_after(doc: Doc, pos: int) -> Iterator[Span]:
    """The drug mentions starting after ``pos``, found by bisecting one cached list of starts per Doc."""
    group = doc.spans.get("drugs", [])
    starts = doc.user_data.get("la_drug_starts")
    if starts is None or len(starts) != len(group):
        starts = doc.user_data["la_drug_starts"] = [x.start_char for x in group]
    for k in range(bisect_right(starts, pos), len(starts)):
        yield group[k]


def _led_by(doc: Doc, text: str, d: Span, upto: int) -> bool:
    """True when the line holding ``upto`` starts with ``d``'s drug and a colon or dash after it."""
    generic = (d._.drug or {}).get("generic")
    line_start = text.rfind("\n", 0, upto) + 1
    lead = next((o for o in doc.spans.get("drugs", []) if o.start_char >= line_start), None)
    return (
        lead is not None
        and (lead._.drug or {}).get("generic") == generic
        and re.fullmatch(r"[\s\-–•*\d.)]*", text[line_start : lead.start_char]) is not None
        and re.match(r"[^\n]{0,40}?\s*[:\-–]", text[lead.end_char : upto]) is not None
    )


def _same_drug_before(doc: Doc, text: str, d: Span, upto: int) -> str | None:
    """The dose written after an earlier mention of ``d``'s drug on the same line, before ``upto``.

    "" when that drug is named earlier on the line with no dose; None when it is not named there.
    Why: a switch whose old and new products are one generic changes the dose or the form, not the drug.
    """
    generic = (d._.drug or {}).get("generic")
    line_start = text.rfind("\n", 0, upto) + 1
    for o in doc.spans.get("drugs", []):
        if o.start_char >= upto:
            break
        if o.start_char < line_start or (o._.drug or {}).get("generic") != generic:
            continue
        return _dose_then(text, o.end_char, upto) or ""
    return None


def _dose_then(text: str, start: int, end: int) -> str | None:
    """The first dose written in ``text[start:end]`` with the words after it (its frequency), or None."""
    m = re.search(rf"({DOSE})", text[start:end], re.IGNORECASE)
    if not m:
        return None
    return " ".join(text[start + m.start() : min(end, start + m.end() + 30)].split())


# "instead of 8 mg", "instead of three times a day": a switch to the drug's own new dose or frequency
_INSTEAD_OF_DOSE = re.compile(
    rf"\s+(?:the\s+|your\s+|his\s+|her\s+)?(?:usual\s+|previous\s+|current\s+)?"
    rf"((?:\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg|g|units?|ml)\b|{FREQ_WORDS.pattern[3:-3]})(?:[^\n.;)]{{0,20}})?)",
    re.IGNORECASE,
)


def _dose_or_frequency_direction(new_text: str, old: str) -> str | None:
    """increase / decrease from the dose (or, lacking one, the frequency) written before "instead of"."""
    doses = list(re.finditer(r"\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg|g|units?|ml)\b", new_text, re.I))
    if doses and re.match(r"\d", old):
        return dose_direction(old, doses[-1].group(0))
    freqs = list(FREQ_WORDS.finditer(new_text))
    was = FREQ_WORDS.search(old)
    if not freqs or was is None or re.match(r"\d", old):
        return None
    a, b = PER_DAY.get(was.group(1).lower()), PER_DAY.get(freqs[-1].group(1).lower())
    if a is None or b is None or a == b:
        return None
    return "increase" if b > a else "decrease"


class ChangeDetails(TieRules):
    """Mixin for MedChangeFinder: one change record from a tied trigger and drug."""

    rx_reason: re.Pattern[str]
    rx_restart: re.Pattern[str]
    rx_restart_clause: re.Pattern[str]

    def _make(
        self,
        doc: Doc,
        text: str,
        action: str,
        rule: str,
        d: Span,
        cs: int,
        ce: int,
        t: Trigger | None,
        nxt: tuple[int, int] | None,
    ) -> dict[str, Any] | None:
        dosage = d._.dosage or {}
        info = d._.drug or {}
        after_drug = self._phrase_end(d)
        tail_from = max(after_drug, t.end if t else after_drug)
        # "stopped her nitrofurantoin ... and started cefalexin ... until surgery": a restart cue after
        # the next drug named in the clause is that drug's, and so are its doses ("started on quetiapine,
        # titrated to 150 mg, and his sertraline was increased from 100 mg to 150 mg")
        other = next(
            (
                o.start_char
                for o in _drugs_after(doc, tail_from - 1)
                if o.start_char >= ce or (o._.drug or {}).get("generic") != info.get("generic")
            ),
            ce,
        )
        other = min(other, ce)
        dose_before = dose_after = None
        m = FROM_TO.search(text, d.start_char, max(other, tail_from))
        if m:
            dose_before, dose_after = " ".join(m.group(1).split()), " ".join(m.group(2).split())
        elif action in ("increase", "decrease", "change") and (
            m2 := TO_DOSE.search(text, d.start_char, max(other, tail_from))
        ):
            dose_after = " ".join(m2.group(1).split())
        restart = None
        rm = self.rx_restart.search(text, tail_from, max(other, tail_from))
        if rm:
            restart = text[rm.start() : ce].strip(" .;,")
        elif nxt and self.rx_restart_clause.match(text[nxt[0] : nxt[1]]):
            restart = text[nxt[0] : nxt[1]].strip(" .;,")
        if action == "stop" and rm:
            action = "withhold"
        elif action == "stop" and t is not None and t.end <= d.start_char:
            duration = str(dosage.get("duration") or "")
            hm = _HOLD_FOR.match(text, after_drug)
            if hm or duration.lower().startswith("for "):
                action = "withhold"
                if duration.lower().startswith("for "):
                    restart = restart or duration
                elif hm:
                    restart = restart or text[hm.start() : ce].strip(" .;,") or None
        if (
            action == "decrease"
            and t is not None
            and (ts := _THEN_STOP.match(text, max(t.end, d.end_char)))
            and not any(o.start_char < ts.end() for o in _drugs_after(doc, max(t.end, d.end_char)))
            and _led_by(doc, text, d, min(t.start, d.start_char))
        ):
            # a list line led by the drug ("Sodium valproate: ... reduce Epilim to 500 mg at night for 2
            # weeks, then 300 mg for 2 weeks, then stop") sets out its end, as a status column would; a
            # reduction told in prose ("I have reduced this to 2 mg ..., then stop") stays a decrease
            action = "stop"
        if action == "start" and _UNDONE.match(text, self._phrase_end(d)):
            return None
        if _QUESTION.match(text, max(d.end_char, t.end if t else d.end_char)):
            return None  # "We have added sodium zirconium cyclosilicate? No - on reflection": not a statement
        if action == "withhold" and nxt and _RESTARTED.match(text, nxt[0], nxt[1]):
            return None  # "...was withheld during admission; it was restarted on day 6": no net change
        if action == "withhold" and _PAUSED_FOR_PROCEDURE.match(text, tail_from, nxt[1] if nxt else ce):
            return None  # "Aspirin was held for 5 days before the procedure; restart tomorrow": over by now
        if (
            action == "withhold"
            and not restart  # "HELD; restart in 2 weeks if ... (consider stopping permanently)": a hold
            and _NOT_RESTARTED.search(text, tail_from, self._own_line(text, d, tail_from))
        ):
            action = "stop"  # "Gliclazide 80 mg - WITHHELD. Hypoglycaemia on admission; not restarted."
        if (
            action == "switch"
            and t is not None
            and t.rule.id == "switch_instead_of"
            and t.start >= d.end_char
            and (was := _INSTEAD_OF_DOSE.match(text, t.end))
        ):
            # "you will now take one tablet four times a day instead of three times a day", "take 4 mg each
            # day (instead of 8 mg)": what the drug is replaced by is its own old dose or frequency
            action = _dose_or_frequency_direction(text[d.end_char : t.start], was.group(1)) or ""
            if not action:
                return None
            dose_before = " ".join(was.group(1).split())
        if action == "switch" and t is not None and _BACK_TO.match(text, t.end):
            return None  # "switched back to oral furosemide": the route changed back, not a new drug
        if (
            action == "switch"
            and t is not None
            and t.start >= d.end_char
            and dosage.get("dose")
            and (m3 := _TO_DOSE_NEXT.match(text, t.end))
        ):
            # "Furosemide 40 mg every morning changed to 80 mg every morning": a new dose, not a new drug
            dose_before, dose_after = dosage.get("dose"), " ".join(m3.group(1).split())
            action = dose_direction(dose_before, dose_after) or ""
            if not action:
                return None
        if action == "change" and not dose_after and (nw := _NOW_DOSE.search(text, d.end_char, ce)):
            dose_after = " ".join(nw.group(1).split())  # "Furosemide: was 80 mg OM, now 40 mg OM"
        if action in ("change", "switch") and not dose_before and (w := _WAS.search(text, d.end_char, ce)):
            # "Atorvastatin | 80 mg ON | Changed | was 40 mg"
            dose_before = " ".join(w.group(1).split())
            dose_after = dose_after or dosage.get("dose")
            if not dose_after and (a := _ARROW_DOSE.search(text, d.end_char, ce)):
                dose_after = " ".join(a.group(1).split())
            action = dose_direction(dose_before, dose_after) or action
        if (
            action == "switch"
            and m is not None
            and t is not None
            and t.start >= d.end_char
            and re.fullmatch(r"\s*", text[t.end : m.start()])
        ):
            # "Levemir (insulin detemir) changed from 18 units at night to 16 units twice daily": two doses
            action = "change"
        if action == "change":
            action = dose_direction(dose_before, dose_after) or ""
            if not action:
                return None
        if action == "switch":
            # "changed her to Trimbow" with the old drug not named beside it: a start
            if (
                t is None
                or t.end > d.start_char
                or not re.search(r"\b(?:to|with|by)\b", text[t.end : d.start_char])
            ):
                return None
            action = "start"
            old_dose = _same_drug_before(doc, text, d, t.start)
            if old_dose:
                # "Metformin (1 g twice a day) ... Change to metformin MR 1500 mg once a day", "Butec
                # 10 micrograms/hour - switched to Butrans 10 micrograms/hour": one drug, a new product
                line_end = text.find("\n", d.end_char)
                new_dose = _dose_then(text, d.end_char, line_end if line_end >= 0 else len(text))
                dose_before, dose_after = old_dose or None, dosage.get("dose")
                action = dose_direction(dose_before, new_dose) or ""
                if not action:
                    return None
        if action == "start" and _COURSE_DONE_NEXT.match(text, max(self._phrase_end(d), t.end if t else 0)):
            return None  # "we switched to doxycycline on 11/11 (rash). Course now complete.": over already
        if action in ("start",):
            dose_after = dose_after or dosage.get("dose")
        elif action in ("stop", "withhold"):
            dose_before = dose_before or dosage.get("dose")
        elif t is not None and dosage.get("dose") and not (dose_before and dose_after):
            # "Furosemide 40mg increased to 80mg": the written dose is the old one;
            # "increased bisoprolol to 5mg"/"reduced to 5mg bisoprolol": the written dose is the new one
            if t.start >= int(dosage.get("end") or 0) and dose_after:
                dose_before = dose_before or dosage.get("dose")
            elif t.end <= d.start_char:
                dose_after = dose_after or dosage.get("dose")
        reason = self._reason(doc, text, d, tail_from, rm.start() if rm else ce)
        if reason is None and t is not None:
            reason = _reason_before(text, cs, min(t.start, d.start_char))
        start = min(d.start_char, t.start if t else d.start_char, cs if t is None else d.start_char)
        # evidence: trigger, drug, its dose and any "from X to Y", whichever order they come in
        end = max(d.end_char, t.end if t else d.end_char, int(dosage.get("end") or 0), m.end() if m else 0)
        return {
            "drug": info.get("generic") or d.text.lower(),
            "action": action,
            "dose_before": dose_before,
            "dose_after": dose_after,
            "reason": reason,
            "rule": rule,
            "brand": d.text if info.get("kind") == "brand" else None,
            "switched_with": None,
            "duration": dosage.get("duration"),
            "restart_condition": restart if action == "withhold" else None,
            "start": start,
            "end": end,
            "drug_start": d.start_char,
            "drug_end": d.end_char,
        }

    def _reason(self, doc: Doc, text: str, d: Span, start: int, end: int) -> str | None:
        """The stated reason clause after a change ("due to AKI", "because of dizziness"), without its cue.

        Why these bounds: the cue is looked for only before the next drug (whose own reason it would be),
        and the clause ends where the sentence moves on (", and we started", "; please", " - ", a cell bar).
        """
        after = next(_drugs_after(doc, max(start, d.start_char)), None)
        cue_end = min(end, after.start_char) if after is not None else end
        mr = self.rx_reason.search(text, start, cue_end)
        if mr is None or _NOT_A_REASON.match(text, mr.end()):
            return None
        stop = end
        if text[max(0, mr.start() - 1) : mr.start()] == "(":  # "(for BP)": the bracket it opened in
            close = text.find(")", mr.end(), end)
            stop = close if close != -1 else stop
        cut = _REASON_END.search(text, mr.end(), stop)
        stop = cut.start() if cut else stop
        first = next(_drugs_after(doc, mr.end() - 1), None)
        if (
            first is not None
            and first.start_char < stop
            and _NEXT_ITEM.search(text, mr.end(), first.start_char)
        ):
            stop = first.start_char  # "for BP, and ramipril ...": the next item, not the reason
        reason = _TRAILING_JOIN.sub("", text[mr.end() : stop].strip(" .;,:-(")).strip(" ,;")
        return reason[:200] or None

    @staticmethod
    def _own_line(text: str, d: Span, pos: int) -> int:
        """Where what follows a drug stops being about it: the line end, the next drug, or 100 characters."""
        nl = text.find("\n", pos)
        nxt_drug = next((x.start_char for x in _drugs_after(d.doc, d.start_char)), None)
        return min(p for p in (nl, nxt_drug, pos + 100, len(text)) if p is not None and p >= 0)
