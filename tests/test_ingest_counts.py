"""The read step's counting shortcuts give the answers of the plain per-character definitions."""

from __future__ import annotations

import random

from letter_audit.ingest.sniff import _looks_binary
from letter_audit.ingest.text import mostly_capitals


def _capitals_by_definition(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 40 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _binary_by_definition(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 50)


def test_mostly_capitals_counts_as_the_definition_does() -> None:
    shouted = "DISCHARGE SUMMARY\nPATIENT SEEN ON WARD 7. PLEASE REVIEW BLOODS IN 2 WEEKS, THANKS.\n"
    assert mostly_capitals(shouted) is True
    assert mostly_capitals(shouted.lower()) is False
    assert mostly_capitals("SHORT CAPITALS ONLY") is False  # under 40 letters: says nothing
    # Exactly 60% capitals is not "more than 60%"; one more capital is.
    assert mostly_capitals("A" * 30 + "b" * 20) is False
    assert mostly_capitals("A" * 31 + "b" * 19) is True
    rng = random.Random(13)
    alphabet = "AbCdE fG1.\n|-xYz"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        assert mostly_capitals(text) == _capitals_by_definition(text), text
    # Text with other scripts keeps the per-character count ("É" is a capital letter, "ß" a small one).
    for text in ["ÉÉÉÉ" * 12 + "ß" * 10, "Ⅻ" * 50 + "ab" * 20, "Σ" * 41]:
        assert mostly_capitals(text) == _capitals_by_definition(text)


def test_looks_binary_counts_control_bytes_as_the_definition_does() -> None:
    assert _looks_binary(b"Dear Dr Smith,\r\n\tPlease review.\f") is False
    assert _looks_binary(b"ok\x01\x02\x03 text") is True
    assert _looks_binary(b"a\x00b") is True
    rng = random.Random(13)
    for _ in range(500):
        sample = bytes(rng.choice(b"ab \t\n\r\x0c\x01\x1b\x7f\xff") for _ in range(rng.randrange(0, 400)))
        assert _looks_binary(sample) == _binary_by_definition(sample)
