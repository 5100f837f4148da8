"""What a request clause asks: its category, the kind of its action verb, its timeframe, and whether a
step reads the result of the test before it.

Why a module of its own: the clause reader (``request_clauses.py``) splits a sentence and decides which
pieces belong together; to do so, and to label each item, it asks these questions of a piece of text.
``ClauseKinds`` is a mixin holding them, with the compiled patterns ``RequestFinder`` builds declared here.
"""

from __future__ import annotations

import re

from .request_rules import (
    _LONE_VERB,
    _TESTS,
    _VERB_REACH,
    RequestRules,
    _first,
)
from .rxfilter import Gate, Haystack

# A request that is a verb alone before "and" ("could you review and prescribe"): the verb after decides.
_LONE_ASK = re.compile(
    r"\W*(?:(?:GP|practice)\s+to\s+|(?:could|would|can)\s+you\s+|please\s+|pls\s+|kindly\s+)*[A-Za-z/-]+\W*",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:in|at|after|within|every|by)\s+(?:\d|one|two|three|four|six|a\b)|\b(?:weekly|monthly|fortnightly|annual\w*|"
    r"yearly|\d+\s*/\s*(?:52|12|7))\b",
    re.IGNORECASE,
)
# A report back closing a request ("and send the result to the IBD nurses", "- again please send us the
# result", "and forward report to Dr Adeyemi", or told: "and let us have the result"), and a head that
# asks for a test for it to close.
_REPORT_TAIL = re.compile(
    r"(?:,?\s*(?:and|then|-|–)\s+|;\s*)(?:again\s+)?(?:please\s+|pls\s+)?(?:(?:send|forward|pass|copy|e-?mail|fax|text|ring|"
    r"phone)\s+(?:(?:us|me|it|them)\s+)?|let\s+(?:us|me)\s+(?:have|know|see)\s+(?:what\s+)?)"
    r"(?:the\s+|a\s+|any\s+|these\s+|this\s+|his\s+|her\s+|a\s+copy\s+of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:results?|reports?|readings?|weights?|levels?|values?)\b",
    re.IGNORECASE,
)
# The same told as a participle ("..., sending the results to our ILD nurse so she can decide", "..., letting
# me know the result so I can decide whether ...")
_REPORT_PARTICIPLE = re.compile(
    r",\s*(?:(?:sending|forwarding|passing|copying|e-?mailing)\s+(?:(?:us|me|it|them)\s+)?(?:on\s+)?"
    r"(?:the\s+|any\s+|a\s+copy\s+of\s+the\s+)?(?:[\w-]+\s+){0,2}?(?:results?|reports?)\b"
    r"|letting\s+(?:me|us|them|(?:the|our)\s+[\w-]+(?:\s+[\w-]+)?)\s+know\b)",
    re.IGNORECASE,
)
_TEST_HEAD = re.compile(
    rf"\b(?:check|re-?check|repeat|arrange|request|do|organi[sz]e|book|send|take|measure|weigh)\b|\b(?:{_TESTS})\b",
    re.IGNORECASE,
)
_TEST_NAMED = re.compile(
    rf"\b(?:{_TESTS}|lipids?|ferritin|PSA|CRP|ESR|TSH|ALT|urine|ACR|bone\s+profile|vitamin\s+D|B12|calcium|"
    rf"paraprotein|(?:serum\s+)?free\s+light\s+chains|light\s+chains|eGFR|creatinine|potassium|sodium|magnesium|"
    rf"phosphate|ALP|bilirubin|platelets|lymphocytes?|neutrophils?|calprotectin|tTG|testosterone|prolactin)\b",
    re.IGNORECASE,
)
_FINITE = re.compile(
    # ("Apixaban to continue for at least 3 months", "to remain on hold": the terse plan's infinitive, not
    # the verb of a statement)
    r"\b(?:is|are|was|were|has|have|had|should|will|would|can|could|may|might|must|"
    r"(?<!\bto\s)(?:continues?|remains?|stays?))\b",
    re.I,
)
_REASON_TAIL = re.compile(r",\s+(?:as|because|since|given\s+that)\s+", re.IGNORECASE)
# A clause that opens with a gerund ("supplying her with pen needles", "coding his ocular hypertension").
# (after a suggestion too: "I would suggest repeating U&E in 6 months, and referring if ..." is a repeat)
_GERUND_OPENING = re.compile(
    r"(\W*(?:(?:I|we)(?:'d|\s+would)?\s+(?:also\s+)?(?:suggest|recommend|advise)\s+)?(?:(?:also|then)\s+)?)"
    r"([a-z]{2,}?)(ing)\b",
    re.IGNORECASE,
)
# The polite lead-in before an ask ("It would then be helpful if the practice could ...", "I would be grateful
# if you could ..."): the ask's verb comes after it
_POLITE_LEAD = re.compile(
    r"\W*(?:[\w'-]+\s+){1,6}?(?:grateful|helpful|useful|appreciated?|kind|great|good|sensible)\s+if\s+"
    r"(?:you|(?:the|your)\s+(?:practice|surgery|GP)(?:\s+(?:nurses?|team))?)\s+(?:could|would|can|might)\s+"
    r"(?:(?:also|please|then|kindly)\s+)*(?=\w)",
    re.IGNORECASE,
)
_REVIEW_ASKED = re.compile(r"(?:review|r/v)\b", re.IGNORECASE)
# Verbs a gerund may come from beyond the rules' action verbs (what the category cues read as the request)
_GERUND_EXTRA = frozenset({"supply", "show", "teach", "remove", "flag", "put", "take", "make"})
# "... and check the wound", "..., and please review her": "and", then a verb (checked against the action
# verbs)
_AND_STEP = re.compile(r",?\s+and\s+(?:please\s+|also\s+)?(?=([a-z][\w/-]*)\b)", re.IGNORECASE)


