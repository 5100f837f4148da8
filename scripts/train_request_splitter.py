"""Train the split-point scorer of request items on the dev letters and save its weights as JSON.

    # the shipped weights (models/rules/request_splitter.json), new letters being written left out:
    python scripts/train_request_splitter.py --exclude-glob 'dev_15[3-9]*' --cache /tmp/items.pkl
    # a held-out check: leave a split's letters out and write elsewhere
    python scripts/train_request_splitter.py --exclude-glob 'dev_145*' ... --out /tmp/w.json

Examples: the rule pipeline (splitter off) is run over each dev letter and every request item it finds is
taken with its candidate join points (``request_splitter.join_points``). A point is positive when two
different gold actions lie on either side of it (the one nearest the second action when several lie in the
gap), negative when one gold action spans it; other points are left out. Two gold actions of one line that
the rules already split give their join as a positive too, and every point inside a gold action is a negative.

The model is an L2 logistic regression fitted with L-BFGS from zeros (no randomness: the same letters give the
same weights). The threshold is chosen by leave-writers-out validation on the training letters: they are cut
into folds by blocks of 100 letter numbers (a writer's letters are numbered together), each fold is scored
by a model trained on the others, and the items are cut at each threshold on a grid and matched against gold
as ``letter-audit eval`` matches them; the threshold with the best GP action F1 wins (the higher one on a
tie), or 1.0 (off) when none beats the rules alone by ``MIN_GAIN``. Only ``fixtures/letters/dev`` is read,
never the test split. scipy is needed here, not at run time.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np

# the gold-locating helpers the sentence classifier's trainer uses (this folder is on sys.path when run)
from train_request_classifier import fit as fit_logistic
from train_request_classifier import gold_ranges

from letter_audit.evaluate import match_actions
from letter_audit.gold import load_gold
from letter_audit.paths import models_dir
from letter_audit.pipeline.request_splitter import (
    RequestSplitter,
    SplitterWeights,
    _Words,
    join_points,
    point_features,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "fixtures" / "letters" / "dev"
EXTS = (".pdf", ".docx", ".txt", ".html", ".htm", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
L2 = 1.0
PRUNE = 0.01
# A threshold must beat the rules alone by more than a couple of items' worth of F1 (noise, like the 0.002 a
# change may cost the dev figures) to be chosen; else the splitter ships off.
MIN_GAIN = 0.001
GRID = [round(0.3 + 0.05 * i, 2) for i in range(14)]  # 0.30 .. 0.95
TESTS = sorted(
    "bloods blood fbc u e ue ues lft lfts tft tfts inr lipids lipid ecg bp potassium sodium egfr crp esr "
    "ferritin folate calcium magnesium psa cxr urine glucose vitamin renal thyroid spirometry echo hba1c "
    "audiogram ct mri ultrasound uss xray x-ray weight creatinine k na hb b12 dexa smear swab".split()
)
_NUM = re.compile(r"dev_(\d+)")


def extract(exclude: list[str], cache: Path | None) -> list[dict[str, object]]:
    """Per dev letter: its text, the rules' request items (splitter off), the gold texts and their places."""
    if cache is not None and cache.exists():
        letters: list[dict[str, object]] = pickle.loads(cache.read_bytes())
    else:
        from letter_audit.ingest import read_letter
        from letter_audit.pipeline import annotate, build_pipeline

        nlp = build_pipeline()
        comp = nlp.get_pipe("la_requests")
        seen: list[tuple[str, list[tuple[int, int]]]] = []

        def capture(text: str, found: list) -> list:  # type: ignore[type-arg]
            seen.append((text, [(r.start, r.end) for r in found]))
            return found

        comp._split_more = capture  # the rules' items, before any split
        letters = []
        for gold_path in sorted(DEV.glob("dev_*.gold.json")):
            stem = gold_path.name[: -len(".gold.json")]
            path = next((p for e in EXTS if (p := gold_path.with_name(stem + e)).exists()), None)
            if path is None:
                continue
            seen.clear()
            annotate(nlp, read_letter(path))
            text, items = seen[-1] if seen else ("", [])
            golds = [a.text for a in load_gold(gold_path).gp_actions]
            letters.append(
                {
                    "stem": stem,
                    "text": text,
                    "items": items,
                    "golds": golds,
                    "ranges": sorted(gold_ranges(text, golds)),
                }
            )
        if cache is not None:
            cache.write_bytes(pickle.dumps(letters))
    return [x for x in letters if not any(fnmatch.fnmatch(str(x["stem"]), g) for g in exclude)]


