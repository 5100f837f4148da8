"""Plain-text letters: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

One block per line, so the text the checker sees is the file's own. Lines with tab stops or ``|``
separators are table rows; short title-like lines are headings; bulleted and numbered lines are list items.
"""

from __future__ import annotations

import re
import string

from ..errors import BinaryJunk
from ..letter import BlockKind
from .builder import LetterBuilder
from .limits import check_deadline

_BULLET = re.compile(
    r"^\s*(?:[-*\u2022\u2023\u25e6\u2043\u25aa\u25cf\u2013]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S"
)
_CELL_SPLIT = re.compile(r"\t+| {4,}| +\| +")
_WORDS = re.compile(r"[A-Za-z]")
_FIGURES = re.compile(r"\d")
# first words of a short line after a blank that are not a block's title: a salutation, a sign-off, a name
_NOT_TITLES = frozenset(
    "Dear Yours Kind Best Many With Regards Thank Thanks Dr Doctor Mr Mrs Ms Miss Mx Prof Professor Sister "
    "Nurse Re RE Ref cc CC Cc Signed Dictated Typed".split()
)
# first words of a request or a sentence, not of a title ("Review BP", "He is well")
_ASK_WORDS = frozenset(
    "please pls kindly could can would will review check recheck repeat refer re-refer arrange stop start "
    "continue increase reduce decrease monitor consider chase book request send add remove prescribe titrate "
    "ensure organise organize gp we i he she they it his her their our no not nil none".split()
)
# last words of a line that runs on into the next ("He is on the")
_JOINS = frozenset("a an and or the to of with for in on at by from is are was were has have".split())
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_CAPITALS = string.ascii_uppercase.encode("ascii")


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes a clinical system might export: BOM-marked UTF-8/16, plain UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise BinaryJunk("file claims to be UTF-16 text but is not", path=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five byte values are undefined in Windows-1252; Latin-1 maps them all, and they are rare.
        return data.decode("latin-1")


def line_kind(line: str, *, caps_are_headings: bool = True) -> BlockKind:
    """A best guess at a plain line's role, from its shape alone.

    Short lines ending in a colon are headings; so are short capitalised lines without figures,
    unless ``caps_are_headings`` is off (a letter typed, or OCR'd, all in capitals).
    """
    s = line.strip()
    if _BULLET.match(s):
        return "list_item"
    if len(s) <= 60 and _WORDS.search(s):
        if s.endswith(":") and ":" not in s[:-1]:
            return "heading"
        if caps_are_headings and not _FIGURES.search(s) and not s.endswith((".", ",")):
            letters = [c for c in s if c.isalpha()]
            if len(letters) >= 3 and all(c.isupper() for c in letters):
                return "heading"
    return "paragraph"


def mostly_capitals(text: str) -> bool:
    """True for a letter typed in capitals, where capitals say nothing about headings."""
    if text.isascii():
        # The same counts without a loop in Python: in ASCII a letter is A-Z or a-z, a capital A-Z.
        data = text.encode("ascii")
        n_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
        n_capitals = len(data) - len(data.translate(None, _ASCII_CAPITALS))
        return n_letters >= 40 and n_capitals > 0.6 * n_letters
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _titled(line: str) -> bool:
    """A line that can be a heading when its formatting says so: short, with no closing stop."""
    s = line.strip()
    return len(s) <= 80 and not s.endswith((".", ",", ";")) and _WORDS.search(s) is not None


def titled_block(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is the title of the block under it, in sentence case ("Planning ahead", "Who to
    contact", "Safety plan (agreed with Owen)"): a few words with no figures, colon or closing stop, after a
    blank line, a finished sentence or a list item, with a sentence or a list item under it (a blank line
    between is allowed). Exported text loses the bold or heading style that makes such a line a heading in
    the DOCX, PDF or HTML of the same letter; without it, a GP-actions section ran on over the blocks after
    it. Salutations, names, sign-offs, asks ("Review BP") and the start of a wrapped sentence are not
    titles. Lines are read stripped, so they may keep their line ends."""
    s = lines[i].strip()
    if i == 0 or i + 1 >= len(lines) or not s[:1].isupper():
        return False
    above = lines[i - 1].strip()
    if above and not above.endswith((".", "!", "?")) and not _BULLET.match(above):
        return False
    words = s.split()
    if len(words) > 5 or len(s) > 48 or _FIGURES.search(s) or s.endswith((".", ",", ";", "?", "!", ":")):
        return False
    if words[0].rstrip(".,") in _NOT_TITLES or words[0].lower() in _ASK_WORDS or "," in s or ":" in s:
        return False
    if words[-1].lower() in _JOINS:
        return False
    below = lines[i + 1].strip()
    if not below and i + 2 < len(lines):
        below = lines[i + 2].strip()
    if _BULLET.match(below):
        return True
    sentence = below[:1].isupper() or below[:1].isdigit()
    return len(below.split()) >= 6 and sentence and line_kind(below) == "paragraph"


def add_lines(
    builder: LetterBuilder, text: str, *, page: int = 1, headings: set[str] | frozenset[str] = frozenset()
) -> None:
    """Append each non-blank line of ``text`` as a block of the kind its shape suggests; a line whose text
    (spaces collapsed) is in ``headings`` (the bold paragraphs of an RTF) is a heading, unless it reads as a
    sentence or list item."""
    caps_are_headings = not mostly_capitals(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if i % 200 == 0:
            check_deadline()
        if not line.strip():
            continue
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c.strip()]
        if len(cells) >= 2:
            builder.add_row(cells, page=page)
            continue
        kind = line_kind(line, caps_are_headings=caps_are_headings)
        if kind == "paragraph" and (
            (headings and _titled(line) and " ".join(line.split()) in headings)
            or (caps_are_headings and titled_block(lines, i))
        ):
            kind = "heading"
        builder.add(kind, line, page=page)


def read_text(data: bytes, name: str, builder: LetterBuilder) -> None:
    add_lines(builder, decode_text(data, name))
