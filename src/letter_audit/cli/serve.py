"""``serve``: the local web page for practice staff (inbox, letter view, copy buttons)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._group import main
from ._options import db_option, standard_option

if TYPE_CHECKING:
    from ..serve.security import ServeSettings



@main.command()
@db_option("The results store (SQLite) shared with 'letter-audit batch'; uploads are kept here too.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on."
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --host; every request then needs the token printed at start-up.",
)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(0.1, 1024),
    default=20,
    show_default=True,
    help="Largest upload accepted (all letters dropped at once).",
)
@click.option("--practice", help="Your practice's name, to sign the drafted replies with.")
@standard_option()
def serve(
    db: Path,
    host: str,
    port: int,
    allow_remote: bool,
    max_upload_mb: float,
    practice: str | None,
    standard: Path | None,
) -> None:
    """Start the local web page: drop in the day's letters, see per letter what to do.

    Listens on 127.0.0.1 only unless --allow-remote is given. Letters and reports stay in the --db
    file on this machine; nothing is fetched from or sent to the internet.
    """
    import importlib.util

    needed = ("fastapi", "uvicorn", "jinja2", "multipart")
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise click.ClickException(
            f"the web page needs {', '.join(missing)}: pip install 'letter-audit[serve]'"
        )
    from ..serve.security import RemoteRefused, ServeSettings

    try:
        settings = ServeSettings.make(
            db, host=host, port=port, allow_remote=allow_remote, max_upload_mb=max_upload_mb,
            standard_path=standard,
            practice=practice,
        )
    except RemoteRefused as exc:
        raise click.BadParameter(str(exc), param_hint="'--host'") from exc
    run_server(settings)


def start_message(settings: ServeSettings) -> str:
    """What serve prints before it starts: where to go, and the token when remote access is on."""
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    url = f"http://{shown}:{settings.port}/"
    lines = [f"letter-audit serve: {url}", f"  results store: {settings.db}"]
    if settings.token:
        lines += [
            "  remote access is ON: every request needs this token.",
            f"  token: {settings.token}",
            f"  open:  {url}?token={settings.token}",
        ]
    lines.append("  press Ctrl+C to stop")
    return "\n".join(lines)


def run_server(settings: ServeSettings) -> None:
    """Load the pipeline (so a broken install fails here, not on the first upload), then serve."""
    import uvicorn

    from .. import load_pipeline
    from ..serve.app import create_app

    app = create_app(settings, nlp=load_pipeline())
    # Our own access log (method, path, status) replaces uvicorn's, which would print query strings.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(start_message(settings))
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        log_level="info",
    )
