"""The click group every command hangs off, and how user errors become one line."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .. import __version__
from ..errors import LetterAuditError

EXIT_USER_ERROR = 2


class AuditGroup(click.Group):
    """A group that turns LetterAuditError into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LetterAuditError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            click.echo(error_line(exc), err=True)
            sys.exit(EXIT_USER_ERROR)


def error_line(exc: LetterAuditError) -> str:
    """The one stderr line a user error becomes: ``letter-audit: path: LA103 file is empty``."""
    return f"letter-audit: {exc.one_line()}"


@click.group(cls=AuditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letter-audit")
@click.option(
    "--debug",
    is_flag=True,
    envvar="LETTER_AUDIT_DEBUG",
    help="Show full tracebacks instead of one-line errors.",
)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Audit hospital letters to GP practices: medication changes, GP requests, missing items.

    Reads discharge summaries and clinic letters (PDF, DOCX, text, HTML, RTF, scans) and scores each
    against the complete-care standard. Nothing leaves this machine.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug or bool(os.environ.get("LETTER_AUDIT_DEBUG"))
