"""la_meta's "a date alone on its line" test against the regex it replaces (speed work)."""

from __future__ import annotations

import random
import re

from letter_audit.pipeline.meta_dates import _alone


def test_alone_answers_as_the_full_match_regex_did() -> None:
    rng = random.Random(3)
    parts = ["12/03/2026", "Monday", "Tuesday, ", " ", ",", ".", "x", "day", "\t", "Sunday12/03/2026"]
    held = 0
    for _ in range(3000):
        line = "".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
        for date in ("12/03/2026", "3 March 2026"):
            want = re.fullmatch(r"\s*(?:\w+day,?\s+)?" + re.escape(date) + r"[\s,.]*", line) is not None
            assert _alone(line, date) is want, (line, date)
            held += want
    assert held > 50  # the lines hold the date alone often enough to test both answers
    assert _alone("  Monday, 12/03/2026.", "12/03/2026") is True
    assert _alone("Seen 12/03/2026", "12/03/2026") is False
