"""The heading finder of ``la_sections``, apart from spaCy: text (and the letter's blocks) -> headings.

Why a module of its own: the DOCX, HTML and PDF readers ask whether a table cell is a heading la_sections
knows (a trust template's paired-section grid puts two headings in one row and their contents in the row
under it) before any pipeline exists, and reading a letter must not import spaCy. ``sections.py`` is the
component that turns these headings into ``doc.spans["sections"]``; the phrases live in
``models/rules/sections.jsonl``, read once here for the readers (``shipped_finder``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import ModelError
from ..ingest.text import titled_block
from ..paths import models_dir
from .ruledata import read_jsonl
from .section_shapes import (
    _NUMBERING,
    _WORDS_RE,
    _gp_like,
    _heading_like,
    _title_line,
    _unknown_heading,
    normalise,
)

if TYPE_CHECKING:
    from ..letter import Block, Letter

SectionId = Literal[
    "demographics",
    "diagnoses",
    "presenting_complaint",
    "clinical_summary",
    "investigations",
    "procedures",
    "medications_admission",
    "medications_discharge",
    "medication_changes",
    "current_medications",
    "allergies",
    "gp_actions",
    "plan",
    "follow_up",
    "fit_note",
    "information_given",
    "patient_actions",
    "contact",
    "signature",
    "other",
]
RULES_FILE = "sections.jsonl"

MEDICINE_SECTIONS = frozenset(
    ("medications_admission", "medications_discharge", "medication_changes", "current_medications")
)
"""The sections that list medicines."""
SLASH_MEDS = "sec-meds-slash"
"""Rule id of a medicines heading read from one part of "A / B"; its list ends at its first line without a
dose or a dosing frequency ("Fit note issued x 7 days" after "diazepam 2 mg TDS x 3/7")."""
_GP_LABEL = re.compile(
    # "GP:", or a coded template's "[GP ]" / "[GP]" line tag
    r"[ \t]*(?:(?P<gp>GP)[ \t]*:|\[[ \t]*(?P<tag>GP)[ \t]*\])[ \t]*(?=\S)"
    r"(?![^\n]*\b(?:Dr|Doctor|surgery|practice|centre|center|medical|health|group|"
    r"partnership|clinic)\b)"
    # and the line asks for something ("GP: TFTs in 6 weeks"), not a practice name ("GP: Riverside")
    r"(?=[^\n]*\b(?:in\s+\d|check|review|refer|adjust|arrange|please|monitor|repeat|bloods?|prescribe|stop|"
    r"start|continue|TFTs?|U\s*&\s*Es?|FBC|LFTs?|nothing|nil|none|no)\b)",
    re.IGNORECASE,
)
_MID_GP_WORDS = ("gp", "practi", "primary", "surgery")
_GP_ALONE = re.compile(r"(?:for\s+(?:the\s+)?)?(?:GP|G\.P\.)\s*:", re.IGNORECASE)
_ADDRESS_NEXT = re.compile(
    r"\s*(?:(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Prof)\b|[^\n]*\b(?:surgery|practice|medical\s+(?:centre|center|group)|"
    r"health\s+centre|road|street|lane)\b)",
    re.IGNORECASE,
)


class SectionRule(BaseModel):
    """One section and the heading phrases that open it (matched case-insensitively)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    section: SectionId
    phrases: list[str] = Field(min_length=1)

    @field_validator("phrases")
    @classmethod
    def _clean(cls, phrases: list[str]) -> list[str]:
        return [normalise(p) for p in phrases]


@dataclass(frozen=True)
class Heading:
    """A heading found in the text: where it is, where its content starts, what it opens."""

    start: int
    end: int
    body_start: int
    section: str
    rule: str
    text: str
    row_end: int = -1
    """For a heading in the first cell of a table row: where the row ends (its content cell may hold several
    lines, all under the heading); -1 otherwise."""
    row_only: bool = False
    """A GP heading in the label cell of a label|value table whose next row is another label's ("Renal advice
    (for GPs) | email" over "Clinic | 23/06/2025"): it labels its own row only."""


