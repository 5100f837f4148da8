"""la_meta, round 6: letter types told in ways the rules had not met (a letter to the patient, an
"Appointment:" header field, an early pregnancy unit). Worded apart from the letters that showed them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mrs Patel\nThank you for coming in to meet us last week with your son.", "clinic_letter"),
        ("Community Dietetics\nAppointment: 03/02/2027 (video)\nRe: Sam Hill", "clinic_letter"),
        ("EPAU\nAttendances: 01/02/2027, 03/02/2027\nDiagnosis: complete miscarriage", "discharge_summary"),
        ("Early Pregnancy Service - letter to GP\nSeen with bleeding at 7 weeks.", "discharge_summary"),
    ],
)
def test_letter_type_families(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elective Orthopaedics\nAdmitted | 02/03/2027\nDischarged | 05/03/2027", "discharge_summary"),
        ("Ward 7\nAdmission / discharge | 02/03/2027 - 09/03/2027", "discharge_summary"),
        ("Retinal unit - outcome\nVisit date: 02/03/2027", "clinic_letter"),
    ],
)
def test_letter_type_table_labels(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


def test_admission_and_discharge_in_one_field(meta_dates):
    got = meta_dates("Ward 7 discharge summary\nAdmission / discharge | 02/03/2027 - 09/03/2027\n")
    assert (str(got["admission"]), str(got["discharge"])) == ("2027-03-02", "2027-03-09")


def _ds(meta_dates, text: str) -> dict[str, str]:
    return {k: str(v) for k, v in meta_dates(text).items()}


def test_a_list_of_attendances_spans_admission_to_discharge(meta_dates):
    got = _ds(
        meta_dates, "Same Day Emergency Care discharge\nAttended AMU: 03/02/2027, 04/02/2027 and 06/02/2027\n"
    )
    assert (got["admission"], got["discharge"]) == ("2027-02-03", "2027-02-06")


def test_procedure_line_with_its_date_is_the_day_case(meta_dates):
    got = _ds(meta_dates, "Day surgery discharge\nProcedure: L trigger finger release | Date: 09/03/2027\n")
    assert (got.get("admission"), got.get("discharge"), got.get("letter")) == (
        "2027-03-09",
        "2027-03-09",
        None,
    )


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("Respiratory nurse telephone clinic\nDate of phone call: 04/03/2027\n", "clinic", "2027-03-04"),
        ("Diabetes clinic letter\nSeen at: community hub, 04/03/2027\n", "clinic", "2027-03-04"),
        ("Advice and guidance\nReply sent: 05/03/2027 by Dr Y\n", "letter", "2027-03-05"),
        (
            "Epilepsy clinic letter\nWe spoke to her by phone today (04/03/27) about the scan.\n",
            "clinic",
            "2027-03-04",
        ),
        (
            "Hospital at home discharge\nOn the HAH caseload from 01/03/2027.\nDischarged 08/03/2027\n",
            "admission",
            "2027-03-01",
        ),
    ],
)
def test_date_label_families(meta_dates, text, field, expected):
    assert _ds(meta_dates, text).get(field) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ward discharge summary\nAdmitted 01/03/2027\nRamipril | restart date 15/03/2027\n",
        "SDEC discharge summary\nFollow-up booked: SDEC review 16/03/2027\n",
    ],
)
def test_a_plan_or_drug_date_is_none_of_the_letters(meta_dates, text):
    got = _ds(meta_dates, text)
    assert "2027-03-15" not in got.values() and "2027-03-16" not in got.values()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Neurology\nDear Dr Smith\nI saw this 45 year old man today with headaches.", "clinic_letter"),
        (
            "Diabetes Centre\nDear Mr Doe\nIt was good to talk to you on the telephone about your sugars.",
            "clinic_letter",
        ),
        ("Hospital at Home - Discharge\nOn caseload 01/03/2027 to 08/03/2027", "discharge_summary"),
        ("Community Respiratory HAH\nReason for referral: COPD exacerbation", "discharge_summary"),
    ],
)
def test_letter_type_probed_families(meta_kind, text, expected):
    assert meta_kind(text)[0] == expected


def test_discharged_by_another_team_gives_the_discharge_date(meta_dates):
    text = "Liaison psychiatry\nSeen on the ward; discharged home by the surgical team 08/03/2027.\n"
    got = _ds(meta_dates, text)
    assert got.get("discharge") == "2027-03-08"
