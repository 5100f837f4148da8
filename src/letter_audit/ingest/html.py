"""HTML letters (ITK and other rendered exports): headings, paragraphs, list items and table rows in
document order.

Walks the parsed tree once. A paragraph written in bold alone (``<p><b>Planning ahead</b></p>``, or a bold
line ended by ``<br>``), short and with no closing stop, is a heading, as the DOCX reader reads a bold
paragraph. Inline text collects into the current paragraph; a block-level element or
``<br>`` ends it. A table row whose cells hold only inline content becomes one ``table_row``; a row whose
cells hold whole tables or lists is a layout device, so its cells are read one after another.

What an ITK renderer prints beside the letter is not read: a container holding only a machine dump of the
FHIR resources (field names, urn:uuid references, URLs, timestamps), and a container repeating one already
read word for word. A table row labelled with the heading right above it is that heading's content.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..letter import BlockKind
from .builder import LetterBuilder
from .grid import grid_pairs
from .limits import check_deadline
from .text import decode_text

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "button", "select", "option"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "pre",
    "address", "figure", "figcaption", "form", "fieldset", "dl", "dt", "dd", "ul", "ol", "li", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "hr", "center", "body", "html",
    "h1", "h2", "h3", "h4", "h5", "h6", "text",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NESTED_BLOCKS = ("table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div")


# A machine dump of the data behind the letter (the FHIR resources an ITK renderer prints after the
# letter: "Identifier: | Use: | System:" field rows, urn:uuid references, terminology URLs, timestamps)
_DUMP_TAGS = {"div", "section", "article", "aside", "table", "text"}
_FIELD_LABEL = re.compile(r"[A-Za-z][\w ./()-]{0,40}:")
_LEAD_LABEL = re.compile(r"[A-Za-z][\w ./()-]{0,40}:\s+")
_MACHINE_TOKEN = re.compile(
    r"(?:urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|(?:https?|urn):\S+"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"
    r"|\d{6,}",
    re.IGNORECASE,
)
_STRONG_TOKEN = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|https?://|\dT\d\d:", re.I)
_PROSE_WORDS = 8
_LONG_WORDS = 15
_MIN_BARE_FIELDS = 6
_MIN_REPEAT = 200  # characters: a repeated container shorter than this (a heading, a date) is read again


# A work telephone or email among a dump's fields ("System: phone / Value: 01234 956412 / Use: work", the
# telecom of the practitioner or organisation behind an ITK letter); a home or mobile one is the patient's.
_WORK_TELECOM = re.compile(r"\bSystem:\s*(phone|email)\s+Value:\s*([^:]+?)\s+Use:\s*work\b", re.IGNORECASE)
_TELECOM_LABEL = {"phone": "Tel", "email": "Email"}


def _work_telecoms(tag: Tag) -> list[str]:
    """The work telephones and emails in a machine dump, as letterhead lines ("Tel: 01234 956412"): the
    dump is not read as letter text, but these are how the practice can reach the team that wrote it."""
    text = " ".join(tag.get_text(" ").split())
    return [f"{_TELECOM_LABEL[m[1].lower()]}: {m[2]}" for m in _WORK_TELECOM.finditer(text)]


def _machine_dump(tag: Tag, styled_as_dump: bool = False) -> bool:
    """Whether a container holds only a machine dump of field names and identifiers, not letter text.

    Each string in it (outside headings) is a unit: a field name left empty ("Period Start:"), a machine
    value (urn:uuid references, URLs, timestamps, long codes, after an optional "Label: "), running text
    (eight words or more), or something else. A dump has no running text, at least three units, half of
    them field names or machine values, and at least one identifier, URL or timestamp a person would not
    write. A letterhead of "NHS No: 943 476 5919" lines has none of the last, so it is kept. A container
    styled as one already found to be a dump (``styled_as_dump``: a renderer prints every resource in the
    same box) is one too when it holds no running text.
    """
    units = labels = empty = strong = 0
    for node in tag.find_all(string=True):
        if isinstance(node, Comment) or not node.strip():
            continue
        if _under_title(node, tag):
            continue
        text = " ".join(node.split())
        units += 1
        rest = text[m.end() :] if (m := _LEAD_LABEL.match(text)) else text
        if _FIELD_LABEL.fullmatch(text):
            labels += 1
            empty += 1
        elif all(_MACHINE_TOKEN.fullmatch(t) for t in rest.split()):
            labels += 1
            strong += bool(_STRONG_TOKEN.search(rest))
        elif _prose(text):
            return False
    if styled_as_dump:
        return True
    if strong:
        return units >= 3 and 2 * labels >= units
    return units >= _MIN_BARE_FIELDS and 2 * empty >= units


def _under_title(node: NavigableString, top: Tag) -> bool:
    """Whether a string stands in a heading (or unread markup) inside ``top``."""
    for parent in node.parents:
        if parent is top:
            return False
        if parent.name in _HEADINGS or parent.name in _SKIP:
            return True
    return False


def _prose(text: str) -> bool:
    """Running text: a sentence of eight words or more, or any string of fifteen."""
    words = len(text.split())
    return words >= _LONG_WORDS or (words >= _PROSE_WORDS and text.endswith((".", "?", "!", ":")))


_BOLD = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_MAX_BOLD_HEADING = 80


def _bold_tag(tag: Tag) -> bool:
    return (tag.name or "").lower() in _BOLD or bool(_BOLD_STYLE.search(str(tag.get("style") or "")))


class _Walker:
    def __init__(self, builder: LetterBuilder) -> None:
        self.b = builder
        self.buf: list[str] = []
        self.plain = False  # some text of the paragraph in hand is not bold
        self.bold = 0  # how many bold elements the walk is inside
        self.count = 0
        self.heading: str | None = None  # the heading just read, while nothing has followed it
        self.dump_styles: set[tuple[str, str]] = set()  # tag and class of the dumps found so far
        self.read_blocks: dict[str, Tag] = {}  # the first container read with each sizeable text
        self.pairs: dict[int, Tag] = {}  # a paired-section grid's heading row -> the row of its contents
        self.bodies: set[int] = set()

    def flush(self, kind: BlockKind = "paragraph", level: int | None = None) -> None:
        text = " ".join("".join(self.buf).split())
        if (
            kind == "paragraph"
            and text
            and not self.plain
            and len(text) <= _MAX_BOLD_HEADING
            and not text.endswith((".", ",", ";"))
        ):
            kind = "heading"
        self.buf = []
        self.plain = False
        if text:
            self.heading = text if kind == "heading" else None
        self.b.add(kind, text, level=level)

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buf.append(str(child))
                self.plain = self.plain or (not self.bold and bool(child.strip()))
                continue
            if not isinstance(child, Tag):
                continue
            self.count += 1
            if self.count % 500 == 0:
                check_deadline()
            name = (child.name or "").lower()
            if name in _SKIP:
                continue
            if name == "br":
                self.flush()
            elif name in _HEADINGS:
                self.flush()
                self.walk(child)
                self.flush("heading", _HEADINGS[name])
            elif name == "li":
                self.flush()
                self.buf.append(_li_mark(child))
                self.walk(child)
                self.flush("list_item")
            elif name == "tr":
                self.flush()
                if id(child) in self.pairs:
                    self.pair(child, self.pairs[id(child)])
                elif id(child) not in self.bodies:
                    self.row(child)
            elif name in _DUMP_TAGS and self.skip(child, name):
                self.flush()
            elif name == "table":
                self.find_pairs(child)
                self.flush()
                self.walk(child)
                self.flush()
            elif name in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            elif _bold_tag(child):
                self.bold += 1
                self.walk(child)
                self.bold -= 1
            else:
                self.walk(child)

    def skip(self, tag: Tag, name: str) -> bool:
        """Whether a container is not letter text: a machine dump (``_machine_dump``), or a repeat of a
        container already read word for word (an ITK renderer prints the letter's sections a second time
        among the resources)."""
        style = (name, " ".join(tag.get("class") or []))
        if _machine_dump(tag, bool(style[1]) and style in self.dump_styles):
            if style[1]:
                self.dump_styles.add(style)
            for line in _work_telecoms(tag):
                self.b.add_furniture(line)
            return True
        if name == "table":
            return False
        text = " ".join(tag.get_text(" ").split())
        if len(text) < _MIN_REPEAT:
            return False
        first = self.read_blocks.setdefault(text, tag)
        # the same words in a container inside the first (a section's <text> and the <div> in it) are it
        return first is not tag and not any(parent is first for parent in tag.parents)

    def find_pairs(self, table: Tag) -> None:
        """Note the paired rows of a table (``grid.grid_pairs``: a row of headings over their contents)."""
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
        texts = [
            ["\n".join(" ".join(x.split()) for x in _cell_text(c).split("\n") if x.strip()) for c in r]
            for r in cells
        ]
        for head, body in grid_pairs(texts, lambda r, i: _all_bold(cells[r][i])).items():
            if any(c.name == "th" for c in cells[head]):
                continue  # column headers of a data table ("Status | Class" over "finished")
            self.pairs[id(rows[head])] = rows[body]
            self.bodies.add(id(rows[body]))

    def pair(self, head: Tag, body: Tag) -> None:
        """A grid's two rows read column by column: each heading, then the blocks of the cell under it."""
        heads = head.find_all(["td", "th"], recursive=False)
        for h, cell in zip(heads, body.find_all(["td", "th"], recursive=False), strict=True):
            self.b.add("heading", " ".join(h.get_text(" ").split()))
            self.walk(cell)
            self.flush()

    def row(self, tr: Tag) -> None:
        cells = [c for c in tr.find_all(["td", "th"], recursive=False)]
        if any(c.find(_NESTED_BLOCKS) for c in cells):
            for cell in cells:
                self.walk(cell)
                self.flush()
            return
        texts = [_cell_text(c) for c in cells]
        if self.heading is not None and texts and _same_words(texts[0], self.heading):
            # a row labelled with the heading right above it ("Plan" over "Plan | Please ...", as ITK
            # renderers print a section): the label is that heading again, so the row is its content
            texts = texts[1:]
        if any(t.strip() for t in texts):
            self.heading = None
        self.b.add_row(texts)


