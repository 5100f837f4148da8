"""One list of salt words, for the lexicon builder and the evaluation's drug matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.errors import ModelError
from letter_audit.evaluate import med_counts
from letter_audit.salts import load_salt_words
from script_module import load_script


def test_the_shipped_lists() -> None:
    words = load_salt_words()
    assert {"hydrochloride", "mofetil", "calcium"} <= words.stripped
    assert words.kept_in_names == {"propionate", "valerate", "carbonate", "gluconate"}
    assert words.ignored_in_matching == words.stripped | words.kept_in_names


def test_the_lexicon_builder_strips_the_files_salts() -> None:
    script = load_script("build_drug_lexicon")
    assert script.SALTS == load_salt_words().stripped
    assert script.clean_generic("Metformin hydrochloride") == "metformin"
    assert script.clean_generic("Clobetasol propionate") == "clobetasol propionate"


@pytest.mark.parametrize(
    ("gold", "found"),
    [
        ("metformin", "metformin hydrochloride"),
        ("clobetasol", "clobetasol propionate"),
        ("mycophenolate mofetil", "mycophenolate"),
        ("colecalciferol with calcium carbonate", "calcium with colecalciferol"),
    ],
)
def test_evaluation_ignores_a_trailing_salt_on_either_side(gold: str, found: str) -> None:
    assert med_counts([(gold, "start")], [(found, "start")]) == (1, 0, 0)


def test_a_salt_in_the_middle_of_a_name_still_counts() -> None:
    assert med_counts([("sodium valproate", "stop")], [("valproate", "stop")]) == (0, 1, 1)


def test_a_misspelt_key_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "salts.yaml"
    path.write_text("stripped:\n  - hydrochloride\nkept_in_name:\n  - valerate\n", encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_salt_words(path)
    assert info.value.code == "LA300"
    assert info.value.one_line().startswith(f"{path}: LA300 line ")
    assert "kept_in_name" in info.value.message


def test_a_word_in_both_lists_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "salts.yaml"
    path.write_text("stripped: [citrate, sodium]\nkept_in_names: [citrate]\n", encoding="utf-8")
    with pytest.raises(ModelError, match="in both stripped and kept_in_names: citrate"):
        load_salt_words(path)


def test_two_word_entries_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "salts.yaml"
    path.write_text("stripped: [Sodium, di hydrate]\nkept_in_names: []\n", encoding="utf-8")
    with pytest.raises(ModelError, match="single lower-case words: Sodium, di hydrate"):
        load_salt_words(path)
