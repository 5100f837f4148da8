"""``la_context``: ConText-style modifiers (negated, hypothetical, historical, other actor, continued).

Why ConText: whether "stopped" is a change made in this episode depends on words around it ("was not
stopped", "you may wish to consider starting", "stopped by her GP in August"). ConText (Chapman et al.)
handles this with cue phrases that cast a scope forwards or backwards to the end of the clause, cut short
by terminating words. The cues live in ``models/rules/context.jsonl``; this module computes clauses and
scopes. Clauses are sentences and list items (``sentences.sentence_spans``) split again at semicolons.

Result: ``doc._.clauses`` = [(start, end)] char ranges; ``doc._.context`` = [Modifier], each with the char
range of its scope. ``categories_at(doc, pos)`` answers "which modifiers cover this character?".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import srsly
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .context_match import (  # noqa: F401
    DIGIT,
    RuleStarts,
    _split_top,
    first_pairs,
    longest_matches,
    pair_index,
)
from .ruledata import read_jsonl
from .sentences import sentence_spans

RULES_FILE = "rules/context.jsonl"
Category = Literal["negated", "hypothetical", "historical", "other_actor", "continued", "terminate"]
_WORD = re.compile(r"\S+")
# a semicolon, or a line break after a dose or bracket ("... OD (lifelong)\nnew: calcium ...")
_SEMICOLON = re.compile(r"\s*;\s*")
# a list line ends at its dose's frequency ("Atorvastatin 20 mg ON" then "START dalteparin ..."; only the
# capitals ON and OM, the lower-case "on" at a line's end is a wrapped sentence)
_CLAUSE_BREAK = re.compile(
    r";\s*|(?:(?<=[)\]])|(?<=\bmg)|(?<=\bod)|(?<=\bbd)|(?<=tds)|(?<=qds)|(?<=prn)|(?<=daily)|(?<=nocte)"
    r"|(?<=mane)|(?<=weekly)|(?<=mcg)|(?<=\b(?-i:ON))|(?<=\b(?-i:OM)))[ \t]*\n\s*",
    re.IGNORECASE,
)

# a verb of a bracketed aside's own ("(started by you in August)")
_ASIDE_VERB = re.compile(
    r"\b(?:started|stopped|prescribed|commenced|increased|reduced|initiated|begun|began|added|changed|switched"
    r"|introduced|issued|given|recommended|suggested|was|were|had|has|meant|due)\b",
    re.IGNORECASE,
)


class ContextRule(BaseModel):
    """One cue: a regex matched case-insensitively on whole words."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    category: Category
    direction: Literal["forward", "backward", "both"] = "both"
    max_words: int = Field(default=8, ge=1)
    through_terminators: bool = False
    """True when the scope runs past terminating words (a subject governs the whole clause)."""
    across_semicolons: bool = False
    """True when a backward scope also covers the clauses before a semicolon in the same sentence
    ("he started X and Y; both courses have now finished")."""


@dataclass(frozen=True)
class Modifier:
    """A cue found in the text and the characters its scope covers."""

    start: int
    end: int
    category: str
    rule: str
    scope_start: int
    scope_end: int


