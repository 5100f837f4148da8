"""la_meta, round 4: letter-type title and heading cues used by new authors."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "TRANSFER OF CARE\nPatient: Mr A\nTreated with antibiotics.\n",
        "INPATIENT EPISODE SUMMARY\nAshcombe District Hospital\nReason for stay: cellulitis.\n",
        "Episode Summary\nShe was treated for cellulitis.\n",
        "ED Attendance Summary\nPresenting complaint: chest pain.\n",
        "Same Day Emergency Care Outcome\nChest pain, troponin normal.\n",
        "SDEC Outcome\nRenal colic.\n",
        "Day Surgery Discharge\nProcedure: hernia repair.\n",
        "ENDOSCOPY UNIT REPORT - COLONOSCOPY\nThree polyps removed.\n",
        "Acute Medical Unit\nHe was treated for a chest infection.\n",
    ],
)
def test_discharge_titles(meta_kind, text):
    assert meta_kind(text)[0] == "discharge_summary"


@pytest.mark.parametrize(
    "text",
    [
        "CLINIC CORRESPONDENCE\nRheumatology\nDear Dr Haldane\n",
        "Outpatient Review\nDear Dr Smith\nMrs B has knee pain.\n",
        "Outpatient Consultation\nDear Dr Smith\n",
        "Mr Stuart Bellamy, DOB 12/12/1972, seen 27/10/2026\nDiagnosis: foot ulcer\n",
        "I saw Ms Obi-Hargreaves in the headache clinic at Castleford Neurosciences on 04/11/2026.\n",
    ],
)
def test_clinic_titles_and_visits(meta_kind, text):
    assert meta_kind(text)[0] == "clinic_letter"


@pytest.mark.parametrize(
    "text",
    [
        "Department of Neurology\nRESULTS LETTER\nI saw Mr Shah in clinic in August. The MRI is normal.\n",
        "Rheumatology advice line 01632 960 300\nAdvice and Guidance response\nQuestion asked\nRaynaud's.\n",
        "A&G reply\nThank you for your question about her neutropenia.\n",
    ],
)
def test_results_letters_and_advice_and_guidance_are_other(meta_kind, text):
    assert meta_kind(text) == ("other", "type-other-title")


def test_an_advice_and_guidance_route_in_a_clinic_letter_is_not_a_title(meta_kind):
    text = (
        "Cardiology Outpatients\nDear Dr Lee\nI saw her in clinic today.\n"
        "Haematology advice and guidance: via e-RS, or secretaries on 01632 960 000.\n"
    )
    assert meta_kind(text)[0] == "clinic_letter"


def test_a_past_ed_visit_in_a_clinic_letter_is_not_a_discharge_cue(meta_kind):
    text = (
        "Fracture Clinic (telephone), Oakridge Hospital\nDate of telephone review: 26/10/2026\n"
        "She was given a fit note at her ED attendance.\n"
    )
    assert meta_kind(text)[0] == "clinic_letter"


@pytest.mark.parametrize(
    "text",
    [
        "ED Outcome\nDiagnosis: sprained ankle. Home.\n",
        "Ward Discharge\nDear GP\n",
        "Community Hospital Discharge\nDear GP\n",
        "Discharge from Community Mental Health Team\nDear Dr Lee\n",
        "Summary of hospital stay\nShe came in with delirium.\n",
        "Frailty Assessment Unit\nHe was assessed after a fall and went home.\n",
        "Paediatric Assessment Unit\nSeen with a fever, home after observation.\n",
    ],
)
def test_more_discharge_titles(meta_kind, text):
    assert meta_kind(text)[0] == "discharge_summary"


def test_a_discharge_since_mentioned_in_a_clinic_letter_is_history(meta_kind):
    text = "Dear Dr Lee\nI saw her in the HF clinic today. Since her hospital discharge she is well.\n"
    assert meta_kind(text)[0] == "clinic_letter"


def test_thanks_for_an_advice_and_guidance_request_is_other(meta_kind):
    text = "Dear Dr Lee\nThank you for your Advice and Guidance request about Mrs X.\nI have not seen her.\n"
    assert meta_kind(text) == ("other", "type-other-ag-prose")
