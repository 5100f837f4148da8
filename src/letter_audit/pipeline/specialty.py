"""The letter's specialty, for ``la_meta``: which bar of the audit's "by specialty" charts a letter goes in.

Why votes and not the first cue: a letter names its own service in several places (the letterhead, a
"Specialty:" field, the consultant's title, a clinic or ward name) and other services in its prose
("refer to the fracture clinic", "started by the diabetes team"). Every cue votes for a specialty with a
weight; cues in the letterhead count more, and a mention that points at another service (after "refer
to", "by the", "attend the") does not vote. Inside one phrase the most specific name wins ("ENT Day
Surgery Unit" is ent, "Consultant Orthopaedic Surgeon" orthopaedics, "Uro-oncology" urology): each name
has a rank. A place where many specialties work (a day surgery unit, SDEC, an acute medical unit) is a
setting: it votes weakly, so the letter's content (a weighted list of diagnoses and procedures, "total
hip replacement", "cataract") can outvote it; content is read only when nothing but settings names a
service, so a stated service always beats the content.

All the words, weights and patterns live in the ``specialties:`` block of ``models/rules/meta.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .ruledata import Cue
from .ruledata import compile_pattern as _compile
from .rxfilter import Gate, Haystack, Scanner


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpecialtyCue(Cue):
    words_before: bool = False
    """The specialty words come before the keyword ("Cardiology Department"): read from up to 40
    characters before it on the same line. Otherwise the pattern's group ``x`` holds them."""
    weight: float = Field(default=3.0, gt=0)
    body_factor: float | None = Field(default=None, gt=0, le=1)
    """This cue's own ``body_factor`` (a team named in the body is most often another team)."""


class SpecialtyRules(_Strict):
    contexts: list[SpecialtyCue]
    names: dict[str, list[str]]
    """Specialty -> the words that name it (the specialty's own name is always one)."""
    rank: dict[str, int] = Field(default_factory=dict)
    """Which name wins when one phrase holds two (higher wins; default 2). A key is a specialty, or one
    of its words when that word ranks apart ("general medicine" on a "Respiratory / General Medicine"
    ward)."""
    context_only: list[str] = Field(default_factory=list)
    """Names too loose to count bare in the letterhead ("heart", "medical"): only beside a cue word."""
    settings: dict[str, list[str]] = Field(default_factory=dict)
    """Names of places where many specialties work ("day surgery", "sdec") -> the specialties whose
    content may outvote them (a knee arthroscopy in a day surgery unit is orthopaedics; a pneumonia in
    an acute medical unit stays medicine). A setting votes ``setting_factor`` times its weight, once."""
    setting_factor: float = Field(default=0.4, gt=0, le=1)
    head_lines: int = Field(default=8, ge=0)
    """How many lines at the top are the letterhead (fewer when a salutation comes first)."""
    head_chars: int = Field(default=500, ge=0)
    head_cell_max: int = Field(default=120, ge=1)
    """A letterhead cell longer than this is prose (a diagnosis told in a sentence), not a service."""
    head_prose: str = r"(?!x)x"
    """A letterhead cell that reads as prose (sentences, clauses): not a service."""
    content_below: float = Field(default=0.0, ge=0)
    """Content is read when no stated cue totals this much (0: only when nothing is stated)."""
    head_weight: float = Field(default=4.0, ge=0)
    """The vote of a name standing bare on a letterhead line; the first line counts ``first_line_bonus``."""
    first_line_bonus: float = Field(default=1.5, ge=1)
    head_bonus: float = Field(default=1.5, ge=1)
    """How much more a cue counts inside the letterhead."""
    body_factor: float = Field(default=1.0, gt=0, le=1)
    """How much a cue in the body counts: often a service the patient is sent on to ("Fracture clinic
    in 2 weeks")."""
    head_skip_line: str = r"(?!x)x"
    """Letterhead lines that are not the service: the GP's address, a diagnosis line, a salutation."""
    address_line: str = r"(?!x)x"
    """A line giving the GP's (or another addressee's) practice: "Foxley Surgery" there is no service."""
    head_end: str = r"(?!x)x"
    """A line that ends the letterhead (a salutation, the first line of prose)."""
    contact_line: str = r"(?!x)x"
    """A letterhead line giving a telephone number: it often lists other teams, so it counts
    ``contact_factor`` times."""
    contact_factor: float = Field(default=0.5, gt=0, le=1)
    elsewhere: str = r"(?!x)x"
    """Text just before a mention in the body that makes it another service's ("refer to the")."""
    content: dict[str, dict[str, float]] = Field(default_factory=dict)
    """Specialty -> {diagnosis or procedure words: weight}, read only when no service is stated."""
    min_total: float = Field(default=2.0, ge=0)
    """The least vote total that names a specialty (less: none is given)."""
    negation: str = r"(?!x)x"
    """Text just before a content word that negates it ("no DKA", "ruled out")."""

    _v = field_validator(
        "head_skip_line", "head_end", "elsewhere", "contact_line", "negation", "head_prose", "address_line"
    )(classmethod(lambda cls, v: (_compile(v), v)[1]))

    @model_validator(mode="after")
    def _known(self) -> SpecialtyRules:
        words = {w.lower() for name, syns in self.names.items() for w in (name, *syns)}
        for where, keys, known in (("rank", self.rank, words), ("content", self.content, self.names)):
            for key in keys:
                if key not in known:
                    raise ValueError(f"{where}: '{key}' is not a specialty (or one of its words) in names")
        return self


