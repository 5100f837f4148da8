"""``check``, ``schema``: one letter's report, and the report's JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ._group import main
from ._options import format_option, standard_option


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option("text: a triage summary for practice staff; json: the report contract.")
@standard_option()
def check(files: tuple[Path, ...], fmt: str, standard: Path | None) -> None:
    """Check one or more letters and print what the practice needs to know.

    With --format json and several files, prints one JSON object per line.
    """
    from .. import audit
    from ..render.text import render_text
    from ..rxcache import routed
    from ..standard import load_standard

    with routed():  # the standard's patterns, compiled from saved code (rxcache)
        std = load_standard(standard)
    for path in files:
        report = audit(path, standard=std)
        if fmt == "json":
            indent = 2 if len(files) == 1 else None
            click.echo(report.model_dump_json(indent=indent))
        else:
            click.echo(render_text(report))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the report (the public contract)."""
    from ..report import Report

    click.echo(json.dumps(Report.model_json_schema(), indent=2))
