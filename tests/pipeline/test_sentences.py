"""pipeline.sentences: where sentences and items begin and end, and the OCR clean-up rules match on."""

from __future__ import annotations

import pytest

from letter_audit.pipeline.sentences import ocr_letters, sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "His pulse was 56. His wife is finding things hard.",
            ["His pulse was 56.", "His wife is finding things hard."],
        ),
        ("CRP now 4. I have reduced the prednisolone.", ["CRP now 4.", "I have reduced the prednisolone."]),
        # an inline numbered list keeps its numbers inside the items
        (
            "Actions: 1. Repeat U&E 2. Review BP in 2 weeks.",
            ["Actions: 1. Repeat U&E 2. Review BP in 2 weeks."],
        ),
        ("1. Check U&E. 2. Review.", ["1. Check U&E.", "2. Review."]),
    ],
)
def test_short_numbers_and_list_numbers(text, expected):
    assert split(text) == expected


def test_a_field_label_line_is_not_a_wrapped_continuation():
    text = "HF nurse clinic already booked 01/12\nfit note: n/a, retired\n"
    assert split(text) == ["HF nurse clinic already booked 01/12", "fit note: n/a, retired"]


def test_a_lowercase_wrapped_line_still_joins_its_sentence():
    assert split("Please check her potassium and\nrenal function in 1 week.") == [
        "Please check her potassium and\nrenal function in 1 week."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F0LL0W-UP in 10 days", "FoLLoW-UP in 10 days"),
        ("10th March 2026, 20mg", "10th March 2026, 20mg"),
        ("| will see her again. | have stopped this.", "I will see her again. I have stopped this."),
        ("Clinic: 15/09/2026 | Typed: 22/09/2026", "Clinic: 15/09/2026 | Typed: 22/09/2026"),
    ],
)
def test_ocr_letters_keeps_length_and_fixes_only_ocr(text, expected):
    out = ocr_letters(text)
    assert out == expected and len(out) == len(text)
