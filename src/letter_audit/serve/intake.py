"""An upload's bytes become an inbox row with a report, or with the error a user can act on.

This is the web page's caller of ``audit()``; it adds nothing to the checking itself. Uploaded bytes
are read in memory (``ingest.read_bytes``): they are never written to disk outside the store, and the
uploaded name is only ever shown, never used as a path.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InternalError, LetterAuditError
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


def read_upload(data: bytes, name: str, max_bytes: int) -> Letter:
    """The letter in these bytes, read in memory; ``name`` is reported as its path."""
    from ..ingest import read_bytes

    return read_bytes(data, name, max_bytes=max_bytes)


@dataclass
class Checker:
    """What checking an upload needs: where results go, the standard, and the loaded pipeline."""

    inbox: Inbox
    reports: Reports
    standard: Standard
    nlp: Language | None = None
    auditor: Callable[[Letter], Report] | None = None
    """Replaces ``audit()`` (tests use it to fix the findings a page shows)."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest single letter read (the upload limit already bounds it)."""

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
            letter = read_upload(data, name, self.max_bytes)
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
