"""Train the GP-request sentence classifier on the dev letters and save its weights as JSON.

    python scripts/train_request_classifier.py            # writes models/rules/request_classifier.json
    python scripts/build_pipeline.py                      # then rebuild the pipeline as usual
    python scripts/train_request_classifier.py --exclude-glob 'dev_142[0-9]_*' --exclude-glob 'dev_143*' \
        --exclude-glob 'dev_144[0-7]_*'                   # leave a held-out writer's letters out

Units are the pipeline's sentences and list items (``sentence_spans``) with the section each sits under
(``la_sections``); a unit is positive when a gold GP action's text (case and spacing aside) covers more
than half of it or it covers more than half of the action. The model is an L2 logistic regression fitted
with L-BFGS from zeros: no randomness, so the same letters give the same weights. Only
``fixtures/letters/dev`` is read, never the test split. scipy is needed here, not at run time.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from letter_audit.gold import load_gold
from letter_audit.paths import models_dir
from letter_audit.pipeline.request_classifier import letter_features

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "letters" / "dev"
EXTS = (".pdf", ".docx", ".txt", ".html", ".htm", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
L2 = 0.3  # round 2: with the stem and telegraphic features, weaker shrinkage found more on unseen writers
PRUNE = 0.02  # smaller weights are left out: same figures at the shipped threshold, a fifth the size
# Words naming a test: with an interval they make a telegraphic request line ("FBC in 4 weeks", "U&E 2/52").
# Saved with the weights, so the component reads the same list it was trained with. Words as the classifier
# cuts them (letters or digits apart): "U&E" is u & e; "HbA1c" and "B12" fall apart and are not listed.
TESTS = sorted(
    "bloods blood fbc u e ues lft lfts tft tfts inr lipids lipid ecg bp potassium sodium egfr crp esr "
    "ferritin folate calcium magnesium psa cxr urine glucose vitamin renal thyroid spirometry echo "
    "audiogram ct mri ultrasound uss xray x ray weight".split()
)
# Where a request is likelier (under a GP, plan or follow-up heading, or none) a lower bar; elsewhere the
# setting's (0.7). Chosen on the round-9 writers with the rules before round 9 (benchmarks/experiments).
# A unit saying it is done on the ward, in clinic or at the hospital, or seen there with its result, is the
# hospital's: the classifier does not propose it (the rules' terse cues read it so too).
PLACE_VETO_PATTERN = r"\b(?:on|at|in)\s+(?:the\s+)?(?:ward|clinic|hospital|day\s+unit|OPD)\b|\bsee\s+(?:\w+\s+)?with\s+(?:the\s+)?results?\b"
SECTION_THRESHOLDS = {"gp_actions": 0.4, "plan": 0.4, "follow_up": 0.4, "": 0.4}


def norm_map(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of space collapsed, and the original offset of each kept character."""
    out: list[str] = []
    pos: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = True
            continue
        if space and out:
            out.append(" ")
            pos.append(i)
        space = False
        out.append(ch.lower())
        pos.append(i)
    return "".join(out), pos


def gold_ranges(text: str, actions: list[str]) -> list[tuple[int, int]]:
    """Where each gold action sits in the letter text (actions not found are left out)."""
    hay, pos = norm_map(text)
    out = []
    for a in actions:
        needle = " ".join(a.lower().split())
        at = hay.find(needle) if needle else -1
        if at >= 0:
            out.append((pos[at], pos[at + len(needle) - 1] + 1))
    return out


def label(s: int, e: int, ranges: list[tuple[int, int]]) -> int:
    return int(any(min(e, ge) - max(s, gs) > 0.5 * min(e - s, ge - gs) for gs, ge in ranges))


def fit(rows: list[list[str]], y: np.ndarray, l2: float = L2, maxiter: int = 500) -> dict[str, float]:
    """Weights of an L2 logistic regression over string features ("bias" is always present)."""
    vocab: dict[str, int] = {}
    ind, ptr = [], [0]
    for r in rows:
        for f in r:
            ind.append(vocab.setdefault(f, len(vocab)))
        ptr.append(len(ind))
    x = sparse.csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(vocab)))
    ys = 2 * y - 1

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = ys * (x @ w)
        val = np.logaddexp(0, -z).sum() + 0.5 * l2 * (w @ w)
        grad = -(x.T @ (ys / (1 + np.exp(z)))) + l2 * w
        return float(val), grad

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    return {f: float(res.x[j]) for f, j in vocab.items()}


def dev_units(
    names: set[str] | None = None, exclude: list[str] | None = None
) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every unit of the dev letters (or those whose name starts with ``names``),
    leaving out the letters whose file stem matches one of the ``exclude`` globs."""
    import spacy

    from letter_audit.ingest import read_letter
    from letter_audit.pipeline import annotate
    from letter_audit.pipeline import sections as _sections  # noqa: F401  (registers la_sections)
    from letter_audit.pipeline.sentences import sentence_spans

    nlp = spacy.blank("en")
    nlp.add_pipe("la_sections").load_data(models_dir())
    rows: list[list[str]] = []
    ys: list[int] = []
    for gold_path in sorted(DEV.glob("dev_*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        if names is not None and stem[:5] not in names:
            continue
        if exclude and any(fnmatch.fnmatch(stem, g) for g in exclude):
            continue
        letter_path = next((p for e in EXTS if (p := gold_path.with_name(stem + e)).exists()), None)
        if letter_path is None:
            continue
        letter = read_letter(letter_path)
        doc = annotate(nlp, letter)
        secs = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get("sections", [])]
        spans = sentence_spans(letter.text)
        ranges = gold_ranges(letter.text, [a.text for a in load_gold(gold_path).gp_actions])
        section_of = [next((lab for a, b, lab in secs if a <= s < b), "") for s, _ in spans]
        units = [letter.text[s:e] for s, e in spans]
        starts = [s for s, _ in spans]
        rows += letter_features(units, section_of, frozenset(TESTS), starts, len(letter.text))
        ys += [label(s, e, ranges) for s, e in spans]
    return rows, ys


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Train the GP-request sentence classifier on the dev letters.")
    ap.add_argument("out", nargs="?", type=Path, default=models_dir() / "rules" / "request_classifier.json")
    ap.add_argument(
        "--exclude-glob",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out the dev letters whose file stem matches (repeatable), e.g. a held-out writer's",
    )
    args = ap.parse_args(argv[1:])
    out: Path = args.out
    rows, ys = dev_units(exclude=args.exclude_glob)
    letters = sum(1 for _ in DEV.glob("dev_*.gold.json"))
    weights = fit(rows, np.array(ys, dtype=float))
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
    model = {
        "trained_on": "fixtures/letters/dev (all authors)"
        if not args.exclude_glob
        else f"fixtures/letters/dev except {', '.join(args.exclude_glob)}",
        "l2": L2,
        "tests": TESTS,
        "section_thresholds": SECTION_THRESHOLDS,
        "place_veto": PLACE_VETO_PATTERN,
        "weights": kept,
    }
    out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(
        f"{len(rows)} units ({sum(ys)} positive) from the dev letters ({letters} golds, "
        f"{len(args.exclude_glob)} exclude globs), {len(kept)} of {len(weights)} weights kept -> {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
