"""The public real-world letters in /work/shared/real-letters: key phrases, reading order, table rows.

Skipped where that folder is absent (it is not part of the repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit.ingest import read_letter
from letter_audit.letter import Letter

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-letters"
if not REAL.is_dir():
    REAL = Path("/work/shared/real-letters")
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real letters folder not present")


def _read(name: str) -> Letter:
    return read_letter(REAL / name)


def _in_order(text: str, *phrases: str) -> None:
    positions = [text.index(p) for p in phrases]
    assert positions == sorted(positions), phrases


def _rows(letter: Letter) -> list[list[str]]:
    return [
        [letter.text[c.start : c.end] for c in b.cells or []] for b in letter.blocks if b.kind == "table_row"
    ]


def test_cardiology_clinic_letter() -> None:
    letter = _read("nhswales_cardiology_clinic_letter.pdf")
    assert letter.source.pages == 5 and letter.source.format == "pdf" and not letter.source.ocr
    _in_order(
        letter.text,
        "Dear Dr. Wilson,",
        "Clinical Summary",
        "Current Medications",
        "Amlodipine 5mg once daily",
        "Simvastatin 40mg once daily at night",
        "Management Plan",
        "2. Antiplatelet Therapy: Commenced aspirin 75mg once daily",
        "Contact Information",
    )
    rows = _rows(letter)
    assert ["Blood Pressure", "142/84 mmHg", "<140/90 mmHg"] in rows
    assert ["Consultation Type:", "New Patient Assessment", "Clinic:", "General Cardiology"] in rows
    assert ["Date: 15th September 2025", "Date: 10th October 2025"] in rows
    assert ["029 2074 7747", "029 2074 3025", "Cardiology Registrar"] in rows
    # The browser's print header and footer repeat on all five pages: furniture, not content.
    assert "Clinical Consultation Letter" not in letter.text
    assert letter.furniture[0] == "8/28/25, 10:31 PM Clinical Consultation Letter"
    assert letter.page_at(letter.text.index("Simvastatin 40mg")) == 4
    # A paragraph wrapped over several lines comes back whole.
    assert "breathlessness on moderate exertion (climbing two flights of stairs)" in letter.text


def test_discharge_letter() -> None:
    letter = _read("nhswales_discharge_letter.pdf")
    assert letter.source.pages == 2
    _in_order(letter.text, "DISCHARGE SUMMARY", "Reason for Admission", "Discharge Medications", "Follow-up")
    assert ["NHS Number:", "123 456 7890"] in _rows(letter)
    meds = letter.text.split("Discharge Medications\n", 1)[1].split("\n")[:3]
    assert meds == [
        "Amoxicillin 500mg TDS - 5 days (to complete antibiotic course)",
        "Salbutamol Inhaler 100mcg - 2 puffs PRN",
        "Prednisolone 30mg OD - 7 days then stop",
    ]
    bullets = [letter.text[b.start : b.end] for b in letter.blocks if b.kind == "list_item"]
    assert bullets[0] == "\u2022 GP follow-up in 1 week"


def test_prsb_edischarge_example() -> None:
    letter = _read("prsb_edischarge_example_robert_smith.pdf")
    rows = _rows(letter)
    assert ["Medication name", "Amlodipine"] in rows
    assert ["Description of amendment", "Dose increased from 5mg to 10mg"] in rows
    assert ["Name of discontinued medication", "Beclomethasone"] in rows
    # Labels wrapped over two lines beside a value centred between them stay one row.
    assert ["Discharging specialty / department", "Acute Medicine"] in rows
    assert [
        "Actions for healthcare professionals",
        "\u2022 Message to GP - please could you monitor patients BP. "
        "Patient asked to make an appointment in 1 week.",
    ] in rows
    assert (
        "Mr Smith presented with a 3-day history of increasing breathlessness, wheeze, productive"
        in letter.text
    )
    _in_order(
        letter.text, "Patient demographics", "Diagnoses", "Medications and medical devices", "Allergies"
    )


def test_ydh_docx_template_made_of_tables() -> None:
    letter = _read("ydh_sample_discharge_summary.docx")
    rows = _rows(letter)
    assert ["NHS Number:", "999 332 0280", "Ward:", "Hestercombe Ward JB"] in rows
    assert ["Admission Date:", "06 June 2019", "Discharge Date:", "21 June 2019"] in rows
    assert any(r[-1].startswith("codeine \u2014 30 mg \u2014 tablets") for r in rows)
    _in_order(
        letter.text, "Patient:", "Action for GP Teams", "Wound check 7-10 days", "Discharge medications"
    )


def test_ydh_grid_of_paired_sections_reads_each_heading_over_its_content() -> None:
    # Two section headings to a row, their contents in the row under them: read column by column, so the
    # right-hand sections ("Allergies", "Follow-up arranged") have their own content under them.
    letter = _read("ydh_sample_discharge_summary.docx")
    assert "\n\nAllergies\nLatex \u2014 Other Immune Reaction\n" in letter.text
    follow_up = "\n\nFollow-up arranged\n3 Weeks - Physio examination Clinic.\n6 Weeks - Consultant: DXA\n"
    assert follow_up in letter.text
    _in_order(letter.text, "Operations and procedures\nModified Bradford repair", "Follow-up arranged")
    from letter_audit import audit

    criteria = {c.id: c.status for c in audit(letter).criteria}
    assert criteria["allergies"] == "met"


@pytest.mark.parametrize(
    ("name", "phrases", "row"),
    [
        (
            "itk_outpatient_letter_thomas_linacre.html",
            ["Patient Demographics", "Encounter Summary"],
            ["Encounter Type", "Outpatient Clinic Attendance"],
        ),
        (
            "itk_outpatient_letter_ophelia_gently.html",
            ["Patient Demographics", "Clinical summary", "I suggest Amitriptyline is prescribed."],
            ["Document Owner", "St Crispin's Hospital"],
        ),
    ],
)
def test_itk_html_letters(name: str, phrases: list[str], row: list[str]) -> None:
    letter = _read(name)
    assert letter.source.format == "html"
    _in_order(letter.text, *phrases)
    assert row in _rows(letter)


@pytest.mark.slow
def test_scanned_copy_of_a_real_letter_reads_like_the_original(tmp_path: Path) -> None:
    """Each page of the discharge letter as a 200 dpi picture only, as a practice scanner makes it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(REAL / "nhswales_discharge_letter.pdf")
    images = [doc[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, "PDF", resolution=200, save_all=True, append_images=images[1:])
    letter = read_letter(scan)
    assert letter.source.ocr is True and letter.source.pages == 2
    rows = _rows(letter)
    assert ["NHS Number:", "123 456 7890"] in rows
    assert ["Discharge Date:", "28th August 2025"] in rows
    _in_order(
        letter.text,
        "DISCHARGE SUMMARY",
        "Reason for Admission",
        "Amoxicillin 500mg TDS - 5 days",
        "Follow-up Arrangements",
        "Date: 28th August 2025",
    )
    assert "Hospital Discharge Letter" not in letter.text  # the print header is still furniture