def clauses_of(text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentences and list items, split again at semicolons and at line breaks that end a list item.
    ``sentences`` is ``sentence_spans(text)`` when the caller has it already."""
    out: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    for s, e in sentences if sentences is not None else sentence_spans(text):
        # "Lactulose 10 ml BD ........ NEW": a dot leader joins a list line to its status, it ends no sentence
        if spans and text.endswith("...", 0, spans[-1][1]) and "\n" not in text[spans[-1][1] : s]:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    for s, e in spans:
        cur = s
        chunk = text[s:e]
        if ";" in chunk or "\n" in chunk:  # most sentences have neither: skip the regex
            for m in _CLAUSE_BREAK.finditer(text, s, e):
                out.append((cur, m.start()))
                cur = m.end()
        if cur < e:
            out.append((cur, e))
    return [(s, e) for s, e in out if e > s]


def text_of(doc: Doc) -> str:
    """The Doc's text, without rebuilding it from tokens on every call.

    Why: ``doc.text`` joins every token each time it is read, which costs more than some components'
    whole work; the letter's own text is the same string (``annotate`` makes the Doc from it).
    """
    cached = doc.user_data.get("la_text")
    if isinstance(cached, str):
        return cached
    letter = doc._.letter
    text = letter.text if letter is not None else None
    if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    doc.user_data["la_text"] = text
    return text


def whole_words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex matching ``pattern`` only as whole words."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


def _word_bound(text: str, start: int, end: int, n: int, forward: bool) -> int:
    """The char offset ``n`` words after ``start`` (forward) or before ``end`` (backward)."""
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return end if forward else start
    if forward:
        return words[min(n, len(words)) - 1].end()
    return words[max(0, len(words) - n)].start()


_WRITER_ACT = re.compile(
    r"\b(?:I|[Ww]e)(?:'ve| have| had)?(?: (?:also|therefore|now|then|today|just))? (?!been\b)[a-z]+ed\b"
)
_NOTE_SEP = re.compile(r"\s[-–—]\s")


def _after_own_note(text: str, s: int, lo: int) -> int:
    """The start of a backward scope, kept after a dash that opens a note with a verb of its own.

    Why: "Furosemide 40 mg: STOPPED - started years ago for ankle swelling" closes the status and then
    tells the drug's past in a note; the note's "years ago" dates its own "started", not the status.
    """
    seps = list(_NOTE_SEP.finditer(text, lo, s))
    if not seps:
        return lo
    cut = seps[-1].end()
    return cut if _ASIDE_VERB.search(text, cut, s) else lo


# words that, before a cue inside brackets, still name the drug's course ("(course completed in hospital)")
_COURSE_WORDS = {
    "course", "courses", "treatment", "dose", "doses", "all", "both", "it", "this", "these", "now", "already",
    "the", "iv", "oral", "antibiotics", "given", "and", "was", "were", "has", "been", "is", "a", "an",
    "h", "hr", "hrs", "hours", "days", "day", "weeks", "week", "x", "only", "first", "last", "total",
}  # fmt: skip


_PARTICIPLE = re.compile(r"(?:[a-z]+ed|done|given|begun|run)\b", re.IGNORECASE)


def _own_subject(text: str, start: int, cue: int) -> bool:
    """True when a bracketed aside names a subject of its own before its cue ("(36 h washout completed on
    ward)"): the cue tells that subject's story, not the drug's."""
    if not _PARTICIPLE.match(text, cue):  # "(antenatal, before this admission)": no verb, it dates the line
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text[start:cue])]
    return any(w not in _COURSE_WORDS for w in words)


def _inside_brackets(text: str, s: int, e: int, cs: int, ce: int, lo: int, hi: int) -> tuple[int, int]:
    """The scope ``lo:hi`` of a cue at ``s:e``, kept inside the brackets that hold it and a verb of its own.

    Why: a bracketed aside with its own verb tells that verb's story ("STOP naproxen (started by you in
    August)", "Omeprazole - new (prescribed by her GP last year)"); it says nothing about the change
    outside it. An aside without a verb still dates the line ("STOPPED at 36 weeks (antenatal, before
    this admission)").
    """
    if "(" not in text[cs:s]:
        return lo, hi
    opened = text.rfind("(", cs, s)
    if text.find(")", opened, s) != -1:
        return lo, hi
    # the brackets may hold a semicolon that ends the clause ("(postural drop, started by urology in
    # 2023; urology agreed by phone)"): they close on the same line
    le = text.find("\n", e)
    closed = text.find(")", e, max(ce, len(text) if le == -1 else le))
    if closed == -1 or not (_ASIDE_VERB.search(text, opened, closed) or _own_subject(text, opened + 1, s)):
        return lo, hi
    return max(lo, opened + 1), min(hi, closed)


_WRITER_TURN = re.compile(
    r",\s+(?:so\s+|and\s+)?(?:we|I)(?:\s+(?:have|had|then|therefore|also))*\s+(?=\w)", re.IGNORECASE
)
_STATUS_SEP = re.compile(r"\s[-–—]\s|\|")
_LINE_TAIL = re.compile(r"[\s.;,)]*$")


