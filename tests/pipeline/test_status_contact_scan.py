"""Contact cues are tried only where they can start (``Scanner``): the hits must be exactly those a plain
``finditer`` over the whole text gives, after the scanners are built (performance pass 10)."""

from __future__ import annotations

from letter_audit.paths import models_dir
from letter_audit.pipeline.ruledata import read_yaml
from letter_audit.pipeline.rxfilter import Haystack, build_pending
from letter_audit.pipeline.status import RULES_FILE, ContactFinder, StatusRules

TEXTS = [
    "Cardiology secretary: 01632 960 123 (Mon-Fri). Email cardio.sec@example.nhs.uk\nBleep 4411",
    "If worried call the heart failure nurses on 01632 961 000 ext 2345 or the advice line.",
    "Mobile 07700 900 123\nWard 5 nurses 0161 496 0000, x 41234",
    "No telephone number here at all.",
]


def _plain(finder: ContactFinder, text: str) -> list[tuple[int, int, str]]:
    """Every cue match by ``finditer`` (the gates and scanners are not used)."""
    return sorted((m.start(), m.end(), rid) for rid, rx, _, _, _ in finder.contact for m in rx.finditer(text))


def test_contact_hits_match_a_plain_search_once_scanners_are_built() -> None:
    finder = ContactFinder(read_yaml(models_dir() / "rules" / RULES_FILE, StatusRules))
    before = [finder._contact_hits(t, Haystack(t)) for t in TEXTS]
    build_pending()
    after = [finder._contact_hits(t, Haystack(t)) for t in TEXTS]
    assert after == before
    found = [h for hits in after for h in hits]
    assert {rid for _, _, rid in found} >= {"contact-email", "contact-phone"}
    # every hit kept is a plain match of its cue starting where the hit (or its "before" part) ends up
    plain = {(e, rid) for t in TEXTS for _, e, rid in _plain(finder, t)}
    assert all((e, rid) in plain for _, e, rid in found)
