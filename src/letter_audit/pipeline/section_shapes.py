"""What a section heading looks like, apart from its phrases (part of ``la_sections``).

Why a module of its own: ``section_finder.py`` finds headings where the letter puts them (lines, heading
blocks, table cells); deciding whether a piece of text has a heading's shape is a separate job. Here are the
form every candidate is compared in (``normalise``: no numbering, no rules, no trailing colon, lower case)
and the tests for a heading no phrase in ``models/rules/sections.jsonl`` names: a short line in capitals,
a title, a table cell that can be a heading, and a heading that names the practice and asks it for
something ("GP INSTRUCTIONS"), which opens a GP-actions section.
"""

from __future__ import annotations

import re

# "3.", "3)", "(3)", "iv.", "a)" or "-" / "*" / "•" before a heading.
_NUMBERING = r"(?:\(?\d{1,2}[.):]?|\(?[ivx]{1,4}[.)]|\(?[a-h][.)]|[-*•▪●])"
_NUMBER_RE = re.compile(rf"^\s*{_NUMBERING}\s+|^\s*\d{{1,2}}[.)]")
_TRAIL_RE = re.compile(r"[\s:;,.?\-–—=*_#~]+$")
# A heading drawn with rules ("---- Actions Required by GP ----", "==== PLAN ===="): the rules are not words.
_RULE_RE = re.compile(r"^\s*[-–—=*_#~]{3,}\s*")
_GP_WORD = re.compile(r"\b(?:gp|gps|g\.p\.|general practi\w+|primary care)\b")
_ASK_WORD = re.compile(
    r"\b(?:actions?|requests?|requested|instructions?|tasks?|to do|asked?|recommendations?|suggestions?|"
    r"follow[- ]?up|review|plan|advice|notes?|information)\b"
)
_GP_AND_OTHER = re.compile(r"^(?:the\s+)?(?:gp|practice|surgery)\s*(?:/|&|\+|\band\b)\s*[a-z][a-z' -]{2,40}$")
_NOT_ASKED = re.compile(r"\b(?:no|none|nil|not|n/a|required|needed|necessary)\b")
_WORDS_RE = re.compile(r"[A-Za-z][A-Za-z'&/()\-]*")


def normalise(text: str) -> str:
    """A heading candidate in the form phrases are stored: lower case, single spaces, no numbering."""
    text = _NUMBER_RE.sub("", _RULE_RE.sub("", text))
    text = _TRAIL_RE.sub("", text.strip())
    return " ".join(text.lower().replace("’", "'").split())


def _gp_like(text: str) -> tuple[str, str] | None:
    """A heading we have no phrase for that names the practice and what is asked of it ("GP
    INSTRUCTIONS", "What we have asked your GP to do", "GP Follow-up"): it opens a GP-actions section."""
    key = normalise(text)
    if len(key.split()) > 8 or ":" in key or key.endswith(".") or _NOT_ASKED.search(key):
        return None
    if _GP_WORD.search(key) and _ASK_WORD.search(key):
        return ("gp_actions", "sec-gp-like")
    if _GP_AND_OTHER.match(key):
        # "GP / anticoagulation clinic", "GP & district nurses": the practice first, with whoever shares
        # the tasks below
        return ("gp_actions", "sec-gp-like")
    return None


def _title_line(line: str) -> bool:
    """A short line of capitalised words with no closing stop ("GP Follow-up")."""
    words = line.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and not line.endswith((".", ",", ";"))


def _heading_like(cell: str) -> bool:
    """A table cell that can be a heading: a few words, no figures, not a sentence."""
    words = _WORDS_RE.findall(cell)
    return 0 < len(words) <= 6 and not any(ch.isdigit() for ch in cell) and not cell.endswith((".", ","))


def _unknown_heading(line: str) -> bool:
    """A short line in capitals ("SOCIAL HISTORY") or a short title ending in a colon: a heading we
    have no phrase for. It still ends the section before it, so a plan does not swallow what follows."""
    words = _WORDS_RE.findall(line)
    if not words or len(words) > 6 or any(map(str.isdigit, line)):
        return False
    letters = list(filter(str.isalpha, line))
    if len(letters) >= 4 and all(map(str.isupper, letters)) and not line.endswith((".", ",")):
        return True
    return line.endswith(":") and len(words) <= 4 and line[0].isupper()