def _same_words(a: str, b: str) -> bool:
    return a.split() != [] and [w.casefold() for w in a.split()] == [w.casefold() for w in b.split()]


def _all_bold(cell: Tag) -> bool:
    """Whether all the text of a table cell is bold (inside ``<b>``, ``<strong>`` or a bold style)."""
    texts = [t for t in cell.find_all(string=True) if t.strip() and not isinstance(t, Comment)]
    return bool(texts) and all(_bold_in(t, cell) for t in texts)


def _bold_in(node: NavigableString, cell: Tag) -> bool:
    for parent in node.parents:
        if _bold_tag(parent):
            return True
        if parent is cell:
            return False
    return False


def _li_mark(li: Tag) -> str:
    """The mark a browser shows before a list item, which is not in its text: "N. " in an ``<ol>`` (from
    its ``start``, else 1), "• " otherwise."""
    ol = li.parent
    if not isinstance(ol, Tag) or ol.name != "ol":
        return "\u2022 "
    start = str(ol.get("start") or "1").strip()
    place = next(i for i, item in enumerate(ol.find_all("li", recursive=False)) if item is li)
    return f"{(int(start) if start.isdigit() else 1) + place}. "


def _cell_text(cell: Tag) -> str:
    """A cell's text, with ``<br>`` kept as a line break inside the cell."""
    parts: list[str] = []
    for node in cell.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if not any(p.name in _SKIP for p in node.parents if isinstance(p, Tag)):
                parts.append(" ".join(str(node).split()) if str(node).strip() else " ")
        elif isinstance(node, Tag) and node.name in ("br", "li", "div", "p"):
            parts.append("\n")
            if node.name == "li":
                parts.append(_li_mark(node))
    return "".join(parts)


def read_html(data: bytes, name: str, builder: LetterBuilder) -> None:
    text = decode_text(data, name) if not data.lstrip().startswith(b"<") else None
    soup = BeautifulSoup(text if text is not None else data, "lxml")
    root = soup.body or soup
    walker = _Walker(builder)
    walker.walk(root)
    walker.flush()
