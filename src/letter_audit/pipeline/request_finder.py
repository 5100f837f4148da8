"""The request finder: text and its sections in, the requests placed on the practice out (no spaCy).

Why this shape: a request is a clause, not a sentence ("Please check U&E and refer to dietitian" is two),
it is recognised by how letters address the practice ("GP to", "I would be grateful if you could"), by
sitting under a GP-actions heading or a polite lead-in ("I would be grateful if you could:"), and it is
*not* a request when the hospital owns it ("we will arrange"). The knowledge lives in
``models/rules/requests.yaml`` (``request_rules.RequestRules``); this module holds the mechanism that picks
the sentences, ``request_sentence_checks`` the questions that walk asks of a sentence or the letter (written
to the patient? a lead-in line? ruled out?), and ``request_clauses`` the one that splits a sentence into
requests and reads each.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .request_clauses import ClauseReader
from .request_rules import (
    _BLANK_LINE,
    _DASH_PLEASE,
    _DONT,
    _FLAGS,
    _GP_NAME_SLOT,
    _NOTHING,
    Request,
    RequestRules,
    _as_fit_note,
    _compile,
    _first,
    _gate,
    _lone_label,
    index_cues,
)
from .request_sentence_checks import SentenceChecks
from .request_split import clause_split_source
from .request_units import (
    _ADDRESS_LINE,
    _ASK_THEN_IF,
    _BARE_ASK_SENTENCE,
    _TOPIC_DASH,
    _rows_apart,
    heading_to_patient,
    other_reader_parts,
    prev_end_was_lead_in,
)
from .ruledata import Cue
from .rxfilter import Gate, GateIndex, Haystack
from .sections import MEDICINE_SECTIONS
from .sentences import sentence_spans, strip_list_mark

# A heading that names the practice only to say the part below is not its to do ("Not for the practice")
_NOT_FOR = re.compile(
    r"\W*not\s+(?:for|to\s+be\s+actioned\s+by)\s+(?:the\s+|your\s+)?(?:GP|practice|surgery|primary\s+care)\b",
    re.IGNORECASE,
)


# A polite ask after a semicolon ("No routine gynaecology follow-up; please see her at 6 weeks")
_SEMI_PLEASE = re.compile(r";\s*(?=(?:please|pls)\b)", re.IGNORECASE)


def _heading_says(
    rx: re.Pattern[str], text: str, section_of: dict[int, tuple[str, int, int]] | None, pos: int
) -> bool:
    """Whether the section holding ``pos`` opens on a heading ``rx`` matches: one saying the part is not for
    the practice (``_NOT_FOR``), or that it only informs it (``_INFO_FOR``)."""
    for start, (_, body, end) in (section_of or {}).items():
        if start <= pos < end:
            return body > start and rx.match(text, start, body) is not None
    return False


# A list item's marker: a number, a letter or a bullet, and the indent before it
_ITEM_MARK = re.compile(r"([ \t]*)(\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●])[ \t]+")


def _mark_kind(m: re.Match[str]) -> tuple[int, str]:
    """A marker's indent and kind: numbered, lettered, or the bullet's own character."""
    mark = m.group(2)
    kind = "n" if any(c.isdigit() for c in mark) else "a" if mark[-1] in ".)" else mark
    return len(m.group(1).expandtabs(4)), kind


def _labels_own_item(text: str, section_of: dict[int, tuple[str, int, int]] | None, pos: int) -> bool:
    """Whether the GP section holding ``pos`` opens on a label inside one item of a list, with the item's
    ask after it on the same line ("- practice nurse: wound check + dressings, please", "2. GP: U&E 1/52"),
    and ``pos`` is on a later item of the same list: the label names the owner of its own item, not of the
    hospital's plan lines after it ("- r/v surgical OPD 4/52", "- continue regular meds")."""
    for start, (_, body, end) in (section_of or {}).items():
        if not start <= pos < end:
            continue
        line0 = text.rfind("\n", 0, start) + 1
        mark = _ITEM_MARK.fullmatch(text, line0, start)
        if mark is None or body < start:
            return False
        eol = text.find("\n", body)
        eol = len(text) if eol < 0 else eol
        if pos < eol or not text[body:eol].strip():
            return False  # the labelled item itself, or a label alone on its line over the items below it
        sibling = _ITEM_MARK.match(text, text.rfind("\n", 0, pos) + 1)
        return sibling is not None and _mark_kind(sibling) == _mark_kind(mark)
    return False


