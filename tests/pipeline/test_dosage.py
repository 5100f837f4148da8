"""la_dosage: strength, frequency, route and duration after a drug."""

from __future__ import annotations

import pytest

MEDS = ("la_drugs", "la_dosage")


def _dosage(make_nlp, run, text: str) -> dict:
    doc = run(make_nlp(*MEDS), text)
    d = dict(doc.spans["drugs"][0]._.dosage)
    d.pop("end")
    d.pop("phrase_end")
    return {k: v for k, v in d.items() if v is not None}


def test_strength_frequency_route(make_nlp, run) -> None:
    assert _dosage(make_nlp, run, "Ramipril 5 mg oral once daily") == {
        "dose": "5 mg",
        "strength": 5.0,
        "unit": "mg",
        "frequency": "once daily",
        "per_day": 1.0,
        "route": "oral",
    }


@pytest.mark.parametrize(
    ("text", "unit", "frequency"),
    [
        ("Salbutamol 100 micrograms 2 puffs PRN", "micrograms", "when required"),
        ("Tiotropium 18mcg OD", "micrograms", "once daily"),
        ("Insulin glargine 20 units nocte", "units", "at night"),
        ("Lactulose 10 ml BD", "ml", "twice daily"),
        ("Paracetamol 1g QDS", "g", "four times daily"),
        ("Amitriptyline 10mg ON", "mg", "at night"),
        ("Furosemide 40mg mane", "mg", "in the morning"),
        ("Methotrexate 15 mg once weekly", "mg", "once weekly"),
        ("Co-codamol 30/500 two tablets TDS", None, "three times daily"),
    ],
)
def test_units_and_frequencies(make_nlp, run, text: str, unit: str | None, frequency: str) -> None:
    got = _dosage(make_nlp, run, text)
    assert got.get("unit") == unit
    assert got["frequency"] == frequency


def test_durations(make_nlp, run) -> None:
    assert _dosage(make_nlp, run, "Doxycycline 100 mg OD for 7 days")["duration"] == "for 7 days"
    assert (
        _dosage(make_nlp, run, "Prednisolone 30mg OD for 2 weeks then stop")["duration"]
        == "for 2 weeks then stop"
    )


def test_lower_case_on_is_not_a_frequency(make_nlp, run) -> None:
    assert "frequency" not in _dosage(make_nlp, run, "ramipril on admission")


def test_dose_does_not_cross_a_line(make_nlp, run) -> None:
    assert "dose" not in _dosage(make_nlp, run, "Ramipril\n5 mg")
