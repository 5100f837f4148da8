"""``save_pipeline`` leaves out spaCy's default tokenizer (built from the config on load anyway) and
keeps a customised one; either way the loaded pipeline tokenizes as the saved one did."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy

from letter_audit.pipeline import load_pipeline, save_pipeline

TEXT = "Ramipril 2.5mg o.d. (started 10/03/2026); q.d.s. paracetamol - U&E's in 1/52."


def _tokens(nlp: spacy.language.Language) -> list[str]:
    return [t.text for t in nlp.make_doc(TEXT)]


def test_default_tokenizer_is_not_saved_and_loads_the_same(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    save_pipeline(nlp, tmp_path / "p")
    assert not (tmp_path / "p" / "tokenizer").exists()
    loaded = load_pipeline(str(tmp_path / "p"))
    assert _tokens(loaded) == _tokens(nlp)
    assert "q.d.s." not in _tokens(loaded)  # spaCy's default splits it
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == nlp.tokenizer.to_bytes(exclude=["vocab"])


def test_customised_tokenizer_is_saved_and_loaded(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("q.d.s.", [{"ORTH": "q.d.s."}])
    save_pipeline(nlp, tmp_path / "p")
    assert (tmp_path / "p" / "tokenizer").is_file()
    loaded = load_pipeline(str(tmp_path / "p"))
    assert "q.d.s." in _tokens(loaded)
    assert _tokens(loaded) == _tokens(nlp)


def test_spacy_is_imported_without_its_command_line_tools() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from letter_audit.pipeline import _register\n"
        "_register()\n"
        "import spacy\n"
        "print(sorted(m for m in ('spacy.cli', 'spacy.cli.info', 'weasel', 'typer') if m in sys.modules))\n"
        "import spacy.cli.info\n"
        "print(sys.modules['spacy.cli.info'].__file__.endswith('info.py'), callable(spacy.info))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # spaCy's CLI was not loaded, and importing it later gives the real module
    assert done.stdout == "[]\nTrue True\n"


def test_a_check_never_loads_spacys_command_line_tools(tmp_path: Path) -> None:
    """The whole ``check`` path (CLI, reader, extraction, checks) imports spaCy only through the pipeline's
    stand-in: a module that imports a spaCy-using module at its top (as extract/medication.py once did with
    med_doses) would import spaCy's CLI first and cost a cold check about 0.4 s."""
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Discharge summary\nDiagnosis: pneumonia\n"
        "Medication changes: amoxicillin 500 mg TDS for 5 days started.\n"
        "Please could the GP repeat U&E in 1 week.\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from letter_audit.cli import main\n"
        f"main(['check', {str(letter)!r}], standalone_mode=False)\n"
        "print(sorted(m for m in ('spacy.cli', 'spacy.cli.info', 'weasel', 'typer') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.rstrip().splitlines()[-1] == "[]"
