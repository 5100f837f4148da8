"""Golden-file comparison for rendered text (``check`` summaries, drafted replies).

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_render_text.py
tests/test_reply.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """``text`` equals the file ``tests/golden/<name>`` (or, with UPDATE_GOLDEN set, becomes it)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
