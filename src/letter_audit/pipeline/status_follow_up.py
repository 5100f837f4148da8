"""``la_status``'s follow-up decision: who sees the patient next (hospital, GP, none) and when.

Why its own module: the follow-up owner is the most guarded verdict in the letter (titles, visit
lines, contingencies, requests to the practice, contradictions between a plan and a discharge), and
those guards belong together with the precedence they protect.
"""

from __future__ import annotations

import re
from typing import Any

from .ruledata import compile_pattern
from .rxfilter import Haystack
from .status_rules import StatusRules
from .status_scan import BEFORE_REACH, NEGATED, Hit, compile_cues, scan, unit_of, unit_text

_TITLE_REACH = 400  # a letter's title sits in its first lines
_NOT_TITLE = re.compile(r"[.:;\d]")


def _opens_title(text: str, start: int) -> bool:
    """Whether a hit opens a short line near the top with no full stop, colon or number: the letter's
    title ("OUTPATIENT REVIEW", "Outpatient Review - Respiratory Medicine") names the kind of letter,
    not a plan for the patient."""
    if start >= _TITLE_REACH:
        return False
    ls = text.rfind("\n", 0, start) + 1
    line = _line(text, start)
    if text[ls:start].strip(" \t-*#|"):
        return False
    return not _NOT_TITLE.search(line) and len(line.split()) <= 8


def _ends_title(text: str, start: int, end: int) -> bool:
    """Round 26 (even halves): whether a hit ends a short title line near the top after a dash or bar
    ("DIABETES & ENDOCRINE CENTRE - OUTPATIENT REVIEW", "Older Adults' Mental Health Service - Outpatient
    Review"): the title names the visit the letter reports, not a plan."""
    if start >= _TITLE_REACH:
        return False
    ls = text.rfind("\n", 0, start) + 1
    line = _line(text, start)
    if text[end : ls + len(line)].strip(" \t-*#|") or _NOT_TITLE.search(line) or len(line.split()) > 12:
        return False
    return text[ls:start].rstrip().endswith(("-", "\u2013", "|"))


# Round 24: a line near the top that names the visit the letter reports by its time after an event
# ("Post-operative review 5 weeks after right phacoemulsification (20/04/2025).", "Follow-up 6 months after
# TAVI"): a title, not a plan
_VISIT_KIND = re.compile(
    r"[ \t]*(?:[\w-]+[ \t]+){0,2}(?:review|follow[- ]?up|f/u|visit|appointment|check)[ \t]+(?:at[ \t]+)?"
    r"(?:\d+|one|two|three|four|five|six|eight|nine|twelve)[ \t]*(?:-[ \t]*\d+[ \t]*)?"
    r"(?:days?|weeks?|months?|years?|/52|/12)[ \t]+(?:after|following|post)\b[^\n]*$",
    re.IGNORECASE,
)
# words that make such a line a plan ("Plan: review 6 weeks after surgery", "we will review ... after")
_PLAN_WORDS = re.compile(
    r"\b(?:will|shall|to\s+be|please|plan\w*|arrang\w*|book\w*|next|again|we|I|GP|practice|should)\b|[:;]",
    re.IGNORECASE,
)


def _names_visit(text: str, start: int) -> bool:
    """Whether a hit sits on a line near the top that only names the visit by its time after an event, with
    no plan word on it and not under a heading ending in a colon (see ``_VISIT_KIND``)."""
    if start >= _TITLE_REACH:
        return False
    line = _line(text, start)
    if _VISIT_KIND.match(line) is None or _PLAN_WORDS.search(line) is not None:
        return False
    prev = text[: max(0, text.rfind("\n", 0, start))].rstrip().rsplit("\n", 1)[-1]
    return not prev.rstrip().endswith(":")


