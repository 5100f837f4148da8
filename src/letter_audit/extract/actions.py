"""GP action requests found by the pipeline (``la_requests``), as ``GpAction`` records."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from ..pipeline.sentences import sentence_spans
from ..report import Dates, GpAction
from .evidence import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "eighteen": 18,
}
_RELATIVE = re.compile(
    r"\b(?:in|within|after|at|over\s+the\s+next|for\s+the\s+next)\s+(?:about\s+|approximately\s+|around\s+|"
    r"roughly\s+|another\s+)?(?P<n>\d+|[a-z]+)(?:\s*(?:-|–|to)\s*\d+)?\s*(?P<unit>days?|weeks?|wks?|months?|years?)\b"
    r"|\b(?:in|within|after|at)\s+(?P<sn>\d+)\s*/\s*(?P<sunit>52|12|7)\b"
    r"|\b(?P<pn>\d+|[a-z]+)\s*(?P<punit>days?|weeks?|months?)\s+(?:post|after)\b",
    re.IGNORECASE,
)
_SIMPLE = {"tomorrow": 1, "today": 0, "next week": 7, "next month": 30}


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def resolve_due(timeframe: str | None, letter_date: dt.date | None) -> dt.date | None:
    """The date a timeframe points at, counted from the letter's date ("in 1 week" -> date + 7 days).

    Why from the letter date: it is the one date every letter has and the practice reads it from.
    A range ("in 2-3 weeks") resolves to its earlier end, the date the practice should act by.
    """
    if not timeframe or letter_date is None:
        return None
    low = timeframe.lower().strip()
    if low in _SIMPLE:
        return letter_date + dt.timedelta(days=_SIMPLE[low])
    m = _RELATIVE.search(low)
    if m is None:
        return None
    if m.group("sn"):
        n, unit = int(m.group("sn")), {"52": "week", "12": "month", "7": "day"}[m.group("sunit")]
    else:
        raw = m.group("n") or m.group("pn")
        unit = (m.group("unit") or m.group("punit")).lower()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, -1)
        if n < 0:
            return None
    if unit.startswith("d"):
        return letter_date + dt.timedelta(days=n)
    if unit.startswith("w"):
        return letter_date + dt.timedelta(weeks=n)
    if unit.startswith("m"):
        return _add_months(letter_date, n)
    return _add_months(letter_date, 12 * n)


def gp_actions(doc: Doc, letter: Letter, dates: Dates) -> tuple[list[GpAction], bool]:
    """The requests placed on the practice, and whether the letter says none are needed."""
    out: list[GpAction] = []
    # The letter's date when it states one; otherwise the discharge or clinic date it was written after.
    anchor = dates.letter or dates.discharge or dates.clinic
    for span in doc.spans.get("gp_actions", []):
        timeframe = span._.timeframe
        out.append(
            GpAction(
                text=span.text,
                category=span._.request_category or "other",
                timeframe=timeframe,
                due=resolve_due(timeframe, anchor),
                conditional=span._.condition is not None,
                condition=span._.condition,
                evidence=evidence(letter, span.start_char, span.end_char, span._.request_rule),
            )
        )
    fit = _fit_note_ask(doc, letter, out)
    if fit is not None:
        out.append(fit)
        out.sort(key=lambda a: a.evidence.start if a.evidence.start is not None else -1)
    return out, doc._.no_gp_action is not None


FIT_NOTE_ASK_RULE = "req-fit-note-status"
"""Rule id of a fit-note request taken from the fit-note finding (``_fit_note_ask``)."""
_TO_PRACTICE = re.compile(
    r"\W*(?:GP|please|pls|kindly|could|would|can|the\s+(?:practice|surgery)|you)\b", re.IGNORECASE
)


def _fit_note_ask(doc: Doc, letter: Letter, found: list[GpAction]) -> GpAction | None:
    """The fit-note request of a letter whose fit note is left to the practice when no request found says so.

    Why: a fit note requested from the GP is always work the letter places on the practice (all 109 such dev
    golds list it as a GP action), but the words that hand it over are often told to the patient or said in
    passing ("He has been advised to see you for a sick note", "he will contact you for a fit note"), which
    the request finder, reading for asks to the practice, does not take as one. The fit-note finding reads
    them, so its sentence becomes the request: from the sentence's start (after ". ", ";" or a new line) to
    its end.
    """
    note = doc._.fit_note
    if not note or note.get("status") != "requested_from_gp" or note.get("start") is None:
        return None
    if any(a.category == "fit_note" for a in found):
        return None
    text = letter.text
    start, end = int(note["start"]), int(note["end"])
    # the sentence the pipeline read it in (la_requests' units), after a "; " inside it
    units = doc._.sentence_spans or sentence_spans(text)
    left, right = next(((s, e) for s, e in units if s <= start < e), (start, end))
    semi = text.rfind("; ", left, start)
    if semi >= 0:
        left = semi + 2
    right = max(right, end)
    if text[right - 1 : right] == "." and right - 1 >= end:
        right -= 1
    # "No fit note provided from the day unit - GP please issue if required": the ask is the part after a
    # dash that turns to the practice, not the statement before it.
    dash = text.rfind(" - ", left, end)
    if dash >= 0 and _TO_PRACTICE.match(text, dash + 3):
        left = dash + 3
    while left < start and text[left] in " \t-*•":
        left += 1
    for a in found:
        a_start, a_end = a.evidence.start, a.evidence.end
        if a_start is not None and a_end is not None and a_start < right and left < a_end:
            return None  # a request already found in this sentence speaks for it
    return GpAction(
        text=text[left:right].strip(),
        category="fit_note",
        evidence=evidence(letter, left, right, FIT_NOTE_ASK_RULE),
    )
