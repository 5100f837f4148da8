"""RTF letters (a common export of clinical systems), via striprtf, then read as lines of text.

striprtf gives the text but drops the formatting, and a clinical system's RTF marks its headings by bold
alone ("{\\b Plan}\\par"). ``bold_paragraphs`` walks the RTF's groups once to find the paragraphs that are
bold throughout, so those lines are read as headings, as the DOCX and PDF readers read a bold line.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .builder import LetterBuilder
from .text import add_lines, decode_text

# A control word with its optional number and the one space that ends it, a control symbol, a brace, or a
# run of plain text.
_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S
)
# Groups whose text is not the letter's: font and colour tables, document information, pictures, headers.
_SKIP = frozenset(
    "fonttbl colortbl stylesheet info pict object header headerl headerr headerf footer footerl footerr "
    "footerf listtable listoverridetable rsidtbl generator xmlnstbl latentstyles themedata "
    "colorschememapping datastore filetbl revtbl pgdsctbl fldinst shppict nonshppict".split()
)
_BREAKS = frozenset(("par", "row", "cell", "sect", "page"))
_MAX_HEADING = 80


def bold_paragraphs(rtf: str) -> set[str]:
    """The text (spaces collapsed) of every short paragraph whose letters are all bold."""
    out: set[str] = set()
    stack: list[tuple[bool, bool]] = []
    bold = skip = False
    chars: list[str] = []
    all_bold = True
    fresh_group = False  # just after "{": a "\*" or a destination word there makes the group skipped
    fallback = 0  # characters still to drop after a "\uN" (its stand-in for readers without Unicode)

    def end_paragraph() -> None:
        nonlocal all_bold
        text = " ".join("".join(chars).split())
        if text and all_bold and len(text) <= _MAX_HEADING:
            out.add(text)
        chars.clear()
        all_bold = True

    def add_text(text: str) -> None:
        nonlocal all_bold
        if skip:
            return
        if not bold and text.strip():
            all_bold = False
        chars.append(text)

    for m in _TOKEN.finditer(rtf):
        word, number, hexa, symbol, brace, text = m.groups()
        starting, fresh_group = fresh_group, False
        if fallback and (hexa is not None or text is not None):
            if hexa is not None or len(text) <= fallback:
                fallback -= 1 if hexa is not None else len(text)
                continue
            text, fallback = text[fallback:], 0
        if brace == "{":
            stack.append((bold, skip))
            fresh_group = True
        elif brace == "}":
            if stack:
                bold, skip = stack.pop()
        elif word is not None:
            if starting and word in _SKIP:
                skip = True
            elif word == "b":
                bold = number != "0"
            elif word == "plain":
                bold = False
            elif word in _BREAKS:
                end_paragraph()
            elif word in ("tab", "line"):
                add_text(" ")
            elif word == "u" and number is not None:
                add_text(chr(int(number) % 0x10000))
                fallback = 1
        elif symbol is not None:
            if symbol == "*" and starting:
                skip = True
            elif symbol == "~":
                add_text(" ")
            elif symbol in "\\{}":
                add_text(symbol)
        elif hexa is not None:
            add_text(bytes([int(hexa, 16)]).decode("cp1252", errors="replace"))
        elif text is not None:
            add_text(text)
    end_paragraph()
    return out


def read_rtf(data: bytes, name: str, builder: LetterBuilder) -> None:
    from striprtf.striprtf import rtf_to_text

    raw = decode_text(data, name)
    try:
        # striprtf ends each table cell with "|"; those become tab stops, which the line reader splits on.
        text = rtf_to_text(raw, errors="replace")
    except Exception as exc:  # striprtf raises bare exceptions on malformed groups
        raise InputError(f"RTF is damaged and cannot be read: {exc}", path=name) from None
    lines = (line.rstrip().removesuffix("|").replace("|", "\t") for line in text.splitlines())
    add_lines(builder, "\n".join(lines), headings=bold_paragraphs(raw))
