"""``la_status``'s contact point: the team's telephone or address the practice can use.

Why its own module: a contact is found line by line (a mobile number counts only beside team words)
and, failing the letter's text, in its furniture (letterhead and footer lines), unlike the other two
verdicts which are decided sentence by sentence.
"""

from __future__ import annotations

import re
from typing import Any

from .ruledata import compile_pattern
from .rxfilter import Haystack
from .status_rules import StatusRules
from .status_scan import BEFORE_REACH, Hit, compile_cues

_PROSE_LINE = 200  # a line this long is a paragraph, not a letterhead or table row
_STOP = re.compile(r"[.;](?:\s|$)")


_NEAR = 40  # the words just ahead of a number that may name whose it is

def _sentence(line: str, start: int, end: int) -> str:
    """The piece of a line between the full stops (or semicolons) around a hit."""
    ss = 0
    for m in _STOP.finditer(line, 0, start):
        ss = m.end()
    stop = _STOP.search(line, end)
    return line[ss : stop.start() if stop else len(line)]


class ContactFinder:
    """The contact cues compiled once and the choice of the letter's contact point."""

    def __init__(self, rules: StatusRules) -> None:
        self.rules = rules
        self.contact = compile_cues(rules.contact.cues)
        self.not_team = compile_pattern(rules.contact.not_team)
        self.team_words = compile_pattern(rules.contact.team_words)

    def _team_hit(
        self, line: str, m: re.Match[str], cell: str = "", seg: str = "", near: str = ""
    ) -> bool:
        """Whether a hit on this line is the team's: never on a line ``not_team`` marks, and a mobile
        number (07...) only on a line with team words. In a table row the hit's own cell decides when it
        names the team ("GP: Dr A - Ashgrove Surgery | Specialist nurse: C Dunne 01632 944 190")."""
        if near and self.team_words.search(near) and not self.not_team.search(near):
            # the words just ahead of the number name the team ("fax results to the haem secretaries (fax
            # 01632 ...)", "Children's Bowel Service, Millbrook Hospital - 01632 ...") whatever else the line
            # says ("at surgery", "Please quote hospital number")
            line = near
        elif cell and self.team_words.search(cell) and not self.not_team.search(cell):
            line = cell
        # the sentence the hit sits in decides when it names the team ("Eastgate Health Centre, Whitby.
        # Secretary: 01632 ...") or the line is a paragraph of prose ("... hotline number 0800 ... rather
        # than his GP", with "at home" two sentences away)
        elif seg and (len(line) > _PROSE_LINE or self.team_words.search(seg)):
            line = seg if not self.not_team.search(seg) else line
        if self.not_team.search(line):
            return False
        digits = re.sub(r"\D", "", m.group(0))
        return not (digits.startswith("07") and not self.team_words.search(line))

    def _contact_hits(self, text: str, hay: Haystack | None = None) -> list[Hit]:
        hay = hay or Haystack(text)
        found: list[Hit] = []
        for rid, _, before, gate, scanner in self.contact:
            if not gate.may_match(hay):
                continue
            # only where the cue's first words are (``Scanner.finditer``: the same matches as ``finditer``)
            for m in scanner.finditer(text, scanner.starts(hay.low)):
                ls = text.rfind("\n", 0, m.start()) + 1
                le = text.find("\n", m.start())
                line = text[ls : le if le >= 0 else len(text)]
                cell = ""
                if "|" in line:
                    cs = text.rfind("|", ls, m.start()) + 1 or ls
                    ce = text.find("|", m.end(), ls + len(line))
                    cell = text[cs : ce if ce >= 0 else ls + len(line)]
                seg = _sentence(line, m.start() - ls, m.end() - ls)
                near = text[max(ls, m.start() - _NEAR) : m.start()]
                if m.end() > ls + len(line) or not self._team_hit(line, m, cell, seg, near):
                    continue
                start = m.start()
                if before is not None:
                    b = before.search(text, max(ls, m.start() - BEFORE_REACH), m.start())
                    if b is None:
                        continue
                    start = b.start()
                found.append((start, m.end(), rid))
        return found

    def contact_point(
        self,
        text: str,
        contact_spans: list[tuple[int, int]],
        furniture: list[str],
        hay: Haystack | None = None,
    ) -> dict[str, Any] | None:
        """The first contact in the letter's contact section, else the first anywhere in its text, else the
        first in its furniture (no offsets there: furniture lines are not part of the text)."""
        found = self._contact_hits(text, hay)
        if found:
            in_contact = [h for h in found if any(cs <= h[0] < ce for cs, ce in contact_spans)]
            s, e, rid = min(in_contact or found)
            return {"detail": text[s:e].strip(), "start": s, "end": e, "rule": rid}
        for line in furniture:
            hits = self._contact_hits(line)
            if hits:
                s, e, rid = min(hits)
                return {"detail": line[s:e].strip(), "start": None, "end": None, "rule": rid + "-furniture"}
        return None
