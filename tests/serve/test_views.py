"""Cutting letter text into highlighted runs, and the text the copy button puts on the clipboard."""

from __future__ import annotations

from letter_audit.letter import Letter
from letter_audit.report import Evidence, GpAction, MedicationChange, Report
from letter_audit.serve.views import Run, action_list_text, build_runs, build_view, drafted_reply

from .conftest import URGENT_LETTER, fixed_audit


def test_runs_split_at_every_boundary_and_keep_overlaps() -> None:
    runs = build_runs("abcdefgh", [("a", "med", 1, 5), ("b", "crit", 3, 7)])
    assert runs == [
        Run("a"),
        Run("bc", ("a",), ("med",), ("a",)),
        Run("de", ("a", "b"), ("med", "crit"), ("b",)),
        Run("fg", ("b",), ("crit",)),
        Run("h"),
    ]
    assert "".join(r.text for r in runs) == "abcdefgh"


def test_runs_without_marks_are_the_whole_text() -> None:
    assert build_runs("letter", []) == [Run("letter")]
    assert build_runs("", []) == []


def test_evidence_outside_the_text_is_listed_but_not_linked() -> None:
    letter = Letter.from_text("Stop aspirin.\n")
    report = Report(
        source=letter.source,
        medication_changes=[
            MedicationChange(drug="aspirin", action="stop", evidence=Evidence(text="x", start=5, end=99)),
        ],
    )
    view = build_view(report, letter.text)
    assert [(f.label, f.linked) for f in view.medication] == [("Stop aspirin", False)]
    assert view.runs == [Run("Stop aspirin.\n")]


def test_view_of_the_fixed_report() -> None:
    letter = Letter.from_text(URGENT_LETTER)
    view = build_view(fixed_audit(letter), letter.text)
    assert [f.id for f in view.actions] == ["act-0"]
    assert view.actions[0].flag == "onward_referral: onward referral is the hospital's job"
    assert view.missing == ["contact point"]
    marked = [r.text for r in view.runs if r.findings]
    assert marked == ["ramipril started 2.5 mg once daily", "Please refer him to dermatology"]
    assert "".join(r.text for r in view.runs) == URGENT_LETTER


def test_action_list_text_names_due_dates_and_queries() -> None:
    letter = Letter.from_text("x" * 40)
    ev = Evidence(text="x", start=0, end=1)
    report = Report(
        source=letter.source,
        medication_changes=[
            MedicationChange(
                drug="furosemide",
                action="increase",
                dose_before="40 mg OD",
                dose_after="80 mg OD",
                reason="fluid overload",
                evidence=ev,
            ),
        ],
        gp_actions=[
            GpAction(
                text="Check U&E", category="monitoring", timeframe="in 1 week", due="2026-11-29", evidence=ev
            ),  # type: ignore[arg-type]
            GpAction(
                text="Issue a fit note", category="fit_note", inappropriate=True, rule="fit_note", evidence=ev
            ),
        ],
    )
    assert action_list_text(report) == (
        "Medication changes:\n"
        "- Increase furosemide (40 mg OD → 80 mg OD; reason: fluid overload)\n"
        "\n"
        "Actions for the practice:\n"
        "- Check U&E [due 2026-11-29]\n"
        "- Issue a fit note [query with hospital: fit_note]"
    )


def test_action_list_text_when_nothing_to_do() -> None:
    letter = Letter.from_text("Thank you.\n")
    text = action_list_text(Report(source=letter.source))
    assert text == "No medication changes or practice actions found in this letter."


def test_reply_is_worth_copying_only_when_something_is_pushed_back() -> None:
    urgent = Letter.from_text(URGENT_LETTER)
    text, useful = drafted_reply(fixed_audit(urgent))
    assert useful
    assert 'You asked: "refer him to dermatology for the rash"' in text
    signed, _ = drafted_reply(fixed_audit(urgent), "Brook Lane Surgery")
    assert signed.endswith("\nBrook Lane Surgery")
    _, useful = drafted_reply(Report(source=urgent.source))
    assert not useful


def test_marks_leave_out_surrounding_blank_lines() -> None:
    letter = Letter.from_text("Plan\n\nDiagnosis\nAsthma\n")
    start = letter.text.index("\nDiagnosis")
    ev = Evidence(text="\nDiagnosis\n", start=start, end=start + len("\nDiagnosis\n"))
    report = Report(
        source=letter.source,
        medication_changes=[MedicationChange(drug="x", action="stop", evidence=ev)],
    )
    runs = build_view(report, letter.text).runs
    assert [r.text for r in runs if r.findings] == ["Diagnosis"]
    assert [r.anchors for r in runs if r.anchors] == [("med-0",)]
