"""``la_requests``: the requests a letter places on the GP practice, one span per request.

Why this shape: a request is a clause, not a sentence ("Please check U&E and refer to dietitian" is two),
it is recognised by how letters address the practice ("GP to", "I would be grateful if you could") or by
sitting under a GP-actions heading, and it is *not* a request when the hospital owns it ("we will arrange").
The cues, exclusions, categories and timeframe patterns live in ``models/rules/requests.yaml``
(validated as ``request_rules.RequestRules``); the mechanism is ``request_finder.RequestFinder``; this module
is the spaCy component around it.

Result: ``doc.spans["gp_actions"]``, each span with ``_.request_rule`` (the cue's id), ``_.request_category``,
``_.timeframe`` (as written) and ``_.condition`` (as written, or None); and ``doc._.no_gp_action``:
``(start, end, rule)`` when the letter says no GP action is needed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from . import extensions  # noqa: F401
from .request_classifier import RULE_ID, RequestClassifier, load_weights
from .request_finder import RequestFinder, _labels_own_item, under_own_lead_in
from .request_rules import Request, RequestRules
from .request_splitter import RequestSplitter
from .request_splitter import load_weights as load_splitter
from .request_tables import TableReader
from .request_units import other_reader_parts
from .ruledata import read_yaml
from .sentences import doc_text, ocr_letters, sentence_spans
from .status_ticks import blank_unchosen

RULES_FILE = "requests.yaml"
# "consider allopurinol", "remove the timolol", "a trial of mebeverine", "bisoprolol could go up to 5 mg":
# said of a drug, these words are about prescribing.
_CONSIDER = re.compile(
    r"\b(?:consider(?:ing)?(?!\s+(?:review|whether))|remov(?:e|ing)|delet(?:e|ing)|take\s+off|trial\s+of|"
    r"(?:go|come)\s+(?:up|down)\s+to)\b",
    re.IGNORECASE,
)  # not "consider reviewing ramipril" / "consider whether": a review
# "consider pneumococcal vaccination": a vaccine is other (fixtures/README), though the lexicon names it a
# drug
_VACCINE = re.compile(r"\b(?:vaccin\w*|immuni[sz]\w*|flu\s+jab)", re.IGNORECASE)


# A long line broken off mid-sentence ("... to contact the heart failure nurses if he is"), then a blank line
# (a PDF page break) and the sentence going on in lower case ("more than 2 kg above his dry weight")
_BROKEN_OFF_LINE = 50
_GOES_ON = re.compile(r"\s*\n[ \t]*\n\s*[a-z]")


def _broken_off(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends (before a final newline, if any) in a lower-case letter or a comma
    after a line of at least ``_BROKEN_OFF_LINE`` other characters: ``[^\\n]{50,}[a-z,]$`` searched in the
    span, read from its end instead of tried at every start in it."""
    for last in (end - 1, end - 2 if end - 1 >= start and text[end - 1] == "\n" else -1):
        if last < start or not ("a" <= text[last] <= "z" or text[last] == ","):
            continue
        line = max(text.rfind("\n", start, last) + 1, start)
        if last - line >= _BROKEN_OFF_LINE:
            return True
    return False


