"""The request finder: text and its sections in, the requests placed on the practice out (no spaCy).

Why this shape: a request is a clause, not a sentence ("Please check U&E and refer to dietitian" is two),
it is recognised by how letters address the practice ("GP to", "I would be grateful if you could"), by
sitting under a GP-actions heading or a polite lead-in ("I would be grateful if you could:"), and it is
*not* a request when the hospital owns it ("we will arrange"). The knowledge lives in
``models/rules/requests.yaml`` (``request_rules.RequestRules``); this module holds the mechanism.
"""

from __future__ import annotations

import re

from .request_rules import (
    _ASKS,
    _BARE_CONDITION,
    _BARE_PLEASE,
    _BARE_VERB,
    _BLANK_LINE,
    _CONDITION_END,
    _DASH_PLEASE,
    _DOES_THAT,
    _DONT,
    _FLAGS,
    _FRONTED,
    _GP_NAME_SLOT,
    _GP_NAMED,
    _HINGES_ON_RESULT,
    _LONE_VERB,
    _NEGATION,
    _NOTHING,
    _POINTS_BACK,
    _RESULTS_SENT,
    _RUN_ON,
    _TESTS,
    _THEN,
    _THEN_JOIN,
    _VERB_REACH,
    _WORD,
    Request,
    RequestRules,
    _as_fit_note,
    _compile,
    _first,
    _gate,
    _lone_label,
    index_cues,
)
from .ruledata import Cue
from .rxfilter import GateIndex, Haystack, any_gate
from .sentences import sentence_spans, strip_list_mark

# A cue's part that is only a verb ("Repeat echo at 3/12 post optimisation - please request"): the words
# before it say what the request is.
_BARE_ASK = re.compile(
    r"\W*(?:please|pls|kindly|GP\s+to)\s+(?:request|arrange|organi[sz]e|book|do|action|refer"
    r"|follow\s+(?:this|it|these|them)\s+up)\W*",
    re.IGNORECASE,
)
_ASKS_FOR_TEST = re.compile(r"\b(?:request|arrange|organi[sz]e|book)\b", re.IGNORECASE)
_GIVE_IT = re.compile(r"\b(?:give|administer|offer)\s+(?:it|them|this|one)\b", re.IGNORECASE)
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
# A report to someone other than the writer or the patient: "let the HF nurses know", "(text or) ring the
# result to the renal nurse line". Not "send/forward the result to the IBD nurses": the dev golds keep a
# result sent on with its test (six letters to one).
_THIRD_PARTY_REPORT = (
    r"(?:please\s+|pls\s+)?(?:(?:text|e-?mail)\s+or\s+)?"
    r"(?:(?:let|tell|inform|update|notify)\s+(?:the|our|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b"
    r"|(?:ring|phone|call|text)\s+(?:through\s+)?(?:the|any|his|her|these)\s+(?:\w+\s+)?"
    r"results?\s+(?:through\s+)?to\s+(?:the|our|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b)"
)
_THIRD_PARTY_RX = re.compile(_THIRD_PARTY_REPORT, re.IGNORECASE)
# "Please encourage her to keep walking and to continue her exercises": infinitives after the patient's "to"
# are the patient's steps, one request; after the practice's ("asked your GP to ... and to sign ...") each
# is asked.
_TO_STEP = re.compile(r"\W*to\s", re.IGNORECASE)
_PATIENT_TO = re.compile(
    r"\b(?:her|him|them|the\s+patient|(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[\w'-]+|the\s+family|parents?)\s+to\s",
    re.IGNORECASE,
)
_KEEPS_PRESCRIBING = re.compile(r"\b(?:repeat|prescri\w*|suppl(?:y|ies)|issue)\b", re.IGNORECASE)


