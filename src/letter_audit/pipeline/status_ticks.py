"""Template choices for ``la_status``: the options a form offered but the writer did not pick.

Why: ED, SDEC and EPR templates print every choice of a field and mark one ("Fit note: [ ] Issued
[x] Not required [ ] GP to issue", "Fit note: issued / not required / GP to issue: NOT REQUIRED",
"Fit note issued Y/N: N"). The words of the options left unpicked are form furniture, not what the
letter says; read as prose they give "issued" and "GP to issue" for a letter that says neither.

``blank_unchosen`` returns the text with those options (and the tick marks) replaced by spaces, so
every offset still points into the letter, plus the blanked ranges (a request found inside one is
the form's, not the writer's).
"""

from __future__ import annotations

import re

# A ticked box: [x], [X], [✓], (x), ☒, ☑; an empty one: [ ], ( ), ☐, □.
_TICKED = r"\[\s*[xX✓✔*]\s*\]|\(\s*[xX✓✔]\s*\)|[☒☑✔✓■]"
_UNTICKED = r"\[\s*\]|\(\s*\)|[☐□]"
_GLYPHS = "☒☑✔✓■☐□"  # quick test: a letter with none of these, "[", "( " or "(x)" has no boxes
_BOX = re.compile(rf"(?P<on>{_TICKED})|(?P<off>{_UNTICKED})")
# "Label: opt / opt / opt: CHOICE": a slash list of short options, then the one chosen after a colon.
_OPTION_LIST = re.compile(
    r"(?m)^(?P<label>[^:\n]{2,40}?)[:|][ \t]*"
    r"(?P<opts>[A-Za-z][\w '()-]{0,30}?(?:[ \t]*/[ \t]*[A-Za-z][\w '()-]{0,30}?){1,5})"
    r"[ \t]*[:=][ \t]*(?=\S)"
)
# "Fit note issued (Y/N): N", "Fit note required? Yes/No - No": the offered pair before the answer.
_YES_NO = re.compile(r"\(?\b(?:Y\s*/\s*N|Yes\s*/\s*No)\b\)?(?=\s*[:?=-]?\s*(?:Y|N|Yes|No)\b)", re.IGNORECASE)


def _chosen_from(opts: str, choice: str) -> bool:
    """Whether the answer after the colon is one of the options offered (so the list is a form's)."""
    answer = choice.strip().lower()
    return any(answer.startswith(o.strip().lower()) for o in opts.split("/") if o.strip())


def blank_unchosen(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with unpicked template options and tick marks blanked (same length), and the blanked
    ranges of unpicked options. A line with no box, option list or Y/N pair is left as it is."""
    chars: list[str] | None = None
    blanked: list[tuple[int, int]] = []

    def blank(s: int, e: int, record: bool = True) -> None:
        nonlocal chars
        if chars is None:
            chars = list(text)
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
        if record and e > s:
            blanked.append((s, e))

    low = text.lower()
    boxes_may = "[" in text or "( " in text or "(x)" in low or any(g in text for g in _GLYPHS)
    if boxes_may and _BOX.search(text):
        pos = 0
        for line in text.split("\n"):
            boxes = list(_BOX.finditer(line))
            for i, b in enumerate(boxes):
                if b.group("off"):  # the option runs to the next box or the line's end
                    end = boxes[i + 1].start() if i + 1 < len(boxes) else len(line)
                    blank(pos + b.start(), pos + end)
                else:  # a ticked option stays; only its mark goes
                    blank(pos + b.start(), pos + b.end(), record=False)
            pos += len(line) + 1
    for m in _OPTION_LIST.finditer(text):
        le = text.find("\n", m.end())
        if _chosen_from(m.group("opts"), text[m.end() : le if le >= 0 else len(text)]):
            blank(m.start("opts"), m.end())
    if "y/n" in low or "yes/no" in low or "y / n" in low or "yes / no" in low:
        for m in _YES_NO.finditer(text):
            blank(m.start(), m.end())
    return ("".join(chars) if chars is not None else text), sorted(blanked)
