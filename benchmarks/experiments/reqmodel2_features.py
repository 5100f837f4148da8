"""Candidate features for the request classifier (round 2), on top of the shipped ``letter_features``.

``variant_features(text, spans, secs, taken, variant)``: ``variant`` is "base" or a comma list of extras:

* ``nl``: the unit starts a line / follows a blank line (a list line vs a sentence inside prose).
* ``prev``: the unit before overlaps a rule request (a request's follow-on sentence, the next list line).
* ``run``: context carried down a run of lines (units that each start a line, no blank line between, same
  section): an earlier line of the run was a rule request / held a GP or modal cue; the run's lead-in line
  (ending in a colon, bulleted items or not) and its words.
* ``tel``: telegraphic-line cues: an interval ("3/12", "2/52", "in 6 weeks", "6 weeks' time"), an owner tag
  at the end ("- GP", "(GP)", "by GP"), a short unit without a full stop.
* ``pre``: 4-letter prefixes of longer words (unseen inflections and drug/test names share stems).
* ``tel2``: a test word with an interval, a test or "repeat/check" first, a "GP" owner tag (what shipped).
* ``pos``: which fifth of the letter the unit starts in. ``grp``, ``last``, ``skip``: coarse section
  group, last word, word pairs one apart.
* ``v2``: the shipped round-2 features (``tel2,pre,pos`` as ``pipeline/request_classifier.py`` computes
  them: the test words read after the list mark).

Only the rules' spans (``taken``) and the text are used: both are what ``la_requests`` hands its classifier.
"""

from __future__ import annotations

import re

from letter_audit.pipeline.request_classifier import letter_features

_WORD = re.compile(r"[a-z]+|&|\d+")
_GP = re.compile(r"\b(?:gp|gps|practice|surgery|primary care|general practitioner)\b")
_MODAL = re.compile(r"\b(?:please|could|would|should|can|grateful|appreciate|kindly|need|needs|pls)\b")
_NUMW = r"(?:\d{1,2}|one|two|three|four|five|six|eight|twelve|a few|a couple of)"
_UNIT = r"(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)"
_INTERVAL = re.compile(
    rf"\b\d{{1,2}}\s*/\s*(?:7|12|52)\b|\bin\s+{_NUMW}(?:\s*[-–]\s*\d{{1,2}})?\s*{_UNIT}\b"
    rf"|\b{_NUMW}(?:\s*[-–]\s*\d{{1,2}})?\s*{_UNIT}'?\s*(?:time|later|post)\b"
    r"|\b(?:annual(?:ly)?|yearly|monthly|weekly|fortnightly|every\s+\d+\s*" + _UNIT + r")\b"
)
_OWNER_TAG = re.compile(
    r"(?:[-–—(:/]\s*|\bby\s+(?:the\s+)?|\bvia\s+(?:the\s+)?|\bfor\s+)(?:gp|practice|surgery)\b\)?\s*[.;]?\s*$"
)


_TESTS = frozenset(
    "bloods blood fbc u e ues lft lfts tft tfts hba1c inr lipids lipid ecg bp potassium sodium egfr crp esr "
    "ferritin b12 folate calcium magnesium psa cxr urine glucose vitamin renal thyroid spirometry echo "
    "audiogram ct mri ultrasound uss xray x ray weight".split()
)
_LISTM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*")
_INTERVAL2 = re.compile(
    rf"\b\d{{1,2}}\s*/\s*(?:7|12|52)\b|\b{_NUMW}(?:\s*[-–]\s*\d{{1,2}})?\s*{_UNIT}\b"
    r"|\b(?:annual(?:ly)?|yearly|monthly|weekly|fortnightly)\b"
)
_OWNER2 = re.compile(r"(?:[-–—(:/,]\s*|\s)gp\)?\s*[.;]?\s*$|,\s*gp\s*,|\bgp\s+to\b|^gp\s*[:-]")


_GROUP = {
    "gp_actions": "gp",
    "plan": "gp",
    "follow_up": "gp",
    "": "none",
    "other": "other",
    "medications_discharge": "meds",
    "medication_changes": "meds",
    "current_medications": "meds",
    "medications_admission": "meds",
    "demographics": "admin",
    "signature": "admin",
    "contact": "admin",
    "allergies": "admin",
    "fit_note": "fit",
    "patient_actions": "patient",
    "information_given": "patient",
}


_PLACE = re.compile(
    r"\b(?:ward|clinic|hospital|unit|department|theatre|opd|outpatients?|us|we|our|team|with result)\b"
)


def _line_start(text: str, s: int) -> tuple[bool, bool]:
    """Whether the unit at ``s`` starts a line, and whether a blank line comes just before it."""
    i = text.rfind("\n", 0, s)
    before = text[i + 1 : s]
    if before.strip():
        return False, False
    j = text.rfind("\n", 0, i) if i > 0 else -1
    blank = i >= 0 and not text[j + 1 : i].strip()
    return True, blank


