"""``la_status``: fit note status, follow-up owner and contact point, each with the text that decided it.

Why one component: the three are letter-level verdicts built the same way (cue patterns scanned over
sentences, then a precedence between groups), and each needs the requests found by ``la_requests``
(a request for a fit note means ``requested_from_gp``; a GP review request means GP follow-up).
Cues live in ``models/rules/status.yaml``.

Result on the Doc: ``doc._.fit_note``, ``doc._.follow_up`` and ``doc._.contact_point``, plain dicts
(``status``/``owner``/``detail``, ``when``, ``with_whom``, ``start``, ``end``, ``rule``) or None.

This module is the component's home (its factory, data loading and saving, and the reading of the
Doc's requests and sections); each verdict is decided in a module of its own: the rule model in
``status_rules``, the shared scanner in ``status_scan``, and ``status_fit_note``,
``status_follow_up`` and ``status_contact``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from . import extensions  # noqa: F401
from .ruledata import read_yaml
from .rxfilter import Haystack
from .sentences import doc_text, ocr_letters, sentence_spans
from .status_contact import ContactFinder
from .status_fit_note import FitNoteFinder
from .status_follow_up import _READING_REVIEW, _TIMED, FollowUpFinder, timed_review
from .status_rules import ContactCues, Contradiction, FitNoteCues, FollowUpCues, StatusRules
from .status_scan import Compiled, Hit
from .status_ticks import (
    blank_unchosen,
    join_field_answers,
    practice_list_items,
    practice_todo,
    ticked_follow_up,
)

__all__ = [
    "RULES_FILE",
    "Compiled",
    "ContactCues",
    "ContactFinder",
    "Contradiction",
    "FitNoteCues",
    "FitNoteFinder",
    "FollowUpCues",
    "FollowUpFinder",
    "Hit",
    "StatusComponent",
    "StatusFinder",
    "StatusRules",
    "make_status",
]

RULES_FILE = "status.yaml"
# a contingency word, not the polite "grateful if you could"
_IF = re.compile(
    r"\b(?:if|unless|should)\b(?<!grateful\sif)(?<!appreciate\sif)(?<!appreciated\sif)(?<!helpful\sif)"
    r"(?!\s+(?:you|a\s+GP|the\s+GP|the\s+practice)\s+(?:could|would|can)\b)",
    re.IGNORECASE,
)


def _task_at_practice(finder: StatusFinder, task: re.Pattern[str], span: Span) -> bool:
    """Whether a GP review request is a task at the practice: sutures out, a dressing, or a reading checked
    with no time of its own ("BP r/v", "review his BP at your convenience")."""
    if task.search(span.text):
        return True
    return _READING_REVIEW.search(span.text) is not None and _TIMED.search(span.text) is None


def _condition_start(span: Span) -> int:
    """Where a conditional request's contingency begins: a span that holds a whole sentence before the one
    with the condition ("GP to f/u. ?needs repeat US if not settling - GP to arrange") keeps that first
    sentence unconditional."""
    cond = span._.condition
    at = span.text.find(cond) if cond else -1
    if at <= 0:
        return int(span.start_char)
    head = span.text[:at]
    # a full stop, not a line break: "FU: nil from ED\ngp to review if ..." is one request under its field
    brk = max(head.rfind(". "), head.rfind("? "))
    return int(span.start_char) + brk + 1 if brk >= 0 else int(span.start_char)


_CLAUSE_END = re.compile(r"[;.](?:\s|$)")
_WRITER = re.compile(r"\b(?:we|us|our)\b|(?-i:\bI\b)|\b(?:I|we)['’](?:ll|ve|d|m)\b", re.IGNORECASE)


def _first_clause_end(text: str, start: int, end: int) -> int:
    """Where the first clause of ``text[start:end]`` ends (at a ";" or a full stop), or ``end``."""
    cut = _CLAUSE_END.search(text, start, end)
    return cut.start() if cut is not None else end


def _listed_reviews(
    finder: StatusFinder, text: str, listed: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Items of a list under a practice heading that la_requests did not take and that ask for a timed review
    of the patient ("Plan - GP:\n2) review in 6 weeks; if no better, we are happy to see him again"): the
    item's first clause, unless a condition or a treatment governs it."""
    out: list[tuple[int, int, str]] = []
    for ts, te in listed:
        if any(rs < te and ts < re_ for rs, re_ in taken):
            continue
        ce = _first_clause_end(text, ts, te)
        clause = text[ts:ce]
        if (
            (finder.patient_review_when.match(clause) or finder.review_in_request.search(clause))
            and not finder.treatment_review.search(clause)
            and not _IF.search(clause)
        ):
            out.append((ts, ce, "fu-gp-list-item"))
    return out



