"""The cue file behind the checks: a broken copy is an LA300 error naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.checks.cues import default_cues_path, load_cues
from letter_audit.errors import ModelError


def test_shipped_cues_load() -> None:
    cues = load_cues()
    assert cues.version == "1"
    assert r"\bfit ?notes?\b" in cues.requests.fit_note


def test_bad_regular_expression_names_the_line(tmp_path: Path) -> None:
    text = default_cues_path().read_text(encoding="utf-8")
    needle = "    - '\\bfit ?notes?\\b'\n"
    assert needle in text
    broken = tmp_path / "cues.yaml"
    broken.write_text(text.replace(needle, "    - '(fit note'\n", 1), encoding="utf-8")
    line = text[: text.index(needle)].count("\n") + 1
    with pytest.raises(ModelError) as info:
        load_cues(broken)
    assert info.value.code == "LA300"
    assert info.value.message.startswith(
        f"line {line}: requests.fit_note.0: Value error, bad regular expression"
    )