@dataclass
class _Votes:
    """One specialty's votes: the stated cues' sum, the strongest setting, and the strongest cue's span."""

    span: tuple[int, int, str]
    stated: float = 0.0
    setting: float = 0.0
    best: float = 0.0
    settings: set[str] = field(default_factory=set)
    """The setting names that voted."""
    named: bool = False
    """Whether the letter names the service (a letterhead name, a cue or a setting), not only its content."""

    @property
    def total(self) -> float:
        return self.stated + self.setting


_CONTENT_RULE = "spec-content"
"""The rule id of a vote from the letter's content (a diagnosis or procedure), not a named service."""

_WORD_EDGE = r"(?<![a-z0-9-])(?:{})(?![a-z0-9-])"


def _trie(words: list[str]) -> str:
    """One pattern for many words with their shared beginnings factored out ("eye", "eye clinic", "eye
    unit" -> ``eye(?: (?:clinic|unit))?``): Python's engine tries an alternation one branch at a time,
    so a few hundred names as plain branches cost far more at every position. Longer words are tried
    before their prefixes, so the longest name at a position wins, as with longest-first branches."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for ch, child in sorted(node.items()):
            if not ch:
                continue
            literal = ch
            while len(child) == 1 and "" not in child:  # a chain with no word ending inside it
                ((nxt, child),) = child.items()
                literal += nxt
            branches.append(re.escape(literal) + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_SEGMENT = re.compile(r"[^|]+")  # a letterhead line's cells ("Ward 12 (Urology) | 01632 945 212")


class SpecialtyFinder:
    """Finds one letter's specialty from :class:`SpecialtyRules`."""

    def __init__(self, rules: SpecialtyRules) -> None:
        self.rules = rules
        self.contexts = [(c.id, c.words_before, c.weight, _compile(c.pattern)) for c in rules.contexts]
        self.body_factors = [
            rules.body_factor if c.body_factor is None else c.body_factor for c in rules.contexts
        ]
        self.gates = [Gate(c[-1]) for c in self.contexts]
        self.scanners = [Scanner(c[-1]) for c in self.contexts]
        self.synonym: dict[str, str] = {}
        for name, syns in rules.names.items():
            for syn in (name, *syns):
                self.synonym.setdefault(syn.lower(), name)
        self.names_rx = re.compile(_WORD_EDGE.format(_trie(list(self.synonym))))
        self.loose = {s.lower() for s in rules.context_only}
        self.settings = {s.lower(): set(allowed) for s, allowed in rules.settings.items()}
        self.head_skip = _compile(rules.head_skip_line)
        self.head_end = _compile(rules.head_end)
        self.contact = _compile(rules.contact_line)
        self.negated = _compile(rules.negation)
        self.prose = _compile(rules.head_prose)
        self.address = _compile(rules.address_line)
        self.elsewhere = _compile(rules.elsewhere)
        terms = {t.lower(): (name, w) for name, words in rules.content.items() for t, w in words.items()}
        self.content = terms
        self.content_rx = re.compile(_WORD_EDGE.format(_trie(list(terms)))) if terms else None

    # -- names in a phrase --------------------------------------------------------------------------
    def best_name(self, phrase: str, *, bare: bool = False) -> tuple[str, str | None, int] | None:
        """The most specific specialty a phrase names, the setting word when it only names a setting,
        and where the name starts in the phrase. ``bare``: the phrase stands without a cue word, so loose
        names do not count."""
        best: tuple[bool, int, int, str, str | None] | None = None  # stated, rank, -position, name, setting
        for m in self.names_rx.finditer(phrase.lower()):
            syn = m.group(0)
            if bare and syn in self.loose:
                continue
            name = self.synonym[syn]
            setting = syn if syn in self.settings else None
            rank = self.rules.rank.get(syn, self.rules.rank.get(name, 2))
            key = (setting is None, rank, -m.start(), name, setting)
            if best is None or key[:3] > best[:3]:
                best = key
        return (best[3], best[4], -best[2]) if best else None

    def _address(self, text: str, line_start: int) -> bool:
        """Whether the line starting at ``line_start`` gives the GP's practice."""
        line_end = text.find("\n", line_start)
        return self.address.search(text, line_start, len(text) if line_end < 0 else line_end) is not None

    def _elsewhere(self, text: str, at: int) -> bool:
        """Whether the name at ``at`` is another service's ("refer to the fracture clinic")."""
        line_start = text.rfind("\n", 0, at) + 1
        return self.elsewhere.search(text, max(line_start, at - 60), at) is not None

    # -- votes --------------------------------------------------------------------------------------
    def _head(self, text: str) -> int:
        """Where the letterhead ends: after ``head_lines`` lines or ``head_chars`` characters, or at a
        salutation or the first line of prose."""
        end, pos = 0, 0
        for _ in range(self.rules.head_lines):
            if pos >= len(text) or pos >= self.rules.head_chars:
                break
            nl = text.find("\n", pos)
            stop = len(text) if nl < 0 else nl
            if self.head_end.search(text, pos, stop):
                break
            end = stop
            pos = stop + 1
        return min(end, self.rules.head_chars)

    def _vote(
        self,
        votes: dict[str, _Votes],
        found: tuple[str, str | None, int],
        weight: float,
        span: tuple[int, int, str],
    ) -> None:
        name, setting, _ = found
        v = votes.setdefault(name, _Votes(span=span))
        v.named = v.named or span[2] != _CONTENT_RULE
        if setting:
            # A setting counts once, however often it is named: the content can outvote it.
            w = weight * self.rules.setting_factor
            v.setting = max(v.setting, w)
            v.settings.add(setting)
        else:
            w = weight
            v.stated += w
        if w > v.best:  # the strongest cue is the evidence
            v.best, v.span = w, span

    def find(self, text: str, hay: Haystack | None = None) -> dict[str, Any] | None:
        hay = hay or Haystack(text)
        r = self.rules
        head = self._head(text)
        votes: dict[str, _Votes] = {}
        # Bare names on the letterhead lines, each table cell of a line on its own. The cheap test (does
        # the line name anything?) comes first: most lines name no specialty.
        pos, first = 0, True
        while pos < head:
            nl = text.find("\n", pos)
            stop = min(head, len(text) if nl < 0 else nl)
            line = text[pos:stop]
            if not line.strip():
                pos = stop + 1
                continue
            factor = r.first_line_bonus if first else 1.0
            first = False
            pos_line, pos = pos, stop + 1
            if not self.names_rx.search(line.lower()):
                continue
            if self.head_skip.search(line) or self.address.search(line):
                continue
            if self.contact.search(line):
                factor *= r.contact_factor
            for cell in _SEGMENT.finditer(line):
                if cell.end() - cell.start() > r.head_cell_max or self.prose.search(cell.group(0)):
                    continue
                found = self.best_name(cell.group(0), bare=True)
                if found and not self._elsewhere(text, pos_line + cell.start() + found[2]):
                    span = (pos_line + cell.start(), pos_line + cell.end(), "spec-head")
                    self._vote(votes, found, r.head_weight * factor, span)
        # Cue words: a field, a department, a clinic, a consultant's title, a team.
        for (rid, before, weight, _), gate, scanner, body_factor in zip(
            self.contexts, self.gates, self.scanners, self.body_factors, strict=True
        ):
            if not gate.may_match(hay):
                continue
            for m in scanner.finditer(text, scanner.starts(hay.low)):
                line_start = text.rfind("\n", 0, m.start()) + 1
                if before:
                    start = origin = _words_before(text, max(line_start, m.start() - 40), m.start())
                    phrase = text[start : m.end()]  # with the keyword: "Surgical Centre" is a setting
                else:
                    start, origin = m.start(), m.start("x")
                    phrase = m.group("x") or ""
                found = self.best_name(phrase) if phrase else None
                if found is None or self._elsewhere(text, origin + found[2]):
                    continue
                if self._address(text, line_start):
                    continue  # the GP's practice
                in_head = m.start() < head
                w = weight * (r.head_bonus if in_head else body_factor)
                self._vote(votes, found, w, (start, m.end(), rid))
        stated = max((v.stated for v in votes.values()), default=0.0)
        allowed: set[str] | None = None  # None: any specialty's content may vote
        for v in votes.values():
            for syn in v.settings:
                allowed = (allowed or set()) | self.settings[syn]
        if (not stated or stated < r.content_below) and self.content_rx is not None:
            self._content(text, votes, allowed)
        if not votes:
            return None
        name = max(votes, key=lambda n: (votes[n].total, -votes[n].span[0]))
        best = votes[name]
        start, end, rid = best.span
        if best.total < r.min_total:
            return None
        return {"value": name, "start": start, "end": end, "rule": rid, "inferred": not best.named}

    def _content(self, text: str, votes: dict[str, _Votes], allowed: set[str] | None) -> None:
        """Diagnosis and procedure words vote, each once and not when negated ("no DKA"), when no
        service is stated."""
        assert self.content_rx is not None
        seen: set[str] = set()
        for m in self.content_rx.finditer(text.lower()):
            term = m.group(0)
            if term in seen or self.negated.search(text, max(0, m.start() - 30), m.start()):
                continue
            seen.add(term)
            name, w = self.content[term]
            if allowed is not None and name not in allowed:
                continue
            self._vote(votes, (name, None, 0), w, (m.start(), m.end(), _CONTENT_RULE))


def _words_before(text: str, start: int, keyword: int) -> int:
    """Where the words before a keyword begin, from ``start`` (its reach back): never inside a word (the
    reach can cut "Document" to "ent", which is a specialty), nor across a table cell's border ("Document
    Owner | Haematology Anticoagulation Clinic": the clinic's words are only the cell's own)."""
    if 0 < start < keyword and text[start - 1].isalnum() and text[start].isalnum():
        while start < keyword and text[start].isalnum():
            start += 1
    cell = max(text.rfind("|", start, keyword), text.rfind("\t", start, keyword))
    return cell + 1 if cell >= 0 else start
