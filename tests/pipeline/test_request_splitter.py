"""The split-point scorer of request items: join points, features, cutting, the setting, the saved weights."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from letter_audit.errors import ModelError
from letter_audit.letter import Letter
from letter_audit.paths import models_dir
from letter_audit.pipeline import _register, annotate
from letter_audit.pipeline.request_rules import RequestRules
from letter_audit.pipeline.request_splitter import (
    RequestSplitter,
    SplitterWeights,
    _Words,
    join_points,
    load_weights,
    point_features,
)
from letter_audit.pipeline.ruledata import read_yaml

VERBS = {"check": "monitoring", "refer": "referral", "start": "prescribing", "stop": "prescribing"}
WORDS = _Words(VERBS, ["u", "e", "fbc", "hb"])


def _joins(item: str) -> list[str]:
    return [item[a:b] for a, b in join_points(item)]


def test_join_points_are_the_joins_with_words_both_sides() -> None:
    assert _joins("check U&E in 1 week and refer to dietitian") == [" and "]
    assert _joins("FBC 4/52 + refer DN; review in clinic, then stop it") == [" + ", "; ", ", then "]
    assert _joins("check FBC, and stop the iron") == [", and "]
    assert _joins("and refer") == []  # nothing before the join


def test_features_read_both_sides_of_the_join() -> None:
    item = "check FBC in 4 weeks and stop the iron if Hb is above 110"
    a, b = join_points(item)[0]
    f = set(point_features(item, a, b, WORDS))
    assert {
        "j:and",
        "rc:stop",
        "rv:prescribing",
        "both_verb",
        "l_test",
        "l_time",
        "r_cond",
        "r_result",
        "l_test_r_cond_result",
        "bias",
    } <= f
    item = "start indapamide 2.5 mg daily and amlodipine 5 mg daily"
    a, b = join_points(item)[0]
    assert {"r_dose", "both_dose"} <= set(point_features(item, a, b, WORDS))
    item = "please chase the histology, and please let her know the result"
    a, b = join_points(item)[0]
    f = set(point_features(item, a, b, WORDS))
    assert {"j:, and", "rc:let", "r_report_first"} <= f
    item = "increase to 16 mg if BP allows, checking U&E a week after each increase"
    a, b = join_points(item)[-1]
    assert "r_ing" in point_features(item, a, b, WORDS)


def _splitter(weights: dict[str, float], threshold: float = 0.5) -> RequestSplitter:
    return RequestSplitter(
        SplitterWeights(
            trained_on="test", l2=1.0, threshold=threshold, verbs=VERBS, tests=[], weights=weights
        )
    )


def test_cuts_at_the_best_point_then_each_part_again() -> None:
    sp = _splitter({"rv:referral": 6.0, "rv:prescribing": 5.0, "bias": -3.0})
    item = "check U&E in 1 week and refer to the dietitian and start iron tablets"
    assert [item[a:b] for a, b in sp.cuts(item)] == [
        "check U&E in 1 week",
        "refer to the dietitian",
        "start iron tablets",
    ]
    stays = "check U&E in 1 week and let us know"
    assert sp.cuts(stays) == [(0, len(stays))]
    assert sp.cuts("check U&E and refer") == [(0, len("check U&E and refer"))]  # a one-word part asks nothing
    assert _splitter({"rv:referral": 6.0, "bias": -3.0}, threshold=1.0).cuts(item) == [(0, len(item))]
    assert sp.probability(["rv:referral", "bias"]) == pytest.approx(0.9526, abs=1e-4)


def test_bad_or_missing_weights_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"trained_on": "x", "l2": 1.0, "weights": {}}', encoding="utf-8")  # no threshold
    with pytest.raises(ModelError, match=r"s\.json: invalid request splitter weights"):
        load_weights(bad)
    with pytest.raises(ModelError, match=r"none\.json: request splitter weights not found"):
        load_weights(tmp_path / "none.json")


def _models_copy(tmp_path: Path, setting: str | None, weights: dict[str, float], threshold: float) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(models_dir() / "rules", rules)
    yaml_path = rules / "requests.yaml"
    lines = [
        ln for ln in yaml_path.read_text(encoding="utf-8").splitlines() if not ln.startswith("splitter:")
    ]
    if setting is not None:
        lines.append(setting)
    yaml_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shipped = json.loads((rules / "request_splitter.json").read_text(encoding="utf-8"))
    tiny = {**shipped, "weights": weights, "threshold": threshold}
    (rules / "tiny.json").write_text(json.dumps(tiny), encoding="utf-8")
    return tmp_path


def _requests(data_dir: Path, text: str) -> list[tuple[str, str]]:
    _register()
    nlp = spacy.blank("en")
    for name in ("la_sections", "la_requests"):
        nlp.add_pipe(name).load_data(data_dir)
    doc = annotate(nlp, Letter.from_text(text))
    return [(sp.text, sp._.request_category) for sp in doc.spans["gp_actions"]]


# "and then remove" is a join the rules keep whole (a step after a review); a splitter that cuts before any
# "remove" shows each part read as a clause: its own category.
TEXT = (
    "Dear Dr Hale,\n\nShe was seen in clinic today.\n\n"
    "Please could you see her in 2 weeks to check the wound and then remove the sutures.\n\n"
    "Yours sincerely,\nDr A Jones\n"
)


def test_component_cuts_only_when_on_and_reads_each_part(tmp_path: Path) -> None:
    weights = {"rc:remove": 6.0, "bias": -3.0}
    on = _models_copy(tmp_path / "on", "splitter: {enabled: true, model: tiny.json}", weights, 0.5)
    high = _models_copy(tmp_path / "high", "splitter: {enabled: true, model: tiny.json}", weights, 1.0)
    off = _models_copy(tmp_path / "off", "splitter: {enabled: false, model: tiny.json}", weights, 0.5)
    whole = _requests(off, TEXT)
    assert len(whole) == 1
    assert _requests(high, TEXT) == whole
    parts = _requests(on, TEXT)
    assert [t for t, _ in parts] == [
        "Please could you see her in 2 weeks to check the wound",
        "remove the sutures",
    ]
    assert parts[0][1] == whole[0][1]


def test_shipped_setting_and_weights_load() -> None:
    rules = read_yaml(models_dir() / "rules" / "requests.yaml", RequestRules)
    assert rules.splitter.enabled is False  # switched off: it did not beat the rules on held-out writers
    weights = load_weights(models_dir() / "rules" / rules.splitter.model)
    assert "bias" in weights.weights and weights.weights["bias"] < 0
    assert weights.threshold >= 1  # no threshold beat the rules alone on held-out writers (round 15)
    assert weights.verbs and weights.tests and weights.chosen_by


# The README's cases ("One item or two"), scored by the shipped weights: each pair's split point should
# score above its keep-together point. (Checked as a ranking, not at a threshold: the shipped one is off.)
PAIRS = [
    # two standalone asks vs a step reading the test
    (
        "please repeat her bloods and also refer her to the dietitian",
        "please check FBC in 4 weeks and stop the iron once Hb is above 110",
    ),
    # two drugs each with a dose vs a report back
    (
        "start indapamide 2.5 mg daily and amlodipine 5 mg daily",
        "please chase the histology and let her know the result",
    ),
]


@pytest.mark.parametrize(("split", "stay"), PAIRS)
def test_shipped_weights_rank_a_split_above_a_keep_together(split: str, stay: str) -> None:
    sp = RequestSplitter(load_weights(models_dir() / "rules" / "request_splitter.json"))
    top_split = max(p for p, _, _ in sp.scores(split))
    top_stay = max(p for p, _, _ in sp.scores(stay))
    assert top_split > top_stay
