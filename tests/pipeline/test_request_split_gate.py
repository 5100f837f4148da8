"""la_requests: the first-character-gated sentence split (``RequestFinder.split_spans``) must cut every
sentence exactly where the plain ``split_source`` pattern's ``finditer`` cuts it."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from letter_audit.paths import models_dir
from letter_audit.pipeline.request_finder import RequestFinder
from letter_audit.pipeline.request_rules import _FLAGS
from letter_audit.pipeline.requests import RULES_FILE, RequestsComponent

DEV = Path(__file__).resolve().parents[2] / "fixtures/letters/dev"


@pytest.fixture(scope="module")
def finder() -> RequestFinder:
    comp = RequestsComponent(None, "la_requests")  # type: ignore[arg-type]
    comp._load(models_dir() / "rules" / RULES_FILE)
    assert comp.finder is not None
    return comp.finder


def _plain(finder: RequestFinder, sent: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.compile(finder.split_source, _FLAGS).finditer(sent)]


HAND = [
    "Please check U&E in 1 week; if K+ > 6.0, stop ramipril.",
    "Restart ramipril if creatinine settles, and then stop the amlodipine if BP allows",
    "asked your GP to take over the prescriptions and to sign a community chart",
    "check U+E in 1-2 weeks, and if BP remains high, consider adding amlodipine",
    "GP actions: 1) repeat U&E 2) review BP",
    "1. U&E in 1 week 2. Review BP 3. Stop aspirin",
    "GP please f/u bloods 1/52\nrecheck Na\n  review meds",
    "if you could\ncheck her U&E",
    "HbA1c in 3 months and his renal function in 4 weeks",
    "under the shared care agreement, with FBC, U&E and LFT every 4 weeks",
    "please do not prescribe, but do record it on your system",
    "..., and could your practice also do her glucose checks",
    "and let the HF nurses know ; and text the result to the renal line",
    "check U&E,\u00a0then uptitrate ramipril\u2028and review BP",
    "  ;  ,  and , & please review ;",
    "U&E (sodium; potassium) in 2 weeks, and please review",
    "",
    " ",
    ";",
]


def test_hand_sentences_split_the_same(finder: RequestFinder) -> None:
    cuts = {s: finder.split_spans(s) for s in HAND}
    assert cuts == {s: _plain(finder, s) for s in HAND}
    assert cuts[HAND[0]] == [(26, 28), (39, 41)]  # at "; " and at ", " before "stop"


def test_dev_letter_text_splits_the_same(finder: RequestFinder) -> None:
    checked = 0
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z])|\n\s*\n", text):
            assert finder.split_spans(sent) == _plain(finder, sent), path.name
            checked += 1
    assert checked > 1000


def test_shuffled_sentences_split_the_same(finder: RequestFinder) -> None:
    words = (
        "check U&E in 2 weeks and please review BP ; , & then if once stop restart ramipril to the GP "
        "we I will have could you your practice 1) 2. 3) with FBC every monthly weeks months his her renal "
        "function at let renal nurses know but do record ( ) of or can"
    ).split()
    gaps = [" ", "  ", "\n", " \n ", "\t", "\u00a0", ", ", "; ", ",", ";"]
    rng = random.Random(7)
    for _ in range(3000):
        parts = [rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 25))]
        sent = "".join(parts)
        assert finder.split_spans(sent) == _plain(finder, sent), repr(sent)
