"""``la_med_changes``: medication changes stated in prose, lists and structured change records.

Why this shape: a change is a trigger word ("started", "STOPPED", "increased", "held") tied to a drug
mention. The tie is made by position, not grammar (blank English has no parser): the drug must sit right
after the trigger ("started him on bisoprolol") or right before it ("Ramipril 5 mg: STOPPED"), with only
known link words between, and lists share one trigger ("ramipril and amlodipine were stopped"). ConText
modifiers (``la_context``) then drop changes that are negated, hypothetical, historical, made by someone
else, or merely continued. Structured records ("Medication name ... Description of amendment Added") and
list headers ("Stopped medications:") are read first, as wholes.

Result: ``doc._.med_changes`` = [dict] with keys drug, action, dose_before, dose_after, reason, rule,
brand, switched_with, duration, restart_condition, start, end (evidence chars), drug_start, drug_end.
``doc.spans["med_changes"]`` holds the evidence spans in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import srsly
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401
from .context import categories_at, clauses_of, first_pairs, longest_matches, pair_index, text_of, whole_words
from .med_doses import DOSE, FROM_TO, TO_DOSE, dose_direction
from .med_records import RecordReader
from .ruledata import read_jsonl, read_yaml

TRIGGERS_FILE = "rules/medication_changes.jsonl"
SETTINGS_FILE = "rules/medication.yaml"
Action = Literal["start", "stop", "increase", "decrease", "withhold", "switch", "change"]
_BLOCKING = {"negated", "hypothetical", "historical", "other_actor", "continued"}
_WORDS = re.compile(r"[A-Za-z][\w'-]*|\d+(?:\.\d+)?")
_FWD_PUNCT = re.compile(r"^[\s:\-–—(\[*•]*(?:,[\s:\-–—(\[*•]*)?$")  # one comma: "started a PPI, lansoprazole"
_BACK_PUNCT = re.compile(r"^[\s:\-–—()\[\],|*•.]*$")
_LEAD = re.compile(r"^(?:[^:\n]*:)?[\s•*\-–\d.)]*$")
_STATUS_SEP = re.compile(
    r"(?:\s[-–—]|[:|(])\s*(?:(?:was|were|has been|have been|now|dose|is|to be|then|and)\s+)*$", re.IGNORECASE
)
_RESTARTED = re.compile(
    r"\W*(?:it|this|they|these|both|and)?\s*(?:was|were|has been|have been)?\s*"
    r"(?:re-?started|resumed|re-?introduced|re-?commenced)\b"
    r"(?! (?:when|once|if|after|on (?:discharge|day \d+ if)))",
    re.IGNORECASE,
)
# "commenced on quetiapine ..., but this was stopped before discharge": started and stopped within the stay
_UNDONE = re.compile(
    r"[^.\n]{0,120}?\b(?:this|it|which|they|these|the latter)\s+(?:was|were|has been|had been|have been)\s+"
    r"(?:then\s+|later\s+|subsequently\s+|also\s+)?(?:stopped|discontinued|ceased|withdrawn)\s+"
    r"(?:again\s+)?(?:before|prior to|ahead of|by the time of)\s+(?:her |his |their )?discharge",
    re.IGNORECASE,
)
# "TAMSULOSIN 400 MICROGRAMS OD - STOP WHEN STENT REMOVED": a plain "stop" with its condition is a planned end
_PLANNED_END = re.compile(
    r"\s+(?:it\s+|this\s+|them\s+)?(?:when|once|after|if|at the end|on completion|on \d|on or after"
    r"|in \d+\s+(?:days?|weeks?|months?)|by (?:the end|\d|next|mid))\b",
    re.IGNORECASE,
)
_PLAIN_STOP = {"stop", "discontinue", "cease", "stops"}
# a drug named after one of these is not what a later "it" refers to ("nausea even with folic acid")
_OBLIQUE = re.compile(r"\b(?:with|despite|alongside|plus|besides)\s+(?:\w+\s+)?$", re.IGNORECASE)
_WAS = re.compile(rf"\b(?:was|previously|prev\.?|from)\s+({DOSE})", re.IGNORECASE)
_LINE_START = re.compile(r"\n[ \t]*(?:[-•*]|\d{1,2}[.)]|[A-Za-z]{1,12}:)?[ \t]*")
_PASSIVE = re.compile(r"\b(?:has|have|was|were|is|are)\s+(?:now\s+|also\s+)?(?:been\s+)?$", re.IGNORECASE)
_OCR_DIGIT = re.compile(r"(?<=[a-z])[015]+(?=[a-z])|\b[05](?=[a-z]{3})", re.IGNORECASE)
_OCR_FIX = str.maketrans("015", "ols")
_ACTIVE = re.compile(r"\b(?:I|we|he|she|they|you)\s+(?:have|has|had)\s+(?:now\s+|also\s+)?$", re.IGNORECASE)
_TRAILING_JOIN = re.compile(r"[\s,;]+(?:and|or|but|then|so|which)$", re.IGNORECASE)
_PRONOUN = re.compile(r"\s+(?:this|it|the dose|this dose|them)\b", re.IGNORECASE)


class TriggerRule(BaseModel):
    """One change trigger (models/rules/medication_changes.jsonl)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    action: Action
    direction: Literal["forward", "backward", "both"] = "both"
    style: Literal["prose", "tight"] = "prose"


class RecordStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str
    action: Action | None = None


class RecordFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str
    reason: str


class Settings(BaseModel):
    """How triggers tie to drugs (models/rules/medication.yaml)."""

    model_config = ConfigDict(extra="forbid")

    forward_gap_words: list[str]
    backward_gap_words: list[str]
    list_joiners: list[str]
    record_starts: list[RecordStart]
    record_fields: RecordFields
    reason_cues: str
    restart_cues: str
    skip_sections: list[str] = Field(default_factory=list)


class Trigger:
    __slots__ = ("start", "end", "rule")

    def __init__(self, start: int, end: int, rule: TriggerRule) -> None:
        self.start, self.end, self.rule = start, end, rule


class MedChangeFinder(RecordReader):
    """The la_med_changes component."""

    def __init__(self, nlp: Language, name: str = "la_med_changes") -> None:
        self.name = name
        self.triggers: list[TriggerRule] = []
        self.settings: Settings | None = None

    # -- data ------------------------------------------------------------------------------------
    def load_data(self, models_dir: Path) -> None:
        """Read and validate the trigger rules and tie settings."""
        self.triggers = read_jsonl(models_dir / TRIGGERS_FILE, TriggerRule)
        self.settings = read_yaml(models_dir / SETTINGS_FILE, Settings)
        self._compile()

    def _compile(self) -> None:
        s = self.settings
        if s is None:
            return
        self.trigger_firsts = first_pairs("|".join(f"(?:{r.pattern})" for r in self.triggers))
        self.trigger_index = pair_index([r.pattern for r in self.triggers])
        self.rx_any = whole_words("|".join(f"(?:{r.pattern})" for r in self.triggers) or "(?!)")
        self.rx_triggers = [
            (r, re.compile(rf"(?<![\w-])(?:{r.pattern})(?![\w-])", re.IGNORECASE)) for r in self.triggers
        ]
        self.fwd_words = {w.lower() for w in s.forward_gap_words}
        self.back_words = {w.lower() for w in s.backward_gap_words}
        joiners = "|".join(re.escape(j) for j in sorted(s.list_joiners, key=len, reverse=True))
        # "ramipril (AKI), naproxen (GI bleed)": a short bracketed note may sit between listed drugs
        self.rx_joiner = re.compile(
            rf"^[\s,]*(?:\([^()\n]{{0,40}}\)[\s,]*)?(?:(?:{joiners})[\s,]*)*$", re.IGNORECASE
        )
        self.rx_record = [
            (re.compile(rf"^[\s•*\-]*(?:{r.pattern})\b[\s:|]*", re.IGNORECASE | re.MULTILINE), r.action)
            for r in s.record_starts
        ]
        field = r"(?:^|\|)[\s•*\-]*(?:{})(?!\w)[\s:|]*([^|\n]*)"
        self.rx_status = re.compile(field.format(s.record_fields.status), re.IGNORECASE | re.MULTILINE)
        self.rx_reason_field = re.compile(field.format(s.record_fields.reason), re.IGNORECASE | re.MULTILINE)
        self.rx_reason = re.compile(rf"(?<![\w-])(?:{s.reason_cues})(?:(?<=\s)|(?![\w-]))\s*", re.IGNORECASE)
        self.rx_restart = re.compile(rf"(?<![\w-])(?:{s.restart_cues})(?![\w-])", re.IGNORECASE)
        self.rx_restart_clause = re.compile(
            r"^\W*(?:please |can be |to be |and |then )?(?:re-?start|resume|re-?introduce)", re.IGNORECASE
        )
        trig = "|".join(f"(?:{r.pattern})" for r in self.triggers)
        self.rx_list_header = re.compile(
            rf"^[\W\d]*(?:(?:medications?|medicines?|drugs?|meds|items?)\s+)?(?:{trig})"
            rf"(?:\s+(?:medications?|medicines?|drugs?|meds|items?|on discharge|this admission))*\s*:?\s*$",
            re.IGNORECASE,
        )

    # -- finding ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.settings is None:
            doc._.med_changes = []
            return doc
        text = text_of(doc)
        skip = [
            (s.start_char, s.end_char)
            for s in doc.spans.get("sections", [])
            if s.label_ in self.settings.skip_sections
        ]
        drugs = [d for d in doc.spans.get("drugs", []) if not any(a <= d.start_char < b for a, b in skip)]
        changes: list[dict[str, Any]] = []
        done: set[int] = set()  # drug start chars already explained
        self._records(doc, text, drugs, changes, done)
        self._list_headers(doc, text, drugs, changes, done)
        clauses = self._split_at_list_lines(
            text, doc._.clauses if doc._.clauses is not None else clauses_of(text), drugs
        )
        # a trigger inside a drug's own dose phrase ("for 5 days then stop") is part of the dose
        inside = sorted((d.end_char, self._phrase_end(d)) for d in drugs)
        triggers = [t for t in self._find_triggers(text) if not any(a <= t.start < b for a, b in inside)]
        ti = di = 0
        prev: tuple[int, Span | None] = (-1, None)  # end of the previous clause and its last drug
        for ci, (cs, ce) in enumerate(clauses):
            while di < len(drugs) and drugs[di].start_char < cs:
                di += 1
            while ti < len(triggers) and triggers[ti].start < cs:
                ti += 1
            ds = [d for d in drugs[di:] if d.start_char < ce and d.start_char not in done]
            ds = ds[: next((i for i, d in enumerate(ds) if d.start_char >= ce), len(ds))]
            ts = [t for t in triggers[ti:] if t.start < ce]
            ts = ts[: next((i for i, t in enumerate(ts) if t.start >= ce), len(ts))]
            antecedent = prev[1] if prev[1] is not None and "\n" not in text[prev[0] : cs] else None
            if ts and (ds or antecedent is not None):
                nxt = clauses[ci + 1] if ci + 1 < len(clauses) else None
                self._clause(doc, text, cs, ce, ds, ts, nxt, changes, done, antecedent)
            in_clause = [
                d
                for d in drugs[di:]
                if d.start_char < ce and not _OBLIQUE.search(text, max(cs, d.start_char - 30), d.start_char)
            ]
            if in_clause:
                prev = (ce, in_clause[-1])
            elif prev[1] is not None and "\n" not in text[prev[0] : ce]:
                prev = (ce, prev[1])
            else:
                prev = (ce, None)
        changes.sort(key=lambda c: c["start"])
        doc._.med_changes = changes
        doc.spans["med_changes"] = [
            sp
            for c in changes
            if (sp := doc.char_span(c["start"], c["end"], alignment_mode="expand")) is not None
        ]
        return doc

    @staticmethod
    def _split_at_list_lines(
        text: str, clauses: list[tuple[int, int]], drugs: list[Span]
    ) -> list[tuple[int, int]]:
        """Cut a clause where a line starts with a drug: a wrapped sentence never does, a list item does."""
        starts = {d.start_char for d in drugs}
        out: list[tuple[int, int]] = []
        for cs, ce in clauses:
            cur = cs
            for m in _LINE_START.finditer(text, cs, ce):
                if m.end() in starts and m.start() > cur:
                    out.append((cur, m.start()))
                    cur = m.start() + 1
            out.append((cur, ce))
        return out

    def _find_triggers(self, text: str) -> list[Trigger]:
        if _OCR_DIGIT.search(text):
            # scanned letters misread letters as digits ("st0pped", "5tarted"); the fix keeps every offset
            text = _OCR_DIGIT.sub(lambda m: m.group(0).translate(_OCR_FIX), text)
        rxs = [rx for _, rx in self.rx_triggers]
        found = longest_matches(text, self.rx_any, rxs, self.trigger_firsts, self.trigger_index)
        return [Trigger(s, e, self.rx_triggers[k][0]) for s, e, k in found]

    # -- ties ------------------------------------------------------------------------------------
    @staticmethod
    def _phrase_end(d: Span) -> int:
        dosage = d._.dosage or {}
        return int(dosage.get("phrase_end") or d.end_char)

    def _gap_ok(self, gap: str, forward: bool, tight: bool) -> int | None:
        """Number of words in an acceptable gap, or None when the gap breaks the tie."""
        words = [w.lower() for w in _WORDS.findall(gap)]
        punct = _WORDS.sub(" ", gap)
        if not (_FWD_PUNCT if forward else _BACK_PUNCT).match(punct):
            return None
        if tight:
            return 0 if not words else None
        allowed = self.fwd_words if forward else self.back_words
        if len(words) > 6 or any(w not in allowed for w in words):
            return None
        return len(words)

    def _attach(self, text: str, t: Trigger, ds: list[Span]) -> tuple[list[Span], int]:
        """The drugs a trigger applies to, and a cost (gap words) for choosing between triggers."""
        tight = t.rule.style == "tight"
        fwd: tuple[list[Span], int] | None = None
        back: tuple[list[Span], int] | None = None
        if t.rule.direction in ("forward", "both"):
            after = [d for d in ds if d.start_char >= t.end]
            if after and (cost := self._gap_ok(text[t.end : after[0].start_char], True, tight)) is not None:
                chain = [after[0]]
                for d in after[1:]:
                    if not self.rx_joiner.match(text[self._phrase_end(chain[-1]) : d.start_char]):
                        break
                    chain.append(d)
                fwd = (chain, cost)
        if t.rule.direction in ("backward", "both"):
            before = [d for d in ds if d.end_char <= t.start]
            if before:
                last = before[-1]
                gap = text[min(self._phrase_end(last), t.start) : t.start]
                subject_gap = text[min(self._phrase_end(before[0]), t.start) : t.start]
                if (cost := self._gap_ok(gap, False, tight)) is not None:
                    chain = [last]
                    for d in reversed(before[:-1]):
                        if not self.rx_joiner.match(text[self._phrase_end(d) : chain[-1].start_char]):
                            break
                        chain.append(d)
                    back = (chain, cost)
                elif (
                    not tight
                    and all(d.start_char < self._phrase_end(before[0]) for d in before[1:])
                    and _PASSIVE.search(subject_gap)
                    and not _ACTIVE.search(
                        subject_gap
                    )  # "..., so I have stopped it": the writer is the subject
                    and len(_WORDS.findall(subject_gap)) <= 12
                    and "\n" not in subject_gap
                ):
                    # the drug is the subject of a passive verb further on: "Tacrolimus 0.1% ointment
                    # twice daily to the face and neck has been started"
                    back = ([before[0]], 6)
        if fwd and back:
            if fwd[1] != back[1]:
                return fwd if fwd[1] < back[1] else back
            # "...: stop sertraline": a plain forward gap beats a backward one across punctuation
            back_gap = text[min(self._phrase_end(back[0][0]), t.start) : t.start]
            return fwd if re.search(r"[:;(|\-–—]", back_gap) else back
        return fwd or back or ([], 99)

    def _blocked(self, doc: Doc, t: Trigger, since: int | None = None) -> bool:
        """True when a ConText modifier (cued at or after ``since``) covers the trigger."""
        return any(
            m.category in _BLOCKING and (since is None or m.start >= since)
            for m in categories_at(doc, t.start, t.end)
        )

    # -- clauses ---------------------------------------------------------------------------------
    def _clause(
        self,
        doc: Doc,
        text: str,
        cs: int,
        ce: int,
        ds: list[Span],
        ts: list[Trigger],
        nxt: tuple[int, int] | None,
        changes: list[dict[str, Any]],
        done: set[int],
        antecedent: Span | None = None,
    ) -> None:
        best: dict[int, tuple[int, Trigger, Span]] = {}
        lead = self._line_status(text, cs, ds, ts) if ds else None
        chained: set[int] = set()
        if lead is not None:
            # "amoxicillin 1 g BD, clarithromycin 500 mg BD for 7 days - started": the status closes the list
            chain = [lead[1]]
            for d in ds[1:]:
                if d.start_char >= lead[0].start or not self.rx_joiner.match(
                    text[self._phrase_end(chain[-1]) : d.start_char]
                ):
                    break
                chain.append(d)
            for d in chain:
                best[d.start_char] = (-1, lead[0], d)
                chained.add(d.start_char)
        for t in ts:
            if lead is not None and t is lead[0]:
                continue
            if t.rule.action == "switch" and self._switch(doc, text, cs, ce, t, ds, changes, done):
                continue
            targets, cost = self._attach(text, t, ds)
            if not targets and _PRONOUN.match(text, t.end):
                # "quetiapine 300 mg ..., and I have increased it to 400 mg"; "...prednisolone 40 mg daily;
                # I have increased this to 60 mg": the last drug named before, in this clause or the last
                here = [
                    d
                    for d in ds
                    if d.end_char <= t.start
                    and not _OBLIQUE.search(text, max(cs, d.start_char - 30), d.start_char)
                ]
                ref = here[-1] if here else antecedent
                if ref is not None and ref.start_char not in done:
                    targets, cost = [ref], 0
            if targets and self._blocked(doc, t):
                continue  # a blocked trigger must not hide an unblocked one on the same drug
            if t.rule.action in ("increase", "decrease") and text[t.start : t.end].lower().endswith("ing"):
                # "started candesartan 4 mg, increasing to 8 mg after two weeks": a planned titration is part
                # of the start; it only counts when nothing else is said of the drug
                cost += 10
            for d in targets:
                if d.start_char in done or d.start_char in chained:
                    continue
                dist = cost * 1000 + abs(d.start_char - t.start)
                if d.start_char not in best or dist < best[d.start_char][0]:
                    best[d.start_char] = (dist, t, d)
        restarted = any(t.rule.id == "start_restarted" for t in ts) and any(
            t.rule.action == "withhold" for t in ts
        )
        for _, t, d in sorted(best.values(), key=lambda x: x[2].start_char):
            if restarted:
                done.add(d.start_char)  # held and restarted within the stay: no net change
                continue
            since = lead[2] if lead is not None and d.start_char in chained else None
            if self._blocked(doc, t, since):
                continue
            if text[t.start : t.end].lower() in _PLAIN_STOP and _PLANNED_END.match(text, t.end):
                continue
            change = self._make(doc, text, t.rule.action, t.rule.id, d, cs, ce, t, nxt)
            if change is not None:
                changes.append(change)
                done.add(d.start_char)

    def _line_status(
        self, text: str, cs: int, ds: list[Span], ts: list[Trigger]
    ) -> tuple[Trigger, Span, int] | None:
        """A list line led by a drug and closed by a status ("Methotrexate 15 mg weekly - started").

        Returns the trigger, the drug and where the status separator starts (ConText cues before it
        belong to the dose instructions, "until 36 weeks", not to the status).
        """
        first = ds[0]
        if not _LEAD.match(text[cs : first.start_char]):
            return None
        after = self._phrase_end(first)
        for t in ts:  # the first status after a separator: the status column, not later notes
            if t.start < after:
                continue
            m = _STATUS_SEP.search(text[after : t.start])
            if m and t.rule.action != "switch":
                return t, first, after + m.start()
        return None

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
        dose_before = dose_after = None
        m = FROM_TO.search(text, d.start_char, ce)
        if m:
            dose_before, dose_after = " ".join(m.group(1).split()), " ".join(m.group(2).split())
        elif action in ("increase", "decrease", "change") and (m2 := TO_DOSE.search(text, d.start_char, ce)):
            dose_after = " ".join(m2.group(1).split())
        restart = None
        rm = self.rx_restart.search(text, tail_from, ce)
        if rm:
            restart = text[rm.start() : ce].strip(" .;,")
        elif nxt and self.rx_restart_clause.match(text[nxt[0] : nxt[1]]):
            restart = text[nxt[0] : nxt[1]].strip(" .;,")
        if action == "stop" and rm:
            action = "withhold"
        if action == "start" and _UNDONE.match(text, self._phrase_end(d)):
            return None
        if action == "withhold" and nxt and _RESTARTED.match(text, nxt[0], nxt[1]):
            return None  # "...was withheld during admission; it was restarted on day 6": no net change
        if action in ("change", "switch") and not dose_before and (w := _WAS.search(text, d.end_char, ce)):
            # "Atorvastatin | 80 mg ON | Changed | was 40 mg"
            dose_before = " ".join(w.group(1).split())
            dose_after = dose_after or dosage.get("dose")
            action = dose_direction(dose_before, dose_after) or action
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
        reason = None
        end_reason = rm.start() if rm else ce
        mr = self.rx_reason.search(text, tail_from, end_reason)
        if mr:
            # the reason ends at the next drug named, or at the bracket it opened in ("(for BP)")
            stop_at = next((x.start_char for x in doc.spans.get("drugs", []) if x.start_char >= mr.end()), ce)
            end_reason = min(end_reason, stop_at)
            if text[max(0, mr.start() - 1) : mr.start()] == "(":
                close = text.find(")", mr.end(), end_reason)
                end_reason = close if close != -1 else end_reason
            reason = _TRAILING_JOIN.sub("", text[mr.end() : end_reason].strip(" .;,:-(")) or None
        start = min(d.start_char, t.start if t else d.start_char, cs if t is None else d.start_char)
        # evidence: trigger, drug, its dose and any "from X to Y", whichever order they come in
        end = max(d.end_char, t.end if t else d.end_char, int(dosage.get("end") or 0), m.end() if m else 0)
        return {
            "drug": info.get("generic") or d.text.lower(),
            "action": action,
            "dose_before": dose_before,
            "dose_after": dose_after,
            "reason": reason[:200] if reason else None,
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

    def _switch(
        self,
        doc: Doc,
        text: str,
        cs: int,
        ce: int,
        t: Trigger,
        ds: list[Span],
        changes: list[dict[str, Any]],
        done: set[int],
    ) -> bool:
        """Stop A + start B for "switched from A to B", "A changed to B", "B instead of A"."""
        before = [d for d in ds if d.end_char <= t.start and d.start_char not in done]
        after = [d for d in ds if d.start_char >= t.end and d.start_char not in done]
        old = new = None
        if t.rule.id == "switch_instead_of":
            if before and after:
                new, old = before[-1], after[0]
        elif len(after) >= 2 and re.search(r"\bfrom\b", text[t.end : after[0].start_char], re.IGNORECASE):
            old, new = after[0], after[1]
        elif (
            before
            and after
            and self._gap_ok(text[self._phrase_end(before[-1]) : t.start], False, False) is not None
        ):
            old, new = before[-1], after[0]
        elif len(after) >= 2 and re.search(
            r"\b(?:to|with|for|by)\b", text[after[0].end_char : after[1].start_char], re.IGNORECASE
        ):
            old, new = after[0], after[1]
        if (
            old is None
            or new is None
            or (old._.drug or {}).get("generic") == (new._.drug or {}).get("generic")
        ):
            return False
        if self._blocked(doc, t):
            return True
        a = self._make(doc, text, "stop", t.rule.id, old, cs, ce, t, None)
        b = self._make(doc, text, "start", t.rule.id, new, cs, ce, t, None)
        if a is None or b is None:
            return False
        a["switched_with"], b["switched_with"] = b["drug"], a["drug"]
        a["reason"] = b["reason"] = None
        changes.extend([a, b])
        done.update({old.start_char, new.start_char})
        return True

    # -- serialisation ---------------------------------------------------------------------------
    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "triggers.jsonl", [r.model_dump() for r in self.triggers])
        srsly.write_json(path / "settings.json", self.settings.model_dump() if self.settings else None)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> MedChangeFinder:
        path = Path(path)
        self.triggers = [TriggerRule.model_validate(r) for r in srsly.read_jsonl(path / "triggers.jsonl")]
        data = srsly.read_json(path / "settings.json")
        self.settings = Settings.model_validate(data) if data else None
        self._compile()
        return self


@Language.factory("la_med_changes", assigns=["doc._.med_changes", "doc.spans"], requires=["doc.spans"])
def make_med_changes(nlp: Language, name: str) -> MedChangeFinder:
    return MedChangeFinder(nlp, name)
