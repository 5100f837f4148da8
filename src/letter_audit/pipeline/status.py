"""``la_status``: fit note status, follow-up owner and contact point, each with the text that decided it.

Why one component: the three are letter-level verdicts built the same way (cue patterns scanned over
sentences, then a precedence between groups), and each needs the requests found by ``la_requests``
(a request for a fit note means ``requested_from_gp``; a GP review request means GP follow-up).
Cues live in ``models/rules/status.yaml``.

Result on the Doc: ``doc._.fit_note``, ``doc._.follow_up`` and ``doc._.contact_point``, plain dicts
(``status``/``owner``/``detail``, ``when``, ``with_whom``, ``start``, ``end``, ``rule``) or None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from . import extensions  # noqa: F401
from .ruledata import Cue, Pattern, read_yaml
from .ruledata import compile_pattern as _compile
from .rxfilter import Gate, Haystack, Scanner
from .sentences import doc_text, ocr_letters, sentence_spans

RULES_FILE = "status.yaml"
# a contingency word, not the polite "grateful if you could"
_IF = re.compile(
    r"\b(?:if|unless|should)\b(?<!grateful\sif)(?<!appreciate\sif)(?<!appreciated\sif)(?<!helpful\sif)"
    r"(?!\s+(?:you|a\s+GP|the\s+GP|the\s+practice)\s+(?:could|would|can)\b)",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:no|not|nor|n't|without)\b", re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FitNoteCues(_Strict):
    issued: list[Cue]
    requested_from_gp: list[Cue]
    not_needed: list[Cue]
    missing: list[Cue]
    issued_in_section: Pattern
    not_needed_in_section: Pattern
    ask: Pattern = "(?!)"  # round 5: words that make a fit-note mention a request
    not_asked: Pattern = "(?!)"
    weakest: list[str] = []  # cue ids whose hit is evidence only when no other cue of its group matched
    extension: Pattern = "(?!)"


class Contradiction(_Strict):
    """Cue ids that cannot both be true of one letter: the writer's own plan to see the patient again and
    a discharge from that care. With both (a template outcome left on "discharged"), the owner is unclear."""

    hospital: list[str] = []
    none: list[str] = []


class FollowUpCues(_Strict):
    hospital: list[Cue]
    gp: list[Cue]
    none: list[Cue]
    none_in_section: Pattern
    hospital_in_section: Pattern = "(?!)"  # round-3 fields default to nothing, for older saved pipelines
    treatment_review: Pattern = "(?!)"
    visit_line: Pattern = "(?!)"
    contradiction: Contradiction = Field(default_factory=lambda: Contradiction())
    hospital_not_after: Pattern = "(?!)"  # round-5 fields default to nothing, for older saved pipelines
    yields_to_none: list[str] = []
    hospital_yields_to_none: list[str] = []
    hospital_yields_to_gp: list[str] = []
    review_word: Pattern = "(?!)"
    clause_break: Pattern = "(?!)"
    contingency: Pattern = "(?!)"
    contingency_lead: Pattern = "(?!)"
    drug_review_gap: Pattern = "(?!)"
    request_heading: Pattern = "(?!)"
    none_not_after: Pattern = "(?!)"
    review_in_request: Pattern = "(?!)"
    when: Pattern
    with_whom: Pattern


class ContactCues(_Strict):
    cues: list[Cue]
    not_team: Pattern
    team_words: Pattern


class StatusRules(_Strict):
    fit_note: FitNoteCues
    follow_up: FollowUpCues
    contact: ContactCues


Hit = tuple[int, int, str]  # start, end, rule id
_TITLE_REACH = 400  # a letter's title sits in its first lines
_NOT_TITLE = re.compile(r"[.:;\d]")


def _unit_text(text: str, units: list[tuple[int, int]], hit: Hit) -> str:
    """The sentence a hit starts in."""
    i = bisect_right([u[0] for u in units], hit[0]) - 1
    return text[units[i][0] : units[i][1]] if i >= 0 else text[hit[0] : hit[1]]


def _opens_title(text: str, start: int) -> bool:
    """Whether a hit opens a short line near the top with no full stop, colon or number: the letter's
    title ("OUTPATIENT REVIEW", "Outpatient Review - Respiratory Medicine") names the kind of letter,
    not a plan for the patient."""
    if start >= _TITLE_REACH:
        return False
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls : le if le >= 0 else len(text)]
    if text[ls:start].strip(" \t-*#|"):
        return False
    return not _NOT_TITLE.search(line) and len(line.split()) <= 8
_GENERIC_WHO = {"clinic", "the clinic", "team", "the team", "service", "the service", "nurse", "consultant"}


Compiled = tuple[str, re.Pattern[str], re.Pattern[str] | None, Gate, Scanner]  # id, pattern, before, gate
_BEFORE_REACH = 100  # "The EIP team (care coordinator: S Wallace, 01632 962 611) will see him"


def _scan(cues: list[Compiled], text: str, units: list[tuple[int, int]], hay: Haystack) -> list[Hit]:
    """Every hit of every cue that lies inside one sentence. Each cue runs once over the whole text
    (compiled with MULTILINE, so "^" is a line start) rather than once per sentence: far fewer calls.
    A cue with a "before" part keeps a hit only when "before" matches just ahead of it in its sentence.
    A cue whose gate finds its words missing from ``hay`` (the same text) cannot match and is skipped;
    the others are tried only where their first words occur (``Scanner``: same matches as ``search``)."""
    starts = [u[0] for u in units]
    hits: list[Hit] = []
    for rid, _, before, gate, scanner in cues:
        if not gate.may_match(hay):
            continue
        pos = 0
        where = scanner.starts(hay.low)  # only where the cue's first words are
        while (m := scanner.search(text, where, pos)) is not None:
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.end() <= units[i][1]:
                pos = max(m.end(), m.start() + 1)
                if before is None:
                    hits.append((m.start(), m.end(), rid))
                    continue
                b = before.search(text, max(units[i][0], m.start() - _BEFORE_REACH), m.start())
                if b is not None:
                    hits.append((b.start(), m.end(), rid))
            else:
                pos = m.start() + 1  # it ran across a sentence end: look again from just after its start
    return sorted(hits)


class StatusFinder:
    def __init__(self, rules: StatusRules) -> None:
        self.rules = rules

        def comp(cues: list[Cue]) -> list[Compiled]:
            flags = re.IGNORECASE | re.MULTILINE
            out: list[Compiled] = []
            for c in cues:
                rx = re.compile(c.pattern, flags)
                before = re.compile(c.before, flags) if c.before else None
                out.append((c.id, rx, before, Gate(rx), Scanner(rx)))
            return out

        fn = rules.fit_note
        self.fit_in_section = {
            "issued": _compile(fn.issued_in_section),
            "not_needed": _compile(fn.not_needed_in_section),
        }
        self.fit = [
            (status, comp(getattr(fn, status)))
            for status in ("issued", "requested_from_gp", "not_needed", "missing")
        ]
        self.fit_requested = dict(self.fit)["requested_from_gp"]
        fu = rules.follow_up
        self.fu_hospital, self.fu_gp, self.fu_none = comp(fu.hospital), comp(fu.gp), comp(fu.none)
        self.when, self.with_whom = _compile(fu.when), _compile(fu.with_whom)
        self.fu_none_section = _compile(fu.none_in_section)
        self.fu_hospital_section = _compile(fu.hospital_in_section)
        self.treatment_review = _compile(fu.treatment_review)
        self.visit_line = _compile(fu.visit_line)
        self.hospital_not_after = re.compile(fu.hospital_not_after, re.IGNORECASE)
        self.review_word, self.clause_break = _compile(fu.review_word), _compile(fu.clause_break)
        self.contingency, self.drug_review_gap = _compile(fu.contingency), _compile(fu.drug_review_gap)
        self.contingency_lead = _compile(fu.contingency_lead)
        self.fit_ask = _compile(fn.ask)
        self.fit_not_asked, self.fit_extension = _compile(fn.not_asked), _compile(fn.extension)
        self.request_heading = _compile(fu.request_heading)
        self.none_not_after = _compile(fu.none_not_after)
        self.review_in_request = _compile(fu.review_in_request)
        self.contact = comp(rules.contact.cues)
        self.not_team = _compile(rules.contact.not_team)
        self.team_words = _compile(rules.contact.team_words)

    # -- fit note ---------------------------------------------------------------------------------
    def fit_note(
        self,
        text: str,
        units: list[tuple[int, int]],
        fit_requests: list[Hit],
        fit_bodies: list[int],
        hay: Haystack | None = None,
        extend_asks: list[Hit] | None = None,
    ) -> dict[str, Any] | None:
        """Issued > requested from GP > not needed > missing (a need with none of the others). An
        unconditional ask to extend a fit note ("can GP please extend the fit note for a further 4 weeks")
        outranks the one issued earlier: the practice is asked for the next."""
        hay = hay or Haystack(text)
        if extend_asks:
            s, e, rid = extend_asks[0]
            return {"status": "requested_from_gp", "start": s, "end": e, "rule": rid}
        for body in fit_bodies:
            for status, rx in self.fit_in_section.items():
                m = rx.match(text, body)
                if m is not None:
                    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\n:-|"))
                    return {"status": status, "start": start, "end": m.end(), "rule": f"fit-{status}-section"}
        # "no further fit note is needed from the practice" asks nothing of it
        asked = [
            h
            for h in _scan(self.fit_requested, text, units, hay)
            if not _NEGATED.search(text[max(0, h[0] - 12) : h[0]])
            and not self.fit_not_asked.search(text, h[0], h[1])
        ]
        # a fit-note "request" found by la_requests that only reports one issued ("Fit note issued for 4
        # weeks" under a heading read as the GP's) asks nothing
        issued_cues = dict(self.fit)["issued"]
        fit_requests = [
            h
            for h in fit_requests
            if self.fit_ask.search(text, h[0], h[1])
            or not _scan(issued_cues, text[: h[1]], [(h[0], h[1])], Haystack(text[: h[1]]))
        ]
        requested = sorted(asked + fit_requests)
        asked_units = {u for u in units for h in requested if u[0] <= h[0] < u[1]}
        for status, cues in self.fit:
            if status == "requested_from_gp":  # already scanned above
                if requested:
                    s, e, rid = requested[0]
                    return {"status": status, "start": s, "end": e, "rule": rid}
                continue
            hits = _scan(cues, text, units, hay)
            if status == "issued":  # "no fit note was issued", or the GP being asked to issue one
                hits = [
                    h
                    for h in hits
                    if not _NEGATED.search(text[max(0, h[0] - 12) : h[1]])
                    and not any(u[0] <= h[0] < u[1] for u in asked_units)
                ]
            if hits:
                weakest = self.rules.fit_note.weakest
                s, e, rid = min(hits, key=lambda h: (h[2] in weakest, h[0]))
                return {"status": status, "start": s, "end": e, "rule": rid}
        return None

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
        review = self.review_word.search(request)
        if at < 0 or review is None or at < review.start():
            return True
        return self.clause_break.search(request, review.end(), at) is None

    def treatment_only(
        self, text: str, units: list[tuple[int, int]], request: Any, drugs: list[tuple[int, int]]
    ) -> bool:
        """Whether a GP review request is about treatment, not the patient: the request says so, a bare
        "please review" sits in a sentence about treatment ("... will need another treatment instead of the
        thiazide; please review"), or it reviews a named drug ("Review bisphosphonate at 5 years")."""
        s, e = request.start_char, request.end_char
        if self.treatment_review.search(request.text):
            return True
        sentence = _unit_text(text, units, (s, e, ""))
        if len(request.text.split()) <= 3 and self.treatment_review.search(sentence):
            return True
        gap = self.drug_review_gap
        return any(s <= ds < e and gap.search(text, max(s, ds - 40), ds) is not None for ds, _ in drugs)

    def _contingent(self, text: str, units: list[tuple[int, int]], hit: Hit) -> bool:
        """Whether a hospital cue's plan hangs on a condition: its sentence opens with one ("If the scan
        shows ..., we will ..."), or one follows the cue ("we will contact him if the Holter shows AF")."""
        i = bisect_right([u[0] for u in units], hit[0]) - 1
        us, ue = units[i] if i >= 0 else (hit[0], hit[1])
        return bool(self.contingency.match(text, hit[0], ue) or self.contingency_lead.match(text, us, ue))

    def _after_owner_words(self, text: str, units: list[tuple[int, int]], start: int) -> bool:
        """Whether a hospital cue follows words that make it someone else's: "GP to review in 2 weeks",
        "the practice nurse review in 6 weeks", "asked by the respiratory team to see her" (a referral
        told as history, not a plan)."""
        i = bisect_right([u[0] for u in units], start) - 1
        ls = max(units[i][0] if i >= 0 else 0, start - _BEFORE_REACH)
        return self.hospital_not_after.search(text[ls:start]) is not None

    # -- follow-up --------------------------------------------------------------------------------
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
    ) -> dict[str, Any] | None:
        """Who follows the patient up: the hospital if it says it will see or call them, else the GP if
        asked to, else none if the letter says no follow-up; a "none" cue overlapping an owner cue
        ("no GP follow-up needed") cancels it. Unstated: None (the report says "unclear")."""
        hay = hay or Haystack(text)
        none = [
            h
            for h in _scan(self.fu_none, text, units, hay)
            if not self.none_not_after.search(text, max(0, h[0] - 40), h[0])
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
            for h in keep(_scan(self.fu_hospital, text, units, hay))
            if not _NEGATED.search(text[max(0, h[0] - 8) : h[0]])
            and not _opens_title(text, h[0])
            and not self._on_visit_line(text, h[0])
            and not self._after_owner_words(text, units, h[0])
            # a visit inside a request to the practice ("ask the district nurses to review") is its ask
            and not any(rs <= h[0] < re_ for rs, re_ in requested or [])
        ]
        for body in fu_bodies:
            m = self.fu_hospital_section.match(text, body)
            if m is not None and not any(n[0] <= body < n[1] + 1 for n in none):
                hospital.append((body, m.end(), "fu-hospital-in-section"))
        hospital.sort()
        gp = sorted(keep(_scan(self.fu_gp, text, units, hay)) + gp_reviews)
        if none:
            # A review only if something happens ("GP to review if pain not settling") does not hand the
            # follow-up to the GP when the letter says there is none.
            gp = [h for h in gp if not any(cs <= h[0] < ce for cs, ce in conditional or [])]
            # and a task at the practice (sutures out) is not follow-up when the letter says there is none
            yields = set(self.rules.follow_up.yields_to_none)
            gp = [h for h in gp if h[2] not in yields]
        if none:
            # a call only if a result shows something ("we will contact him if the Holter shows AF") is no
            # follow-up when the letter says there is none
            fu = self.rules.follow_up
            hospital = [
                h
                for h in hospital
                if h[2] not in fu.hospital_yields_to_none and not self._contingent(text, units, h)
            ]
        if gp:
            # a referral on to another service is weaker than a review of the patient asked of the practice
            weak = set(self.rules.follow_up.hospital_yields_to_gp)
            hospital = [h for h in hospital if h[2] not in weak]
        clash = self.rules.follow_up.contradiction
        # a plan with a time ("see her again in 6 months"), not a call with results
        plans = [
            h for h in hospital if h[2] in clash.hospital and self.when.search(_unit_text(text, units, h))
        ]
        ends = [n for n in none if n[2] in clash.none]
        if plans and ends and not gp:
            s, e, _ = ends[0]
            return {"owner": "unclear", "start": s, "end": e, "rule": "fu-contradictory", "when": None,
                    "with_whom": None}
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

    # -- contact point ----------------------------------------------------------------------------
    def _team_hit(self, line: str, m: re.Match[str]) -> bool:
        if self.not_team.search(line):
            return False
        digits = re.sub(r"\D", "", m.group(0))
        return not (digits.startswith("07") and not self.team_words.search(line))

    def _contact_hits(self, text: str, hay: Haystack | None = None) -> list[Hit]:
        hay = hay or Haystack(text)
        found: list[Hit] = []
        for rid, rx, before, gate, _ in self.contact:
            if not gate.may_match(hay):
                continue
            for m in rx.finditer(text):
                ls = text.rfind("\n", 0, m.start()) + 1
                le = text.find("\n", m.start())
                line = text[ls : le if le >= 0 else len(text)]
                if m.end() > ls + len(line) or not self._team_hit(line, m):
                    continue
                start = m.start()
                if before is not None:
                    b = before.search(text, max(ls, m.start() - _BEFORE_REACH), m.start())
                    if b is None:
                        continue
                    start = b.start()
                found.append((start, m.end(), rid))
        return found

    def contact_point(
        self,
        text: str,
        contact_spans: list[tuple[int, int]],
        furniture: list[str],
        hay: Haystack | None = None,
    ) -> dict[str, Any] | None:
        found = self._contact_hits(text, hay)
        if found:
            in_contact = [h for h in found if any(cs <= h[0] < ce for cs, ce in contact_spans)]
            s, e, rid = min(in_contact or found)
            return {"detail": text[s:e].strip(), "start": s, "end": e, "rule": rid}
        for line in furniture:
            hits = self._contact_hits(line)
            if hits:
                s, e, rid = min(hits)
                return {"detail": line[s:e].strip(), "start": None, "end": None, "rule": rid + "-furniture"}
        return None


