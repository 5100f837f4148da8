"""Doc -> findings: the only place where spaCy objects become pydantic models.

One module per family of findings; each exposes functions taking ``(doc, letter)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Findings
from . import actions, medication, meta, status

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..letter import Letter


def extract(doc: Doc, letter: Letter) -> Findings:
    """Every finding in an annotated letter."""
    letter_type = meta.letter_type(doc, letter)
    dates = meta.dates(doc, letter)
    gp_actions, no_action = actions.gp_actions(doc, letter, dates)
    return Findings(
        letter_type=letter_type,
        dates=dates,
        specialty=meta.specialty(doc, letter),
        specialty_inferred=meta.specialty_inferred(doc, letter),
        consultant=meta.consultant(doc, letter),
        team=meta.team(doc, letter),
        did_not_attend=meta.did_not_attend(doc, letter),
        medication_changes=medication.changes(doc, letter),
        gp_actions=gp_actions,
        no_gp_action_stated=no_action,
        fit_note=status.fit_note(doc, letter),
        follow_up=status.follow_up(doc, letter),
        contact_point=status.contact_point(doc, letter),
        sections=sorted({span.label_ for span in doc.spans.get("sections", [])}),
    )
