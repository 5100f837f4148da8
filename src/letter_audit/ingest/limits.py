"""Limits that keep one bad file from exhausting memory or time in a practice's inbox run.

The time limit works two ways at once:

* cooperatively: readers call ``check_deadline()`` between pages, table rows and paragraphs. This works in
  any thread and any process (the web app's worker threads, Spark executors).
* by ``SIGALRM``: when called in the main thread on a POSIX system and no other interval timer is
  running, an alarm interrupts Python code that never reaches a checkpoint.

Neither can interrupt a single long call inside a C library (PDFium, Tesseract's subprocess excepted,
which gets its own timeout); callers that need a hard guarantee run readers in a worker process and kill
it, as the batch runner does.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ..errors import ReadTimeout

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Largest file read at all (50 MB): a letter is rarely over 5 MB, even scanned."""
DEFAULT_TIMEOUT_S = 60.0
"""Per-file wall-clock limit for reading (including OCR)."""
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
"""A DOCX whose parts add up to more than this when inflated is refused as a zip bomb."""
MAX_ZIP_RATIO = 200
"""A DOCX part over 1 MB that inflates more than this many times its compressed size is refused."""


class _Deadline(threading.local):
    at: float | None = None
    seconds: float = 0.0
    path: str | None = None


_deadline = _Deadline()


def check_deadline() -> None:
    """Raise ``ReadTimeout`` when the current read has run past its limit (cheap: call it often)."""
    at = _deadline.at
    if at is not None and time.monotonic() > at:
        raise _timeout()


def _timeout() -> ReadTimeout:
    return ReadTimeout(
        f"reading took longer than the {_deadline.seconds:g} s time limit; the file may be malformed",
        path=_deadline.path,
    )


def _can_use_alarm() -> bool:
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0.0


@contextmanager
def time_limit(seconds: float | None, path: str | None = None) -> Iterator[None]:
    """Run the body under a wall-clock limit, raising ``ReadTimeout`` (LA110) when it is passed."""
    if not seconds or seconds <= 0:
        yield
        return
    previous = (_deadline.at, _deadline.seconds, _deadline.path)
    _deadline.at, _deadline.seconds, _deadline.path = time.monotonic() + seconds, seconds, path
    use_alarm = _can_use_alarm()
    old_handler: object = None
    if use_alarm:

        def _on_alarm(signum: int, frame: FrameType | None) -> None:
            raise _timeout()

        old_handler = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)  # type: ignore[arg-type]
        _deadline.at, _deadline.seconds, _deadline.path = previous


def remaining_s() -> float | None:
    """Seconds left before the current deadline, or None without one (for subprocess timeouts)."""
    if _deadline.at is None:
        return None
    return max(0.1, _deadline.at - time.monotonic())
