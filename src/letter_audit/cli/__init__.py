"""Thin click layer over the library. Each command lives in its own module below."""

from __future__ import annotations

import importlib

from ._group import main

# One module per command (or family of commands); each registers itself on ``main``.
_COMMAND_MODULES = [
    "check",
    "read",
    "eval",
    "batch",
    "report",
    "serve",
    "reply",
    "explain",
]

for _name in _COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")

__all__ = ["main"]
