"""``la_drugs``: find drug mentions by dictionary look-up of lower-cased token n-grams.

Why not a PhraseMatcher: the BNF lexicon has about ten thousand terms, and building a matcher for them
at load time costs more than the whole pipeline may spend on a letter. A dict keyed by the normalised
n-gram, plus an index of which first words start a multi-word term, is as fast as the tokenizer.
Misspellings come from a hand-written variant list and, for unknown alphabetic words of six or more
letters followed closely by a dose, a one-edit check against generic names of similar length.

Result: ``doc.spans["drugs"]``; ``span._.drug`` = {"generic", "kind", "bnf", "written"} where
``kind`` is generic | brand | alias | misspelling and ``written`` is the text as the letter spells it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import srsly
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from . import extensions  # noqa: F401
from .context import text_of
from .ruledata import read_jsonl

LEXICON = "lexicons/drugs.json"
ALIASES = "lexicons/drug_aliases.jsonl"
STOPLIST = "lexicons/drug_stoplist.txt"
MAX_N = 4
_WORD = re.compile(r"\w[\w'-]*")  # how letter text is cut into words (hyphenated names stay whole)
_BOUNDARY = re.compile(r"(?<=\w)(?=[\s/+]|$)")  # where a term may stop being a prefix
_PLAIN = re.compile(r"[\w'-]+(?: [\w'-]+)*")
_SEP = re.compile(r"\s*([/+])\s*")
_OCR_DIGIT = re.compile(r"[a-z][015]|[015][a-z]")
_OCR_FIX = str.maketrans("015", "ols")
_DOSE_NEAR = re.compile(r"\W{0,3}\d*(?:\.\d+)?\s*(?:(?:mg|mcg|micrograms?|g|units?|ml)\b|%)", re.IGNORECASE)


class Alias(BaseModel):
    """One hand-written extra name: an old name, abbreviation or common misspelling."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=2)
    generic: str = Field(min_length=2)
    kind: Literal["alias", "misspelling", "brand"] = "alias"


def norm(text: str) -> str:
    """The key a term is stored and looked up under: lower case, single spaces, tight / and +."""
    text = " ".join(text.lower().split())
    return _SEP.sub(r" \1 ", text).replace(" / ", "/")


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or transposition."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


