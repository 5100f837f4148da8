"""``check``, ``schema``: one letter's report, and the report's JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import LetterAuditError
from ._group import EXIT_USER_ERROR, error_line, main
from ._options import format_option, standard_option


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("text: a triage summary for practice staff; json: the report contract.")
@standard_option()
def check(files: tuple[Path, ...], fmt: str, standard: Path | None) -> None:
    """Check one or more letters and print what the practice needs to know.

    With --format json and several files, prints one JSON object per line. A file that cannot be
    read gets one line on stderr (path, error code, what to do) and the others are still checked;
    the exit status is then 2.
    """
    from .. import audit
    from ..render.text import render_text
    from ..rxcache import routed
    from ..standard import load_standard

    with routed():  # the standard's patterns, compiled from saved code (rxcache)
        std = load_standard(standard)
    failed = 0
    for path in files:
        try:
            report = audit(path, standard=std)
        except LetterAuditError as exc:
            if len(files) == 1:  # one letter: its error is the command's (one line, exit 2)
                raise
            # A bad file among several gets its one line and the rest are still checked.
            failed += 1
            click.echo(error_line(exc), err=True)
            continue
        if fmt == "json":
            click.echo(report.model_dump_json(indent=2 if len(files) == 1 else None))
        else:
            click.echo(render_text(report))
    if failed:
        click.echo(f"letter-audit: {failed} of {len(files)} files could not be checked", err=True)
        sys.exit(EXIT_USER_ERROR)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the report (the public contract)."""
    from ..report import Report

    click.echo(json.dumps(Report.model_json_schema(), indent=2))
