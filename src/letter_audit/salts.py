"""The salt words a drug name can end with, read from ``models/lexicons/salts.yaml``.

One list serves the lexicon builder (which drops salts from the names it writes) and the evaluation
(which ignores a trailing salt when matching a found drug to the gold one), so the two cannot drift
apart when a salt is added.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from .errors import ModelError
from .paths import models_dir


class SaltWords(BaseModel):
    """The two lists of ``salts.yaml``: lower-case single words, none in both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stripped: frozenset[str]
    """Salts the lexicon drops from a name ("metformin hydrochloride" -> "metformin")."""
    kept_in_names: frozenset[str]
    """Esters and anions the lexicon keeps ("clobetasol propionate") but evaluation ignores."""

    @field_validator("stripped", "kept_in_names")
    @classmethod
    def _single_lower_words(cls, words: frozenset[str]) -> frozenset[str]:
        bad = sorted(w for w in words if not w or w != w.strip().lower() or " " in w)
        if bad:
            raise ValueError(f"salt words must be single lower-case words: {', '.join(bad)}")
        return words

    @property
    def ignored_in_matching(self) -> frozenset[str]:
        """Every word evaluation drops from the end of a drug name before comparing."""
        return self.stripped | self.kept_in_names


def salts_path() -> Path:
    return models_dir() / "lexicons" / "salts.yaml"


@cache
def load_salt_words(path: Path | None = None) -> SaltWords:
    """The shipped salt lists (or those in ``path``); a broken file is an LA300 naming its line."""
    from .standard import load_yaml_model

    where = path or salts_path()
    words = load_yaml_model(where, SaltWords, missing=ModelError, syntax=ModelError, invalid=ModelError)
    both = sorted(words.stripped & words.kept_in_names)
    if both:
        raise ModelError(f"in both stripped and kept_in_names: {', '.join(both)}", path=str(where))
    return words