# a sentence opening with a condition clause that runs, comma-ended, up to the request
_LED_BY_CONDITION = re.compile(r"\W*(?:if|unless|should|in\s+case)\b[^.;:,\n]{1,120},", re.IGNORECASE)
# a negation a few words ahead of a hospital cue ("This referral has not been placed on our waiting list")
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|n't)\s+(?:(?:yet|been|be|being|currently|already)\s+){1,2}$", re.IGNORECASE
)
# a condition followed by a comma and a main clause of its own ("..., that is reasonable")
_LEADS_CLAUSE = re.compile(
    r"\s*,\s*(?:that|this|it|then|we|I|you|she|he|they|please|refer|stop|restart)\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"(?:I|we)\b", re.IGNORECASE)
# Round 25 (even halves): a condition clause joined by "and" to the plan that follows it ("... contact the
# team if these return within 12 months, and we will see her quickly"): the plan hangs on the condition
_IF_AND_BEFORE = re.compile(
    r"\b(?:if|should|unless|in\s+case)\b(?!\s+(?:needed|required|necessary|appropriate|possible|tolerated|indicated|so)\b)"
    r"[^.;:\n]{1,150}?,?\s+and\s+(?:then\s+)?$",
    re.IGNORECASE,
)
# the writer as the subject just ahead of a visit cue ("... send me the report before I see her in clinic")
_FIRST_PERSON_BEFORE = re.compile(
    r"\b(?:I|we)\s+(?:(?:will|shall|can|then|next|also)\s+)?$|(?:I|we)(?:'ll|’ll)\s+$", re.IGNORECASE
)
# the patient or a relative as the subject just ahead of a visit cue ("Mum will bring him for a nurse check"):
# the family's step, never an ask of the practice, wherever a request finder placed it
_FAMILY_BEFORE = re.compile(
    r"\b(?:mum|dad|mother|father|parents?|carers?|wife|husband|partner|daughter|son|family|he|she|they|"
    r"the\s+patient)\s+$",
    re.IGNORECASE,
)
# Round 26: a relative of the patient as the subject just ahead of a referral cue ("we discussed family
# screening and his brother has been referred to our genetics team", "her two daughters have been referred
# for testing"): someone else is referred, the patient is not followed up by it
_RELATIVE_BEFORE = re.compile(
    r"\b(?:his|her|their|the\s+patient['’]s)\s+(?:[\w-]+\s+){0,2}?(?:brothers?|sisters?|sons?|daughters?|"
    r"siblings?|children|child|twins?|mother|father|parents?|cousins?|relatives?|nephews?|nieces?|aunts?|uncles?|"
    r"grandchildren|family(?:\s+members?)?)\s+(?:(?:and|&)\s+(?:[\w-]+\s+){1,2})?(?:also\s+)?$",
    re.IGNORECASE,
)
# Round 26: a follow-up field whose whole answer leaves the plan undecided ("Outpatient follow-up: As per
# consultant", "Clinic review - at the consultant's discretion", "Follow-up: TBC by consultant"), as
# "Follow-up: TBC" is already read: no plan stated, unclear
_UNDECIDED = (
    r"(?:(?:TBC|TBA|TBD|to\s+be\s+(?:confirmed|decided|determined))(?:[ \t]+(?:by|with)[ \t]+(?:the[ \t]+)?"
    r"(?:consultant|team|registrar|secretar(?:y|ies)))?|(?:as\s+)?per\s+(?:the\s+)?(?:consultant|team)|"
    r"at\s+(?:the\s+)?(?:consultant['’]?s|team['’]?s)\s+discretion|at\s+the\s+discretion\s+of\s+(?:the\s+)?"
    r"(?:consultant|team))[ \t.]*$"
)
_UNDECIDED_VALUE = re.compile(r"[ \t]*[:|\t-][ \t]*" + _UNDECIDED, re.IGNORECASE | re.MULTILINE)
# Round 26 (even halves): the whole field, label and undecided answer ("Follow-up: TBC by consultant" read
# as a hospital field, "Next review: to be confirmed" listed among the GP's requests): no plan, no GP review
_UNDECIDED_FIELD = re.compile(
    r"\W*(?:next\s+|outpatient\s+|clinic\s+)?(?:follow[- ]?up|review|appointment|appt|f/u)"
    r"(?:\s+(?:arrangements?|plan))?"
    r"[ \t]*[:|\t-][ \t]*" + _UNDECIDED,
    re.IGNORECASE | re.MULTILINE,
)
_UNDECIDED_BODY = re.compile(r"\s*" + _UNDECIDED, re.IGNORECASE | re.MULTILINE)


# what follows a discharge that ends one part of care only ("... from the nursing caseload", "from our
# titration clinic"); round 25: or the stay ("Discharge from Inpatient Mental Health Services", "discharged
# from the ward"), which ends the admission, not the team's plan after it
_PART_OF_CARE = re.compile(
    r"\b(?:from|off)\s+(?:the|our|my|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:caseload|titration|programme|"
    r"course|pathway)\b|\bfrom\s+(?:(?:the|our|this)\s+)?(?:in-?patient\b|ward\b|(?:acute\s+)?admission\b)",
    re.IGNORECASE,
)
# a review of a reading at the practice ("BP r/v", "review his BP at your convenience"): with no time of its
# own it is a task there, like sutures out, and yields to a stated "no follow-up"
_READING_REVIEW = re.compile(
    r"\b(?:BP|blood\s+pressure|pulse|heart\s+rate|HR|weight|readings?)\b", re.IGNORECASE
)
_TIMED = re.compile(
    r"\b(?:\d+|a|one|two|three|four|six|eight|twelve)\s*(?:-\s*\d+\s*)?(?:days?|weeks?|months?|years?)\b"
    r"|\d\s*/\s*(?:52|12|7)\b|\b(?:weekly|fortnight\w*|monthly|annual\w*|yearly)\b",
    re.IGNORECASE,
)
# a reading named just after a GP review cue ("please review her blood pressure"), or where it is taken
# ("review her home BP readings when convenient")
_READING_AFTER = re.compile(
    r"\s*(?:(?:his|her|their|the)\s+)?(?:(?:home|ambulatory|self-?monitored)\s+)?"
    r"(?:BP|blood\s+pressure|pulse|heart\s+rate|weight|readings?)\b",
    re.IGNORECASE,
)
# a task at the practice named just after a GP review cue ("GP to review wound day 10", "review the sutures")
_TASK_AFTER = re.compile(
    r"\s*(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+)?(?:wounds?|sutures?|stitches|clips|staples|dressings?|scars?)\b",
    re.IGNORECASE,
)
# Round 23: a review of treatment asked for at a near time ("Please review his analgesia in 4-6 weeks",
# "review her rate control in 2 weeks", "r/v the dose of ramipril within 3 months"): the practice sees the
# patient then, so it is follow-up, unlike a review at a point of the course ("Review need for furosemide at 4
# weeks", "IPSS review at 6 months", "Review bisphosphonate at 5 years": dev golds), of a drug's need or dose
# ("review the need for omeprazole in 3 months", "Review the statin dose in 3 months") or of a result ("review
# the bloods in 2 weeks").
_TIMED_REVIEW = re.compile(
    r"\b(?:review|r/v|reassess)\w*\s+(?:(?:his|her|their|the)\s+)?"
    r"(?:(?!need\b|needs\b|doses?\b|dosage\b|requirement\b|indication\b|whether\b|results?\b|reports?\b|bloods?\b|tests?\b|histology\b|scans?\b|levels?\b|U\s*&\s*E|LFTs?\b|FBC\b|TFTs?\b|INR\b|"
    r"HbA1c\b|CRP\b|ESR\b|PSA\b|eGFR\b|creat\w*|potassium\b|sodium\b|ferritin\b|lipids?\b|cholesterol\b|"
    r"(?:renal|liver|kidney|thyroid)\s+function\b|urine\b|ECG\b|x-?rays?\b|CXR\b|images?\b)[\w&-]+\s+){0,3}?"
    r"(?:in|within)\s+(?:about\s+|around\s+)?(?:\d+(?:\s*-\s*\d+)?|one|two|three|four|six|eight|twelve)"
    r"\s*(?:days?|weeks?|months?|/52|/12)\b",
    re.IGNORECASE,
)


def timed_review(text: str) -> bool:
    """Whether a request asks for a review at a near time (see ``_TIMED_REVIEW``)."""
    return _TIMED_REVIEW.search(text) is not None


_SEES_PATIENT = re.compile(r"\b(?:review|see|r/v)\s+(?:him|her|them|the\s+patient)\b", re.IGNORECASE)
# Round 24: a review of the blood pressure spelled out that goes on, in its sentence, to titrate the treatment
# to a target ("review his blood pressure in 2-4 weeks and titrate treatment to below 130/80": dev gold none)
# hands over the treatment, as "titrate her treatment" does (treatment_review); one step on the reading ("...
# and start amlodipine if it remains raised") leaves a review of the patient (probe golds: gp)
_BP_SPELLED = re.compile(r"\bblood\s+pressure\b", re.IGNORECASE)
_STEP_AFTER = re.compile(r"[^.;\n]*?\b(?:(?:up-?)?titrat\w*|optimi[sz]\w*)\b", re.IGNORECASE)
# a dated clinic cue ("clinic 13/11/2026") and the header dates it is measured against
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)")
_HEADER_REACH = 600


