"""The figures ``letter-audit eval`` can gate on, and the minimums a run is held to.

``Thresholds`` come from ``models/eval_thresholds.yaml`` or ``--min``; ``failures`` says which of them a set
of figures misses. Kept apart from ``evaluate`` (which compares reports with gold) because the gate is about
reading and checking a small settings file, not about matching findings.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError

METRIC_KEYS = (
    "med_precision",
    "med_recall",
    "med_f1",
    "action_precision",
    "action_recall",
    "action_f1",
    "action_category_acc",
    "inappropriate_acc",
    "inappropriate_acc_matched",
    "fit_note_acc",
    "follow_up_acc",
    "contact_acc",
    "letter_type_acc",
    "specialty_acc",
    "dates_acc",
    "date_letter_acc",
    "date_clinic_acc",
    "date_admission_acc",
    "date_discharge_acc",
    "spearman",
)
"""Every figure eval reports; thresholds may name any of them."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- thresholds ------------------------------------------------------------------------------------
class Thresholds(_Model):
    """Minimum figures, from ``models/eval_thresholds.yaml`` or ``--min``."""

    minimums: dict[str, float]

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read thresholds file: {exc.strerror}", path=str(path)) from exc
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" at line {line + 1}" if line is not None else ""
            raise InputError(f"thresholds file is not valid YAML{where}", path=str(path)) from exc
        if not isinstance(raw, dict):
            raise InputError("thresholds file must be a mapping of metric: minimum", path=str(path))
        try:
            return cls.checked(raw)
        except ValueError as exc:
            raise InputError(str(exc), path=str(path)) from exc

    @classmethod
    def checked(cls, raw: dict[str, object]) -> Thresholds:
        """Validate metric names and values (0 to 1, spearman -1 to 1)."""
        out: dict[str, float] = {}
        for key, value in raw.items():
            if key not in METRIC_KEYS:
                raise ValueError(f"unknown metric '{key}' (known: {', '.join(METRIC_KEYS)})")
            try:
                out[key] = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError) as exc:
                raise ValueError(f"minimum for '{key}' must be a number, got {value!r}") from exc
            low = -1.0 if key == "spearman" else 0.0
            if not low <= out[key] <= 1.0:
                raise ValueError(f"minimum for '{key}' must be between {low:g} and 1, got {value!r}")
        try:
            return cls(minimums=out)
        except ValidationError as exc:  # pragma: no cover - the checks above cover the shape
            raise ValueError(str(exc)) from exc


def failures(metrics: dict[str, float | None], thresholds: Thresholds) -> list[str]:
    """Which thresholds the figures miss; an undefined figure misses its threshold."""
    out = []
    for key, minimum in thresholds.minimums.items():
        got = metrics.get(key)
        if got is None or got < minimum:
            shown = "n/a" if got is None else f"{got:.3f}"
            out.append(f"{key} {shown} < {minimum:g}")
    return out
