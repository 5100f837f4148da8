"""``report``: the trust's audit report from a batch results store (HTML with charts, CSV, JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from ._group import main
from ._options import db_option


@main.command()
@db_option("The results store written by 'letter-audit batch'.")
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML report."
)
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the figures as CSV."
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the summary as JSON ('-' for standard output).",
)
@click.option("--standard-id", help="Report on results for this standard [default: the latest used].")
@click.option("--standard-version", help="Report on results for this standard version.")
@click.option(
    "--worst", type=click.IntRange(min=0), default=10, show_default=True, help="Lowest-scoring letters."
)
@click.option("--title", default="Letter audit report", show_default=True, help="Heading of the HTML report.")
def report(
    db: Path,
    html_path: Path | None,
    csv_path: Path | None,
    json_path: Path | None,
    standard_id: str | None,
    standard_version: str | None,
    worst: int,
    title: str,
) -> None:
    """Summarise a results store for a trust audit.

    Shows how many letters were audited, the score distribution, compliance per criterion, the same
    by specialty, team, consultant and month, inappropriate requests by rule, and the worst letters
    with their findings. The HTML is one self-contained file (charts embedded as SVG) that can be
    emailed and opened offline. With no output option, prints the JSON summary.
    """
    from ..audit_report.aggregate import summarise
    from ..audit_report.html import render_html
    from ..audit_report.table import render_csv, render_json
    from ..store import ResultStore

    with ResultStore(db, create=False) as store:
        if (standard_id is None) != (standard_version is None):
            latest = store.latest_standard()
            standard_id = standard_id or (latest[0] if latest else None)
            standard_version = standard_version or (latest[1] if latest else None)
        summary = summarise(store.iter_reports(standard_id, standard_version, errors=True), worst=worst)
    if html_path is None and csv_path is None and json_path is None:
        json_path = Path("-")
    outputs = [(html_path, lambda: render_html(summary, title=title))]
    outputs += [(csv_path, lambda: render_csv(summary)), (json_path, lambda: render_json(summary))]
    for path, render in outputs:
        if path is None:
            continue
        text = render()
        if str(path) == "-":
            click.echo(text, nl=False)
        else:
            path.write_text(text, encoding="utf-8")