def _dmy(m: re.Match[str]) -> tuple[int, int, int] | None:
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    y = y + 2000 if y < 100 else y
    return (y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _past_visit(text: str, start: int, end: int) -> bool:
    """Whether a dated clinic cue ("6 week review, clinic 13/11/2026") names a day no later than a date in
    the letter's header (the typed or letter date): the visit the letter reports, not a plan."""
    m = _DMY.search(text, start, end)
    if m is None or (when := _dmy(m)) is None:
        return False
    head = [d for h in _DMY.finditer(text, 0, _HEADER_REACH) if h.start() != m.start() and (d := _dmy(h))]
    return any(when <= d for d in head)


# the writer reporting the visit the letter is about, ahead of a clinic-and-time cue in its sentence ("I
# reviewed Mr Rossi in clinic six weeks after his operation", "She was seen in the clinic 3 months after")
_REPORTED_VISIT = re.compile(
    r"\b(?:(?:I|we)\s+(?:have\s+)?(?:reviewed|saw|assessed|examined|met)|(?:was|were)\s+(?:seen|reviewed|assessed))\b"
    r"(?![^.;\n]*\b(?:will|shall|again|next)\b)",
    re.IGNORECASE,
)


_REPORTABLE = {"fu-clinic-when", "fu-abbrev-interval", "fu-review-in-clinic"}
# Round 24: hospital cues that name the patient's own visit with the team inside a request to the practice
# ("forward the results to my secretary before her review on 3 November"): the request asks for the test, the
# visit is the team's
_VISIT_IN_ASK = {"fu-visit-awaits-results"}


def _reported_visit(text: str, units: list[tuple[int, int]], hit: Hit) -> bool:
    """Whether a clinic-and-time cue tells the visit the letter reports: a report verb in the past ("I
    reviewed", "was seen") stands at most a few words ahead of it, with no future word after it."""
    unit = unit_of(units, hit[0])
    us = unit[0] if unit is not None else hit[0]
    return _REPORTED_VISIT.search(text, max(us, hit[0] - 30), hit[1]) is not None


_GENERIC_WHO = {"clinic", "the clinic", "team", "the team", "service", "the service", "nurse", "consultant"}


def _line(text: str, at: int) -> str:
    """The line the offset ``at`` lies on."""
    le = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : le if le >= 0 else len(text)]


