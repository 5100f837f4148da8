"""``letter-audit serve``: loopback by default, other hosts only with --allow-remote and a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letter_audit.cli import main
from letter_audit.cli import serve as serve_cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Capture the settings serve would start with, instead of starting a server."""
    seen: list[Any] = []
    monkeypatch.setattr(
        serve_cli,
        "run_server",
        lambda settings: (seen.append(settings), print(serve_cli.start_message(settings))),
    )
    return seen


def test_default_binds_loopback_without_token(started: list[Any], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    result = CliRunner().invoke(main, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (settings,) = started
    assert (settings.host, settings.port, settings.token) == ("127.0.0.1", 8765, None)
    assert settings.max_upload_bytes == 20 * 1024 * 1024
    assert result.output == (
        f"letter-audit serve: http://127.0.0.1:8765/\n  results store: {db}\n  press Ctrl+C to stop\n"
    )


def test_other_host_is_refused_without_allow_remote(started: list[Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert started == []
    assert "Invalid value for '--host': 0.0.0.0 is not a loopback address" in result.output
    assert "--allow-remote" in result.output


def test_allow_remote_prints_the_token(started: list[Any], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "serve",
            "--db",
            str(tmp_path / "s.sqlite"),
            "--host",
            "0.0.0.0",
            "--port",
            "9000",
            "--allow-remote",
            "--max-upload-mb",
            "5",
            "--practice",
            "Brook Lane Surgery",
        ],
    )
    assert result.exit_code == 0, result.output
    (settings,) = started
    assert settings.token and settings.max_upload_bytes == 5 * 1024 * 1024
    assert settings.practice == "Brook Lane Surgery"
    assert f"  token: {settings.token}\n" in result.output
    assert f"  open:  http://0.0.0.0:9000/?token={settings.token}\n" in result.output


def test_run_server_hands_uvicorn_loopback_and_no_access_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.sqlite"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (kwargs,) = calls
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8123
    assert kwargs["access_log"] is False  # uvicorn's log would print query strings (the token)


def test_missing_web_packages_is_one_line(monkeypatch: pytest.MonkeyPatch, started: list[Any]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "uvicorn" else real(name))
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert result.output == "Error: the web page needs uvicorn: pip install 'letter-audit[serve]'\n"
    assert started == []
