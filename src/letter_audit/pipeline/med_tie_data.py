"""The rule data of ``la_med_changes``: change triggers and tie settings, read, compiled and saved.

Why a module of its own: reading the data is one job, apart from using it. The triggers
(``models/rules/medication_changes.jsonl``) and the settings (``models/rules/medication.yaml``) are
validated here and compiled once into the patterns every reader shares (the trigger scan, the record and
list headings, the list joiners, the reason and status fields); ``med_ties.py`` ties triggers to drugs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, Self

import srsly
from pydantic import BaseModel, ConfigDict, Field

from .context import RuleStarts, first_pairs, pair_index, whole_words
from .med_trigger_scan import TriggerScan
from .ruledata import read_jsonl, read_yaml

TRIGGERS_FILE = "rules/medication_changes.jsonl"
SETTINGS_FILE = "rules/medication.yaml"
Action = Literal["start", "stop", "increase", "decrease", "withhold", "switch", "change"]


class TriggerRule(BaseModel):
    """One change trigger (models/rules/medication_changes.jsonl)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    action: Action
    direction: Literal["forward", "backward", "both"] = "both"
    style: Literal["prose", "tight"] = "prose"


class RecordStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str
    action: Action | None = None


class RecordFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str
    reason: str


class Settings(BaseModel):
    """How triggers tie to drugs (models/rules/medication.yaml)."""

    model_config = ConfigDict(extra="forbid")

    forward_gap_words: list[str]
    backward_gap_words: list[str]
    list_joiners: list[str]
    record_starts: list[RecordStart]
    record_fields: RecordFields
    reason_cues: str
    restart_cues: str
    skip_sections: list[str] = Field(default_factory=list)
    request_sections: list[str] = Field(default_factory=list)
    """Sections of requests to the GP, where a bare verb ("add doxazosin if ...") asks, not reports."""
    supply_headers: str = "(?!)"
    """List headings under which every medicine is newly supplied ("Anticipatory medicines")."""
    treatment_today_headers: str = "(?!)"
    """Headings of a list of what was prescribed at this visit ("Treatment today"): each drug line is a start,
    unless it was a dose given there and then (``given_here``)."""
    given_here: str = "(?!)"
    patient_salutation: str = "(?!)"
    """The greeting of a letter written to the patient ("Dear Mrs Baptiste,"): there "please stop the
    amitriptyline" is the team's instruction to the patient, a change made, not a request to the GP."""
    gp_part_heading: str = "(?!)"
    """A heading line that addresses the GP inside a letter to the patient ("For Dr Wojcik"): a "please"
    after it asks the practice."""
    patient_please_passes_on: str = "(?!)"
    """What follows "please" when the patient is asked to pass the matter on ("please ask your GP to")."""
    product_parts: dict[str, list[str]] = Field(default_factory=dict)
    """Substances inside a co-drug whose BNF name does not show them (co-careldopa: levodopa, ...)."""


