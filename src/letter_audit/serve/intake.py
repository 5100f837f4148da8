"""An upload's bytes become an inbox row with a report, or with the error a user can act on.

This is the web page's caller of ``audit()``; it adds nothing to the checking itself. Uploaded bytes
are read in memory where the ingest package can (``read_bytes``); otherwise they go to a private
temporary folder under a fixed name (never the uploaded name) that is removed straight after reading.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EmptyFile, InternalError, LetterAuditError
from ..letter import Letter
from .inbox import Inbox

if TYPE_CHECKING:
    from spacy.language import Language

    from ..report import Report
    from ..standard import Standard
    from .results import Reports

log = logging.getLogger("letter_audit.serve")

MAX_FILENAME = 200


def display_name(filename: str | None) -> str:
    """The name to show for an upload: its last path part, printable, bounded. Never used as a path."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:MAX_FILENAME] or "unnamed letter"


def _suffix(name: str) -> str:
    """A harmless extension to hint the reader (content still decides the format)."""
    suffix = Path(name).suffix.lower()
    return suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""


def read_upload(data: bytes, name: str) -> Letter:
    """The letter in these bytes, with ``source.path`` set to the name the user gave."""
    if not data:
        raise EmptyFile(path=name)
    from .. import ingest

    read_bytes = getattr(ingest, "read_bytes", None)
    if read_bytes is not None:
        letter: Letter = read_bytes(data, name)
    else:
        with tempfile.TemporaryDirectory(prefix="letter-audit-") as tmp:
            os.chmod(tmp, 0o700)
            target = Path(tmp) / f"upload{_suffix(name)}"
            target.write_bytes(data)
            try:
                letter = ingest.read_letter(target)
            except LetterAuditError as exc:
                exc.path = name  # the temporary path means nothing to the user
                raise
    source = letter.source.model_copy(update={"path": name})
    return letter.model_copy(update={"source": source})


@dataclass
class Checker:
    """What checking an upload needs: where results go, the standard, and the loaded pipeline."""

    inbox: Inbox
    reports: Reports
    standard: Standard
    nlp: Language | None = None
    auditor: Callable[[Letter], Report] | None = None
    """Replaces ``audit()`` (tests use it to fix the findings a page shows)."""

    def check(self, data: bytes, filename: str | None) -> int:
        """Add one upload to the inbox and check it; returns the inbox id (also for errors)."""
        name = display_name(filename)
        sha256 = hashlib.sha256(data).hexdigest()
        existing = self.inbox.find_open(sha256)
        if existing is not None:
            return existing
        item_id = self.inbox.add(sha256=sha256, filename=name, data=data)
        self.run(item_id, data, name)
        return item_id

    def run(self, item_id: int, data: bytes, name: str) -> None:
        """Read and check the letter of one inbox row, recording the report or the error."""
        from .. import audit

        try:
            letter = read_upload(data, name)
            report = self.reports.get(letter.source.sha256)
            if report is None:
                if self.auditor is not None:
                    report = self.auditor(letter)
                else:
                    report = audit(letter, standard=self.standard, nlp=self.nlp)
                self.reports.put(report)
            self.inbox.set_report(item_id, report, letter.text)
        except LetterAuditError as exc:
            # The code and message are safe to log; they never carry letter text.
            log.info("inbox %d: %s", item_id, exc.code)
            self.inbox.set_error(item_id, exc.code, exc.message)
        except Exception as exc:  # a bug must not take the page down; the user sees LA900
            log.error("inbox %d: internal error (%s)", item_id, type(exc).__name__)
            self.inbox.set_error(item_id, InternalError.code, InternalError.default_message)
