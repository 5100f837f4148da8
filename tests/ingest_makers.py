"""Letter files made on the fly for the ingest tests (nothing here is a real patient)."""

from __future__ import annotations

import io
from pathlib import Path

ADMISSION_DISCHARGE_ROWS = [
    ("Medications on admission", "Medications on discharge"),
    ("Amlodipine 5mg OD", "Amlodipine 10mg OD"),
    ("Ramipril 2.5mg OD", "Ramipril 5mg OD"),
    ("Simvastatin 40mg ON", "Atorvastatin 80mg ON"),
]
WRAPPED = (
    "Mr Test was admitted with an infective exacerbation of chronic obstructive pulmonary disease and "
    "was treated with oral prednisolone and doxycycline, with a good response over three days."
)


def table_letter_pdf(path: Path) -> Path:
    """A one-page letter: letterhead heading, a wrapped paragraph and a two-column medication table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    story = [
        Paragraph("Discharge Summary", styles["Title"]),
        Paragraph(WRAPPED, styles["BodyText"]),
        Spacer(1, 12),
        Paragraph("Medication changes", styles["Heading2"]),
        Table([list(r) for r in ADMISSION_DISCHARGE_ROWS], colWidths=[200, 200]),
        Spacer(1, 12),
        Paragraph("GP to check renal function in two weeks.", styles["BodyText"]),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def two_page_pdf(path: Path) -> Path:
    """Two pages, each with the same header and a footer whose page number changes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    c = Canvas(str(path), pagesize=A4)
    bodies = [
        ["Diagnosis: community acquired pneumonia", "Plan: complete antibiotics"],
        ["Follow-up: chest X-ray in six weeks", "Contact: ward 7 on 0123 456 789"],
    ]
    for number, lines in enumerate(bodies, start=1):
        c.setFont("Helvetica", 9)
        c.drawString(50, height - 30, "St Elsewhere NHS Trust - Confidential")
        c.drawString(50, 30, f"Page {number} of 2")
        c.setFont("Helvetica", 11)
        y = height - 120
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    c = Canvas(str(path), encrypt=enc)
    c.drawString(72, 720, "Confidential discharge summary")
    c.save()
    return path


def blank_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.showPage()
    c.save()
    return path


def scanned_pdf(path: Path, lines: list[str] | None = None) -> Path:
    """An image-only PDF: text drawn into a 200 dpi picture, as a scanner would produce it."""
    from PIL import Image, ImageDraw, ImageFont

    lines = lines or [
        "DISCHARGE SUMMARY",
        "Diagnosis: Community acquired pneumonia",
        "Amoxicillin 500mg three times a day for 5 days",
        "Please arrange a chest X-ray in six weeks",
    ]
    dpi = 200
    image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    y = 200
    for line in lines:
        draw.text((160, y), line, font=font, fill=0)
        y += 90
    image.save(path, "PDF", resolution=dpi)
    return path


def letter_docx(path: Path, *, header: str = "St Elsewhere NHS Trust") -> Path:
    """A DOCX with a heading style, paragraphs, a bulleted item, a table (with a merged cell) and a header."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.sections[0].footer.paragraphs[0].text = "NHS number 999 123 4567"
    d.add_heading("Discharge summary", level=1)
    d.add_paragraph("Patient admitted with a fall at home.")
    d.add_paragraph("Check sodium in one week", style="List Bullet")
    table = d.add_table(rows=3, cols=2)
    for r, (left, right) in enumerate(ADMISSION_DISCHARGE_ROWS[:3]):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right
    merged = d.add_table(rows=1, cols=3)
    a = merged.cell(0, 0).merge(merged.cell(0, 1))
    a.text = "Allergies"
    merged.cell(0, 2).text = "Penicillin (rash)"
    d.add_heading("Follow-up", level=2)
    d.add_paragraph("Fracture clinic in two weeks.")
    d.save(str(path))
    return path


def docx_bytes(**kwargs: str) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = letter_docx(Path(tmp) / "x.docx", **kwargs)
        return p.read_bytes()


def zip_bomb_docx(path: Path, inflated_mb: int = 300) -> Path:
    """A small DOCX-shaped zip whose document part inflates to hundreds of MB of zeros."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(inflated_mb):
                part.write(chunk)
    return path


def buffer() -> io.BytesIO:
    return io.BytesIO()
