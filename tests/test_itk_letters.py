"""ITK / PRSB outpatient letters rendered from a FHIR bundle: the letter is read, the machine dump is not.

An ITK renderer prints a "Bundle Details" block of urn:uuid references, the letter under PRSB headings
(often as "Heading | content" table rows under the heading itself), then every FHIR resource field by field
("Identifier: | Use: | System:", "System: phone / Value: ... / Use: work", timestamps). What the checker
finds in such a letter should be what it finds in the same letter written plainly, and the dump should
give nothing (no date, no request) but the team's work phone and email, which go to the letter's furniture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_audit import audit
from letter_audit.ingest import read_bytes, read_letter
from letter_audit.report import Report
from script_module import load_script

bf = load_script("build_fixtures")

PLAIN = """Dermatology Department, Riverside General Hospital
Clinic date: 12/11/2026

Dear Dr Okafor

Re: Miss Jane Example, DOB 02/03/1990

Diagnosis
Chronic plaque psoriasis.

Plan and requested actions
Please check her liver function tests in 4 weeks.
Please add calcipotriol ointment to her repeat prescription.

Follow-up
We will see her in clinic in 3 months.

Dr B Jones, Consultant Dermatologist
"""

BUNDLE = (
    "<div><h2>Bundle Details</h2>Bundle id: 6f1c2a3b-1d2e-4f50-8a9b-0c1d2e3f4a5b<br>Type: document<br>"
    "Full Url: urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d "
    "urn:uuid:1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e<br>"
    "</div>"
)
DUMP = (
    '<div class="banner"><h1>Practitioner</h1>'
    "<table><tr><th>Identifier:</th><th>Use:</th><th>System:</th><th>Period Start:</th>"
    "<th>Period End:</th></tr>"
    "<tr><td>C123456</td><td></td><td>https://fhir.nhs.uk/Id/local-practitioner-identifier</td></tr></table>"
    "<table><tr><td>System: phone<br>Value: 01632 960 777<br>Use: work<br>Rank:<br>Period Start:<br>"
    "Period End:</td></tr><tr><td>System: email<br>Value: derm.team@nhs.net<br>Use: work</td></tr></table>"
    "<h1>Composition Header</h1>"
    "<table><tr><th>Id:</th><th>Identifier system:</th><th>Identifier value:</th></tr>"
    "<tr><td>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d</td><td>https://tools.ietf.org/html/rfc4122</td>"
    "<td>2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f</td></tr></table>"
    "<table><tr><th>Date:</th><th>Type coding system:</th></tr>"
    "<tr><td>2019-01-01T09:00:00+00:00</td><td>http://snomed.info/sct</td></tr></table>"
    "<table><tr><th>Subject reference:</th><th>Encounter:</th></tr>"
    "<tr><td>urn:uuid:1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e</td>"
    "<td>urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d</td></tr></table></div>"
)
LETTER = (
    "<div><h1>Patient Demographics</h1><table>"
    "<tr><th>Document Owner</th><td>Dermatology Department, Riverside General Hospital</td></tr>"
    "<tr><th>Clinic date</th><td>12/11/2026</td></tr>"
    "<tr><th>Re</th><td>Miss Jane Example, DOB 02/03/1990</td></tr></table>"
    "<h2>Clinical summary</h2><p>Dear Dr Okafor</p>"
    "<h2>Diagnosis</h2><table><tr><th>Diagnosis</th><td>Chronic plaque psoriasis.</td></tr></table>"
    "<h2>Plan and requested actions</h2><table>"
    "<tr><th>Plan and requested actions</th><td>Please check her liver function tests in 4 weeks.</td></tr>"
    "<tr><th></th><td>Please add calcipotriol ointment to her repeat prescription.</td></tr></table>"
    "<h2>Follow-up</h2><table>"
    "<tr><th>Follow-up</th><td>We will see her in clinic in 3 months.</td></tr></table>"
    "<h2>Person completing record</h2><table><tr><th>Name</th><td>Dr B Jones</td></tr>"
    "<tr><th>Designation or role</th><td>Consultant Dermatologist</td></tr></table></div>"
)
ITK = f"<html><body>{BUNDLE}{LETTER}{DUMP}</body></html>".encode()


def _findings(report: Report) -> dict[str, object]:
    return {
        "actions": [" ".join(a.text.split()) for a in report.gp_actions],
        "contact": report.contact_point.detail if report.contact_point.present else None,
        "follow_up": report.follow_up.owner,
        "clinic": report.dates.clinic,
    }


def test_an_itk_letter_gives_what_its_plain_text_gives() -> None:
    plain = audit(read_bytes(PLAIN.encode(), "letter.txt"))
    itk = audit(read_bytes(ITK, "letter.html"))
    found, expected = _findings(itk), _findings(plain)
    # the team's work phone is only in the dump: not letter text, but the practice's way to reach the team
    assert (expected.pop("contact"), found.pop("contact")) == (None, "Tel: 01632 960 777")
    assert found == expected
    assert len(itk.gp_actions) == 2


def test_the_bundle_and_the_resource_dump_are_not_read() -> None:
    letter = read_bytes(ITK, "letter.html")
    for noise in ("urn:uuid", "Bundle", "Practitioner", "01632 960 777", "derm.team", "Period Start", "2019"):
        assert noise not in letter.text, noise
    assert "Please check her liver function tests in 4 weeks." in letter.text
    # the dump alone is no letter: nothing to act on, nobody to ring
    alone = audit(
        read_bytes(
            f"<html><body>{BUNDLE}{DUMP}<p>Seen today.</p></body></html>".encode(), "x.html", min_words=0
        )
    )
    assert alone.gp_actions == [] and alone.contact_point.detail == "Tel: 01632 960 777"
    assert alone.dates.letter is None and alone.dates.clinic is None
    # a home phone or email in a dump is the patient's: no way to reach the team
    home = DUMP.replace("Use: work", "Use: home")
    page = f"<html><body>{BUNDLE}{home}<p>Seen today.</p></body></html>".encode()
    patient = audit(read_bytes(page, "x.html", min_words=0))
    assert not patient.contact_point.present
    assert read_bytes(ITK, "letter.html").furniture == ["Tel: 01632 960 777", "Email: derm.team@nhs.net"]


def test_a_row_labelled_with_the_heading_above_is_that_sections_text() -> None:
    letter = read_bytes(ITK, "letter.html")
    assert "Plan and requested actions | Please" not in letter.text
    assert "Plan and requested actions\nPlease check her liver function tests in 4 weeks." in letter.text


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        # a contact table with a web address: running text is short, but a person wrote it
        (
            "<table><tr><th>Web</th><td>https://www.riverside.nhs.uk/derm</td></tr>"
            "<tr><th>Phone</th><td>01632 960 123</td></tr>"
            "<tr><th>Email</th><td>derm@nhs.net</td></tr></table>",
            "Phone | 01632 960 123",
        ),
        # a letterhead of labelled numbers: no identifier, URL or timestamp a person would not write
        (
            "<div>NHS No: 9434765919<br>Hospital No: 12345678<br>Clinic date: 12/11/2026<br>"
            "Ref: KO/55102</div>",
            "Hospital No: 12345678",
        ),
        # a form's blank fields and a timestamped field with a sentence
        (
            "<table><tr><td>Allergies:</td><td></td></tr><tr><td>Weight:</td><td></td></tr>"
            "<tr><td>Signed:</td><td>2026-11-12T09:00:00Z</td></tr><tr><td>Follow-up:</td>"
            "<td>We will see her in clinic in three months.</td></tr></table>",
            "Follow-up: | We will see her in clinic in three months.",
        ),
    ],
)
def test_what_a_person_wrote_is_kept(html: str, kept: str) -> None:
    data = f"<html><body><p>Seen in clinic today.</p>{html}</body></html>".encode()
    assert kept in read_bytes(data, "x.html", min_words=0).text


def test_html_itk_rendering_reads_as_the_letter(tmp_path: Path) -> None:
    path = tmp_path / "dev_9002_itk.txt"
    path.write_text("---\nformat: html-itk\n---\n" + PLAIN.replace("\nDiagnosis\n", "\n# Diagnosis\n")
                    .replace("\nPlan and requested actions\n", "\n# Plan and requested actions\n")
                    .replace("\nFollow-up\n", "\n# Follow-up\n"), encoding="utf-8")  # fmt: skip
    name, data = bf.render(bf.read_source(path))
    assert name.endswith(".html") and b"Bundle Details" in data and b"System: phone" in data
    letter = read_bytes(data, name)
    assert "urn:uuid" not in letter.text and "System: phone" not in letter.text
    report = audit(letter)
    assert [" ".join(a.text.split()).rstrip(".") for a in report.gp_actions] == [
        "Please check her liver function tests in 4 weeks",
        "Please add calcipotriol ointment to her repeat prescription",
    ]
    assert not report.contact_point.present


REAL = Path("/work/shared/real-letters")


@pytest.mark.skipif(not REAL.is_dir(), reason="real letters folder not present")
@pytest.mark.parametrize(
    ("name", "action", "contact"),
    [
        (
            "itk_outpatient_letter_thomas_linacre.html",
            "Please prescribe 28 x 100ml bags per month",
            "(01234) 569870",
        ),
        ("itk_outpatient_letter_ophelia_gently.html", "I suggest Amitriptyline is prescribed", None),
    ],
)
def test_the_real_itk_letters(name: str, action: str, contact: str | None) -> None:
    letter = read_letter(REAL / name)
    assert "System: phone" not in letter.text and "Bundle id" not in letter.text
    # the resources, however boxed, are not read, and the sections printed again among them are read once
    assert "userSelected" not in letter.text and "Composition Sections" not in letter.text
    assert letter.text.count(action) == 1
    report = audit(letter)
    assert [a.text.strip().rstrip(".") for a in report.gp_actions] == [action]
    assert report.follow_up.owner == "hospital"
    if contact is not None:
        assert contact in (report.contact_point.detail or "")
    # no number read from inside an identifier
    assert not any(
        report.contact_point.detail and report.contact_point.detail.replace(" ", "") in line.replace("-", "")
        for line in letter.text.splitlines()
        if "uuid" in line
    )


def test_a_section_printed_again_among_the_resources_is_read_once() -> None:
    section = (
        "<h2>Plan</h2><p>Please check her liver function tests in 4 weeks, and tell her the result.</p>"
        "<p>We will see her again in the dermatology clinic in three months with a repeat scan.</p>"
        "<p>She knows to ring the clinic nurses if the plaques flare before then.</p>"
    )
    html = (
        f'<html><body><div class="letter"><div class="sections">{section}</div></div>'
        f'<div class="resources">{DUMP}<div class="sections">{section}</div></div></body></html>'
    )
    letter = read_bytes(html.encode(), "x.html", min_words=0)
    assert letter.text.count("Please check her liver function tests") == 1
    # a container holding just one other (a section's <text> and the <div> in it) is read, once
    nested = f"<html><body><div><div>{section}</div></div></body></html>"
    assert read_bytes(nested.encode(), "x.html", min_words=0).text.count("Please check") == 1


def test_a_box_styled_as_a_dump_found_above_is_a_dump_without_identifiers() -> None:
    bare = (
        '<div class="banner"><h1>Location</h1>'
        "<table><tr><th>Reference</th><th>Display</th></tr></table></div>"
    )
    written = (
        '<div class="banner"><p>Please check her liver function tests in 4 weeks, and tell her.</p></div>'
    )
    letter = read_bytes(f"<html><body>{LETTER}{DUMP}{bare}{written}</body></html>".encode(), "x.html")
    assert "Location" not in letter.text and "Reference" not in letter.text
    assert "Please check her liver function tests in 4 weeks, and tell her." in letter.text
    # the same box with no dump found before it is read
    alone = read_bytes(f"<html><body>{LETTER}{bare}</body></html>".encode(), "x.html")
    assert "Location" in alone.text


def test_a_gp_label_in_a_label_value_table_labels_its_own_row() -> None:
    """A letterhead laid out as label|value rows ("Renal advice (for GPs) | email", then "Clinic | date"):
    the GP label is not a GP-actions heading over the rows after it; an actions table's header row
    ("Actions for GP | When") still heads the actions under it."""
    head = (
        "<html><body><h1>Patient Demographics</h1><table>"
        "<tr><th>Document Owner</th><td>Renal Unit Outpatients</td></tr>"
        "<tr><th>Renal advice (for GPs)</th>"
        "<td>renal.advice@example.nhs.uk, reply within 2 working days</td></tr>"
        "<tr><th>Clinic</th><td>23/06/2025</td></tr><tr><th>Letter</th><td>24/06/2025</td></tr>"
        "<tr><th>Re</th><td>Mrs Sandra Pike, DOB 02/02/1957</td></tr></table>"
        "<h2>Diagnosis</h2><p>Chronic kidney disease stage 4. Metabolic acidosis.</p>"
    )
    plan = (
        "<h2>Plan</h2><table><tr><td>Actions for GP</td><td>When</td></tr>"
        "<tr><td>Please check her U&amp;E and bicarbonate</td><td>In 2 weeks</td></tr>"
        "<tr><td>Please review her blood pressure</td><td>4 weeks</td></tr></table>"
        "<p>Dr A Khan, Consultant Nephrologist</p></body></html>"
    )
    report = audit(read_bytes((head + plan).encode(), "x.html"))
    texts = [" ".join(a.text.split()) for a in report.gp_actions]
    assert not any(t.startswith(("Clinic", "Letter", "Re ")) for t in texts), texts
    assert any(t.startswith("Please check her U&E and bicarbonate") for t in texts), texts
    assert any(t.startswith("Please review her blood pressure") for t in texts), texts