def point_label(ps: int, pe: int, ranges: list[tuple[int, int]], points: list[tuple[int, int]]) -> int | None:
    """1 at the join nearest the second of two gold actions either side, 0 inside one, None otherwise."""
    for gs, ge in ranges:
        if gs < ps - 1 and ge > pe + 1:
            return 0
    for (_, g1e), (g2s, _) in zip(ranges, ranges[1:], strict=False):
        if g1e - 3 <= ps and pe <= g2s + 3:
            inside = [p for p in points if g1e - 3 <= p[0] and p[1] <= g2s + 3]
            return int(max(inside, key=lambda p: p[1]) == (ps, pe))
    return None


def examples(letters: list[dict[str, object]], words: _Words) -> tuple[list[list[str]], list[int], list[int]]:
    """Feature rows, labels and the index of the letter each row comes from."""
    rows: list[list[str]] = []
    ys: list[int] = []
    who: list[int] = []
    for li, x in enumerate(letters):
        text = str(x["text"])
        ranges: list[tuple[int, int]] = x["ranges"]  # type: ignore[assignment]
        spans: list[tuple[int, int]] = list(x["items"])  # type: ignore[call-overload]
        # two gold actions of one line the rules split apart: their join is a split too
        for (g1s, g1e), (g2s, g2e) in zip(ranges, ranges[1:], strict=False):
            if 0 <= g2s - g1e <= 30 and "\n" not in text[g1e:g2s]:
                if not any(s <= g1s and g2e <= e for s, e in x["items"]):  # type: ignore[attr-defined]
                    spans.append((g1s, g2e))
        spans += [g for g in ranges if not any(s <= g[0] and g[1] <= e for s, e in spans)]
        for s, e in spans:
            item = text[s:e]
            points = [(s + a, s + b) for a, b in join_points(item)]
            near = [g for g in ranges if g[0] < e and s < g[1]]
            for ps, pe in points:
                y = point_label(ps, pe, near, points)
                if y is None:
                    continue
                rows.append(point_features(item, ps - s, pe - s, words))
                ys.append(y)
                who.append(li)
    return rows, ys, who


def set_l2(value: float) -> None:
    global L2
    L2 = value


def fit(rows: list[list[str]], y: np.ndarray, l2: float | None = None) -> dict[str, float]:
    """Weights of an L2 logistic regression over string features: the classifier trainer's fit, with this
    script's L2 (``--l2``) and more iterations (join points are more numerous than sentence units)."""
    return fit_logistic(rows, y, L2 if l2 is None else l2, maxiter=1000)


def model(
    weights: dict[str, float], verbs: dict[str, str], threshold: float, trained_on: str, how: str
) -> SplitterWeights:
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
    return SplitterWeights(
        trained_on=trained_on,
        l2=L2,
        threshold=threshold,
        chosen_by=how,
        verbs=verbs,
        tests=TESTS,
        weights=kept,
    )