def variant_features(
    text: str, spans: list[tuple[int, int]], secs: list[str], taken: list[tuple[int, int]], variant: str
) -> list[list[str]]:
    units = [text[s:e] for s, e in spans]
    extras = set(variant.split(",")) - {"base", ""}
    if "v2" in extras or "v2nopos" in extras:  # the shipped round-2 features (pipeline/request_classifier.py)
        from train_request_classifier import TESTS

        starts = None if "v2nopos" in extras else [s for s, _ in spans]
        rows = letter_features(units, secs, frozenset(TESTS), starts, len(text))
        extras -= {"v2", "v2nopos"}
        if "place" in extras:  # no telegraphic feature for a line naming the hospital's own place
            for unit, row in zip(units, rows, strict=True):
                if _PLACE.search(unit.lower()):
                    row[:] = [f for f in row if not f.startswith("tel:")] + ["place"]
            return rows
    else:
        rows = letter_features(units, secs)
    if not extras:
        return rows
    hit = [any(a < e and s < b for a, b in taken) for s, e in spans]
    run_taken = False
    run_cue = False
    run_lead: list[str] | None = None
    run_len = 0
    for i, ((s, _e), row) in enumerate(zip(spans, rows, strict=True)):
        low = " ".join(units[i].lower().split())
        words = _WORD.findall(low)
        starts, blank = _line_start(text, s)
        if "nl" in extras:
            if starts:
                row.append("nl")
            if blank:
                row.append("gap:blank")
        if "prev" in extras and i and hit[i - 1]:
            row.append("prev:taken")
        if "run" in extras:
            same = i > 0 and starts and not blank and secs[i] == secs[i - 1]
            if same and run_len:
                row.append("run:in")
                if run_taken:
                    row.append("run:taken")
                if run_cue:
                    row.append("run:cue")
                if run_lead is not None:
                    row.append("run:lead")
                    row += [f"rl:{w}" for w in run_lead]
                run_len += 1
            else:
                run_taken = run_cue = False
                run_lead = None
                run_len = 1 if starts else 0
            if run_len:
                run_taken = run_taken or hit[i]
                run_cue = run_cue or bool(_GP.search(low) or _MODAL.search(low))
                if low.endswith(":") and len(words) <= 8:
                    run_lead = sorted(set(words))
        if "tel" in extras:
            if _INTERVAL.search(low):
                row.append("tel:interval")
            if _OWNER_TAG.search(low):
                row.append("tel:owner")
            if len(words) <= 8 and not low.rstrip().endswith((".", ":")):
                row.append("tel:short_noend")
        if "tel2" in extras:
            body = _LISTM.sub("", low)
            test_first = (
                bool(words) and words[0] in _TESTS or body.startswith(("repeat ", "recheck ", "check "))
            )
            has_test = any(w in _TESTS for w in words)
            iv = bool(_INTERVAL2.search(body))
            if has_test and iv:
                row.append("tel:test_interval")
            if test_first:
                row.append("tel:test_first")
                if iv:
                    row.append("tel:test_first_interval")
            if _OWNER2.search(body):
                row.append("tel:owner2")
        if "last" in extras and words:
            row.append(f"last:{words[-1]}")
        if "grp" in extras:
            row.append("grp:" + _GROUP.get(secs[i], "other"))
        if "pos" in extras:
            row.append(f"pos:{min(4, int(5 * s / max(1, len(text))))}")
        if "skip" in extras:
            row += [f"s:{a}_{b}" for a, b in set(zip(words, words[2:], strict=False))]
        if "pre" in extras:
            row += [f"p4:{w[:4]}" for w in {w for w in words if len(w) >= 6}]
    return rows


PREFIX = True
_SPLIT = re.compile(r",\s+(?:and|but|plus)\s+(?:also\s+)?|;\s+(?:and\s+)?|\s+and\s+also\s+|\s+and\s+then\s+")


def clause_candidates(
    text: str, spans: list[tuple[int, int]], secs: list[str], taken: list[tuple[int, int]]
) -> list[tuple[int, int, str, bool, list[str]]]:
    """Later clauses of a unit ("..., and remove ramipril from repeats"): (start, end, section, merged,
    features), ``merged`` when one rule span covers the clause and text before it (the rules took the two
    requests as one), the only case in which a clause may be proposed."""
    out = []
    for (s, e), sec in zip(spans, secs, strict=True):
        unit = text[s:e]
        cuts = [m for m in _SPLIT.finditer(unit) if m.start() > 8]
        for k, m in enumerate(cuts):
            cs = s + m.end()
            ce = s + cuts[k + 1].start() if k + 1 < len(cuts) else e
            if ce - cs < 12:
                continue
            merged = any(a < cs - 4 and b >= ce - 2 for a, b in taken)
            f = (
                [f"c:{x}" for x in unit_feats_plain(text[cs:ce], sec)]
                if PREFIX
                else unit_feats_plain(text[cs:ce], sec)
            )
            if PREFIX:
                f.append("c:after_" + ("semi" if ";" in m.group() else "and"))
            out.append((cs, ce, sec, merged, f))
    return out


def unit_feats_plain(unit: str, sec: str) -> list[str]:
    from letter_audit.pipeline.request_classifier import unit_features

    return unit_features(unit, sec)
