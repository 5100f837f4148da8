"""HTML letters (ITK and other rendered exports): headings, paragraphs, list items and table rows in
document order.

Walks the parsed tree once. A paragraph written in bold alone (``<p><b>Planning ahead</b></p>``, or a bold
line ended by ``<br>``), short and with no closing stop, is a heading, as the DOCX reader reads a bold
paragraph. Inline text collects into the current paragraph; a block-level element or
``<br>`` ends it. A table row whose cells hold only inline content becomes one ``table_row``; a row whose
cells hold whole tables or lists is a layout device, so its cells are read one after another.
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
        self.b.add_row([_cell_text(c) for c in cells])


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