# A heading that gives the practice information ("Information for GP"), not a list of asks: what is under it
# is a request only when it asks in words of its own ("Please repeat U&E in 1-2 weeks"), not as a bare line
# ("Good engagement", "Prednisolone 30 mg OD to complete 5 days")
_INFO_FOR = re.compile(
    r"\W*(?:information|info)\s+(?:for|to)\s+(?:the\s+)?(?:GP|practice|primary\s+care|general\s+practice)\W*$",
    re.IGNORECASE,
)


# A unit under a patient's heading is the patient's unless it names the practice ("see your GP in a week").
# What is under a heading for the patient ("Patient advice", "Information for you", "Discharge advice") is
# read as a letter to the patient is: "please" and "you" mean the patient ("Please make an appointment with
# your practice nurse"), and only words naming the practice as the one to act ask it ("GP to review in 2
# weeks").
_PATIENT_PARTS = frozenset(("patient_actions", "information_given"))
_PRACTICE_WORD = re.compile(
    r"\b(?:GPs?|G\.P\.|practice|surgery|general practitioner|primary care)\b", re.IGNORECASE
)
# A lead-in line that opens the hospital's own list ("The HF team will:", "We will:", "Our nurses will
# also:"): its items are the team's plan, no asks of the practice, unless one names the practice or says
# please.
_OWN_LEAD_IN = re.compile(
    r"[ \t]*(?:(?:the|our)\s+(?:[\w&/-]+\s+){0,3}?(?:team|service|nurses?|clinic|ward|unit|"
    r"department|hospital|CNS|consultant|physio\w*)|we|I)\s+will(?:\s+(?:also|now|then))?\s*:[ \t]*$",
    re.IGNORECASE,
)
_PLEASE_WORD = re.compile(r"\b(?:please|pls|kindly|could\s+you|would\s+you|can\s+you)\b", re.IGNORECASE)


