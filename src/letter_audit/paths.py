"""Where the shipped data lives, in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def models_dir() -> Path:
    """The models/ folder: $LETTER_AUDIT_MODELS, the wheel's copy, or the repo's."""
    env = os.environ.get("LETTER_AUDIT_MODELS")
    if env:
        return Path(env)
    bundled = _PACKAGE / "_models"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent / "models"
