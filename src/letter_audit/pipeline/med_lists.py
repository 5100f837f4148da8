"""``la_med_lists``: changes that only show when medication lists are compared.

Why: many discharge summaries state no change in words; they print the medicines on admission and on
discharge (as two lists or a two-column table) and leave the reader to compare. On admission but not at
discharge means stopped; new at discharge means started; a different daily dose means increased or
decreased. A short course on the discharge list ("Doxycycline 100 mg once daily for 4 more days") that
was not on the admission list is a course to complete at home, which is a start.

Runs after ``la_med_changes`` and adds to ``doc._.med_changes``; a drug already given a stated change is
left alone. Table columns are recognised from a header row naming admission and discharge.

Finding the lists lives in ``med_list_reading.py`` and telling courses apart in ``med_courses.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .context import categories_at, text_of
from .med_courses import CourseFinder
from .med_doses import ARROW, DOSE, TO_DOSE, UP_DOWN, dose_direction
from .med_labels import labelled_lists, list_items
from .med_list_reading import ListRules
from .ruledata import read_yaml

RULES_FILE = "rules/medication_lists.yaml"
_PREVIOUS = re.compile(
    r"\s*[(\[,;–-]?\s*(?:was|previously|prev(?:ious)?(?: dose)?|old dose|up from|down from)\s*:?\s*"
    rf"({DOSE})",
    re.IGNORECASE,
)
_SIGN_DOSE = re.compile(rf"\s*(?:(?:dose\s+)?to\s+)?({DOSE})", re.IGNORECASE)  # the dose after an arrow sign


class MedListComparer(CourseFinder):
    """The la_med_lists component."""

    def __init__(self, nlp: Language, name: str = "la_med_lists") -> None:
        self.name = name
        self.rules: ListRules | None = None

    def load_data(self, models_dir: Path) -> None:
        """Read and validate the list rules."""
        self.rules = read_yaml(models_dir / RULES_FILE, ListRules)
        self._compile()

    def _compile(self) -> None:
        if self.rules is not None:
            self.rx_adm = re.compile(self.rules.admission_header, re.IGNORECASE)
            self.rx_dis = re.compile(self.rules.discharge_header, re.IGNORECASE)
            self.rx_labels = {
                kind: re.compile(pattern, re.IGNORECASE)
                for kind, pattern in (
                    ("admission", self.rules.admission_labels),
                    ("discharge", self.rules.discharge_labels),
                    ("course", self.rules.course_labels),
                )
            }

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            return doc
        changes: list[dict[str, Any]] = list(doc._.med_changes or [])
        told = {c["drug"] for c in changes}
        drugs = list(doc.spans.get("drugs", []))
        adm, dis = self._from_sections(doc, drugs)
        t_adm, t_dis, new = self._from_table(doc, drugs)
        adm, dis = adm + t_adm, dis + t_dis
        text = text_of(doc)
        labelled = labelled_lists(text, drugs, self.rx_labels)
        for kind, start, end in labelled:
            if kind == "admission":
                adm += list_items(text, drugs, start, end)
            elif kind == "discharge":
                dis += list_items(text, drugs, start, end)
        for d in drugs:
            # "Furosemide 80mg OM (was 40mg OM)"
            dosage = d._.dosage or {}
            arrow = ARROW.match(text, d.end_char)
            if arrow:
                # "Bisoprolol 2.5 mg -> 5 mg": the arrow's two doses say which way the dose went
                direction = dose_direction(arrow.group(1), arrow.group(2))
                if direction:
                    c = self._change(d, direction, "list_dose_arrow")
                    c["dose_before"], c["dose_after"] = (" ".join(g.split()) for g in arrow.groups())
                    c["end"] = arrow.end()
                    new.append(c)
                continue
            phrase_end = int(dosage.get("phrase_end") or d.end_char)
            sign = UP_DOWN.match(text, phrase_end) or UP_DOWN.match(text, d.end_char)
            if sign:
                c = self._change(d, "increase" if sign.group(1) else "decrease", "list_dose_sign", before=d)
                line_end = text.find("\n", sign.end()) % (len(text) + 1)
                to = _SIGN_DOSE.match(text, sign.end()) or TO_DOSE.search(text, sign.end(), line_end)
                c["dose_after"] = " ".join(to.group(1).split()) if to else None
                c["end"] = to.end() if to else sign.end()
                new.append(c)
                continue
            m = _PREVIOUS.match(text, phrase_end)
            if m and dosage.get("dose"):
                direction = dose_direction(m.group(1), self._dose(d))
                if direction:
                    c = self._change(d, direction, "list_previous_dose", after=d)
                    c["dose_before"], c["end"] = " ".join(m.group(1).split()), m.end()
                    new.append(c)
        if adm and dis:
            adm_by = {self._generic(d): d for d in adm}
            dis_by = {self._generic(d): d for d in dis}
            # a discharge list sharing no drug with the admission list names only the new medicines (an
            # ED "TTO:" under "DH:"); what it leaves out was not stopped
            full = bool(adm_by.keys() & dis_by.keys())
            for g, d in adm_by.items():
                if full and g not in dis_by:
                    new.append(self._change(d, "stop", "list_absent_at_discharge", before=d))
            for g, d in dis_by.items():
                if g not in adm_by:
                    le = text.find("\n", d.start_char) % (len(text) + 1)
                    if any(
                        m.category in ("historical", "continued", "negated")
                        for m in categories_at(doc, d.end_char, le)
                    ):
                        # "Latanoprost ... (omitted from admission list in error - long-standing)",
                        # "Lithium - considered as augmentation but not started"
                        continue
                    new.append(self._change(d, "start", "list_new_at_discharge", after=d))
                else:
                    a = adm_by[g]
                    direction = dose_direction(self._dose(a), self._dose(d))
                    if direction:
                        new.append(self._change(d, direction, "list_dose_differs", before=a, after=d))
        adm_names = {self._generic(d) for d in adm}
        for d in self._course_items(doc, drugs, [(k, a, b) for k, a, b in labelled if k != "admission"]):
            if self._generic(d) not in adm_names:
                new.append(self._change(d, "start", "list_course_at_discharge", after=d))
        if dis and not adm:
            new.extend(self._time_limited_items(text, drugs, dis))
        new.extend(self._plan_table_courses(doc, drugs))
        for c in new:
            if c["drug"] not in told:
                told.add(c["drug"])
                changes.append(c)
        changes.sort(key=lambda c: c["start"])
        doc._.med_changes = changes
        return doc

    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "lists.json", self.rules.model_dump() if self.rules else None)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> MedListComparer:
        data = srsly.read_json(Path(path) / "lists.json")
        self.rules = ListRules.model_validate(data) if data else None
        self._compile()
        return self


@Language.factory("la_med_lists", assigns=["doc._.med_changes"], requires=["doc.spans"])
def make_med_lists(nlp: Language, name: str) -> MedListComparer:
    return MedListComparer(nlp, name)
