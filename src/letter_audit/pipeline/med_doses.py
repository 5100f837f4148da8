"""Dose texts: reading "from 2.5 mg to 5 mg" and telling an increase from a decrease.

Shared by ``la_med_changes`` (prose, lists, records) and ``la_med_lists`` (comparing lists and tables).
"""

from __future__ import annotations

import re

from .dosage import parse_amount

DOSE = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?\s*(?:mg|micrograms?|mcg|microg|g|units?|ml|%)?(?:\s*(?:/\s*\w+))?"
    r"(?:\s+(?:OD|BD|TDS|QDS|ON|OM|nocte|mane|once daily|twice daily|daily|at night|weekly|once weekly)\b)?"
)
FROM_TO = re.compile(rf"\bfrom\s+({DOSE})\s*(?:to|->|→|-)\s*({DOSE})", re.IGNORECASE)
# "Bisoprolol 2.5 mg -> 5 mg": a list line that writes the change as an arrow between two doses; the first
# dose may say when it was taken ("Furosemide: 40mg OM on admission -> 80mg OM on discharge")
_WHEN_BEFORE = r"(?:\s*\(?(?:on|at|before|pre-?|prior\s+to)\s*(?:admission|arrival|adm)\)?)?"
ARROW = re.compile(rf"[\s:,]*({DOSE}){_WHEN_BEFORE}\s*(?:-+>|→|⇒|=>)\s*({DOSE})", re.IGNORECASE)
# "Amlodipine 5 mg OD ⇧ dose to 10 mg OD": an up or down arrow after the drug's dose
UP_DOWN = re.compile(r"[\s:,\-–]*(?:dose\s*)?(?:([↑⇧⬆▲])|([↓⇩⬇▼]))", re.IGNORECASE)
# "increased to 10 mg", "titrated to a maximum of 10 mg"
TO_DOSE = re.compile(
    rf"\bto\s+(?:(?:a|the)\s+(?:maximum|max\.?|target)\s+(?:dose\s+)?of\s+)?({DOSE})", re.IGNORECASE
)
PER_DAY = {
    "od": 1, "daily": 1, "once daily": 1, "once a day": 1, "on": 1, "om": 1, "nocte": 1, "mane": 1,
    "at night": 1,
    "bd": 2, "twice daily": 2, "twice a day": 2, "tds": 3, "three times daily": 3, "three times a day": 3,
    "qds": 4, "four times daily": 4, "four times a day": 4, "weekly": 1 / 7, "once weekly": 1 / 7,
}  # fmt: skip
FREQ_WORDS = re.compile(
    r"\b(once daily|twice daily|twice a day|three times (?:daily|a day)|four times (?:daily|a day)|once a day"
    r"|at night|once weekly|od|bd|tds|qds|on|om|nocte|mane|daily|weekly)\b",
    re.IGNORECASE,
)


# "Metformin | 1 g BD | 500 mg BD": amounts in different mass units are compared in milligrams
_MASS_UNIT = re.compile(r"^[\d.,\s]*(g|grams?|mg|micrograms?|mcg|microg)\b", re.IGNORECASE)
_TO_MG = {"g": 1000.0, "gram": 1000.0, "grams": 1000.0, "mg": 1.0}


def _amount_per_day(dose: str | None, per_day: bool = True) -> float | None:
    amount = parse_amount(dose)
    if amount is None or dose is None:
        return None
    unit = _MASS_UNIT.match(dose.strip())
    if unit is not None:
        amount *= _TO_MG.get(unit.group(1).lower(), 0.001)
    m = FREQ_WORDS.search(dose) if per_day else None
    return amount * (PER_DAY.get(m.group(1).lower(), 1) if m else 1)


def dose_direction(before: str | None, after: str | None) -> str | None:
    """increase / decrease from two dose texts, or None when they cannot be compared.

    Daily totals are compared when both doses say how often; "20 mg once weekly (from 15 mg)" names the
    frequency once, so the amounts are compared as written.
    """
    both = bool(before and after and FREQ_WORDS.search(before) and FREQ_WORDS.search(after))
    a, b = _amount_per_day(before, both), _amount_per_day(after, both)
    if a is None or b is None or a == b:
        return None
    return "increase" if b > a else "decrease"
