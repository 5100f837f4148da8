"""The rule model of ``la_status``: the cue groups and settings read from ``status.yaml``, validated.

Why its own module: the data's shape is a contract with the rule file and the saved pipeline (fields
added in later rounds default to "matches nothing", so older saved pipelines still load); the
deciding code lives in ``status_fit_note``, ``status_follow_up`` and ``status_contact``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .ruledata import Cue, Pattern


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FitNoteCues(_Strict):
    issued: list[Cue]
    requested_from_gp: list[Cue]
    not_needed: list[Cue]
    missing: list[Cue]
    issued_in_section: Pattern
    not_needed_in_section: Pattern
    ask: Pattern = "(?!)"  # round 5: words that make a fit-note mention a request
    not_asked: Pattern = "(?!)"
    weakest: list[str] = []  # cue ids whose hit is evidence only when no other cue of its group matched
    request_words: Pattern = "(?:)"  # round 10: words a fit-note request must hold to count as one
    weakest_needs: Pattern = "(?:)"  # round 7: what must also be in the letter for a weakest cue to count
    extension: Pattern = "(?!)"
    extension_if_needed: Pattern = "(?!)"  # round 6: "GP to extend as necessary" leaves the issued one
    handover: Pattern = "(?!)"  # round 9: a bare "GP please." that hands the sentence before to the practice
    fit_words: Pattern = "(?!)"  # round 9: the words that make a sentence about a fit note
    # round 12: a working-age patient after a major operation with no word of work at all: missing
    major_operation: Pattern = "(?!)"
    work_talk: Pattern = "(?:)"
    operation_episode: Pattern = "(?!)"  # the stay or procedure day the operation belongs to
    birth_year: Pattern = "(?!)"  # the year of birth is group "year"
    working_age: tuple[int, int] = (18, 64)


class Contradiction(_Strict):
    """Cue ids that cannot both be true of one letter: the writer's own plan to see the patient again and
    a discharge from that care. With both (a template outcome left on "discharged"), the owner is unclear."""

    hospital: list[str] = []
    none: list[str] = []


class FollowUpCues(_Strict):
    hospital: list[Cue]
    gp: list[Cue]
    none: list[Cue]
    none_in_section: Pattern
    hospital_in_section: Pattern = "(?!)"  # round-3 fields default to nothing, for older saved pipelines
    treatment_review: Pattern = "(?!)"
    visit_line: Pattern = "(?!)"
    contradiction: Contradiction = Field(default_factory=lambda: Contradiction())
    hospital_not_after: Pattern = "(?!)"  # round-5 fields default to nothing, for older saved pipelines
    yields_to_none: list[str] = []
    hospital_yields_to_none: list[str] = []
    hospital_yields_to_gp: list[str] = []
    hospital_yields_to_gp_with_none: list[str] = []  # round 6
    review_word: Pattern = "(?!)"
    clause_break: Pattern = "(?!)"
    contingency: Pattern = "(?!)"
    contingency_lead: Pattern = "(?!)"
    drug_review_gap: Pattern = "(?!)"
    request_heading: Pattern = "(?!)"
    none_not_after: Pattern = "(?!)"
    review_in_request: Pattern = "(?!)"
    undecided: Pattern = "(?!)"  # round 6: a return the team will decide on from a result
    condition_lead: Pattern = "(?:)"  # round 7: the words a review's condition must follow to govern it
    others_row: Pattern = "(?!)"  # round 8: an owner-table row naming an owner other than the practice
    # round 9 fields default to nothing, for older saved pipelines
    not_plan_after: Pattern = "(?!)"  # text just after a hospital cue that makes it no visit ("call back")
    missed_after: Pattern = "(?!)"  # text after a hospital cue telling it as missed ("which he missed")
    patient_review_when: Pattern = "(?!)"  # a request opening with a timed review of the patient
    # round 10 fields default to nothing, for older saved pipelines
    own_statement: Pattern = "(?!)"  # a "request" that opens with the writer's own act ("I have discharged")
    ask_words: Pattern = "(?:)"  # words that make a request span an ask of the practice
    plan_place: Pattern = "(?!)"  # a hospital place that makes a bare request line the hospital's plan
    # round 11 field defaults to nothing, for older saved pipelines
    practice_task: Pattern = "(?!)"  # a GP request that is a task at the practice (clips out, a dressing)
    # round 12: a hospital visit for a treatment or a test (an iron infusion on the day unit), no follow-up
    treatment_visit: Pattern = "(?!)"
    # round 21: a treatment review asked for when the practice next sees the patient ("when you next see her")
    next_visit_review: Pattern = "(?!)"
    # round 22: an admission at home ("virtual ward"): a discharge from it ends the stay, not follow-up
    admission_at_home: Pattern = "(?!)"
    when: Pattern
    with_whom: Pattern


class ContactCues(_Strict):
    cues: list[Cue]
    not_team: Pattern
    team_words: Pattern


class StatusRules(_Strict):
    fit_note: FitNoteCues
    follow_up: FollowUpCues
    contact: ContactCues

