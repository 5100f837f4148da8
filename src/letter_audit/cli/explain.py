"""``explain FILE``: each finding with the rule and the letter text that produced it."""

from __future__ import annotations

from pathlib import Path

import click

from ._group import main
from ._options import format_option


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@format_option("text: one block per finding; json: the same as a JSON object.")
def explain(file: Path, fmt: str) -> None:
    """Show why: every finding in FILE with its rule id, page, offsets and the text behind it.

    Lists the letter type, dates, specialty, sections, medication changes, GP action requests,
    fit note, follow-up and contact point.
    """
    from ..extract import extract
    from ..extract.evidence import evidence
    from ..extract.meta import meta_evidence
    from ..ingest import read_letter
    from ..pipeline import annotate, load_pipeline
    from ..render.explain import Explained, explain_items, render_explain_json, render_explain_text

    letter = read_letter(file)
    doc = annotate(load_pipeline(), letter)
    findings = extract(doc, letter)
    extra = [Explained(kind=kind, value=value, evidence=ev) for kind, value, ev in meta_evidence(doc, letter)]
    for span in doc.spans.get("sections", []):
        heading = span._.heading or ""
        if heading and letter.text.startswith(heading, span.start_char):
            heading_end = span.start_char + len(heading)
        else:
            heading_end = span._.body_start if span._.body_start is not None else span.end_char
        ev = evidence(letter, span.start_char, max(span.start_char, heading_end), span._.section_rule)
        extra.append(Explained(kind="section", value=span.label_, evidence=ev))
    items = explain_items(findings, extra)
    if fmt == "json":
        click.echo(render_explain_json(letter.source, items))
    else:
        click.echo(render_explain_text(letter.source, items))
