"""Round 19: a two-column template ("Heading | content") whose GP cell holds several lines, and whose other
first cells are headings no phrase names. Wordings are this file's own."""

from __future__ import annotations

from letter_audit.letter import Block, Cell, Letter, SourceInfo


def _rows(rows: list[tuple[str, str]]) -> Letter:
    """A letter of two-cell table rows, cells split by " | ", content lines by newlines (as DOCX reads)."""
    text, blocks = "", []
    for head, body in rows:
        start = len(text)
        line = f"{head} | {body}"
        body_at = start + len(head) + 3
        cells = [Cell(start=start, end=start + len(head)), Cell(start=body_at, end=start + len(line))]
        blocks.append(Block(kind="table_row", start=start, end=start + len(line), cells=cells))
        text += line + "\n"
    return Letter(text=text, blocks=blocks, source=SourceInfo(path="x.docx", sha256="0", format="docx"))


LONG_FIRST = (
    "BP lying and standing and U&E in 3 weeks with the practice nurse; recheck BP after the mirabegron is "
    "started, stopping the mirabegron if the systolic is above 160 on two readings"
)
LAST = "Share it with out of hours"


def test_every_line_of_a_gp_cell_is_in_the_gp_section(sections_nlp, run) -> None:
    letter = _rows(
        [
            ("Diagnosis", "Overactive bladder"),
            ("Requests to the practice", f"{LONG_FIRST}\nAdd a ReSPECT form to his record\n{LAST}"),
            ("Follow-up", "Discharged from the clinic"),
        ]
    )
    doc = run(sections_nlp, letter)
    gp = next(s for s in doc.spans["sections"] if s.label_ == "gp_actions")
    assert gp.text.endswith(LAST)
    assert "Discharged" not in gp.text


def test_one_known_heading_makes_a_layout_table_when_the_other_first_cells_read_as_headings(
    sections_nlp, run
) -> None:
    letter = _rows(
        [
            ("Why we met", "You came to clinic with breathlessness."),
            ("What we have asked your GP to do", "Please add the new inhaler to your repeat."),
            ("Planning ahead", "You told us you would like to stay at home."),
            ("Who to contact", "Phone our team on the number above."),
        ]
    )
    doc = run(sections_nlp, letter)
    assert [(s.label_, s._.heading) for s in doc.spans["sections"]] == [
        ("other", "Why we met"),
        ("gp_actions", "What we have asked your GP to do"),
        ("other", "Planning ahead"),
        ("other", "Who to contact"),
    ]


def test_a_table_of_values_with_one_heading_like_label_is_not_a_layout(sections_nlp, run) -> None:
    letter = _rows(
        [
            ("Sodium", "128 mmol/L (low)"),
            ("Potassium", "4.1 mmol/L"),
            ("Creatinine", "96 micromol/L"),
        ]
    )
    doc = run(sections_nlp, letter)
    assert list(doc.spans["sections"]) == []


def test_a_medicines_heading_shared_with_what_they_are_for_opens_the_list(sections_nlp, run) -> None:
    text = (
        "Dx: back pain\nMeds given / TTO:\nnaproxen 500 mg BD x 5/7 - new\ndiazepam 2 mg TDS x 3/7 - new\n"
        "Fit note issued x 7 days.\nAdvised pt: f/u with GP if not improving in 2/52.\n"
    )
    doc = run(sections_nlp, text)
    meds = [s for s in doc.spans["sections"] if s.label_ == "medications_discharge"]
    assert [s._.heading for s in meds] == ["Meds given / TTO:"]
    assert meds[0].text.endswith("diazepam 2 mg TDS x 3/7 - new")


def test_a_gp_heading_shared_with_another_reader_stays_unread(sections_nlp, run) -> None:
    doc = run(sections_nlp, "Plan\nReview in clinic.\nHandover to GP / community\nBloods in 1 week\n")
    assert "gp_actions" not in [s.label_ for s in doc.spans["sections"]]