Cues = list[tuple[str, re.Pattern[str]]]



# a bracket after a request's first words ("Repeat U&E (spironolactone started)"), blanked for the verb
# search,
# and the step a test is timed from ("U&E after the spironolactone start", "BP two weeks after each increase",
# "12-lead ECG before aripiprazole increase")
_AFTER_BRACKET = re.compile(
    r"(?<=\w)\s+\([^()]*\)"
    r"|\b(?:after|following)\s+(?:the|his|her|their|this|that|each)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:increase|start|change|switch|restart|reduction|dose\s+change|titration)\b"
    r"|\b(?:before|prior\s+to|ahead\s+of)\s+(?:(?:the|his|her|their|this|that|each|any)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:increase|start|change|switch|restart|reduction|dose\s+change|titration)\b",
    re.IGNORECASE,
)


def _blank(m: re.Match[str]) -> str:
    """The match as spaces, so offsets after it hold."""
    return " " * len(m.group(0))


class ClauseKinds:
    """Reads what a clause asks (the patterns are built by the finder)."""

    rules: RequestRules
    cues: Cues
    hospital: Cues
    weak_not_request: Cues
    timeframes: Cues
    categories: list[tuple[str, str, re.Pattern[str]]]
    category_gates: list[Gate]  # one per category cue: most clauses lack most cues' words
    early_categories: frozenset[str]  # the category cues read before the request's first verb
    pending_check: re.Pattern[str] | None  # a pending result the practice is asked to check (whole item)
    verb_category: dict[str, str]
    action_verbs: set[str]
    caution: set[str]
    first_verb: re.Pattern[str]
    joined_step: re.Pattern[str]
    split: re.Pattern[str]
    condition: re.Pattern[str]
    result_links: list[tuple[re.Pattern[str], re.Pattern[str]]]
    negated_clause: re.Pattern[str]
    statement_clause: re.Pattern[str]
    patient_own: re.Pattern[str]
    patient_clause: re.Pattern[str]
    fact_clause: re.Pattern[str]

    def _fit_note_apart(self, sent: str, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A fit note asked for, then "and" another step of another kind ("issue a fit note for 4 weeks and
        check the wound at 1 week if he is worried"): a fit note has no result for the step to read, so the
        step is a request of its own, however its condition made the split pattern keep it."""
        out: list[tuple[int, int]] = []
        for cs, ce in merged:
            m = _AND_STEP.search(sent, cs, ce)
            if (
                m is not None
                and m.group(1).lower() in self.action_verbs
                and self.category(sent[cs : m.start()]) == "fit_note"
                and self.category(sent[m.end() : ce]) not in ("fit_note", "other")
            ):
                out += [(cs, m.start()), (m.end(), ce)]
            else:
                out.append((cs, ce))
        return out

    def category(self, text: str, sentence: str = "") -> str:
        """Early cues, then the request's first action verb, then the other cues; then the sentence."""
        polite = _POLITE_LEAD.match(text)
        if polite is not None and _REVIEW_ASKED.match(text, polite.end()) is not None:
            # "It would be helpful if the practice could review her mood two weeks after the switch": an ask
            # that opens with a review is read as the plain ask ("please review her mood ...")
            text = "please " + text[polite.end() :]
        ger = _GERUND_OPENING.match(text)
        if ger is not None:
            # "..., as well as referring her to the falls service", "coding his ocular hypertension": a step
            # told as a gerund reads as its verb ("refer her ...", "code his ...")
            base = self._gerund_base(ger.group(2).lower())
            if base is not None:
                text = text[: ger.start(2)] + base + text[ger.end(3) :]
        tail = _REPORT_TAIL.search(text) or _REPORT_PARTICIPLE.search(text)
        if tail is not None and tail.start() > 0 and _TEST_HEAD.search(text, 0, tail.start()):
            # "arrange a faecal calprotectin and send the result to the IBD nurses, who will decide ...": the
            # report back does not make the test a result or a review (fixtures/README)
            text = text[: tail.start()]
        why = _REASON_TAIL.search(text)
        if why is not None and why.start() > 0:
            # "prescribe the titration pack, as the clinic will not see him for weeks": the reason after the
            # request is not what it asks for
            head = self.category(text[: why.start()])
            if head != "other":
                return head
        joined = self.joined_step.search(text)
        if (
            joined is not None
            and not _LONE_ASK.fullmatch(text[: joined.start()])
            # the head asks for something: a verb of its own or a when ("HbA1c 78 - optimise ..." is a value)
            and (
                self.first_verb.search(text, 0, joined.start())
                or _WHEN.search(text, 0, joined.start())
                or not any(c.isdigit() for c in text[: joined.start()])  # "U&E + review furosemide dose"
            )
        ):
            head = self.category(text[: joined.start()])
            if head != "other":
                return head
        early = self.early_categories
        # the request's own verb comes early; what a bracket after its first words says is not it ("Repeat
        # U&E (spironolactone started)": the bracket tells why)
        m = self.first_verb.search(_AFTER_BRACKET.sub(_blank, text), 0, _VERB_REACH)
        low = Haystack(text).low
        gated = list(zip(self.categories, self.category_gates, strict=True))
        for (cid, cat, rx), gate in gated:
            if cid in early and gate.test(low) and (hit := rx.search(text)):
                if (
                    cat == "prescribing"
                    and m is not None
                    and m.end() <= hit.start()
                    and self.verb_category[m.group(1).lower()] in ("monitoring", "review")
                ):
                    continue  # "check a lying BP ... and consider restarting X": the check's kind
                if (
                    cid == "cat-review-person"
                    and m is not None
                    and m.end() <= hit.start()
                    and self.verb_category[m.group(1).lower()] in ("referral", "monitoring")
                ):
                    continue  # "refer him to MSK physiotherapy when you see him": the referral's kind
                if (
                    cid == "cat-review-check"
                    and text[max(0, hit.start() - 3) : hit.start()].lower() == "to "
                    and _TEST_NAMED.search(text, 0, hit.start())
                ):
                    continue  # "repeat LFTs in 6 weeks to see whether they are settling": the test's purpose
                if (
                    cid == "cat-other-wound-aftercare"
                    and m is not None
                    and m.end() <= hit.start()
                    and (
                        self.verb_category[m.group(1).lower()] in ("review", "referral")
                        or m.group(1).lower() == "see"
                    )
                ):
                    # "please see him in 1-2 weeks to check the site and remove the suture": a review;
                    # "refer DN for dressings and clip removal": a referral
                    continue
                return cat
        if m is not None and self.verb_category[m.group(1).lower()] != "other":
            return self.verb_category[m.group(1).lower()]
        for (cid, cat, rx), gate in gated:
            if cid not in early and gate.test(low) and rx.search(text):
                return cat
        if sentence and sentence != text and self.category(sentence) == "fit_note":
            return "fit_note"  # "a further fit note ...; please could you provide one"
        return "other"

    def _lone_verb(self, clause: str, joined: str) -> bool:
        """Whether ``clause`` is a verb alone joined by "and" to the next ("Please discuss and provide")."""
        if not _LONE_VERB.fullmatch(clause) or re.fullmatch(r"\s*(?:and|&)\s+", joined) is None:
            return False
        return clause.strip(" .,;:").lower().split()[-1] in self.action_verbs

    def _terse_item(self, clause: str) -> bool:
        """A plan item with no finite verb that still says what to do ("Hydrocortisone tablets onto
        repeat", "U&E in 1 week")."""
        return _FINITE.search(clause) is None and self.category(clause) != "other"

    def _names_test(self, head: str) -> bool:
        """Whether ``head`` asks for a test or a result ("repeat a FIB-4", "chase the stone analysis")."""
        return self._verb_kind(head) in ("monitoring", "results") or any(
            t.search(head) for t, _ in self.result_links
        )

    def _gerund_base(self, stem: str) -> str | None:
        """The action verb a gerund's stem comes from ("cod" -> code, "referr" -> refer, "supply" -> supply),
        or None when it is none of the rules' verbs."""
        for base in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""):
            if base and (base in self.action_verbs or base in _GERUND_EXTRA):
                return base
        return None

    def _last_verb_kind(self, text: str) -> str | None:
        """The kind of a clause's last action verb ("...; if creatinine is back, restart ramipril" ->
        prescribing), or None."""
        found = list(self.first_verb.finditer(text))
        return self.verb_category[found[-1].group(1).lower()] if found else None

    def _verb_kind(self, text: str) -> str | None:
        """The kind of a clause's first action verb ("check ..." -> monitoring), or None."""
        m = self.first_verb.search(text, 0, _VERB_REACH)
        return self.verb_category[m.group(1).lower()] if m is not None else None

    def timeframe(self, text: str, hay: Haystack | None = None) -> str | None:
        hit = _first(self.timeframes, text, hay)
        return hit[1].group(0) if hit else None
