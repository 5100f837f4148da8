"""The complete-care standard: criteria as data (models/standards/complete_care.yaml)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .paths import models_dir


class Standard(BaseModel):
    """SKELETON: the scorecard work (issue 5) defines criteria, weights and settings."""

    model_config = ConfigDict(extra="allow")

    id: str = "complete_care"
    version: str = "0"


def default_standard_path() -> Path:
    return models_dir() / "standards" / "complete_care.yaml"


def load_standard(path: str | Path | None = None) -> Standard:
    return Standard()  # SKELETON