def _page_breaks_joined(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, with one a page break cut in two joined again."""
    out: list[tuple[int, int]] = []
    for s, e in units:
        if out and _broken_off(text, out[-1][0], out[-1][1]) and _GOES_ON.fullmatch(text, out[-1][1], s + 1):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


# A piece that is only the words joining two asks ("in addition", "also", "in the meantime")
_CONNECTIVE_ONLY = re.compile(
    r"\W*(?:and\s+|but\s+)?(?:in\s+addition|additionally|also|furthermore|further(?:more)?|moreover|"
    r"in\s+the\s+meantime|meanwhile|as\s+well|at\s+the\s+same\s+time|alongside\s+(?:this|that)|"
    r"separately|finally|lastly|then|and)\W*"
)
# An inline list marker inside a sentence ("Please (1) repeat U&E and (2) refer her", "i) ... ii) ...")
_INLINE_MARK = re.compile(r"(?<![\w(])\(?(\d|[ivx]{1,3}|[a-e])\)[ \t]+(?=[A-Za-z])")
# the words before a later marker already join it to the ask before ("..., and (2) refer her")
_JOINED_BEFORE = re.compile(r"(?:[,;:]|\b(?:and|or|then|plus))\s*$", re.IGNORECASE)
_CLOSE_THEN_WORD = re.compile(r"\)[ \t]+[A-Za-z]")  # what every marker ends with, quick to look for
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")


def _mark_rank(mark: str) -> tuple[str, int]:
    """A marker's series and place in it: ("1", 0), ("ii", 1), ("b", 1); roman numerals before letters."""
    if mark.isdigit():
        return ("digit", int(mark) - 1)
    if mark in _ROMAN:
        return ("roman", _ROMAN.index(mark))
    return ("letter", ord(mark) - ord("a"))


def _inline_marks_blanked(text: str, units: list[tuple[int, int]]) -> str:
    """The text with inline list markers blanked (same length, so offsets hold) in every sentence that
    numbers two or more asks in sequence ("Please (1) repeat her U&E in 1 week and (2) refer her to the
    heart failure nurses"): the asks are then read, and split, as they are without the numbers, and an
    item's text carries no list number (fixtures/README). One marker, or markers out of sequence ("type
    (2) diabetes"), are left alone."""
    ends = _CLOSE_THEN_WORD.finditer(text) if ")" in text else iter(())
    if next(ends, None) is None or next(ends, None) is None:
        return text  # (most letters number nothing inline: one search of the whole text says so)
    chars: list[str] | None = None
    for s, e in units:
        marks = list(_INLINE_MARK.finditer(text, s, e))
        if len(marks) < 2:
            continue
        ranks = [_mark_rank(m.group(1).lower()) for m in marks]
        if any(r[0] != ranks[0][0] for r in ranks) or [r[1] for r in ranks] != list(range(len(ranks))):
            continue  # not one series counted from its start
        if chars is None:
            chars = list(text)
        for n, m in enumerate(marks):
            for i in range(m.start(), m.end()):
                chars[i] = " "
            if n and not _JOINED_BEFORE.search(text, s, m.start()):
                # "Please i) stop the naproxen ii) start paracetamol": the number is the join
                chars[m.start()] = ";"
    return text if chars is None else "".join(chars)


def _items_apart(text: str, units: list[tuple[int, int]], letter: object) -> list[tuple[int, int]]:
    """The sentences, cut where a list item of the source (a DOCX or HTML bullet) begins: an item with no
    closing stop ("... add the Fostair instead" then "your GP surgery will also need to ...") is not run on
    into the next one."""
    units = _page_breaks_joined(text, units)
    blocks = getattr(letter, "blocks", None) or []
    starts = sorted(b.start for b in blocks if b.kind == "list_item")
    if not starts:
        return units
    out: list[tuple[int, int]] = []
    for s, e in units:
        i = bisect_right(starts, s)
        a = s
        while i < len(starts) and starts[i] < e:
            c = starts[i]
            if text[a:c].strip():
                out.append((a, c))
                a = c
            i += 1
        out.append((a, e))
    return out


# What was agreed, told as the practice's plan ("As agreed in my phone call with Dr Patel, the practice will
# prescribe it and we will monitor"), and its verb
_AGREED_PLAN = re.compile(
    r"\W*as\s+(?:agreed|discussed|arranged)\b[^.;\n]{0,100}?,\s*(?:the\s+|your\s+)?(?:GP|practice|surgery)"
    r"(?:\s+team)?\s+(?:will|would)\s+(?:now\s+|also\s+)?(?P<verb>[a-z]+)",
    re.IGNORECASE,
)
_ASK_WORD = re.compile(r"\b(?:please|pls|kindly|(?:could|would|can)\s+you|grateful)\b", re.IGNORECASE)


def _told_then_asked(text: str, found: list[Request]) -> list[Request]:
    """The requests without an agreement told as the practice's plan when the next request asks for the same
    step in words of its own ("..., the practice will prescribe it" then "Please could you prescribe
    risperidone 250 micrograms BD for 6 weeks"): one request, the ask."""
    low = text.lower()
    if len(found) < 2 or not any(w in low for w in ("agreed", "discussed", "arranged")):
        return found
    out: list[Request] = []
    for i, r in enumerate(found):
        m = _AGREED_PLAN.match(text, r.start, r.end)
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            m is not None
            and nxt is not None
            and nxt.start - r.end < 400
            and _ASK_WORD.search(text, nxt.start, nxt.end) is not None
            and re.search(rf"\b{re.escape(m.group('verb')[:6])}", text[nxt.start : nxt.end], re.IGNORECASE)
        ):
            continue
        out.append(r)
    return out


__all__ = ["RULES_FILE", "RequestFinder", "RequestRules", "RequestsComponent", "make_requests"]


@Language.factory("la_requests", assigns=["doc.spans", "doc._.no_gp_action"], default_config={})
def make_requests(nlp: Language, name: str) -> RequestsComponent:
    return RequestsComponent(nlp, name)


