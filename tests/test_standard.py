"""The standard as data: shipped file, adapted copies, and mistakes that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from letter_audit.checks import judge
from letter_audit.checks.registry import check_names
from letter_audit.cli import main
from letter_audit.errors import StandardInvalid, StandardMissing, StandardSyntax
from letter_audit.letter import Letter
from letter_audit.report import Findings
from letter_audit.standard import default_standard_path, load_standard

SHIPPED = default_standard_path().read_text(encoding="utf-8")


def test_shipped_standard_loads_with_every_family() -> None:
    std = load_standard()
    assert (std.id, std.version) == ("complete_care", "1.7")
    ids = [c.id for c in std.criteria]
    assert ids[:3] == ["diagnoses", "clinical_summary", "allergies"]
    assert {"actions_appropriate", "fit_note", "follow_up_owner", "contact_point", "timeliness"} <= set(ids)
    assert {c.check for c in std.criteria} == check_names()
    assert (std.settings.rating.good, std.settings.rating.needs_improvement) == (70, 50)
    by_id = {c.id: c for c in std.criteria}
    dna = by_id["did_not_attend"]
    assert (dna.weight, dna.applies_to) == (6, ["clinic_letter", "other"])
    assert by_id["actions_appropriate"].max_breaches == 2
    assert by_id["fit_note"].max_breaches == 1
    assert (by_id["actions_appropriate"].weight, by_id["actions_appropriate"].weight_when_met) == (6, 1)
    assert by_id["fit_note"].weight_when_met is None
    assert std.settings.actions.counted_by == {"fit_note": "fit_note"}
    assert std.settings.requests.flag_wound_care is False
    assert "lithium" in std.settings.requests.shared_care_drugs
    assert all(c.source for c in std.criteria)


def test_adapted_standard_changes_criteria_weights_and_settings(tmp_path: Path) -> None:
    data = yaml.safe_load(SHIPPED)
    data["id"], data["version"] = "northgate_local", "2025.1"
    data["criteria"] = [c for c in data["criteria"] if c["id"] in ("allergies", "contact_point")]
    data["criteria"][0]["weight"] = 3
    data["criteria"][1]["weight"] = 1
    data["settings"]["rating"] = {"good": 70, "needs_improvement": 20}
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")

    std = load_standard(path)
    letter = Letter.from_text("Allergies: NKDA\n")
    rep = judge(letter, Findings(letter_type="clinic_letter"), std)
    assert [(c.id, c.status) for c in rep.criteria] == [("allergies", "met"), ("contact_point", "not_met")]
    assert (rep.score, rep.rating) == (75, "good")
    assert rep.standard is not None and (rep.standard.id, rep.standard.version) == (
        "northgate_local",
        "2025.1",
    )


SHIPPED_IDS = [c["id"] for c in yaml.safe_load(SHIPPED)["criteria"]]


@pytest.mark.parametrize("criterion_id", SHIPPED_IDS)
def test_a_criterion_narrowed_to_clinic_letters_is_not_applicable_on_a_discharge(
    tmp_path: Path, criterion_id: str
) -> None:
    """Every criterion, even one the shipped standard judges on every letter, is not applicable where an
    adapted standard's applies_to leaves the letter's type out, and judged where it does not."""
    data = yaml.safe_load(SHIPPED)
    data["criteria"] = [c for c in data["criteria"] if c["id"] == criterion_id]
    data["criteria"][0]["applies_to"] = ["clinic_letter"]
    path = tmp_path / "clinic_only.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    std = load_standard(path)
    letter = Letter.from_text("Diagnosis: gout\nAllergies: NKDA\nPlease check U&E in 1 week.\n")

    discharge = judge(letter, Findings(letter_type="discharge_summary"), std)
    assert [(c.id, c.status) for c in discharge.criteria] == [(criterion_id, "not_applicable")]
    assert discharge.criteria[0].explanation

    clinic = judge(letter, Findings(letter_type="clinic_letter"), std)
    assert [c.id for c in clinic.criteria] == [criterion_id]
    # judged on the type it applies to: met or not met, unless its own check finds nothing to judge
    assert clinic.criteria[0].status in ("met", "not_met", "not_applicable")
    assert clinic.criteria[0].explanation != discharge.criteria[0].explanation


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SHIPPED
    path = tmp_path / "broken.yaml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_unknown_check_names_the_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "check: care.fit_note", "check: care.fitnote")
    with pytest.raises(StandardInvalid) as info:
        load_standard(path)
    line = _line_of(SHIPPED, "check: care.fit_note")
    assert info.value.code == "LA203"
    assert info.value.one_line().startswith(f"{path}: LA203 line {line}: criteria.")
    assert "unknown check 'care.fitnote'" in info.value.message


def test_bad_weight_names_the_line(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        "    weight: 0.5\n    source: PRSB eDischarge summary (mandatory)",
        "    weight: heavy\n    source: PRSB eDischarge summary (mandatory)",
    )
    with pytest.raises(StandardInvalid) as info:
        load_standard(path)
    line = _line_of(SHIPPED, "    weight: 0.5\n    source: PRSB eDischarge summary (mandatory)")
    assert info.value.message.startswith(f"line {line}: criteria.0.weight:")


def test_unknown_key_names_the_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    weight: 1\n", "    weight: 1\n    wieght: 1\n")
    with pytest.raises(StandardInvalid) as info:
        load_standard(path)
    assert info.value.message.startswith(f"line {_line_of(SHIPPED, '    weight: 1') + 1}: criteria.")
    assert "wieght" in info.value.message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "  rating:\n", "  rating: [\n")
    with pytest.raises(StandardSyntax) as info:
        load_standard(path)
    assert info.value.code == "LA202"
    assert info.value.message.startswith("line ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StandardMissing) as info:
        load_standard(tmp_path / "nope.yaml")
    assert info.value.one_line() == f"{tmp_path / 'nope.yaml'}: LA201 the standard file was not found"


def test_cut_offs_must_be_ordered(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    good: 70\n", "    good: 40\n")
    with pytest.raises(StandardInvalid) as info:
        load_standard(path)
    assert "needs_improvement must not be above good" in info.value.message
    assert info.value.message.startswith(f"line {_line_of(SHIPPED, '  rating:')}: settings.rating")


def test_duplicate_criterion_ids(tmp_path: Path) -> None:
    path = _broken(tmp_path, "- id: clinical_summary", "- id: diagnoses")
    with pytest.raises(StandardInvalid, match="criterion id 'diagnoses' is used twice"):
        load_standard(path)


def test_cli_reports_a_broken_standard_in_one_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "check: care.fit_note", "check: care.fitnote")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Dr Smith\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--standard", str(path), str(letter)])
    assert res.exit_code == 2
    line = _line_of(SHIPPED, "check: care.fit_note")
    assert res.stderr.startswith(f"letter-audit: {path}: LA203 line {line}: criteria.")
    assert res.stderr.count("\n") == 1
