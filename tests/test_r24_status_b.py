"""Round 24 (post-measurement pass): follow-up owner and fit note families from the blind writers' even-half
probes, each written here in other words, with look-alikes that must keep their owner or status. Every wording
is this file's own.

Follow-up: an owner table with a number column first, a worker named by role then name (the team after a
comma), a worker who will ring the patient by title and name, a dated group session that results are wanted
before, a letter that will be written again once a report is in, a form's choice typed after the options with
only spaces between. Fit note: "no further fit note needed", "not currently working" in a social line.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from test_r24_status import fit, nlp, owner  # the same letter frame and pipeline

__all__ = ["nlp"]  # the module-scoped pipeline fixture, shared


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an Action / Owner / When table with a number column first
        (
            "Plan\n| No | Action | Owner | When |\n"
            "| 1 | Bloods and BP at a home visit | Community HF nurse | 2 weeks |\n"
            "| 2 | Add bisoprolol to repeat | GP practice | 1 week |\n",
            "hospital",
        ),
        ("Plan\n| 1 | Review of BP | GP practice | 2 weeks |\n| 2 | Diet sheet | Patient | now |\n", "gp"),
        # a worker named by role then name, the team after a comma
        (
            "Plan:\n- Key worker Sam Doyle, Early Intervention Team, will visit him within 5 days.\n",
            "hospital",
        ),
        ("Specialist nurse Priya Kaur will phone her in 2 weeks.\n", "hospital"),
        ("The practice nurse Ann Lee will see her for the dressing.\n", "unclear"),
        # a worker who will ring the patient by title and name
        (
            "Please check his ferritin in 8 weeks and email it to the anaemia nurse. She will ring Mr Okafor "
            "to discuss a further infusion.\n",
            "hospital",
        ),
        ("Please could you ring Mr Okafor with the result.\n", "unclear"),
        ("The practice nurse will call Mr Okafor to book his smear test.\n", "unclear"),
        # a dated group session that results are wanted before
        (
            "Please could the practice check her lipids and send us the result before her next session on "
            "14/09/2025.\n",
            "hospital",
        ),
        # a letter to be written again once a report is in, no appointment booked
        (
            "I have not arranged a further appointment; I will write again when I have the Holter report.\n",
            "unclear",
        ),
        ("I have not arranged a further appointment.\n", "none"),
        # the team's own steps listed under "... team will:", a visit among them; a practice team's list is
        # not
        (
            "The respiratory nurse team will:\n- repeat his spirometry on 02/09\n"
            "- see him again in 6 weeks\n\n"
            "Nothing is needed from you.\n",
            "hospital",
        ),
        ("The practice team will:\n- visit fortnightly\n", "unclear"),
        # a form's choice typed after the options with only spaces between
        ("Wound: glue.\nFollow-up:  GP / Clinic / None    None\nGP actions: nil\n", "none"),
        ("Follow-up:  GP / Clinic / None    Clinic - 6 weeks\n", "hospital"),
    ],
)
def test_follow_up_owner(nlp: Language, body: str, expected: str) -> None:
    assert owner(nlp, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Back at his desk job after 2 weeks. No further sick note needed.\n", "not_needed"),
        ("No more fit notes are required.\n", "not_needed"),
        ("Social history: married, two children; not currently working.\n", "not_needed"),
        ("Social history: married, two children; works as a driver.\n", "not_mentioned"),
    ],
)
def test_fit_note(nlp: Language, body: str, expected: str) -> None:
    assert fit(nlp, body) == expected
