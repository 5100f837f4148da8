"""load_standard keeps a validated standard by path and file text: same file, same object; edited file,
fresh load; broken file, the usual error every time (performance pass 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.errors import StandardInvalid, StandardMissing
from letter_audit.standard import default_standard_path, load_standard

SHIPPED = default_standard_path().read_text(encoding="utf-8")


def test_unchanged_file_gives_the_same_object(tmp_path: Path) -> None:
    path = tmp_path / "std.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    first = load_standard(path)
    assert load_standard(path) is first
    assert load_standard(str(path)) is first


def test_edited_file_is_loaded_again(tmp_path: Path) -> None:
    path = tmp_path / "std.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    first = load_standard(path)
    path.write_text(SHIPPED.replace("good: 70", "good: 75", 1), encoding="utf-8")
    second = load_standard(path)
    assert second is not first
    assert (first.settings.rating.good, second.settings.rating.good) == (70, 75)


def test_a_broken_file_raises_on_every_call(tmp_path: Path) -> None:
    path = tmp_path / "std.yaml"
    path.write_text(SHIPPED.replace("good: 70", "good: lots", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(StandardInvalid):
            load_standard(path)


def test_a_missing_file_still_raises_missing(tmp_path: Path) -> None:
    with pytest.raises(StandardMissing):
        load_standard(tmp_path / "nowhere.yaml")
