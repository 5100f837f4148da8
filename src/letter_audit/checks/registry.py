"""The registry of checks: a criterion in the standard names its check, and this finds it.

Each family module registers its checks with ``@register("family.name")`` on import. The standard is
validated against ``check_names()``, so a misspelt check is caught when the file loads.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import CheckContext, Outcome

CheckFn = Callable[["CheckContext"], "Outcome"]

FAMILIES = ("content", "medication", "actions", "care", "timeliness")
_CHECKS: dict[str, CheckFn] = {}


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    def wrap(fn: CheckFn) -> CheckFn:
        if name in _CHECKS and _CHECKS[name] is not fn:
            raise RuntimeError(f"check {name!r} registered twice")
        _CHECKS[name] = fn
        return fn

    return wrap


_LOADED: list[bool] = []  # set once every family module has been imported (each judge asks often)


def _load_families() -> None:
    if _LOADED:
        return
    for family in FAMILIES:
        importlib.import_module(f"{__package__}.{family}")
    _LOADED.append(True)


def check_names() -> set[str]:
    _load_families()
    return set(_CHECKS)


def get_check(name: str) -> CheckFn:
    _load_families()
    return _CHECKS[name]
