"""The request sentence classifier: features, what it may propose, the setting, the saved weights."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import spacy

from letter_audit.errors import ModelError
from letter_audit.letter import Letter
from letter_audit.paths import models_dir
from letter_audit.pipeline import _register, annotate
from letter_audit.pipeline.request_classifier import (
    RULE_ID,
    ClassifierWeights,
    RequestClassifier,
    _position,
    letter_features,
    load_weights,
    unit_features,
)
from letter_audit.pipeline.request_rules import RequestRules
from letter_audit.pipeline.ruledata import read_yaml


def test_unit_features_name_words_pairs_section_and_shape() -> None:
    f = unit_features("- Please could the GP check U&E", "plan")
    assert {"w:please", "w:gp", "w:u", "w:&", "b:could_the", "sec:plan", "first:please",
            "first2:please_could", "shape:list", "gp", "modal", "len:4-8", "bias"} <= set(f)
    assert "you" not in f and "we_will" not in f
    assert "sec:-" in unit_features("Dear Dr Smith,", "")


def test_list_item_carries_its_lead_in_words() -> None:
    units = ["Please can the GP:", "* Check his calcium in 3 months.", "* Review his mood.", "Yours truly"]
    feats = letter_features(units, ["", "", "", ""])
    assert "prev:colon" in feats[1] and "prev:colon" not in feats[2]
    for f in feats[1:3]:
        assert "leadin" in f and {"lw:please", "lw:can", "lw:the", "lw:gp"} <= set(f)
    assert "leadin" not in feats[0] and "leadin" not in feats[3]


def _clf(threshold: float = 0.7, vetoes: list[str] | None = None) -> RequestClassifier:
    weights = ClassifierWeights(trained_on="test", l2=1.0, weights={"w:podiatry": 5.0, "bias": -2.0})
    return RequestClassifier(weights, threshold, vetoes or [])


def test_propose_skips_covered_lead_ins_vetoed_and_low_scores() -> None:
    text = "- Podiatry input please.\nPodiatry:\nPodiatry at your GP surgery.\nAll well.\nPodiatry again."
    units = [(0, 24), (25, 34), (35, 63), (64, 73), (74, 89)]
    assert [text[s:e] for s, e in units][-1] == "Podiatry again."
    clf = _clf(vetoes=[r"\byour\s+GP\b"])
    got = clf.propose(text, units, [""] * 5, taken=[(74, 80)])
    assert [text[s:e] for s, e in got] == ["Podiatry input please."]  # list mark left out
    assert clf.probability(["w:podiatry", "bias"]) == pytest.approx(0.9526, abs=1e-4)
    assert _clf(threshold=0.96).propose(text, units, [""] * 5, taken=[]) == []


def _models_copy(tmp_path: Path, setting: str | None) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(models_dir() / "rules", rules)
    yaml_path = rules / "requests.yaml"
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith("classifier:")]
    if setting is not None:
        lines.append(setting)
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (rules / "tiny.json").write_text(
        json.dumps({"trained_on": "test", "l2": 1.0, "weights": {"w:podiatry": 5.0, "bias": -2.0}}),
        encoding="utf-8",
    )
    return tmp_path


def _requests(data_dir: Path, text: str) -> list[tuple[str, str]]:
    _register()
    nlp = spacy.blank("en")
    for name in ("la_sections", "la_requests"):
        nlp.add_pipe(name).load_data(data_dir)
    doc = annotate(nlp, Letter.from_text(text))
    return [(sp.text, sp._.request_rule) for sp in doc.spans["gp_actions"]]


TEXT = "Dear Dr Jones,\nPlan:\nPodiatry input for his toenails would help.\nHe is well.\n"


def test_component_adds_classifier_requests_only_when_enabled(tmp_path: Path) -> None:
    on = _models_copy(tmp_path / "on", "classifier: {enabled: true, threshold: 0.7, model: tiny.json}")
    off = _models_copy(tmp_path / "off", "classifier: {enabled: false, model: tiny.json}")
    unset = _models_copy(tmp_path / "unset", None)
    assert _requests(on, TEXT) == [("Podiatry input for his toenails would help.", RULE_ID)]
    assert _requests(off, TEXT) == []
    assert _requests(unset, TEXT) == []


def test_saved_pipeline_keeps_the_weights(tmp_path: Path) -> None:
    on = _models_copy(tmp_path / "on", "classifier: {enabled: true, threshold: 0.7, model: tiny.json}")
    _register()
    nlp = spacy.blank("en")
    for name in ("la_sections", "la_requests"):
        nlp.add_pipe(name).load_data(on)
    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "la_requests" / "tiny.json").exists()
    loaded = spacy.load(tmp_path / "saved")
    doc = annotate(loaded, Letter.from_text(TEXT))
    assert [sp._.request_rule for sp in doc.spans["gp_actions"]] == [RULE_ID]


def test_bad_or_missing_weights_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "w.json"
    bad.write_text('{"trained_on": "x", "l2": 1.0, "weights": {"a": "heavy"}}', encoding="utf-8")
    with pytest.raises(ModelError, match=r"w\.json: invalid request classifier weights"):
        load_weights(bad)
    with pytest.raises(ModelError, match=r"nothing\.json: request classifier weights not found"):
        load_weights(tmp_path / "nothing.json")


def test_shipped_setting_and_weights_load() -> None:
    rules = read_yaml(models_dir() / "rules" / "requests.yaml", RequestRules)
    assert rules.classifier.enabled is True and rules.classifier.threshold == 0.7
    weights = load_weights(models_dir() / "rules" / rules.classifier.model)
    assert "bias" in weights.weights and weights.weights["bias"] < 0


def test_fast_logit_equals_the_sum_over_letter_features() -> None:
    """``RequestClassifier.logit`` skips building feature strings; it must give the same sums."""
    weights = load_weights(models_dir() / "rules" / "request_classifier.json")
    clf = RequestClassifier(weights, 0.7, [])
    units = [
        "Dear Dr Patel,", "Plan:", "1. I would like to see him again in 6 weeks.", "GP pls:",
        "- U&E + Mg 1/52", "(B) Please could you review his BP in 2 weeks", "We will write to you.",
        "Please can the GP:", "* Check his calcium and vitamin D in 3 months.", "Na 137, K 4.6, eGFR 52",
        "your GP practice could refer to primary care", "",
    ]
    units += ["FBC in 4 weeks (post-transfusion) - GP", "Repeat LFTs 2/52, GP.", "Titrating bisoprolol"]
    sections = ["", "plan", "plan", "plan", "plan", "gp_actions", "", "other", "other", "results", "", ""]
    sections += ["", "plan", "other"]
    starts = [40 * i for i in range(len(units))]  # as if one unit every 40 characters
    length = 40 * len(units)
    feats = letter_features(units, sections, clf.tests, starts if clf.has_position else None, length)
    lead: list[str] | None = None
    for i, (unit, section) in enumerate(zip(units, sections, strict=True)):
        is_item = bool(re.match(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*", unit.lower()))
        prev = i > 0 and units[i - 1].rstrip().endswith(":")
        want = sum(weights.weights.get(f, 0.0) for f in feats[i])
        position = _position(starts[i], length) if clf.has_position else None
        got = clf.logit(unit, section, prev, lead, position=position)
        assert got == pytest.approx(want, abs=1e-9), unit
        if clf.tests is not None and got >= clf.cut:  # the bounded sum never cuts a unit that passes
            assert clf.logit(unit, section, prev, lead, clf.cut, position) == pytest.approx(got, abs=1e-9)
        if not is_item:
            words = re.findall(r"[a-z]+|&|\d+", unit.lower())
            lead = sorted(set(words)) if unit.rstrip().endswith(":") and len(words) <= 8 else None
