"""la_meta, round 14: letter type and dates for writers from other UK nations, tertiary and independent-sector
centres, and letters written to a patient or a parent. Texts are invented for these tests and worded unlike
the letters that taught them; each family has a look-alike it must leave alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

D = dt.date


@pytest.mark.parametrize(
    "text",
    [
        # a letter to the patient or the family thanking them for coming to a review or assessment
        "Dear Mr and Mrs Hale,\nThank you both for coming to the assessment on 3 March 2027 with Lily.\n",
        "Dear Sam,\nThank you all for coming to your review at the hub.\n",
    ],
)
def test_thanks_for_coming_to_a_review_is_a_clinic_letter(
    meta_kind: Callable[[str], tuple[str, str | None]], text: str
) -> None:
    assert meta_kind(text) == ("clinic_letter", "type-clinic-consult")


def test_thanks_for_coming_dates_the_clinic(meta_dates: Callable[[str], dict[str, D]]) -> None:
    text = (
        "Letter date: 10/03/2027\nDear Mrs Hale,\nThank you both for coming to the review on 3 March 2027.\n"
    )
    assert meta_dates(text)["clinic"] == D(2027, 3, 3)


def test_bare_admission_and_discharge_fields_make_a_discharge_summary(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "Regional Vascular Centre | Ward 4\n"
        "Admission: 02/05/2027 | Operation: 03/05/2027 | Discharge: 09/05/2027\n"
        "Plan\nWound check at 2 weeks in the vascular outpatients (booked).\n"
    )
    assert letter_type(text) == "discharge_summary"
    # a future clinic field with a date stays a clinic letter's
    assert (
        letter_type("Vascular Outpatients\nClinic: 02/05/2027\nNext review: 09/08/2027\n") == "clinic_letter"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bilingual month pair, and a Welsh month alone
        ("Dyddiad / Date: 4 Mawrth / March 2027\nDear Dr Evans\n", D(2027, 3, 4)),
        ("Dyddiad: 21 Tachwedd 2026\nDear Dr Evans\n", D(2026, 11, 21)),
        ("Date: 2 Mai 2027\nDear Dr Evans\n", D(2027, 5, 2)),
    ],
)
def test_welsh_month_names(meta_dates: Callable[[str], dict[str, D]], text: str, expected: D) -> None:
    assert meta_dates(text)["letter"] == expected


def test_a_word_holding_a_welsh_month_is_no_date(meta_dates: Callable[[str], dict[str, D]]) -> None:
    # "medium" starts like "Medi" (September); only the whole word is a month
    assert "letter" not in meta_dates("Dear Dr Evans\nA dose of 12 medium 2027 units was given.\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an episode with a home treatment or crisis team, or in a hospice's in-patient unit
        (
            "Crisis Resolution and Home Treatment\nDear Dr Rees\nWe supported Ms Lowe at home.\n",
            "discharge_summary",
        ),
        (
            "Ashgrove Hospice In-Patient Unit\nDear Dr Rees\nMrs Hart went home on 04/04/2027.\n",
            "discharge_summary",
        ),
        # look-alikes: a crisis team named in a clinic letter's body; a hospice's community team visit
        (
            "Community Mental Health Team\nDear Dr Rees\nI saw him in clinic today. "
            "If he becomes unwell he can ring the crisis team.\n",
            "clinic_letter",
        ),
        ("Ashgrove Hospice Community Team\nDear Dr Rees\nShe is comfortable and eating a little.\n", "other"),
        # a visit told with the family, or a letter written after the patient's appointment
        (
            "Dear Dr Rees\nI met Tom and his grandmother at home on 2nd March 2027 for his review.\n",
            "clinic_letter",
        ),
        ("Dear Ms Carr\nI am writing following your appointment with us on 4 March 2027.\n", "clinic_letter"),
        # look-alike: a review on the ward
        (
            "Ward 9 discharge\nDear Dr Rees\nFollowing his review on the ward he went home.\n",
            "discharge_summary",
        ),
    ],
)
def test_episode_and_visit_families(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


def test_a_home_treatment_episode_told_as_care_gives_its_dates(
    meta_dates: Callable[[str], dict[str, D]],
) -> None:
    text = "Home Treatment Team\nDear Dr Rees\nMr Lowe was under our care from 01/02/2027 to 15/02/2027.\n"
    assert meta_dates(text) == {"admission": D(2027, 2, 1), "discharge": D(2027, 2, 15)}


def test_a_long_visit_sentence_dates_the_clinic(meta_dates: Callable[[str], dict[str, D]]) -> None:
    text = (
        "Dear Dr Quinn\nI saw Mrs Boyd in the heart failure clinic at Craigavon Area Hospital "
        "on Tuesday 12th January 2027.\n"
    )
    assert meta_dates(text)["clinic"] == D(2027, 1, 12)
