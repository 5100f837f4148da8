"""Follow-up owner and fit note read from inline text set below a letter head, for the la_status tests.

The head (a salutation and a long first paragraph) keeps a test's first line from reading as the
letter's title, so each test sees its sentence as body text.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

HEAD = "Dear Dr Patel,\nRe: Mrs A Example, NHS 999 000 0000.\n" + "She was seen for review. " * 20 + "\n"

Run = Callable[[Language, str | Letter], Doc]


def owner(nlp: Language, run: Run, text: str) -> tuple[str, str]:
    """(owner, rule) of the follow-up la_status finds; ("unclear", "") when it finds no plan."""
    fu = run(nlp, HEAD + text)._.follow_up
    return (fu["owner"], fu["rule"]) if fu else ("unclear", "")


def fit(nlp: Language, run: Run, text: str) -> tuple[str, str] | None:
    """(status, rule) of the fit note la_status finds, or None."""
    f = run(nlp, HEAD + text)._.fit_note
    return (f["status"], f["rule"]) if f else None
