"""Round 9 families, seen on letters by four unseen writers (ED/A&G, dictated clinics, surgical, EPR).

Each test words the family differently from the dev letter it was seen in.
"""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return sorted((c["drug"], c["action"]) for c in doc._.med_changes)


# -- an EPR list printing each item's status as a bracketed tag before the drug -------------------------
def test_bracketed_status_tags_before_the_drug(make_nlp, run) -> None:
    text = (
        "Discharge medication\n"
        "(New) Apixaban 5 mg twice daily - AF\n"
        "[Discontinued] Aspirin 75 mg od - now anticoagulated\n"
        "[Held] Ramipril 2.5 mg - restart when creatinine back to baseline\n"
        "[Unchanged] Amlodipine 10 mg od\n"
    )
    assert _changes(make_nlp, run, text) == [
        ("apixaban", "start"),
        ("aspirin", "stop"),
        ("ramipril", "withhold"),
    ]


# -- a list heading with a bracketed aside before its colon ---------------------------------------------
def test_list_heading_with_a_bracketed_aside_starts_each_item(make_nlp, run) -> None:
    text = (
        "New medicines from this stay (none taken before, please add to repeats):\n"
        "Edoxaban 60 mg once daily\n"
        "Digoxin 125 micrograms once daily\n"
        "\n"
        "Follow-up in clinic.\n"
    )
    assert _changes(make_nlp, run, text) == [("digoxin", "start"), ("edoxaban", "start")]


# -- bullets that OCR reads as other glyphs ----------------------------------------------------------------
def test_ocr_bullet_glyph_before_a_course_line(make_nlp, run) -> None:
    text = (
        "Ear drops to use:\n"
        "© Otomize spray one puff three times daily for 7 days, then stop\n"
        "« Ofloxacin 0.3% ear drops twice daily for 10 days, then stop\n"
    )
    found = _changes(make_nlp, run, text)
    assert ("ofloxacin", "start") in found


# -- given to take home / TTO labels with a word before them -------------------------------------------------
def test_given_to_take_home_is_a_start(make_nlp, run) -> None:
    text = "Medication: amoxicillin 500 mg three times a day for 5 days, supplied for her to take home.\n"
    assert _changes(make_nlp, run, text) == [("amoxicillin", "start")]


def test_word_before_tto_label_heads_a_discharge_list(make_nlp, run) -> None:
    text = "Procedure: hernia repair.\nPain relief TTO: dihydrocodeine 30 mg QDS PRN - 5 days.\n"
    assert _changes(make_nlp, run, text) == [("dihydrocodeine", "start")]


# -- brands and class words the BNF list lacks -------------------------------------------------------------
def test_alginate_and_multivitamin_brands_are_named(make_nlp, run) -> None:
    text = "We have started Peptac 10 ml after meals and Forceval one capsule daily.\n"
    assert _changes(make_nlp, run, text) == [
        ("multivitamin", "start"),
        ("sodium alginate with sodium bicarbonate and calcium carbonate", "start"),
    ]
