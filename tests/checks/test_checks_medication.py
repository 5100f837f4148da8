"""Medication criteria: complete changes, explained list differences, course lengths, restart plans."""

from __future__ import annotations

from letter_audit.report import MedicationChange

from .build import ev, result

DS = "discharge_summary"


def change(snippet: str, **fields: object):  # type: ignore[no-untyped-def]
    """A MedicationChange whose evidence is ``snippet`` in the letter (built once the letter exists)."""
    return lambda letter: MedicationChange(evidence=ev(letter, snippet), **fields)


def changes(*makers):  # type: ignore[no-untyped-def]
    return lambda letter: [make(letter) for make in makers]


def test_changes_complete_met() -> None:
    text = "Ramipril increased to 5 mg OD for heart failure.\nAmlodipine stopped because of ankle swelling.\n"
    r = result(
        "medication_changes_complete",
        text,
        letter_type=DS,
        medication_changes=changes(
            change(
                "Ramipril increased",
                drug="ramipril",
                action="increase",
                dose_after="5 mg OD",
                reason="heart failure",
            ),
            change("Amlodipine stopped", drug="amlodipine", action="stop", reason="ankle swelling"),
        ),
    )
    assert (r.status, r.explanation) == ("met", "Both medication changes state the drug, dose and reason.")
    assert [e.text for e in r.evidence] == ["Ramipril increased", "Amlodipine stopped"]


def test_changes_complete_not_met_names_what_is_missing() -> None:
    text = "Bisoprolol started.\nAmlodipine stopped.\n"
    r = result(
        "medication_changes_complete",
        text,
        letter_type=DS,
        medication_changes=changes(
            change("Bisoprolol started", drug="bisoprolol", action="start"),
            change("Amlodipine stopped", drug="amlodipine", action="stop", reason="low blood pressure"),
        ),
    )
    assert r.status == "not_met"
    assert r.explanation == "1 of 2 changes lack detail: start bisoprolol (no dose or reason)."
    assert [e.text for e in r.evidence] == ["Bisoprolol started"]


def test_changes_complete_not_applicable_without_changes() -> None:
    assert result("medication_changes_complete", "No changes.\n", letter_type=DS).status == "not_applicable"


LISTS = """Medications on admission
Ramipril 5 mg OD
Amlodipine 10 mg OD
Atorvastatin 20 mg ON

Medications on discharge
Ramipril 5 mg OD
Atorvastatin 20 mg ON
Bisoprolol 1.25 mg OD

Plan
Home.
"""


def test_list_differences_explained_by_changes() -> None:
    r = result(
        "medication_lists_explained",
        LISTS,
        letter_type=DS,
        medication_changes=changes(
            change("Amlodipine 10 mg OD", drug="amlodipine", action="stop", reason="postural hypotension"),
            change(
                "Bisoprolol 1.25 mg OD", drug="bisoprolol", action="start", dose_after="1.25 mg", reason="AF"
            ),
        ),
    )
    assert r.status == "met"
    assert r.explanation == "Differences between the lists are explained: bisoprolol, amlodipine."


def test_list_differences_unexplained() -> None:
    r = result("medication_lists_explained", LISTS, letter_type=DS)
    assert r.status == "not_met"
    assert r.explanation.endswith("are not explained: bisoprolol, amlodipine.")
    assert [e.text for e in r.evidence] == ["Bisoprolol 1.25 mg OD", "Amlodipine 10 mg OD"]


def test_list_differences_explained_in_the_narrative() -> None:
    text = LISTS + "Amlodipine was stopped because of dizziness. Bisoprolol was started for AF.\n"
    assert result("medication_lists_explained", text, letter_type=DS).status == "met"


def test_list_differences_not_applicable_without_both_lists() -> None:
    text = "Medications on discharge\nRamipril 5 mg OD\n"
    assert result("medication_lists_explained", text, letter_type=DS).status == "not_applicable"
    assert result("medication_lists_explained", LISTS, letter_type="clinic_letter").status == "not_applicable"


