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
# Round 24: or after an arrow, as typed forms point to the choice ("Follow-up:  Clinic / GP / None  → None",
# "Fit note issued: Y / N -> N").
_OPTION_LIST = re.compile(
    r"(?m)^(?P<label>[^:\n]{2,40}?)[:|][ \t]*"
    r"(?P<opts>[A-Za-z][\w '()-]{0,30}?(?:[ \t]*/[ \t]*[A-Za-z][\w '()-]{0,30}?){1,5})"
    r"[ \t]*(?:→|⇒|-+>|=>|[:=])[ \t]*(?=\S)"
)
# Round 24: or typed after the options with only a run of spaces or a tab between ("Follow-up: GP / clinic /
# none none"); then the answer must be one of the options whole, with nothing after it but a dash and a note.
_OPTION_SPACED = re.compile(
    r"(?m)^(?P<label>[^:\n]{2,40}?)[:|][ \t]*"
    r"(?P<opts>[A-Za-z][\w'()-]{0,20}(?:[ \t]?[\w'()-]+){0,2}"
    r"(?:[ \t]*/[ \t]*[A-Za-z][\w'()-]{0,20}(?:[ \t]?[\w'()-]+){0,2}){1,5})"
    r"(?:[ \t]{2,}|\t[ \t]*)(?=\S)"
)


def _answer_is_option(opts: str, answer: str) -> bool:
    """Whether the answer typed after the spaces is one of the options, whole ("none", "Clinic - 6 weeks")."""
    head = re.split(r"\s+[-–(]\s*|[.;,]", answer.strip(), maxsplit=1)[0].strip().lower()
    return bool(head) and head in {o.strip().lower() for o in opts.split("/") if o.strip()}


# "Fit note issued (Y/N): N", "Fit note required? Yes/No - No": the offered pair before the answer.
_YES_NO = re.compile(r"\(?\b(?:Y\s*/\s*N|Yes\s*/\s*No)\b\)?(?=\s*[:?=-]?\s*(?:Y|N|Yes|No)\b)", re.IGNORECASE)


def _chosen_from(opts: str, choice: str) -> bool:
    """Whether the answer after the colon is one of the options offered (so the list is a form's)."""
    answer = choice.strip().lower()
    return any(answer.startswith(o.strip().lower()) for o in opts.split("/") if o.strip())


def _todo_lines(lines: list[str]) -> set[int]:
    """Lines of a checklist to work through ("GP TO-DO LIST / [ ] Review at 3 months with the patient ..."):
    a run of lines that each open with one empty box, none ticked, each item a phrase of four words or
    more. Those boxes wait for the reader to tick them; they are not a form's options left unpicked
    ("[ ] Issued / [x] Not required"), whose items are a word or three."""
    todo: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if run and all(len(_BOX.sub(" ", lines[k]).split()) >= 4 for k in run):
            todo.update(run)
        run.clear()

    for n, line in enumerate(lines):
        boxes = list(_BOX.finditer(line))
        opens = len(boxes) == 1 and not line[: boxes[0].start()].strip(" \t-*•")
        if opens and boxes[0].group("off"):
            run.append(n)
            continue
        if boxes:  # a ticked box, or several on one line: a form, and the run it ends is one too
            run.clear()
            continue
        close()
    close()
    return todo


_PRACTICE_HEADING = re.compile(r"\b(?:GP|G\.P\.|practice|surgery|primary\s+care)\b", re.IGNORECASE)


def practice_todo(text: str) -> list[tuple[int, int]]:
    """The items of an unticked checklist headed for the practice ("GP TO-DO LIST", "For the surgery:"):
    each is a task the letter hands the GP, whatever its words, so a "Review at 3 months" among them is
    the practice's review, not the hospital's plan. Spans of the item text, box mark excluded."""
    if "[" not in text and "( " not in text and not any(g in text for g in _GLYPHS):
        return []
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    todo = sorted(_todo_lines(lines))
    out: list[tuple[int, int]] = []
    for n in todo:
        head = n
        while head - 1 in todo:
            head -= 1
        if head == 0 or not _PRACTICE_HEADING.search(lines[head - 1]) or len(lines[head - 1].split()) > 8:
            continue
        box = _BOX.search(lines[n])
        if box is not None:
            out.append((starts[n] + box.end(), starts[n] + len(lines[n])))
    return out


# An unpicked Yes/No option followed by a break and words of the writer's own ("[ ] No - physio 2/52").
_YES_NO_TAIL = re.compile(r"[ \t]*(?:Yes|No|Y|N)\b(?=[ \t]*[-–:][ \t]*\w)", re.IGNORECASE)


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
        lines = text.split("\n")
        todo = _todo_lines(lines)
        for n, line in enumerate(lines):
            boxes = list(_BOX.finditer(line))
            if n in todo:  # a to-do item, not an option: only its mark goes
                blank(pos + boxes[0].start(), pos + boxes[0].end(), record=False)
                pos += len(line) + 1
                continue
            for i, b in enumerate(boxes):
                if b.group("off"):  # the option runs to the next box or the line's end
                    end = boxes[i + 1].start() if i + 1 < len(boxes) else len(line)
                    if i + 1 == len(boxes) and any(o.group("on") for o in boxes[:i]):
                        # "[x] Yes [ ] No - physio 2/52, consultant clinic 6/52": after the last, unpicked
                        # Yes/No and a break, the writer's words answer the field ticked before it
                        tail = _YES_NO_TAIL.match(line, b.end())
                        if tail is not None:
                            end = tail.end()
                    blank(pos + b.start(), pos + end)
                else:  # a ticked option stays; only its mark goes
                    blank(pos + b.start(), pos + b.end(), record=False)
            pos += len(line) + 1
    for m in _OPTION_LIST.finditer(text):
        le = text.find("\n", m.end())
        if _chosen_from(m.group("opts"), text[m.end() : le if le >= 0 else len(text)]):
            blank(m.start("opts"), m.end())
    for m in _OPTION_SPACED.finditer(text):
        le = text.find("\n", m.end())
        if _answer_is_option(m.group("opts"), text[m.end() : le if le >= 0 else len(text)]):
            blank(m.start("opts"), m.end())
    if "y/n" in low or "yes/no" in low or "y / n" in low or "yes / no" in low:
        for m in _YES_NO.finditer(text):
            blank(m.start(), m.end())
    return ("".join(chars) if chars is not None else text), sorted(blanked)


