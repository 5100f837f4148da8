"""GP requests read from inline text, for the la_requests tests: a letter to the practice or to the
patient, ended by a sign-off that copies the practice in (so the request is not the letter's last line)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

D = "Dear Dr Hale,\n\nShe was seen in clinic today.\n\n"  # a letter to the practice
P = "Dear Mrs Doe,\n\nThank you for coming to clinic today.\n\n"  # a letter to the patient
END = "\n\nYours sincerely,\nDr A Jones\ncc: Dr Hale, Elm Tree Surgery\n"


def found(nlp: Language, run: Callable[[Language, str | Letter], Doc], text: str) -> list[tuple[str, str]]:
    """The requests found in ``text`` (signed off), as (text, category)."""
    doc = run(nlp, text + END)
    return [(s.text, s._.request_category) for s in doc.spans["gp_actions"]]
