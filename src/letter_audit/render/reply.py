"""A drafted reply from the practice to the trust about inappropriate requests.

The wording lives in models/standards/replies.yaml so practices and LMCs can adjust the tone; this
module only fills it in. Paragraphs are not hard-wrapped, so the text pastes cleanly into email.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import ModelError
from ..paths import models_dir
from ..report import InappropriateRule, Report
from ..standard import load_yaml_model

_KIND = {"discharge_summary": "discharge summary", "clinic_letter": "clinic letter", "other": "letter"}


class RuleWording(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    """Short name of the rule ("onward referral")."""
    summary: str
    """One line for the ``check`` summary's "Push back:" list."""
    rule: str
    """Why the work stays with the hospital."""
    ask: str
    """What the practice asks the trust to do instead."""


class Replies(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    subject: str
    patient_line: str
    greeting: str
    opening: str
    closing: str
    """Closing paragraph when the letter also holds fair requests the practice will carry out."""
    closing_no_other: str
    """Closing paragraph when every request is returned."""
    sign_off: str
    default_practice: str
    none: str
    rules: dict[InappropriateRule, RuleWording]


def default_replies_path() -> Path:
    return models_dir() / "standards" / "replies.yaml"


@lru_cache(maxsize=4)
def load_replies(path: Path | None = None) -> Replies:
    return load_yaml_model(
        path or default_replies_path(), Replies, missing=ModelError, syntax=ModelError, invalid=ModelError
    )


def letter_kind(report: Report) -> str:
    return _KIND[report.letter_type]


def _dated(report: Report) -> str:
    date = report.dates.letter or report.dates.discharge or report.dates.clinic
    return f" dated {date.day} {date:%B %Y}" if date else ""


_WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]


def _count_phrase(count: int) -> str:
    number = _WORDS[count] if count < len(_WORDS) else str(count)
    return (
        f"{number} request asks the practice to do"
        if count == 1
        else f"{number} requests ask the practice to do"
    )


def render_reply(
    report: Report,
    *,
    practice: str | None = None,
    signature: str | None = None,
    wording: Replies | None = None,
) -> str:
    """The reply as plain text, or the "no inappropriate requests" line when there is nothing to say."""
    words = wording or load_replies()
    wrong = [a for a in report.gp_actions if a.inappropriate and a.rule is not None]
    if not wrong:
        return words.none.format(source=report.source.path)
    count = len(wrong)
    fill = {
        "letter_kind": letter_kind(report),
        "dated": _dated(report),
        "source": report.source.path,
        "count": count,
        "count_phrase": _count_phrase(count),
        "them": "it" if count == 1 else "them",
    }
    lines = [
        f"Subject: {words.subject.format(**fill)}",
        "",
        words.patient_line,
        "",
        words.greeting,
        "",
        words.opening.format(**fill),
    ]
    for number, action in enumerate(wrong, start=1):
        rule = words.rules[action.rule]  # type: ignore[index]
        asked = " ".join(action.text.split())
        lines += [
            "",
            f'{number}. You asked: "{asked}"',
            f"   Why this stays with the hospital ({rule.name}): {rule.rule}",
            f"   What we ask instead: {rule.ask}",
        ]
    others = len(report.gp_actions) > count
    lines += ["", words.closing if others else words.closing_no_other, "", words.sign_off]
    if signature:
        lines.append(signature)
    lines.append(practice or words.default_practice)
    return "\n".join(lines)
