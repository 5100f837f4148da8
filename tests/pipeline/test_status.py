"""la_status: fit note, follow-up owner and contact point on small inline letters."""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit.letter import Letter, SourceInfo


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests", "la_status")


@pytest.mark.parametrize(
    ("text", "status", "rule"),
    [
        ("A fit note has been issued for 2 weeks.", "issued", "fit-issued"),
        ("Fit note: issued for 4 weeks", "issued", "fit-issued-section"),
        ("Fit note\nNot required, retired.", "not_needed", "fit-not_needed-section"),
        ("He is a lorry driver and will need a fit note for 2 weeks.", "missing", "fit-off-work"),
        ("Off work since January. She will need a further fit note; please could you provide one.",
         "requested_from_gp", "fit-requested-one"),
        ("We have given her a fit note for 6 weeks.", "issued", "fit-issued-we"),
        ("Please could you issue a fit note for her.", "requested_from_gp", "fit-requested-please"),
        ("GP to provide a fit note for 2 weeks.", "requested_from_gp", "fit-requested"),
        ("She is retired.", "not_needed", "fit-not-working"),
        ("Fit note not required.", "not_needed", "fit-not-needed"),
        ("No fit note was issued. He is unable to work for 6 weeks.", "missing", "fit-off-work"),
        ("He should refrain from work for 6 weeks after the operation.", "missing", "fit-off-work"),
    ],
)
def test_fit_note(nlp, run, text, status, rule):
    fit = run(nlp, text)._.fit_note
    assert (fit["status"], fit["rule"]) == (status, rule)
    assert fit["start"] < fit["end"]


def test_fit_note_not_mentioned(nlp, run):
    assert run(nlp, "Her knee is much better.")._.fit_note is None


@pytest.mark.parametrize(
    ("text", "owner", "when"),
    [
        ("We will see him in the cardiology clinic in 3 months.", "hospital", "in 3 months"),
        ("An outpatient appointment will be sent in 6 weeks.", "hospital", "in 6 weeks"),
        ("Follow up: cardiology clinic 3 months", "hospital", None),
        ("No hospital follow-up is required. GP to review BP in 2 weeks.", "gp", "in 2 weeks"),
        ("Follow up: GP in 2 weeks", "gp", "in 2 weeks"),
        ("Please review her in 4 weeks.", "gp", "in 4 weeks"),
        ("I have discharged her from the clinic.", "none", None),
        ("Follow-up: none", "none", None),
        ("No follow-up has been arranged.", "none", None),
    ],
)
def test_follow_up_owner(nlp, run, text, owner, when):
    fu = run(nlp, text)._.follow_up
    assert (fu["owner"], fu["when"]) == (owner, when)


def test_follow_up_with_whom(nlp, run):
    fu = run(nlp, "I will review her in clinic with Dr Patel in 6 weeks.")._.follow_up
    assert (fu["owner"], fu["with_whom"]) == ("hospital", "Dr Patel")


def test_follow_up_unclear(nlp, run):
    assert run(nlp, "Her symptoms have settled.")._.follow_up is None


@pytest.mark.parametrize(
    ("text", "detail", "rule"),
    [
        ("If you have any queries please call the team on 0161 234 5678.", "on 0161 234 5678",
         "contact-phone-labelled"),
        ("Dr A Junior, Bleep 12345", "Bleep 12345", "contact-bleep"),
        ("Email: cardiology.secretaries@nhs.net", "cardiology.secretaries@nhs.net", "contact-email"),
        ("Queries can go to our heart failure advice line.", "advice line", "contact-advice-line"),
    ],
)
def test_contact_point(nlp, run, text, detail, rule):
    cp = run(nlp, text)._.contact_point
    assert (cp["detail"], cp["rule"]) == (detail, rule)


@pytest.mark.parametrize(
    "text",
    ["Riverside Surgery, Tel 01234 567890", "Patient mobile: 07700 900123", "Dr A Khan, Consultant",
     "NHS number: 943 476 5919",
     # A run of digits inside an identifier is no telephone number (an ITK bundle's urn:uuid).
     "Full Url: urn:uuid:093a1c15-3e61-443b-8884-3a033590722b"],
)
def test_numbers_that_are_not_the_team(nlp, run, text):
    assert run(nlp, text)._.contact_point is None


def test_contact_in_page_furniture(nlp, run):
    letter = Letter(
        text="Dear Dr Jones,\nThank you.\n",
        source=SourceInfo(path="x.pdf", sha256="0", format="pdf"),
        furniture=["Cardiology Department, Tel: 0113 243 3144"],
    )
    cp = run(nlp, letter)._.contact_point
    assert (cp["detail"], cp["start"]) == ("Tel: 0113 243 3144", None)
    assert cp["rule"] == "contact-phone-labelled-furniture"


def test_bad_status_rules_name_the_file(tmp_path) -> None:
    from letter_audit.errors import ModelError
    from letter_audit.pipeline.status import StatusComponent

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "status.yaml").write_text("fit_note: {issued: [{id: x, pattern: '(oops'}]}\n")
    with pytest.raises(ModelError, match=r"status\.yaml: fit_note\.issued\.0\.pattern"):
        StatusComponent(None, "la_status").load_data(tmp_path)  # type: ignore[arg-type]


def test_bad_meta_yaml_syntax_names_file_and_line(tmp_path) -> None:
    from letter_audit.errors import ModelError
    from letter_audit.pipeline.meta import MetaComponent

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "meta.yaml").write_text("letter_type:\n  cues: [\n")
    with pytest.raises(ModelError, match=r"meta\.yaml:3: not valid YAML"):
        MetaComponent(None, "la_meta").load_data(tmp_path)  # type: ignore[arg-type]


def test_with_a_before_part_cue_is_checked_backwards(nlp, run):
    fu = run(nlp, "Cardiology follow-up in 3 months.")._.follow_up
    assert (fu["owner"], fu["rule"], fu["start"]) == ("hospital", "fu-specialty-follow-up", 0)
    assert run(nlp, "Daily follow-up of symptoms at home.")._.follow_up is None
