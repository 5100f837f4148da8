"""Where a request sentence splits into items: cut at each split, then the pieces that belong together
joined back.

Why a module of its own: the clause reader (``request_clauses.py``) turns one sentence that speaks to the
practice into requests; the first half of that job, deciding the items' bounds (a bare condition opens the
step after it, a "then" step or a report back stays with its test, a step acting on a test's result is set
apart from the test), is long and asks nothing of who owns a clause or what kind it is, so it lives here
and the reader keeps the second half, reading each item. ``ClauseMerger`` is a mixin: ``RequestFinder``
builds the compiled patterns it reads (declared in ``request_clause_kinds.py``); the split pattern itself
lives in ``request_split.py``, the join shapes in ``request_joins.py``.
"""

from __future__ import annotations

import re

from .request_clause_kinds import _LONE_ASK, _POLITE_LEAD, ClauseKinds
from .request_joins import (
    _AFTER_LAST,
    _ALSO_TO,
    _AND_IF_TAIL,
    _APART,
    _DASH,
    _DISCUSS_BACK,
    _FINDING_TAIL,
    _IF_OPENING,
    _LIST_NUMBER,
    _MONITORING_HEAD,
    _OWN_FREQUENCY,
    _OWN_NEED,
    _PATIENT_TO,
    _PLAIN_TEST_ASK,
    _PLUS,
    _PLUS_TEST,
    _PURPOSE_STEP,
    _PURPOSE_TO,
    _REFER_WORD,
    _REPORT_OPENING,
    _REVIEW_OPENING,
    _TEST_OPENING,
    _TIMED_FROM_STEP,
    _TO_STEP,
    _WITH_JOIN,
)
from .request_rules import (
    _AND_THEN_JOIN,
    _ASKS,
    _BARE_CONDITION,
    _BARE_VERB,
    _POINTS_BACK,
    _RESULTS_SENT,
    _THEN,
    _THEN_JOIN,
    ARROW_STEP,
    _first,
)
from .request_split import _row_breaks

