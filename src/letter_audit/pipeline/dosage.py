"""``la_dosage``: read the strength, frequency, route and duration written after each drug mention.

Why a scanner and not one big pattern: letters put the parts in any order ("5 mg once daily orally",
"oral 5mg OD", "30mg | Once daily for 3 days only") with fillers between them ("2 tablets", "x 2").
The scanner takes one known part at a time from just after the drug, stepping over separators and
fillers, and stops at the first thing it does not know; that point is where the drug phrase ends,
which later components use to tell "Ramipril 5 mg: STOPPED" from a trigger further along the line.

Result: ``span._.dosage`` on each span of ``doc.spans["drugs"]``: {"dose", "strength", "unit",
"frequency", "per_day", "route", "duration", "end", "phrase_end"} (missing parts are None; ``end`` is
where the last dose part
ends, ``phrase_end`` also steps over fillers such as "tablets" or "to be").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import srsly
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .context import text_of
from .ruledata import read_yaml

RULES_FILE = "rules/medication_dosage.yaml"
_WINDOW = 120


# the next step of a regimen, before its dose ("40 mg BD for 8 weeks then 20 mg OD")
_THEN_STEP = re.compile(r"(?:and\s+)?then\s+", re.IGNORECASE)
# how long the item runs, told by a state: "while he is in the boot (6 weeks)", "whilst she is immobile"
_WHILE = re.compile(
    r"(?:while|whilst)\s+(?:he|she|they|you)\s+(?:is|are|remains?|stays?)\s+[^,.;()\n]{1,30}?"
    r"(?:\s*\([^()\n]{1,20}\))?(?=\s*[,.;]|\s*$)",
    re.IGNORECASE,
)
# a taper schedule written into the item: "reducing by 5 mg every 5 days until stopped"
_TAPER = re.compile(
    r"(?:reduc|decreas|taper|wean)\w*\s+(?:the\s+dose\s+)?by\s+\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg)\s+"
    r"(?:every|each)\s+(?:\d+\s+|one\s+|two\s+|three\s+|four\s+|five\s+|seven\s+)?(?:days?|weeks?)"
    r"(?:\s+(?:to|until)\s+(?:stop(?:ped)?|zero|nil|off|finished|complete[d]?))?",
    re.IGNORECASE,
)


class Frequency(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1)
    means: str
    per_day: float | None = None


class DosageRules(BaseModel):
    """The words of doses, frequencies and routes (models/rules/medication_dosage.yaml)."""

    model_config = ConfigDict(extra="forbid")

    units: dict[str, str]
    frequencies: list[Frequency]
    routes: dict[str, str]
    fillers: list[str]
    devices: list[str] = Field(default_factory=list)
    """Inhaler and pen devices named after a brand ("Seretide 500 Accuhaler", "Spiriva Respimat"): a filler
    that may also follow a strength written without its unit."""


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def parse_amount(dose: str | None) -> float | None:
    """The first number of a dose text ("2.5 mg" -> 2.5)."""
    if not dose:
        return None
    m = re.search(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?", dose)
    return float(m.group(0).replace(",", "")) if m else None


class DosageReader:
    """The la_dosage component."""

    def __init__(self, nlp: Language, name: str = "la_dosage") -> None:
        self.name = name
        self.rules: DosageRules | None = None

    def load_data(self, models_dir: Path) -> None:
        """Read and validate the dose vocabulary."""
        self.rules = read_yaml(models_dir / RULES_FILE, DosageRules)
        self._compile()

    def _compile(self) -> None:
        r = self.rules
        if r is None:
            return
        self.unit_map = {k.lower(): v for k, v in r.units.items()}
        self.freq_map = {f.term.lower(): f for f in r.frequencies}
        self.route_map = {k.lower(): v for k, v in r.routes.items()}
        num = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"  # "20,000 units" keeps its thousands comma
        unit = rf"(?:{_alt(list(self.unit_map))})"
        # "10 mg", "2.5-5 mg", "1 to 2 mg" (a range is one dose)
        per = r"(?:/(?:dose|puff|actuation|inhalation|ml|5ml|hour|hr|24 ?hours?))?"
        one = rf"{num}(?:\s*(?:-|–|to)\s*{num})?\s*{unit}{per}"
        self.re_strength = re.compile(rf"(?:{one})(?:\s*/\s*(?:{one}|{num}))*(?![\w%])", re.IGNORECASE)
        # "200/6", "24/26 mg" (a combination's two strengths, sharing one unit)
        self.re_ratio = re.compile(rf"{num}\s*/\s*{num}(?:\s*{unit}(?![\w%]))?(?![\w/])", re.IGNORECASE)
        self.re_freq = re.compile(rf"(?:{_alt(list(self.freq_map))})(?![\w])", re.IGNORECASE)
        self.re_route = re.compile(rf"(?:{_alt(list(self.route_map))})(?![\w])", re.IGNORECASE)
        self.re_duration = re.compile(
            r"(?:(?:for(?:\s+up\s+to)?|x|over|to complete(?: a)?|complete|a total of)\s+)?"
            r"(?:a\s+further\s+|another\s+)?(?:\d+|one|two|three|four|five|six|seven|ten|fourteen)"
            r"\s*(?:more\s+|further\s+)?(?:days?|weeks?|months?|doses?)"
            r"(?:,?\s+(?:only|in total|total|then stop|then review|course))?(?![\w])"
            # "x 5/7" days, "for 2/52" weeks, "for 3/12" months
            r"|(?:for|x|×)\s*\d{1,2}\s*/\s*(?:7|52|12)(?![\d/])"
            # "hydroxocobalamin 1 mg IM x 6 over 2 weeks": a number of doses
            r"|(?:x|×)\s*\d{1,2}(?![\w/.%])",
            re.IGNORECASE,
        )
        # "QDS PRN 5/7": after a dose or frequency a bare day/week/month fraction is a course length
        self.re_bare_duration = re.compile(r"\d{1,2}\s*/\s*(?:7|52|12)(?![\d/])")
        # "amlodipine 5 OD": a number with no unit, straight before a frequency, is the dose
        self.re_bare_dose = re.compile(rf"{num}(?=\s*(?:{_alt(list(self.freq_map))})(?![\w]))", re.IGNORECASE)
        self.re_filler = re.compile(
            rf"(?:(?:\d+|one|two|three|four)\s+(?=tab(?:let)?s?\b|cap(?:sule)?s?\b|puffs?|pumps?|measures?|applications?|actuations?|sachets?|drops?|sprays?)"
            rf"|\d+\s+(?=(?:{_alt(r.devices) or '(?!)'})(?![\w]))"
            rf"|(?:{_alt(r.fillers + r.devices)})(?![\w]))",
            re.IGNORECASE,
        )
        self.re_sep = re.compile(r"[ \t,;:()\[\]\-–|]+")

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            return doc
        text = text_of(doc)
        drugs = list(doc.spans.get("drugs", []))
        # "Morphine sulfate MR (Zomorph) 10 mg": a bracketed drug name belongs to the phrase
        brackets = {d.start_char: d.end_char for d in drugs}
        for span in drugs:
            span._.dosage = self.read(text, span.end_char, brackets)
        return doc

    def read(self, text: str, pos: int, brackets: dict[int, int] | None = None) -> dict[str, Any]:
        """The dose parts written from ``pos`` on, and where they end."""
        out: dict[str, Any] = {
            "dose": None,
            "strength": None,
            "unit": None,
            "frequency": None,
            "per_day": None,
            "route": None,
            "duration": None,
            "end": pos,
        }
        limit = min(len(text), pos + _WINDOW)
        nl = text.find("\n", pos, limit)
        if nl != -1:
            limit = nl
        cur = pos
        while cur < limit:
            sep = self.re_sep.match(text, cur, limit)
            at = sep.end() if sep else cur
            if at >= limit:
                break
            inner = brackets.get(at) if brackets and text[at - 1] == "(" else None
            if inner is not None and text[inner : inner + 1] == ")":
                cur = inner + 1
                continue
            m = self.re_strength.match(text, at, limit)
            step = _THEN_STEP.match(text, at, limit) if out["dose"] is not None and m is None else None
            taper = (
                (_TAPER.match(text, at, limit) or _WHILE.match(text, at, limit))
                if out["dose"] is not None and m is None
                else None
            )
            if taper:
                # "Prednisolone 30 mg OD, reduce by 5 mg every 5 days to stop": the course's own schedule
                cur = taper.end()
                continue
            if step and self.re_strength.match(text, step.end(), limit):
                # "Omeprazole 40 mg BD for 8 weeks then 20 mg OD - NEW": a stepped regimen is one phrase
                cur = self.re_strength.match(text, step.end(), limit).end()  # type: ignore[union-attr]
                continue
            if m and out["dose"] is None:
                out["dose"] = " ".join(m.group(0).split())
                out["strength"] = parse_amount(m.group(0))
                u = re.search(r"[a-zµ%]+", m.group(0).lower())
                out["unit"] = self.unit_map.get(u.group(0)) if u else None
                cur = out["end"] = m.end()
                continue
            m = self.re_duration.match(text, at, limit)
            if m is None and (out["dose"] or out["frequency"]):
                m = self.re_bare_duration.match(text, at, limit)
            if m:
                out["duration"] = out["duration"] or " ".join(m.group(0).split())
                cur = out["end"] = m.end()
                continue
            m = self.re_freq.match(text, at, limit)
            # "on"/"om" are frequencies only when written as the capitals ON/OM ("ramipril on admission"),
            # but "om" straight after a dose is one ("Furosemide 40 mg om")
            if m and m.group(0) not in ("on", "On") and (m.group(0) not in ("om", "Om") or out["dose"]):
                if out["frequency"] is None:  # "TDS PRN": the first one is the schedule
                    f = self.freq_map[" ".join(m.group(0).lower().split())]
                    out["frequency"], out["per_day"] = f.means, f.per_day
                cur = out["end"] = m.end()
                continue
            m = self.re_route.match(text, at, limit)
            if m:
                out["route"] = out["route"] or self.route_map[m.group(0).lower()]
                cur = out["end"] = m.end()
                continue
            m = self.re_ratio.match(text, at, limit) or (
                self.re_bare_dose.match(text, at, limit) if cur == pos else None  # first part only
            )
            if m and out["dose"] is None:
                out["dose"] = m.group(0).replace(" ", "")
                cur = out["end"] = m.end()
                continue
            m = self.re_filler.match(text, at, limit)
            if m and m.end() > at:
                cur = m.end()
                continue
            break
        out["phrase_end"] = max(cur, out["end"])
        return out

    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "dosage.json", self.rules.model_dump() if self.rules else None)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> DosageReader:
        data = srsly.read_json(Path(path) / "dosage.json")
        self.rules = DosageRules.model_validate(data) if data else None
        self._compile()
        return self


@Language.factory("la_dosage", assigns=["span._.dosage"], requires=["doc.spans"])
def make_dosage_reader(nlp: Language, name: str) -> DosageReader:
    return DosageReader(nlp, name)