@Language.factory(
    "la_status", assigns=["doc._.fit_note", "doc._.follow_up", "doc._.contact_point"], default_config={}
)
def make_status(nlp: Language, name: str) -> StatusComponent:
    return StatusComponent(nlp, name)


class StatusComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder: StatusFinder | None = None

    def _load(self, path: Path) -> None:
        self.finder = StatusFinder(read_yaml(path, StatusRules))

    def load_data(self, models_dir: Path) -> None:
        self._load(Path(models_dir) / "rules" / RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise ModelError("la_status has no rules; call load_data() or load a saved pipeline")
        text = ocr_letters(doc_text(doc))  # same length, so offsets still point into the letter
        if doc._.sentence_spans is None:
            doc._.sentence_spans = sentence_spans(text)
        units = doc._.sentence_spans
        requests = list(doc.spans.get("gp_actions", []))
        fit_requests = [
            (s.start_char, s.end_char, "fit-requested-" + str(s._.request_rule))
            for s in requests
            if s._.request_category == "fit_note"
        ]
        extend_asks = [
            (s.start_char, s.end_char, "fit-requested-extension")
            for s in requests
            if s._.request_category == "fit_note"
            and self.finder.fit_extension.search(s.text)
            and not (s._.condition and _IF.search(s.text))
        ]
        drugs = [(d.start_char, d.end_char) for d in doc.spans.get("drugs", [])]
        gp_reviews = [
            (s.start_char, s.end_char, "fu-gp-request")
            for s in requests
            if (s._.request_category == "review" or self.finder.review_in_request.search(s.text))
            and not self.finder.treatment_only(text, units, s, drugs)
        ]
        # Only a true contingency ("if pain not settling"), not a time ("once she has settled").
        conditional = [
            (s.start_char, s.end_char)
            for s in requests
            if s._.condition
            and _IF.search(s.text)
            and self.finder.review_is_conditional(s.text, s._.condition)
        ]
        heading = self.finder.request_heading
        requested = [(s.start_char, s.end_char) for s in requests if not heading.match(s.text)]
        fu_bodies = [
            s._.body_start
            for s in doc.spans.get("sections", [])
            if s.label_ == "follow_up" and s._.body_start is not None
        ]
        contact_spans = [
            (s.start_char, s.end_char) for s in doc.spans.get("sections", []) if s.label_ == "contact"
        ]
        letter = doc._.letter
        furniture = list(letter.furniture) if letter is not None else []
        fit_bodies = [
            s._.body_start
            for s in doc.spans.get("sections", [])
            if s.label_ == "fit_note" and s._.body_start is not None
        ]
        hay = Haystack(text)
        doc._.fit_note = self.finder.fit_note(text, units, fit_requests, fit_bodies, hay, extend_asks)
        doc._.follow_up = self.finder.follow_up(
            text,
            units,
            gp_reviews=gp_reviews,
            fu_bodies=fu_bodies,
            hay=hay,
            conditional=conditional,
            requested=requested,
        )
        doc._.contact_point = self.finder.contact_point(text, contact_spans, furniture, hay)
        return doc

    def to_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> None:
        import yaml

        if self.finder is None:
            raise ModelError("la_status has no rules to save")
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        (out / RULES_FILE).write_text(
            yaml.safe_dump(self.finder.rules.model_dump(), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )

    def from_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> StatusComponent:
        self._load(Path(path) / RULES_FILE)
        return self
