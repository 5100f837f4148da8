"""``la_status``'s fit note decision: issued, requested from the GP, not needed, or missing.

Why its own module: the fit note has its own precedence (an ask to extend, then a fit-note section,
then the GP being asked, then the cue groups in order) and its own guards against reading an issued
note as a request and the other way round.
"""

from __future__ import annotations

import re
from typing import Any

from .ruledata import compile_pattern
from .rxfilter import Haystack, Scanner
from .status_rules import StatusRules
from .status_scan import NEGATED, Hit, compile_cues, scan

_ASIDE = re.compile(r"\([^()\n]{0,80}\)")  # a bracketed aside inside a cue
_IF_LEAD = re.compile(r"\W*(?:if|should|unless)\b", re.IGNORECASE)  # a request that opens with a condition


# a hand-over to the practice after a break inside a fit-note ask ("... from the day unit - GP please issue")
_HANDED_ON = re.compile(
    r"[.;,\u2013-]\s*(?:GP|practice|surgery)\s+(?:please|pls|to\s+(?:issue|provide|do))\b", re.IGNORECASE
)
# "He did not need a fit note earlier as he had self-certified, and I would be grateful if you could provide
# one for the coming weeks": an ask after a clause break is not negated by the "not" ahead of the note
_ASKED_AFTER = re.compile(
    r"[,;]\s*(?:and\s+|but\s+|so\s+)?(?:I\s+would\s+be\s+grateful\s+if\s+you\s+could|I\s+would\s+be\s+grateful\s+if\s+the\s+"
    r"(?:GP|practice)\s+could|please\s+could\s+you|could\s+you|would\s+you|can\s+you|please)\s+(?:please\s+)?"
    r"(?:provide|issue|give|do|write|extend|supply)\s+(?:him\s+|her\s+|them\s+)?(?:with\s+)?"
    r"(?:one|a\s+(?:new\s+|further\s+)?(?:fit|sick)\s*(?:note|line))\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-]|\d{1,2}\s+[A-Za-z]{3,9}\s+)(20\d\d)\b")


def _clause_end(text: str, end: int) -> int:
    """Where the sentence a hit ends in stops (a full stop or a line end): "please could you provide" asks
    nothing when the words after it are "any further fit note needed after that"."""
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i >= 0]
    return min(stops) if stops else len(text)


_ISSUED_HEAD = re.compile(r"\b(?:issued|given|provided|supplied|completed|done)\b\W*$", re.IGNORECASE)
"""A fit-note field that asks whether one was issued ("Fit note issued:", "Fit note given?")."""
_BARE_NO = re.compile(r"\W*(?:no|n|none|nil)", re.IGNORECASE)
# A field that asks whether the patient is fit for work ("Fit for work:", "Is the patient fit to work?"): its
# "yes" is fit, not a note issued, and its "no" a need; the cue groups read its answer.
_FIT_FOR_WORK_HEAD = re.compile(r"\bfit\s+(?:for|to)\s+(?:return\s+to\s+)?work\W*$", re.IGNORECASE)


# a line end is a break too: "Is the patient fit to work? [ ] Yes [x] No" answers its own field, not the note
# issued on the next line
_BREAK = re.compile(r".*(?:[-–:;|]\s|\n)", re.DOTALL)


def _after_break(before: str) -> str:
    """The words just ahead of a cue after the last field break in them: in "Fit for work: No - fit note
    issued" the "No" answers the field before, it does not negate the note."""
    m = _BREAK.match(before)
    return before[m.end() :] if m is not None else before


def _head_before(text: str, body: int) -> str:
    """The field's label just before a section body: the rest of its line, or the line above."""
    start = text.rfind("\n", 0, max(body - 1, 0)) + 1
    return text[start:body].rstrip(" \t\n:|?-")


