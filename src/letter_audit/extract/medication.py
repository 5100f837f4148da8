"""Medication changes found by the pipeline, as ``MedicationChange`` records.

The pipeline (``la_med_changes``, ``la_med_lists``) leaves plain dicts on ``doc._.med_changes``; this is
where they become the public pydantic records, with evidence pointing back into the letter text. One
record per (drug, action) and dose: a letter that states the same change twice (summary and list) reports it
once, with the evidence of its first statement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..report import MedicationChange
from .evidence import evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter

_ACTIONS = {"start", "stop", "increase", "decrease", "withhold"}


_DOSE_ACTIONS = {"start", "increase", "decrease"}


def _one_story_per_drug(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop statements that contradict an earlier one about the same drug.

    Why: a letter tells one story per drug. An increased drug named again, without a dose, in an
    eradication regimen ("... and omeprazole for 7 days, prescription given") was not also started; the
    first statement wins. A drug both stopped and withheld with a restart plan was withheld (a stop with
    a restart plan elsewhere in the letter); held with no plan and stopped, it was stopped. A product
    tapered and stopped was stopped.
    """
    first_dose_action: dict[str, str] = {}
    # only a hold with a restart plan outweighs a stop ("since gliclazide held" in the story, then
    # "Gliclazide - stopped ... please don't restart" in the list is a stop)
    withheld = {str(c["drug"]) for c in raw if c["action"] == "withhold" and c.get("restart_condition")}
    stopped = {str(c["drug"]) for c in raw if c["action"] == "stop"}
    stop_brands = {(str(c["drug"]), str(c.get("brand") or "").lower()) for c in raw if c["action"] == "stop"}
    out = []
    for c in raw:
        drug, action = str(c["drug"]), str(c["action"])
        if (
            action == "decrease"
            and c.get("rule") == "decrease_downtitrated"
            and (drug, str(c.get("brand") or "").lower()) in stop_brands
        ):
            continue  # "after the venlafaxine taper; venlafaxine stopped": the taper was the way to the stop
        if action == "stop" and drug in withheld:
            continue
        if action == "withhold" and drug in stopped and drug not in withheld:
            continue
        if action in _DOSE_ACTIONS:
            # a later statement with a dose of its own is another product ("mesalazine 1 g suppositories")
            if first_dose_action.setdefault(drug, action) != action and not c.get("dose_after"):
                continue
        out.append(c)
    return out


