"""A light rule-based sentence splitter over raw letter text (blank English has none).

Why not spaCy's sentencizer: letters wrap lines mid-sentence (PDF text), put one item per line in lists,
and abbreviate ("Dr.", "e.g.", "approx."). Rules that know those habits are cheap and predictable.
Returns character ranges, so callers can scope rules to a sentence without touching ``doc.sents``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A bullet is one mark: a rule of dashes ("---- Follow Up ----") is a heading's decoration, not a list item.
# A ticked box on a form ("[x] Please cancel the booking") marks an item as much as a bullet does.
_LIST_MARK = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣](?![-*=_])|\d{1,2}\s+(?=[A-Z])|\[\s*[xX✓✔]\s*\]|[☒☑])\s*"
)
_JOIN_WORDS = frozenset(
    "a an and as at by for from if in into of on or the to with was were is be been has have had "
    "will would should could please your his her their our".split()
)
_ABBREV = frozenset(
    "dr mr mrs ms miss prof st no nos approx e.g eg i.e ie etc vs cf inc incl dept tel ext fig wk wks mth "
    "mths yr yrs".split()
)
_COPY_LINE = re.compile(r"(?:cc|c\.c\.|copy\s+to)\b", re.IGNORECASE)  # "cc Dr R H, X Surgery - could you ..."
_FIELD_LABEL = re.compile(r"[a-z][\w/&-]*(?:[ \t][\w/&-]+){0,2}[ \t]*:[ \t]*\S")
# An unchecked dictation starts sentences in lower case too ("... for 7 days. pls re-test ...", "... let us
# know. we will then ..."): a request word or a pronoun after a full stop opens a sentence as a capital does.
_SENT_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[A-Z(\"'•\-\d]|(?-i:pls|please|plz|we|i|he|she|they)\s)")
# A form's question and its one-word answer are one field ("Fit note required? No."), not two sentences.
_YES_NO_ANSWER = re.compile(r"(?:Yes|No|Y|N|Nil|None|N/A)(?=[ \t]*(?:[.,;:(\-–]|$))", re.MULTILINE)


def _line_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + len(body.rstrip())))
        else:
            out.append((pos, pos))  # blank line: a hard break
        pos += len(line)
    return out


def _continues(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether line ``nxt`` carries on the sentence of line ``prev`` (a wrapped line)."""
    if prev[0] == prev[1] or nxt[0] == nxt[1]:
        return False
    prev_text = text[prev[0] : prev[1]]
    next_text = text[nxt[0] : nxt[1]]
    if _LIST_MARK.match(next_text) or prev_text.endswith((".", "!", "?", ":", ";")):
        return False
    if _FIELD_LABEL.match(next_text) or _COPY_LINE.match(next_text):
        return False  # "fit note: n/a, retired" under "HF nurse clinic already booked 01/12": a new field
    last_word = prev_text.rsplit(None, 1)[-1].lower() if prev_text.split() else ""
    first = next_text[0]
    return first.islower() or prev_text.endswith((",", "-", "&")) or last_word in _JOIN_WORDS


def _list_number(text: str, cur: int, at: int, n: int, end: int) -> bool:
    """Whether the short number at ``at`` (just before a full stop) numbers an inline list item rather
    than ending a sentence ("pulse was 56. His wife ..."): it opens its sentence or follows a colon, or
    its neighbour in the count sits nearby ("1. Repeat U&E 2. Review BP")."""
    before = text[cur:at].rstrip()
    if not before or before.endswith((":", ";", "-", "(")):
        return True
    if n > 1 and re.search(rf"(?:^|\s){n - 1}[.)]\s", text[cur:at]):
        return True
    return re.match(rf"[^\n]{{0,200}}?\s{n + 1}[.)]\s", text[at:end]) is not None


def _split_line_group(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END.finditer(text, start, end):
        word = re.search(r"(\S+)$", text[cur : m.start() + 1])
        token = word.group(1).lower().rstrip(".!?").lstrip("([{\"'") if word else ""  # "(e.g. Epimax"
        if token in _ABBREV or (len(token) == 1 and token.isalpha()):
            continue
        short_number = token.isdigit() and len(token) <= 2
        if short_number and _list_number(text, cur, m.start() - len(token), int(token), end):
            continue
        if m.group(0).startswith("?") and _YES_NO_ANSWER.match(text, m.end(), end):
            continue
        out.append((cur, m.start() + len(m.group(0).rstrip())))
        cur = m.end()
    if cur < end:
        out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences and list items of ``text``, in order, without outer space."""
    lines = _line_spans(text)
    groups: list[tuple[int, int]] = []
    for i, span in enumerate(lines):
        if span[0] == span[1]:
            continue
        if groups and i > 0 and _continues(text, lines[i - 1], span):
            groups[-1] = (groups[-1][0], span[1])
        else:
            groups.append(span)
    out: list[tuple[int, int]] = []
    for s, e in groups:
        out.extend(_split_line_group(text, s, e))
    return out


def strip_list_mark(text: str, start: int, end: int) -> int:
    """The start offset after any list numbering or bullet at ``start``."""
    m = _LIST_MARK.match(text[start:end])
    return start + m.end() if m else start


_OCR_ZERO = re.compile(r"(?<=[A-Za-z])0(?!\d)|(?<![\d.])0(?=[A-Za-z])")  # not "10th", "20mg"


# OCR reads a capital I as a bar: "| will see her again", "| have stopped this".
_OCR_BAR_I = re.compile(
    r"(?:^|(?<=[\s.]))\|(?=[ \t]+(?:will|have|had|am|would|saw|think|wonder|did|do|was|reviewed|discussed|"
    r"note|hope|also|agree|explained|suggested|spoke|saw|met|plan)\b)",
    re.MULTILINE,
)
# An unchecked dictation's misspelt polite ask ("I would be gratefull if you could", "greatful"): read as
# "grateful", padded with a space to keep the length
_GRATEFUL_TYPO = re.compile(r"\b([Gg])r(?:eatfull|atefull|eatful)\b")


def _grateful(m: re.Match[str]) -> str:
    return (m.group(1) + "rateful").ljust(len(m.group(0)))


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def ocr_letters(text: str) -> str:
    """Text as rules match it: OCR's letter-O-read-as-zero undone inside words ("F0LL0W-UP" ->
    "FoLLoW-UP"), curly quotes made straight ("I\u2019d" -> "I'd"), and a misspelt "grateful" ("gratefull",
    "greatful") read as the word.

    Same length as the input, so every offset found in the result points at the same letter text.
    Three components ask for the same letter's text in turn, so the last answer is kept for it.
    """
    global _LAST_OCR
    last = _LAST_OCR  # one read: safe if threads share the module
    if last[0] is text:
        return last[1]
    out = text.translate(_QUOTES)
    out = _OCR_ZERO.sub("o", out) if "0" in out else out
    out = _OCR_BAR_I.sub("I", out) if "|" in out else out
    out = _GRATEFUL_TYPO.sub(_grateful, out) if "ful" in out else out
    _LAST_OCR = (text, out)
    return out


_LAST_OCR: tuple[str | None, str] = (None, "")


def doc_text(doc: Doc) -> str:
    """The Doc's text without rebuilding it: ``doc.text`` joins every token on each call, while the
    Letter the Doc was made from (``annotate``) already holds the same string."""
    letter = doc._.letter
    if letter is not None and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(letter.text):
        return str(letter.text)
    return doc.text
