"""``python -m letter_audit`` (and ``python -m letter_audit.cli``) run the same command line as the
``letter-audit`` script, for machines where the script is not on PATH."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", ["letter_audit", "letter_audit.cli"])
def test_module_runs_the_command_line(module: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", module, "schema"], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert '"$schema"' in out.stdout or '"properties"' in out.stdout


def test_module_usage_names_the_tool() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "letter_audit", "nosuchcommand"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 2
    assert "Usage: letter-audit" in out.stderr
