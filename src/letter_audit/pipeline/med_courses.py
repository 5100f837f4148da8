"""Courses to complete at home and time-limited items on a discharge list, for ``la_med_lists``.

Why a module of its own: a short course on the discharge list that was not on the admission list is a
start even though no list comparison shows a dose change, and a time-limited item on a discharge list
with no admission list is new. Telling a course from a regular medicine carried over takes its own
patterns (course lengths, planned stops, "to complete", "own supply"); ``CourseFinder`` is a mixin
holding them, used by ``MedListComparer`` (``med_lists.py``).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at, text_of
from .med_labels import list_items
from .med_list_reading import ListReader

# a course length written in an item's own words ("... twice daily for 5 days", "... 5/7")
_ITEM_COURSE = re.compile(
    r"\bfor\s+(?:\d+|one|two|three|four|five|six|seven|ten|fourteen)\s+(?:days?|weeks?)\b"
    r"|(?<![\d/])\d{1,2}\s*/\s*(?:7|52)\b(?!\s*/)",
    re.IGNORECASE,
)
# the sentence after a course saying it is over ("Course now finished.", "Antibiotics completed on 09/02.")
_COURSE_DONE_NEXT = re.compile(
    r"\s*(?:the\s+|this\s+|(?:his|her|their)\s+)?(?:course|antibiotics?|treatment)\s+"
    r"(?:(?:is|was|has|have|had|been|now|already|all)\s+){0,3}(?:finished|completed?|over|done|ended)\b",
    re.IGNORECASE,
)
# ... unless the length is how long it was held ("Aspirin 75 mg held 7/7 pre-op", "omitted for 7 days")
_NOT_TAKEN = re.compile(
    r"\b(?:held|hold|omitted|withheld|withhold|suspended|paused|stopped|off|missed|not\s+taken)\b",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|&|\+|plus)\s+", re.IGNORECASE)
# a discharge item with a planned end is a course ("TAMSULOSIN 400 MICROGRAMS OD - STOP WHEN STENT REMOVED")
_PLANNED_STOP = re.compile(
    r"\b(?:(?:then )?stop (?:when|once|after|on|at)|(?:weaning|reducing|tapering) plan)\b", re.IGNORECASE
)
# "Salbutamol: follow the weaning plan below, then back to as needed": the usual reliever, not a course
_BACK_TO_USUAL = re.compile(
    r"\bback (?:to|on) (?:(?:his|her|their|the|your) )?(?:as (?:needed|required)|prn|usual|normal|regular)",
    re.IGNORECASE,
)
_AT_HOME = re.compile(
    # "Doxycycline 100mg OD to complete 5/7": the length as a shorthand fraction
    r"\b(?:to compl?e+te?\b.{0,30}(?:\b(?:days?|course)|\d\s*/\s*(?:7|52)\b)"
    r"|\d+ (?:more|further) (?:days?|weeks?)|days? remaining"
    # "for a further 7 days (total 10)", "until 16/11/2026 then stop": the rest of a course begun here
    r"|(?:a|another) further \d+ (?:days?|weeks?)|for another \d+ (?:days?|weeks?)"
    r"|until\b[^.\n]{1,60}?,? (?:and )?then stop"
    # "Prednisolone 30 mg daily - to continue, taper per chart (reduce by 5 mg every 3 days, then stop)"
    r"|\b(?:taper|reduc|wean)\w*\b[^\n]{0,80}\bthen stop\b"
    # "Chloramphenicol 0.5% drops, one drop four times a day for 2 weeks, then stop": a course with its end
    r"|for \d+ (?:more |further )?(?:days?|weeks?)\b.{0,60}\bthen stop\W*$)",
    re.IGNORECASE,
)
_SENT_HOME_ON = re.compile(
    r"\b(?:(?:discharged|sent home|went home|home)\s+(?:on|with)\s+(?:oral\s+|a course of\s+)?"
    # "IV flucloxacillin, now oral flucloxacillin 1 g QDS to complete 7 days": stepped down to tablets
    r"|(?:now|then)\s+(?:on\s+)?(?:oral|po)\s+)$",
    re.I,
)
# a plan table's header row ("Issue | Action | By whom"), and an owner cell that is the practice
_PLAN_HEADER = re.compile(
    r"\b(?:action|plan|management|treatment)\b[^|\n]*\|[^\n]*\b(?:by whom|owner|who|responsib)", re.I
)
_GP_CELL = re.compile(r"(?:GP|GPs|GP practice|practice|surgery)(?:\s*\(.*\))?", re.I)
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
    r"\b(?:continued?(?! until\b)(?!,? (?:and )?(?:taper|reduc|wean))"
    # "- continue to complete 28 days post-op", "- continue for 2 more weeks, then stop": the rest of a course
    r"(?! (?:to compl?e+te?|for (?:a further|another|\d+ (?:more|further))\b))|unchanged|usual"
    # "... last dose 07/11 (given before discharge, nothing to take home)": the course ended here
    r"|nothing (?:to take|for|to go) home|(?:given|completed|finished|taken) (?:before|prior to) discharge"
    r"|regular(?!(?:ly)?\s+for\s+\d)|long-?term|completed|finished"
    r"|given (?:on the ward|in hospital|on the unit))\b",
    re.IGNORECASE,
)


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


class CourseFinder(ListReader):
    """Course and time-limited discharge items (a mixin for ``MedListComparer``)."""

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
            elif days is None:
                # "ciprofloxacin 0.3% ear drops, 3 drops into each ear twice daily for 5 days": a course
                # length the dose reading did not reach, still in the item's own words (before any other drug)
                nxt = next((o for o in drugs if d.end_char <= o.start_char < line_end), None)
                own = _ITEM_COURSE.search(text, d.end_char, nxt.start_char if nxt is not None else line_end)
                if own is not None and _NOT_TAKEN.search(text, d.end_char, own.start()) is None:
                    days = _days(own.group(0))
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
        leaders = self._line_leaders(doc, drugs, 0, len(text))
        # "Meds: Pred 30mg OD to complete 5/7. Doxycycline 100mg OD to complete 5/7.": one item a sentence
        # on a terse line; the sentence is the item
        sentence_leaders = [
            d for d in self._line_leaders(doc, drugs, 0, len(text), True) if d not in leaders
        ]
        for d in leaders + sent_home + sentence_leaders:
            if d in out or any(a <= d.start_char < b for a, b in adm):
                continue
            line_end = text.find("\n", d.start_char)
            line = text[d.start_char : line_end if line_end != -1 else len(text)]
            done_next = False
            if d in sent_home or d in sentence_leaders:
                line, _, rest = line.partition(". ")
                # "... to complete 7 days in total (last dose 09/02). Course now finished.": it ended here
                done_next = _COURSE_DONE_NEXT.match(rest) is not None
            if _AT_HOME.search(line) and not _USUAL.search(line) and not done_next:
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

    def _plan_table_courses(self, doc: Doc, drugs: list[Span]) -> list[dict[str, Any]]:
        """Courses in the action cell of a plan table whose row the hospital owns.

        Why: "Issue | Action | By whom" over "Stone | Tamsulosin 400 micrograms daily for 4 weeks; ... |
        Urology" gives the course as the row's action; it is a start, as a course on a discharge list is.
        A row the practice owns asks the GP to act, and is left to the request reading.
        """
        text = text_of(doc)
        if "|" not in text:
            return []
        out = []
        header_seen = False
        for m in re.finditer(r"[^\n]+", text):
            line = m.group(0)
            if "|" not in line:
                header_seen = False
                continue
            cells = [c.strip() for c in line.split("|")]
            if _PLAN_HEADER.search(line) and not any(m.start() <= d.start_char < m.end() for d in drugs):
                header_seen = True
                continue
            if not header_seen or _GP_CELL.fullmatch(cells[-1]):
                continue
            for d in drugs:
                if not m.start() <= d.start_char < m.end():
                    continue
                cell_start = text.rfind("|", m.start(), d.start_char)
                if cell_start == -1 or text[cell_start + 1 : d.start_char].strip():
                    continue  # not the first thing in its cell
                days = _days((d._.dosage or {}).get("duration"))
                if days is None or days > self.rules.max_course_days or _USUAL.search(line):  # type: ignore[union-attr]
                    continue
                if any(
                    c.category in ("hypothetical", "negated", "historical")
                    for c in categories_at(doc, d.start_char)
                ):
                    continue
                out.append(self._change(d, "start", "table_plan_course", after=d))
        return out
