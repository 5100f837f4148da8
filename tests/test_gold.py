"""The gold model and the dev corpus: every dev gold file validates and agrees with its letter."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from letter_audit.gold import Gold, load_gold

ROOT = Path(__file__).resolve().parent.parent
DEV_LETTERS = ROOT / "fixtures" / "letters" / "dev"
DEV_SOURCES = ROOT / "fixtures" / "sources" / "dev"
GOLD_FILES = sorted(DEV_LETTERS.glob("*.gold.json"))
LETTER_EXTS = (".txt", ".docx", ".pdf", ".html", ".rtf")


def _name(gold_path: Path) -> str:
    return gold_path.name[: -len(".gold.json")]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _source(name: str) -> tuple[str, str]:
    """(format, body) of a dev source."""
    raw = (DEV_SOURCES / f"{name}.txt").read_text(encoding="utf-8")
    head, _, body = raw[4:].partition("\n---\n")
    fmt = re.search(r"^format:\s*(\S+)", head, re.M)
    assert fmt, f"{name}: no format in front matter"
    return fmt.group(1), body


MINIMAL = {
    "letter_type": "clinic_letter",
    "specialty": "neurology",
    "fit_note": {"status": "not_mentioned"},
    "follow_up": {"owner": "hospital"},
    "contact_point": {"present": True},
    "grade": 4,
}


def test_minimal_gold_validates_with_defaults() -> None:
    gold = Gold.model_validate(MINIMAL)
    assert gold.medication_changes == []
    assert gold.dates.letter is None
    assert gold.grade == 4


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"grade": 6}, "grade"),
        ({"grade": 0}, "grade"),
        ({"surprise": 1}, "surprise"),
        ({"medication_changes": [{"drug": "ramipril", "action": "double"}]}, "action"),
        ({"follow_up": {"owner": "patient"}}, "owner"),
        ({"dates": {"letter": "31/02/2025"}}, "letter"),
    ],
)
def test_bad_gold_is_rejected_naming_the_field(change: dict[str, object], where: str) -> None:
    with pytest.raises(ValidationError) as err:
        Gold.model_validate({**MINIMAL, **change})
    assert where in str(err.value)


def test_dev_corpus_is_big_and_varied() -> None:
    golds = [load_gold(p) for p in GOLD_FILES]
    assert len(golds) >= 44
    formats = Counter(_source(_name(p))[0] for p in GOLD_FILES)
    for fmt in ("txt", "docx", "docx-tables", "pdf", "pdf-table", "scan", "html", "rtf"):
        assert formats[fmt] >= 1, f"no dev letter in format {fmt}"
    assert formats["scan"] >= 3
    assert len({g.specialty for g in golds}) >= 12
    assert {g.letter_type for g in golds} >= {"discharge_summary", "clinic_letter"}
    rules = {a.rule for g in golds for a in g.gp_actions if a.inappropriate}
    assert rules == {"onward_referral", "fit_note", "call_and_recall", "dna_rereferral", "shared_care"}
    assert {g.fit_note.status for g in golds} == {
        "issued",
        "not_needed",
        "requested_from_gp",
        "missing",
        "not_mentioned",
    }
    assert {g.follow_up.owner for g in golds} == {"hospital", "gp", "none", "unclear"}
    assert {m.action for g in golds for m in g.medication_changes} == {
        "start",
        "stop",
        "increase",
        "decrease",
        "withhold",
    }
    assert {g.grade for g in golds} == {1, 2, 3, 4, 5}


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_name)
def test_dev_gold_agrees_with_its_letter(gold_path: Path) -> None:
    name = _name(gold_path)
    raw = json.loads(gold_path.read_text(encoding="utf-8"))
    gold = Gold.model_validate(raw)
    letters = [DEV_LETTERS / f"{name}{ext}" for ext in LETTER_EXTS if (DEV_LETTERS / f"{name}{ext}").exists()]
    assert len(letters) == 1, f"{name}: expected one rendered letter, found {letters}"
    _, body = _source(name)
    text = _squash(body)
    for action in gold.gp_actions:
        assert _squash(action.text) in text, f"{name}: action text not in the letter: {action.text!r}"
        assert action.inappropriate == (action.rule is not None), f"{name}: rule and flag disagree"
    for change in gold.medication_changes:
        assert change.drug == change.drug.strip().lower(), f"{name}: drug not lower-case: {change.drug}"
    assert gold.notes, f"{name}: gold needs notes saying what the letter exercises"


def test_every_dev_source_has_gold() -> None:
    sources = {p.stem for p in DEV_SOURCES.glob("*.txt")}
    golds = {_name(p) for p in GOLD_FILES}
    assert sources == golds