class FitNoteFinder:
    """The fit note's compiled cues and the decision over them."""

    def __init__(self, rules: StatusRules) -> None:
        self.rules = rules
        fn = rules.fit_note
        self.fit_in_section = {
            "issued": compile_pattern(fn.issued_in_section),
            "not_needed": compile_pattern(fn.not_needed_in_section),
        }
        self.fit = [
            (status, compile_cues(getattr(fn, status)))
            for status in ("issued", "requested_from_gp", "not_needed", "missing")
        ]
        self.fit_requested = dict(self.fit)["requested_from_gp"]
        self.fit_ask = compile_pattern(fn.ask)
        self.fit_not_asked, self.fit_extension = compile_pattern(fn.not_asked), compile_pattern(fn.extension)
        self.fit_extension_if_needed = compile_pattern(fn.extension_if_needed)
        self.fit_weakest_needs = compile_pattern(fn.weakest_needs)
        self.fit_request_words = compile_pattern(fn.request_words)
        self.fit_handover, self.fit_words = compile_pattern(fn.handover), compile_pattern(fn.fit_words)
        # Searched over the whole letter, each only where it may start (``Scanner``).
        self.fit_major_op = Scanner(compile_pattern(fn.major_operation))
        self.fit_work_talk = Scanner(compile_pattern(fn.work_talk))
        self.fit_birth_year = Scanner(compile_pattern(fn.birth_year))
        self.fit_op_episode = Scanner(compile_pattern(fn.operation_episode))

    @staticmethod
    def _first(scanner: Scanner, text: str, hay: Haystack) -> re.Match[str] | None:
        return scanner.search(text, scanner.starts(hay.low))

    def working_age_after_operation(self, text: str, hay: Haystack | None = None) -> Hit | None:
        """A major operation in a letter whose patient is of working age (year of birth against the latest
        year the letter's dates give) and which says nothing at all of work: the patient clearly needs a fit
        note and none is mentioned (fixtures/README.md "missing"). The operation is the evidence.

        The operation is looked for first, as most letters name none, and each pattern only where it may
        start (``Scanner``: the same first match as ``search``)."""
        fn = self.rules.fit_note
        hay = hay or Haystack(text)
        op = self._first(self.fit_major_op, text, hay)
        if op is None:
            return None
        born = self._first(self.fit_birth_year, text, hay)
        if born is None or self._first(self.fit_work_talk, text, hay) is not None:
            return None
        # no episode: an operation told as history in a clinic letter
        if self._first(self.fit_op_episode, text, hay) is None:
            return None
        years = [int(y) for y in _YEAR.findall(text)]
        if not years:
            return None
        age = max(years) - int(born.group("year"))
        lo, hi = fn.working_age
        return (op.start(), op.end(), "fit-working-age-operation") if lo <= age <= hi else None

    @staticmethod
    def _contingent_ask(text: str, units: list[tuple[int, int]], hit: Hit) -> bool:
        """Whether an ask opens with a condition, or sits in a clause or sentence that does ("If he changes
        his mind, please could you issue one")."""
        if _IF_LEAD.match(text, hit[0]):
            return True
        start = next((us for us, ue in units if us <= hit[0] < ue), hit[0])
        cut = max(text.rfind(";", start, hit[0]), text.rfind(":", start, hit[0]))
        return bool(_IF_LEAD.match(text, cut + 1 if cut >= 0 else start))

    def handed_over(self, text: str, units: list[tuple[int, int]]) -> list[Hit]:
        """Fit-note asks made by a bare hand-over sentence ("GP please.") after one that says a fit note is
        needed: the hand-over names no fit note, and the sentence before it names no one."""
        out: list[Hit] = []
        for i, (us, ue) in enumerate(units):
            if i == 0 or not self.fit_handover.fullmatch(text[us:ue].strip()):
                continue
            ps, pe = units[i - 1]
            if self.fit_words.search(text, ps, pe):
                out.append((ps, ue, "fit-requested-handover"))
        return out

    def fit_note(
        self,
        text: str,
        units: list[tuple[int, int]],
        fit_requests: list[Hit],
        fit_bodies: list[int],
        hay: Haystack | None = None,
        extend_asks: list[Hit] | None = None,
    ) -> dict[str, Any] | None:
        """Issued > requested from GP > not needed > missing (a need with none of the others). An
        unconditional ask to extend a fit note ("can GP please extend the fit note for a further 4 weeks")
        outranks the one issued earlier: the practice is asked for the next."""
        hay = hay or Haystack(text)
        if extend_asks:
            s, e, rid = extend_asks[0]
            return {"status": "requested_from_gp", "start": s, "end": e, "rule": rid}
        for body in fit_bodies:
            head = _head_before(text, body)
            if _FIT_FOR_WORK_HEAD.search(head):
                continue
            for status, rx in self.fit_in_section.items():
                m = rx.match(text, body)
                if m is None:
                    continue
                if (
                    status == "not_needed"
                    and _BARE_NO.fullmatch(m.group(0))
                    and _ISSUED_HEAD.search(head)
                ):
                    continue  # "Fit note issued: No": none was issued, which says nothing of the need
                start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\n:-|"))
                return {"status": status, "start": start, "end": m.end(), "rule": f"fit-{status}-section"}
        # "no further fit note is needed from the practice" asks nothing of it
        asked = [
            h
            for h in scan(self.fit_requested, text, units, hay)
            # "No fit note provided from the day unit - GP please issue if required": the ask after the break
            # is not negated by the "No" ahead of the note
            if (
                not NEGATED.search(text[max(0, h[0] - 12) : h[0]])
                or _HANDED_ON.search(text, h[0], h[1])
                or _ASKED_AFTER.search(text, h[0], _clause_end(text, h[1]))
            )
            and not self.fit_not_asked.search(text, h[0], _clause_end(text, h[1]))
        ]
        # a fit-note "request" found by la_requests that only reports one issued ("Fit note issued for 4
        # weeks" under a heading read as the GP's) asks nothing
        # and neither does one that says none is needed ("Fit note N/A." in a list of GP actions)
        said = dict(self.fit)["issued"] + dict(self.fit)["not_needed"]
        fit_requests = [
            h
            for h in fit_requests
            if (
                self.fit_ask.search(text, h[0], h[1])
                or not scan(said, text[: h[1]], [(h[0], h[1])], Haystack(text[: h[1]]))
            )
            # "please could you provide any further fit note needed": the next one only if needed
            and not self.fit_not_asked.search(text, h[0], h[1])
        ]
        requested = sorted(asked + fit_requests)
        contingent = [h for h in requested if self._contingent_ask(text, units, h)]
        declined = contingent and any(
            h[2] == "fit-declined" for h in scan(dict(self.fit)["not_needed"], text, units, hay)
        )
        if declined:
            # "She did not want a fit note ...; if she changes her mind she will need one from the practice":
            # a contingency after a note turned down asks nothing now (after "she can self-certify for a week"
            # the ask for longer stands)
            requested = [h for h in requested if h not in contingent]
        asked_units = {u for u in units for h in requested if u[0] <= h[0] < u[1]}
        for status, cues in self.fit:
            if status == "requested_from_gp":  # already scanned above
                if requested:
                    s, e, rid = requested[0]
                    return {"status": status, "start": s, "end": e, "rule": rid}
                continue
            hits = scan(cues, text, units, hay)
            if status == "issued":  # "no fit note was issued", or the GP being asked to issue one
                hits = [
                    h
                    for h in hits
                    # a bracketed aside is what the note says, not a negation of issuing it ("Fit note (no
                    # heavy lifting) | DSU - issued today")
                    if not NEGATED.search(
                        _ASIDE.sub(" ", _after_break(text[max(0, h[0] - 12) : h[0]]) + text[h[0] : h[1]])
                    )
                    and not any(u[0] <= h[0] < u[1] for u in asked_units)
                ]
            weakest = self.rules.fit_note.weakest
            if hits and all(h[2] in weakest for h in hits) and self.fit_weakest_needs.search(text) is None:
                # a job alone ("Occupation: delivery driver") is no clear need without an episode that
                # stops work (an operation, a fracture, radiotherapy): fixtures/README.md
                hits = []
            if hits:
                s, e, rid = min(hits, key=lambda h: (h[2] in weakest, h[0]))
                return {"status": status, "start": s, "end": e, "rule": rid}
        op = self.working_age_after_operation(text, hay)
        if op is not None:
            return {"status": "missing", "start": op[0], "end": op[1], "rule": op[2]}
        return None
