"""la_meta round 15: letter types and dates from community, therapy and advice-and-guidance letters. Each case
is worded unlike the letter that taught it; a heart or chest surgeon's service is surgery."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

Run = Callable[[Language, str | Letter], Doc]


def test_an_advice_and_guidance_title_after_a_service_name_and_colon_is_other(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "NHS e-RS: Advice & Guidance reply\nProvider: Dermatology\nDate: 04/03/2027\n"
        "He would not need to be seen in the skin clinic; a biopsy in primary care is reasonable.\n"
    )
    assert letter_type(text) == "other"


def test_a_therapy_course_with_its_last_session_is_a_clinic_letter(
    letter_type: Callable[[str], str], meta_dates: Callable[[str], dict[str, dt.date]]
) -> None:
    text = (
        "PELVIC HEALTH PHYSIOTHERAPY - END OF TREATMENT REPORT\nTo: Dr Ahmed | Date: 12/05/2027\n"
        "Sessions attended: 4 | Last session: 09/05/2027\nShe has met her goals.\n"
    )
    assert letter_type(text) == "clinic_letter"
    assert meta_dates(text).get("clinic") == dt.date(2027, 5, 9)


def test_a_community_team_named_under_the_title_with_its_phone_is_other(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "NURSE HOME VISIT - UPDATE FOR THE PRACTICE\n"
        "Eastfield Community Heart Failure Team Tel: 01632 960 999\n"
        "Visit date: 02/03/2027\nWeight up 2 kg; furosemide increased.\n"
    )
    assert letter_type(text) == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Cardiothoracic Surgery, Ward 6 North\nDear Dr Lee,\nHe had an aortic valve replacement.\n",
        "Dear Dr Lee,\nHe went home after his valve repair.\nMs P Adeyemi, Consultant Cardiac Surgeon\n",
        "Department of Thoracic Surgery\nDear Dr Lee,\nShe is recovering well after her wedge resection.\n",
    ],
)
def test_a_heart_or_chest_surgeons_service_is_surgery(meta_nlp: Language, run: Run, text: str) -> None:
    assert run(meta_nlp, text)._.meta["specialty"]["value"] == "surgery"


def test_a_cardiology_department_stays_cardiology(meta_nlp: Language, run: Run) -> None:
    text = "Department of Cardiology\nDear Dr Lee,\nHis angina has settled on bisoprolol.\n"
    assert run(meta_nlp, text)._.meta["specialty"]["value"] == "cardiology"
