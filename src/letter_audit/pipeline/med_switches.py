"""Switches: "switched from A to B", "A changed to B", "B instead of A" (part of ``la_med_changes``).

Why a module of its own: a switch is read differently from a single change. It names two drugs, the old
one (stopped) and the new one (started), in either order around its trigger, and when both names are one
generic it is a change of dose or form instead. Split out of ``med_details.py``, which builds the record
of each single change.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .med_details import ChangeDetails, _dose_then
from .med_doses import dose_direction
from .med_ties import Trigger

_OBLIQUE_BEFORE = re.compile(r"\b(?:with|despite|alongside|plus|besides)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OWN_STOP_WORD = re.compile(r"\b(?:stop|stopped|stopping|discontinue|discontinued|come off|came off)\b", re.I)
_CHANGE_TO = re.compile(
    r"\s+(?:over\s+)?(?:her\s+|him\s+|them\s+|you\s+)?to\s+(?:(?:the|a|an|oral|regular)\s+)?"
    # "change to oestrogen gel (Oestrogel)": a description, then its name in brackets
    r"(?:(?:[\w-]+\s+){1,3}\(\s*)?",
    re.I,
)
# not across a clause of its own ("changed to enalapril ... as she is breastfeeding and labetalol ...")
_JOINED_NEW = re.compile(
    r"(?:(?!\b(?:as|because|since|so|when|while|whilst|if|but)\s+(?:she|he|they|it|I|we|you)\b)[^.;\n]){0,60}?"
    r"(?:,\s*|\s)(?:with|and|plus|along with|together with)\s+(?:[\w-]+\s+){0,2}",
    re.I,
)


# "increased his simvastatin 20 mg to atorvastatin 80 mg": a dose word whose "to" names another drug
_TO_OTHER = re.compile(r"\s*(?:up\s+|down\s+|over\s+)?to\s+(?:(?:the|a|an|oral|regular|high-dose)\s+)?", re.I)


class SwitchReader(ChangeDetails):
    """Mixin for MedChangeFinder: the two records of a switch."""

    def _dose_word_switch(
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
        """Stop A + start B for "increased his simvastatin 20 mg to atorvastatin 80 mg".

        Why: a raise or cut whose "to" names a different drug moves the patient onto that drug (a stronger
        statin, a weaker opioid); the old drug stops and the new one starts, as in any switch.
        """
        after = [d for d in ds if d.start_char >= t.end and d.start_char not in done]
        if len(after) < 2 or self._gap_ok(text[t.end : after[0].start_char], True, False) is None:
            return False
        old, new = after[0], after[1]
        if (old._.drug or {}).get("generic") == (new._.drug or {}).get("generic"):
            return False
        # (from where its dose ends: "to" is also a filler of a dose phrase, "2 tablets to be taken")
        dose_end = int((old._.dosage or {}).get("end") or old.end_char)
        if not _TO_OTHER.fullmatch(text, dose_end, new.start_char):
            return False
        done.update({old.start_char, new.start_char})
        if self._blocked(doc, t):
            return True
        pair = self._switch_pair(doc, text, cs, ce, t, old, new)
        if pair is not None:
            changes.extend(pair)
        return True

    def _switch_pair(
        self, doc: Doc, text: str, cs: int, ce: int, t: Trigger, old: Span, new: Span
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The stop of ``old`` and the start of ``new`` a switch makes, each naming the other (a switch's
        reason is the switch itself, so neither keeps one); None when either record cannot be made."""
        a = self._make(doc, text, "stop", t.rule.id, old, cs, ce, t, None)
        b = self._make(doc, text, "start", t.rule.id, new, cs, ce, t, None)
        if a is None or b is None:
            return None
        a["switched_with"], b["switched_with"] = b["drug"], a["drug"]
        a["reason"] = b["reason"] = None
        return a, b

    def _same_drug_switch(
        self,
        doc: Doc,
        text: str,
        cs: int,
        ce: int,
        t: Trigger,
        old: Span,
        new: Span,
        changes: list[dict[str, Any]],
        done: set[int],
    ) -> bool:
        """ "Gabapentin 300 mg TDS: change to gabapentin 600 mg BD": one drug in a new dose or form.

        The doses written after each name give the direction; the same dose is no change. Without a dose
        on both sides the trigger is left to the single-drug reading ("IV to oral" is a start).
        """
        line_end = text.find("\n", new.end_char)
        before = _dose_then(text, old.end_char, t.start)
        after = _dose_then(text, new.end_char, line_end if line_end >= 0 else len(text))
        if not before or not after:
            return False
        done.update({old.start_char, new.start_char})
        if self._blocked(doc, t):
            return True
        direction = dose_direction(before, after)
        if direction is None:
            return True
        c = self._make(doc, text, "start", t.rule.id, new, cs, ce, t, None)
        if c is not None:
            c["action"], c["dose_before"] = direction, (old._.dosage or {}).get("dose") or before
            changes.append(c)
        return True

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
        after: list[Span] = []
        for d in ds:
            if d.start_char < t.end or d.start_char in done:
                continue
            gap = text[after[-1].end_char : d.start_char] if after else ""
            if after and (
                ("(" in gap and ")" not in gap[gap.rfind("(") :])
                or (d._.drug or {}).get("generic") == (after[-1]._.drug or {}).get("generic")
            ):
                continue  # "from Anoro Ellipta (umeclidinium with vilanterol) to ...": one product, two names
            after.append(d)
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
            # "Simvastatin | 40 mg | CHANGED | interacts with clarithromycin": the next drug follows closely
            and self._gap_ok(text[t.end : after[0].start_char], True, False) is not None
            # "... interacts with clarithromycin - held, now switched to atorvastatin": not the oblique one
            and not _OBLIQUE_BEFORE.search(text, max(cs, before[-1].start_char - 30), before[-1].start_char)
        ):
            old, new = before[-1], after[0]
        elif (
            after
            and (
                not before
                or (
                    (before[-1]._.drug or {}).get("generic") != (after[0]._.drug or {}).get("generic")
                    and (stop := _OWN_STOP_WORD.search(text, max(cs, before[-1].start_char - 40), t.start))
                    and "\n" not in text[stop.start() : t.start]
                )
            )
            and _CHANGE_TO.fullmatch(text, t.end, after[0].start_char)
            # "Metformin - ... upset with the ordinary tablets. Change to metformin MR 1500 mg": the same
            # drug named on the line before is a change of product, told elsewhere
            and not any(
                text.rfind("\n", 0, t.start) < o.start_char < t.start
                and (o._.drug or {}).get("generic") == (after[0]._.drug or {}).get("generic")
                for o in doc.spans.get("drugs", [])
            )
        ):
            # "stop the Femoston and change to oestrogen gel (Oestrogel), with micronised progesterone": the
            # old drug's stop is told on its own; what it is changed to starts, with any drug joined to it
            if self._blocked(doc, t):
                return True
            news = [after[0]]
            for d in after[1:]:
                link = text[self._phrase_end(news[-1]) : d.start_char]
                if not _JOINED_NEW.fullmatch(link):
                    break
                news.append(d)
            made = [self._make(doc, text, "start", t.rule.id, d, cs, ce, t, None) for d in news]
            if any(m is None for m in made):
                return False
            changes.extend(m for m in made if m is not None)
            done.update(d.start_char for d in news)
            return True
        elif (
            len(after) >= 2
            and re.search(r"\b(?:to|with|for|by)\b", text[after[0].end_char : after[1].start_char], re.I)
            # "swapped to oral fluclox ... to finish 10 days. also cont'd paracetamol": another sentence
            and not re.search(r"[.;](?:\s|$)", text[after[0].end_char : after[1].start_char])
            and self._gap_ok(text[t.end : after[0].start_char], True, False) is not None
        ):
            old, new = after[0], after[1]
        if old is None or new is None:
            return False
        if (old._.drug or {}).get("generic") == (new._.drug or {}).get("generic"):
            return self._same_drug_switch(doc, text, cs, ce, t, old, new, changes, done)
        if self._blocked(doc, t):
            return True
        pair = self._switch_pair(doc, text, cs, ce, t, old, new)
        if pair is None:
            return False
        changes.extend(pair)
        b = pair[1]
        done.update({old.start_char, new.start_char})
        if t.rule.id == "switch_instead_of":
            # "Trelegy has been started in place of his Fostair and Spiriva": every drug it replaces stops
            prev = old
            for d in after[after.index(old) + 1 :]:
                if not self.rx_joiner.match(text[self._phrase_end(prev) : d.start_char]):
                    break
                c = self._make(doc, text, "stop", t.rule.id, d, cs, ce, t, None)
                if c is None:
                    break
                c["switched_with"], c["reason"] = b["drug"], None
                changes.append(c)
                done.add(d.start_char)
                prev = d
        return True