def _named_in_full(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a change to a bare class name when the letter changes a named member of it.

    Why: "basal-bolus insulin started" or "the new insulin doses" next to "Insulin degludec ... new"
    says the same thing twice, the second time with the real product. Only a one-word name inside a
    longer single-substance name counts ("insulin" in "biphasic insulin aspart"), never a part of a
    combination ("colecalciferol" and "colecalciferol with calcium carbonate" are two products).
    """
    names = {str(c["drug"]) for c in raw}
    bare = {
        n
        for n in names
        if " " not in n and any(o != n and " with " not in o and n in o.split() for o in names)
    }
    return [c for c in raw if str(c["drug"]) not in bare] if bare else raw


def _begun_and_ended(raw: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Drop a start and a stop of one drug stated together in one sentence: a course begun and ended here.

    Why: "Started on LMWH then switched to apixaban" tells of a bridge given in hospital; the patient
    goes home on neither a new nor a stopped LMWH. Only when the two statements sit within one line and
    one sentence, so a drug stopped in the summary and restarted in the list is left alone.
    """
    drop: set[int] = set()
    for i, a in enumerate(raw):
        if a["action"] != "start":
            continue
        for j, b in enumerate(raw):
            if b["action"] != "stop" or b["drug"] != a["drug"]:
                continue
            lo = min(int(a["start"]), int(b["start"]))
            hi = max(int(a["end"]), int(b["end"]))
            if hi - lo <= 120 and not re.search(r"\n|\.\s", text[lo:hi]):
                drop.update((i, j))
    return [c for k, c in enumerate(raw) if k not in drop] if drop else raw


def _brand_switch(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a stop and a start of one generic under two different brands into one dose change.

    Why: "Octasa 800 mg TDS - STOP; Pentasa 4 g OD - START" or "Butec patch switched to Butrans, same
    strength" changes the product, not the drug: the practice sees a dose change of mesalazine (or no
    change at all), not a stopped and a started mesalazine. Only when both statements name a brand and
    the brands differ; an oral drug moved to its depot (no brand on one side) stays a stop and a start.
    """
    stops = {str(c["drug"]): (k, c) for k, c in enumerate(raw) if c["action"] == "stop" and c.get("brand")}
    drop: set[int] = set()
    for i, c in enumerate(raw):
        j, old = stops.get(str(c["drug"]), (-1, None))
        if c["action"] != "start" or old is None or not c.get("brand"):
            continue
        if str(c["brand"]).lower() == str(old["brand"]).lower():
            continue
        before, after = old.get("dose_before"), c.get("dose_after")
        if not before or not after:
            continue
        # Imported here: med_doses pulls in spaCy, which must first be imported by the pipeline
        # without its command-line tools (pipeline._import_spacy); at module level it was not.
        from ..pipeline.med_doses import dose_direction

        direction = dose_direction(str(before), str(after))
        drop.add(j)
        if direction is None:
            drop.add(i)  # the same dose under another brand: no change
        else:
            raw[i] = {**c, "action": direction, "dose_before": before, "switched_with": old.get("brand")}
    return [c for k, c in enumerate(raw) if k not in drop] if drop else raw


_TITRATION = re.compile(r"titrat|up-?titrat|increas\w*|built up|worked up", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"\n|[.;](?:\s|$)")


def _started_and_titrated(raw: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Drop an increase told in the sentence that starts the drug ("started quetiapine, titrated to 150 mg").

    Why: a drug begun in this episode and built up to its dose goes home as a start at the final dose;
    the titration is how it was started, not a second change.
    """
    starts = [c for c in raw if c["action"] == "start"]
    drop: set[int] = set()
    for i, c in enumerate(raw):
        if c["action"] != "increase":
            continue
        for s in starts:
            if s["drug"] != c["drug"] or int(s["start"]) > int(c["start"]):
                continue
            between = text[int(s["start"]) : int(c["end"])]
            if (
                len(between) <= 160
                and not _SENTENCE_BREAK.search(between)
                and _TITRATION.search(text, int(c["start"]), int(c["end"]))
            ):
                drop.add(i)
    return [c for k, c in enumerate(raw) if k not in drop] if drop else raw


def _norm_dose(dose: object) -> str | None:
    if not dose:
        return None
    return "".join(str(dose).lower().split())


def changes(doc: Doc, letter: Letter) -> list[MedicationChange]:
    """Every medication change made in this episode, in letter order, each stated change once."""
    raw: list[dict[str, Any]] = list(getattr(doc._, "med_changes", None) or [])
    out: list[MedicationChange] = []
    seen: dict[tuple[str, str], list[str | None]] = {}
    raw = _started_and_titrated(_begun_and_ended(_named_in_full(raw), letter.text), letter.text)
    raw = _one_story_per_drug(_brand_switch(sorted(raw, key=lambda c: int(c["start"]))))
    for c in raw:
        key = (str(c["drug"]), str(c["action"]))
        if c["action"] not in _ACTIONS:
            continue
        dose = _norm_dose(c.get("dose_after") or c.get("dose_before"))
        doses = seen.setdefault(key, [])
        if doses and c["action"] in ("increase", "decrease"):
            continue  # one drug goes up (or down) once per letter; a second statement restates it
        # the same change stated twice (summary and list) is one change; two products of one drug
        # started at different doses (modified-release and immediate-release morphine) are two
        if doses and (dose is None or None in doses or dose in doses):
            continue
        doses.append(dose)
        start, end = int(c["start"]), int(c["end"])
        out.append(
            MedicationChange(
                drug=key[0],
                action=c["action"],
                dose_before=c.get("dose_before"),
                dose_after=c.get("dose_after"),
                reason=c.get("reason"),
                evidence=evidence(letter, start, end, rule=c.get("rule")),
                brand=c.get("brand"),
                switched_with=c.get("switched_with"),
                duration=c.get("duration"),
                restart_condition=c.get("restart_condition"),
            )
        )
    return out