def action_counts(letters: list[dict[str, object]], splitter: RequestSplitter | None) -> tuple[int, int, int]:
    """GP action tp, fp, fn over the letters with the items cut by ``splitter`` (None: the rules alone)."""
    tp = fp = fn = 0
    for x in letters:
        text = str(x["text"])
        preds = []
        for s, e in x["items"]:  # type: ignore[attr-defined]
            item = text[s:e]
            parts = splitter.cuts(item) if splitter is not None and "|" not in item else [(0, len(item))]
            preds += [item[a:b].strip(" .,;:\t\n") for a, b in parts]
        golds: list[str] = x["golds"]  # type: ignore[assignment]
        n = len(match_actions(golds, preds))
        tp, fp, fn = tp + n, fp + len(preds) - n, fn + len(golds) - n
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(letters: list[dict[str, object]], verbs: dict[str, str]) -> tuple[float, str]:
    """The threshold by leave-writers-out validation (module docstring), and a line saying how it went."""
    words = _Words(verbs, TESTS)
    blocks = sorted({int(_NUM.match(str(x["stem"])).group(1)) // 100 for x in letters})  # type: ignore[union-attr]
    fold_models = []
    for b in blocks:
        train = [x for x in letters if int(_NUM.match(str(x["stem"])).group(1)) // 100 != b]  # type: ignore[union-attr]
        held = [x for x in letters if int(_NUM.match(str(x["stem"])).group(1)) // 100 == b]  # type: ignore[union-attr]
        rows, ys, _ = examples(train, words)
        fold_models.append((held, fit(rows, np.array(ys, dtype=float))))
    base = [0, 0, 0]
    for held, _ in fold_models:
        base = [a + b for a, b in zip(base, action_counts(held, None), strict=True)]
    base_f = f1(*base)
    lines = [f"rules alone F1 {base_f:.4f} (tp {base[0]} fp {base[1]} fn {base[2]})"]
    scored = []
    for t in GRID:
        tot = [0, 0, 0]
        for held, w in fold_models:
            sp = RequestSplitter(model(w, verbs, t, "", ""))
            tot = [a + b for a, b in zip(tot, action_counts(held, sp), strict=True)]
        scored.append((round(f1(*tot), 6), t))
        lines.append(f"t={t:.2f} F1 {scored[-1][0]:.4f} (tp {tot[0]} fp {tot[1]} fn {tot[2]})")
    best_f, best_t = max(scored)  # the higher threshold on a tie
    if best_f < base_f + MIN_GAIN:
        best_t = 1.0
    print("\n".join(lines), file=sys.stderr)
    how = (
        f"leave-writers-out validation over {len(blocks)} blocks of 100 letter numbers: best GP action F1 "
        f"{best_f:.4f} at {best_t if best_t < 1 else max(scored)[1]} ({lines[0]}; a gain under {MIN_GAIN} "
        "is noise, and the splitter is then off at 1.0)"
    )
    return best_t, how


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Train the request split-point scorer on the dev letters.")
    ap.add_argument("--out", type=Path, default=models_dir() / "rules" / "request_splitter.json")
    ap.add_argument(
        "--exclude-glob",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out the dev letters whose file stem matches (repeatable)",
    )
    ap.add_argument(
        "--cache", type=Path, help="keep the rules' items of every dev letter here (speeds reruns)"
    )
    ap.add_argument("--threshold", type=float, help="use this threshold instead of validating one")
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty (default {L2})")
    args = ap.parse_args(argv[1:])
    set_l2(args.l2)
    import yaml

    rules = yaml.safe_load((models_dir() / "rules" / "requests.yaml").read_text(encoding="utf-8"))
    verbs = {v.lower(): k for k, vs in sorted(rules["verb_categories"].items()) for v in vs}
    letters = extract(args.exclude_glob, args.cache)
    if args.threshold is not None:
        threshold, how = args.threshold, "set by hand (--threshold)"
    else:
        threshold, how = choose_threshold(letters, verbs)
    rows, ys, _ = examples(letters, _Words(verbs, TESTS))
    weights = fit(rows, np.array(ys, dtype=float))
    on = "fixtures/letters/dev" + (
        f" except {', '.join(args.exclude_glob)}" if args.exclude_glob else " (all)"
    )
    m = model(weights, verbs, threshold, on, how)
    args.out.write_text(json.dumps(m.model_dump(), indent=0) + "\n", encoding="utf-8")
    print(
        f"{len(letters)} letters, {len(rows)} join points ({sum(ys)} positive), {len(m.weights)} of "
        f"{len(weights)} weights kept, threshold {threshold} -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