def test_course_duration() -> None:
    with_days = "Amoxicillin 500 mg TDS for 5 days.\n"
    r = result(
        "course_duration",
        with_days,
        letter_type=DS,
        medication_changes=changes(change("Amoxicillin 500 mg TDS", drug="amoxicillin", action="start")),
    )
    assert (r.status, r.explanation) == ("met", "Course length given for amoxicillin.")
    open_ended = "Prednisolone 30 mg OD started.\n"
    r = result(
        "course_duration",
        open_ended,
        letter_type=DS,
        medication_changes=changes(change("Prednisolone 30 mg OD", drug="prednisolone", action="start")),
    )
    assert (r.status, r.explanation) == ("not_met", "No course length is given for prednisolone.")
    not_course = "Ramipril 5 mg OD started.\n"
    r = result(
        "course_duration",
        not_course,
        letter_type=DS,
        medication_changes=changes(change("Ramipril 5 mg OD", drug="ramipril", action="start")),
    )
    assert r.status == "not_applicable"


def test_course_duration_from_the_finding_field() -> None:
    r = result(
        "course_duration",
        "Doxycycline 100 mg OD.\n",
        letter_type=DS,
        medication_changes=changes(
            change("Doxycycline 100 mg OD", drug="doxycycline", action="start", duration="7 days")
        ),
    )
    assert r.status == "met"


def test_course_duration_skips_inhaled_and_topical_steroids() -> None:
    inhaler = "Budesonide + formoterol\nDose amount | 200micrograms/6micrograms per inhalation X 2\n"
    r = result(
        "course_duration",
        inhaler,
        letter_type=DS,
        medication_changes=changes(
            change(
                "Budesonide + formoterol",
                drug="budesonide with formoterol",
                action="start",
                dose_after="200micrograms/6micrograms per inhalation X 2",
            )
        ),
    )
    assert r.status == "not_applicable"
    cream = "Hydrocortisone 1% cream BD started.\n"
    r = result(
        "course_duration",
        cream,
        letter_type=DS,
        medication_changes=changes(
            change("Hydrocortisone 1% cream BD", drug="hydrocortisone", action="start", dose_after="1% cream")
        ),
    )
    assert r.status == "not_applicable"
    oral = "Budesonide 9 mg OD started.\n"
    r = result(
        "course_duration",
        oral,
        letter_type=DS,
        medication_changes=changes(
            change("Budesonide 9 mg OD", drug="budesonide", action="start", dose_after="9 mg")
        ),
    )
    assert (r.status, r.explanation) == ("not_met", "No course length is given for budesonide.")


def test_course_duration_not_read_across_a_line_break() -> None:
    # "X 2" ends one line and "Dose timing" starts the next: that is no "2 doses" course length.
    text = "Prednisolone\nDose amount | 5mg X 2\nDose timing | Once daily\n"
    r = result(
        "course_duration",
        text,
        letter_type=DS,
        medication_changes=changes(change(text.rstrip(), drug="prednisolone", action="start")),
    )
    assert r.status == "not_met"


def test_withheld_restart() -> None:
    planned = "Ramipril withheld - restart when creatinine back to baseline.\n"
    r = result(
        "withheld_restart",
        planned,
        letter_type=DS,
        medication_changes=changes(change("Ramipril withheld", drug="ramipril", action="withhold")),
    )
    assert r.status == "met"
    unplanned = "Ramipril withheld.\n"
    r = result(
        "withheld_restart",
        unplanned,
        letter_type=DS,
        medication_changes=changes(change("Ramipril withheld", drug="ramipril", action="withhold")),
    )
    assert (r.status, r.explanation) == ("not_met", "No restart plan for withheld ramipril.")
    assert r.evidence[0].text == "Ramipril withheld"
    assert result("withheld_restart", unplanned, letter_type=DS).status == "not_applicable"


