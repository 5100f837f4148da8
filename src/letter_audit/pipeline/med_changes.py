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
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401
from .context import categories_at, clauses_of, text_of
from .med_companions import companion_starts, has_own_status
from .med_details import ChangeDetails
from .med_records import RecordReader
from .med_ties import Settings, Trigger, TriggerRule, names_more

_LEAD = re.compile(
    r"^(?:[^:|\n]*[:|])?[\s•¢©«»·▪►●○■◦*\-–\d.)]*"
    r"(?:(?:was|were|is|had been|has been)\s+(?:taking|on|using)\s+)?"
    r"(?:(?:buccal|oral|iv|intravenous|sc|subcutaneous|im|inhaled|topical|"
    r"nebulised|sublingual|rectal|transdermal|intranasal|nasal|regular|prn)\s+)*$",
    re.IGNORECASE,
)
_STATUS_SEP = re.compile(
    r"(?:\s[-–—]|[:|(]|\s?(?:-+|=)>|\s?→|\s?\.{3,}|…)"
    r"\s*(?:(?:was|were|has been|have been|now|dose|is|to be|to|then|and"
    r"|(?:strongly )?advised(?: to)?)\s+)*$",
    re.IGNORECASE,
)
_PLANNED_END = re.compile(
    r"\s+(?:it\s+|this\s+|them\s+)?(?:when|once|after|if|at the end|on completion|on \d|on or after"
    r"|in \d+\s+(?:days?|weeks?|months?)|by (?:the end|\d|next|mid))\b",
    re.IGNORECASE,
)
_PLAIN_STOP = {"stop", "discontinue", "cease", "stops"}
# "Amiodarone 200 mg OD - for 6 weeks then stop": the stop ends a course the line sets out
# and "Omeprazole 20 mg daily while on prednisolone 30 mg or more, then stop": a cover that lasts as long as
# something else does
_COURSE_THEN = re.compile(
    r"[^\n;]{0,60}?(?:(?:\s[-–—]|:)\s*for\s+(?:the\s+(?:first|next)\s+)?"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|ten|twelve|fourteen)\s*(?:days?|weeks?|months?|/7|/52|/12)"
    r"|\s(?:while|whilst|as long as|for as long as)\s+(?:(?:he|she|they)\s+(?:is|are|remains?)\s+)?"
    r"(?:on|taking|using)\s[^\n;.]{1,60}?)[\s,;]*(?:and\s+)?then\s+(?:stop|discontinue)\b",
    re.IGNORECASE,
)
_COURSE_RULE = TriggerRule(
    id="start_course_then_stop", pattern="then stop", action="start", direction="backward"
)
_ASK_LEAD = re.compile(
    r"(?:grateful if you (?:could|would)|could you(?: please)?|please could you"
    r"|I would (?:ask|suggest|recommend)(?: that)?(?: you)?(?: to)?|(?:for )?(?:the )?GP to)[ \t]*:[ \t]*\n",
    re.IGNORECASE,
)
_DATED = re.compile(r"\s+(?:on\s+|in\s+)?\d{1,2}/\d{1,2}/\d{2,4}\b")
_LABEL_COLON = re.compile(r"[ \t]*:")
_LINE_HEAD = re.compile(r"(?:^|\n)[ \t]*(?:[-•*]|\d{1,2}[.)])?[ \t]*$")
_THEN_BEFORE = re.compile(r"[\s,;]then\s*$", re.IGNORECASE)
# a drug named after one of these is not what a later "it" refers to ("nausea even with folic acid")
_OBLIQUE = re.compile(r"\b(?:with|despite|alongside|plus|besides)\s+(?:\w+\s+)?$", re.IGNORECASE)
# a line start, or a table cell's bar ("... 5 days (new) | Dihydrocodeine 30 mg ... (new)")
_LINE_START = re.compile(r"\n[ \t]*(?:[-•¢©«»·▪►●○■◦*]|\d{1,2}[.)]|[A-Za-z]{1,12}:)?[ \t]*|[ \t]*\|[ \t]*")
_END_OF_ITEM = re.compile(r"[\s.;]*")
_COMMA_SEP = re.compile(r"(?<!\bthen),\s*(?:(?:now|and)\s+)?$")
# bare verbs: under a "GP actions" heading they ask the GP to act ("add doxazosin 4 mg if ...")
_IMPERATIVES = {
    "add", "start", "stop", "increase", "reduce", "decrease", "commence", "switch", "change", "restart",
    "withhold", "hold", "omit", "titrate", "wean", "cease", "discontinue", "introduce", "initiate", "resume",
    "pause", "suspend", "re-start", "re-introduce", "reintroduce", "uptitrate", "up-titrate", "downtitrate",
    "down-titrate", "taper", "double", "halve", "swap", "convert",
}  # fmt: skip
# a drug the line's first drug was switched to or replaced by, whose status follows it
_OTHER_STORY = re.compile(r"\b(?:to|by|instead of|in place of)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_PRONOUN = re.compile(r"\s+(?:this|that|it|these|those|the dose|this dose|them)\b", re.IGNORECASE)
# "Bisoprolol up to 5 mg": a change particle straight after the drug name is not part of its dose phrase,
# unless the phrase is a maximum ("paracetamol up to 1 g four times a day when required")
# "prednisolone 40 mg daily, reducing by 5 mg each week to stop": the end of a taper, not a stop of
# whatever drug is named next
_TAPER_TO = re.compile(r"\b(?:reduc|wean|taper|decreas|tail)\w*\b[^.;:\n]{0,50}?\bto\s*$", re.IGNORECASE)
_RIGHT_AFTER = re.compile(r"[\s:]*")
_MAXIMUM = re.compile(
    r"\b(?:times|when required|as required|prn|if needed|as needed|a day|\d+-?hourly|hourly)\b", re.IGNORECASE
)
_TO_STRENGTH = re.compile(
    r"\s+(?:from\s+[\d.]+\s*\w+\s+)?to\s+[\d.]+\s*(?:mg|micrograms?|mcg|g|units?|ml)\b", re.I
)


def _section_body(text: str, s: Span) -> tuple[int, int]:
    """Where a skipped section's content lies: its line after an inline heading, else its first paragraph.

    Why: a heading with no next heading after it ("Allergies: penicillin (rash)" near the top of a
    dictated letter) would otherwise run to the end of the letter and hide every change in it.
    """
    body = s._.body_start if s._.body_start is not None else s.start_char
    inline = "\n" not in text[s.start_char : body] and text[body : body + 1] not in ("", "\n")
    end = text.find("\n", body) if inline else _PARAGRAPH_END.search(text, body, s.end_char)
    if isinstance(end, re.Match):
        end = end.start()
    return s.start_char, min(s.end_char, end) if isinstance(end, int) and end >= 0 else s.end_char


# "a kelp supplement from the health food shop, which we have asked her to stop": the relative clause
# refers back to the last drug named, however far its description runs
_RELATIVE_STOPS = {"stop_asked_to_stop", "stop_agreed_to_stop"}
_ELIDING_RULES = {"increase_increased", "increase_uptitrated", "decrease_reduced", "decrease_downtitrated"}
_ELIDED_TO_DOSE = re.compile(
    r"\s+(?:(?:down|up|back)\s+)?to\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml)\b", re.IGNORECASE
)
_IF_AFTER = re.compile(r"[^.;,:()\n]{1,60}?\s(?:if|unless)\b", re.IGNORECASE)
_OWN_VERB_GAP = re.compile(r"\s+(?:(?:the|his|her|their|him on|her on|them on)\s+)?")


_GP_OWNER_CELL = re.compile(
    r"^[^\n|]*\|(?:[^\n|]*\|)*?[ \t]*(?:GP|GPs|GP practice|practice|surgery|GP surgery)[ \t]*(?:\|[^\n]*)?$",
    re.IGNORECASE | re.MULTILINE,
)


def _gp_owned_rows(text: str) -> list[tuple[int, int]]:
    """Rows of a plan table whose owner cell is the practice ("Stop tamsulosin after stent out | GP | ...").

    Why: such a row is a request to the GP, as a line under an actions-for-GP heading is; its bare verb
    asks for a change, it does not report one.
    """
    if "|" not in text:
        return []
    return [(m.start(), m.end()) for m in _GP_OWNER_CELL.finditer(text)]


class MedChangeFinder(ChangeDetails, RecordReader):
    """The la_med_changes component."""

    def __init__(self, nlp: Language, name: str = "la_med_changes") -> None:
        self.name = name
        self.triggers: list[TriggerRule] = []
        self.settings: Settings | None = None

    # -- finding ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.settings is None:
            doc._.med_changes = []
            return doc
        text = text_of(doc)
        skip = [
            _section_body(text, s)
            for s in doc.spans.get("sections", [])
            if s.label_ in self.settings.skip_sections
        ]
        drugs = [d for d in doc.spans.get("drugs", []) if not any(a <= d.start_char < b for a, b in skip)]
        changes: list[dict[str, Any]] = []
        done: set[int] = set()  # drug start chars already explained
        self._records(doc, text, drugs, changes, done)
        self._status_codes(doc, text, drugs, changes, done)
        self._list_headers(doc, text, drugs, changes, done)
        self._inline_lists(doc, text, drugs, changes, done)
        self._status_first_rows(doc, text, drugs, changes, done)
        clauses = self._split_at_list_lines(
            text, doc._.clauses if doc._.clauses is not None else clauses_of(text), drugs
        )
        # a trigger inside a drug's own dose phrase ("for 5 days then stop") is part of the dose
        inside = sorted((d.end_char, self._phrase_end(d)) for d in drugs)
        asks = (
            [
                (s.start_char, s.end_char)
                for s in doc.spans.get("sections", [])
                if s.label_ in self.settings.request_sections
            ]
            + self._asked_lists(text)
            + _gp_owned_rows(text)
        )
        triggers = [
            t
            for t in self._find_triggers(text, bool(doc._.letter is not None and doc._.letter.source.ocr))
            # (one that only begins there and runs well past it, "..., to complete at home", is not)
            if not any(
                a <= t.start < b and t.end <= b + 3 and not self._particle_after(text, t, a, b)
                for a, b in inside
            )
            and not (text[t.start : t.end].lower() in _IMPERATIVES and any(a <= t.start < b for a, b in asks))
            # "..., and stop the tamsulosin if the postural drop exceeds 20": a bare verb with a condition
            # after its drug asks for a change that may come, it does not report one
            and not (text[t.start : t.end].lower() in _IMPERATIVES and _IF_AFTER.match(text, t.end))
            and not (t.rule.action == "stop" and _TAPER_TO.search(text, max(0, t.start - 70), t.start))
        ]
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
            if ds:
                course_end = self._course_line(
                    doc,
                    text,
                    cs,
                    ce,
                    ds[0],
                    ts,
                    clauses[ci + 1] if ci + 1 < len(clauses) else None,
                    changes,
                    done,
                )
                if course_end is not None:  # the line's "then stop" ends the course it sets out
                    ts = []
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
        companion_starts(doc, text, drugs, changes, done, self._make)
        changes = self._held_and_resumed(doc, text, drugs, triggers, changes)
        # a supply list ("just in case" medicines) starts only drugs not started elsewhere in the letter
        started = {c["drug"] for c in changes if c["action"] == "start" and c["rule"] != "list_supplied"}
        changes = [c for c in changes if c["rule"] != "list_supplied" or c["drug"] not in started]
        changes = self._parts_of_products(changes)
        changes.sort(key=lambda c: c["start"])
        doc._.med_changes = changes
        doc.spans["med_changes"] = [
            sp
            for c in changes
            if (sp := doc.char_span(c["start"], c["end"], alignment_mode="expand")) is not None
        ]
        return doc

    def _held_and_resumed(
        self, doc: Doc, text: str, drugs: list[Span], triggers: list[Trigger], changes: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Drop a stop when the letter later says the drug was restarted at its usual dose.

        Why: "Warfarin stopped 5 days pre-op ... Warfarin restarted 08/11 at his usual dose" tells of a hold
        around a procedure; the patient goes home on the drug as before. Only a restart that a "continued"
        cue covers (usual dose, no change, as before) counts: a restart at a new dose is a change of its own.
        """
        resumed: list[tuple[str, int]] = []
        for t in triggers:
            if t.rule.id != "start_restarted" or not any(
                m.category == "continued" for m in categories_at(doc, t.start, t.end)
            ):
                continue
            line_start = text.rfind("\n", 0, t.start) + 1
            near = [d for d in drugs if line_start <= d.start_char < t.start and t.start - d.end_char < 80]
            if near:
                resumed.append((str((near[-1]._.drug or {}).get("generic")), t.start))
        if not resumed:
            return changes
        return [
            c
            for c in changes
            if not (c["action"] == "stop" and any(g == c["drug"] and pos > c["start"] for g, pos in resumed))
        ]

    def _parts_of_products(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Drop a change to a part of a co-drug that changes the same way ("increased the levodopa").

        Why: "Co-careldopa 25/100 TDS - increased" and, in the story, "I have increased the levodopa"
        tell one change of one product; the part is the product's active substance, not a second drug.
        """
        parts = self.settings.product_parts if self.settings else {}
        made = {(p, c["action"]) for c in changes for p in parts.get(str(c["drug"]), [])}
        if not made:
            return changes
        return [c for c in changes if (c["drug"], c["action"]) not in made]

    @staticmethod
    def _particle_after(text: str, t: Trigger, drug_end: int, phrase_end: int) -> bool:
        """True for "up"/"down" written straight after the drug name, before a dose that is not a maximum."""
        return (
            t.rule.id in ("increase_particle_up", "decrease_particle_down")
            and _RIGHT_AFTER.fullmatch(text, drug_end, t.start) is not None
            and _TO_STRENGTH.match(text, t.end) is not None
            and not _MAXIMUM.search(text, t.end, max(phrase_end, t.end + 40))
        )

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
        if (
            any(t.rule.id == "start_restarted" for t in ts)
            and any(t.rule.action == "withhold" for t in ts)
            and any(t.rule.action in ("increase", "decrease") for t in ts)
        ):
            # "lisinopril 20 mg -> held during AKI, restarted at 10 mg (halved)": held and restarted here at
            # a new dose; the dose change is what the patient goes home with
            ts = [t for t in ts if t.rule.action in ("increase", "decrease")]
        lead = self._line_status(text, cs, ce, ds, ts, doc) if ds else None
        if (
            lead is not None
            and lead[0].rule.action == "switch"
            and self._switch(doc, text, cs, ce, lead[0], ds, changes, done)
        ):
            # "Co-careldopa (Sinemet Plus) 1 tablet 5x a day - switched to co-beneldopa (Madopar)": the line's
            # status names the drug it was switched to
            ts = [t for t in ts if t is not lead[0]]
            lead = None
        chained: set[int] = set()
        if lead is not None:
            # "amoxicillin 1 g BD, clarithromycin 500 mg BD for 7 days - started": the status closes the list
            chain = [lead[1]]
            for d in ds[1:]:
                if d.start_char < lead[0].start and self._bracketed_name(text, chain[-1], d):
                    # "Epclusa (sofosbuvir/velpatasvir) ... - supplied": one product; "Insulin (Humulin I):
                    # STOPPED": the bracketed brand names the product the bare class word stands for
                    if names_more(d, chain[-1]):
                        done.add(chain[-1].start_char)
                        chain[-1] = d
                    else:
                        done.add(d.start_char)
                    continue
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
            if (
                not targets
                and (
                    _PRONOUN.match(text, t.end)
                    or t.rule.id in _RELATIVE_STOPS
                    # "... tramadol 100 mg four times a day, ... so I have asked him to reduce to 50 mg": the
                    # drug is left out after a dose change word that goes straight to the new dose
                    or (
                        t.rule.id in _ELIDING_RULES
                        and "ing"
                        not in text[t.start : t.end].lower()  # "increasing to 0.5 mg": a titration plan
                        and _ELIDED_TO_DOSE.match(text, t.end)
                        # "Quetiapine was started on 12/09 and increased to 150 mg": the start's own titration
                        and not any(o is not t and o.end <= t.start and t.start - o.end < 80 for o in ts)
                    )
                )
            ):
                # "quetiapine 300 mg ..., and I have increased it to 400 mg"; "...prednisolone 40 mg daily;
                # I have increased this to 60 mg": the last drug named before, in this clause or the last
                named = [d for d in ds if d.end_char <= t.start]
                here = [
                    d for d in named if not _OBLIQUE.search(text, max(cs, d.start_char - 30), d.start_char)
                ]
                # "not happy with the naproxen, so I've stopped it": an oblique drug when it is the only one
                ref = here[-1] if here else antecedent or (named[-1] if len(named) == 1 else None)
                if ref is not None and ref.start_char not in done:
                    targets, cost = [ref], 0
            if (
                not targets
                and t.rule.id in ("start_first_dose", "start_this_is_new")
                and antecedent is not None
                and not ds
            ):
                # "she meets criteria for dupilumab. First dose 600 mg given in clinic today", "Clobazam
                # 10 mg: take one a day around each period. This is new.": the drug of the sentence before
                if antecedent.start_char not in done:
                    targets, cost = [antecedent], 0
            if targets and self._blocked(doc, t):
                continue  # a blocked trigger must not hide an unblocked one on the same drug
            if t.rule.action in ("increase", "decrease") and text[t.start : t.end].lower().endswith("ing"):
                # "started candesartan 4 mg, increasing to 8 mg after two weeks": a planned titration is part
                # of the start; it only counts when nothing else is said of the drug
                cost += 10
            if (
                t.rule.action in ("increase", "change")
                and "titrat" in text[t.start : t.end].lower()
                and any(o.rule.action == "start" and o.end <= t.start for o in ts)
            ):
                # "started on sertraline, titrated up to 100 mg": the titration is how it was started
                cost += 10
            if (
                t.rule.action == "start"
                and text[t.start : t.end].lower() == "starting"
                and any(o.rule.action in ("increase", "decrease", "change") and o.end <= t.start for o in ts)
            ):
                # "increase your ramipril from 5 mg to 10 mg once a day, starting this week": when the dose
                # change begins, not a new drug
                cost += 10
            if targets and text[t.start - 1 : t.start] == "(" and all(d.end_char <= t.start for d in targets):
                # "... with omeprazole 20 mg once daily as cover (started today)": a bracketed status on the
                # drug just before it says more than a change word shared through a list; but when the drug
                # has a change word of its own just before it, the brackets tell how that change is made
                # ("stopped the sodium valproate (tapered over 2 weeks: ...)")
                own = any(
                    o is not t
                    and o.end <= d.start_char
                    and _OWN_VERB_GAP.fullmatch(text, o.end, d.start_char)
                    for o in ts
                    for d in targets
                )
                cost += 2 if own else -1
            if _DATED.match(text, t.end):
                # "Methotrexate 15 mg weekly started 16/09/2026 is increased today to 20 mg": a dated status
                # tells the drug's past; a change word of this visit says more (a label heading the item,
                # below, weighs more still)
                cost += 7
            if _LABEL_COLON.match(text, t.end) and _LINE_HEAD.search(text[max(0, t.start - 8) : t.start]):
                # "Omitted: Digoxin 62.5 micrograms was stopped on 13/11": a label heads the item; a change
                # word of the item's own says more, and wins over it
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
            if (
                d.start_char > t.end
                and any(t.end <= o.start_char < d.start_char for o in ds)
                and has_own_status(doc, text, d, self._phrase_end(d))
            ):
                continue  # "we started amlodipine and her bisoprolol continues": the drug's own status
            if t.rule.id.startswith("stop_not_continued") and any(
                m.category in ("historical", "other_actor")
                for m in categories_at(doc, min(d.start_char, t.start), max(d.end_char, t.end))
            ):
                continue  # "stopped two months ago by the crisis team, and I have not restarted it": theirs
            if text[t.start : t.end].lower() in _PLAIN_STOP and _PLANNED_END.match(text, t.end):
                continue
            if t.rule.action in ("start", "stop") and all(
                any(
                    o.rule.id == rid
                    and o.start >= d.end_char
                    and _DATED.match(text, o.end)
                    and not self._blocked(doc, o)
                    for o in ts
                )
                for rid in ("start_started", "stop_stopped")
            ):
                # "Promethazine 25 mg nocte PRN, started 06/11/2026: stopped on 18/11/2026": begun and ended
                # within the episode, both dated on the drug's own line
                done.add(d.start_char)
                continue
            action, rule = self._taper_to_stop(text, t, d, ts, lead)
            change = self._make(doc, text, action, rule, d, cs, ce, t, nxt)
            if change is not None:
                changes.append(change)
                done.add(d.start_char)

    def _course_line(
        self,
        doc: Doc,
        text: str,
        cs: int,
        ce: int,
        d: Span,
        ts: list[Trigger],
        nxt: tuple[int, int] | None,
        changes: list[dict[str, Any]],
        done: set[int],
    ) -> int | None:
        """A list line whose only status is a course's planned end: a course to finish at home, a start.

        Why: "Amiodarone 200 mg OD - for 6 weeks then stop" names no start word, yet the drug is new and
        the stop lies in the future; the "then stop" sits inside the dose phrase, so no trigger is seen.
        "Omeprazole 20 mg daily while on prednisolone, then stop" ties the end to another drug, whose
        name ends the dose phrase, so the stop is seen as a trigger: the line is read only when that final
        stop is its one change word. Returns where the course's wording ends when the line is one.
        """
        if d.start_char in done or not _LEAD.match(text[cs : d.start_char]):
            return None
        m = _COURSE_THEN.match(text, d.end_char, ce)
        if m is None or any(t.start < m.end() - 12 or t.start >= m.end() for t in ts):
            return None
        t = Trigger(m.end() - 4, m.end(), _COURSE_RULE)
        if self._blocked(doc, t):
            return None
        change = self._make(doc, text, "start", _COURSE_RULE.id, d, cs, ce, t, nxt)
        if change is None:
            return None
        changes.append(change)
        done.add(d.start_char)
        return m.end()

    @staticmethod
    def _asked_lists(text: str) -> list[tuple[int, int]]:
        """List items under a lead-in that asks the GP ("I would be grateful if you could:\n- stop ...").

        Why: such a list is a requests section without a heading; its bare verbs ask, they do not report.
        """
        if ":" not in text:
            return []
        out = []
        for m in _ASK_LEAD.finditer(text):
            end = _PARAGRAPH_END.search(text, m.end())
            out.append((m.end(), end.start() if end else len(text)))
        return out

    @staticmethod
    def _taper_to_stop(
        text: str, t: Trigger, d: Span, ts: list[Trigger], lead: tuple[Trigger, Span, int] | None
    ) -> tuple[str, str]:
        """The action a list line's status really means when it plans an end.

        "Carbamazepine 200 mg BD: reduce to 100 mg BD for 2 weeks, then stop": a taper ending in a stop.
        """
        if lead is None or t is not lead[0] or d is not lead[1]:
            return t.rule.action, t.rule.id
        if (
            t.rule.action == "decrease"
            and text[t.start : t.end].lower().endswith("ing")
            and any(o.start > t.end and o.rule.id == "start_started" for o in ts)
        ):
            # "Diazepam 2 mg twice daily - REDUCING: started on the ward for agitation": begun here and
            # going home on a reducing dose, a start
            return "start", "start_reducing_course"
        if t.rule.id == "decrease_reduced":
            for o in ts:
                if (
                    o.start > t.end
                    and o.rule.id == "stop_stopped"
                    and _THEN_BEFORE.search(text, t.end, o.start)
                ):
                    return "stop", "stop_taper_then_stop"
        return t.rule.action, t.rule.id

    def _line_status(
        self, text: str, cs: int, ce: int, ds: list[Span], ts: list[Trigger], doc: Doc | None = None
    ) -> tuple[Trigger, Span, int] | None:
        """A list line led by a drug and closed by a status ("Methotrexate 15 mg weekly - started").

        Returns the trigger, the drug and where the status separator starts (ConText cues before it
        belong to the dose instructions, "until 36 weeks", not to the status).
        """
        first = ds[0]
        if not _LEAD.match(text[cs : first.start_char]):
            return None
        after = self._phrase_end(first)
        found: list[tuple[Trigger, Span, int]] = []
        generic = (first._.drug or {}).get("generic")
        for t in ts:  # the first status after a separator: the status column, not later notes
            if t.start < after:
                continue
            if any(
                after <= o.start_char < t.start
                and (o._.drug or {}).get("generic") != generic
                and _OTHER_STORY.search(text, max(after, o.start_char - 30), o.start_char)
                for o in ds
            ):
                # "Co-codamol 8/500 stopped (replaced by regular paracetamol 1 g QDS - new)": a status after
                # the drug it was switched to is that drug's
                break
            m = _STATUS_SEP.search(text[after : t.start])
            sep = after + m.start() if m else None
            if sep is None and _END_OF_ITEM.fullmatch(text, t.end, ce):
                # "Hyoscine 300 micrograms at night for hypersalivation, started.": the status ends the item
                c = _COMMA_SEP.search(text, after, t.start)
                sep = c.start() if c else None
            if sep is not None and t.rule.action != "switch":
                found.append((t, first, sep))
        if not found:
            return None
        t, _, sep = found[0]
        if (
            doc is not None
            and text[sep : t.start].lstrip().startswith("(")
            and any(
                after <= m.start < sep and m.category in ("continued", "negated")
                for m in categories_at(doc, after, sep)
            )
        ):
            return None  # "Etonogestrel implant | unchanged (inserted 2025)": the status cell says no change
        if doc is not None and any(
            m.rule == "hist_one_dose_here" for m in categories_at(doc, first.end_char, sep)
        ):
            return None  # "Dalteparin (one dose 13/11) - no longer needed": given once here, nothing to stop
        if text[sep : t.start].lstrip().startswith("("):
            # "Clozapine increased to 350 mg (supplied by ...)": a bracketed note after a change word
            tight = [o for o in ts if sep > o.start >= first.end_char]
            if any(not text[first.end_char : o.start].strip() for o in tight):
                return None
            # "Aspirin 75 mg (started by you 08/11) - STOPPED": the status comes after the brackets
            close = text.find(")", t.end, ce)
            later = [
                f
                for f in found[1:]
                if close >= 0
                and f[0].start > close
                # "clopidogrel 75 mg (started acute unit), atorvastatin 40 mg (increased)": not past a drug
                and not any(close < o.start_char < f[0].start for o in ds[1:])
            ]
            if later:
                return later[0]
        return found[0]


@Language.factory("la_med_changes", assigns=["doc._.med_changes", "doc.spans"], requires=["doc.spans"])
def make_med_changes(nlp: Language, name: str) -> MedChangeFinder:
    return MedChangeFinder(nlp, name)