def _in_table(text: str, start: int) -> bool:
    """Whether the line at ``start`` has a neighbour line that is also a table row (holds a bar)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    le = len(text) if le < 0 else le
    prev = text[text.rfind("\n", 0, max(0, ls - 1)) + 1 : max(0, ls - 1)] if ls > 0 else ""
    nxt_end = text.find("\n", le + 1)
    nxt = text[le + 1 : len(text) if nxt_end < 0 else nxt_end] if le < len(text) else ""
    return "|" in prev or "|" in nxt


# Round 24 (b): the team's own steps listed under a line ending "... team will:" ("The HF team will: / - take
# U&E at home on 21/07 / - visit fortnightly"): a visit or call among the items is the team's follow-up,
# though each item has no subject of its own. A practice, district or GP team heading is not the hospital's.
_TEAM_WILL_HEAD = re.compile(
    r"(?m)^[ \t]*(?!(?:[\w&-]+[ \t]+){0,3}?(?:GP|practice|surgery|district|primary)\b)"
    r"(?:the[ \t]+|our[ \t]+)?"
    r"(?:[\w&-]+[ \t]+){0,3}(?:team|nurses?|service|CNS|clinic|unit|ward|consultant|(?:I|we))"
    r"[ \t]+will[ \t]*:[ \t]*\n",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•]|\(?[a-z0-9]{1,2}[.)])[ \t]*(?P<body>[^\n]*)\n?")
_ITEM_VISIT = re.compile(
    r"(?:(?:re-?)?visit|see|review|call|phone|telephone|ring|contact)\b(?:[ \t]+(?:him|her|them))?[ \t]+"
    r"(?:again[ \t]+)?(?:weekly|fortnightly|monthly|daily|every|each|in|within|at|on|after|next)\b",
    re.IGNORECASE,
)


def _team_list_visits(text: str) -> list[Hit]:
    """Visits or calls listed as the team's own steps under a "... team will:" line (``_TEAM_WILL_HEAD``)."""
    hits: list[Hit] = []
    if "will:" not in text and "will :" not in text:
        return hits
    for h in _TEAM_WILL_HEAD.finditer(text):
        pos = h.end()
        for _ in range(8):
            m = _LIST_ITEM.match(text, pos)
            if m is None or not m.group("body").strip():
                break
            v = _ITEM_VISIT.match(m.group("body"))
            if v is not None:
                hits.append((m.start("body"), m.start("body") + v.end(), "fu-team-will-list"))
                break
            pos = m.end()
    return hits


