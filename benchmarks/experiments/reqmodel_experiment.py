"""Can a small sentence classifier lift GP-action recall on writers the rules never saw?

Reads the dumps made by ``reqmodel_dump.py`` (rule output + sentence units per dev letter), labels each unit
from dev gold (positive when a gold GP action's text overlaps it), trains an L2 logistic regression on
hand-made sparse features (words, bigrams, section, list shape, opening word, GP/you mentions), and scores
"rules" against "rules + classifier units above a threshold that overlap no rule request", with the
report contract's action matcher (``letter_audit.evaluate.match_actions``).

    python reqmodel_experiment.py /tmp/rq_head.jsonl /tmp/rq_base.jsonl

Measurements: leave-one-author-out over dev_0..dev_8 against the current rules (HEAD dump), and the
unseen-writer check: trained on dev_0..dev_6 only, tested on dev_7/dev_8 against the rules at cdfe47d
(before those writers were tuned on; base dump). Deterministic: no randomness anywhere.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

from letter_audit.evaluate import match_actions, prf
from letter_audit.gold import load_gold
from letter_audit.pipeline.request_classifier import letter_features

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from train_request_classifier import PRUNE, fit, gold_ranges, label  # noqa: E402

BASE_MODELS = "/tmp/rqbase/models"  # the rules at cdfe47d (git worktree)
DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
VETO = False
PRUNE_AT = PRUNE
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
_LIST = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*")


def predict(weights: dict[str, float], rows: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in r) for r in rows])
    return 1 / (1 + np.exp(-z))


VETO_KEYS = ("patient_own", "negated_clause", "speaks_to_patient", "patient_clause")


def vetoes(models: str) -> list[re.Pattern[str]]:
    """That rule version's own "not the practice's job" patterns (requests.yaml): a classifier unit that
    one of them matches is not added (a patient told to see the GP, a "do not", "we will")."""
    import yaml

    data = yaml.safe_load((Path(models) / "rules" / "requests.yaml").read_text(encoding="utf-8"))
    pats = [data[k] for k in VETO_KEYS if data.get(k)]
    pats += [c["pattern"] for c in data.get("hospital_owned", [])]
    return [re.compile(p, re.IGNORECASE) for p in pats]


def load(dump: str, models: str | None = None) -> dict[str, dict]:
    veto = vetoes(models) if models else []
    out = {}
    for line in Path(dump).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold = load_gold(DEV / f"{rec['name']}.gold.json")
        rec["gold"] = [a.text for a in gold.gp_actions]
        ranges = gold_ranges(rec["text"], rec["gold"])
        rec["unfound"] = len(rec["gold"]) - len(ranges)
        for u in rec["units"]:
            s, e = u["s"], u["e"]
            u["text"] = rec["text"][s:e]
            u["y"] = label(s, e, ranges)
            body = _LIST.sub("", u["text"])
            u["veto"] = any(rx.search(body) for rx in veto)
            u["covered"] = any(min(e, re_) > max(s, rs) for rs, re_ in rec["rule_spans"]) or any(
                min(e, a["e"]) > max(s, a["s"]) for a in rec["actions"]
            )
        feats = letter_features([u["text"] for u in rec["units"]], [u["sec"] for u in rec["units"]])
        for u, f in zip(rec["units"], feats, strict=True):
            u["f"] = f
        out[rec["name"]] = rec
    return out


def author(name: str) -> str:
    return name[:5]


def score(recs: list[dict], probs: dict[str, np.ndarray] | None, thr: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for rec in recs:
        preds = [a["text"] for a in rec["actions"]]
        if probs is not None:
            p = probs[rec["name"]]
            preds += [_LIST.sub("", u["text"]) for u, pu in zip(rec["units"], p, strict=True)
                      if pu >= thr and not u["covered"] and not u["text"].rstrip().endswith(":")
                      and not (VETO and u["veto"])]
        pairs = match_actions(rec["gold"], preds)
        tp += len(pairs)
        fp += len(preds) - len(pairs)
        fn += len(rec["gold"]) - len(pairs)
    return tp, fp, fn


def train(recs: list[dict], l2: float) -> dict[str, float]:
    rows = [u["f"] for r in recs for u in r["units"]]
    y = np.array([u["y"] for r in recs for u in r["units"]], dtype=float)
    return {f: w for f, w in fit(rows, y, l2).items() if abs(w) >= PRUNE_AT}


def line(label: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"{label:<28} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp} fp {fp} fn {fn})"


def main(head_dump: str, base_dump: str, l2: float = 1.0, veto: float = 1.0, prune: float = PRUNE) -> None:
    global VETO, PRUNE_AT
    VETO = bool(veto)
    PRUNE_AT = prune
    head = load(head_dump, str(DEV.parents[2] / "models"))
    base = load(base_dump, BASE_MODELS)
    units = sum(len(r["units"]) for r in head.values())
    pos = sum(u["y"] for r in head.values() for u in r["units"])
    unfound = sum(r["unfound"] for r in head.values())
    gold_n = sum(len(r["gold"]) for r in head.values())
    print(f"dev letters {len(head)}, units {units}, positive {pos}, gold actions {gold_n}"
          f" ({unfound} not located)")
    print(f"l2 = {l2}, rule vetoes on classifier units: {VETO}, weights below {PRUNE_AT} dropped")

    # 1. leave-one-author-out, current rules
    authors = sorted({author(n) for n in head})
    probs: dict[str, np.ndarray] = {}
    for a in authors:
        model = train([r for n, r in head.items() if author(n) != a], l2)
        for n, r in head.items():
            if author(n) == a:
                probs[n] = predict(model, [u["f"] for u in r["units"]])
    allrecs = list(head.values())
    print("\n== leave-one-author-out over dev_0..dev_8, current rules (HEAD) ==")
    print(line("rules", *score(allrecs, None, 1)))
    for t in THRESHOLDS:
        print(line(f"rules + clf >= {t}", *score(allrecs, probs, t)))
    print("per author at 0.5 / 0.7 / 0.9 (recall rules -> +clf):")
    for a in authors:
        rs = [r for n, r in head.items() if author(n) == a]
        base_r = prf(*score(rs, None, 1))[1]
        parts = [f"{prf(*score(rs, probs, t))[1]:.3f}" for t in (0.5, 0.7, 0.9)]
        print(f"  {a}  {base_r:.3f} -> {' / '.join(parts)}")

    # 2. unseen writers: classifier on dev_0..dev_6, rules at cdfe47d, tested on dev_7 + dev_8
    model = train([r for n, r in head.items() if author(n) < "dev_7"], l2)
    test = [r for n, r in base.items() if author(n) >= "dev_7"]
    uprobs = {r["name"]: predict(model, [u["f"] for u in r["units"]]) for r in test}
    print("\n== unseen writers: clf trained on dev_0..dev_6, rules at cdfe47d, tested on dev_7 + dev_8 ==")
    print(line("rules (cdfe47d)", *score(test, None, 1)))
    for t in THRESHOLDS:
        print(line(f"rules + clf >= {t}", *score(test, uprobs, t)))
    for a in ("dev_7", "dev_8"):
        rs = [r for r in test if author(r["name"]) == a]
        print(f"  {a}: " + line("rules", *score(rs, None, 1)))
        for t in (0.5, 0.7, 0.9):
            print(f"  {a}: " + line(f"+clf >= {t}", *score(rs, uprobs, t)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(float(a) for a in sys.argv[3:]))
