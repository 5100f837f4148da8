"""Medication lists headed by a line label, found without la_sections ("DH:", "ANALGESIA / TTO |", "Mx:").

Why: terse notes and EPR forms head their lists with short labels that vary by writer ("DH", "Maternal
Medications on Discharge", "ANALGESIA / TTO") and often sit in a table's first cell, so the section
headings do not catch them. A label is the text from a line start to a colon or table bar; the list runs
to the next label or blank line. The label words are data (``models/rules/medication_lists.yaml``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

# a line label: up to eight words at a line start, closed by ":" or a table bar
_LABEL = re.compile(
    r"^[ \t]*(?:[#*•\-][ \t]*)?([A-Za-z][A-Za-z0-9 /&'().\-]{0,48}?)[ \t]*(?::(?!\d)|\|)", re.M
)
_BRACKETED = re.compile(r"\([^()]*\)")
_BLANK = re.compile(r"\n[ \t]*\n")
# what may stand between an item separator and the drug that starts the item: bullets and numbers
_ITEM_LEAD = re.compile(
    r"[\s•*\-–\d.)]*(?:(?:soluble|dispersible|effervescent|oral|topical|liquid|modified[- ]release)\s+)?",
    re.IGNORECASE,
)
_ITEM_SEP = (",", ";", "\n", ". ", " and ")


def labelled_lists(
    text: str, drugs: list[Span], kinds: dict[str, re.Pattern[str]]
) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each list whose label fully matches one of ``kinds``' patterns."""
    drug_starts = {d.start_char for d in drugs}
    heads = [m for m in _LABEL.finditer(text) if m.start(1) not in drug_starts]
    out: list[tuple[str, int, int]] = []
    for i, m in enumerate(heads):
        label = " ".join(_BRACKETED.sub("", m.group(1)).split())  # "Medication to take home (right eye)"
        kind = next((k for k, rx in kinds.items() if rx.fullmatch(label)), None)
        if kind is None:
            continue
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = m.end() + (len(text[m.end() : end]) - len(text[m.end() : end].lstrip()))
        blank = _BLANK.search(text, body, end)
        out.append((kind, m.end(), blank.start() if blank else end))
    return out


def list_items(text: str, drugs: list[Span], start: int, end: int) -> list[Span]:
    """The drugs that start an item (after a line break, comma, semicolon or full stop) in a list."""
    out: list[Span] = []
    for d in drugs:
        if not start <= d.start_char < end:
            continue
        seg = max([start] + [text.rfind(sep, start, d.start_char) + len(sep) for sep in _ITEM_SEP])
        if _ITEM_LEAD.fullmatch(text, seg, d.start_char):
            out.append(d)
    return out