class DrugFinder:
    """The la_drugs component."""

    def __init__(self, nlp: Language, name: str = "la_drugs") -> None:
        self.name = name
        self.terms: dict[str, list[str]] = {}
        self.stop: set[str] = set()
        self._index()

    # -- data ------------------------------------------------------------------------------------
    def load_data(self, models_dir: Path) -> None:
        """Read the BNF lexicon, the alias/misspelling list and the stoplist from ``models_dir``."""
        path = models_dir / LEXICON
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            terms = {norm(str(k)): [str(x) for x in v] for k, v in raw["terms"].items()}
        except FileNotFoundError as exc:
            raise ModelError(f"drug lexicon missing: {path}; run scripts/build_drug_lexicon.py") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"{path}: not a valid drug lexicon ({exc})") from exc
        bad = next((k for k, v in terms.items() if len(v) != 3), None)
        if bad is not None:
            raise ModelError(f"{path}: term {bad!r} must map to [generic, kind, bnf]")
        for alias in read_jsonl(models_dir / ALIASES, Alias):
            generic = norm(alias.generic)
            bnf = terms.get(generic, ["", "", ""])[2]
            terms[norm(alias.term)] = [generic, alias.kind, bnf]
        stop_path = models_dir / STOPLIST
        if not stop_path.is_file():
            raise ModelError(f"drug stoplist missing: {stop_path}")
        stop = {
            norm(line)
            for line in stop_path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        }
        self.terms = {k: v for k, v in terms.items() if k not in stop}
        self.stop = stop
        self._index()

    def _index(self, prefixes: list[str] | None = None) -> None:
        # Every word-boundary prefix of every term, so a multi-word look-up stops as soon as the words
        # read so far cannot begin a term; most words of a letter cost one dict probe. The saved
        # pipeline stores the prefixes, so loading it does not recompute them.
        if prefixes is not None:
            self.prefixes = set(prefixes)
        else:
            self.prefixes = set()
            for term in self.terms:
                for m in _BOUNDARY.finditer(term):
                    self.prefixes.add(term[: m.start()])
        self._by_shape: dict[tuple[str, int], list[str]] | None = None

    @property
    def by_shape(self) -> dict[tuple[str, int], list[str]]:
        """Generic names of six letters or more by (first two letters, length), built on first use."""
        if self._by_shape is None:
            by_shape: dict[tuple[str, int], list[str]] = {}
            for term, (_generic, kind, _) in self.terms.items():
                if kind == "generic" and term.isalpha() and len(term) >= 6:
                    by_shape.setdefault((term[:2], len(term)), []).append(term)
            self._by_shape = by_shape
        return self._by_shape

    # -- matching --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        low_text = text.lower()
        words = [(m.start(), m.end()) for m in _WORD.finditer(low_text)]
        terms, prefixes = self.terms, self.prefixes
        spans = []
        # a misspelling confirmed once by a dose after it ("Glicazide 80mg bd") is read as that drug
        # wherever else the letter spells it so ("we have reduced the glicazide to 40mg")
        confirmed: dict[str, list[str]] = {}
        pending: list[tuple[int, int, str]] = []
        i, n = 0, len(words)
        while i < n:
            s, e = words[i]
            found: tuple[int, list[str]] | None = None
            key = low_text[s:e]
            hit = terms.get(key)
            if hit is not None:
                found = (e, hit)
            if key in prefixes:
                for j in range(i + 1, min(n, i + MAX_N * 2)):
                    piece = low_text[s : words[j][1]]
                    if not _PLAIN.fullmatch(piece):
                        piece = norm(piece)
                    if piece not in prefixes and piece not in terms:
                        break
                    hit = terms.get(piece)
                    if hit is not None:
                        found = (words[j][1], hit)
            if found is None and e - s >= 6 and key not in self.stop:
                if key.isalpha() and "rn" in key and (hit := terms.get(key.replace("rn", "m"))) is not None:
                    found = (e, [hit[0], "misspelling", hit[2]])  # a scan reads "m" as "rn" ("arnlodipine")
                elif key.isalpha():
                    found = self._fuzzy(text, key, e)
                    if found is not None:
                        confirmed[key] = found[1]
                    else:
                        pending.append((s, e, key))
                elif not key[0].isdigit() and _OCR_DIGIT.search(key):
                    # scanned letters misread l/o/s as 1/0/5 inside a word ("bisopro1ol")
                    hit = terms.get(key.translate(_OCR_FIX))
                    found = (e, [hit[0], "misspelling", hit[2]]) if hit is not None else None
            if found is not None:
                end, (generic, kind, bnf) = found
                span = doc.char_span(s, end, alignment_mode="expand")
                if span is not None:
                    span._.drug = {"generic": generic, "kind": kind, "bnf": bnf, "written": text[s:end]}
                    spans.append(span)
                    while i < n and words[i][0] < end:
                        i += 1
                    continue
            i += 1
        if confirmed and pending:
            for s, e, key in pending:
                if key in confirmed and (span := doc.char_span(s, e, alignment_mode="expand")) is not None:
                    generic, kind, bnf = confirmed[key]
                    span._.drug = {"generic": generic, "kind": kind, "bnf": bnf, "written": text[s:e]}
                    spans.append(span)
            spans.sort(key=lambda sp: sp.start_char)
        doc.spans["drugs"] = spans
        return doc

    def _fuzzy(self, text: str, low: str, end: int) -> tuple[int, list[str]] | None:
        """A one-edit match for an unknown word that is followed by a dose (cheap, and rare)."""
        if not _DOSE_NEAR.match(text, end, end + 20):
            return None
        for length in (len(low) - 1, len(low), len(low) + 1):
            for cand in self.by_shape.get((low[:2], length), []):
                if _one_edit(low, cand):
                    generic, _, bnf = self.terms[cand]
                    return end, [generic, "misspelling", bnf]
        return None

    # -- serialisation ---------------------------------------------------------------------------
    def to_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"terms": self.terms, "stop": sorted(self.stop), "prefixes": sorted(self.prefixes)}
        srsly.write_msgpack(path / "drugs.msgpack", data)

    def from_disk(self, path: Path, *, exclude: tuple[str, ...] = ()) -> DrugFinder:
        data = srsly.read_msgpack(Path(path) / "drugs.msgpack")
        self.terms = data["terms"]
        self.stop = set(data["stop"])
        self._index(data.get("prefixes"))
        return self


@Language.factory("la_drugs", assigns=["doc.spans", "span._.drug"])
def make_drug_finder(nlp: Language, name: str) -> DrugFinder:
    return DrugFinder(nlp, name)