# A condition opening a step after its test ("FBC in 2 weeks - if Hb under 80 please discuss with us", "TFTs
# in 6 weeks and, if TSH is high, increase the levothyroxine"): the join before it, set off by "and", a
# comma, a dash, "+" or ";"
_COND_JOIN = re.compile(
    # (or an arrow: "BP check 2/52 -> if >140/90 add amlodipine 5 mg")
    r"\s*(?:,\s*(?:and|&)?|;|\s(?:and|&|\+|-|–)|\s*(?:-+>|→))\s*,?\s*(?=(?:if|once|unless|should|when|whenever|provided)\b)",
    re.IGNORECASE,
)
# what a step after a condition can open with, besides an action verb: an ask, a report, a talk with a team
_STEP_WORD = re.compile(
    r"\b(?:please|pls|kindly|(?:could|would|can)\s+you|GP\s+to|(?:I|we)\s+(?:would\s+)?(?:suggest|recommend|advise)|"
    r"discuss|let|send|text|ring|phone|call|contact|e-?mail|inform|tell|speak|seek|liaise)\b",
    re.IGNORECASE,
)
# a step told to follow what the test finds, set off before its verb ("and, depending on the result, start
# bone protection"), and its join
_ASIDE_WORDS = r"(?:depending\s+on|according\s+to|based\s+on|in\s+(?:the\s+)?light\s+of|guided\s+by)"
_FINDING_ASIDE = re.compile(
    rf"[\s,]*{_ASIDE_WORDS}\s+"
    r"(?:the|this|that|its|his|her)\s+(?:\w+\s+)?(?:results?|findings?|report|outcome|scan)\s*,\s*",
    re.IGNORECASE,
)
_ASIDE_JOIN = re.compile(rf"\s*,?\s+(?:and|&)\s*,?\s+(?={_ASIDE_WORDS}\s)", re.IGNORECASE)
# the words before a step's verb: its join and a polite ask
_STEP_LEAD = re.compile(r"[\s,;+–-]*(?:(?:please|pls|kindly|also|to)\s+)*", re.IGNORECASE)
# steps whose verb the verb kinds leave neutral ("consider an antidepressant if ...", "discuss with
# urology", "review the spironolactone dose", "continue iron for 3 months if Hb has risen")
_OWN_STEP = re.compile(
    r"(?:consider|discuss|liaise|seek|optimi[sz]e|manage|relax|extend|renew)\b"
    r"|(?:go|step|come)\s+(?:it\s+)?(?:up|down)\b|[A-Za-z][\w-]*\s+(?:up|down|back)\s+to\s+\d|continue\b(?=[^;.]*\b(?:if|once|unless|when)\b)"
    # (not "and review the result", the test's own follow-through)
    r"|(?:review|r/v|reassess)\b(?!\s+(?:the\s+|any\s+|his\s+|her\s+)?(?:results?|reports?|findings|it|them)\b)",
    re.IGNORECASE,
)
# a report back with a condition of its own after a test ("and let us know if K is above 5.5", "and text the
# result to the renal line if it is 6 or above")
_REPORT_IF_ASK = (
    r"(?:(?:please|pls|also)\s+)*(?:let|tell|inform|notify|text|ring|phone|call|contact|send|forward|e-?mail)\b"
    r"[^;.,]{0,120}?\b(?:if|unless|should)\b"
)
_REPORT_IF = re.compile(rf"[\s,;+–-]*(?:(?:and|&)\s+)?{_REPORT_IF_ASK}", re.IGNORECASE)
# the join before a report back with a condition of its own
# ("... please - and let us know if K+ is above 5.5": the dash before the "and" goes with the join)
_REPORT_JOIN = re.compile(
    rf"\s*(?:,\s*|\s[-–](?=\s+and\b))?\s(?:and|&|\+|-|–)\s+(?={_REPORT_IF_ASK})", re.IGNORECASE
)
# a comma or "then" before a step ("U&E in 5 days, restart ramipril if ...", "BP/HR check at 2/52 then
# increase bisoprolol", "..., adjusting warfarin as needed", "..., with a referral back to us if ..."): the
# step decides (_step_after)
_COMMA_JOIN = re.compile(
    r"\s*[,:]\s*(?:and\s+(?:to\s+)?)?(?:then\s+)?(?=[A-Za-z])(?!to\s)|\s+(?:and\s+)?then\s+(?=[A-Za-z])",
    re.IGNORECASE,
)
# "after which" (or "and thereafter") before the step on a test's result ("check FBC in 2 weeks, after which
# please review the need for codeine", "check her sodium in a week, after which the indapamide could be
# restarted if ..."): the step decides (_step_after), as after "then"; after a drug step it is that step's
# end ("continue DAPT for 12 months, after which the ticagrelor should be stopped")
_AFTER_WHICH = re.compile(
    r"\s*,?\s+(?:after\s+which|and\s+(?:thereafter|after\s+that|subsequently))\s+(?:(?:please|pls|kindly)\s+)?"
    # ("..., after which you could restart the sertraline at 50 mg if ...")
    r"(?:(?:you|the\s+(?:GP|practice))\s+(?:could|can|should|may|might)\s+(?:then\s+|also\s+)?)?(?=[A-Za-z])",
    re.IGNORECASE,
)
# a drug step told in the passive ("the indapamide could be restarted at 1.25 mg", "his ramipril can then be
# increased"): a prescribing step with no verb first
_PASSIVE_STEP = re.compile(
    r"(?:the|his|her|their)\s+[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+(?:could|can|should|may|might)\s+"
    r"(?:then\s+|also\s+)?be\s+(?:re-?started|started|stopped|increased|reduced|decreased|titrated|uptitrated|"
    r"added|switched|changed|resumed|re-?introduced|discontinued|weaned|tapered|adjusted)\b",
    re.IGNORECASE,
)
# acting on what a test finds ("act on the result", "action the results", "act on it")
_ACT_ON = re.compile(
    r"(?:act\s+on|action)\s+(?:the\s+|any\s+|these\s+|those\s+|his\s+|her\s+)?(?:results?|findings|it|them|report)\b",
    re.IGNORECASE,
)
_ARROW_STEP = re.compile(ARROW_STEP)
# a suggestion told with a gerund ("I would suggest starting ...", "we recommend increasing ..."), and a
# second gerund after ", and" ("..., and reviewing her in 3 months")
_SUGGEST_GERUND = re.compile(
    r"\b(?:suggest|recommend|advise|propose)(?:s|ed)?\s+(?:(?:you|that\s+you)\s+)?(?:consider\s+)?((?:re-)?[a-z]{2,}?)ing\b",
    re.IGNORECASE,
)
_AND_GERUND = re.compile(r"\s*,\s*and\s+(?:then\s+|also\s+)?(?=((?:re-)?[a-z]{2,}?)ing\b)", re.IGNORECASE)
# ", and" between two clauses, and a clause that opens with a test's own verb ("check a 12-hour lithium
# level")
_COMMA_AND = re.compile(r"\s*,\s*(?:and|&)\s+", re.IGNORECASE)
_TEST_VERB_OPENING = re.compile(
    r"\W*(?:also\s+)?(?:check|re-?check|repeat|monitor|measure|do|arrange|request|send)\s+(?!(?:it|them|this|that)\b)",
    re.IGNORECASE,
)
# a clause that opens with an ask of its own ("and please check ...", "also recheck ...")
_OWN_ASK_OPENING = re.compile(r"\W*(?:and\s+)?(?:please|pls|kindly)\b", re.IGNORECASE)
# a clause in which the writer asks again in words of their own ("I would also ask that you", "we would be
# grateful if you could", "I would suggest that you")
_WRITER_ASKS = re.compile(
    r"\W*(?:(?:I|we)(?:'d|\s+would|\s+should)\s+(?:also\s+)?(?:ask|suggest|recommend|be\s+(?:very\s+|most\s+)?grateful|"
    r"appreciate)|it\s+would\s+(?:also\s+)?be\s+(?:helpful|useful|sensible|worth))\b",
    re.IGNORECASE,
)
# a bare "and" before a step whose verb the verb lists do not hold ("review him and extend it if ...")
_AND_JOIN = re.compile(
    r"\s+(?:and|&)\s+(?=(?:please\s+|pls\s+)?(?:discuss|liaise|seek|manage|relax|extend|renew|go|step|act\s+on)\b)",
    re.IGNORECASE,
)
# the other branch of the step before ("if not", "otherwise")
_OTHERWISE_WORDS = r"\W*(?:if\s+not|otherwise|if\s+it\s+(?:does|has|is)\s*n[o']t)\b"
_OTHERWISE = re.compile(_OTHERWISE_WORDS + r"\W*$", re.IGNORECASE)
_OTHERWISE_OPENING = re.compile(_OTHERWISE_WORDS, re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")
# a condition with its step in it, no comma between ("if K >5.5 stop spironolactone", "if eGFR below 30 stop
# metformin"): before ";", a request of its own, not a bare condition opening the one after it
_STEP_IN_CONDITION = re.compile(
    r"(?:[<>≤≥]|\b(?:above|below|over|under))\s*\d+(?:\.\d+)?\s*(?:[A-Za-z/%]+\s+)?(?:please\s+|pls\s+)?"
    r"(?:stop|start|restart|reduce|increase|withhold|hold|omit|refer|re-refer|add|switch|titrate|discuss|contact|"
    r"call|ring)\b",
    re.IGNORECASE,
)
# values told as "name value, name value" ("weight 56 kg, creatinine 128") or a reading ("150/92"): a label,
# not a test asked for (not a date: "review it at 6 weeks (by 31/12/2026) and ...")
_VALUES = re.compile(
    r"\b[A-Za-z]+\s+\d+(?:\.\d+)?\s*[A-Za-z/%]*\s*,\s*[A-Za-z]+\s+\d|(?<![\d/])\b\d{2,3}/\d{2,3}\b(?!/\d)"
)
# a condition on a finding: a threshold or a result word ("if BP consistently below 140/90"), not a state or
# a wish ("if tolerated", "if her mood remains stable")
_FINDING = re.compile(
    r"\b(?:if|once|unless|when)\b[^;]*?(?:[<>≥≤]|\b(?:above|below|over|under|results?|levels?|positive|negative|"
    r"abnormal|raised|high|low|rises?|falls?)\b)",
    re.IGNORECASE,
)
_GERUND = re.compile(r"((?:re-)?[a-z]{2,}?)ing\b", re.IGNORECASE)
# a gerund that is a sentence's subject, not a step ("stopping smoking is the most useful thing")
_GERUND_SUBJECT = re.compile(
    r"[a-z-]+ing\s+(?:[\w-]+\s+){0,4}?(?:is|are|was|were|would|will|can|may|might|has|helps?)\b",
    re.IGNORECASE,
)
_WITH_REPORT = re.compile(
    r"\bwith\s+(?:the\s+|a\s+copy\s+of\s+the\s+)?(?:results?|report|scan|images?)\s+(?:attached|enclosed|included)\b",
    re.IGNORECASE,
)
_WITH_REFERRAL = re.compile(r"with\s+an?\s+(?:re-?)?referral\b", re.IGNORECASE)
# a step that only says how the test is done or what it is for, and no step of its own
_NO_STEP = re.compile(
    r"\b(?:no\s+(?:further\s+)?(?:action|change)|nothing\s+(?:more|further))\b", re.IGNORECASE
)


# a reason set off before the ask ("As her dose has just been increased, ...", "Since we have started
# ramipril, ...", "Given that the dose was reduced, ..."), whose verb is a step already taken
_REASON_LEAD = re.compile(
    r"\W*(?:as|since|because|given(?:\s+that)?|now\s+that)\s+(?:(?:she|he|they|we|I|her|his|their|the)\b)"
    r"[^,;:()]{3,100}?,\s*(?=\S)",
    re.IGNORECASE,
)
# the step a test is timed from, named after it ("U&E 1 week after the spironolactone increase", "BP two
# weeks after the switch")
_TIMED_AFTER = re.compile(
    r"\b(?:after|following)\s+(?:the\s+|his\s+|her\s+|their\s+|this\s+|that\s+|each\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:increase|start|change|switch|restart|reduction|dose\s+change|titration)\b",
    re.IGNORECASE,
)


# a step that adjusts as the result needs ("change antibiotic if needed", "treat accordingly"); not one on a
# finding of its own ("give eradication if positive": a step of its own, as the dev golds split it)
_ACTS_ON_IT = re.compile(
    r"\b(?:if|unless)\s+(?:needed|necessary|indicated|required|appropriate)\b"
    r"|\b(?:accordingly|as\s+(?:needed|necessary|indicated|appropriate))\b",
    re.IGNORECASE,
)


# a target set after a test or review, with no verb of its own ("BP r/v 2/52, target <130/80", "lipids 3/12,
# aim LDL <1.8", "HbA1c in 3 months (goal under 53)"): what the test is for, not part of what decides its kind
_TARGET_TAIL = re.compile(
    r"\s*(?:[,(]|\s[-–])\s*(?:target(?:ing)?|aim(?:ing)?(?:\s+for)?|goal)\b[^;]*$", re.IGNORECASE
)

# a list number's own number
_NUMBER_IN = re.compile(r"\d{1,2}")


def _counted_on(sent: str, ms: int, me: int) -> bool:
    """Whether the list number in ``sent[ms:me]`` goes on from one before it in the sentence ("1) check U&E
    2) refer her", "(1) ... (2) ..."), or is the first: a bracketed count alone ("auto-injectors (2) on
    repeat") numbers no list."""
    n = _NUMBER_IN.search(sent, ms, me)
    if n is None:
        return True
    k = int(n.group(0))
    if k <= 1 or "(" not in sent[ms:me]:
        return True  # "1)" or "2)" with no opening bracket: a list's number, as before
    return re.search(rf"(?<!\d)\(?{k - 1}\)", sent[:ms]) is not None


# "omeprazole 20mg bd with amoxicillin 1g bd": two drugs given together as one regimen
_WITH_REGIMEN = re.compile(
    r"\d\s*(?:mg|g|mcg|micrograms?)\b[^,;]{0,20}?\s+with\s+(?:the\s+)?[A-Za-z][\w-]*\s+\d+(?:\.\d+)?\s*(?:mg|g|mcg|micrograms?)\b",
    re.IGNORECASE,
)
_AND_ONLY = re.compile(r",?\s+(?:and|&)\s+", re.IGNORECASE)
# a drug with its dose and no verb of its own ("clarithromycin 500mg bd for 7 days")
_BARE_DOSED = re.compile(
    r"\W*(?:the\s+)?[A-Za-z][\w-]*\s+\d+(?:\.\d+)?\s*(?:mg|g|mcg|micrograms?)\b", re.IGNORECASE
)


class ClauseMerger(ClauseKinds):
    """Cuts a request sentence into items (the patterns are built by the finder)."""

    def _test_or_review(self, head: str) -> bool:
        """Whether ``head`` asks for a test or a review, whose finding a step after it may act on
        ("check FBC in 4 weeks", "r/v leg at 48-72 hrs", "TFTs in 6 weeks", "Potassium")."""
        if self.condition.match(head.lstrip(" ,;.-")) is not None:
            # "If the pain persists, please arrange an MRI": the ask after a leading condition; a condition
            # alone ("provided potassium is under 5.0") asks nothing
            comma = head.find(",")
            if comma < 0:
                return False
            head = head[comma + 1 :]
        target = _TARGET_TAIL.search(head)
        if target is not None and head[: target.start()].strip(" ,;.-"):
            head = head[: target.start()]  # "BP r/v 2/52, target <130/80": the target is no reading told
        reason = _REASON_LEAD.match(head)
        if reason is not None:
            # "As her dose has just been increased, I would be grateful if you could repeat her TFTs ...": the
            # reason before the ask names the step already made, not the verb of the ask
            head = head[reason.end() :]
        polite = _POLITE_LEAD.match(head)
        if polite is not None:
            head = head[polite.end() :]  # "It would be helpful if the practice could review her mood ..."
        if not head.strip(" ,;.-") or _LONE_ASK.fullmatch(head) or _BARE_CONDITION.match(head):
            return False  # "Please review and adjust her thyroxine dose": a lone verb joins the step after it
        # (what a bracket says about the test is not its verb: "U&E in 1 week (spironolactone started)"; nor
        # is the step a test is timed from: "U&E 1 week after the spironolactone increase please")
        kind = self._verb_kind(_TIMED_AFTER.sub("", _BRACKETED.sub("", head)))
        if kind in ("monitoring", "review"):
            return True
        if kind not in (None, "other"):
            # "restart ramipril at 2.5 mg and ...": a drug step, whose follow-on adjusts it; "chase cultures
            # and adjust antibiotics if required": acting on the result is the chase's own job (results)
            return False
        if _VALUES.search(head) is not None:
            return False  # "Apixaban dose - weight 56 kg, creatinine 128 - please review ...": values told
        return self.category(head) in ("monitoring", "review")

    def _test_kind(self, head: str) -> str | None:
        """The kind of the test or review ``head`` asks for, or None."""
        if not self._test_or_review(head):
            return None
        kind = self._verb_kind(_BRACKETED.sub("", head))
        return kind if kind in ("monitoring", "review") else self.category(head)

    def _step_after(self, step: str, after: str | None = "monitoring") -> bool:
        """Whether ``step`` (what follows a test's join) is a step of its own acting on what the test finds:
        an action verb other than a test's or a plain report's, or a condition followed by an ask."""
        m = self.condition.match(step)
        if m is not None:
            rest = step[m.end() :]
            if _NO_STEP.search(rest):
                return False  # "..., and if it is under 450 ms no further action is needed"
            v = self.first_verb.search(rest)
            return (
                (v is not None and self.verb_category[v.group(1).lower()] != "monitoring")
                or _STEP_WORD.search(rest) is not None
                # "U&E 1/52 - if Na <128 ↓ spiro to 100mg": a dose step told with an arrow
                or _ARROW_STEP.search(rest) is not None
            )
        if _REPORT_IF.match(step) is not None:
            return True  # "..., and let us know if K is above 5.5": a report back with a condition of its own
        aside = _FINDING_ASIDE.match(step)
        if aside is not None:
            step = step[aside.end() :]  # "..., and, depending on the result, start bone protection"
        lead = _STEP_LEAD.match(step)
        assert lead is not None
        if _ACT_ON.match(step, lead.end()) is not None:
            # "check his U&E, LFT and TFT in 4 weeks and act on the results": acting on a test's result is a
            # results item of its own; chasing a pending result and acting on it is one (fixtures/README)
            return after != "results"
        if _OWN_STEP.match(step, lead.end()) is not None:
            return True  # "... and consider bone protection if ...", "... and discuss with urology"
        if _PASSIVE_STEP.match(step, lead.end()) is not None:
            return True  # "..., after which the indapamide could be restarted at 1.25 mg if ..."
        if _WITH_REPORT.search(step) is not None:
            return False  # "... and re-refer with the report attached": how the result comes back to us
        if _WITH_REFERRAL.match(step, lead.end()) is not None:
            return True  # "..., with a referral back to us if it is still above 75"
        ger = _GERUND.match(step, lead.end())
        if ger is not None and _GERUND_SUBJECT.match(step, lead.end()) is None:
            # "..., adjusting warfarin as needed", "and re-referring her if it exceeds 1.3": a drug step or a
            # referral told as a participle after a test (not a test told so, "checking U&E a week after
            # each increase"; not how a review goes, "see him if a rash appears, stopping the lamotrigine")
            base = self._gerund_base(ger.group(1).lower())
            return (
                (after == "monitoring" or (after == "review" and _FINDING.search(step) is not None))
                and base is not None
                and self.verb_category.get(base) in ("prescribing", "referral")
            )
        v = self.first_verb.match(step, lead.end())
        if v is None:
            return False
        return self.verb_category[v.group(1).lower()] in ("prescribing", "referral", "review")

    def _steps_apart(self, sent: str, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A test (or review) and the step that acts on what it finds are two items, however joined
        ("check FBC in 4 weeks and stop the iron once Hb is above 110", "U&E in 1 week - if creatinine is
        back to 80, restart ramipril", "Potassium + review spironolactone dose", fixtures/README 'One item or
        two'): each item is cut where a step with an action verb of its own, or a condition with its own
        ask, follows a test. A report back with no condition of its own ("and let me know the result") and a
        participle saying how ("..., checking U&E a week after each increase") have no verb of their own
        here, and a step after a drug step ("restart ramipril and titrate if BP allows") adjusts that step."""
        out: list[tuple[int, int]] = []
        for cs, ce in merged:
            joins = sorted(
                {
                    m.span()
                    for rx in (
                        self.joined_step,
                        _COND_JOIN,
                        _REPORT_JOIN,
                        _ASIDE_JOIN,
                        _COMMA_JOIN,
                        _AND_JOIN,
                        _AFTER_WHICH,
                    )
                    for m in rx.finditer(sent, cs, ce)
                }
            )
            # a step already set apart from a test here, or this item a step after the test item before it
            after_test = (
                bool(out) and out[-1][1] <= cs and self._test_or_review(sent[out[-1][0] : out[-1][1]])
            )
            for js, je in joins:
                if js <= cs:
                    continue  # at the item's start, or inside a join already cut
                if sent.count("(", cs, js) > sent.count(")", cs, js):
                    continue  # inside brackets
                if _PURPOSE_STEP.match(sent, js) is not None and _PURPOSE_TO.search(sent, cs, js) is not None:
                    continue  # "see her in 2 weeks to check ... and to consider whether ...": 2nd purpose
                step = sent[je:ce]
                kind = self._test_kind(sent[cs:js])
                if (
                    kind is not None
                    and self._step_after(step, kind)
                    # "chase the histology and let us know if it shows malignancy": chasing a result and
                    # reporting it back are one job (results)
                    and not (kind == "results" and _REPORT_IF.match(step) is not None)
                ) or (
                    # "Recheck Na in 1 week; if >133 relax fluid restriction, if <128 please discuss with
                    # the registrar", "...; if creatinine under 120 restart ramipril, otherwise recheck a week
                    # later": a second step on the same result
                    after_test
                    and (self.condition.match(step) is not None or _OTHERWISE_OPENING.match(step) is not None)
                    and (self._step_after(step) or _OTHERWISE_OPENING.match(step) is not None)
                ):
                    out.append((cs, js))
                    cs = je
                    after_test = True
            out.append((cs, ce))
        return out

    def split_spans(self, sent: str) -> list[tuple[int, int]]:
        """Where ``split_source`` splits ``sent``, as ``finditer`` would give them (each split is non-empty
        and opens on a space, ";" or ","), found with the first-character-gated ``split``."""
        spans: list[tuple[int, int]] = []
        search = self.split.search
        m = search(sent)
        while m is not None:
            span = m.span(1)
            spans.append(span)
            m = search(sent, max(span[1], m.end()))  # never the same place twice, even if a split were empty
        return spans

    def _gerund_splits(self, sent: str, splits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where a second step told as a gerund after ", and" stands beside the first one a suggestion opened
        ("I would suggest starting candesartan 4 mg OD ..., and reviewing her in 3 months": two items, each
        an ask of its own; not a participle saying how, ", checking U&E a week after each increase")."""
        lead = _SUGGEST_GERUND.search(sent)
        if lead is None or self._gerund_base(lead.group(1).lower()) is None:
            return []
        out = []
        for m in _AND_GERUND.finditer(sent, lead.end()):
            base = self._gerund_base(m.group(1).lower())
            if base is None or any(a <= m.start() < b or m.start() <= a < m.end() for a, b in splits):
                continue
            if sent.count("(", 0, m.start()) > sent.count(")", 0, m.start()):
                continue
            out.append(m.span(0))
        return out

    def _items(
        self, sent: str, in_gp: bool, asks: list[tuple[str, re.Pattern[str]]]
    ) -> list[tuple[int, int]]:
        """``sent`` cut where ``split`` says (and at table rows), then the pieces that belong together joined
        back, then a step acting on a test's result set apart from the test: the items' spans. ``asks`` are
        the cues that make a clause a request."""
        bounds: list[tuple[int, int]] = []
        cur = 0
        splits = []
        for ms, me in self.split_spans(sent):
            numbered = _LIST_NUMBER.fullmatch(sent, ms, me)
            if numbered and (
                sent.count("(", 0, ms) > sent.count(")", 0, ms) or not _counted_on(sent, ms, me)
            ):
                # "(around 80) restart ramipril": a number closing a bracket is not a list's number, nor is a
                # count in brackets with no number before it ("adrenaline auto-injectors (2) on repeat"); a
                # split its match hid ("(step 3) and also to review her") still counts
                m = self.split.search(sent, ms + 1)
                if m is not None and m.start(1) < me:
                    splits.append(m.span(1))
                continue
            splits.append((ms, me))
        splits += self._gerund_splits(sent, splits)
        for ms, me in sorted(splits + _row_breaks(sent)):
            if ms < cur:
                continue  # a row break inside a split already made
            bounds.append((cur, ms))
            cur = me
        bounds.append((cur, len(sent)))
        # A clause that is only a condition ("if low mood returns") opens the request after it.
        merged: list[tuple[int, int]] = []
        for cs, ce in bounds:
            prev = sent[merged[-1][0] : merged[-1][1]] if merged else ""
            joined = sent[merged[-1][1] : cs] if merged else ""
            # "check U&E, then uptitrate" and "restart ramipril if Cr <160, then recheck U&E": a test on
            # either side of "then" keeps the two apart.
            then_join = _THEN_JOIN.fullmatch(joined) is not None or (
                _AND_THEN_JOIN.fullmatch(joined) is not None and self.condition.search(sent, cs, ce) is None
            )
            after_test = (
                then_join
                and _REPORT_OPENING.match(sent, cs, ce)
                is None  # "..., then send us the result": a report back
                and (
                    "monitoring" in (self._verb_kind(prev), self._verb_kind(sent[cs:ce]))
                    # "Bloods (U&E) in 1 week, then adjust the dose", "repeat U&E ..., then U&E again 2 weeks
                    # after restarting": a test on either side, told without a verb of its own
                    or self.category(prev) == "monitoring"
                    or self.category(sent[cs:ce]) == "monitoring"
                    or _TEST_OPENING.match(prev) is not None
                    # "arrange an outpatient echo, then r/v rate control": a review after a step
                    # (fixtures/README)
                    or _REVIEW_OPENING.match(sent, cs, ce) is not None
                    # "mood r/v 4/52, then consider stopping omeprazole": a step after a review is a
                    # request of its own, as a review after a step is
                    or (self.category(prev) == "review" and self.category(sent[cs:ce]) != "review")
                )
            )
            # "restart ramipril at 2.5 mg and recheck U&E 2 weeks later", "..., with a further U&E a week
            # after restarting": a test timed from the step before it is how that step is carried out (not
            # after "then", which keeps a test apart: fixtures/README)
            after_step = (
                bool(merged)
                and "\n" not in joined
                and ";" not in joined
                and "then" not in joined.lower()
                and self._last_verb_kind(prev) == "prescribing"
                and (
                    _TIMED_FROM_STEP.search(sent, cs, ce) is not None
                    or (joined.strip() == "," and _AFTER_LAST.search(sent, cs, ce) is not None)
                )
                and _OWN_FREQUENCY.search(sent, cs, ce) is None  # "with FBC every 2 weeks": its own item
                # "update the repeat to Priadel 1000 mg nocte, and check a lithium level 5-7 days after the
                # increase": a test asked with a verb of its own after ", and" stands alone (fixtures/README)
                and not (_COMMA_AND.fullmatch(joined) is not None and _TEST_VERB_OPENING.match(sent, cs, ce))
                # "(and please check U&E two weeks later)": a test asked in words of its own stands alone
                and _OWN_ASK_OPENING.match(sent, cs, ce) is None
                and (
                    self._verb_kind(sent[cs:ce]) == "monitoring" or self.category(sent[cs:ce]) == "monitoring"
                )
            )
            if (
                merged
                and _APART.match(sent, cs, ce) is None
                and (
                    after_step
                    # "continue the taper and if she struggles, slow it down": the condition was set off
                    # inside the item, so its step comes next (after a test, the condition and its step are
                    # then set apart from it as one item: _steps_apart)
                    or (joined.strip() == "," and _AND_IF_TAIL.search(prev) is not None)
                    or _FINDING_TAIL.search(prev) is not None
                    # "..., and if it is under 460 ms no further action is needed": what the test's result
                    # means, no step of its own
                    or (
                        self.condition.match(sent, cs, ce) is not None
                        and _NO_STEP.search(sent, cs, ce) is not None
                    )
                    # "U&E + Mg 1/52", "Wt + U&E 1/52": tests named together are one item (not "GP f/u 2/52 +
                    # U&E at same visit", a test after a review)
                    or (
                        _PLUS.fullmatch(joined) is not None
                        and _PLUS_TEST.match(sent, cs, ce) is not None
                        and self.category(sent[cs:ce]) == "monitoring"  # not "U&E/LFT 3/12 + BP r/v"
                        and self.category(prev) not in ("review", "prescribing", "referral", "fit_note")
                    )
                    # "if low mood returns, consider ...": a bare condition; not one that holds its own ask
                    # ("Once he is on the patch we would be grateful if ...; please sign ...")
                    or (
                        _BARE_CONDITION.match(prev)
                        # (after ";", a condition with its own step is an item of its own: "...; if K
                        # >5.5 stop spironolactone; r/v BP"; "if K is above 6.0 please stop the ramipril and
                        # discuss with the registrar" keeps both steps under its condition)
                        and (";" not in joined or _STEP_IN_CONDITION.search(prev) is None)
                        and (_first(asks, prev) is None or _IF_OPENING.match(prev) is not None)
                        # (nor after ", and" when its step is in it and a review or test with a condition
                        # of its own follows: "if the potassium is above 5.5 reduce the spironolactone, and
                        # see him at the surgery if his weight goes up")
                        and not (
                            "," in joined
                            and _STEP_IN_CONDITION.search(prev) is not None
                            and self.condition.search(sent, cs, ce) is not None
                            and self._test_or_review(sent[cs:ce])
                        )
                    )
                    # "Actions GP - FBC 2/52": a label before the dash, not a request of its own
                    or (
                        _DASH.fullmatch(joined) is not None
                        and len(prev.split()) <= 3
                        and self._verb_kind(prev) is None
                        and self.timeframe(prev) is None
                    )
                    or (
                        _THEN.search(prev)
                        and ";" not in joined
                        and "\n" not in joined
                        and not _ASKS.match(sent[cs:ce])  # "..., then yearly, and please see him ..."
                        # "..., then 10 mg daily for four weeks, and I would also ask that you review her
                        # ...": the writer asking again in words of their own
                        and _WRITER_ASKS.match(sent, cs, ce) is None
                    )
                    or (then_join and not after_test)
                    or _BARE_VERB.fullmatch(sent[cs:ce])
                    or self._lone_verb(prev, joined)
                    # (not "he would also benefit from a shingles vaccine if you could arrange it": its own
                    # need)
                    or (_POINTS_BACK.match(sent[cs:ce]) and _OWN_NEED.search(sent, cs, ce) is None)
                    or _RESULTS_SENT.match(sent[cs:ce])
                    # "If the carbocisteine helps, please continue it on repeat; if not, stop it": the other
                    # branch of a drug step (after a test or review, "if so, refer" is a step of its own)
                    # "arrange an MRI and re-refer with the report attached": how the result comes back to us
                    or (_WITH_REPORT.search(sent, cs, ce) is not None and self._test_or_review(prev))
                    or (
                        _OTHERWISE_OPENING.match(sent, cs, ce) is not None
                        and "\n" not in joined
                        and not self._test_or_review(prev)
                    )
                    or _DISCUSS_BACK.fullmatch(sent, cs, ce) is not None
                    # "chase the blood cultures, final report pending, and change antibiotic if needed":
                    # chasing a pending result and acting on it is one results item (fixtures/README),
                    # however joined (not a step that stands apart: "..., and in the meantime start ...",
                    # nor after ";")
                    or (
                        self._verb_kind(prev) == "results"
                        and ";" not in joined
                        and "\n" not in joined
                        and _ACTS_ON_IT.search(sent, cs, ce) is not None
                    )
                    # "check your pulse and do an ECG": two tests asked together (a test after a drug step,
                    # "increase the citalopram and do an ECG first", stands apart)
                    or (
                        _PLAIN_TEST_ASK.match(sent, cs, ce) is not None
                        and self.category(prev) == "monitoring"
                    )
                    or (
                        _TO_STEP.match(sent, cs, ce) is not None
                        and _PATIENT_TO.search(prev) is not None
                        and _ALSO_TO.match(sent, cs, ce) is None  # "..., and also to a dietitian"
                    )
                    # "see her in 2 weeks to check ... and to consider whether ...": a second purpose
                    or (_PURPOSE_STEP.match(sent, cs, ce) is not None and _PURPOSE_TO.search(prev))
                    # "omeprazole 20mg bd with amoxicillin 1g bd and clarithromycin 500mg bd for 7 days": a
                    # regimen whose drugs are joined by "with" is one course, its last drug too
                    or (
                        _AND_ONLY.fullmatch(joined) is not None
                        and _WITH_REGIMEN.search(prev) is not None
                        and _BARE_DOSED.match(sent, cs, ce) is not None
                    )
                    # "send the result to the renal team, and also to the HF team": one report back
                    or (_ALSO_TO.match(sent, cs, ce) is not None and _REFER_WORD.search(prev) is None)
                    # "continue the blood monitoring in the agreement, with FBC, U&E and LFT two weeks after
                    # the increase": the tests say what the monitoring is, not a request of their own
                    or (_WITH_JOIN.fullmatch(joined) and _MONITORING_HEAD.search(prev))
                )
            ):
                # "if low mood returns, consider ...", and "X for 12 months, then stop it and continue Y"
                merged[-1] = (merged[-1][0], ce)
                if (
                    len(merged) > 1
                    and _OTHERWISE.match(prev) is not None
                    and "\n" not in sent[merged[-2][1] : merged[-1][0]]
                    and not self._test_or_review(sent[merged[-2][0] : merged[-2][1]])
                ):
                    # "If the carbocisteine helps, please continue it on repeat; if not, stop it": the other
                    # branch of a drug step (after a test or review, "if so, refer" is a step of its own)
                    merged[-2:] = [(merged[-2][0], ce)]
            else:
                merged.append((cs, ce))
        merged = self._fit_note_apart(sent, merged)
        return self._steps_apart(sent, merged)
