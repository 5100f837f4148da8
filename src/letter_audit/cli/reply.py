"""``reply``: draft a reply to the trust about the letter's inappropriate requests."""

from __future__ import annotations

from pathlib import Path

import click

from ._group import main


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--practice", help="The practice's name, for the sign-off.")
@click.option("--signature", help="Who signs the reply (name and role).")
@click.option(
    "--standard",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A complete-care standard file to judge against instead of the shipped one.",
)
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
