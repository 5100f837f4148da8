"""``la_meta``'s dates: the letter, clinic, admission, discharge and attendance dates, each taken from
the label nearest before it ("Date of discharge: 14/03/2026"), with the fallbacks a letter's layout allows
(a date alone near the top, a sign-off date, "I saw her in clinic yesterday").

Why its own module: reading dates is the largest of ``la_meta``'s jobs; the date labels and month names
live in ``models/rules/meta.yaml`` (``MetaRules.dates``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .meta_rules import DateRules
from .ruledata import compile_pattern as _compile
from .rxfilter import Gate, Haystack, Scanner

_WEEKDAY_TAIL = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$", re.IGNORECASE)
_SAME_DAY = re.compile(
    r"\bdischarged\s+(?:home\s+)?(?:on\s+)?(?:the\s+)?same\s+(?:day|evening|afternoon|night)\b", re.IGNORECASE
)
_ALONE_BEFORE = re.compile(r"\s*(?:\w+day,?\s+)?")
_ALONE_AFTER = re.compile(r"[\s,.]*")


def _alone(line: str, date: str) -> bool:
    """Whether ``line`` holds only ``date``, perhaps after a weekday and before commas or stops: what
    ``re.fullmatch(BEFORE + re.escape(date) + AFTER, line)`` says, without compiling a pattern for
    every date a batch meets (a new one per letter)."""
    i = line.find(date)
    while i >= 0:
        if _ALONE_BEFORE.fullmatch(line, 0, i) and _ALONE_AFTER.fullmatch(line, i + len(date)):
            return True
        i = line.find(date, i + 1)
    return False


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|&|or)|;)\s*")
_ENDS_LINE = re.compile(r"[ \t.,]*(?:\n|$)")
# What a sign-off date follows on its line: nothing, or a name or role closed by a comma or a stop
# ("Marcus Oyelaran, MHLN, 19/11/2026"); not "an appointment on 02/07/2025".
_SIGN_OFF_LEAD = re.compile(r"(?:\A|[,.])[ \t]*\Z")
_RELATIVE_REACH = 120
_RELATIVE_VISIT = re.compile(
    r"\b(?:(?:in|at)\s+(?:the\s+|my\s+|our\s+)?(?:[\w-]+\s+){0,2}clinic"
    r"|I\s+(?:saw|reviewed|met)\s+(?:[\w'.-]+\s+){0,5}?|\bseen)\s*(?P<when>yesterday|today)\b",
    re.IGNORECASE,
)
_DOB = re.compile(r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born)\b", re.IGNORECASE)


_STALE_YEARS = 15  # a date this many years before the letter's others is no date of the letter
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class DateFinder:
    """The date half of ``MetaFinder``: the date pattern and labels compiled once per rule set."""

    def __init__(self, rules: DateRules) -> None:
        self.rules = rules
        d = rules
        self.date_labels = [(c.id, c.field, c.priority, c.after, _compile(c.pattern)) for c in d.labels]
        self.reach = {c.id: c.reach for c in d.labels if c.reach is not None and c.reach != d.gap}
        self.max_reach = max([d.gap, *self.reach.values()])
        self.label_gates = [Gate(label[-1]) for label in self.date_labels]
        self.months = {m[:3]: i + 1 for i, m in enumerate(d.months)}
        self.whole_months = {m.lower(): i + 1 for names in d.other_months for i, m in enumerate(names)}
        self.bare_date_rx = _compile(d.bare_date_label)
        self.setting_rx = _compile(d.attendance_setting)
        mon = "|".join(
            [*(re.escape(m) for m in sorted(self.whole_months, key=len, reverse=True))]
            + [rf"{m[:3]}(?:{m[3:]})?" for m in d.months]
            + ["sept"]
        )
        self.date_rx = re.compile(
            rf"\b(?:(?P<d1>\d{{1,2}})[/.-](?P<m1>\d{{1,2}})[/.-](?P<y1>\d{{4}}|\d{{2}})(?![\d/])"
            # a bilingual month pair ("19 Ionawr / January 2027") is one date
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?P<m2>{mon})\.?(?:\s*/\s*(?:{mon})\.?)?"
            rf"[\s,-]+(?P<y2>\d{{4}}|\d{{2}})\b"
            rf"|(?P<m3>{mon})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})\b"
            rf"|(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})\b"
            # "from 12 November to 18 November 2026": the first day of a range takes the second's year.
            rf"|(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m5>{mon})\b(?=\s+(?:to|until|and|-|–)\s+"
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{mon})\.?,?\s+(?P<y5>\d{{4}})\b)"
            # "on Friday 13 November" with no year: the weekday makes it a date; its year comes from the
            # letter's other dates (``_yearless``)
            rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<m6>{mon})\b(?!\.?[\s,-]+\d)"
            # "in clinic on 14 January" with no year and no weekday: only straight after "on"
            rf"|(?<=\bon\s)(?P<d7>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m7>{mon})\b(?!\.?[\s,/-]*\d))",
            re.IGNORECASE,
        )
        self.date_scanner = Scanner(self.date_rx)

    def _month(self, name: str) -> int:
        """The number of a month name: a whole name in another language, else the first three letters."""
        low = name.lower()
        return self.whole_months.get(low) or self.months[low[:3]]

    def parse_date(self, m: re.Match[str]) -> dt.date | None:
        g = m.groupdict()
        if g.get("d6") or g.get("d7"):
            return None  # no year of its own: see _yearless
        try:
            if g["d1"]:
                day, month, year = int(g["d1"]), int(g["m1"]), int(g["y1"])
            elif g["d2"]:
                day, month, year = int(g["d2"]), self._month(g["m2"]), int(g["y2"])
            elif g["d3"]:
                day, month, year = int(g["d3"]), self._month(g["m3"]), int(g["y3"])
            elif g["d4"]:
                day, month, year = int(g["d4"]), int(g["m4"]), int(g["y4"])
            else:
                day, month, year = int(g["d5"]), self._month(g["m5"]), int(g["y5"])
            if year < 100:
                year += 2000
            return dt.date(year, month, day)
        except (ValueError, KeyError, TypeError):
            return None

    def _yearless(self, m: re.Match[str], ref: dt.date) -> dt.date | None:
        """A weekday date with no year ("Friday 13 November"): the reference date's year, or the year
        before when that would put it well after the letter's other dates."""
        try:
            day, month = (m.group("d6"), m.group("m6")) if m.group("d6") else (m.group("d7"), m.group("m7"))
            when = dt.date(ref.year, self._month(month), int(day))
        except (ValueError, KeyError):
            return None
        if when > ref + dt.timedelta(days=60):
            try:
                when = when.replace(year=ref.year - 1)
            except ValueError:
                return None
        return when

    def dates(
        self, text: str, letter_type: str = "other", hay: Haystack | None = None
    ) -> dict[str, dict[str, Any]]:
        """Dates by field. Each date takes the label ending nearest before it (within ``gap`` characters);
        labels are anchored at the end of that window, so "Date of birth: X" can never label a later date.
        A label whose gate rules it out anywhere in the text is not tried at each date (windows are
        pieces of the text)."""
        d = self.rules
        hay = hay or Haystack(text)
        labels = [
            (lab, gate)
            for lab, gate in zip(self.date_labels, self.label_gates, strict=True)
            if gate.may_match(hay)
        ]
        out: dict[str, dict[str, Any]] = {}
        ranks: dict[str, int] = {}
        unlabelled: list[tuple[int, int, dt.date]] = []
        last_field: str | None = None  # the field the previous date went to
        last_label: tuple[str, str, int] | None = None  # that date's label: field, rule, priority
        last_end = -1
        trailing: tuple[int, int, dt.date] | None = None  # an unlabelled date ending a line near the end
        dictated: dt.date | None = None  # "Dictated 02/11/2026": the day "today" means in the letter
        scanner = self.date_scanner
        found = [(m, self.parse_date(m)) for m in scanner.finditer(text, scanner.starts(hay.low))]
        # A date decades before the letter's others is a birth date whatever its label looks like ("Mr A
        # HOUSE, 09/09/1950, NHS ..." reads like a signature line): never one of the letter's own dates.
        # The reference is the upper median of the dates written with a four-digit year, so a shorthand
        # interval read as a date ("U&E 1-2/52" as 1 Feb 2052) cannot push every real date out.
        full = sorted(w for m, w in found if w is not None and _FULL_YEAR.search(m.group(0)))
        ref = full[len(full) // 2] if full else None
        if ref is not None:
            found = [
                (m, self._yearless(m, ref) if w is None and (m.group("d6") or m.group("d7")) else w)
                for m, w in found
            ]
        oldest = ref.replace(year=ref.year - _STALE_YEARS, day=min(ref.day, 28)) if ref else None
        for m, when in found:
            if when is None or (oldest is not None and when < oldest):
                continue
            previous, last_field = last_field, None
            listed, last_label = last_label, None
            since, last_end = last_end, m.end()  # where the previous date ended
            window = text[max(0, m.start() - d.gap) : m.start()]
            wide = text[max(0, m.start() - self.max_reach) : m.start()] if self.reach else window
            if "day" in window.lower():  # the weekday tail pattern ends in "day"
                window = _WEEKDAY_TAIL.sub("", window)
                wide = _WEEKDAY_TAIL.sub("", wide)
            best: tuple[int, str, str, int] | None = None  # label length, field, rule, priority
            window_low = Haystack(window).low
            wide_low = Haystack(wide).low if self.reach else window_low
            for (rid, label_of, priority, after, rx), gate in labels:
                reach = self.reach.get(rid)
                if after is not None and previous != after:
                    continue
                if not gate.test(wide_low if reach else window_low):
                    continue
                lm = rx.search(wide[-reach:] if reach else window)
                if lm is not None and (best is None or lm.end() - lm.start() > best[0]):
                    best = (lm.end() - lm.start(), label_of, rid, priority)
            in_list = False
            if best is None and listed is not None and _LIST_JOIN.fullmatch(text, since, m.start()):
                # "appointments on 15/09/2026, 20/10/2026 and 10/11/2026": a listed date takes the label of
                # the one before it, and the last of the list (the latest event) stands.
                best, in_list = (0, listed[0], listed[1], listed[2]), True
            if best is None:
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start : line_end if line_end >= 0 else len(text)]
                if _alone(line, m.group(0)):
                    unlabelled.append((m.start(), m.end(), when))
                if (
                    m.start() >= len(text) - d.trailing_letter_date_within
                    and _ENDS_LINE.match(text, m.end())
                    and _SIGN_OFF_LEAD.search(text[line_start : m.start()])
                ):
                    trailing = (m.start(), m.end(), when)
                continue
            _, field, rid, priority = best
            if field == "skip":
                continue
            last_label = (field, rid, priority)
            fields = [field]
            if field == "attendance":
                # A same-day attendance (ED, SDEC, day case): admitted and discharged that day, unless the
                # letter states a discharge date of its own. In a clinic letter it is the clinic date.
                fields = ["admission", "discharge"] if letter_type == "discharge_summary" else ["clinic"]
                # the setting named on the label's own line, not a service's contact line above it
                if fields == ["clinic"] and self.setting_rx.search(window[window.rfind("\n") + 1 :]):
                    # "ED attendance: 31/10/2026" in a fracture clinic letter: the ED visit is the admission
                    # (fixtures/README.md), not the clinic this letter reports
                    fields = ["admission"]
                if in_list and len(fields) == 2:  # "Attendances | 12/11, 14/11, 16/11": the list spans them
                    fields = ["discharge"]
            elif field == "seen":
                # A visit told in prose: the clinic date, except on a discharge summary (a ward visit).
                if letter_type == "discharge_summary":
                    continue
                fields = ["clinic"]
            last_field = fields[0]
            if rid == "date-letter-dictated" and dictated is None:
                dictated = when
            for f in fields:
                if f not in out or priority > ranks[f] or (in_list and priority >= ranks[f]):
                    out[f] = {"date": when, "start": m.start(), "end": m.end(), "rule": rid}
                    ranks[f] = priority if f == fields[0] else 0
        if letter_type == "discharge_summary" and "admission" not in out and "letter" in out:
            self._bare_attendance(text, out)
        same_day = _SAME_DAY.search(text)
        if same_day and "admission" in out and "discharge" not in out:
            out["discharge"] = {**out["admission"], "rule": "date-discharge-same-day"}
        if "letter" not in out:
            for s, e, when in unlabelled:
                if s <= d.unlabelled_letter_date_within:
                    out["letter"] = {"date": when, "start": s, "end": e, "rule": "date-letter-alone"}
                    break
        if "letter" not in out and trailing is not None:
            # "Marcus Oyelaran, MHLN, 19/11/2026" closing the letter: the sign-off date.
            s, e, when = trailing
            out["letter"] = {"date": when, "start": s, "end": e, "rule": "date-letter-sign-off"}
        if "clinic" not in out and "letter" in out and letter_type != "discharge_summary":
            rel = self._relative_visit(text, hay.low)
            if rel is not None:
                # "I saw her in clinic yesterday": a day counted back from the letter's own date.
                back = 1 if rel.group("when").lower() == "yesterday" else 0
                # "I saw her today" was said on the day it was dictated, when the letter says which
                base = dictated if dictated is not None else out["letter"]["date"]
                out["clinic"] = {
                    "date": base - dt.timedelta(days=back),
                    "start": rel.start(),
                    "end": rel.end(),
                    "rule": "date-clinic-relative",
                }
        return out

    def _bare_attendance(self, text: str, out: dict[str, dict[str, Any]]) -> None:
        """An ED, UTC or SDEC card heads its one date "Date:" with nothing saying which: read as the letter
        date, it is also the day of the attendance (README: an ED attendance date is the admission date),
        when the setting is named above it. A discharge date the letter gives stands."""
        letter = out["letter"]
        start = letter["start"]
        if not self.bare_date_rx.search(text[max(0, start - 30) : start]):
            return
        if not self.setting_rx.search(text[:start]):
            return
        same = {"date": letter["date"], "start": start, "end": letter["end"], "rule": "date-attendance-bare"}
        out["admission"] = dict(same)
        out.setdefault("discharge", dict(same))

    @staticmethod
    def _relative_visit(text: str, low: str) -> re.Match[str] | None:
        """A "clinic yesterday" (tried first) or "I saw her today": the pattern is tried only in a short
        window ending at each "today" or "yesterday" (a whole-text search tried it at every position)."""
        for word in ("yesterday", "today"):
            i = low.find(word)
            while i >= 0:
                start = max(0, i - _RELATIVE_REACH)
                rel = _RELATIVE_VISIT.search(text, start, i + len(word))
                if rel is not None and rel.end() == i + len(word):
                    return rel
                i = low.find(word, i + 1)
        return None
