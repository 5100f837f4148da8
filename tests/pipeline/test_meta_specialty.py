"""la_meta's specialty: the families of cues (pipeline/specialty.py), each on a small invented text.

The texts are written for these tests, not copied from fixture letters: each checks one family (a name on
the letterhead, the most specific name in a phrase, another service's mention, a GP's practice address, a
setting decided by the content, the content when nothing is stated).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter
from letter_audit.pipeline.specialty import SpecialtyRules

Run = Callable[[Language, str | Letter], Doc]


@pytest.fixture(scope="module")
def specialty(meta_nlp: Language, run: Run) -> Callable[[str], dict[str, object] | None]:
    def found(text: str) -> dict[str, object] | None:
        return run(meta_nlp, text)._.meta["specialty"]  # type: ignore[no-any-return]

    return found


def _value(found: dict[str, object] | None) -> object:
    return found["value"] if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name standing alone on a letterhead line, with no "department" or "clinic" after it.
        ("NORTHGATE INFIRMARY - NEPHROLOGY\nInpatient summary for Mrs P Quill\n", "renal"),
        ("Lakeside Hospital | Ward 4 (Urology) | 01632 000 111\nSummary of stay\n", "urology"),
        ("Trauma & Orthopaedics - Foot and Ankle\nClinic 03/02/2026\n", "orthopaedics"),
        ("Liver Unit, Harbour View Hospital\nDear Dr Amos\n", "gastroenterology"),
        ("Older Adult Inpatient Unit - Hazel Ward\nNotification of discharge\n", "mental health"),
        ("Haemoglobinopathy Service\nDischarge summary\n", "haematology"),
        ("Resp Medicine - Hillcrest General\nd/c summary\n", "respiratory"),
    ],
)
def test_a_name_on_the_letterhead_names_the_service(specialty, text, expected):
    found = specialty(text)
    assert (_value(found), found and found["rule"]) == (expected, "spec-head")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr T Ngata, Consultant Ophthalmic Surgeon\n", "ophthalmology"),
        ("Miss R Dale, Consultant Hand Surgeon\n", "orthopaedics"),
        ("ENT Day Surgery Unit, Hillcrest General\n", "ent"),
        ("Uro-oncology Clinic\n", "urology"),
        ("Broadmere Trust (Older People's Mental Health)\n", "mental health"),
        ("Older People's Medicine Outpatients\n", "geriatrics"),
        ("Ward 12 (Gastroenterology / General Medicine)\n", "medicine"),
        ("Children's Respiratory Clinic\n", "paediatrics"),
        ("Dr L Fenn, Consultant in Sleep Medicine\n", "respiratory"),
    ],
)
def test_the_most_specific_name_in_a_phrase_wins(specialty, text, expected):
    assert _value(specialty(text)) == expected


def test_a_service_the_patient_is_sent_to_does_not_vote(specialty):
    text = (
        "Minor Injuries Unit - Eastbrook\n"
        "Wrist injury, scaphoid tender. Plan: refer to the fracture clinic for review in 10 days.\n"
        "Her ramipril was stopped by the cardiology team last year.\n"
    )
    assert _value(specialty(text)) == "emergency medicine"


def test_mentions_of_other_teams_alone_name_nothing(specialty):
    text = (
        "Note for the GP\nPlease refer him to the gastroenterology clinic.\n"
        "A letter will follow from the renal team.\n"
    )
    assert specialty(text) is None


def test_the_gp_practice_on_an_address_line_is_no_surgical_service(specialty):
    text = "Rheumatology Outpatients\nGP: Dr K Obi, Brookside Surgery\nDear Dr Obi\n"
    assert _value(specialty(text)) == "rheumatology"
    assert specialty("To: Dr K Obi, Brookside Surgery, Mill Lane\nRe: Mrs Y Ash\n") is None


def test_a_diagnosis_told_in_a_letterhead_sentence_is_not_the_service(specialty):
    text = "Pain Management Service\nLong-standing back pain; a surgical opinion was given in 2024.\n"
    assert _value(specialty(text)) == "medicine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day unit serves many specialties: the operation decides.
        (
            "Day Surgery Unit, Hillcrest General\nProcedure: left cataract phacoemulsification\n",
            "ophthalmology",
        ),
        ("Day Surgery Unit, Hillcrest General\nOperation: arthroscopy of the right knee\n", "orthopaedics"),
        ("Day Surgery Unit, Hillcrest General\nInguinal hernia repaired with mesh.\n", "surgery"),
        ("Children's Day Surgery Unit\nBilateral grommets inserted under GA.\n", "ent"),
        # An acute medical unit keeps its letters: a pneumonia there stays medicine.
        (
            "Acute Medical Unit - Hillcrest General\nRight lower lobe pneumonia, treated with amoxicillin.\n",
            "medicine",
        ),
    ],
)
def test_a_setting_lets_the_content_decide(specialty, text, expected):
    assert _value(specialty(text)) == expected


def test_the_stated_service_beats_the_content(specialty):
    text = "Department of Cardiology\nAF clinic review. She had a total knee replacement in 2019.\n"
    assert _value(specialty(text)) == "cardiology"


def test_content_names_the_specialty_only_when_nothing_is_stated(specialty):
    found = specialty("Discharge note\nUneventful adenotonsillectomy; home the next morning.\n")
    assert (_value(found), found and found["rule"]) == ("ent", "spec-content")


def test_a_specialty_read_from_the_content_is_marked_inferred_and_a_named_one_is_not(specialty):
    inferred = specialty("Ward discharge\nLaparoscopic cholecystectomy for gallstones; home day 1.\n")
    assert inferred is not None and inferred["inferred"] is True
    # A setting that names no specialty of its own leaves the operation's specialty inferred too.
    day_unit = specialty(
        "Day Surgery Unit, Hillcrest General\nProcedure: left cataract phacoemulsification\n"
    )
    assert (_value(day_unit), day_unit and day_unit["inferred"]) == ("ophthalmology", True)
    named = specialty(
        "Department of Cardiology\nAF clinic review. She had a total knee replacement in 2019.\n"
    )
    assert (_value(named), named and named["inferred"]) == ("cardiology", False)


def test_a_negated_content_word_does_not_vote(specialty):
    assert specialty("Discharge note\nGlucose 14 but no DKA. Home.\n") is None


def test_rules_that_name_an_unknown_specialty_are_refused():
    base = {"contexts": [], "names": {"ent": ["otolaryngology"]}}
    with pytest.raises(ValidationError, match="rank: 'podiatry' is not a specialty"):
        SpecialtyRules.model_validate({**base, "rank": {"podiatry": 3}})
    with pytest.raises(ValidationError, match="content: 'audiology' is not a specialty"):
        SpecialtyRules.model_validate({**base, "content": {"audiology": {"hearing aid": 2}}})
    assert SpecialtyRules.model_validate({**base, "rank": {"otolaryngology": 3}}).rank == {
        "otolaryngology": 3
    }


def test_the_factored_name_pattern_finds_what_plain_longest_first_branches_find():
    import re

    from letter_audit.pipeline.specialty import _WORD_EDGE, _trie

    words = ["eye", "eye clinic", "eye unit", "ent", "endocrine", "endocrine surgery", "a&e", "uro-oncology"]
    plain = re.compile(
        _WORD_EDGE.format("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    )
    factored = re.compile(_WORD_EDGE.format(_trie(words)))
    text = "eye clinic; eye units; the ent and endocrine surgery team; a&e; uro-oncology; entry; eyes"
    found = [m.group(0) for m in factored.finditer(text)]
    assert found == [m.group(0) for m in plain.finditer(text)]
    assert found == ["eye clinic", "eye", "ent", "endocrine surgery", "a&e", "uro-oncology"]


def test_a_team_heading_the_letter_is_the_writer_but_one_in_the_body_is_another(specialty):
    head = (
        "Psychiatric Liaison Team\nFernlea Hospital Emergency Department\nSeen in the department overnight.\n"
    )
    assert _value(specialty(head)) == "mental health"
    body = (
        "Fernlea Hospital Emergency Department\nSeen overnight.\nThe psychiatric liaison team also saw her.\n"
    )
    assert _value(specialty(body)) == "emergency medicine"


def test_a_pre_assessment_clinic_is_a_setting_and_a_request_in_the_letterhead_is_not_a_service(specialty):
    text = (
        "Surgical Pre-assessment Unit, Fernlea Hospital\n"
        "Please could you optimise his diabetes before surgery.\n"
        "Listed for a right total knee replacement.\n"
    )
    assert _value(specialty(text)) == "orthopaedics"


def test_the_words_before_a_clinic_start_at_a_word_and_stay_in_their_cell(specialty):
    """The reach back from "Clinic" cut "Document" to "ent" (ENT); the words before it are the cell's own."""
    text = "Patient Demographics\nDocument Owner | Haematology Anticoagulation Clinic\nDear Dr Reyes\n"
    assert _value(specialty(text)) == "haematology"
    text = "Letter Owner | Respiratory Outpatients\nDear Dr Reyes\n"
    assert _value(specialty(text)) == "respiratory"
    # A name that does sit right before the keyword still names it.
    assert _value(specialty("Riverside Hospital\nENT Clinic, Level 2\nDear Dr Reyes\n")) == "ent"
