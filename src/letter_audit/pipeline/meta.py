"""``la_meta``: letter type, dates, specialty, consultant, team and did-not-attend.

Why rules: these are stated in the letter's header block and opening lines in a handful of ways
("Date of discharge: 14/03/2026", "Department of Cardiology", "Dr A Khan, Consultant Cardiologist").
The cues, date labels and the specialty list live in ``models/rules/meta.yaml``; their model is in
``meta_rules``, the dates are read in ``meta_dates`` and the specialty in ``specialty``.

Result: ``doc._.meta``, a plain dict: ``letter_type``, ``dates`` (field -> {date ISO, start, end, rule}),
``specialty``, ``consultant``, ``team``, ``did_not_attend``; each finding has start, end and rule.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from . import extensions  # noqa: F401
from .meta_dates import DateFinder
from .meta_rules import MetaRules
from .ruledata import compile_pattern as _compile
from .ruledata import read_yaml
from .rxfilter import Gate, Haystack, Scanner
from .sentences import doc_text, ocr_letters
from .specialty import SpecialtyFinder

RULES_FILE = "meta.yaml"


# what follows a service name on a contact line ("Eye casualty: 01632 ...", "Eye casualty / advice: 0163 ...")
_CONTACT_AFTER = re.compile(
    r"[ \t]*(?:/[ \t]*[\w ]{1,20}?)?(?:[ \t]+(?:line|tel(?:ephone)?|phone|no\.?|number))?[ \t]*[:|-]?[ \t]*"
    r"(?:\(?0\d{3}|\+44)",
    re.IGNORECASE,
)


# a unit named as the place where a past step was done, inside a sentence ("diagnosed in the ambulatory unit",
# "as already planned by the ambulatory unit"): another service's episode, not this letter's kind
_ELSEWHERE_BEFORE = re.compile(
    r"\b(?:diagnosed|started|planned|arranged|seen|treated|given|begun|commenced|done|performed|made|"
    r"requested|initiated|prescribed|supplied)\s+(?:(?:already|originally|previously|first|there)\s+)?"
    r"(?:on\s+\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s+)?(?:in|by|at|from|via)\s+(?:the|an?|our)\s+$",
    re.IGNORECASE,
)


def _title_end(text: str) -> int:
    """Where the letter's first non-blank line ends (its title or letterhead)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


