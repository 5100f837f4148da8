"""List lines closed by a status ("Methotrexate 15 mg weekly - started"), part of ``la_med_changes``.

Why apart: a list line led by a drug and closed by a status, a course line whose planned end is its only
status, and a taper that ends in a stop are read from the line's layout, not from prose ties.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at
from .med_switches import SwitchReader
from .med_ties import Trigger, TriggerRule

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
_THEN_BEFORE = re.compile(r"[\s,;]then\s*$", re.IGNORECASE)
_END_OF_ITEM = re.compile(r"[\s.;]*")
_COMMA_SEP = re.compile(r"(?<!\bthen),\s*(?:(?:now|and)\s+)?$")
# a drug the line's first drug was switched to or replaced by, whose status follows it
_OTHER_STORY = re.compile(r"\b(?:to|by|instead of|in place of)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


_ONTO_DRUG = re.compile(
    r"\s+(?:(?:him|her|them|the patient)\s+)?(?:on|onto|with)\s+(?:(?:the|a|an|oral|iv|regular)\s+)?",
    re.IGNORECASE,
)


class LineStatus(SwitchReader):
    """Mixin for MedChangeFinder: the status that closes a list line, and a course line's planned end."""

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
            if any(o.start_char >= t.end and _ONTO_DRUG.fullmatch(text, t.end, o.start_char) for o in ds[1:]):
                # "Nitrofurantoin not suitable (eGFR 31) - started on cefalexin": the verb has its own drug
                continue
            if (
                found == []
                and not text[after : t.start].strip()
                and t.rule.action != "switch"
                and t.rule.direction != "forward"
                # (not a taper written into the dose, "30 mg od reducing by 5 mg weekly - STARTED")
                and not text[t.start : t.end].lower().endswith("ing")
                and not _END_OF_ITEM.fullmatch(text, t.end, ce)
            ):
                # "Symbicort stopped - started Trimbow 2 puffs BD": the drug's own status stands right after
                # it; a later change word across a dash begins the next drug's story, not the line's status
                break
            m = _STATUS_SEP.search(text[after : t.start])
            sep = after + m.start() if m else None
            if sep is None and _END_OF_ITEM.fullmatch(text, t.end, ce):
                # "Hyoscine 300 micrograms at night for hypersalivation, started.": the status ends the item
                c = _COMMA_SEP.search(text, after, t.start)
                sep = c.start() if c else None
                if sep is not None and any(
                    after <= o.start_char < sep and (o._.drug or {}).get("generic") != generic for o in ds
                ):
                    # "Cyclizine ... was stopped and she was started on ondansetron 4 mg TDS, 5 days
                    # supplied.": after a comma, the status is the nearer drug's, not the line's
                    continue
            if sep is not None and t.rule.action != "switch":
                found.append((t, first, sep))
        if not found:
            return None
        t, _, sep = found[0]
        opened = text.rfind("(", after, t.start)
        listed = [o for o in ds if o.start_char < opened] if opened != -1 else []
        if (
            len(listed) >= 2
            and text.find(")", opened, t.start) == -1
            # "..., furosemide 40 mg OM (reduced ...)" after a comma; not "X and Y, both for 4 days (new)"
            and text[self._phrase_end(listed[-2]) : listed[-1].start_char].strip() == ","
            and not re.search(r"\b(?:both|all|each)\b", text[listed[-1].end_char : t.start], re.IGNORECASE)
        ):
            # "ramipril 2.5 mg OD, simvastatin 40 mg ON, furosemide 40 mg OM (reduced from 80 mg)": a status
            # in brackets after a later item is that item's own, not the line's
            return None
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
