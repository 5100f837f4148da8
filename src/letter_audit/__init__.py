"""letter-audit: audit hospital letters to GP practices against the complete-care standard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .letter import Letter
from .pipeline import load_pipeline
from .report import Report

if TYPE_CHECKING:
    from spacy.language import Language

    from .standard import Standard

__version__ = "0.1.0"
__all__ = ["Letter", "Report", "__version__", "audit", "load_pipeline"]


def audit(
    source: str | Path | Letter,
    *,
    standard: Standard | None = None,
    nlp: Language | None = None,
) -> Report:
    """Check one letter: read it, find what it says, judge it against the standard.

    ``source`` is a path to a letter file (PDF, DOCX, text, HTML, RTF) or an already read ``Letter``.
    Raises a ``letter_audit.errors.LetterAuditError`` subclass for input the user must fix.
    """
    from .checks import judge
    from .extract import extract
    from .ingest import read_letter
    from .pipeline import annotate
    from .rxcache import routed
    from .standard import load_standard

    with routed():  # the standard's and checks' patterns, compiled from saved code (rxcache)
        letter = source if isinstance(source, Letter) else read_letter(source)
        doc = annotate(nlp or load_pipeline(), letter)
        findings = extract(doc, letter)
        return judge(letter, findings, standard or load_standard())