def test_withheld_restart_from_the_finding_field() -> None:
    r = result(
        "withheld_restart",
        "Aspirin withheld.\n",
        letter_type=DS,
        medication_changes=changes(
            change("Aspirin withheld", drug="aspirin", action="withhold", restart_condition="after 2 weeks")
        ),
    )
    assert r.status == "met"
    assert '"after 2 weeks"' in r.explanation


def test_reason_and_dose_written_on_the_same_line_count() -> None:
    text = "Ramipril | 2.5 mg once daily | 5 mg once daily | Increased for heart failure\n"
    r = result(
        "medication_changes_complete",
        text,
        letter_type=DS,
        medication_changes=changes(change("Ramipril", drug="ramipril", action="increase")),
    )
    assert r.status == "met"
    bare = "Bisoprolol - started for 14 days.\n"
    r = result(
        "medication_changes_complete",
        bare,
        letter_type=DS,
        medication_changes=changes(change("Bisoprolol", drug="bisoprolol", action="start")),
    )
    assert r.explanation == "1 of 1 changes lack detail: start bisoprolol (no dose or reason)."


def _two_changes():  # type: ignore[no-untyped-def]
    return (
        change("Amlodipine started", drug="amlodipine", action="start", dose_after="5 mg",
               reason="high blood pressure"),
        change("Bisoprolol 5 mg stopped", drug="bisoprolol", action="stop", dose_before="5 mg"),
    )


def test_reason_across_a_blank_line_is_not_borrowed() -> None:
    """A blank line ends the paragraph: the reason for the drug above it is not this change's reason."""
    text = "Amlodipine started because of high blood pressure.\n\nBisoprolol 5 mg stopped.\n"
    r = result(
        "medication_changes_complete",
        text,
        letter_type=DS,
        medication_changes=changes(
            *_two_changes(),
        ),
    )
    assert r.status == "not_met"
    assert r.explanation == "1 of 2 changes lack detail: stop bisoprolol (no reason)."
    joined = text.replace("\n\n", " ")
    r = result(
        "medication_changes_complete",
        joined,
        letter_type=DS,
        medication_changes=changes(
            *_two_changes(),
        ),
    )
    assert r.status == "met"


TABLE = """Medicines on admission | Medicines on discharge
Ramipril 5 mg OD | Ramipril 5 mg OD
Amlodipine 10 mg OD | Bisoprolol 1.25 mg OD for 5 days
"""


def _table_changes(**reasons: str):  # type: ignore[no-untyped-def]
    def make(letter):  # type: ignore[no-untyped-def]
        gone = {"rule": "list_absent_at_discharge"}
        stop = MedicationChange(
            evidence=ev(letter, "Amlodipine 10 mg OD").model_copy(update=gone),
            drug="amlodipine", action="stop", reason=reasons.get("amlodipine"),
        )
        start = MedicationChange(
            evidence=ev(letter, "Bisoprolol 1.25 mg OD").model_copy(update={"rule": "list_new_at_discharge"}),
            drug="bisoprolol", action="start", reason=reasons.get("bisoprolol"),
        )
        return [stop, start]

    return make


def test_table_differences_found_by_extraction_unexplained() -> None:
    """A two-column table the section cues cannot split: the changes extraction implied are judged."""
    r = result("medication_lists_explained", TABLE, letter_type=DS, medication_changes=_table_changes())
    assert r.status == "not_met"
    assert r.explanation == (
        "2 differences between the admission and discharge lists are not explained: "
        "stop amlodipine, start bisoprolol."
    )
    assert [e.text for e in r.evidence] == ["Amlodipine 10 mg OD", "Bisoprolol 1.25 mg OD"]


def test_table_differences_explained_by_reason_or_narrative() -> None:
    text = TABLE + "\nAmlodipine was stopped because of ankle swelling.\n"
    r = result(
        "medication_lists_explained", text, letter_type=DS,
        medication_changes=_table_changes(bisoprolol="rate control"),
    )
    assert r.status == "met"
    assert r.explanation == "Differences between the lists are explained: stop amlodipine, start bisoprolol."
