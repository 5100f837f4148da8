"""Content criteria (PRSB headings): met, not met and not applicable for each."""

from __future__ import annotations

import datetime as dt

import pytest

from letter_audit.report import Dates

from .build import result

DS = "discharge_summary"
CL = "clinic_letter"


def test_diagnoses_met_from_heading_with_evidence() -> None:
    r = result("diagnoses", "Discharge summary\nDiagnosis: Community-acquired pneumonia\n", letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == "Diagnosis: Community-acquired pneumonia"
    assert r.evidence[0].start == len("Discharge summary\n")


def test_diagnoses_met_from_section_alone() -> None:
    r = result("diagnoses", "Some text\n", letter_type=DS, sections=["diagnoses"])
    assert (r.status, r.explanation) == ("met", "The letter has a section for it.")


def test_diagnoses_not_met() -> None:
    r = result("diagnoses", "Dear Dr Smith\nShe is better.\n", letter_type=CL)
    assert r.status == "not_met"
    assert "No diagnosis" in r.explanation


def test_diagnoses_judged_on_other_letters_too() -> None:
    """Standard 1.2: any letter to the practice should name the condition (a results letter too)."""
    r = result("diagnoses", "Diagnosis: gout\n", letter_type="other")
    assert r.status == "met"
    assert r.evidence[0].text == "Diagnosis: gout"
    assert result("diagnoses", "Your results are normal.\n", letter_type="other").status == "not_met"


def test_clinical_summary_met_not_met_not_applicable() -> None:
    assert (
        result("clinical_summary", "Clinical summary\nAdmitted with chest pain.\n", letter_type=DS).status
        == "met"
    )
    assert result("clinical_summary", "Thank you for referring Mr Jones.\n", letter_type=CL).status == "met"
    assert result("clinical_summary", "Diagnosis: gout\n", letter_type=CL).status == "not_met"
    assert result("clinical_summary", "Clinical summary\n", letter_type="other").status == "met"


def test_allergies_no_known_allergies_counts_as_stated() -> None:
    r = result("allergies", "Allergies: No known drug allergies\n", letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == "Allergies: No known drug allergies"


def test_allergies_heading_then_value_on_next_line() -> None:
    r = result("allergies", "Allergies\nPenicillin (rash)\nPlan: home\n", letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == "Allergies\nPenicillin (rash)"
    # the next section's heading below is not quoted as part of what the allergy heading heads
    r = result("allergies", "Allergies\nLatex - Other Immune Reaction\nCo-morbidities\nNil\n", letter_type=DS)
    assert r.evidence[0].text == "Allergies\nLatex - Other Immune Reaction"


def test_allergies_blank_or_not_recorded_is_not_met() -> None:
    r = result("allergies", "Allergies: not recorded\nPlan: home\n", letter_type=DS)
    assert r.status == "not_met"
    assert r.evidence[0].text == "Allergies: not recorded"
    assert result("allergies", "Allergies:\n\nPlan: home\n", letter_type=DS).status == "not_met"


@pytest.mark.parametrize(
    "line",
    [
        "NKDA",
        "PMH: nil of note. Allergies: NKDA.",
        "Nil known drug allergies",
        "Allergies: nil known",
        "Allergy status: no known allergies",
        "Allergies | NKDA",
        "Allergies/ADRs: none",
        "Allergies and sensitivities: latex (rash)",
        "Adverse reactions: none known",
        "No allergies recorded",
        "Known penicillin allergy (rash).",
        "She has an allergy to codeine.",
        "You told us you are allergic to penicillin.",
    ],
)
def test_allergies_stated_in_the_ways_letters_write_it(line: str) -> None:
    r = result("allergies", f"Diagnosis: gout\n{line}\nPlan: home\n", letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == line


@pytest.mark.parametrize(
    "line",
    [
        "We have referred her to the adult allergy clinic.",
        "Allergy nurse advice line: 01632 960177",
        "Dr M Okafor, Consultant Paediatric Allergist",
        "IgE-mediated cashew allergy.",
        "An allergy action plan has been sent to the school.",
    ],
)
def test_allergy_words_that_do_not_state_allergies(line: str) -> None:
    assert result("allergies", f"Diagnosis: gout\n{line}\n", letter_type=CL).status == "not_met"


def test_allergies_table_cell_not_recorded_is_not_met() -> None:
    r = result("allergies", "Allergies | Not recorded\nPlan | home\n", letter_type=DS)
    assert r.status == "not_met"
    assert r.evidence[0].text == "Allergies | Not recorded"
    assert result("allergies", "Allergy status: TBC\n", letter_type=DS).status == "not_met"


def test_allergies_absent_is_not_met_and_other_is_not_applicable() -> None:
    assert result("allergies", "Diagnosis: gout\n", letter_type=CL).status == "not_met"
    assert result("allergies", "NKDA\n", letter_type="other").status == "not_applicable"


def test_episode_date_met_from_findings() -> None:
    r = result(
        "episode_date",
        "Date of discharge: 03/03/2026\n",
        letter_type=DS,
        dates=Dates(discharge=dt.date(2026, 3, 3)),
    )
    assert r.status == "met"
    assert r.explanation == "Date of discharge stated: 2026-03-03."
    assert r.evidence[0].text == "Date of discharge: 03/03/2026"


def test_episode_date_clinic_not_met_and_other_not_applicable() -> None:
    r = result("episode_date", "Dear Dr Smith\n", letter_type=CL)
    assert (r.status, r.explanation) == ("not_met", "The date of the clinic is not stated.")
    assert result("episode_date", "Clinic date: 1/1/2026\n", letter_type="other").status == "not_applicable"


def test_consultant_and_specialty() -> None:
    text = "Consultant: Dr A Patel\n"
    both = result(
        "consultant_specialty", text, letter_type=DS, consultant="Dr A Patel", specialty="cardiology"
    )
    assert both.status == "met"
    assert both.evidence[0].text == "Consultant: Dr A Patel"
    one = result("consultant_specialty", text, letter_type=DS, consultant="Dr A Patel")
    assert one.status == "not_met"
    assert "not the specialty" in one.explanation
    other = result("consultant_specialty", "x\n", letter_type="other", consultant="Dr A Patel")
    assert other.status == "not_met"


def test_a_specialty_inferred_from_the_content_is_not_stated() -> None:
    text = "Consultant: Dr A Patel\nDiagnosis: fractured neck of femur\n"
    inferred = result(
        "consultant_specialty",
        text,
        letter_type=DS,
        consultant="Dr A Patel",
        specialty="orthopaedics",
        specialty_inferred=True,
    )
    assert (inferred.status, inferred.explanation) == (
        "not_met",
        "The consultant (Dr A Patel) is named but not the specialty.",
    )
    stated = result(
        "consultant_specialty", text, letter_type=DS, consultant="Dr A Patel", specialty="orthopaedics"
    )
    assert stated.status == "met"


def test_author_role_in_signature() -> None:
    text = "Diagnosis: gout\nPlan: colchicine.\nYours sincerely\nDr B Jones\nFY1 in Acute Medicine\n"
    r = result("author_role", text, letter_type=CL)
    assert r.status == "met"
    assert r.evidence[0].text == "FY1 in Acute Medicine"


def test_author_role_prefers_the_signer_over_a_role_named_earlier_in_the_plan() -> None:
    text = (
        "Diagnosis: COPD\n"
        + "Summary of the stay.\n" * 4
        + "Plan\nReferral made to the community specialist nurse for review in 1 week\n"
        + "Person completing record\nName | Dr A Jay\nGrade | FY1\n"
    )
    r = result("author_role", text, letter_type=DS)
    assert r.status == "met"
    assert r.evidence[0].text == "Grade | FY1"


def test_author_role_without_a_sign_off_quotes_the_signature_not_a_request() -> None:
    text = (
        "Diagnosis: psoriasis\n"
        + "We talked through the options at length today.\n" * 4
        + "Requests for the practice:\n"
        + "1. Please repeat LFTs in a month and send the result to the dermatology nurse team.\n"
        + "- Copy to the specialist nurse list\n"
        + "cc: Ward 12 sister\n\n"
        + "Priya Mann\nDermatology Specialist Nurse\n"
    )
    r = result("author_role", text, letter_type=CL)
    assert r.status == "met"
    assert r.evidence[0].text == "Dermatology Specialist Nurse"


def test_author_role_without_a_sign_off_falls_back_to_a_role_in_a_sentence() -> None:
    text = "Diagnosis: gout\n" + "Seen today.\n" * 4 + "1. Reviewed with the rheumatology registrar today.\n"
    r = result("author_role", text, letter_type=CL)
    assert r.status == "met"
    assert r.evidence[0].text == "1. Reviewed with the rheumatology registrar today."


def test_author_role_ignores_consultant_in_the_header_when_unsigned() -> None:
    text = "Consultant: Dr A Patel\n" + "Clinical summary of a long admission.\n" * 6
    assert result("author_role", text, letter_type=DS).status == "not_met"
    assert result("author_role", text, letter_type="other").status == "not_met"


def test_medications_listed_only_for_discharge_summaries() -> None:
    text = "Medications on discharge\nRamipril 5 mg OD\n"
    assert result("medications_listed", text, letter_type=DS).status == "met"
    assert result("medications_listed", "Diagnosis: gout\n", letter_type=DS).status == "not_met"
    assert result("medications_listed", text, letter_type=CL).status == "not_applicable"


def test_clinical_summary_from_a_narrative_paragraph() -> None:
    prose = (
        "Mrs Varga has had two focal seizures since her last visit, both at night, and no side "
        "effects apart from mild tiredness; we talked through the options and agreed a higher "
        "dose with a written plan.\n"
    )
    r = result("clinical_summary", "Dear Dr Mensah\n" + prose, letter_type=CL)
    assert r.status == "met"
    assert r.explanation.startswith("A narrative paragraph of 36 words")
    short = "Abx given. Home.\n"
    assert result("clinical_summary", short, letter_type=DS).status == "not_met"


def test_evidence_for_a_bare_heading_includes_what_it_heads() -> None:
    r = result(
        "diagnoses", "Diagnosis\n\nHeart failure with reduced ejection fraction.\nPlan\n", letter_type=DS
    )
    assert r.status == "met"
    assert r.evidence[0].text == "Diagnosis\n\nHeart failure with reduced ejection fraction."
    assert r.explanation == 'Found: "Diagnosis Heart failure with reduced ejection fraction".'


@pytest.mark.parametrize(
    ("text", "criterion", "expected"),
    [
        ("Treatment\nIV fluids and morphine for 48 hours, then oral analgesia.\n", "clinical_summary", "met"),
        ("Outcome | Referred with poorly controlled asthma. Spirometry normal.\n", "clinical_summary", "met"),
        ("Operation: right phacoemulsification and lens implant.\n", "clinical_summary", "met"),
        ("Postnatal Course | BP 128-142/80-92 on a reduced labetalol dose.\n", "clinical_summary", "met"),
        ("Drug history: ramipril 5 mg\nPast medical history: HTN\n", "clinical_summary", "not_met"),
        ("Treatment options were discussed.\n", "clinical_summary", "not_met"),
        ("Antenatal Complications | Gestational hypertension from 34 weeks\n", "diagnoses", "met"),
        ("PROCEDURE | Arthroscopic right ACL reconstruction\n", "diagnoses", "met"),
        ("What we found\nYou have a blockage in a small vein at the back of your eye.\n", "diagnoses", "met"),
        ("The scan showed that you have a small kidney stone.\n", "diagnoses", "met"),
        ("The scan and memory tests show that you have Alzheimer's disease.\n", "diagnoses", "met"),
        ("Her biopsy confirmed a diagnosis of coeliac disease.\n", "diagnoses", "met"),
        ("The scan showed no fracture.\n", "diagnoses", "not_met"),
        ("Problems with his inhaler technique were discussed.\n", "diagnoses", "not_met"),
        ("Findings were discussed with him.\n", "diagnoses", "not_met"),
    ],
)
def test_round3_content_headings(text: str, criterion: str, expected: str) -> None:
    assert result(criterion, text, letter_type=DS).status == expected


@pytest.mark.parametrize(
    "line",
    [
        "Admitted: 14/09/2026 Delivered: 15/09/2026 Discharged: 18/09/2026",
        "DATE OF PROCEDURE | 18/08/2026, discharged same day",
        "att 14/10/26 22:40   d/c 15/10/26 03:10",
    ],
)
def test_discharge_date_written_tersely(line: str) -> None:
    assert result("episode_date", line + "\n", letter_type=DS).status == "met"
    assert result("episode_date", "He was discharged.\n", letter_type=DS).status == "not_met"


def test_tto_in_a_table_cell_lists_discharge_medicines() -> None:
    text = "ANALGESIA / TTO | Paracetamol 1 g QDS for 2 weeks\n"
    assert result("medications_listed", text, letter_type=DS).status == "met"


def test_author_role_is_not_taken_from_the_list_of_copies() -> None:
    # A template with no sign-off: the discharging clinician's role is on the labelled line below her
    # name, and the GP the letter is distributed to comes last.
    text = (
        "Diagnosis: spondylolysis\n"
        + "Summary of the stay.\n" * 4
        + "Discharging Clinician: | Miss B Summers | Contact Bleep:\n"
        + "Designation: | Spinal Clinical Nurse Practitioner | Completed: | 09 June 2019\n"
        + "Distribute to:\nDr W Rosenberg, General Practitioner\n(E-distribution to practice)\n"
    )
    r = result("author_role", text, letter_type=DS)
    assert r.status == "met"
    assert "Spinal Clinical Nurse Practitioner" in r.evidence[0].text


def test_author_role_on_the_line_under_a_labelled_clinician() -> None:
    text = (
        "Discharging Clinician: | Miss B Summers\nDesignation: | Staff Nurse\n"
        + "Clinical summary of a long admission.\n" * 6
    )
    r = result("author_role", text, letter_type=DS)
    assert (r.status, r.evidence[0].text) == ("met", "Designation: | Staff Nurse")
    # Without the clinician label above, a role line alone does not name who completed the letter.
    alone = "Designation: | Staff Nurse\n" + "Clinical summary of a long admission.\n" * 6
    assert result("author_role", alone, letter_type=DS).status == "not_met"


@pytest.mark.parametrize(
    ("row", "quoted"),
    [
        ("Consultant Cardiologist | Typed: 24/08/2025", "Consultant Cardiologist"),
        (
            "Designation: | Spinal Nurse Practitioner | Completed: 21/06/2019",
            "Designation: | Spinal Nurse Practitioner",
        ),
        ("Grade | FY1", "Grade | FY1"),
    ],
)
def test_author_role_on_a_table_row_is_quoted_to_the_end_of_its_cell(row: str, quoted: str) -> None:
    """The cells after the role belong to other fields (the typing date, the completion date)."""
    text = "Diagnosis: angina\n" + "Seen in clinic today.\n" * 4 + "Yours sincerely\nDr H Morgan\n"
    text += row + "\n"
    r = result("author_role", text, letter_type=CL)
    assert (r.status, r.evidence[0].text) == ("met", quoted)
    assert text[r.evidence[0].start : r.evidence[0].end] == quoted
