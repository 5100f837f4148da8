"""Where a letter's admission and discharge medication lists are, and the change record made from them.

Why a module of its own: ``la_med_lists`` compares lists, and first has to find them: the first drug of
each line in an admission or discharge section, and the columns of a table whose header row names
admission and discharge (where a row may also state a change itself). ``ListReader`` is a mixin holding
that reading and the shared change-record helpers; ``MedListComparer`` (``med_lists.py``) builds on it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span

from .context import text_of
from .med_doses import dose_direction

# bullets, numbers, a heading cell or label, and a form word ("Soluble paracetamol 1 g ...")
_LEADER = re.compile(
    r"(?:[^|\n]*\|\s*|[^:\n]*:\s*)?[\s•¢©«»·▪►●○■◦*\-–\d.)]*"
    r"(?:(?:soluble|dispersible|effervescent|oral|topical|liquid|modified[- ]release|MR|SR)\s+)?",
    re.IGNORECASE,
)
_EMPTY = re.compile(r"^\W*(?:-|–|—|none|nil|n/?a|not taking|stopped|new)?\W*$", re.IGNORECASE)
_NOT_BEGUN = re.compile(r"\b(?:not|declined|refused|deferred|unchanged|no change)\b", re.IGNORECASE)
_COURSE_OVER = re.compile(r"\b(?:now|since|already) (?:completed|finished|ended)\b", re.IGNORECASE)
_ENDED = re.compile(r"\b(?:stopp?ed|discontinued|ceased|completed|finished)\b", re.IGNORECASE)


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


class ListReader:
    """Finding list items, and turning a drug into a change record (a mixin for ``MedListComparer``)."""

    rules: ListRules | None
    rx_adm: re.Pattern[str]
    rx_dis: re.Pattern[str]

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
                rest = text_of(doc)[block.cells[max(cols)].end : block.end]
                if _EMPTY.match(before) and (
                    _ENDED.search(after) or _NOT_BEGUN.search(after) or _COURSE_OVER.search(rest)
                ):
                    # "Flucloxacillin | - | stopped 20/10": a course begun and ended in hospital (or, in a
                    # comment cell after it, "started for 2 weeks, now completed");
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