class MetaFinder:
    def __init__(self, rules: MetaRules) -> None:
        self.rules = rules
        self.type_cues = [(c.id, c.type, c.weight, _compile(c.pattern)) for c in rules.letter_type.cues]
        self.type_gates = [Gate(rx) for *_, rx in self.type_cues]
        self.type_scanners = [Scanner(rx) for *_, rx in self.type_cues]
        self.date_finder = DateFinder(rules.dates)
        self.specialty_finder = SpecialtyFinder(rules.specialties)
        self.consultant_rx = _compile(rules.people.consultant)
        self.team_rx = _compile(rules.people.team)
        self.recipient_rx = _compile(rules.people.recipient_line)
        self.label_rx = re.compile(r"^[^\n:|]{1,40}[:|]")
        self.dna_rx = _compile(rules.did_not_attend)
        self.consultant_gate, self.team_gate = Gate(self.consultant_rx), Gate(self.team_rx)
        self.dna_gate = Gate(self.dna_rx)
        self.scanners = {rx: Scanner(rx) for rx in (self.consultant_rx, self.team_rx, self.dna_rx)}

    # -- letter type ------------------------------------------------------------------------------
    def letter_type(self, text: str, hay: Haystack | None = None) -> dict[str, Any]:
        lt = self.rules.letter_type
        hay = hay or Haystack(text)
        scores: dict[str, float] = {}
        first: dict[str, tuple[int, int, str]] = {}
        title_end = _title_end(text)
        for (rid, typ, weight, _), gate, scanner in zip(
            self.type_cues, self.type_gates, self.type_scanners, strict=True
        ):
            if not gate.may_match(hay):
                continue
            for m in scanner.finditer(text, scanner.starts(hay.low)):
                if _CONTACT_AFTER.match(text, m.end()):
                    continue  # "Eye casualty: 01632 966 300": a route to a service, not this letter's kind
                at = m.start()
                if at >= title_end and _ELSEWHERE_BEFORE.search(text, max(0, at - 60), at):
                    continue  # "diagnosed in the ambulatory unit on 19/08": where something else was done
                bonus = lt.head_bonus if m.start() < lt.head_chars else 1.0
                scores[typ] = scores.get(typ, 0.0) + weight * bonus
                if typ not in first or m.start() < first[typ][0]:
                    first[typ] = (m.start(), m.end(), rid)
        if not scores:
            return {"value": "other", "start": None, "end": None, "rule": None}
        best = max(scores, key=lambda t: scores[t])
        s, e, rid = first[best]
        return {"value": best, "start": s, "end": e, "rule": rid}

    # -- specialty, people, DNA -------------------------------------------------------------------
    def specialty(self, text: str, hay: Haystack | None = None) -> dict[str, Any] | None:
        """The letter's specialty (see ``specialty.py``): value, start, end and rule, or None."""
        return self.specialty_finder.find(text, hay)

    def _person(
        self, rx: re.Pattern[str], text: str, rule: str, gate: Gate, hay: Haystack
    ) -> dict[str, Any] | None:
        if not gate.may_match(hay):
            return None
        scanner = self.scanners[rx]
        for m in scanner.finditer(text, scanner.starts(hay.low)):
            group = "name" if m.group("name") else "name2"
            value = " ".join(m.group(group).split()).strip(" .|:-")
            # "Ward: 01632 960750" names a telephone line, not a team or a person.
            if not value[:1].isalpha() or self._for_recipient(text, m.start()):
                continue
            return {"value": value, "start": m.start(group), "end": m.end(group), "rule": rule}
        return None

    def _for_recipient(self, text: str, pos: int) -> bool:
        """Whether ``pos`` lies on a recipient line, or on an unlabelled line continuing one."""
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        line = text[start : len(text) if end < 0 else end]
        if self.recipient_rx.search(line):
            return True
        if start < 2 or self.label_rx.match(line):
            return False
        above = text[text.rfind("\n", 0, start - 1) + 1 : start - 1]
        return self.recipient_rx.search(above) is not None

    def find(self, text: str) -> dict[str, Any]:
        hay = Haystack(text)
        dna = None
        if self.dna_gate.may_match(hay):
            scanner = self.scanners[self.dna_rx]
            dna = scanner.search(text, scanner.starts(hay.low))
        letter_type = self.letter_type(text, hay)
        return {
            "letter_type": letter_type,
            "dates": self.date_finder.dates(text, letter_type["value"], hay),
            "specialty": self.specialty(text, hay),
            "consultant": self._person(
                self.consultant_rx, text, "meta-consultant", self.consultant_gate, hay
            ),
            "team": self._person(self.team_rx, text, "meta-team", self.team_gate, hay),
            "did_not_attend": (
                {"value": True, "start": dna.start(), "end": dna.end(), "rule": "meta-dna"} if dna else None
            ),
        }


@Language.factory("la_meta", assigns=["doc._.meta"], default_config={})
def make_meta(nlp: Language, name: str) -> MetaComponent:
    return MetaComponent(nlp, name)


class MetaComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder: MetaFinder | None = None

    def _load(self, path: Path) -> None:
        self.finder = MetaFinder(read_yaml(path, MetaRules))

    def load_data(self, models_dir: Path) -> None:
        self._load(Path(models_dir) / "rules" / RULES_FILE)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            raise ModelError("la_meta has no rules; call load_data() or load a saved pipeline")
        doc._.meta = self.finder.find(ocr_letters(doc_text(doc)))  # same length: offsets hold
        return doc

    def to_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> None:
        import yaml

        if self.finder is None:
            raise ModelError("la_meta has no rules to save")
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        (out / RULES_FILE).write_text(
            yaml.safe_dump(self.finder.rules.model_dump(), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )

    def from_disk(self, path: Path | str, *, exclude: tuple[str, ...] = ()) -> MetaComponent:
        self._load(Path(path) / RULES_FILE)
        return self