def under_own_lead_in(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` is an item of a list opened by the hospital's own "We will:" line (the items
    above it on the lines before, with no blank line between), and names neither the practice nor a please."""
    if _PRACTICE_WORD.search(text, s, e) is not None or _PLEASE_WORD.search(text, s, e) is not None:
        return False
    start = text.rfind("\n", 0, s) + 1
    if strip_list_mark(text, start, e) == start:
        return False
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        if _OWN_LEAD_IN.match(text, prev, start - 1):
            return True
        if not text[prev : start - 1].strip() or strip_list_mark(text, prev, start - 1) == prev:
            return False
        start = prev
    return False


class RequestFinder(SentenceChecks, ClauseReader):
    """The mechanism without spaCy: text + section lookup -> requests."""

    def __init__(self, rules: RequestRules) -> None:
        self.rules = rules

        def comp(cues: list[Cue]) -> list[tuple[str, re.Pattern[str]]]:
            return [(c.id, _compile(c.pattern)) for c in cues]

        self.named_gp = [c for c in rules.request_cues if _GP_NAME_SLOT in c.pattern]
        self.cues = index_cues(comp([c for c in rules.request_cues if c not in self.named_gp]))
        # One pass to rule out the many sentences that hold no cue at all (speed: most sentences).
        # "Nil" alone counts only under a GP heading, where every sentence is read anyway; leaving it out
        # keeps the quick test from passing on nearly every sentence (its words "no", "none" are everywhere).
        anywhere = [c for c in rules.none_stated if "in-section" not in c.id]
        plain = [c for c in rules.request_cues if c not in self.named_gp] + anywhere
        self.any_cue = _compile("|".join(f"(?:{c.pattern})" for c in plain))
        # An alternation matches a sentence exactly when one of its parts does: each part is searched on
        # its own, only when its gate passes (most parts' words are not in a given sentence). No Scanner
        # here: its start lists are cached per text, and one entry per sentence would push the whole
        # letter's out of that cache, which later components then rebuild.
        self.any_parts = [(_gate(rx), rx.search) for rx in (_compile(c.pattern) for c in plain)]
        # The few parts whose gates may pass on a sentence, found in one pass (most of them never do).
        self.any_index = GateIndex([gate for gate, _ in self.any_parts])
        by_id = dict(self.cues)
        overridden = rules.not_request_overridden_by
        self.overrides = {nid: [(i, by_id[i]) for i in ids if i in by_id] for nid, ids in overridden.items()}
        self.not_request = comp(rules.not_request)
        weak = set(rules.weak_not_request)
        self.strong_not_request = [(i, rx) for i, rx in self.not_request if i not in weak]
        self.weak_not_request = index_cues([(i, rx) for i, rx in self.not_request if i in weak])
        self.hospital = index_cues(comp(rules.hospital_owned))
        self.none = [(i, rx) for i, rx in comp(rules.none_stated) if "in-section" not in i]
        self.none_in_section = [(i, rx) for i, rx in comp(rules.none_stated) if "in-section" in i]
        self.categories = [(c.id, c.category, _compile(c.pattern)) for c in rules.categories]
        self.category_gates = [Gate(rx) for _, _, rx in self.categories]
        self.early_categories = frozenset(rules.early_categories)
        self.pending_check = next(
            (rx for cid, _, rx in self.categories if cid == "cat-results-pending-check"), None
        )
        self.timeframes = comp(rules.timeframes)
        self.condition = _compile(rules.condition_cues)
        self.result_links = [(_compile(k.tests), _compile(k.results)) for k in rules.result_links]
        self.verb_category = {v.lower(): cat for cat, vs in rules.verb_categories.items() for v in vs}
        verb_alt = "|".join(re.escape(v) for v in sorted(self.verb_category, key=len, reverse=True))
        # Not after a word and a hyphen: "hospital-issued", "self-started" describe ("re-weigh" still asks);
        # not a noun saying when ("U&E at same visit", "bloods at each review").
        # Nor a step named as the time of the request ("Repeat U&E before starting bisphosphonate"), nor a
        # participle describing a risk ("lifelong increased risk of type 2 diabetes").
        self.first_verb = re.compile(
            rf"(?<!\w\w\w-)(?<!\bat\s)(?<!\bsame\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bnext\s)(?<!\bthat\s)(?<!\bthis\s)"
            rf"(?!(?:(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bprior\sto\s)|(?<=\bahead\sof\s))[A-Za-z-]+ing\b)\b({verb_alt})"
            rf"(?:s|es|ed|d|ing)?\b(?!\s+(?:risks?|chances?|likelihood)\b)"
            # ("adjusted calcium", "corrected sodium": a test's name, not a drug step)
            rf"(?!(?<=ted)\s+(?:calcium|Ca|sodium|Na|QTc?)\b)",
            _FLAGS,
        )
        # Where a second step joins a request ("review the trial at 8 weeks and stop it if ...", "U&E weekly -
        # stop spironolactone if K > 5.5"): the joined item keeps the first part's kind (fixtures/README).
        # (not a report back, "and please let him know the result", which keeps its own reading)
        steps = (set(self.verb_category) | {v.lower() for v in rules.conditional_join_verbs}) - {
            v.lower() for v in rules.report_verbs
        }
        # Longest first, then by spelling: a set's order changes with each process's hash seed, and the
        # pattern text must not (the saved regex code is found by it; see rxcache).
        step_alt = "|".join(re.escape(v) for v in sorted(steps, key=lambda v: (-len(v), v)))
        self.joined_step = re.compile(
            rf"\s*(?:,\s*)?\s(?:and|&|\+|-|–)\s+(?:then\s+)?(?:please\s+|pls\s+)?(?:to\s+)?(?=(?:{step_alt})\b)"
            rf"|,\s+(?=(?:{step_alt})ing\b|checking\b|reducing\b|titrating\b|stopping\b|(?:re-?)?referring\b)"
            # "Review LFTs in 2 weeks - if bilirubin rises, please send him back to SAU": a step on a finding
            rf"|\s(?:-|–)\s+(?=if\b)|\s+and,?\s+(?=if\b[^,;.]{{0,80}},)"
            # "U&E in 1 week; if creatinine is back below 140, restart ...", "U&E after the start, then
            # uptitrate": the joined item keeps its test's kind (fixtures/README)
            rf"|\s*;\s*(?=(?:if|once|unless|when)\b[^;.]{{0,80}},)|,\s+then\s+(?=(?:please\s+)?(?:{step_alt})\b)",
            _FLAGS,
        )
        self.none_except = _compile(rules.none_except)
        self.negated_clause = _compile(rules.negated_clause)
        self.statement_clause = _compile(rules.statement_clause)
        self.patient_salutation = _compile(rules.patient_salutation)
        self.addressed_to_practice = _compile(rules.addressed_to_practice)
        self.speaks_to_patient = _compile(rules.speaks_to_patient)
        self.patient_own = _compile(rules.patient_own)
        self.patient_clause = _compile(rules.patient_clause)
        self.vocative_gp = _compile(rules.vocative_gp)
        self.gp_note_line = _compile(rules.gp_note_line)
        self.fact_clause = _compile(rules.fact_clause)
        self.passive_label = _compile(rules.passive_label)
        self.routine_aftercare = _compile(rules.routine_aftercare)
        self.gp_cues = [(i, rx) for i, rx in self.cues if i in set(rules.gp_addressed_cues)]
        self.caution = set(rules.caution_cues)
        self.action_verbs = {v.lower() for v in rules.action_verbs}
        self.list_lead_in = _compile(rules.list_lead_in)
        self.list_step_test = _compile(rules.list_step_test)
        self.split_source = clause_split_source(rules)
        # Every split opens on a space, ";" or ",", yet its leading "\s*" made the engine try the whole
        # alternation at every character. Consuming one such character first gives the pattern a
        # first-character set, so the engine skips in C to the next space or mark; the look-behind then
        # steps back onto it and tries the split there, in group 1, exactly as before (split_spans). A new
        # alternative must open on one of those characters too (tests/pipeline/test_request_split_gate.py).
        self.split = re.compile(rf"[\s;,](?<=(?=({self.split_source}))[\s;,])", _FLAGS)

    def find(
        self,
        text: str,
        section_of: dict[int, tuple[str, int, int]] | None = None,
        sentences: list[tuple[int, int]] | None = None,
    ) -> tuple[list[Request], tuple[int, int, str] | None]:
        """Requests in ``text``; ``section_of`` maps a sentence start to (section id, body start, end)."""
        requests: list[Request] = []
        none_stated: tuple[int, int, str] | None = None
        to_patient = self._to_patient(text)
        list_of_requests = False
        named = self._named_gp_cues(text)
        none_here = -2  # body start of the GP section that says no action is needed
        gp_notes = [(m.start(), m.end()) for m in self.gp_note_line.finditer(text)] if to_patient else []
        # Without named cues, the indexed list itself (see ``index_cues``).
        cues, gp_cues = (named + self.cues if named else self.cues), named + self.gp_cues
        none_bodies: set[int] = set()  # GP sections that say no action is needed
        lead_in = prev_open = False  # inside a list opened by "I would be grateful if you could:"
        own_list = False  # inside a list opened by the hospital's own "We will:"
        lead_kind = ""  # "ask" ("I would be grateful if you could:") or "suggest" ("I would suggest:")
        opened_at = -1  # where the last lead-in line ended
        prev_end = 0
        prev_span = (0, 0)  # the sentence before this one, as the loop first saw it
        units = sentences if sentences is not None else sentence_spans(text)
        elsewhere = other_reader_parts(text, section_of, self.rules.gp_sections)
        for s, e in _rows_apart(text, units):
            gap, prev_end = text[prev_end:s], e
            before, prev_span = prev_span, (s, e)
            head = None if to_patient else _ADDRESS_LINE.match(text, s, e)
            if head is not None and text[head.end() : e].strip():
                # "For you, please <new line> Can you pick up ... Also a U&E at 2 weeks, and ...": a heading
                # line addressed to the practice, with no colon, opens the asks under it as a lead-in does
                lead_in = prev_open = True
                lead_kind = "ask"
                opened_at = s = head.end()
            kind = self._lead_in(text[s:e], gp_cues if to_patient else cues, bare_please=not to_patient)
            if kind:
                lead_in = prev_open = True
                lead_kind = kind
                opened_at = e
                continue
            if _OWN_LEAD_IN.match(text, s, e):
                own_list = True
                list_of_requests = lead_in = False
                continue
            if own_list:
                if not _BLANK_LINE.search(gap) and strip_list_mark(text, s, e) != s:
                    if _PRACTICE_WORD.search(text, s, e) is None and _PLEASE_WORD.search(text, s, e) is None:
                        continue  # "The HF team will: - keep prescribing ... - visit fortnightly"
                else:
                    own_list = False
            sec, body_start = self._section(section_of, s)
            unit_start = s
            if sec in self.rules.gp_sections and _heading_says(_NOT_FOR, text, section_of, s):
                sec = ""  # "Not for the practice": the heading names the practice to say the part is not its
            if sec in self.rules.gp_sections and _labels_own_item(text, section_of, s):
                sec = ""  # "- practice nurse: wound check, please", then "- r/v surgical OPD 4/52"
            told = (
                sec in self.rules.gp_sections
                and not to_patient
                and _heading_says(_INFO_FOR, text, section_of, s)
            )
            if to_patient and sec in self.rules.gp_sections and heading_to_patient(text, section_of, s):
                sec = ""  # "What we would like you to do" in a letter to the patient: the patient's list
            if sec == "patient_actions" and _PRACTICE_WORD.search(text, s, e) is None:
                list_of_requests = False  # (nor does a list of the practice's asks run on into the patient's)
                continue  # under "For parents" / "Actions for patient": "please give a copy to the school"
            turned = next((p for p in elsewhere if p[0] <= s < p[2]), None)
            if turned is not None and sec in self.rules.gp_sections:
                # "For the GP: ... For parents: please give a copy to Leo's school": the family's part
                sec = ""
                s = max(s, turned[1])
                while s < e and text[s] in " \t\n:":
                    s += 1
                if s >= e:
                    continue
            if body_start > s:
                s = body_start  # an inline heading ("Plan: ...") is not part of the request
                while s < e and text[s].isspace():
                    s += 1
                if s >= e:
                    continue
            unmarked = s
            s = strip_list_mark(text, s, e)
            is_item = s != unmarked
            sent = text[s:e]
            in_gp = sec in self.rules.gp_sections
            if told and not self._asks_bare(sent):
                # "Information for GP": a line under it is asked in words of its own ("Please repeat U&E") or
                # as a bare step or test ("B12 in 3 months"), not as a remark or a medicine's line ("Good
                # engagement", "Doxycycline 100 mg OD - 2 days remaining (supplied)")
                in_gp = False
            # An item of a list whose previous item was a request to the GP is one too ("1. Please take
            # over prescribing ... 2. FBC every 2 weeks ..."), when it reads as one: it opens with a step or
            # is a terse test, and is no line of a medicines list ("Omeprazole 40 mg bd (new)"), no advice to
            # the patient ("Offload foot") and no statement ("Smoking: never").
            continues = (
                is_item
                and list_of_requests
                and sec not in MEDICINE_SECTIONS
                and (self._opens_with_step(sent) or self._terse_item(sent))
            )
            list_of_requests = list_of_requests and is_item
            hay = Haystack(sent)
            if is_item and list_of_requests and _first(self.hospital, sent, hay) is not None:
                # The hospital's own step between two items ("3. r/v here at 1 year (we will send appt)",
                # "- fracture clinic 2/52 (booked)") ends the list's asks: the ownerless plan line after it
                # is the hospital's plan, no ask of the practice ("4. Stop aspirin now 6 weeks complete").
                continues = list_of_requests = False
            # A lead-in's list runs on through its items, lines ending ";" and the rest of an item's line.
            lead_in = (
                lead_in
                # "... at present. Suggestions:", a blank line, then the list: the first item may follow a gap
                and (not _BLANK_LINE.search(gap) or prev_end_was_lead_in(opened_at, text, s))
                and (
                    is_item
                    or "\n" not in gap
                    or prev_open
                    # suggestions written one a line with no bullets ("Stop lymecycline ...\nConsider ...")
                    or (lead_kind == "suggest" and self._opens_with_step(sent))
                )
            )
            prev_open = sent.rstrip().endswith((";", ":"))
            if lead_in and lead_kind == "suggest":
                # Under "I would suggest:" only the items that open with a step are asked of the practice
                # ("Stop lymecycline"), not advice for the patient or a remark ("Low potassium diet advice").
                continues = self._opens_with_step(sent)
            else:
                continues = continues or lead_in
            if (
                not in_gp
                and not continues
                # (no test of all the parts' gates first: it passed on three sentences in four, and
                # the index below finds the few parts that may match in one pass)
                and not self._any_cue_in(sent, hay)
                and (not named or _first(named, sent, hay) is None)
            ):
                continue
            hit_none = _first(self.none, sent, hay) or (
                _first(self.none_in_section, sent, hay) if in_gp else None
            )
            hangs = hit_none is not None and _ASK_THEN_IF.search(sent, 0, hit_none[1].start()) is not None
            if hangs:
                # "please repeat her ECG in 2 weeks, and if it is under 450 ms no further action is needed":
                # the nothing-more hangs on the result of the request before it
                hit_none = None
            if hit_none and "|" in sent and sent[: hit_none[1].start()].split("|")[-1].strip():
                # A plan table's row ("Smear: ceased from screening - no action | - | -"): that row asks
                # nothing; the rows after it (one sentence with it, at times) still may.
                nl = sent.find("\n", hit_none[1].end())
                if nl < 0 or not sent[nl:].strip():
                    continue
                s += nl + 1
                sent = text[s:e]
                hay = Haystack(sent)
                hit_none = None
            if hit_none:
                rest = self.none_except.search(sent, hit_none[1].end())
                if rest is None:
                    if none_stated is None:
                        none_stated = (s + hit_none[1].start(), s + hit_none[1].end(), hit_none[0])
                    # "4. DVLA - pt told not to drive, no action for GP": a list item with its own topic says
                    # nothing of the other items under the heading
                    local = is_item and _TOPIC_DASH.match(sent, 0, hit_none[1].start()) is not None
                    none_here = body_start if in_gp and not local else none_here
                    if in_gp and not local:
                        none_bodies.add(body_start)
                    continue
                # "No GP action other than updating her repeat prescription": the rest is the request.
                s = s + rest.end()
                while s < e and text[s].isspace():
                    s += 1
                requests.extend(self._sentence(text, s, e, True))
                continue
            if in_gp and body_start == none_here and (_DONT.match(sent) or _first(cues, sent, hay) is None):
                continue  # "None needed. Please do not repeat the serology": a caution; or a plain statement
            if (
                requests
                and _BARE_ASK_SENTENCE.match(sent)
                and requests[-1].end <= s
                and not text[requests[-1].end : s].strip(" .\t")
            ):
                # "... she needs an HbA1c at 13 weeks. Please arrange.": the ask of the request before it
                end = e
                while end > s and text[end - 1] in " .\t\n":
                    end -= 1
                requests[-1] = replace(requests[-1], end=end)
                continue
            if _BARE_ASK_SENTENCE.match(sent) and before[1] > before[0]:
                # A bare ask after a sentence asks for what its own inline heading names ("Fit note - GP
                # please."; not a GP heading: "Action: GP please." hands on what came before), else for the
                # sentence before it ("fit note needed for 2 weeks. GP please.").
                headed = body_start > unit_start and bool(text[unit_start:s].strip())
                if headed and sec not in self.rules.gp_sections:
                    requests.extend(self._sentence(text, unit_start, e, True, cues))
                    continue
                taken = bool(requests) and requests[-1].end > before[0]
                if not taken and not _BLANK_LINE.search(text, before[1], s):
                    requests.extend(self._sentence(text, before[0], e, True, cues))
                    continue
            dash = (_DASH_PLEASE.search(sent) or _SEMI_PLEASE.search(sent)) if _NOTHING.match(sent) else None
            if dash is not None and dash.start() > 0 and _first(self.none, sent[: dash.start()]) is None:
                # "No hospital follow-up is planned - please review at 3 months": the statement, then the ask
                # (or after a semicolon: "No routine gynaecology follow-up; please see her at 6 weeks")
                s += dash.end()
                sent = text[s:e]
                hay = Haystack(sent)
            if (not hangs and self._ruled_out(sent, hay, named)) or (
                _first(self.weak_not_request, sent, hay) and _first(cues, sent, hay) is None
            ):
                continue
            if _lone_label(sent) and _first(cues, sent, hay) is None and self.category(sent) == "other":
                continue  # a lone label or date under a GP heading ("DVLA", "17/11/2026")
            # In a letter to the patient, "please" and "you" mean the patient, except under a GP heading.
            plain = (
                turned is not None
                or sec in _PATIENT_PARTS
                or (
                    to_patient
                    and not in_gp
                    and not self.vocative_gp.match(sent)
                    and not any(a < e and s < b for a, b in gp_notes)
                )
            )
            if plain and self.patient_own.match(sent):
                semi = sent.find(";")
                if semi < 0 or _first(gp_cues, sent[semi + 1 :]) is None:
                    continue  # "Please book these blood tests with your practice nurse": the patient's job
                # "Please hand in a urine sample at your surgery; surgery to send it to the lab": the
                # practice's part after the patient's is read clause by clause
            active = gp_cues if plain else cues
            if sec in self.rules.caution_not_in:
                active = [c for c in active if c[0] not in self.caution]
            if (
                sec in self.rules.passive_not_in or self.passive_label.match(sent)
            ) and self.routine_aftercare.search(sent):
                # "Wound care: Sutures to be removed by the practice nurse": told, not asked.
                active = [c for c in active if c[0] not in self.rules.passive_cues]
            found = self._sentence(text, s, e, in_gp or continues, active, to_patient=plain)
            if sec == "fit_note":
                found = [
                    r if self._other_of_its_own(text[r.start : r.end]) else _as_fit_note(r, text)
                    for r in found
                ]
            requests.extend(found)
            if is_item and found:
                list_of_requests = True
        if none_bodies:
            # "For your GP: <a diagnosis>. No action is needed by the practice.": the lines ahead of the
            # statement are information too.
            requests = [
                r
                for r in requests
                if r.rule != self.rules.section_rule_id
                or self._section(section_of, r.start)[1] not in none_bodies
            ]
        return requests, none_stated

    def _section(self, section_of: dict[int, tuple[str, int, int]] | None, pos: int) -> tuple[str, int]:
        if not section_of:
            return "", -1
        for start, (label, body, end) in section_of.items():
            if start <= pos < end:
                return label, body
        return "", -1
