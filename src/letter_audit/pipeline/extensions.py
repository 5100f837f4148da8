"""Every custom attribute letter-audit sets on spaCy objects, registered once, here.

Components add their attributes in their own region below; nothing else calls ``set_extension``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span


def _ext(cls: Any, name: str, **kwargs: Any) -> None:
    if not cls.has_extension(name):
        cls.set_extension(name, **kwargs)


# -- ingest --------------------------------------------------------------------------------------
_ext(Doc, "letter", default=None)  # the Letter the Doc was made from (blocks, pages), or None

# -- sections ------------------------------------------------------------------------------------
# doc.spans["sections"]: one span per section, from its heading to the next heading; label_ is the
# section id from models/rules/sections.jsonl (e.g. "medications_discharge", "gp_actions").
_ext(Span, "heading", default=None)  # the heading text of a section span
_ext(Span, "section_rule", default=None)  # id of the heading rule that opened a section span
_ext(Span, "body_start", default=None)  # char offset where a section's content starts (after heading)

# -- medication ----------------------------------------------------------------------------------
# doc.spans["drugs"]: drug mentions; doc.spans["med_changes"]: the clause or record each change rests on.
_ext(Span, "drug", default=None)  # {"generic", "kind", "bnf", "written"} on a drug mention
_ext(Span, "dosage", default=None)  # {"dose", "frequency", "route", "duration", "end", ...} after a drug
_ext(Doc, "med_changes", default=None)  # [dict]: medication changes found (pipeline/med_changes.py)
_ext(Doc, "clauses", default=None)  # [(start, end)] char ranges of clauses (pipeline/context.py)
_ext(Doc, "context", default=None)  # [context.Modifier]: ConText cues and their scopes

# -- requests and status -------------------------------------------------------------------------
# doc.spans["gp_actions"]: one span per request placed on the practice (la_requests).
_ext(Span, "request_rule", default=None)  # id of the cue that made the span a request
_ext(Span, "request_category", default=None)  # monitoring, referral, prescribing, review, fit_note, ...
_ext(Span, "timeframe", default=None)  # when, as written ("in 1 week"), or None
_ext(Span, "condition", default=None)  # the condition of a conditional request, as written, or None
_ext(Doc, "no_gp_action", default=None)  # (start, end, rule) where the letter says no GP action is needed
# la_status: letter-level verdicts as plain dicts (status/owner/detail, start, end, rule, ...) or None.
_ext(Doc, "fit_note", default=None)
_ext(Doc, "follow_up", default=None)
_ext(Doc, "contact_point", default=None)
_ext(Doc, "meta", default=None)  # la_meta: letter type, dates, specialty, consultant, team, DNA
_ext(Doc, "sentence_spans", default=None)  # [(start, end)] sentences and list items (pipeline/sentences.py)
