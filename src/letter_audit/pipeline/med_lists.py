"""``la_med_lists``: changes that only show when medication lists are compared.

Why: many discharge summaries state no change in words; they print the medicines on admission and on
discharge (as two lists or a two-column table) and leave the reader to compare. On admission but not at
discharge means stopped; new at discharge means started; a different daily dose means increased or
decreased. A short course on the discharge list ("Doxycycline 100 mg once daily for 4 more days") that
was not on the admission list is a course to complete at home, which is a start.

Runs after ``la_med_changes`` and adds to ``doc._.med_changes``; a drug already given a stated change is
left alone. Table columns are recognised from a header row naming admission and discharge.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import srsly
from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401
from .context import categories_at, text_of
from .med_doses import ARROW, DOSE, TO_DOSE, UP_DOWN, dose_direction
from .med_labels import labelled_lists, list_items
from .ruledata import read_yaml

RULES_FILE = "rules/medication_lists.yaml"
# bullets, numbers, a heading cell or label, and a form word ("Soluble paracetamol 1 g ...")
_LEADER = re.compile(
    r"(?:[^|\n]*\|\s*|[^:\n]*:\s*)?[\s•¢©«»·▪►●○■◦*\-–\d.)]*"
    r"(?:(?:soluble|dispersible|effervescent|oral|topical|liquid|modified[- ]release|MR|SR)\s+)?",
    re.IGNORECASE,
)
_EMPTY = re.compile(r"^\W*(?:-|–|—|none|nil|n/?a|not taking|stopped|new)?\W*$", re.IGNORECASE)
_PREVIOUS = re.compile(
    r"\s*[(\[,;–-]?\s*(?:was|previously|prev(?:ious)?(?: dose)?|old dose|up from|down from)\s*:?\s*"
    rf"({DOSE})",
    re.IGNORECASE,
)
# a discharge item with a planned end is a course ("TAMSULOSIN 400 MICROGRAMS OD - STOP WHEN STENT REMOVED")
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|&|\+|plus)\s+", re.IGNORECASE)
_NOT_BEGUN = re.compile(r"\b(?:not|declined|refused|deferred|unchanged|no change)\b", re.IGNORECASE)
_ENDED = re.compile(r"\b(?:stopp?ed|discontinued|ceased|completed|finished)\b", re.IGNORECASE)
_PLANNED_STOP = re.compile(
    r"\b(?:(?:then )?stop (?:when|once|after|on|at)|(?:weaning|reducing|tapering) plan)\b", re.IGNORECASE
)
# "Salbutamol: follow the weaning plan below, then back to as needed": the usual reliever, not a course
_BACK_TO_USUAL = re.compile(
    r"\bback (?:to|on) (?:(?:his|her|their|the|your) )?(?:as (?:needed|required)|prn|usual|normal|regular)",
    re.IGNORECASE,
)
_SIGN_DOSE = re.compile(rf"\s*(?:(?:dose\s+)?to\s+)?({DOSE})", re.IGNORECASE)  # the dose after an arrow sign
_AT_HOME = re.compile(
    r"\b(?:to compl?e+te?\b.{0,30}\b(?:days?|course)|\d+ (?:more|further) days?|days? remaining"
    # "for a further 7 days (total 10)", "until 16/11/2026 then stop": the rest of a course begun here
    r"|(?:a|another) further \d+ (?:days?|weeks?)|for another \d+ (?:days?|weeks?)"
    r"|until\b[^.\n]{1,60}?,? (?:and )?then stop"
    # "Prednisolone 30 mg daily - to continue, taper per chart (reduce by 5 mg every 3 days, then stop)"
    r"|\b(?:taper|reduc|wean)\w*\b[^\n]{0,80}\bthen stop\b"
    # "Chloramphenicol 0.5% drops, one drop four times a day for 2 weeks, then stop": a course with its end
    r"|for \d+ (?:days?|weeks?)\b.{0,60}\bthen stop\W*$)",
    re.IGNORECASE,
)
_SENT_HOME_ON = re.compile(
    r"\b(?:(?:discharged|sent home|went home|home)\s+(?:on|with)\s+(?:oral\s+|a course of\s+)?"
    # "IV flucloxacillin, now oral flucloxacillin 1 g QDS to complete 7 days": stepped down to tablets
    r"|(?:now|then)\s+(?:on\s+)?(?:oral|po)\s+)$",
    re.I,
)
# "for 3 months": an item taken for a while, not a regular medicine carried over (as-needed items are
# left alone: most writers list the patient's own PRN analgesia with no change meant)
_AS_NEEDED = re.compile(r"\bfor (?:\d+|one|two|three|four|six) (?:weeks?|months?)\b", re.IGNORECASE)
# "Paracetamol and ibuprofen as needed (her own supply; she already takes these)": not new
_OWN_SUPPLY = re.compile(
    r"\b(?:(?:his|her|their|your|the patient'?s) own|own (?:supply|stock)"
    r"|already (?:takes?|taking|has|have|on))\b",
    re.IGNORECASE,
)
_USUAL = re.compile(
    r"\b(?:continued?(?! until\b)(?!,? (?:and )?(?:taper|reduc|wean))|unchanged|usual"
    r"|regular(?!(?:ly)?\s+for\s+\d)|long-?term|completed|finished"
    r"|given (?:on the ward|in hospital|on the unit))\b",
    re.IGNORECASE,
)


class ListRules(BaseModel):
    """Which sections and table headers hold admission and discharge lists."""

    model_config = ConfigDict(extra="forbid")

    admission_sections: list[str]
    discharge_sections: list[str]
    course_sections: list[str]
    admission_header: str
    discharge_header: str
    max_course_days: int = 42
    admission_labels: str = "(?!)"
    discharge_labels: str = "(?!)"
    course_labels: str = "(?!)"


def _days(duration: str | None) -> float | None:
    if not duration:
        return None
    slash = re.search(r"(\d{1,2})\s*/\s*(7|52|12)\b", duration)
    if slash:  # "5/7" = five days, "2/52" = two weeks, "3/12" = three months
        return float(slash.group(1)) * {"7": 1, "52": 7, "12": 30}[slash.group(2)]
    m = re.search(
        r"(\d+|one|two|three|four|five|six|seven|ten|fourteen)\s*(?:more\s+|further\s+)?(day|week|month|dose)",
        duration,
        re.IGNORECASE,
    )
    if not m:
        return None
    words = {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "ten": 10,
        "fourteen": 14,
    }
    n = float(words.get(m.group(1).lower(), m.group(1)))
    return n * {"day": 1, "week": 7, "month": 30, "dose": 1}[m.group(2).lower()]


class MedListComparer:
    """The la_med_lists component."""

    def __init__(self, nlp: Language, name: str = "la_med_lists") -> None:
        self.name = name
        self.rules: ListRules | None = None

    def load_data(self, models_dir: Path) -> None:
        """Read and validate the list rules."""
        self.rules = read_yaml(models_dir / RULES_FILE, ListRules)
        self._compile()

    def _compile(self) -> None:
        if self.rules is not None:
            self.rx_adm = re.compile(self.rules.admission_header, re.IGNORECASE)
            self.rx_dis = re.compile(self.rules.discharge_header, re.IGNORECASE)
            self.rx_labels = {
                kind: re.compile(pattern, re.IGNORECASE)
                for kind, pattern in (
                    ("admission", self.rules.admission_labels),
                    ("discharge", self.rules.discharge_labels),
                    ("course", self.rules.course_labels),
                )
            }

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            return doc
        changes: list[dict[str, Any]] = list(doc._.med_changes or [])
        told = {c["drug"] for c in changes}
        drugs = list(doc.spans.get("drugs", []))
        adm, dis = self._from_sections(doc, drugs)
        t_adm, t_dis, new = self._from_table(doc, drugs)
        adm, dis = adm + t_adm, dis + t_dis
        text = text_of(doc)
        labelled = labelled_lists(text, drugs, self.rx_labels)
        for kind, start, end in labelled:
            if kind == "admission":
                adm += list_items(text, drugs, start, end)
            elif kind == "discharge":
                dis += list_items(text, drugs, start, end)
        for d in drugs:
            # "Furosemide 80mg OM (was 40mg OM)"
            dosage = d._.dosage or {}
            arrow = ARROW.match(text, d.end_char)
            if arrow:
                # "Bisoprolol 2.5 mg -> 5 mg": the arrow's two doses say which way the dose went
                direction = dose_direction(arrow.group(1), arrow.group(2))
                if direction:
                    c = self._change(d, direction, "list_dose_arrow")
                    c["dose_before"], c["dose_after"] = (" ".join(g.split()) for g in arrow.groups())
                    c["end"] = arrow.end()
                    new.append(c)
                continue
            phrase_end = int(dosage.get("phrase_end") or d.end_char)
            sign = UP_DOWN.match(text, phrase_end) or UP_DOWN.match(text, d.end_char)
            if sign:
                c = self._change(d, "increase" if sign.group(1) else "decrease", "list_dose_sign", before=d)
                line_end = text.find("\n", sign.end()) % (len(text) + 1)
                to = _SIGN_DOSE.match(text, sign.end()) or TO_DOSE.search(text, sign.end(), line_end)
                c["dose_after"] = " ".join(to.group(1).split()) if to else None
                c["end"] = to.end() if to else sign.end()
                new.append(c)
                continue
            m = _PREVIOUS.match(text, phrase_end)
            if m and dosage.get("dose"):
                direction = dose_direction(m.group(1), self._dose(d))
                if direction:
                    c = self._change(d, direction, "list_previous_dose", after=d)
                    c["dose_before"], c["end"] = " ".join(m.group(1).split()), m.end()
                    new.append(c)
        if adm and dis:
            adm_by = {self._generic(d): d for d in adm}
            dis_by = {self._generic(d): d for d in dis}
            # a discharge list sharing no drug with the admission list names only the new medicines (an
            # ED "TTO:" under "DH:"); what it leaves out was not stopped
            full = bool(adm_by.keys() & dis_by.keys())
            for g, d in adm_by.items():
                if full and g not in dis_by:
                    new.append(self._change(d, "stop", "list_absent_at_discharge", before=d))
            for g, d in dis_by.items():
                if g not in adm_by:
                    le = text.find("\n", d.start_char) % (len(text) + 1)
                    if any(
                        m.category in ("historical", "continued", "negated")
                        for m in categories_at(doc, d.end_char, le)
                    ):
                        # "Latanoprost ... (omitted from admission list in error - long-standing)",
                        # "Lithium - considered as augmentation but not started"
                        continue
                    new.append(self._change(d, "start", "list_new_at_discharge", after=d))
                else:
                    a = adm_by[g]
                    direction = dose_direction(self._dose(a), self._dose(d))
                    if direction:
                        new.append(self._change(d, direction, "list_dose_differs", before=a, after=d))
        adm_names = {self._generic(d) for d in adm}
        for d in self._course_items(doc, drugs, [(k, a, b) for k, a, b in labelled if k != "admission"]):
            if self._generic(d) not in adm_names:
                new.append(self._change(d, "start", "list_course_at_discharge", after=d))
        if dis and not adm:
            new.extend(self._time_limited_items(text, drugs, dis))
        for c in new:
            if c["drug"] not in told:
                told.add(c["drug"])
                changes.append(c)
        changes.sort(key=lambda c: c["start"])
        doc._.med_changes = changes
        return doc

    def _time_limited_items(self, text: str, drugs: list[Span], dis: list[Span]) -> list[dict[str, Any]]:
        """Discharge-list items taken for weeks or months, when no admission list is given.

        Why: a postnatal or day-case summary lists what the patient goes home with ("Ferrous fumarate
        210 mg BD for 3 months") and states no status; with no list of what was taken before, a
        time-limited item not named anywhere earlier in the letter is new.
        """
        out = []
        first = min(d.start_char for d in dis)
        before = {self._generic(d) for d in drugs if d.start_char < first}
        items = list(dis)
        for d in dis:  # "Paracetamol 1 g QDS and ibuprofen 400 mg TDS as needed": one item, two drugs
            line_end = text.find("\n", d.start_char) % (len(text) + 1)
            prev = d
            for o in drugs:
                if not (prev.start_char < o.start_char < line_end) or o in items:
                    continue
                if not _JOINED.fullmatch(
                    text, int((prev._.dosage or {}).get("phrase_end") or prev.end_char), o.start_char
                ):
                    break
                items.append(o)
                prev = o
        for d in items:
            line_end = text.find("\n", d.start_char)
            line = text[d.start_char : line_end if line_end != -1 else len(text)]
            nxt = next((o for o in dis if d.start_char < o.start_char < d.start_char + len(line)), None)
            own = line[: nxt.start_char - d.start_char] if nxt is not None else line
            if (
                self._generic(d) in before
                or _USUAL.search(own)
                or _OWN_SUPPLY.search(own)
                or not _AS_NEEDED.search(own)
            ):
                continue
            out.append(self._change(d, "start", "list_time_limited_at_discharge", after=d))
        return out

    # -- lists -----------------------------------------------------------------------------------
    @staticmethod
    def _generic(d: Span) -> str:
        return str((d._.drug or {}).get("generic") or d.text.lower())

    @staticmethod
    def _dose(d: Span) -> str | None:
        dosage = d._.dosage or {}
        if not dosage.get("dose"):
            return None
        freq = {1: "od", 2: "bd", 3: "tds", 4: "qds"}.get(int(dosage.get("per_day") or 1), "")
        return f"{dosage['dose']} {freq}".strip()

    @staticmethod
    def _line_leaders(
        doc: Doc, drugs: list[Span], start: int, end: int, sentences: bool = False
    ) -> list[Span]:
        """The first drug of each line between ``start`` and ``end`` (one list item per line).

        With ``sentences``, a full stop also ends an item ("TTO: NITROFURANTOIN ... 3 DAYS. TAMSULOSIN ...").
        """
        text = text_of(doc)
        out: list[Span] = []
        last_line = -1
        for d in drugs:
            if not (start <= d.start_char < end):
                continue
            line_start = text.rfind("\n", 0, d.start_char) + 1
            if sentences:
                line_start = max(line_start, text.rfind(". ", 0, d.start_char) + 2)
            if line_start == last_line or not _LEADER.fullmatch(text[line_start : d.start_char]):
                continue
            last_line = line_start
            out.append(d)
        return out

    def _from_sections(self, doc: Doc, drugs: list[Span]) -> tuple[list[Span], list[Span]]:
        assert self.rules is not None
        adm: list[Span] = []
        dis: list[Span] = []
        for s in doc.spans.get("sections", []):
            body = s._.body_start if s._.body_start is not None else s.start_char
            if s.label_ in self.rules.admission_sections:
                adm += self._line_leaders(doc, drugs, body, s.end_char)
            elif s.label_ in self.rules.discharge_sections:
                dis += self._line_leaders(doc, drugs, body, s.end_char)
        return adm, dis

    def _from_table(self, doc: Doc, drugs: list[Span]) -> tuple[list[Span], list[Span], list[dict[str, Any]]]:
        """Tables with a header row naming admission (previous) and discharge (new) columns.

        Either each column names its own drug ("drug dose | drug dose"), or a drug column is followed by
        the old and new doses ("Co-careldopa | 1 tablet TDS | 1 tablet QDS"), where "-" means none.
        """
        letter = doc._.letter
        adm: list[Span] = []
        dis: list[Span] = []
        direct: list[dict[str, Any]] = []
        if letter is None:
            return adm, dis, direct
        cols: tuple[int, int] | None = None
        for block in letter.blocks:
            if block.kind != "table_row" or not block.cells:
                cols = None
                continue
            texts = [text_of(doc)[c.start : c.end] for c in block.cells]
            # a header cell is a few words ("On admission"); a long cell naming admission is content
            a = next((i for i, t in enumerate(texts) if len(t) <= 40 and self.rx_adm.search(t)), None)
            b = next((i for i, t in enumerate(texts) if len(t) <= 40 and self.rx_dis.search(t)), None)
            if a is not None and b is not None and a != b:
                cols = (a, b)
                continue
            if cols is None:
                continue
            in_cols = [
                next((d for d in drugs if c.start <= d.start_char < c.end), None)
                for c in (block.cells[i] for i in cols if i < len(block.cells))
            ]
            row_drug = next((d for d in drugs if block.start <= d.start_char < block.end), None)
            if not any(in_cols) and row_drug is not None and max(cols) < len(block.cells):
                before, after = (text_of(doc)[block.cells[i].start : block.cells[i].end] for i in cols)
                if _EMPTY.match(before) and (_ENDED.search(after) or _NOT_BEGUN.search(after)):
                    # "Flucloxacillin | - | stopped 20/10": a course begun and ended in hospital;
                    # "Prednisolone | - | not started": offered and not begun
                    pass
                elif _EMPTY.match(before) and not _EMPTY.match(after):
                    direct.append(self._change(row_drug, "start", "table_new_column"))
                elif _EMPTY.match(after) and not _EMPTY.match(before):
                    direct.append(self._change(row_drug, "stop", "table_previous_column"))
                elif direction := dose_direction(before, after):
                    c = self._change(row_drug, direction, "table_dose_columns")
                    c["dose_before"], c["dose_after"] = before.strip(), after.strip()
                    direct.append(c)
                continue
            for idx, bucket in ((cols[0], adm), (cols[1], dis)):
                if idx < len(block.cells):
                    cell = block.cells[idx]
                    first = next((d for d in drugs if cell.start <= d.start_char < cell.end), None)
                    if first is not None:
                        bucket.append(first)
        return adm, dis, direct

    def _course_items(self, doc: Doc, drugs: list[Span], labelled: list[tuple[str, int, int]]) -> list[Span]:
        """Discharge-list items with a short course length (in a plan list, not one given intravenously)."""
        assert self.rules is not None
        out: list[Span] = []
        text = text_of(doc)
        lists = [
            (d, "section")
            for s in doc.spans.get("sections", [])
            if s.label_ in self.rules.course_sections
            for d in self._line_leaders(
                doc, drugs, s._.body_start if s._.body_start is not None else s.start_char, s.end_char, True
            )
        ] + [(d, kind) for kind, a, b in labelled for d in list_items(text, drugs, a, b)]
        for d, kind in lists:
            if d in out or (kind == "course" and (d._.dosage or {}).get("route") == "intravenous"):
                continue
            days = _days((d._.dosage or {}).get("duration"))
            line_end = min(
                (p for p in (text.find("\n", d.start_char), text.find(". ", d.start_char)) if p != -1),
                default=len(text),
            )
            partner = self._course_partner(text, d, drugs, line_end) if days is None else None
            if partner is not None:
                # "paracetamol 1 g QDS and ibuprofen 400 mg TDS for up to 5 days": one course for both
                days = _days((partner._.dosage or {}).get("duration"))
            line = text[d.start_char : line_end]
            short = days is not None and days <= self.rules.max_course_days
            # "apixaban 10mg BD 7/7 then 5mg BD - to continue": what follows "then" is the next phase
            first_phase = re.split(r"\bthen\b", line, maxsplit=1)[0]
            # "Oramorph 5mg prn (3 doses in ED only)": given in hospital, never taken home
            mods = categories_at(doc, d.start_char, line_end)
            in_hospital = any(m.rule in ("hist_in_hospital_only", "hist_one_dose_here") for m in mods)
            if (
                (short or _PLANNED_STOP.search(line))
                and not _USUAL.search(first_phase)
                and not in_hospital
                and not _BACK_TO_USUAL.search(line)
            ):
                out.append(d)
                if partner is not None and partner not in out:
                    out.append(partner)
        # anywhere outside the admission list, a line that says the course goes on at home
        adm = [
            (s.start_char, s.end_char)
            for s in doc.spans.get("sections", [])
            if s.label_ in self.rules.admission_sections
        ]
        # ... or a sentence that sends the patient home on it ("Discharged on oral co-amoxiclav ... to
        # complete 7 days in total")
        sent_home = [d for d in drugs if _SENT_HOME_ON.search(text, max(0, d.start_char - 40), d.start_char)]
        for d in self._line_leaders(doc, drugs, 0, len(text)) + sent_home:
            if d in out or any(a <= d.start_char < b for a, b in adm):
                continue
            line_end = text.find("\n", d.start_char)
            line = text[d.start_char : line_end if line_end != -1 else len(text)]
            if d in sent_home:
                line = line.split(". ", 1)[0]
            if _AT_HOME.search(line) and not _USUAL.search(line):
                out.append(d)
        return out

    @staticmethod
    def _course_partner(text: str, d: Span, drugs: list[Span], line_end: int) -> Span | None:
        """The drug joined to ``d`` by "and" whose course length closes the item, when ``d`` states none."""
        after = int((d._.dosage or {}).get("phrase_end") or d.end_char)
        nxt = next((o for o in drugs if after <= o.start_char < line_end), None)
        if nxt is None or not _JOINED.fullmatch(text, after, nxt.start_char):
            return None
        if not (nxt._.dosage or {}).get("duration"):
            return None
        return nxt

    def _change(
        self, d: Span, action: str, rule: str, before: Span | None = None, after: Span | None = None
    ) -> dict[str, Any]:
        info = d._.drug or {}
        dosage = d._.dosage or {}
        end = max(int(dosage.get("end") or d.end_char), d.end_char)
        return {
            "drug": info.get("generic") or d.text.lower(),
            "action": action,
            "dose_before": self._dose(before) if before is not None else None,
            "dose_after": self._dose(after) if after is not None else None,
            "reason": None,
            "rule": rule,
            "brand": d.text if info.get("kind") == "brand" else None,
            "switched_with": None,
            "duration": dosage.get("duration"),
            "restart_condition": None,
            "start": d.start_char,
            "end": end,
            "drug_start": d.start_char,
            "drug_end": d.end_char,
        }

    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lists.json", self.rules.model_dump() if self.rules else None)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> MedListComparer:
        data = srsly.read_json(Path(path) / "lists.json")
        self.rules = ListRules.model_validate(data) if data else None
        self._compile()
        return self


@Language.factory("la_med_lists", assigns=["doc._.med_changes"], requires=["doc.spans"])
def make_med_lists(nlp: Language, name: str) -> MedListComparer:
    return MedListComparer(nlp, name)
