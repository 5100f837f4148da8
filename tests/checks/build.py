"""Hand-made letters and findings for check tests (extraction is tested elsewhere)."""

from __future__ import annotations

import re
from typing import Any

from letter_audit.checks import judge
from letter_audit.extract.evidence import evidence
from letter_audit.letter import Letter
from letter_audit.report import CriterionResult, Evidence, Findings, Report
from letter_audit.standard import Standard, load_standard

STANDARD = load_standard()


def ev(letter: Letter, snippet: str) -> Evidence:
    """Evidence for the first place ``snippet`` occurs in the letter (whitespace-insensitive)."""
    match = re.search(r"\s+".join(re.escape(w) for w in snippet.split()), letter.text)
    assert match is not None, f"{snippet!r} not in letter"
    return evidence(letter, match.start(), match.end())


def report(text: str, standard: Standard | None = None, **findings: Any) -> Report:
    letter = Letter.from_text(text, path="letter.txt")
    resolved = {k: (v(letter) if callable(v) else v) for k, v in findings.items()}
    return judge(letter, Findings(**resolved), standard or STANDARD)


def result(criterion_id: str, text: str, **findings: Any) -> CriterionResult:
    """The one criterion's result for a letter. Findings values may be callables taking the letter."""
    found = [c for c in report(text, **findings).criteria if c.id == criterion_id]
    assert len(found) == 1
    return found[0]
