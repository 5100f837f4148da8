"""Options several commands share, declared once so their names and help stay the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

STANDARD_HELP = "A complete-care standard file to judge against instead of the shipped one."


def standard_option(help_text: str = STANDARD_HELP) -> Callable[[F], F]:
    """``--standard FILE``: a trust's adapted copy of models/standards/complete_care.yaml."""
    return click.option(
        "--standard",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help_text,
    )


def format_option(help_text: str) -> Callable[[F], F]:
    """``--format text|json`` (text by default), stored as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


DEFAULT_DB = Path("letter-audit.sqlite")
"""The results store batch writes and report and serve read, unless --db says otherwise."""


def db_option(help_text: str) -> Callable[[F], F]:
    """``--db FILE``: the SQLite results store, the same default for every command that uses one."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help=help_text,
    )
