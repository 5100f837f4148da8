"""Changes listed on one line after a label or a start verb (part of ``la_med_changes``).

Why a separate reader: "Started: a; b; c", "Started prednisolone ...; cyclopentolate ..." and a supply
heading with its items after a colon list their drugs on one line, joined by semicolons or commas that the
prose reader does not treat as list joiners; each item takes the line's action here.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at

_IN_BRACKETS = re.compile(r"\([^()]*$")  # an open bracket not closed before the end of the searched text
_ITEM_END = re.compile(r"\.(?=\s|$)")  # a full stop (not a decimal point) ends an item
_ITEM_LEAD = re.compile(
    r"[\s•¢©«»·▪►●○■◦*\-–\d.):]*(?:(?:soluble|oral|topical|dispersible|buccal|sublingual|rectal|nasal|intranasal|inhaled"
    r"|nebulised|transdermal|subcutaneous)\s+)?",
    re.IGNORECASE,
)
# an item of an inline supply list starts after the colon, a comma, a semicolon or "and"
_SUPPLY_ITEM = re.compile(r"(?:[:,;]|\band)\s*(?:(?:sc|subcutaneous|iv|oral|buccal)\s+)?$", re.IGNORECASE)
# "Started: a; b; c": a change label at a line start, its items on the same line; the label may open the
# cell after a table bar ("Medication | New: a; b; c" in a "Heading | text" template) or a sentence in a
# paragraph ("... started atorvastatin. New medicines: aspirin 75 mg OD; ticagrelor 90 mg BD; ...": a
# word's full stop, not a list number's, "1. Omitted: ...")
_INLINE_HEAD = re.compile(
    r"(?:^|\||(?<=[a-z]{2}[.!?])[ \t]+)[ \t•*\-]*([A-Za-z][A-Za-z ]{1,30}?)[ \t]*:[ \t]*", re.MULTILINE
)
_INLINE_VERB = re.compile(
    r"(?:^|\|)[ \t•*\-]*((?:started|commenced|initiated)(?:[ \t]+on)?)[ \t]+", re.I | re.M
)
_NOT_MADE = ("negated", "hypothetical", "historical", "other_actor")


class InlineListReader:
    """Mixin for RecordReader: the one-line list passes."""

    rx_list_header: re.Pattern[str]
    rx_supply: re.Pattern[str]
    rx_any: re.Pattern[str]

    def _make(
        self, doc: Doc, text: str, action: str, rule: str, d: Span, cs: int, ce: int, t: Any, nxt: Any
    ) -> dict[str, Any] | None:
        raise NotImplementedError

    def _classify(self, value: str) -> tuple[str, str] | None:
        raise NotImplementedError

    def _inline_lists(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        """ "Started: spironolactone 100 mg OD; furosemide 40 mg OM; thiamine 100 mg TDS" on one line.

        Why: a labelled line lists its drugs with semicolons, which the prose reader does not treat as a
        list joiner (a semicolon mostly ends a clause), so only the first item would tie to the label.
        Each semicolon item that starts with a drug takes the label's action.
        """
        self._inline_supply(doc, text, drugs, changes, done)
        for m in _INLINE_HEAD.finditer(text):
            if not self.rx_list_header.match(m.group(1) + ":"):
                continue
            found = self._classify(m.group(1) or m.group(2))
            if found is None or found[0] not in ("start", "stop", "increase", "decrease", "withhold"):
                continue
            self._semicolon_items(doc, text, drugs, changes, done, found, m.end(), False)
        # "Started prednisolone 1% drops hourly ...; cyclopentolate 1% drops BD for 1 week": a start verb
        # opening a line or cell, its own drug straight after it, shares itself with the later items that
        # say nothing of their own (the first item is the prose reader's)
        for m in _INLINE_VERB.finditer(text):
            if not any(d.start_char == m.end() for d in drugs) or any(
                c.category in _NOT_MADE for c in categories_at(doc, m.start(1), m.end(1))
            ):
                continue
            self._semicolon_items(doc, text, drugs, changes, done, ("start", "start_started"), m.end(), True)

    def _semicolon_items(
        self,
        doc: Doc,
        text: str,
        drugs: list[Span],
        changes: list[dict[str, Any]],
        done: set[int],
        found: tuple[str, str],
        pos: int,
        verb: bool,
    ) -> None:
        """Each ";" item of the line from ``pos`` that starts with a drug takes ``found``'s action.

        After a verb (``verb``) the first item is left alone, and so is an item with a change word of its own.
        """
        le = text.find("\n", pos)
        le = len(text) if le == -1 else le
        if ";" not in text[pos:le]:
            return
        first = True
        while pos < le:
            end = text.find(";", pos, le)
            end = le if end == -1 else end
            d = next((x for x in drugs if pos <= x.start_char < end), None)
            if d is not None and (stop := _ITEM_END.search(text, d.end_char, end)):
                end = stop.start()  # "...; colchicine 500 mcg BD. Ramipril unchanged.": the item ends
            lead = d is not None and _ITEM_LEAD.fullmatch(text, pos, d.start_char) is not None
            skip = verb and (first or self.rx_any.search(text, d.end_char, end) is not None) if d else True
            first = False
            if d is not None and lead and not skip and d.start_char not in done:
                if not any(c.category == "continued" for c in categories_at(doc, d.end_char, end)):
                    change = self._make(doc, text, found[0], found[1], d, pos, end, None, None)
                    if change is not None:
                        change["start"], change["end"] = d.start_char, end
                        changes.append(change)
                        # (a drug in brackets is told of on its own: "(was simvastatin 40 mg - stopped)")
                        for x in drugs:
                            if pos <= x.start_char < end and not _IN_BRACKETS.search(text, pos, x.start_char):
                                done.add(x.start_char)
            pos = end + 1

    def _inline_supply(
        self, doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int]
    ) -> None:
        """ "Anticipatory ("just in case") injectables supplied: morphine, midazolam, glycopyrronium."

        A supply heading with its items after a colon on the same line: each item is newly supplied
        (kept only for drugs not started elsewhere in the letter, like the heading over a list).
        """
        for m in re.finditer(r"[^\n]+", text):
            if not self.rx_supply.match(m.group(0)):
                continue
            colon = text.find(":", m.start(), m.end())
            if colon == -1:
                continue
            for d in drugs:
                if not colon < d.start_char < m.end() or d.start_char in done:
                    continue
                if not _SUPPLY_ITEM.search(text, colon, d.start_char):
                    continue
                change = self._make(doc, text, "start", "list_supplied", d, colon + 1, m.end(), None, None)
                if change is not None:
                    change["start"], change["end"] = d.start_char, d.end_char
                    changes.append(change)
                    done.add(d.start_char)
