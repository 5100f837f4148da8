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
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401
from .context import categories_at, clauses_of, text_of
from .med_clauses import _OBLIQUE, ClauseTies
from .med_companions import companion_starts
from .med_doses import DOSE, dose_direction
from .med_records import RecordReader
from .med_ties import Settings, Trigger, TriggerRule

# (found from the colon that ends it: a letter has few line-end colons, and the lead is at most 29 letters)
_ASK_LEAD = re.compile(
    r"(?:grateful if you (?:could|would)|could you(?: please)?|please could you"
    r"|I would (?:ask|suggest|recommend)(?: that)?(?: you)?(?: to)?|(?:for )?(?:the )?GP to)\Z",
    re.IGNORECASE,
)
_COLON_EOL = re.compile(r":[ \t]*\n")
# a line start, or a table cell's bar ("... 5 days (new) | Dihydrocodeine 30 mg ... (new)")
_LINE_START = re.compile(r"\n[ \t]*(?:[-•¢©«»·▪►●○■◦*]|\d{1,2}[.)]|[A-Za-z]{1,12}:)?[ \t]*|[ \t]*\|[ \t]*")
# bare verbs: under a "GP actions" heading they ask the GP to act ("add doxazosin 4 mg if ...")
_IMPERATIVES = {
    "add", "start", "stop", "increase", "reduce", "decrease", "commence", "switch", "change", "restart",
    "withhold", "hold", "omit", "titrate", "wean", "cease", "discontinue", "introduce", "initiate", "resume",
    "pause", "suspend", "re-start", "re-introduce", "reintroduce", "uptitrate", "up-titrate", "downtitrate",
    "down-titrate", "taper", "double", "halve", "swap", "convert",
}  # fmt: skip
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
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
# "I advised him to reduce it to 75 mg at night for a week and then stop": a reduction on the way to a stop
# (one step only: a taper of several steps, "..., then 1 mg for one week, then stop", stays a reduction)
_THEN_STOP = re.compile(
    r"(?:(?!\bthen\b)[^.;\n]){0,80}?\b(?:and\s+|,\s*)?then\s+(?:to\s+)?(?:stop|discontinue|cease|come\s+off)"
    r"(?:\s+(?:it|them|altogether|completely|entirely)){0,2}\s*(?:[.;)\n]|$)",
    re.IGNORECASE,
)
_IF_AFTER = re.compile(r"(?:[^.;,:()\n]|\.(?=\d)){1,60}?\s(?:if|unless)\b", re.IGNORECASE)
# "..., and, if she is still having more than 8 migraine days a month, increase it to 160 mg": a bare verb
# after a condition asks for a change that may come
_IF_BEFORE = re.compile(
    r"\b(?:if|unless|should (?:he|she|they))\b[^.;:\n]{1,120},\s*(?:(?:please|then|and|do)\s+)?$",
    re.IGNORECASE,
)
# "e-RS ADVICE & GUIDANCE - SPECIALIST RESPONSE": the specialist has not seen the patient; every change the
# reply names is advice for the GP to act on
# "restarted 08/11 at 2.5 mg", "restarted on 10 mg": the dose a held drug comes back at
_AT_DOSE = re.compile(
    rf"(?:\s+(?:on\s+)?\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)?\s+(?:at|on)\s+(?:a\s+(?:lower|higher|reduced)\s+dose\s+of\s+)?({DOSE})",
    re.I,
)
# "Vitamin D 21 nmol/L - loading dose given", "lithium level 0.72 mmol/L": a blood result names the
# substance measured, not a medicine given (a dose is in mg or units, never per litre)
_LAB_VALUE = re.compile(
    r"(?:\s+(?:trough\s+|serum\s+|plasma\s+)?levels?)?\s*(?:(?:was|is|of|at)\s+|[:=]\s*)?[<>]?\s*\d+(?:\.\d+)?"
    r"\s*(?:nmol|mmol|umol|µmol|pmol|ng|ug|µg|micrograms?|iu|mu|mg)\s*/\s*(?:l|dl)\b",
    re.IGNORECASE,
)
_SUPPLY_RULES = {"start_prescription_given_after", "start_duration_supplied", "start_supplied"}
_ADVICE_REPLY = re.compile(
    r"\A\s*(?:[^\n]*\n){0,3}[^\n]*\b(?:advice\s*(?:and|&)\s*guidance|A\s*&\s*G)\b[^\n]*\b(?:response|reply)",
    re.IGNORECASE,
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


# "Stop oxymetazoline spray | Patient | now", "Prednisolone 25 mg od | ENT - done | today": a plan-table row
# owned by the patient or the hospital team, inside an actions table that is otherwise the GP's
_OTHER_OWNER_CELL = re.compile(
    r"^[^\n|]*\|(?:[^\n|]*\|)*?[ \t]*"
    r"(?:patient|pt|patient(?: and|/| &) ?(?:carer|family|parents?)|parents?|mum|dad"
    r"|carers?|family|self|hospital|team|ward|clinic|us|we|consultant|specialist nurse|nurse specialist"
    # a specialty's initials or name ("ENT", "Renal team"), not a dose frequency written in capitals
    r"|(?-i:(?!(?:GP|OD|BD|TDS|QDS|ON|OM|PRN|NOCTE|STAT|PO|IV|SC|IM|MR|SR|XL|TBC|NA|YES|NO|NEW|ASAP|TTO|TTA)\b)"
    r"[A-Z]{2,5}|[A-Z][a-z]+ology)(?: team| clinic| nurses?)?"
    r"|(?!practice|surgery|district|community)(?-i:[A-Z][a-z]+) (?:team|clinic|nurses?))"
    r"(?:[ \t]*[-–(][^\n|]*)?[ \t]*(?:\|[^\n]*)?$",
    re.IGNORECASE | re.MULTILINE,
)


def _other_owned_rows(text: str) -> list[tuple[int, int]]:
    """Rows of a plan table whose owner cell is the patient or the hospital, not the practice.

    Why: a bare "Stop X" in such a row is the team's own change (or its instruction to the patient),
    though the table as a whole reads as a list of actions.
    """
    if "|" not in text:
        return []
    rows = [(m.start(), m.end()) for m in _OTHER_OWNER_CELL.finditer(text)]
    gp = set(_gp_owned_rows(text))
    return [r for r in rows if r not in gp]


# the date this episode began: a clinic letter's appointment, an admission or attendance
_EPISODE_DATE = re.compile(
    r"^[ \t]*(?:clinic(?: date)?|date of (?:clinic|appointment|admission|attendance)|appointment(?: date)?"
    r"|admission(?: date)?|admitted(?: on)?|attendance(?: date)?|date seen|seen on)\s*[:\-]?\s*"
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b",
    re.IGNORECASE | re.MULTILINE,
)
_EARLIER_EPISODE_DAYS = 14
# "started ... on 07/04/2027": the change's own date, just after it
_CHANGE_DATE = re.compile(r"[^.;\n]{0,60}?\bon\s+(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


def _date(m: re.Match[str]) -> date | None:
    d, mo, y = (int(g) for g in m.groups())
    try:
        return date(y + 2000 if y < 100 else y, mo, d)
    except ValueError:
        return None


_ITEM_STOP = re.compile(r"\n|\.(?=\s)|;")


def _named_more(text: str, drugs: list[Span], changes: list[dict[str, Any]]) -> None:
    """Name a change of a bare class word ("Insulin: increase your Abasaglar (insulin glargine) ...") by the
    product its item goes on to name, when that product's name holds the word and has no change of its own.

    Why: a label or class word heads the item, and the product after it is what changes; reading the
    class word alone reports "insulin" for a change of insulin glargine.
    """
    named = {c["drug"] for c in changes}
    for c in changes:
        drug = c["drug"]
        if " " in drug or c.get("drug_end") is None:
            continue
        end = _ITEM_STOP.search(text, c["drug_end"])
        stop = end.start() if end else len(text)
        for d in drugs:
            if not c["drug_end"] <= d.start_char < stop:
                continue
            generic = (d._.drug or {}).get("generic") or ""
            if generic not in named and " with " not in generic and drug in generic.split():
                c["drug"] = generic
                named.add(generic)
                break


def _instead_of_kept(
    doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Drop "use X instead" starts of a drug the letter lists as one the patient goes on taking.

    Why: "Ibuprofen - advised to stop it and use paracetamol instead" beside "Paracetamol 1 g QDS PRN -
    continued" moves the patient onto a medicine already taken; nothing is started.
    """
    if not any(c["rule"] == "start_take_instead" for c in changes):
        return changes
    kept = set()
    for d in drugs:
        line_end = text.find("\n", d.end_char)
        line_end = len(text) if line_end == -1 else line_end
        # up to the next drug on the line: its status is its own
        line_end = min([o.start_char for o in drugs if d.end_char <= o.start_char < line_end] + [line_end])
        if any(m.category == "continued" for m in categories_at(doc, d.end_char, line_end)):
            kept.add((d._.drug or {}).get("generic"))
    return [c for c in changes if not (c["rule"] == "start_take_instead" and c["drug"] in kept)]


def _before_the_episode(text: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop changes dated before the episode this letter tells of.

    Why: "Maisie started methylphenidate ... on 07/04/2027 in our titration clinic" in a letter from the
    clinic of 05/05/2027 tells of an earlier visit: what was started then is this visit's history. The
    episode's date is the one a header line gives ("Clinic: 05/05/2027", "Admission date: ..."); a change
    within two weeks before it may be part of this episode's plan and is kept.
    """
    head = _EPISODE_DATE.search(text, 0, min(len(text), 1500))
    began = _date(head) if head else None
    if began is None:
        return changes
    out = []
    for c in changes:
        m = _CHANGE_DATE.match(text, max(int(c["end"]), int(c["drug_end"])))
        when = _date(m) if m else None
        # (a few days before may be this episode's own plan: "warfarin stopped on 27/10" for a 30/10 switch)
        if when is None or (began - when).days < _EARLIER_EPISODE_DAYS:
            out.append(c)
    return out


class MedChangeFinder(ClauseTies, RecordReader):
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
        drugs = [
            d
            for d in doc.spans.get("drugs", [])
            if not any(a <= d.start_char < b for a, b in skip) and not _LAB_VALUE.match(text, d.end_char)
        ]
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
        others = _other_owned_rows(text)
        if _ADVICE_REPLY.match(text):
            asks.append((0, len(text)))
        triggers = [
            t
            for t in self._find_triggers(text, bool(doc._.letter is not None and doc._.letter.source.ocr))
            # (one that only begins there and runs well past it, "..., to complete at home", is not)
            if not any(
                a <= t.start < b and t.end <= b + 3 and not self._particle_after(text, t, a, b)
                for a, b in inside
            )
            and not (
                text[t.start : t.end].lower() in _IMPERATIVES
                and any(a <= t.start < b for a, b in asks)
                and not any(a <= t.start < b for a, b in others)
            )
            # "..., and stop the tamsulosin if the postural drop exceeds 20": a bare verb with a condition
            # after its drug asks for a change that may come, it does not report one
            and not (
                text[t.start : t.end].lower() in _IMPERATIVES
                and (_IF_AFTER.match(text, t.end) or _IF_BEFORE.search(text, max(0, t.start - 150), t.start))
            )
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
        changes = self._restarted_at_new_dose(text, drugs, triggers, changes)
        # a supply list ("just in case" medicines) starts only drugs not started elsewhere in the letter
        started = {c["drug"] for c in changes if c["action"] == "start" and c["rule"] != "list_supplied"}
        changes = [c for c in changes if c["rule"] != "list_supplied" or c["drug"] not in started]
        # "I have reduced his prednisolone ... | Supply given in clinic": a supply of a drug whose change is
        # told elsewhere is that change's supply, not a start of its own
        told = {c["drug"] for c in changes if c["rule"] not in _SUPPLY_RULES}
        changes = [c for c in changes if c["rule"] not in _SUPPLY_RULES or c["drug"] not in told]
        _named_more(text, drugs, changes)
        changes = self._parts_of_products(changes)
        changes = _before_the_episode(text, changes)
        changes = _instead_of_kept(doc, text, drugs, changes)
        for c in changes:
            if c["action"] == "decrease" and _THEN_STOP.match(text, c["end"]):
                c["action"], c["rule"] = "stop", "stop_after_reduction"
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

    def _restarted_at_new_dose(
        self, text: str, drugs: list[Span], triggers: list[Trigger], changes: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Turn a hold into a dose change when the drug is restarted later at another dose.

        Why: "ramipril 5 mg was held during the AKI; ramipril restarted 08/11 at 2.5 mg" sends the patient
        home on the drug at a new dose: the net change is the reduction, not the hold.
        """
        restarts: set[int] = set()  # the restart's own mention: its start is the same change
        for c in changes:
            if c["action"] != "withhold":
                continue
            d0 = next((d for d in drugs if d.start_char == c["drug_start"]), None)
            before = (d0._.dosage or {}).get("dose") if d0 is not None else None
            if not before:
                continue
            for t in triggers:
                if t.rule.id != "start_restarted" or not c["drug_start"] < t.start < c["drug_start"] + 300:
                    continue
                named = [d for d in drugs if d.end_char <= t.start and t.start - d.end_char <= 20]
                if not named or (named[-1]._.drug or {}).get("generic") != c["drug"]:
                    continue
                m = _AT_DOSE.match(text, t.end)
                direction = dose_direction(before, m.group(1)) if m else None
                if direction is not None:
                    c["action"], c["dose_before"], c["dose_after"] = direction, before, m.group(1)  # type: ignore[union-attr]
                    c["rule"] = "held_restarted_at_new_dose"
                    restarts.add(named[-1].start_char)
                    break
        return [c for c in changes if not (c["action"] == "start" and c["drug_start"] in restarts)]

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

    @staticmethod
    def _asked_lists(text: str) -> list[tuple[int, int]]:
        """List items under a lead-in that asks the GP ("I would be grateful if you could:\n- stop ...").

        Why: such a list is a requests section without a heading; its bare verbs ask, they do not report.
        """
        if ":" not in text:
            return []
        out = []
        for m in _COLON_EOL.finditer(text):
            lead_end = m.start()
            while lead_end and text[lead_end - 1] in " \t":
                lead_end -= 1
            if _ASK_LEAD.search(text, max(0, lead_end - 40), lead_end) is None:
                continue
            end = _PARAGRAPH_END.search(text, m.end())
            out.append((m.end(), end.start() if end else len(text)))
        return out


@Language.factory("la_med_changes", assigns=["doc._.med_changes", "doc.spans"], requires=["doc.spans"])
def make_med_changes(nlp: Language, name: str) -> MedChangeFinder:
    return MedChangeFinder(nlp, name)
