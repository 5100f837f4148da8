"""The spaCy pipeline: ``spacy.blank("en")`` plus letter-audit's own rule components.

Knowledge (rules, lexicons, headings) lives in data files under ``models/``; the components here are
mechanisms. ``build_pipeline`` assembles a pipeline from those data files; ``scripts/build_pipeline.py``
saves it to ``models/pipeline`` and ``load_pipeline`` loads that with ``spacy.load``.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ..paths import models_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..letter import Letter

# Component names in pipeline order. Each is registered with @Language.factory in its own module,
# imported by _register(). A component reads its data with ``load_data(models_dir)`` at build time
# and saves it with ``to_disk``/``from_disk`` so the saved pipeline needs no repo.
PIPE_NAMES: list[str] = [
    "la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists",
    "la_requests", "la_status",
    "la_meta",
]


def _import_spacy() -> None:
    """Import spaCy without its command-line tools, which letter-audit never uses.

    Why: ``import spacy`` runs ``from .cli.info import info``, and that one import pulls in every spaCy
    command and its libraries (typer, weasel, requests, httpx: about 0.25 s, a sixth of a cold
    ``check``). While spaCy imports, a stand-in module answers for ``spacy.cli.info`` with an ``info``
    that loads the real one when called; it is removed once spaCy is in, so a later
    ``import spacy.cli`` (spaCy's own CLI, its tests) imports the real modules as usual.
    """
    if "spacy" in sys.modules:
        return
    name = "spacy.cli.info"
    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    stand_in = types.ModuleType(name)
    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
    try:
        import spacy  # noqa: F401
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


def _register() -> None:
    """Import every component module so its factory is known to spaCy."""
    _import_spacy()
    from . import (
        context,  # noqa: F401
        dosage,  # noqa: F401
        drugs,  # noqa: F401
        extensions,  # noqa: F401
        med_changes,  # noqa: F401
        med_lists,  # noqa: F401
        meta,  # noqa: F401
        requests,  # noqa: F401
        sections,  # noqa: F401
        status,  # noqa: F401
    )


def build_pipeline(data_dir: Path | None = None) -> Language:
    """A fresh pipeline built from the data files in ``data_dir`` (default: the shipped models)."""
    _register()
    import spacy

    data_dir = data_dir or models_dir()
    nlp = spacy.blank("en")
    for name in PIPE_NAMES:
        component = nlp.add_pipe(name)
        load = getattr(component, "load_data", None)
        if load is not None:
            load(data_dir)
    return nlp


def pipeline_dir() -> Path:
    return models_dir() / "pipeline"


def _default_tokenizer(nlp: Language) -> bool:
    """Whether ``nlp``'s tokenizer is exactly the one ``spacy.blank`` makes for its language."""
    import spacy
    from spacy.tokenizer import Tokenizer

    ours, blank = nlp.tokenizer, spacy.blank(nlp.lang or "en").tokenizer
    if not isinstance(ours, Tokenizer) or not isinstance(blank, Tokenizer):
        return False
    return bool(ours.to_bytes(exclude=["vocab"]) == blank.to_bytes(exclude=["vocab"]))


def save_pipeline(nlp: Language, out: Path) -> None:
    """Save ``nlp`` to ``out`` (a new folder), leaving out the tokenizer when it is spaCy's default.

    Why: ``spacy.load`` first makes the language's default tokenizer from the config, then replaces
    its rules with the saved ones, so an unchanged tokenizer was built twice on every start (about
    0.1 s of a cold ``check``). Without the file, ``load_pipeline`` keeps the one made from the
    config, which is the same; a customised tokenizer is still saved and loaded as before.
    """
    exclude = ["tokenizer"] if _default_tokenizer(nlp) else []
    nlp.to_disk(out, exclude=exclude)


@lru_cache(maxsize=4)
def load_pipeline(path: str | None = None) -> Language:
    """The shipped pipeline, loaded once per process with ``spacy.load``.

    The component modules and their data compile their regular expressions from the engine code saved
    beside the pipeline (see ``rxcache``), which saves most of a cold start's compiling; their gates
    read the pattern analyses saved beside it (``rxmemo``) when the first one is built."""
    from ..rxcache import FILE_NAME, routed

    target = Path(path) if path else pipeline_dir()
    with routed(target / FILE_NAME):
        _register()
        from . import rxmemo

        rxmemo.use(target / rxmemo.FILE_NAME)  # read at the first analysis, not now
        import spacy

        if not (target / "config.cfg").exists():
            raise ModelError(
                f"no saved pipeline at {target}; build it with 'python scripts/build_pipeline.py'"
            )
        # No tokenizer file: it was spaCy's default when saved (see save_pipeline), as made from
        # the config.
        exclude = [] if (target / "tokenizer").exists() else ["tokenizer"]
        try:
            return spacy.load(target, exclude=exclude)
        except Exception as exc:  # spaCy raises many kinds; the user needs one message
            raise ModelError(f"cannot load the pipeline at {target}: {exc}") from exc


def annotate(nlp: Language, letter: Letter) -> Doc:
    """Run the pipeline over a letter, giving components the letter's blocks via ``doc._.letter``."""
    doc = nlp.make_doc(letter.text)
    doc._.letter = letter
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