class TieData(TriggerScan):
    """Mixin for MedChangeFinder: the rule data, compiled once into the patterns the readers share."""

    triggers: list[TriggerRule]
    settings: Settings | None
    rx_record: list[tuple[re.Pattern[str], str | None]]

    # -- data ------------------------------------------------------------------------------------
    def load_data(self, models_dir: Path) -> None:
        """Read and validate the trigger rules and tie settings."""
        self.triggers = read_jsonl(models_dir / TRIGGERS_FILE, TriggerRule)
        self.settings = read_yaml(models_dir / SETTINGS_FILE, Settings)
        self._compile()

    def _compile(self) -> None:
        s = self.settings
        if s is None:
            return
        self.trigger_firsts = first_pairs("|".join(f"(?:{r.pattern})" for r in self.triggers))
        self.trigger_index = pair_index([r.pattern for r in self.triggers])
        self.rx_any = whole_words("|".join(f"(?:{r.pattern})" for r in self.triggers) or "(?!)")
        self.rx_triggers = [
            (r, re.compile(rf"(?<![\w-])(?:{r.pattern})(?![\w-])", re.IGNORECASE)) for r in self.triggers
        ]
        rxs = [rx for _, rx in self.rx_triggers]
        self.trigger_starts = RuleStarts(rxs, self.trigger_index) if self.trigger_index is not None else None
        self.rx_patient_salutation = re.compile(s.patient_salutation, re.MULTILINE)
        self.rx_gp_part = re.compile(s.gp_part_heading, re.MULTILINE | re.IGNORECASE)
        self.rx_passes_on = re.compile(rf"\s+(?:{s.patient_please_passes_on})", re.IGNORECASE)
        self.fwd_words = {w.lower() for w in s.forward_gap_words}
        self.back_words = {w.lower() for w in s.backward_gap_words}
        joiners = "|".join(re.escape(j) for j in sorted(s.list_joiners, key=len, reverse=True))
        # "ramipril (AKI), naproxen (GI bleed)": a short bracketed note may sit between listed drugs
        self.rx_joiner = re.compile(
            rf"^[\s,]*(?:\([^()\n]{{0,40}}\)[\s,]*)?(?:(?:{joiners})[\s,]*)*$", re.IGNORECASE
        )
        self.rx_record = [
            (re.compile(rf"^[\s•*\-]*(?:{r.pattern})\b[\s:|]*", re.IGNORECASE | re.MULTILINE), r.action)
            for r in s.record_starts
        ]
        # a field starts a line or cell, or follows a full stop ("Medication: X 5 mg. Description of ...: Y")
        field = r"(?:^|\||(?<=\.)[ \t]+)[\s•*\-]*(?:{})(?!\w)[\s:|]*([^|\n]*)"
        self.rx_status = re.compile(field.format(s.record_fields.status), re.IGNORECASE | re.MULTILINE)
        self.rx_reason_field = re.compile(field.format(s.record_fields.reason), re.IGNORECASE | re.MULTILINE)
        self.rx_reason = re.compile(rf"(?<![\w-])(?:{s.reason_cues})(?:(?<=\s)|(?![\w-]))\s*", re.IGNORECASE)
        self.rx_supply = re.compile(rf"^[\W\d]*(?:{s.supply_headers})\b", re.IGNORECASE)
        self.rx_today = re.compile(rf"^[\W\d]*(?:{s.treatment_today_headers})\W*$", re.IGNORECASE)
        self.rx_given_here = re.compile(rf"(?<![\w-])(?:{s.given_here})(?![\w-])", re.IGNORECASE)
        self.rx_restart = re.compile(rf"(?<![\w-])(?:{s.restart_cues})(?![\w-])", re.IGNORECASE)
        self.rx_restart_clause = re.compile(
            r"^\W*(?:please |can be |to be |and |then )?(?:re-?start|resume|re-?introduce)", re.IGNORECASE
        )
        trig = "|".join(f"(?:{r.pattern})" for r in self.triggers)
        self.rx_list_header = re.compile(
            rf"^[\W\d]*(?:(?:[a-z][\w-]*'s|your|his|her|their|my)\s+)?"
            rf"(?:(?:medications?|medicines?|drugs?|meds|items?)\s+)?(?:{trig})"
            r"(?:\s+(?:medications?|medicines?|drugs?|meds|items?|on discharge|this admission|today|made"
            r"|(?:at |during |from )?this (?:visit|appointment|consultation|clinic|review|stay|episode)))*"
            # "Medicines stopped (symptomatic focus, swallow unsafe)": a bracketed note on the heading
            r"(?:\s*\([^()\n]{1,80}\))?"
            r"\s*:?\s*$",
            re.IGNORECASE,
        )

    # -- serialisation ---------------------------------------------------------------------------
    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "triggers.jsonl", [r.model_dump() for r in self.triggers])
        srsly.write_json(path / "settings.json", self.settings.model_dump() if self.settings else None)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> Self:
        path = Path(path)
        self.triggers = [TriggerRule.model_validate(r) for r in srsly.read_jsonl(path / "triggers.jsonl")]
        data = srsly.read_json(path / "settings.json")
        self.settings = Settings.model_validate(data) if data else None
        self._compile()
        return self
