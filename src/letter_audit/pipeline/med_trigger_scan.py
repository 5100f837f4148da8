"""Finding change triggers in a letter, scanned letters included (part of ``la_med_changes``).

Why apart from the ties: finding the words is one pass over the text with the fast cue matcher; a scan
adds its own repairs (letters read as digits, "st0pped"; words split in two, "sto pped") that keep every
offset. ``med_ties.py`` then ties each trigger to its drug.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .context_match import RuleStarts, longest_matches

if TYPE_CHECKING:
    from .med_ties import TriggerRule

# a change word split in two by a scan ("sto pped"): every two-part split of the common change words
_SPLIT_WORD = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        w[:k] + " " + w[k:]
        for w in (
            "started",
            "stopped",
            "increased",
            "reduced",
            "decreased",
            "discontinued",
            "commenced",
            "withheld",
            "suspended",
            "switched",
            "changed",
            "ceased",
            "restarted",
            "initiated",
            "introduced",
        )  # fmt: skip
        for k in range(2, len(w) - 1)
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
_OCR_DIGIT = re.compile(r"(?<=[a-z])[015]+(?=[a-z])|\b[05](?=[a-z]{3})", re.IGNORECASE)
_OCR_FIX = str.maketrans("015", "ols")


class Trigger:
    __slots__ = ("start", "end", "rule")

    def __init__(self, start: int, end: int, rule: TriggerRule) -> None:
        self.start, self.end, self.rule = start, end, rule


class TriggerScan:
    """Mixin for TieRules: the trigger scan."""

    rx_triggers: list[tuple[Any, re.Pattern[str]]]
    rx_any: re.Pattern[str]
    trigger_firsts: set[str] | None
    trigger_index: dict[str, list[int]] | None
    trigger_starts: RuleStarts | None

    def _find_triggers(self, text: str, ocr: bool = False) -> list[Trigger]:
        ocr = ocr or _OCR_DIGIT.search(text) is not None
        if ocr:
            # scanned letters misread letters as digits ("st0pped", "5tarted"); the fix keeps every offset
            text = _OCR_DIGIT.sub(lambda m: m.group(0).translate(_OCR_FIX), text)
        rxs = [rx for _, rx in self.rx_triggers]
        found = longest_matches(
            text, self.rx_any, rxs, self.trigger_firsts, self.trigger_index, self.trigger_starts
        )
        out = [Trigger(s, e, self.rx_triggers[k][0]) for s, e, k in found]
        if ocr:
            out = self._broken_words(text, out)
        return out

    def _broken_words(self, text: str, found: list[Trigger]) -> list[Trigger]:
        """Change words a scan split in two ("sto pped", "dis continued"), as one trigger over both parts."""
        taken = [(t.start, t.end) for t in found]
        extra = []
        for m in _SPLIT_WORD.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            joined = m.group(0).replace(" ", "").lower()
            rule = next((r for r, rx in self.rx_triggers if rx.fullmatch(joined)), None)
            if rule is not None:
                extra.append(Trigger(m.start(), m.end(), rule))
        return sorted(found + extra, key=lambda t: t.start) if extra else found