# Round 23: a ticked form option that is itself a follow-up with the team ("Outcome: [ ] Discharged to GP  [x]
# Follow-up  [ ] PIFU", "☑ Clinic follow-up"); an option naming the practice ("Follow-up with GP") is not one.
_FOLLOW_OPTION = re.compile(
    r"[ \t]*(?:(?:clinic|hospital|out-?patient|OPD|consultant|nurse|specialist|further|routine)[ \t]+)?"
    r"(?:follow[- ]?up|review|appointment)(?:[ \t]+(?:required|booked|arranged|in[ \t]+clinic))?[ \t]*",
    re.IGNORECASE,
)


def ticked_follow_up(text: str) -> list[tuple[int, int]]:
    """Spans of ticked form options that are a follow-up with the team (the option's words, mark excluded):
    the form's outcome is the hospital's own next contact, though no sentence says so."""
    low = text.lower()
    if not ("[" in text or "(x)" in low or any(g in text for g in _GLYPHS)):
        return []
    if "follow" not in low and "review" not in low and "appointment" not in low:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        boxes = list(_BOX.finditer(line))
        for i, b in enumerate(boxes):
            if not b.group("on"):
                continue
            end = boxes[i + 1].start() if i + 1 < len(boxes) else len(line)
            if _FOLLOW_OPTION.fullmatch(line, b.end(), end):
                lead = len(line[b.end() : end]) - len(line[b.end() : end].lstrip())
                out.append((pos + b.end() + lead, pos + len(line[:end].rstrip())))
        pos += len(line) + 1
    return out


# The answer a Y/N question field gives on its own line: "Y/N   Y", "Yes", "N - not required".
_FIELD_ANSWER = re.compile(
    r"[ \t]*(?:(?:Y\s*/\s*N|Yes\s*/\s*No)\b[ \t]*[:=-]?[ \t]*)?(?:Y|N|Yes|No)\b", re.IGNORECASE
)


def join_field_answers(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences with a question field and its answer on the same line made one ("Fit note issued? Y/N
    Y (2 weeks)" splits at the "?"): a field's cue must reach its answer. A new list; the rest as it was."""
    if "?" not in text:
        return units
    out: list[tuple[int, int]] = []
    for us, ue in units:
        if out:
            ps, pe = out[-1]
            if (
                text[ps:pe].rstrip().endswith("?")
                and "\n" not in text[pe:us]
                and _FIELD_ANSWER.match(text, us) is not None
            ):
                out[-1] = (ps, ue)
                continue
        out.append((us, ue))
    return out


# A heading that hands the list below it to the practice ("GP:", "Plan - GP:", "Actions for GP:",
# "GP/practice nurse:", "For the practice"), alone on its line.
_PRACTICE_LIST_HEAD = re.compile(
    r"[ \t]*(?:\*\*|#+[ \t]*)?"
    r"(?:(?:plan|actions?|requests?|tasks?|recommendations?|jobs|to[ \t]+do|clinician)"
    r"[ \t]*(?:for|of|to|[-–/:])[ \t]*|for[ \t]+)?(?:the[ \t]+)?(?:GP|G\.P\.|practice|primary[ \t]+care)"
    r"(?:[ \t]*(?:/|and|&)[ \t]*(?:practice[ \t]+)?nurse)?"
    r"(?:[ \t]+(?:actions?|to[ \t]+do|tasks?|requests?|plan))?"
    r"[ \t]*:?[ \t]*(?:\*\*)?[ \t]*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•▪●]|\d{1,2}[.)]|\(?[a-z]\))[ \t]+(?=\S)")


def practice_list_items(text: str) -> list[tuple[int, int]]:
    """The items of a bulleted or numbered list right under a heading that names the practice ("Plan - GP:",
    then "1) ...", "2) review in 6 weeks"): each asks the practice, owner named or not (fixtures/README.md:
    an action with no owner counts as a GP action under an actions-for-GP heading). Spans of the item text,
    marker excluded; the list ends at the first line that is not an item."""
    low = text.lower()
    if "GP" not in text and "practice" not in low and "primary" not in low:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    under = False
    for line in text.split("\n"):
        if under:
            m = _LIST_ITEM.match(line)
            if m is not None:
                out.append((pos + m.end(), pos + len(line.rstrip())))
            else:
                under = False
        if not under and _PRACTICE_LIST_HEAD.fullmatch(line):
            under = True
        pos += len(line) + 1
    return out
