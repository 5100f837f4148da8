"""Letter frames shared by the request tests: a plan under a discharge summary's GP heading, or a passage in a
clinic letter's running text, audited with a given pipeline."""

from __future__ import annotations

from spacy.language import Language

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.report import Report

SIGN_OFF = "\n\nYours sincerely,\nDr A Jones\n"


def gp_list_report(nlp: Language, plan: str) -> Report:
    """The report on a discharge letter whose "Actions for GP:" list holds ``plan``."""
    text = "Dear Dr Hale,\n\nDischarge summary.\n\nActions for GP:\n" + plan + SIGN_OFF
    return audit(Letter.from_text(text), nlp=nlp)


CLINIC_OPENING = "Dear Dr Hale,\n\nShe was seen in clinic today.\n\n"
CLINIC_SIGN_OFF = "\n\nYours sincerely,\nDr A Jones\ncc: Dr Hale, Elm Tree Surgery\n"


def plan_report(nlp: Language, plan: str, gp_list: bool) -> Report:
    """The report on ``plan`` under a discharge letter's "Actions for GP:" heading (``gp_list``), or as
    running text in a clinic letter copied to the practice."""
    if gp_list:
        return gp_list_report(nlp, plan)
    return audit(Letter.from_text(CLINIC_OPENING + plan + CLINIC_SIGN_OFF), nlp=nlp)


def gp_list_items(nlp: Language, plan: str) -> list[tuple[str, str]]:
    """The GP actions found in a discharge letter whose GP list holds ``plan``, as (text, category)."""
    return [(a.text, a.category) for a in gp_list_report(nlp, plan).gp_actions]
