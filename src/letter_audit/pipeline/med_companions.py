"""Drugs started alongside another as its companion ("started X, with Y cover"), part of ``la_med_changes``.

Why: a start is often stated once for a pair: "Diclofenac 50 mg TDS started, with lansoprazole 15 mg OD
cover while on it", "allopurinol started today, with colchicine 500 micrograms BD as cover". The second
drug hangs off the first by "with", after the first drug's dose phrase, so the position-based tie (which
allows only link words between a trigger and its drug) never reaches it. The companion takes the start
when nothing else is said of it and no ConText modifier (continued, negated, hypothetical, historical,
someone else's) covers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at

# what may lie between the started drug's evidence and its companion: more of the first drug's
# instructions (no sentence end), then ", with" / "together with" / "alongside" / "as well as" / "plus",
# perhaps naming the companion's job first ("with PPI cover (lansoprazole 15 mg OD)")
_LINK = re.compile(
    # (not across a clause of its own: "... as she is breastfeeding and labetalol made her dizzy")
    r"(?:(?!\b(?:as|because|since|so|when|while|whilst|if|but)\s+(?:she|he|they|it|I|we|you)\b)[^.;:\n]){0,120}?"
    r"(?:,\s*|\s+)(?:(?:together|along)\s+with|alongside|as\s+well\s+as|with|plus|and)\s+"
    r"(?:(?:a|an|the|some)\s+)?(?:(?:small\s+|short\s+)?(?:course|supply|cover)\s+of\s+)?"
    r"(?:[\w-]+\s+(?:cover|protection|prophylaxis)\s*\(\s*)?"
    r"(?:(?:oral|regular|prn|topical|sc|subcutaneous)\s+)?$",
    re.IGNORECASE,
)
# "Tiotropium and Symbicort - both stopped; now on Trelegy Ellipta": what replaced the stopped drugs
_NOW_ON = re.compile(
    r"[^.\n]{0,40}?(?:[;,]|\s[-–—])\s*(?:and\s+)?(?:(?:she|he|they)\s+(?:is|are)\s+)?(?:now|instead)\s+"
    r"(?:on|taking|using)\s+(?:(?:a|an|the|regular|oral|inhaled)\s+)?$",
    re.IGNORECASE,
)
# "with the usual X", "with his existing X": a drug already taken, not a companion
_NOT_NEW = re.compile(
    r"\b(?:usual|existing|regular|current|own|normal|ongoing|her|his|their)\s+$", re.IGNORECASE
)
# between a drug phrase and a status of its own: "bisoprolol 2.5 mg continues", "ramipril is unchanged"
_OWN_STATUS_GAP = re.compile(r"[ \t]*(?:(?:is|are|was|were|has|have|been|remains?|stays?)[ \t]+){0,2}", re.I)
_NOT_OWN = re.compile(r"[,;(]|\bto\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")
_BLOCKING = {"negated", "hypothetical", "historical", "other_actor", "continued"}

Maker = Callable[[Doc, str, str, str, Span, int, int, Any, Any], "dict[str, Any] | None"]


def has_own_status(doc: Doc, text: str, d: Span, phrase_end: int) -> bool:
    """True when a continued or negated cue follows the drug's phrase as its own verb ("X continues").

    Not after a comma or "to" ("colecalciferol 800 units daily, to continue long term" is still new).
    """
    for m in doc._.context or []:
        if m.start < d.end_char or m.category not in ("continued", "negated"):
            continue
        if _OWN_STATUS_GAP.fullmatch(text, phrase_end, m.start) and not _NOT_OWN.search(
            text, d.end_char, m.start
        ):
            return True
    return False


def companion_starts(
    doc: Doc, text: str, drugs: list[Span], changes: list[dict[str, Any]], done: set[int], make: Maker
) -> None:
    """Add a start for each drug joined by "with" or "and" to a drug started in the same sentence (and
    to each such companion in turn), or put "now on" in place of a stopped one."""
    starts = [
        c for c in changes if c["action"] in ("start", "stop") and not str(c["rule"]).startswith("list_")
    ]
    for c in starts:
        link = _LINK if c["action"] == "start" else _NOW_ON
        origin = max(int(c["end"]), int(c["drug_end"]))
        for d in drugs:
            if d.start_char < origin:
                continue
            if d.start_char - origin > 150:
                break
            if d.start_char in done or (d._.drug or {}).get("generic") == c["drug"]:
                break
            gap = text[origin : d.start_char]
            if link.fullmatch(gap) is None or _NOT_NEW.search(gap):
                break
            le = text.find("\n", d.start_char)
            le = len(text) if le == -1 else le
            stop = _SENTENCE_END.search(text, int((d._.dosage or {}).get("phrase_end") or d.end_char), le)
            le = stop.start() if stop else le
            if any(m.category in _BLOCKING for m in categories_at(doc, d.start_char, d.end_char)):
                break
            if has_own_status(doc, text, d, int((d._.dosage or {}).get("phrase_end") or d.end_char)):
                break  # "started apixaban and ramipril is unchanged": the drug's own status
            change = make(doc, text, "start", "start_companion", d, d.start_char, le, None, None)
            if change is None:
                break
            changes.append(change)
            done.add(d.start_char)
            if c["action"] != "start":
                break
            # "took home misoprostol ..., along with codeine ... and cyclizine": the list goes on
            origin = max(int(change["end"]), int(change["drug_end"]))
