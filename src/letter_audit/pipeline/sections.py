"""``la_sections``: split a letter into sections, one span from each heading to the next.

Why rules: UK letters use a small, stable vocabulary of headings (PRSB headings and local variants), but
write them many ways: with or without colons, in capitals, numbered ("3. PLAN"), as heading blocks, as the
left cell of a table row, or inline ("Plan: review in 6 weeks"). The phrases live in
``models/rules/sections.jsonl``; ``section_finder.py`` knows where a heading can stand (without spaCy, so
the readers can ask it too), ``section_shapes.py`` what a heading with no phrase looks like, and this module
turns the headings into spans.

Result: ``doc.spans["sections"]``, one span per section, ``label_`` = section id, ``span._.heading`` = the
heading text, ``span._.section_rule`` = id of the heading rule, ``span._.body_start`` = the character
offset where the section's content starts (after the heading). Text before the first heading belongs to
no section; a letter with no headings has no sections, and later components still work on the whole text.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (Span._.heading and friends)
from .ruledata import read_jsonl, write_jsonl
from .section_finder import (
    MEDICINE_SECTIONS,
    RULES_FILE,
    SLASH_MEDS,
    Heading,
    SectionFinder,
    SectionId,
    SectionRule,
    normalise,
)
from .sentences import doc_text

__all__ = [
    "MEDICINE_SECTIONS",
    "RULES_FILE",
    "SLASH_MEDS",
    "Heading",
    "SectionFinder",
    "SectionId",
    "SectionRule",
    "SectionsComponent",
    "normalise",
    "section_at",
]

_DOSE_LINE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|ml|units?|%)(?![a-z])"
    r"|\b(?:od|bd|tds|qds|prn|nocte|mane|stat)\b",
    re.IGNORECASE,
)
_CELL_SPLIT_RE = re.compile(r"\s*(?:\||\t| {3,})\s*")
_ITEM_LINE = re.compile(r"[ \t]*(?:\(?\d{1,2}[.)]|[-*•▪●])[ \t]+\S")


def _list_end(text: str, start: int, end: int) -> int:
    """Where a list of medicines from ``start`` stops: the first non-blank line with no dose or frequency."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        if line.strip() and _DOSE_LINE.search(line) is None:
            return pos
        pos = stop + 1
    return end


def _paragraph_end(text: str, h: Heading) -> int:
    """Where a GP heading written inside a long paragraph ("Requests to GP: Please could you ...; please
    issue a fit note.") stops labelling: the end of its line and of any list items right under it. A
    heading on a line of its own, or opening a short line, keeps its content up to the next heading."""
    line_start = text.rfind("\n", 0, h.start) + 1
    line_end = text.find("\n", h.start)
    line_end = len(text) if line_end < 0 else line_end
    if h.rule == "sec-gp-alone":
        # "GP:" alone on its line heads the list under it: bullet items end with the last item ("Cardiology
        # OPA 6/52" on the line after is not the practice's); plain lines run to a blank line
        first = line_end + 1
        if _ITEM_LINE.match(text, first):
            end = first
            while end < len(text) and _ITEM_LINE.match(text, end):
                nxt = text.find("\n", end)
                end = len(text) if nxt < 0 else nxt + 1
            return end
        gap = re.compile(r"\n[ \t]*\n").search(text, first)
        return gap.start() if gap else len(text)
    own_line = h.body_start >= line_end or h.rule != "sec-gp-label"  # "GP: ..." labels its line only
    if text[line_start : h.start].strip() == "" and text.count("|", h.start, line_end) >= 2:
        # The first cell of a table's header row ("Action | Who | When"): the section is the table, so a
        # sign-off under it is not a row of the plan.
        end = line_end
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            if "|" not in text[end + 1 : nxt]:
                break
            end = nxt
        if end > line_end:
            return end
    if text[line_start : h.start].strip() == "" and line_end - line_start <= 160 and own_line:
        return len(text)
    end = line_end
    while end < len(text) and _ITEM_LINE.match(text, end + 1):
        nxt = text.find("\n", end + 1)
        end = len(text) if nxt < 0 else nxt
    return end


@Language.factory("la_sections", assigns=["doc.spans"], default_config={})
def make_sections(nlp: Language, name: str) -> SectionsComponent:
    return SectionsComponent(nlp, name)


class SectionsComponent:
    """Sets ``doc.spans["sections"]``; rules come from ``load_data`` or ``from_disk``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = SectionFinder([])

    def load_data(self, models_dir: Path) -> None:
        self.finder = SectionFinder(read_jsonl(Path(models_dir) / "rules" / RULES_FILE, SectionRule))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        headings = self.finder.find(text, doc._.letter)
        spans: list[Span] = []
        for i, h in enumerate(headings):
            end = headings[i + 1].start if i + 1 < len(headings) else len(text)
            if h.row_only:
                end = min(end, h.row_end)
            elif h.section == "gp_actions":
                # a table row's content cell is all under its heading, however many lines it holds
                end = min(end, max(_paragraph_end(text, h), h.row_end))
            elif h.rule == SLASH_MEDS:
                end = _list_end(text, h.body_start, end)
            while end > h.end and text[end - 1].isspace():
                end -= 1
            span = doc.char_span(h.start, end, label=h.section, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            span._.heading = h.text
            span._.section_rule = h.rule
            span._.body_start = h.body_start
            spans.append(span)
        doc.spans["sections"] = spans
        return doc

    def to_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> None:
        write_jsonl(Path(path) / RULES_FILE, self.finder.rules)

    def from_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> SectionsComponent:
        self.finder = SectionFinder(read_jsonl(Path(path) / RULES_FILE, SectionRule))
        return self


def section_at(doc: Doc, char: int) -> Span | None:
    """The section span holding character ``char``, or None (before the first heading / no headings)."""
    for span in doc.spans.get("sections", []):
        if span.start_char <= char < span.end_char:
            return span
    return None
