"""la_meta, round 11: letter types, date labels and specialty names five more new writers use. Texts are
invented for these tests and worded unlike the letters that taught them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

D = dt.date
Run = Callable[[Language, str | Letter], Doc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an emergency service named on a contact line is a route, not the kind of letter
        (
            "Glaucoma Clinic, Westfield Eye Unit\nEye casualty: 01632 444 555\nSeen | 03/02/2027\n",
            "clinic_letter",
        ),
        ("Fracture Clinic\nA&E / advice line: 01632 222 333\nSeen: 11/01/2027\n", "clinic_letter"),
        # a day unit's nurse-led clinic
        ("Haematology Day Unit - Nurse-led Venesection Clinic\nSeen: 02/02/2027\n", "clinic_letter"),
        # a community team's discharge after its last meeting with the patient is no inpatient discharge
        (
            "Discharge from the Community Memory Service\nAt our last meeting on 4 March we agreed ...\n",
            "clinic_letter",
        ),
        ("Community Mental Health Team\nLast seen: 10/01/2027, Dr Rao\n", "clinic_letter"),
        # telephone contacts with their dates
        ("Diabetes Nursing Team\nContact: telephone review 12/02/2027\n", "clinic_letter"),
        ("Lymphoma CNS Service\nTelephone assessment record\nDate of call: 09/02/2027\n", "clinic_letter"),
        # an ED title outweighs a "Date seen" field
        ("A&E DISCHARGE LETTER - Northfield\nDate seen 01/03/2027\n", "discharge_summary"),
        # a results letter from a unit that does procedures; a referral triage outcome
        ("BRONCHOSCOPY UNIT - RESULTS LETTER\nProcedure: bronchoscopy 02/02/2027\n", "other"),
        ("Dermatology Referral Triage\nOutcome: Rejected - returned to referrer\n", "other"),
    ],
)
def test_letter_type_round11(letter_type: Callable[[str], str], text: str, expected: str) -> None:
    assert letter_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clinic date with no year, straight after "on", takes the letter's year
        (
            "Letter date: 20/03/2027\nThank you for seeing us in clinic on 12 March. All is well.\n",
            {"letter": D(2027, 3, 20), "clinic": D(2027, 3, 12)},
        ),
        # a visit told with its place between
        (
            "Typed 09/02/2027\nHome visit at Oak Lodge Nursing Home on 05/02/2027 with the care staff.\n",
            {"letter": D(2027, 2, 9), "clinic": D(2027, 2, 5)},
        ),
        (
            "Typed 20/02/2027\nAt her clinic attendance on 15/02/2027 we discussed the options.\n",
            {"letter": D(2027, 2, 20), "clinic": D(2027, 2, 15)},
        ),
        # missed appointments, the last of a list standing
        (
            "Typed 22/02/2027\nJoe was not brought to his appointments with the speech team on "
            "01/02/2027 and 15/02/2027.\n",
            {"letter": D(2027, 2, 22), "clinic": D(2027, 2, 15)},
        ),
        # dictated and typed shorthand; "today" is the dictation day
        (
            "D: 03.02.27 T: 10.02.27\nI saw Mr Bell in clinic today.\n",
            {"letter": D(2027, 2, 10), "clinic": D(2027, 2, 3)},
        ),
        # a same-day unit visit and a departure time
        (
            "ED DISCHARGE\nArrival date/time: 01/04/2027 23:10 | Departure date/time: 02/04/2027 02:30\n",
            {"admission": D(2027, 4, 1), "discharge": D(2027, 4, 2)},
        ),
        # a period of home treatment
        (
            "Home Treatment Team discharge summary\nPeriod of home treatment: 03/01/2027 to 17/01/2027\n",
            {"admission": D(2027, 1, 3), "discharge": D(2027, 1, 17)},
        ),
    ],
)
def test_dates_round11(meta_dates: Callable[[str], dict[str, dt.date]], text: str, expected: dict) -> None:
    got = meta_dates(text)
    for field, want in expected.items():
        assert got.get(field) == want, field


def test_a_bare_signed_stamp_and_typed_by_give_the_letter_date(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    assert meta_dates("DISCHARGE NOTIFICATION\nAdmitted 01/05/2027\nSigned: 04/05/2027 (Dr A, FY1)\n")[
        "letter"
    ] == D(2027, 5, 4)
    assert meta_dates("Dictated, not checked - typed by KL 14/05/2027\nClinic 06/05/2027\n")["letter"] == D(
        2027, 5, 14
    )


@pytest.fixture(scope="module")
def specialty(meta_nlp: Language, run: Run) -> Callable[[str], object]:
    def found(text: str) -> object:
        got = run(meta_nlp, text)._.meta["specialty"]
        return got["value"] if got else None

    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dermatological Surgery Unit | St Anne's\nMr B Lowe\n", "dermatology"),
        ("Dear Dr Fox\nYours sincerely\nMs K Ode, Consultant Oncoplastic Breast Surgeon\n", "surgery"),
    ],
)
def test_specialty_round11(specialty: Callable[[str], object], text: str, expected: str) -> None:
    assert specialty(text) == expected