class RequestFinder:
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
        # any_cue can match only where one of its parts could: their gates together are a quicker test.
        self.any_test = any_gate([_gate(_compile(c.pattern)) for c in plain])
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
        self.timeframes = comp(rules.timeframes)
        self.condition = _compile(rules.condition_cues)
        self.verb_category = {v.lower(): cat for cat, vs in rules.verb_categories.items() for v in vs}
        verb_alt = "|".join(re.escape(v) for v in sorted(self.verb_category, key=len, reverse=True))
        # Not after a word and a hyphen: "hospital-issued", "self-started" describe ("re-weigh" still asks).
        self.first_verb = re.compile(rf"(?<!\w\w\w-)\b({verb_alt})(?:s|es|ed|d|ing)?\b", _FLAGS)
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
            rf"\s*(?:,\s*)?\s(?:and|&|\+|-|–)\s+(?:then\s+)?(?:please\s+|pls\s+)?(?=(?:{step_alt})\b)"
            rf"|,\s+(?=(?:{step_alt})ing\b|checking\b|reducing\b|titrating\b|stopping\b)"
            # "Review LFTs in 2 weeks - if bilirubin rises, please send him back to SAU": a step on a finding
            rf"|\s(?:-|–)\s+(?=if\b)|\s+and,?\s+(?=if\b[^,;.]{{0,80}},)",
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
        joins = {v.lower() for v in rules.join_verbs}
        verbs = "|".join(
            re.escape(v) for v in sorted(rules.action_verbs, key=len, reverse=True) if v.lower() not in joins
        )
        report_alt = (
            "|".join(re.escape(v) for v in sorted(rules.report_verbs, key=len, reverse=True)) or "(?!)"
        )
        every_verb = "|".join(re.escape(v) for v in sorted(rules.action_verbs, key=len, reverse=True))
        # "... and review of the murmur": a noun, not a second request; "... and review the result": the
        # request's own follow-through.
        verbs = rf"(?:{verbs})\b(?!\s+of\b)(?!\s+(?:the\s+|any\s+)?(?:results?|report)\b)"
        # Where one clause ends and the next begins inside a sentence. A verb in join_verbs never opens a
        # new clause, and neither does a conditional one ("... and restart ramipril if creatinine falls").
        cverbs = "|".join(re.escape(v) for v in rules.conditional_join_verbs)
        # After a comma the conditional step is a request of its own ("U&E + Mg 1/52, stop Mg supplement once
        # Mg >0.7"); after "and" it adjusts the one before.
        same_step = (
            r"(?!\S+\s+(?:it|them|this|these)\b)"
            # "reduce morphine MR further and stop over the next 4 weeks": the same drug step, with a time.
            r"(?!(?:please\s+)?(?:stop|wean|reduce|taper|titrate|increase|decrease)\s+(?:over|in|within|after|by|"
            r"when|once|altogether|completely|gradually)\b)"
            # "remove the sutures at 7 days and check the wound": the same visit's look at the wound.
            r"(?!(?:please\s+)?(?:check|inspect|look\s+at|review)\s+(?:the\s+|his\s+|her\s+)?(?:wound|site|scar|incision|flap|graft)s?\b)"
        )
        cond = (
            rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|once|provided)\b)"
            # "act on the lipid results and start a statin as appropriate": the step hangs on the result too.
            rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b[^;.]{{0,60}}?\b(?:as\s+(?:appropriate|indicated|needed)|accordingly)\b)"
            + same_step
        )
        lead = r"(?:also\s+|please\s+|pls\s+|kindly\s+)?"
        self.split_source = (
            rf"\s*;\s*(?![^()]*\))"
            # "Restart ramipril if creatinine settles, and then stop the amlodipine if BP allows": after a
            # comma a conditional step is a request of its own.
            rf"|\s*,\s+(?:and|&)\s+(?:then\s+)?"
            rf"(?={lead}(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|once|provided)\b)"
            rf"{same_step}"
            rf"|\s*,?\s+(?:and|&)\s+(?!then\b)(?={lead}(?:{verbs})\b){cond}"
            # "asked your GP to take over the prescriptions and to sign a community chart": a second ask.
            rf"|\s*,?\s+(?:and|&)\s+(?=to\s+(?:{verbs})\s)"
            # "..., and let the HF nurses know", "... and text or ring the result to the renal nurse line if
            # it is 6.0 or above": a report to a third party (a team, a line, a clinic) is its own request;
            # a report back to us ("and let us know the result") stays with the test.
            rf"|\s*,?\s+(?:and|&)\s+(?={_THIRD_PARTY_REPORT})"
            rf"|\s*,\s+(?={lead}(?:{verbs})\b){same_step}"
            # "..., and please let the patient know the result": reporting back stays with the request.
            rf"|\s*,?\s+(?:and|but)\s+(?=(?:I|we|the\s+GP|GP|please|pls|you)\b"
            # "please do not prescribe, but do record it on your system": an emphatic second request.
            rf"|do\s+(?!not\b)(?:{every_verb})\b"
            # "..., and could your practice also do her glucose checks": a second polite ask.
            rf"|(?:could|would|can)\s+(?:you|your\s+(?:practice|surgery|team)|the\s+(?:GP|practice|surgery))\b)"
            rf"(?!(?:please|pls)\s+(?:also\s+)?(?:{report_alt})\b)"
            rf"|\s*,\s+(?=(?:I|we)\s+(?:will|have|shall)\b)"
            # "... calcium and vitamin D. Please repeat her HbA1c": a sentence the sentence splitter kept
            # joined (after "D.") is still a new request when a capitalised ask opens it.
            rf"|(?<=[a-z0-9)]\.)\s+(?=(?-i:Please|Pls|Kindly|Could\s+you|Would\s+you|GP\s+to)\b)"
            # "..., and do the FBC, U&E and LFT blood monitoring fortnightly", "..., and carry out her monthly
            # pregnancy tests", "..., and make sure he is invited for his flu vaccine", "..., and his annual
            # flu boosters should continue": a second request of another kind.
            rf"|\s*,\s+and\s+(?=(?:(?:do|carry\s+out)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w&,/-]+\s+){{0,6}}?"
            rf"(?:monitoring|tests?|bloods?|checks?)\b|make\s+sure\b|(?:his|her|their)\s+(?:annual\s+|yearly\s+)?"
            rf"(?:[\w-]+\s+){{0,3}}(?:vaccin\w*|boosters?|jabs?|immunis\w*)\b))"
            # "..., and given the ulcer we would suggest you check ...": a second ask after its reason.
            rf"|\s*,\s+and\s+(?=(?:given|as|since|because)\b[^,;.]{{0,40}}?\b(?:I|we)\s+(?:would\s+)?"
            rf"(?:suggest|recommend|ask|advise)\b)"
            # "..., and it would also be helpful if the practice nurse could recheck her pulse": a second ask.
            rf"|\s*,?\s+(?:and|but)\s+(?=it\s+would\s+(?:also\s+)?(?:help|be\s+(?:very\s+|most\s+|really\s+)?"
            rf"(?:helpful|useful|appreciated|great|good|kind))\s+if\b)"
            # "check U+E in 1-2 weeks, and if BP remains high, consider adding amlodipine": a second request.
            rf"|\s*,\s+and\s+(?=if\b)"
            # "... given the ramipril change and if her potassium rises above 6.0 please stop it"
            rf"|\s+and\s+(?=if\b(?:[^,;.]|\.(?=\d)){{0,80}}?\b(?:please|pls|GP\s+to|could\s+you|would\s+you)\b)"
            # "check U&E 1-2 weeks after starting ramipril, then uptitrate ramipril": kept apart below only
            # after a test; "restart ramipril ..., then titrate back" stays one plan.
            rf"|\s*,\s+then\s+(?={lead}(?:{every_verb})\b)"
            # An inline numbered list ("GP actions: 1) repeat U&E 2) review BP", "1. U&E in 1 week 2. Review
            # BP"): each number opens an item.
            rf"|\s+\(?\d{{1,2}}\)\s+(?=[A-Za-z])|\s+(?:[2-9]|1\d)\.\s+(?=[A-Z])"
            # "GP please f/u bloods 1/52 <new line> recheck Na ...": a line of a terse plan opening with a
            # verb is a request of its own, unless the line before broke off mid-phrase ("... if you could
            # <new line> check her U&E").
            rf"|(?<![,&-])(?<!\band)(?<!\bto)(?<!\bor)(?<!\bof)(?<!\bthe)(?<!\bif)(?<!\bcould)(?<!\bwould)"
            rf"(?<!\bshould)(?<!\bcan)(?<!\bplease)(?<!\bpls)(?<!\bwith)(?<!\bfor)(?<!\bthen)(?<!\bthat)"
            rf"[ \t]*\n\s*(?={lead}(?:{every_verb})\b)"
            # "... under the shared care agreement, with FBC, U&E and LFT every 4 weeks": the tests are a
            # request of their own.
            # "..., together with the monitoring bloods (FBC, U&E, LFT every 2 weeks)", "..., with 3-monthly
            # lithium levels and 6-monthly U&E": the same, with the tests' own frequency or name first.
            rf"|\s*,\s+(?:together\s+)?with\s+(?=(?:the\s+)?(?:(?:\d+|three|six)[- ](?:weekly|monthly)\s+|"
            rf"monitoring\s+|safety\s+)?(?:{_TESTS})\b[^;.]{{0,60}}?\b(?:every|weekly|monthly|fortnightly|"
            rf"\d+[- ](?:weekly|monthly)|in\s+\d))"
            # "HbA1c in 3 months and his renal function in 4 weeks": a second object with its own time.
            rf"|(?:(?<=weeks)|(?<=months)|(?<=days)|(?<=week)|(?<=month))\s+and\s+"
            rf"(?=(?:his|her|their|the)\s+[^,;.]{{1,40}}?"
            rf"\s+(?:in|at|within|after)\s+\d)"
        )
        # Every split opens on a space, ";" or ",", yet its leading "\s*" made the engine try the whole
        # alternation at every character. Consuming one such character first gives the pattern a
        # first-character set, so the engine skips in C to the next space or mark; the look-behind then
        # steps back onto it and tries the split there, in group 1, exactly as before (split_spans). A new
        # alternative must open on one of those characters too (tests/pipeline/test_request_split_gate.py).
        self.split = re.compile(rf"[\s;,](?<=(?=({self.split_source}))[\s;,])", _FLAGS)

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

    def category(self, text: str, sentence: str = "") -> str:
        """Early cues, then the request's first action verb, then the other cues; then the sentence."""
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
        early = set(self.rules.early_categories)
        m = self.first_verb.search(text, 0, _VERB_REACH)  # the request's own verb comes early
        for cid, cat, rx in self.categories:
            if cid in early and (hit := rx.search(text)):
                if (
                    cat == "prescribing"
                    and m is not None
                    and m.end() <= hit.start()
                    and self.verb_category[m.group(1).lower()] in ("monitoring", "review")
                ):
                    continue  # "check a lying BP ... and consider restarting X": the check's kind
                return cat
        if m is not None and self.verb_category[m.group(1).lower()] != "other":
            return self.verb_category[m.group(1).lower()]
        for cid, cat, rx in self.categories:
            if cid not in early and rx.search(text):
                return cat
        if sentence and sentence != text and self.category(sentence) == "fit_note":
            return "fit_note"  # "a further fit note ...; please could you provide one"
        return "other"

    def _lone_verb(self, clause: str, joined: str) -> bool:
        """Whether ``clause`` is a verb alone joined by "and" to the next ("Please discuss and provide")."""
        if not _LONE_VERB.fullmatch(clause) or re.fullmatch(r"\s*(?:and|&)\s+", joined) is None:
            return False
        return clause.strip(" .,;:").lower().split()[-1] in self.action_verbs

    def _verb_kind(self, text: str) -> str | None:
        """The kind of a clause's first action verb ("check ..." -> monitoring), or None."""
        m = self.first_verb.search(text, 0, _VERB_REACH)
        return self.verb_category[m.group(1).lower()] if m is not None else None

    def timeframe(self, text: str, hay: Haystack | None = None) -> str | None:
        hit = _first(self.timeframes, text, hay)
        return hit[1].group(0) if hit else None

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
        lead_kind = ""  # "ask" ("I would be grateful if you could:") or "suggest" ("I would suggest:")
        prev_end = 0
        for s, e in sentences if sentences is not None else sentence_spans(text):
            gap, prev_end = text[prev_end:s], e
            kind = self._lead_in(text[s:e], gp_cues if to_patient else cues, bare_please=not to_patient)
            if kind:
                lead_in = prev_open = True
                lead_kind = kind
                continue
            sec, body_start = self._section(section_of, s)
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
            # An item of a list whose previous item was a request to the GP is one too ("1. Please take
            # over prescribing ... 2. FBC every 2 weeks ...").
            continues = is_item and list_of_requests
            list_of_requests = list_of_requests and is_item
            hay = Haystack(sent)
            # A lead-in's list runs on through its items, lines ending ";" and the rest of an item's line.
            lead_in = (
                lead_in
                and not _BLANK_LINE.search(gap)
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
                and (not self.any_test(hay.low) or not self._any_cue_in(sent, hay))
                and (not named or _first(named, sent, hay) is None)
            ):
                continue
            hit_none = _first(self.none, sent, hay) or (
                _first(self.none_in_section, sent, hay) if in_gp else None
            )
            if hit_none:
                rest = self.none_except.search(sent, hit_none[1].end())
                if rest is None:
                    if none_stated is None:
                        none_stated = (s + hit_none[1].start(), s + hit_none[1].end(), hit_none[0])
                    none_here = body_start if in_gp else none_here
                    if in_gp:
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
            if self._ruled_out(sent, hay) or (
                _first(self.weak_not_request, sent, hay) and _first(cues, sent, hay) is None
            ):
                continue
            if _lone_label(sent) and _first(cues, sent, hay) is None and self.category(sent) == "other":
                continue  # a lone label or date under a GP heading ("DVLA", "17/11/2026")
            # In a letter to the patient, "please" and "you" mean the patient, except under a GP heading.
            plain = (
                to_patient
                and not in_gp
                and not self.vocative_gp.match(sent)
                and not any(a < e and s < b for a, b in gp_notes)
            )
            if plain and self.patient_own.match(sent):
                continue  # "Please book these blood tests with your practice nurse": the patient's job
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
                found = [_as_fit_note(r, text) for r in found]
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

    def _any_cue_in(self, sent: str, hay: Haystack) -> bool:
        """``self.any_cue.search(sent) is not None``, part by part (``hay`` is the sentence's)."""
        low = hay.low
        parts = self.any_parts
        for i in self.any_index.candidates(low):
            gate, search = parts[i]
            if gate.test(low) and search(sent) is not None:
                return True
        return False

    def _lead_in(self, sent: str, cues: list[tuple[str, re.Pattern[str]]], bare_please: bool) -> str:
        """Whether ``sent`` opens a list of requests ("I would be grateful if you could:", "Please:"): a
        short line ending with a colon that is a bare "please" or holds a request cue ("ask"), or one that
        opens suggestions ("Meanwhile I would suggest:", "suggest"); "" when it is neither."""
        if not sent.rstrip().endswith(":") or len(_WORD.findall(sent)) > 10:
            return ""
        if _BARE_PLEASE.match(sent):
            return "ask" if bare_please else ""  # in a letter to the patient, "Please:" speaks to the patient
        if bare_please and self.list_lead_in.match(sent):
            return "suggest"
        hay = Haystack(sent)
        return "ask" if _first(cues, sent, hay) is not None and not self._ruled_out(sent, hay) else ""

    def _opens_with_step(self, sent: str) -> bool:
        """Whether a list item opens with an action verb ("Stop ...", "Considering ...") or a condition."""
        m = _WORD.match(sent.lstrip(" \t-*•▪●"))
        if m is None:
            return False
        word = m.group(0).lower()
        if word == "continue" and not _KEEPS_PRESCRIBING.search(sent):
            return False  # "Continue the gel nightly": carrying on as now asks nothing of the practice
        stems = {word, word[:-3], word[:-3] + "e"} if word.endswith("ing") else {word}
        return bool(stems & self.action_verbs) or word in ("if", "when", "once", "should", "unless")

    def _to_patient(self, text: str) -> bool:
        """Whether the letter is written to the patient: a "Dear Mr X" / "Dear Ellie" salutation, where a
        first name counts only if the lines above it do not address a doctor or a practice."""
        m = self.patient_salutation.search(text)
        if m is None:
            return False
        if re.match(r"\s*Dear\s+(?:Mr|Mrs|Ms|Miss|Mx|Master|parents?)\b", m.group(0), re.IGNORECASE):
            return True
        above = text[max(0, m.start() - 240) : m.start()]
        if self.addressed_to_practice.search(above) is not None or "your patient" in text.lower():
            return False
        return self.speaks_to_patient.search(text, m.end()) is not None

    def _ruled_out(self, sent: str, hay: Haystack) -> bool:
        """Whether a strong not_request pattern rules the sentence out (and no cue overriding it is there)."""
        for nid, rx in self.strong_not_request:
            if not _gate(rx).test(hay.low) or rx.search(sent) is None:
                continue
            over = self.overrides.get(nid)
            if not over or _first(over, sent, hay) is None:
                return True
        return False

    def _named_gp_cues(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        """The cues that name the practice by its doctor, for the surnames this letter gives the GP."""
        if not self.named_gp or "Dr" not in text:
            return []
        names = sorted({m.group("name") for m in _GP_NAMED.finditer(text)})
        if not names:
            return []
        alt = "|".join(re.escape(n) for n in names)
        return [(c.id, _compile(c.pattern.replace(_GP_NAME_SLOT, alt))) for c in self.named_gp]

    def _section(self, section_of: dict[int, tuple[str, int, int]] | None, pos: int) -> tuple[str, int]:
        if not section_of:
            return "", -1
        for start, (label, body, end) in section_of.items():
            if start <= pos < end:
                return label, body
        return "", -1

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
        bounds: list[tuple[int, int]] = []
        cur = 0
        for ms, me in self.split_spans(sent):
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
            after_test = _THEN_JOIN.fullmatch(joined) is not None and "monitoring" in (
                self._verb_kind(prev),
                self._verb_kind(sent[cs:ce]),
            )
            third_party = _THIRD_PARTY_RX.match(sent, cs, ce) is not None  # split off on purpose above
            if (
                merged
                and not third_party
                and (
                    _BARE_CONDITION.match(prev)
                    or (
                        _THEN.search(prev)
                        and ";" not in joined
                        and "\n" not in joined
                        and not _ASKS.match(sent[cs:ce])  # "..., then yearly, and please see him ..."
                    )
                    or (_THEN_JOIN.fullmatch(joined) and not after_test)
                    or _BARE_VERB.fullmatch(sent[cs:ce])
                    or self._lone_verb(prev, joined)
                    or _POINTS_BACK.match(sent[cs:ce])
                    or _RESULTS_SENT.match(sent[cs:ce])
                    or _HINGES_ON_RESULT.search(prev)
                    or (_TO_STEP.match(sent, cs, ce) is not None and _PATIENT_TO.search(prev) is not None)
                )
            ):
                # "if low mood returns, consider ...", and "X for 12 months, then stop it and continue Y"
                merged[-1] = (merged[-1][0], ce)
            else:
                merged.append((cs, ce))
        out: list[Request] = []
        section_owner = self.rules.section_rule_id
        owner: str | None = section_owner if in_gp else None  # who the last clause belongs to
        active = self.cues if cues is None else cues
        hay = Haystack(sent)  # every clause below is a piece of this sentence
        if in_gp and _first(active, sent, hay) is None and _first(self.hospital, sent, hay) is not None:
            return out  # an ownerless item the hospital owns ("Repeat OGD in 12 weeks; we will book this")
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
            if cue is None and self.patient_clause.search(clause):
                owner = None  # "..., and if his weight rises he knows to contact the nurses": the patient's
                continue
            if cue is None and self.statement_clause.match(clause):
                continue
            if cue is None and self._ruled_out(clause, Haystack(clause)):
                continue  # "Daily weights - pt has scales; GP to r/v ...": the self-care part is not asked
            if cue is None and cs > 0 and ";" in sent[max(0, cs - 3) : cs] and self.fact_clause.match(clause):
                continue
            if cue is None and owner == section_owner and _first(self.weak_not_request, clause):
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
            category = self.rules.cue_categories.get(owner) or self.category(what, sent)
            if (
                lead
                and (category == "other" or (category == "results" and _ASKS_FOR_TEST.search(what)))
                and self.condition.match(ctext.lstrip()) is None  # "If Hb has not risen, please send ..."
                and self.category(ctext[:lead]) == "monitoring"
            ):
                category = "monitoring"  # "Repeat CXR in 6 weeks - please request it and act on the result"
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