# Round 23: a "see ..." that points to another part of the letter ("Follow up: see recommendations", "see
# above", "see GP actions below"), which la_requests may take for a review: nobody is seen.
_CROSS_REF = re.compile(
    r"\W*(?:please\s+)?see\s+(?:the\s+)?(?:above|below|overleaf|attached|(?:GP\s+)?(?:recommendations?|plan|actions?|"
    r"letter|section|notes?|summary|details|list|requests?|instructions|advice)(?:\s+(?:above|below|overleaf|section))?)\W*",
    re.IGNORECASE,
)


# Round 26: the writer's own look at a test's result inside a request ("Please repeat his serum protein
# electrophoresis in 6 months so that we can see whether the paraprotein is stable"): the team sees the
# result, the practice is asked for the test, so a request filed as a review for these words alone is no GP
# review
_WRITER_SEES = re.compile(
    r"\b(?:I|we)\s+(?:can|could|will|may|might|shall|would)\s+(?:then\s+|also\s+)?"
    r"(?:see|review|assess|check|look\s+at|follow)\w*",
    re.IGNORECASE,
)


def _only_writer_sees(finder: StatusFinder, text: str) -> bool:
    """Whether every review word in a request belongs to the writer's own look (``_WRITER_SEES``)."""
    own = [m.span() for m in _WRITER_SEES.finditer(text)]
    words = list(finder.review_word.finditer(text))
    return bool(own) and all(any(a <= w.start() < b for a, b in own) for w in words)


class StatusFinder(FitNoteFinder, FollowUpFinder, ContactFinder):
    """All three verdicts' compiled rules on one object, as the component and its callers expect.

    Why one object over three parts: each part sets its own compiled patterns as plain attributes, so
    ``vars(finder)`` still lists every pattern (the regex-filter guard in the tests walks them), and
    ``finder.fit_extension``, ``finder.treatment_only`` and the rest keep their names. The parts share
    only ``rules``; none reads another's attributes.
    """

    def __init__(self, rules: StatusRules) -> None:
        FitNoteFinder.__init__(self, rules)
        FollowUpFinder.__init__(self, rules)
        ContactFinder.__init__(self, rules)


@Language.factory(
    "la_status", assigns=["doc._.fit_note", "doc._.follow_up", "doc._.contact_point"], default_config={}
)
def make_status(nlp: Language, name: str) -> StatusComponent:
    return StatusComponent(nlp, name)


class StatusComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder: StatusFinder | None = None

    def _load(self, path: Path) -> None:
        self.finder = StatusFinder(read_yaml(path, StatusRules))

    def load_data(self, models_dir: Path) -> None:
        self._load(Path(models_dir) / "rules" / RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise ModelError("la_status has no rules; call load_data() or load a saved pipeline")
        text = ocr_letters(doc_text(doc))  # same length, so offsets still point into the letter
        todo = practice_todo(text)  # an unticked checklist for the practice: its items are GP tasks
        # a list under a practice heading ("Plan - GP:"): its items ask the GP, owner named or not
        listed = practice_list_items(text)
        if doc._.sentence_spans is None:
            doc._.sentence_spans = sentence_spans(text)
        # a question field's answer on its line belongs to its sentence ("Fit note issued? Y/N   Y")
        units = join_field_answers(text, doc._.sentence_spans)
        # a template's unpicked options ("[ ] GP to issue") say nothing; same length again
        ticked = ticked_follow_up(text)  # "[x] Follow-up" on an outcome form: the team's own next contact
        text, unpicked = blank_unchosen(text)
        requests = [
            s
            for s in doc.spans.get("gp_actions", [])
            if not any(us <= s.start_char < ue for us, ue in unpicked)
        ]
        # an owner-table row naming a hospital team ("Review with MRI result | MSK APP | 6 weeks") is that
        # team's plan, whatever la_requests made of it: no GP review, and its hospital cues count
        others = self.finder.others_row
        team_rows = [s for s in requests if others.search(s.text)]
        # a span that opens with the writer's own act or plan ("I have discharged her", "I'll see him again")
        # asks nothing of the practice: like a team's row, no GP review, and its hospital cues count
        own = self.finder.own_statement
        team_rows += [s for s in requests if own.match(s.text) and s not in team_rows]
        # and so is such a line in a list under a practice heading ("Your care coordinator will see you"), and
        # one whose first clause names the writer's team ("Repeat OGD in 8 weeks - requested by us")
        listed = [
            (ls, ce)
            for ls, le in listed
            if not others.search(item := text[ls : (ce := _first_clause_end(text, ls, le))])
            and not own.match(item)
            and not _WRITER.search(item)
        ]
        fit_requests = [
            (s.start_char, s.end_char, "fit-requested-" + str(s._.request_rule))
            for s in requests
            if s._.request_category == "fit_note" and self.finder.fit_request_words.search(s.text)
        ]
        # "He is not fit for work - fit note needed for 2 weeks. GP please.": the bare ask hands over the
        # sentence before it
        fit_requests += self.finder.handed_over(text, units)
        extend_asks = [
            (s.start_char, s.end_char, "fit-requested-extension")
            for s in requests
            if s._.request_category == "fit_note"
            and self.finder.fit_extension.search(s.text)
            and not (s._.condition and _IF.search(s.text))
            and not self.finder.fit_extension_if_needed.search(s.text)
        ]
        drugs = [(d.start_char, d.end_char) for d in doc.spans.get("drugs", [])]
        # a task at the practice (clips out, a dressing) counts like fu-task-at-practice: it yields to a
        # stated "no follow-up"
        task = self.finder.practice_task
        gp_reviews: list[Hit] = []
        for s in requests:
            if s in team_rows or not (
                s._.request_category == "review"
                or self.finder.review_in_request.search(s.text)
                # "Please review Josh in 4-6 weeks regarding stopping the sertraline": the patient is seen,
                # whatever category the request was given
                or self.finder.patient_review_when.match(s.text)
                # "Please review her rate control in 2 weeks": a review at a near time, whatever its category
                or timed_review(s.text)
            ):
                continue
            if _CROSS_REF.fullmatch(s.text):
                continue  # "Follow up: see recommendations": a pointer elsewhere in the letter, no visit
            if (
                not self.finder.review_in_request.search(s.text)
                and not self.finder.patient_review_when.match(s.text)
                and not timed_review(s.text)
                and _only_writer_sees(self.finder, s.text)
            ):
                continue  # "... so that we can see whether it is stable": the team looks, the practice tests
            if self.finder.treatment_only(text, units, s, drugs):
                # a review of treatment is no follow-up, unless it is asked for when the practice next sees
                # the patient ("review whether furosemide is still needed when you next see her"): that
                # visit is the practice's, though it yields to a stated "no follow-up"
                if self.finder.next_visit_review.search(s.text):
                    gp_reviews.append((s.start_char, s.end_char, "fu-gp-next-visit"))
                continue
            rule = "fu-task-at-practice" if _task_at_practice(self.finder, task, s) else "fu-gp-request"
            gp_reviews.append((s.start_char, s.end_char, rule))
        # Only a true contingency ("if pain not settling"), not a time ("once she has settled"); also a
        # request its sentence opens with one ("Should the rash return, please review her").
        conditional = [
            (_condition_start(s), s.end_char)
            for s in requests
            if (
                s._.condition
                and _IF.search(s.text)
                and self.finder.review_is_conditional(s.text, s._.condition)
            )
            or self.finder.led_by_condition(text, units, s.start_char, s.end_char)
        ]
        heading = self.finder.request_heading
        requested = [
            (s.start_char, s.end_char) for s in requests if not heading.match(s.text) and s not in team_rows
        ] + todo + listed
        # a checklist item la_requests did not take that asks for a review of the patient
        taken = [(s.start_char, s.end_char) for s in requests]
        gp_reviews += _listed_reviews(self.finder, text, listed, taken)
        gp_reviews += [
            (ts, te, "fu-gp-checklist")
            for ts, te in todo
            if not any(rs < te and ts < re_ for rs, re_ in taken)
            and self.finder.review_word.match(text, ts + len(text[ts:te]) - len(text[ts:te].lstrip()))
            and not self.finder.treatment_review.search(text, ts, te)
        ]
        fu_bodies = [
            s._.body_start
            for s in doc.spans.get("sections", [])
            if s.label_ == "follow_up" and s._.body_start is not None
        ]
        contact_spans = [
            (s.start_char, s.end_char) for s in doc.spans.get("sections", []) if s.label_ == "contact"
        ]
        letter = doc._.letter
        furniture = list(letter.furniture) if letter is not None else []
        fit_bodies = [
            s._.body_start
            for s in doc.spans.get("sections", [])
            if s.label_ == "fit_note" and s._.body_start is not None
        ]
        hay = Haystack(text)
        doc._.fit_note = self.finder.fit_note(text, units, fit_requests, fit_bodies, hay, extend_asks)
        doc._.follow_up = self.finder.follow_up(
            text,
            units,
            gp_reviews=gp_reviews,
            fu_bodies=fu_bodies,
            hay=hay,
            conditional=conditional,
            requested=requested,
            ticked=ticked,
        )
        doc._.contact_point = self.finder.contact_point(text, contact_spans, furniture, hay)
        return doc

    def to_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> None:
        import yaml

        if self.finder is None:
            raise ModelError("la_status has no rules to save")
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        (out / RULES_FILE).write_text(
            yaml.safe_dump(self.finder.rules.model_dump(), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )

    def from_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> StatusComponent:
        self._load(Path(path) / RULES_FILE)
        return self
