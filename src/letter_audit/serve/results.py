"""Reports for the web page come from the same results store ``batch`` writes.

The page never keeps a second copy of a report: it asks the shared ``ResultStore`` by SHA-256 and
standard, and checks the letter only when the store has no answer (a new letter, or a new standard).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..report import Report

if TYPE_CHECKING:
    from ..standard import Standard


class Reports:
    """A thin view of ``letter_audit.store.ResultStore`` holding only full reports, never errors.

    Errors stay in the inbox table: an unreadable upload is shown with its code and is not a result
    another run should reuse.
    """

    def __init__(self, path: str | Path, standard: Standard) -> None:
        from ..store import ResultStore

        self._store = ResultStore(path)
        self._standard = standard

    def get(self, sha256: str) -> Report | None:
        found = self._store.get(sha256, self._standard.id, self._standard.version)
        if found is None or "error" in found:
            return None
        return Report.model_validate(found)

    def put(self, report: Report) -> None:
        self._store.put(report, self._standard.id, self._standard.version)

    def close(self) -> None:
        self._store.close()
