"""The error tree: stable, distinct codes and one-line messages."""

from __future__ import annotations

import re

import letter_audit.errors as errors


def _leaves() -> list[type[errors.LetterAuditError]]:
    found = []
    for value in vars(errors).values():
        if isinstance(value, type) and issubclass(value, errors.LetterAuditError):
            if not value.__subclasses__():
                found.append(value)
    return found


def test_leaf_codes_are_distinct_and_well_formed() -> None:
    codes = [cls.code for cls in _leaves()]
    assert len(codes) == len(set(codes)), sorted(codes)
    assert all(len(c) == 5 and c.startswith("LA") and c[2:].isdigit() for c in codes)


def test_one_line_names_file_and_code() -> None:
    exc = errors.EncryptedPdf(path="in/letter.pdf")
    assert exc.one_line() == (
        "in/letter.pdf: LA101 PDF is password-protected; save an unprotected copy and try again"
    )
    assert "\n" not in errors.OcrUnavailable().one_line()


def test_every_code_is_in_the_readme_table() -> None:
    """Scripts match on codes; a code users can meet but cannot look up is a gap."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (LA\d{3})(?:-LA(\d{3}))? \|", readme, re.M))
    codes: set[str] = set()
    for first, last in documented:
        codes.update(f"LA{n}" for n in range(int(first[2:]), int(last or first[2:]) + 1))
    missing = sorted({cls.code for cls in _leaves()} - codes)
    assert missing == []
    assert errors.TooLittleText().code == "LA113"