def _own_status_cell(text: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    """The scope of a cue that closes its line as a status ("bisoprolol 5mg OD - no change"): that line.

    Why: in a list whose lines run together as one clause (no full stops), a line's closing status says
    nothing about the line above ("spironolactone 25mg OD - NEW" over "bisoprolol 5mg OD - no change").
    """
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    le = len(text) if le == -1 else le
    if not _STATUS_SEP.search(text, ls, s) or not _LINE_TAIL.fullmatch(text, e, le):
        return lo, hi
    return max(lo, ls), min(hi, le)


class ContextAnnotator:
    """The la_context component."""

    def __init__(self, nlp: Language, name: str = "la_context") -> None:
        self.name = name
        self.rules: list[ContextRule] = []
        self._compile()

    def load_data(self, models_dir: Path) -> None:
        """Read and validate the ConText cue file."""
        self.rules = read_jsonl(models_dir / RULES_FILE, ContextRule)
        self._compile()

    def _compile(self) -> None:
        self.compiled = [(r, whole_words(r.pattern)) for r in self.rules]
        self.combined = whole_words("|".join(f"(?:{r.pattern})" for r in self.rules) or "(?!)")
        self.firsts = first_pairs("|".join(f"(?:{r.pattern})" for r in self.rules)) if self.rules else None
        self.index = pair_index([r.pattern for r in self.rules])
        rxs = [rx for _, rx in self.compiled]
        self.starts = RuleStarts(rxs, self.index) if self.index is not None else None

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        # The sentences are kept for la_requests and la_status, which split the same text (their
        # ``doc_text`` is this very string) and would otherwise split it again.
        if doc._.sentence_spans is None:
            doc._.sentence_spans = sentence_spans(text)
        clauses = clauses_of(text, doc._.sentence_spans)
        doc._.clauses = clauses
        starts = [c[0] for c in clauses]
        # the longest cue wins where cues overlap ("was not" holds "not")
        rxs = [rx for _, rx in self.compiled]
        found = longest_matches(text, self.combined, rxs, self.firsts, self.index, self.starts)
        kept = [(s, e, self.compiled[k][0]) for s, e, k in found]
        by_clause: dict[int, list[tuple[int, int, ContextRule]]] = {}
        for f in kept:
            i = bisect_right(starts, f[0]) - 1
            if i >= 0 and f[0] < clauses[i][1]:
                by_clause.setdefault(i, []).append(f)
        mods: list[Modifier] = []
        for i, cues in by_clause.items():
            cs, ce = clauses[i]
            all_terms = [(s, e) for s, e, r in cues if r.category == "terminate"]
            for s, e, r in cues:
                if r.category == "terminate":
                    continue
                terms = [] if r.through_terminators else all_terms
                lo, hi = s, e
                if r.direction in ("forward", "both"):
                    stop = min([t[0] for t in terms if t[0] >= e] or [ce])
                    if r.through_terminators and (turn := _WRITER_TURN.search(text, e, stop)):
                        # "the statin your GP started in the summer, we have switched ...": the writer's
                        # own act ends even a scope that runs through other terminators
                        stop = turn.start()
                    hi = min(stop, _word_bound(text, e, ce, r.max_words, True))
                if r.direction in ("backward", "both"):
                    first = cs
                    j = i
                    while (
                        r.across_semicolons
                        and j > 0
                        and _SEMICOLON.fullmatch(text, clauses[j - 1][1], clauses[j][0])
                    ):
                        j -= 1
                        first = clauses[j][0]
                    stop = max([t[1] for t in terms if t[1] <= s] or [first])
                    lo = max(stop, _word_bound(text, first, s, r.max_words, False))
                if r.direction in ("backward", "both"):
                    lo = _after_own_note(text, s, lo)
                    if r.category == "other_actor" and (act := _WRITER_ACT.search(text, max(cs, lo - 12), s)):
                        # "I have stopped the propranolol she was prescribed by the out-of-hours doctor": the
                        # writer's own act is not someone else's
                        lo = max(lo, act.end())
                lo, hi = _inside_brackets(text, s, e, cs, ce, lo, hi)
                lo, hi = _own_status_cell(text, s, e, lo, hi)
                mods.append(Modifier(s, e, r.category, r.id, lo, hi))
        doc._.context = mods
        return doc

    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "context.jsonl", [r.model_dump() for r in self.rules])

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> ContextAnnotator:
        self.rules = [ContextRule.model_validate(r) for r in srsly.read_jsonl(Path(path) / "context.jsonl")]
        self._compile()
        return self


def categories_at(doc: Doc, start: int, end: int | None = None) -> list[Modifier]:
    """The modifiers whose scope covers any character of ``start:end``."""
    end = start + 1 if end is None else end
    return [m for m in (doc._.context or []) if m.scope_start < end and start < m.scope_end]


@Language.factory("la_context", assigns=["doc._.clauses", "doc._.context"])
def make_context(nlp: Language, name: str) -> ContextAnnotator:
    return ContextAnnotator(nlp, name)
