"""``reply``: draft a reply to the trust about the letter's inappropriate requests."""

from __future__ import annotations

from pathlib import Path

import click

from ._group import main
from ._options import standard_option


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--practice", help="The practice's name, for the sign-off.")
@click.option("--signature", help="Who signs the reply (name and role).")
@standard_option()
def reply(file: Path, practice: str | None, signature: str | None, standard: Path | None) -> None:
    """Draft a polite reply to the trust for each inappropriate request in FILE.

    For each request that moves hospital work onto the practice it quotes what was asked, the rule it
    breaks and what the practice asks the trust to do instead. Prints "No inappropriate requests"
    when there are none. Fill in the patient line before sending.
    """
    import letter_audit

    from ..render.reply import render_reply
    from ..standard import load_standard

    report = letter_audit.audit(file, standard=load_standard(standard))
    click.echo(render_reply(report, practice=practice, signature=signature))