class FollowUpFinder:
    """The follow-up cues compiled once, the guards over their hits, and the owner decision."""

    def __init__(self, rules: StatusRules) -> None:
        self.rules = rules
        fu = rules.follow_up
        self.fu_hospital, self.fu_gp, self.fu_none = (
            compile_cues(fu.hospital),
            compile_cues(fu.gp),
            compile_cues(fu.none),
        )
        self.when, self.with_whom = compile_pattern(fu.when), compile_pattern(fu.with_whom)
        self.fu_none_section = compile_pattern(fu.none_in_section)
        self.fu_hospital_section = compile_pattern(fu.hospital_in_section)
        self.treatment_review = compile_pattern(fu.treatment_review)
        self.visit_line = compile_pattern(fu.visit_line)
        self.hospital_not_after = re.compile(fu.hospital_not_after, re.IGNORECASE)
        self.review_word = compile_pattern(fu.review_word)
        self.clause_break = compile_pattern(fu.clause_break)
        self.contingency = compile_pattern(fu.contingency)
        self.drug_review_gap = compile_pattern(fu.drug_review_gap)
        self.contingency_lead = compile_pattern(fu.contingency_lead)
        self.request_heading = compile_pattern(fu.request_heading)
        self.none_not_after = compile_pattern(fu.none_not_after)
        self.review_in_request = compile_pattern(fu.review_in_request)
        self.undecided = compile_pattern(fu.undecided)
        self.condition_lead = compile_pattern(fu.condition_lead)
        self.others_row = compile_pattern(fu.others_row)
        self.not_plan_after = compile_pattern(fu.not_plan_after)
        self.missed_after = compile_pattern(fu.missed_after)
        self.patient_review_when = compile_pattern(fu.patient_review_when)
        self.own_statement = compile_pattern(fu.own_statement)
        self.ask_words = compile_pattern(fu.ask_words)
        self.plan_place = compile_pattern(fu.plan_place)
        self.practice_task = compile_pattern(fu.practice_task)
        self.treatment_visit = compile_pattern(fu.treatment_visit)
        self.next_visit_review = compile_pattern(fu.next_visit_review)
        self.admission_at_home = compile_pattern(fu.admission_at_home)

    def _on_visit_line(self, text: str, start: int) -> bool:
        """Whether a hit sits on a line that reports the visit this letter is about ("Clinic 08/10/2026",
        "Seen in ILD clinic 20/11/2025", "Clinic | Outpatient review, 30/10/2026"): not a plan."""
        ls = text.rfind("\n", 0, start) + 1
        return self.visit_line.match(text, ls) is not None

    def review_is_conditional(self, request: str, condition: str) -> bool:
        """Whether a request's condition governs its review: "please review her if the wound is not healing"
        does; "review her in 4 weeks and consider increasing to 100 mg if the response is partial" does not
        (the condition belongs to a later clause, after a break such as "and consider")."""
        at = request.find(condition)
        # the condition must be one ("if", "unless"), not a time ("once creat is back to baseline") or a
        # question ("to see if it is still needed")
        if at >= 0 and self.condition_lead.search(request, max(0, at - 40), at) is None:
            return False
        review = self.review_word.search(request)
        if at < 0 or review is None or at < review.start():
            return True
        # "Annual review of her anticoagulation - if she chooses to stop, that is reasonable": a condition
        # after the review that leads a clause of its own governs that clause, not the review
        if _LEADS_CLAUSE.match(request, at + len(condition)):
            return False
        return self.clause_break.search(request, review.end(), at) is None

    def led_by_condition(self, text: str, units: list[tuple[int, int]], start: int, end: int) -> bool:
        """Whether the sentence a request sits in opens with a condition clause that governs it ("Should
        the rash return, please review her", "If the pain persists, please see him")."""
        # from the sentence's start, or its line's when a salutation line ran into it
        ls = max((unit_of(units, start) or (0, 0))[0], text.rfind("\n", 0, start) + 1)
        m = _LED_BY_CONDITION.match(text, ls, end)
        # the clause ends at the request, or inside it when the request span holds it
        return m is not None and (m.end() >= start or not text[m.end() : start].strip())

    def treatment_only(
        self, text: str, units: list[tuple[int, int]], request: Any, drugs: list[tuple[int, int]]
    ) -> bool:
        """Whether a GP review request is about treatment, not the patient: the request says so, a bare
        "please review" sits in a sentence about treatment ("... will need another treatment instead of the
        thiazide; please review"), or it reviews a named drug ("Review bisphosphonate at 5 years")."""
        s, e = request.start_char, request.end_char
        if self.patient_review_when.match(request.text):
            return False  # "Please review at 3 months to decide about anticoagulation": the patient first
        if _TIMED_REVIEW.search(request.text):
            return False  # "Please review his analgesia in 4-6 weeks": the patient is seen then
        if self.treatment_review.search(request.text):
            return True
        if _BP_SPELLED.search(request.text) and _STEP_AFTER.match(text, e, (unit_of(units, s) or (s, e))[1]):
            return True
        sentence = unit_text(text, units, (s, e, ""))
        # "... recheck HbA1c at 3 months and review him then": a short review of the patient is not made a
        # treatment review by the test its sentence opens with
        if (
            len(request.text.split()) <= 3
            and _SEES_PATIENT.search(request.text) is None
            and (self.treatment_review.search(sentence))
        ):
            return True
        gap = self.drug_review_gap
        return any(s <= ds < e and gap.search(text, max(s, ds - 40), ds) is not None for ds, _ in drugs)

    def _contingent(self, text: str, units: list[tuple[int, int]], hit: Hit) -> bool:
        """Whether a hospital cue's plan hangs on a condition: its sentence opens with one ("If the scan
        shows ..., we will ..."), or one follows the cue ("we will contact him if the Holter shows AF")."""
        us, ue = unit_of(units, hit[0]) or (hit[0], hit[1])
        # the clause the cue sits in may open with one after a colon or semicolon ("open access for 6 months:
        # if lows carry on, ring the duty line and we will see you")
        cs = max(text.rfind(":", us, hit[0]), text.rfind(";", us, hit[0])) + 1 or us
        return bool(
            self.contingency.match(text, hit[0], ue)
            or self.contingency_lead.match(text, us, ue)
            or (cs > us and self.contingency_lead.match(text, cs, ue))
            # "know to ring the team if these return, and we will see her quickly": the plan joined to a
            # condition just ahead of it in its clause
            or _IF_AND_BEFORE.search(text, max(cs, hit[0] - 200), hit[0]) is not None
        )

    def _bare_plan(self, text: str, start: int, end: int) -> bool:
        """Whether a request span asks nothing of the practice and names a hospital place ("Cardiology OPA
        6/52" listed under "GP:"): the hospital's own plan, not an ask."""
        if self.ask_words.search(text, start, end) is not None:
            return False
        return self.plan_place.search(text, start, end) is not None

    def _after_owner_words(self, text: str, units: list[tuple[int, int]], start: int) -> bool:
        """Whether a hospital cue follows words that make it someone else's: "GP to review in 2 weeks",
        "the practice nurse review in 6 weeks", "asked by the respiratory team to see her" (a referral
        told as history, not a plan)."""
        ls = max((unit_of(units, start) or (0, 0))[0], start - BEFORE_REACH)
        return self.hospital_not_after.search(text[ls:start]) is not None

    def follow_up(
        self,
        text: str,
        units: list[tuple[int, int]],
        *,
        gp_reviews: list[Hit],
        fu_bodies: list[int],
        hay: Haystack | None = None,
        conditional: list[tuple[int, int]] | None = None,
        requested: list[tuple[int, int]] | None = None,
        ticked: list[tuple[int, int]] | None = None,
    ) -> dict[str, Any] | None:
        """Who follows the patient up: the hospital if it says it will see or call them, else the GP if
        asked to, else none if the letter says no follow-up; a "none" cue overlapping an owner cue
        ("no GP follow-up needed") cancels it. Unstated: None (the report says "unclear")."""
        hay = hay or Haystack(text)
        none = [
            h
            for h in scan(self.fu_none, text, units, hay)
            if not self.none_not_after.search(text, max(0, h[0] - 40), h[0])
            # a title in capitals, "VIRTUAL WARD (Frailty) - DISCHARGE FROM CASELOAD", names the letter: the
            # stay ends, like a discharge from a ward ("Follow-up: discharged from the hospital at home team"
            # stays none)
            and not (
                h[2] == "fu-discharged"
                and text[h[0] : h[1]].isupper()
                and self.admission_at_home.search(_line(text, h[0]))
            )
        ]
        for body in fu_bodies:
            m = self.fu_none_section.match(text, body)
            if m is not None:
                none.append((m.start(), m.end(), "fu-none-in-section"))
        none.sort()

        def keep(hits: list[Hit]) -> list[Hit]:
            # a stated field ("Follow-up: discharged from CRHTT to your care") is not cancelled by its words
            return [
                h for h in hits if h[2] == "fu-field-gp" or not any(n[0] < h[1] and h[0] < n[1] for n in none)
            ]

        hospital = [
            h
            for h in keep(scan(self.fu_hospital, text, units, hay))
            if not NEGATED.search(text[max(0, h[0] - 8) : h[0]])
            and not _NEGATED_BEFORE.search(text, max(0, h[0] - 30), h[0])
            # "a nurse will call you back" (an advice line), "we will follow it up" (a result): no visit
            and not self.not_plan_after.match(text, h[1])
            # "We also offered him an appointment on 20/10/2026, which he did not attend": told as history
            and not self.missed_after.match(text, h[1])
            and not _opens_title(text, h[0])
            and not _ends_title(text, h[0], h[1])
            and not _names_visit(text, h[0])
            and not self._on_visit_line(text, h[0])
            and not self._after_owner_words(text, units, h[0])
            and not _UNDECIDED_VALUE.match(text, h[1])
            and not _UNDECIDED_FIELD.match(text, h[0])
            and not (
                "referr" in h[2]  # a referral cue's rule id
                and _RELATIVE_BEFORE.search(text, max((unit_of(units, h[0]) or (0, 0))[0], h[0] - 80), h[0])
            )
            # a visit inside a request to the practice ("ask the district nurses to review") is its ask; a
            # bare plan line under a GP heading ("Cardiology OPA 6/52") asks nothing: the hospital's
            and (
                _FIRST_PERSON.match(text, h[0]) is not None  # "we will see you in clinic": never an ask
                or h[2] in _VISIT_IN_ASK
                or _FIRST_PERSON_BEFORE.search(text, max(0, h[0] - 20), h[0]) is not None
                or _FAMILY_BEFORE.search(text, max(0, h[0] - 20), h[0]) is not None
                or not any(
                    rs <= h[0] < re_ and not self._bare_plan(text, rs, re_) for rs, re_ in requested or []
                )
            )
            # an owner-table row stands in a table: a lone letterhead line with bars is not one
            and (h[2] != "fu-owner-row" or _in_table(text, h[0]))
            and (h[2] != "fu-clinic-date" or not _past_visit(text, h[0], h[1]))
            and (h[2] not in _REPORTABLE or not _reported_visit(text, units, h))
        ]
        for body in fu_bodies:
            m = self.fu_hospital_section.match(text, body)
            if (
                m is not None
                and not any(n[0] <= body < n[1] + 1 for n in none)
                and not _UNDECIDED_BODY.match(text, body)
            ):
                hospital.append((body, m.end(), "fu-hospital-in-section"))
        # a list of the team's own steps under "The HF team will:" with a visit or call among them
        hospital += _team_list_visits(text)
        # a ticked "Follow-up" option on an outcome form (status_ticks.ticked_follow_up)
        hospital += [(ts, te, "fu-ticked-follow-up") for ts, te in ticked or []]
        hospital.sort()
        # a request span that holds a "none" cue and asks nothing ("Derm - no further appointment" listed as
        # an action) is no GP review
        gp_reviews = [
            h
            for h in gp_reviews
            if (
                self.ask_words.search(text, h[0], h[1]) is not None
                or not any(n[0] < h[1] and h[0] < n[1] for n in none)
            )
            and not _UNDECIDED_FIELD.fullmatch(text[h[0] : h[1]].strip())
        ]
        gp = sorted(keep(scan(self.fu_gp, text, units, hay)) + gp_reviews)
        # A review only if something happens ("please see her if the swelling does not settle") is a
        # safety net, not a planned GP review: it never hands the follow-up to the GP (fixtures/README.md).
        gp = [h for h in gp if not any(cs <= h[0] < ce for cs, ce in conditional or [])]
        if none:
            # a task at the practice (sutures out, an untimed reading check) is not follow-up when the letter
            # says there is none
            yields = set(self.rules.follow_up.yields_to_none)
            gp = [
                h
                for h in gp
                if h[2] not in yields
                and not (
                    _READING_AFTER.match(text, h[1]) and _TIMED.search(unit_text(text, units, h)) is None
                )
                # "Follow up: none, GP to review wound day 10": a task at the practice, like sutures out;
                # round 26: a follow-up field that names the practice as its owner ("Follow-up: Practice nurse
                # wound care; no further surgical follow-up") hands the follow-up over, as "Follow-up: with
                # the practice" does
                and not (h[2] != "fu-field-gp" and _TASK_AFTER.match(text, h[1]))
            ]
        if none:
            # a call only if a result shows something ("we will contact him if the Holter shows AF") is no
            # follow-up when the letter says there is none
            fu = self.rules.follow_up
            hospital = [
                h
                for h in hospital
                if h[2] not in fu.hospital_yields_to_none
                and not self._contingent(text, units, h)
                # "an iron infusion on our day unit next week, which she will be sent a date for": a treatment
                and not self.treatment_visit.search(unit_text(text, units, h))
            ]
        if gp:
            # a referral on to another service is weaker than a review of the patient asked of the practice
            weak = set(self.rules.follow_up.hospital_yields_to_gp)
            if none:  # "no further hospital follow-up; midwife visits to day 10, then follow-up with GP"
                weak |= set(self.rules.follow_up.hospital_yields_to_gp_with_none)
            hospital = [h for h in hospital if h[2] not in weak]
        results_only = all(h[2] in self.rules.follow_up.hospital_yields_to_none for h in hospital)
        if hospital and not gp and results_only:
            # only a results letter, and the team will decide on follow-up from the result: unclear
            u = self.undecided.search(text)
            if u is not None:
                return {
                    "owner": "unclear",
                    "start": u.start(),
                    "end": u.end(),
                    "rule": "fu-undecided",
                    "when": None,
                    "with_whom": None,
                }
        clash = self.rules.follow_up.contradiction
        # a plan with a time ("see her again in 6 months"), not a call with results
        plans = [
            h for h in hospital if h[2] in clash.hospital and self.when.search(unit_text(text, units, h))
        ]
        # a discharge from one part of care ("from the nursing caseload", "from the titration service") leaves
        # another clinician's plan standing: no clash
        ends = [
            n
            for n in none
            if n[2] in clash.none and not _PART_OF_CARE.search(text, n[0], min(len(text), n[1] + 60))
        ]
        if plans and ends and not gp:
            s, e, _ = ends[0]
            return {
                "owner": "unclear",
                "start": s,
                "end": e,
                "rule": "fu-contradictory",
                "when": None,
                "with_whom": None,
            }
        if none and not hospital and not gp:
            # no appointment given, but the team will decide from a result whether the patient comes back
            u = self.undecided.search(text)
            if u is not None:
                return {
                    "owner": "unclear",
                    "start": u.start(),
                    "end": u.end(),
                    "rule": "fu-undecided",
                    "when": None,
                    "with_whom": None,
                }
        # "GP actions: none" says nothing of who follows the patient up: with no cue, the owner is unclear.
        order: list[tuple[str, list[Hit]]] = [("hospital", hospital), ("gp", gp), ("none", none)]
        if any(h[2] == "fu-field-gp" for h in gp):
            # An explicit "Follow-up: back to GP" field outranks a hospital service mentioned elsewhere.
            gp = [h for h in gp if h[2] == "fu-field-gp"]
            order = [("gp", gp)]
        for owner, hits in order:
            if hits:
                s, e, rid = hits[0]
                unit = next(((us, ue) for us, ue in units if us <= s < ue), (s, e))
                sentence = text[unit[0] : unit[1]]
                when = self.when.search(sentence)
                people = list(self.with_whom.finditer(sentence))
                people = [m for m in people if m.group("who").lower() not in _GENERIC_WHO]
                named = [m for m in people if m.group("who")[:1].isupper() and m.group("who")[:2] != "GP"]
                pick = named or people
                who = pick[0] if pick else None
                return {
                    "owner": owner,
                    "start": s,
                    "end": e,
                    "rule": rid,
                    "when": when.group(0) if when and owner != "none" else None,
                    "with_whom": who.group("who").strip() if who and owner != "none" else None,
                }
        return None