TABLE_RULE_ID = "req-table-row"  # a practice-owned row of a plan table that no cue found

# "+", a spaced "/", "plus", "as well as": the joins that chain requests in one terse line
# (and ", then": "Check U&E in one week, then increase the bisoprolol if his heart rate stays above 70", a
# step after a test is an item of its own, as the rules read it in a sentence they find)
_TERSE_CHAIN = re.compile(r"\s[+/]\s|\bplus\b|\bas\s+well\s+as\b|,\s*then\s", re.IGNORECASE)


class RequestsComponent:
    """Sets ``doc.spans["gp_actions"]`` and ``doc._.no_gp_action``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder: RequestFinder | None = None
        self.classifier: RequestClassifier | None = None
        self.splitter: RequestSplitter | None = None
        self.tables: TableReader | None = None

    def _load(self, path: Path) -> None:
        rules = read_yaml(path, RequestRules)
        self.finder = RequestFinder(rules)
        self.tables = TableReader(rules.tables)
        self.classifier = None
        setting = rules.classifier
        if setting.enabled:
            vetoes = [rules.patient_own, rules.negated_clause, rules.speaks_to_patient, rules.patient_clause]
            vetoes += [c.pattern for c in rules.hospital_owned]
            # statements the rules never read as requests ("... - no change needed", "Discharged from the
            # DVT service") are not the classifier's to add either
            vetoes += [c.pattern for c in rules.not_request if c.id in setting.vetoes]
            weights = load_weights(path.parent / setting.model)
            self.classifier = RequestClassifier(weights, setting.threshold, vetoes)
        self.splitter = None
        if rules.splitter.enabled:
            self.splitter = RequestSplitter(load_splitter(path.parent / rules.splitter.model))

    def load_data(self, models_dir: Path) -> None:
        self._load(Path(models_dir) / "rules" / RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise ModelError("la_requests has no rules; call load_data() or load a saved pipeline")
        sections = {
            sp.start_char: (sp.label_, sp._.body_start if sp._.body_start is not None else -1, sp.end_char)
            for sp in doc.spans.get("sections", [])
        }
        if doc._.sentence_spans is None:
            doc._.sentence_spans = sentence_spans(doc_text(doc))
        # Unpicked form options and tick marks are blanked (same length, so offsets hold), the same reading
        # la_status gives them: "[ ] GP to issue" on a form is not a request.
        text, _ = blank_unchosen(ocr_letters(doc_text(doc)))
        units = _items_apart(text, doc._.sentence_spans, doc._.letter)
        text = _inline_marks_blanked(text, units)
        found, none_stated = self.finder.find(text, sections, units)
        if self.classifier is not None:
            found = self._add_proposals(text, found, units, sections)
        found = self._split_more(text, found)
        found = _told_then_asked(text, found)
        if self.tables is not None:
            found = self.tables.read(text, found)
            found = self._add_table_rows(text, found)
        spans: list[Span] = []
        drugs = [(d.start_char, d.end_char) for d in doc.spans.get("drugs", [])]
        seen: set[str] = set()
        for r in found:
            start = r.start
            while start < r.end and text[start].isspace():
                start += 1  # past a blanked tick mark ("[x] Please stop ..." starts at "Please")
            span = doc.char_span(start, r.end, label=r.category, alignment_mode="expand")
            if span is None:
                continue
            said = " ".join(span.text.lower().split())
            if _CONNECTIVE_ONLY.fullmatch(said):
                continue  # "...; in addition, please refer her": the words that join two asks are no ask
            if said in seen:
                continue  # the same words again (an ITK heading echo, a repeated summary): one request
            seen.add(said)
            category = r.category
            if (
                category in ("review", "other")
                and _CONSIDER.search(span.text)
                and not _VACCINE.search(span.text)
                and any(r.start <= a < r.end for a, _ in drugs)
            ):
                category = "prescribing"  # "consider allopurinol": a drug suggestion is about prescribing
            span._.request_rule = r.rule
            span._.request_category = category
            span._.timeframe = r.timeframe
            span._.condition = r.condition
            spans.append(span)
        doc.spans["gp_actions"] = spans
        doc._.no_gp_action = none_stated
        return doc

    def _add_table_rows(self, text: str, found: list[Request]) -> list[Request]:
        """The found requests plus every practice-owned table row none of them is in."""
        assert self.tables is not None and self.finder is not None
        extra = [
            Request(
                c0,
                c1,
                TABLE_RULE_ID,
                self.finder.category(text[c0:c1]),
                self.finder.timeframe(text[a:b]),
                None,
            )
            for c0, c1, a, b in self.tables.gp_rows(text)
            if not any(a <= r.start < b or r.start <= a < r.end for r in found)
            and not self.tables._echoes(text[c0:c1], text, found)  # a row repeating a request made in prose
        ]
        return sorted(found + extra, key=lambda r: r.start) if extra else found

    def _add_proposals(
        self,
        text: str,
        found: list[Request],
        units: list[tuple[int, int]],
        sections: dict[int, tuple[str, int, int]],
    ) -> list[Request]:
        """The rule requests plus the classifier's, in text order."""
        assert self.classifier is not None and self.finder is not None
        bounds = sorted((start, end, label) for start, (label, _, end) in sections.items())
        starts = [a for a, _, _ in bounds]
        # (not under a heading in a GP section that turns to the family: "For parents")
        elsewhere = other_reader_parts(text, sections, self.finder.rules.gp_sections)
        section_of = []
        for s, _ in units:  # the last section starting at or before the unit, if the unit is inside it
            i = bisect_right(starts, s) - 1
            label = bounds[i][2] if i >= 0 and s < bounds[i][1] else ""
            section_of.append(
                ""
                if any(a <= s < b for a, _, b in elsewhere)
                or (label in self.finder.rules.gp_sections and _labels_own_item(text, sections, s))
                else label
            )
        taken = [(r.start, r.end) for r in found]
        extra: list[Request] = []
        for s, e in self.classifier.propose(text, units, section_of, taken):
            if under_own_lead_in(text, s, e):
                continue  # an item of the hospital's own "The HF team will:" list
            # A proposed sentence chained by a terse join, or holding a test and the step on its result, is
            # split as the rules split theirs ("Inhaler check in 4-6 weeks / review symptoms then": two
            # items); when the clause reader keeps it whole or drops it, it stays whole.
            parts = (
                [
                    Request(r.start, r.end, RULE_ID, r.category, r.timeframe, r.condition)
                    for r in self.finder._sentence(text, s, e, True)
                ]
                # only where a terse join chains the items, or a step acts on a test's result ("PSA in 6/12,
                # re-refer if >4": fixtures/README, one item or two); a table row is read whole by the table
                # reader
                if "|" not in text[s:e]
                and (
                    _TERSE_CHAIN.search(text, s, e) is not None
                    or len(self.finder._steps_apart(text[s:e], [(0, e - s)])) > 1
                )
                else []
            )
            if len(parts) >= 2:
                extra += parts
            else:
                extra.append(
                    Request(
                        s, e, RULE_ID, self.finder.category(text[s:e]), self.finder.timeframe(text[s:e]), None
                    )
                )
        return sorted(found + extra, key=lambda r: r.start) if extra else found

    def _split_more(self, text: str, found: list[Request]) -> list[Request]:
        """The found requests, each cut where the split-point scorer finds two requests the rules kept as
        one; each part is read as the rules read a clause (its own cue, category, timeframe, condition)."""
        if self.splitter is None or not self.splitter.enabled:
            return found
        assert self.finder is not None
        out: list[Request] = []
        for r in found:
            item = text[r.start : r.end]
            parts = self.splitter.cuts(item) if "|" not in item else []
            if len(parts) < 2:
                out.append(r)
                continue
            for a, b in parts:
                out += self._read_part(text, r, r.start + a, r.start + b)
        return out

    def _read_part(self, text: str, whole: Request, s: int, e: int) -> list[Request]:
        """One part of a cut item, read by the clause reader as a request under a GP heading; the item's
        own cue stays its owner when the part has none. A part the reader drops is kept as it is."""
        assert self.finder is not None
        read = self.finder._sentence(text, s, e, True)
        section = self.finder.rules.section_rule_id
        if read:
            return [replace(p, rule=whole.rule) if p.rule == section else p for p in read]
        while e > s and text[e - 1] in " .,;:\t\n":
            e -= 1
        if e <= s:
            return []
        part = text[s:e]
        return [Request(s, e, whole.rule, self.finder.category(part), self.finder.timeframe(part), None)]

    def to_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> None:
        import yaml

        if self.finder is None:
            raise ModelError("la_requests has no rules to save")
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        (out / RULES_FILE).write_text(
            yaml.safe_dump(self.finder.rules.model_dump(), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        if self.classifier is not None:
            (out / self.finder.rules.classifier.model).write_text(
                self.classifier.model.model_dump_json(), encoding="utf-8"
            )
        if self.splitter is not None:
            (out / self.finder.rules.splitter.model).write_text(
                self.splitter.model.model_dump_json(), encoding="utf-8"
            )

    def from_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> RequestsComponent:
        self._load(Path(path) / RULES_FILE)
        return self