class SectionFinder:
    """The mechanism, independent of spaCy: text (+ blocks) -> headings."""

    def __init__(self, rules: list[SectionRule]) -> None:
        self.rules = rules
        self.lookup: dict[str, tuple[str, str]] = {}
        for rule in rules:
            for phrase in rule.phrases:
                if phrase in self.lookup and self.lookup[phrase][1] != rule.id:
                    raise ModelError(
                        f"{RULES_FILE}: heading '{phrase}' is in both {self.lookup[phrase][1]} and {rule.id}"
                    )
                self.lookup[phrase] = (rule.section, rule.id)
        phrases = sorted(self.lookup, key=len, reverse=True)
        gp = [p for p in phrases if self.lookup[p][0] == "gp_actions" and " " in p]
        gp_alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in gp) or "(?!)"
        # A GP-actions heading inside a paragraph, after a sentence ("... as below. GP actions - recheck
        # U&E"), opens a GP section too; only these, as any other heading word is common inside prose.
        self.mid_gp = re.compile(
            rf"(?<=[.;!?])[ \t]+(?P<h>{gp_alt})(?P<sep>[ \t]*(?::| - | – )[ \t]*)(?=\S)", re.IGNORECASE
        )
        alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"
        # Inline heading: "Plan: review in clinic", "3. Follow up - 6 weeks", "Diagnosis | CAP".
        self.inline = re.compile(
            rf"^[ \t]*(?:{_NUMBERING}[ \t]+|\d{{1,2}}[.)])?[ \t]*(?P<h>{alternation})"
            # a form's question ("GP action required? Y") answers after its question mark
            rf"(?P<sep>[ \t]*(?::|\||\t| - | – |\?|\s{{3,}})[ \t]*)(?=\S)",
            re.IGNORECASE,
        )

    def _whole(self, text: str) -> tuple[str, str] | None:
        key = normalise(text)
        hit = self.lookup.get(key)
        if hit is None and key.endswith(")") and "(" in key:
            # "Discharge medications (including regular medication)": the words before the aside.
            hit = self.lookup.get(normalise(key[: key.index("(")]))
        if hit is None and key.count(" / ") == 1:
            # a bilingual sign-off ("Yn gywir / Yours sincerely", "Cofion / Regards") ends the letter's body,
            # and a medicines heading shared with what the medicines are for ("Analgesia / TTO", "Meds given
            # / TTO") opens a list of medicines that ends at its first line with no dose (``SLASH_MEDS``);
            # not a GP heading: "Handover to GP / community" and "Actions for GP / care home team" name two
            # readers, and which is asked is the lines' to say
            hits = [h for h in map(self.lookup.get, key.split(" / ")) if h is not None]
            meds = [h for h in hits if h[0] in MEDICINE_SECTIONS]
            if hits and all(h[0] == "signature" for h in hits):
                hit = hits[0]
            elif meds:
                hit = (meds[0][0], SLASH_MEDS)
        return hit

    def find(self, text: str, letter: Letter | None = None) -> list[Heading]:
        found: dict[int, Heading] = {}
        heading_blocks: set[int] = set()
        if letter is not None:
            found.update(self._layout_tables(text, letter))
            for i, block in enumerate(letter.blocks):
                if block.end > len(text):
                    continue
                if block.kind == "heading":
                    heading_blocks.add(block.start)
                    h = self._heading_block(text, block.start, block.end)
                    if h is not None:
                        found[h.start] = h
                elif block.kind == "table_row" and block.cells:
                    h = self._table_row(
                        text,
                        block.start,
                        block.cells[0].start,
                        block.cells[0].end,
                        block.cells[1].start if len(block.cells) > 1 else block.end,
                        block.end,
                    )
                    if h is not None and h.section == "gp_actions" and _label_rows(text, letter.blocks, i):
                        h = replace(h, row_only=True)
                    if h is not None:
                        found.setdefault(h.start, h)
        pos = 0
        # A title typed as a plain line (no bold, no heading style; a scan's, where OCR sees no bold) is
        # found by its shape as in exported text (``titled_block``, which the plain-text reader has used at
        # ingest already; a letter made from a string in code is left as it is).
        lines = text.splitlines(keepends=True)
        by_shape = letter is not None and letter.source.format != "txt"
        for i, line in enumerate(lines):
            start = pos
            pos += len(line)
            if start in found:
                continue
            end = start + len(line.rstrip("\r\n"))
            h = self._line(text, start, end)
            if h is None and by_shape and titled_block(lines, i):
                raw = text[start:end]
                kind = self._suffix(raw) or _gp_like(raw) or ("other", "sec-titled-line")
                h = Heading(start + len(raw) - len(raw.lstrip()), end, end, kind[0], kind[1], raw.strip())
            if h is not None:
                found[h.start] = h
            low = line.lower()
            if not any(w in low for w in _MID_GP_WORDS):
                continue  # quick: no word that every GP heading holds
            for m in self.mid_gp.finditer(text, start, end):
                hit = self._whole(m.group("h"))
                if hit is not None:
                    found.setdefault(
                        m.start("h"),
                        Heading(m.start("h"), m.end("h"), m.end("sep"), hit[0], hit[1], m.group("h")),
                    )
        return [found[k] for k in sorted(found)]

    def known(self, text: str) -> bool:
        """Whether ``text`` is a heading this finder has a phrase for, whole or as its last words."""
        return self._whole(text) is not None or self._suffix(text) is not None

    def _suffix(self, text: str) -> tuple[str, str] | None:
        """A heading whose last words are a known heading of two or more words ("Community Midwife
        Follow Up" opens a follow-up section)."""
        words = normalise(text).split()
        for n in range(len(words) - 1, 1, -1):
            hit = self.lookup.get(" ".join(words[-n:]))
            if hit is not None:
                return hit
        return None

    def _layout_tables(self, text: str, letter: Letter) -> dict[int, Heading]:
        """Headings from "Heading | content" layout tables (many trust templates): when most first cells
        of a table are known headings, every heading-like first cell is one, so an unknown heading
        ("Discharging Midwife") still ends the section above it instead of joining it."""
        out: dict[int, Heading] = {}
        runs: list[list[tuple[int, int, int, int, int]]] = [[]]
        for block in letter.blocks:
            if block.kind == "table_row" and block.cells and len(block.cells) == 2 and block.end <= len(text):
                runs[-1].append(
                    (block.start, block.cells[0].start, block.cells[0].end, block.cells[1].start, block.end)
                )
            elif runs[-1]:
                runs.append([])
        for run in runs:
            if len(run) < 3:
                continue
            cells = [text[c0:c1].strip() for _, c0, c1, _, _ in run]
            is_known = [self.known(c) for c in cells]
            known = sum(is_known)
            # one known heading is enough when every other first cell reads as a heading ("Why we met", "What
            # we have asked your GP to do", "Planning ahead", "Who to contact")
            others_like = all(k or _heading_like(c) for c, k in zip(cells, is_known, strict=True))
            if known < 1 or (known * 2 < len(run) and not others_like):
                continue
            for start, c0, c1, body, row_end in run:
                cell = text[c0:c1].strip()
                if self._whole(cell) is not None or not _heading_like(cell):
                    continue
                hit = self._suffix(cell) or _gp_like(cell) or ("other", "sec-layout-table")
                out[start] = Heading(start, c1, body, hit[0], hit[1], cell, row_end)
        return out

    def _heading_block(self, text: str, start: int, end: int) -> Heading | None:
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        hit = self._whole(raw)
        if hit is None:
            inline = self._line(text, start, end)
            if inline is not None:
                return inline
            # An unknown heading block counts only if it reads like a heading (a bold sentence does not).
            if len(_WORDS_RE.findall(raw)) > 5 or any(ch.isdigit() for ch in raw) or "please" in raw.lower():
                return None
            hit = self._suffix(raw) or _gp_like(raw) or ("other", "sec-heading-block")
        return Heading(start + lead, end, end, hit[0], hit[1], raw.strip())

    def _table_row(self, text: str, start: int, c0: int, c1: int, body: int, row_end: int) -> Heading | None:
        hit = self._whole(text[c0:c1])
        if hit is None and _heading_like(text[c0:c1].strip()):
            hit = _gp_like(text[c0:c1])
        if hit is None:
            return None
        return Heading(start, c1, body, hit[0], hit[1], text[c0:c1].strip(), row_end)

    def _line(self, text: str, start: int, end: int) -> Heading | None:
        raw = text[start:end]
        stripped = raw.strip()
        if not stripped:
            return None
        lead = len(raw) - len(raw.lstrip())
        hit = self._whole(stripped) if len(stripped) <= 160 else None
        if hit is not None:
            return Heading(start + lead, end, end, hit[0], hit[1], stripped)
        if _GP_ALONE.fullmatch(stripped) and not _ADDRESS_NEXT.match(text, end):
            # "GP:" on a line of its own over a terse plan ("GP:\nWt + U&E 1/52\nPls refer ..."), not over
            # the practice's address ("GP:\nDr A Khan, Elm Surgery")
            return Heading(start + lead, end, end, "gp_actions", "sec-gp-alone", stripped)
        # An inline heading opens a line of any length ("Note for GP: Mr P works as a scaffolder ...").
        m = self.inline.match(raw)
        if m is not None:
            hit = self._whole(m.group("h"))
            if hit is not None:
                return Heading(
                    start + m.start("h"),
                    start + m.end("h"),
                    start + m.end("sep"),
                    hit[0],
                    hit[1],
                    m.group("h"),
                )
        label = _GP_LABEL.match(raw)
        if label is not None:
            # "GP: TFTs in 6 weeks ... Calcium and PTH at the same time." (not "GP: Dr Ferris, X Surgery")
            gp_at = label.start("gp") if label.group("gp") else label.start("tag")
            end_at = start + label.end()
            return Heading(start + gp_at, start + gp_at + 2, end_at, "gp_actions", "sec-gp-label", "GP")
        unknown = len(stripped) <= 160 and _unknown_heading(stripped)
        # a lead-in line that names the practice and ends in a colon ("Actions for the GP surgery:"), written
        # as a paragraph (as DOCX and HTML give it) rather than a heading
        lead_in = len(stripped) <= 80 and stripped.endswith(":") and ":" not in stripped[:-1]
        if unknown or lead_in or (len(stripped) <= 160 and _title_line(stripped)):
            gp = _gp_like(stripped)
            if gp is not None:
                return Heading(start + lead, end, end, gp[0], gp[1], stripped)
            if unknown:
                return Heading(start + lead, end, end, "other", "sec-caps-heading", stripped)
        return None


@cache
def shipped_finder() -> SectionFinder | None:
    """A finder with the shipped heading phrases (``models/rules/sections.jsonl``), read once; None when the
    file is missing, so a reader without models still reads (it only knows no headings by name)."""
    path = models_dir() / "rules" / RULES_FILE
    if not path.is_file():
        return None
    return SectionFinder(read_jsonl(path, SectionRule))


def _label_rows(text: str, blocks: list[Block], i: int) -> bool:
    """Whether table row ``i`` and the row after it are label|value rows: two cells each, the next row's
    first cell a label (not the first action under an "Actions for GP | When" header)."""
    row, nxt = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.kind != "table_row" or len(row.cells or []) != 2 or len(nxt.cells or []) != 2:
        return False
    label = nxt.cells[0]  # type: ignore[index]
    return _heading_like(text[label.start : label.end].strip())
