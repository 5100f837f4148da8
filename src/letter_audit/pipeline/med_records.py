"""Structured change records and list headers, read as wholes (part of ``la_med_changes``).

Why a separate reader: a PRSB-style record ("Medication name | Amlodipine ... Description of amendment |
Dose increased from 5mg to 10mg") and a list under a header ("Stopped medications:" then one drug per line)
state the change away from the drug, so the position-based ties of the prose reader do not apply. The
record start words and field names are data (``models/rules/medication.yaml``).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at
from .med_doses import ARROW, FROM_TO, TO_DOSE, dose_direction
from .med_inline_lists import _ITEM_LEAD, InlineListReader
from .sections import MEDICINE_SECTIONS

_DOSE_FIELD = re.compile(r"(?:^|\|)[ \t]*(?:dose amount|dose|strength)[ \t]*[:|][ \t]*([^|\n]+)", re.I | re.M)
_COURSE = re.compile(r"\bfor \d+ (?:more )?(?:days?|weeks?|months?)(?: only| then stop)?", re.IGNORECASE)
_NO_CHANGE = re.compile(r"\b(?:continued?|unchanged|no change|same)\b", re.IGNORECASE)


_COLUMN = re.compile(r"\s*[\w/&'()-]+(?:\s+[\w/&'()-]+){0,2}\s*")


def _header_cell(line: str) -> str:
    """The first cell of a table header row whose other cells are column names, else the whole line."""
    if "|" not in line:
        return line
    cells = line.split("|")
    if all(_COLUMN.fullmatch(c) for c in cells[1:]):
        return cells[0]
    return line


# a status key: "Status key: N = new, C = changed dose, S = stopped, U = unchanged"
_CODE_PAIR = re.compile(
    r"(?<![\w=])([A-Z]{1,2})\s*=\s*([A-Za-z][A-Za-z ]{1,30}?)\s*(?=[,;/]|\s+[A-Z]{1,2}\s*=|$)", re.M
)


_WAS_CELL = re.compile(r"\b(?:was|previously|prev\.?|from)\s+(\d+(?:\.\d+)?(?:\s*[a-z]+)?)", re.IGNORECASE)


_LIST_INTRO = re.compile(
    r"^[^:\n]{0,80}\b(?:medicines?|medications?|tablets?|drugs?|meds|inhalers?|injections?|creams?|drops)\b"
    r"[^:\n(]{0,40}(?:\([^()\n]{0,80}\))?\s*:\s*$",
    re.IGNORECASE,
)


# a dash and one status word alone on a line ("- new"), no colon: the end of the item above, wrapped
_WRAPPED_STATUS = re.compile(r"^[ \t]*[-–•*][ \t]*[A-Za-z]+[ \t]*$")
# "New | Rivaroxaban 20 mg OD": a short status cell, then the cell the drug starts ("New: | apixaban": a
# label whose wide gap the reader made a cell bar)
_STATUS_CELL = re.compile(
    r"[ \t•*\-]*(?:((?:(?i:medications?|medicines?|meds|drugs?)[ \t]*[-–:/][ \t]*)?"
    r"[A-Za-z][A-Za-z ]{1,30}?)[ \t]*:?[ \t]*\|"
    r"|[\[(]([A-Za-z][A-Za-z ]{1,20}?)[\])][ \t:-]*)"
    r"[ \t]*(?:(?:soluble|oral|topical)[ \t]+)?$"
)


# "Medication changes this visit:": each line's own doses say which way ("80 mg om -> 40 mg om")
_CHANGES_HEAD = re.compile(
    r"^[\W\d]*(?:medications?|medicines?|drugs?|meds|dose)\s+(?:changes|amendments|adjustments)"
    r"(?:\s+(?:made\s+)?(?:at\s+|during\s+|from\s+)?(?:this|today'?s?)\s*"
    r"(?:visit|appointment|consultation|clinic|review|stay|episode|admission)?)?\s*:?\s*$",
    re.IGNORECASE,
)
# an item's own status cell after a dash or bar ("risperidone - discontinued"), not a purpose clause
_ITEM_STATUS = re.compile(r"(?:\s[-–—]|\|)\s*((?:\w+\s+){0,2}\w+)\W*$")
# "Medicines given to take home:" ... "Paracetamol as needed - his own supply": a drug the patient already has
_OWN_SUPPLY = re.compile(
    r"\b(?:(?:his|her|their|your|the patient'?s) own(?: supply| stock| supplies)?|own (?:supply|stock)"
    r"|already (?:has|have|had) (?:some|a supply|plenty|enough)"
    r"|(?:has|have) (?:some|plenty|enough) at home)\b",
    re.IGNORECASE,
)
# a record's field line: a short label, then a colon or a cell bar
_FIELD_LINE = re.compile(r"[ \t•*\-]*[A-Za-z][A-Za-z ()/&'-]{0,40}[ \t]*[:|]")
# a list item's own stop after a separator, under a header of starts
_OWN_STOP = re.compile(
    r"[-–:;,]\s*(?:and\s+)?now\s+(?:to\s+)?(?:stop|stopped|discontinued?|held|withheld)\b", re.IGNORECASE
)


class RecordReader(InlineListReader):
    """Mixin for MedChangeFinder: the record and list-header passes."""

    rx_triggers: list[tuple[Any, re.Pattern[str]]]
    rx_record: list[tuple[re.Pattern[str], str | None]]
    rx_status: re.Pattern[str]
    rx_reason_field: re.Pattern[str]
    rx_today: re.Pattern[str]
    rx_given_here: re.Pattern[str]
    # (rx_list_header, rx_supply and the _make stub come with InlineListReader)

    def _classify(self, value: str) -> tuple[str, str] | None:
        """The action a status value states ("Added", "Dose increased from 5mg to 10mg", "Stopped")."""
        if _NO_CHANGE.search(value) and not re.search(
            r"\b(?:increas|reduc|decreas|stop|start)", value, re.IGNORECASE
        ):
            return None
        hits = [(m.start(), r) for r, rx in self.rx_triggers if (m := rx.search(value))]
        if not hits:
            return None
        rule = min(hits, key=lambda h: h[0])[1]
        return rule.action, rule.id

    def _records(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        starts: list[tuple[int, int, str | None, int]] = []  # line index, start char, action, content start
        for i, (ls, le) in enumerate(lines):
            for rx, start_action in self.rx_record:
                m = rx.match(text, ls, le)
                if m:
                    starts.append((i, ls, start_action, m.end()))
                    break
        for k, (i, ls, action, content) in enumerate(starts):
            first_end = lines[i][1]
            drug = next((d for d in drugs if content <= d.start_char < first_end), None)
            if drug is None:
                continue
            last = starts[k + 1][0] if k + 1 < len(starts) else min(len(lines), i + 12)
            rec_end = lines[last - 1][1] if last > i else first_end
            heads = [
                s.start_char
                for s in doc.spans.get("sections", [])
                # (a "Medication change summary" sub-heading inside a record does not end it)
                if ls < s.start_char < rec_end and s.label_ not in MEDICINE_SECTIONS
            ]
            if heads:
                rec_end = min(heads)
            rec_end = self._record_paragraph_end(doc, text, first_end, rec_end)
            body = text[ls:rec_end]
            found: tuple[str, str] | None = None
            status_end = first_end
            dose_before = dose_after = None
            for m in self.rx_status.finditer(body):
                value = m.group(1)
                if (ft := FROM_TO.search(value)) is not None:
                    dose_before, dose_after = ft.group(1), ft.group(2)
                elif (to := TO_DOSE.search(value)) is not None:
                    # "Ramipril 5 mg once daily. Description of amendment: dose changed to 2.5 mg once daily"
                    dose_before, dose_after = (drug._.dosage or {}).get("dose"), to.group(1)
                got = self._classify(value)
                if got and (found is None or found[0] in ("change", "switch")):
                    found, status_end = got, ls + m.end()
            if found is None and action is not None:
                found = (action, "record_" + action)
            if found is None:
                continue
            act, rule = found
            if act == "switch" and dose_after:
                act = "change"
            if act == "switch":
                act = "stop" if action == "stop" else "start"
            if act == "change":
                act = dose_direction(dose_before, dose_after) or ""
            if act not in ("start", "stop", "increase", "decrease", "withhold"):
                continue
            change = self._make(doc, text, act, rule, drug, ls, rec_end, None, None)
            if change is None:
                continue
            change["start"], change["end"] = ls, max(status_end, drug.end_char)
            change["dose_before"] = dose_before or change["dose_before"]
            change["dose_after"] = dose_after or change["dose_after"]
            # "Dose amount | 30mg" and "Dose timing | Once daily for 3 days only" fields of the record
            fm = _DOSE_FIELD.search(body)
            if fm and fm.group(1).strip():
                key = "dose_before" if act in ("stop", "withhold") else "dose_after"
                change[key] = change[key] or " ".join(fm.group(1).split())
            cm = _COURSE.search(body)
            if cm and not change["duration"]:
                change["duration"] = cm.group(0)
            rm = self.rx_reason_field.search(body)
            if rm and rm.group(1).strip():
                change["reason"] = rm.group(1).strip()
            for d in drugs:
                if ls <= d.start_char < rec_end:
                    done.add(d.start_char)
            changes.append(change)

    def _record_paragraph_end(self, doc: Doc, text: str, first_end: int, rec_end: int) -> int:
        """Where a record stops: at a prose paragraph (or line after a blank one) that is no field.

        Why: the last record of a letter would otherwise run twelve lines on, over the prose after it
        ("Dear Mrs Patel, we have swapped your simvastatin ..."), and hide the changes told there. Any
        "Label:" or "Label |" line (Route, Form, Dose timing), or a short unpunctuated one ("Dose amount
        10mg"), still belongs to the record.
        """
        letter = doc._.letter
        starts = [b.start for b in letter.blocks] if letter is not None else []
        starts += [first_end + g.end() for g in re.finditer(r"\n[ \t]*\n+", text[first_end:rec_end])]
        for nxt in sorted(p for p in starts if first_end < p < rec_end):
            line_end = text.find("\n", nxt)
            line = text[nxt : line_end if line_end != -1 else len(text)]
            if _FIELD_LINE.match(line) or self.rx_status.match(line) or self.rx_reason_field.match(line):
                continue
            if line.lstrip().startswith("Dear ") or len(line.split()) >= 6:
                return nxt
        return rec_end

    def _status_codes(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        """Table rows whose status cell holds a code the letter's own key explains ("N = new")."""
        if "=" not in text:
            return
        codes: dict[str, tuple[str, str] | None] = {}
        for line in re.finditer(r"[^\n]*=[^\n]*=[^\n]*", text):
            pairs = _CODE_PAIR.findall(line.group(0))
            if len(pairs) >= 2:
                codes.update({code: self._classify(meaning) for code, meaning in pairs})
        if not codes:
            return
        for d in drugs:
            ls = text.rfind("\n", 0, d.start_char) + 1
            le = text.find("\n", d.start_char) % (len(text) + 1)
            if d.start_char in done or not re.fullmatch(r"[\s•*\-\d.)]*", text[ls : d.start_char]):
                continue
            cells = [c.strip() for c in text[d.start_char : le].split("|")[1:]]
            found = next((codes[c] for c in cells if c in codes), None)
            if found is None:
                continue
            act, rule = found
            before = after = None
            if act in ("switch", "change"):
                # "Macrogol | 2 sachets | daily | C | Previously 1": the direction comes from the two doses
                was = _WAS_CELL.search(text, d.end_char, le)
                after = (d._.dosage or {}).get("dose") or next((c for c in cells if re.match(r"\d", c)), None)
                before = was.group(1) if was else None
                act = dose_direction(before, after) or ""
            change = self._make(doc, text, act, rule, d, ls, le, None, None) if act else None
            if change is None:
                continue
            change["rule"], change["start"], change["end"] = "status_code", ls, le
            change["dose_before"] = before or change["dose_before"]
            change["dose_after"] = after or change["dose_after"]
            changes.append(change)
            done.add(d.start_char)

    @staticmethod
    def _list_intro(line: str, start: int, drugs: list[Span]) -> bool:
        """A sentence introducing a list ("We started three new tablets today:"), naming no drug itself."""
        return _LIST_INTRO.match(line) is not None and not any(
            start <= d.start_char < start + len(line) for d in drugs
        )

    def _intro_status(self, head: str) -> tuple[str, str] | None:
        """The status a list intro gives its items: its own words, else a bracketed status aside.

        "Medicines started this admission (all new):" and "Post-operative drops (new, both supplied):"
        give one; "Medicines on discharge (14 days supplied by ward pharmacy):" says who supplied them.
        """
        found = self._classify(re.sub(r"\([^()\n]*\)", " ", head))
        if found is not None:
            return found
        aside = re.search(r"\(([^()\n]*)\)", head)
        if aside is None or re.search(r"\b(?:by|from|via)\b", aside.group(1), re.IGNORECASE):
            return None
        return self._classify(aside.group(1))

    def _list_headers(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        """ "Stopped medications:" then one drug per line, until a blank line or the next header.

        The header may be the first cell of a table's header row ("Started today | Dose | Why"), and a
        supply heading ("Anticipatory (just in case) medicines") starts each drug not already started.
        """
        for m in re.finditer(r"[^\n]+", text):
            head = _header_cell(m.group(0))
            today = self.rx_today.match(head) is not None  # "Treatment today": what this visit prescribed
            supply = today or self.rx_supply.match(head) is not None
            changes_head = _CHANGES_HEAD.match(head) is not None
            header = supply or changes_head or self.rx_list_header.match(head) is not None
            if header and _WRAPPED_STATUS.match(head):
                header = False  # "- new" on a line of its own: the item above's status, wrapped
            if not header and (
                not head.rstrip().endswith(":") or not self._list_intro(head, m.start(), drugs)
            ):
                continue
            found = (
                ("start", "list_supplied")
                if supply
                else ("change", "list_dose_changes")
                if changes_head
                else self._classify(head)
                if header
                else self._intro_status(head)
            )
            if found is None or (not header and found[1] == "stop_dc"):
                continue  # "meds at d/c:": in a sentence, d/c is the discharge
            act, rule = found
            pos = m.end() + 1
            while pos < len(text):
                le = text.find("\n", pos)
                le = len(text) if le == -1 else le
                line = text[pos:le]
                if not line.strip() or self.rx_list_header.match(line):
                    break
                if "|" in line and _header_cell(line) != line and not re.search(r"\d", line):
                    pos = le + 1  # the table's own header row ("Insulin | Device | Dose")
                    continue
                d = next((x for x in drugs if pos <= x.start_char < le and x.start_char not in done), None)
                if d is None or not _ITEM_LEAD.fullmatch(text, pos, d.start_char):
                    break  # the list ends at a line that does not start with a drug
                if (
                    _OWN_SUPPLY.search(text, d.end_char, le)
                    or (today and self.rx_given_here.search(text, d.end_char, le))
                    # "Codeine was not given" under "New medicines:": the item says it is not one
                    or any(c.category in ("continued", "negated") for c in categories_at(doc, d.end_char, le))
                ):
                    pos = le + 1  # "Latanoprost left eye - continue" under "Drops (new, supplied):"
                    continue
                tail = re.sub(r"\([^()\n]*\)", " ", text[d.end_char : le])
                status = _ITEM_STATUS.search(tail)
                own = None if header or status is None else self._classify(status.group(1))
                if own is not None and own[0] != act:
                    pos = (
                        le + 1
                    )  # "risperidone - discontinued" under an intro of starts: its own status rules
                    continue
                action: str | None = act
                item_rule = rule
                if act == "start" and _OWN_STOP.search(text, d.end_char, le):
                    # "Medicines started today:" ... "Aspirin 75 mg: he was taking this - now stop"
                    action, item_rule = "stop", "list_own_stop"
                ft = None
                if action in ("change", "switch"):
                    ft = FROM_TO.search(line) or ARROW.search(line)
                    action = dose_direction(ft.group(1), ft.group(2)) if ft else None
                if action in ("start", "stop", "increase", "decrease", "withhold"):
                    change = self._make(doc, text, action, item_rule, d, pos, le, None, None)
                    if change is not None:
                        change["start"], change["end"] = pos, le
                        if ft is not None:
                            change["dose_before"] = change["dose_before"] or " ".join(ft.group(1).split())
                            change["dose_after"] = change["dose_after"] or " ".join(ft.group(2).split())
                        changes.append(change)
                        done.add(d.start_char)
                pos = le + 1

    def _status_first_rows(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        """Table rows whose first cell is the status and whose second starts with the drug.

        "New | Rivaroxaban 20 mg OD (CHA2DS2-VASc 2)", "Stopped | Diltiazem MR 120 mg OD": the status
        column comes before the drug, where the prose reader looks for no tie across a cell bar. An EPR
        list may print the status as a bracketed tag instead ("[NEW] Rivaroxaban 10 mg od", "(STOPPED) X").
        """
        for d in drugs:
            if d.start_char in done:
                continue
            ls = text.rfind("\n", 0, d.start_char) + 1
            m = _STATUS_CELL.match(text, ls, d.start_char)
            if m is None:
                continue
            found = self._classify(m.group(1) or m.group(2))
            if found is None or found[0] not in ("start", "stop", "increase", "decrease", "withhold"):
                continue
            le = text.find("\n", d.start_char)
            le = len(text) if le == -1 else le
            change = self._make(doc, text, found[0], found[1], d, ls, le, None, None)
            if change is None:
                continue
            change["rule"], change["start"], change["end"] = "status_first_" + found[1], ls, le
            changes.append(change)
            done.add(d.start_char)
