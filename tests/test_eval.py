"""letter-audit eval: metrics on tiny hand-made gold/prediction pairs, and the command through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import letter_audit
from letter_audit.cli import main
from letter_audit.evaluate import (
    LetterEval,
    Thresholds,
    action_similarity,
    compare,
    evaluate,
    failures,
    match_actions,
    med_counts,
    prf,
    spearman,
    summarise,
)
from letter_audit.gold import Gold, load_gold
from letter_audit.letter import SourceInfo
from letter_audit.report import Evidence, GpAction, MedicationChange, Report

EV = Evidence(text="x", start=0, end=1)


def _gold(**over: Any) -> Gold:
    base: dict[str, Any] = {
        "letter_type": "discharge_summary",
        "specialty": "cardiology",
        "dates": {"discharge": "2025-03-09"},
        "medication_changes": [
            {"drug": "ramipril", "action": "increase"},
            {"drug": "furosemide", "action": "start"},
        ],
        "gp_actions": [
            {"text": "Please check U&E in 1 week as we increased ramipril.", "category": "monitoring"},
            {
                "text": "Please refer her to pulmonary rehabilitation.",
                "category": "referral",
                "inappropriate": True,
                "rule": "onward_referral",
            },
        ],
        "fit_note": {"status": "not_needed"},
        "follow_up": {"owner": "hospital"},
        "contact_point": {"present": True},
        "grade": 4,
        "notes": "test",
    }
    base.update(over)
    return Gold.model_validate(base)


def _report_from(gold: Gold, *, score: int = 80, **over: Any) -> Report:
    """A report that says exactly what the gold says (then ``over`` changes it)."""
    data: dict[str, Any] = {
        "source": SourceInfo(path="x.txt", sha256="0" * 64, format="txt"),
        "letter_type": gold.letter_type,
        "specialty": gold.specialty,
        "dates": gold.dates,
        "medication_changes": [
            MedicationChange(drug=m.drug, action=m.action, evidence=EV) for m in gold.medication_changes
        ],
        "gp_actions": [
            GpAction(
                text=a.text,
                category=a.category,
                inappropriate=a.inappropriate,
                rule=a.rule,
                evidence=EV,
            )
            for a in gold.gp_actions
        ],
        "fit_note": {"status": gold.fit_note.status},
        "follow_up": {"owner": gold.follow_up.owner},
        "contact_point": {"present": gold.contact_point.present},
        "score": score,
    }
    data.update(over)
    return Report.model_validate(data)


# -- metric functions ----------------------------------------------------------------------------
def test_med_counts_are_multiset_matches_ignoring_case() -> None:
    gold = [("ramipril", "increase"), ("furosemide", "start"), ("furosemide", "start")]
    pred = [("Ramipril", "increase"), ("furosemide", "start"), ("bisoprolol", "start")]
    assert med_counts(gold, pred) == (2, 1, 1)


def test_med_counts_ignore_the_order_of_a_combination() -> None:
    gold = [("calcium carbonate with colecalciferol", "start")]
    assert med_counts(gold, [("colecalciferol with calcium carbonate", "start")]) == (1, 0, 0)
    assert med_counts(gold, [("calcium carbonate", "start")]) == (0, 1, 1)


def test_med_counts_ignore_a_trailing_salt_word_on_either_side() -> None:
    assert med_counts([("mycophenolate mofetil", "start")], [("mycophenolate", "start")]) == (1, 0, 0)
    assert med_counts([("betamethasone", "stop")], [("betamethasone valerate", "stop")]) == (1, 0, 0)
    # The salt is dropped, never the drug: a name that is only a salt word stays as it is.
    assert med_counts([("sodium bicarbonate", "start")], [("sodium", "start")]) == (0, 1, 1)
    assert med_counts([("lithium carbonate", "start")], [("lithium", "stop")]) == (0, 1, 1)


def test_med_counts_need_the_action_to_agree() -> None:
    assert med_counts([("ramipril", "increase")], [("ramipril", "start")]) == (0, 1, 1)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((2, 1, 1), (2 / 3, 2 / 3, 2 / 3)),
        ((3, 0, 1), (1.0, 0.75, 6 / 7)),
        ((0, 0, 0), (1.0, 1.0, 1.0)),
        ((0, 0, 3), (0.0, 0.0, 0.0)),
        ((0, 2, 0), (0.0, 1.0, 0.0)),
    ],
)
def test_prf(counts: tuple[int, int, int], expected: tuple[float, float, float]) -> None:
    assert prf(*counts) == pytest.approx(expected)


def test_action_similarity_accepts_a_prediction_quoting_the_whole_sentence() -> None:
    sim = action_similarity(
        "Please check U&E in 1 week", "Please check U&E in 1 week as we increased ramipril."
    )
    assert sim == pytest.approx(0.99)


def test_action_similarity_rejects_unrelated_requests() -> None:
    assert action_similarity("Please refer to physiotherapy", "Please check U&E in 1 week") == 0.0
    assert action_similarity("", "Please check U&E") == 0.0


def test_match_actions_is_one_to_one_best_first() -> None:
    gold = ["check U&E in 1 week", "refer to the falls clinic"]
    pred = ["refer her to the falls clinic please", "check u&e in one week", "check U&E in 1 week"]
    assert match_actions(gold, pred) == [(0, 2), (1, 0)]


def test_compare_counts_misses_false_alarms_and_the_flag_over_gold() -> None:
    gold = _gold()
    report = _report_from(
        gold,
        medication_changes=[MedicationChange(drug="ramipril", action="increase", evidence=EV)],
        gp_actions=[
            GpAction(text="refer her to pulmonary rehabilitation", category="referral", evidence=EV),
            GpAction(text="Please arrange a chest X-ray in 6 weeks", category="monitoring", evidence=EV),
        ],
        follow_up={"owner": "gp"},
    )
    ev = compare("one", "one.txt", gold, report)
    assert (ev.med_tp, ev.med_fp, ev.med_fn) == (1, 0, 1)
    assert (ev.action_tp, ev.action_fp, ev.action_fn) == (1, 1, 1)
    assert ev.category_right == 1
    assert ev.inappropriate_right == 0  # the matched one is unflagged, the missed one counts as wrong
    assert ev.fields == {
        "fit_note": True,
        "follow_up": False,
        "contact": True,
        "letter_type": True,
        "specialty": True,
        "date_discharge": True,
    }
    kinds = sorted(m.kind for m in ev.misses)
    assert kinds == ["action_false_alarm", "action_missed", "follow_up", "inappropriate", "med_missed"]
    assert {m.detail for m in ev.misses if m.kind == "med_missed"} == {"start furosemide"}


def test_a_letter_that_failed_counts_everything_as_missed() -> None:
    ev = compare("bad", "bad.pdf", _gold(), None, "bad.pdf: LA102 PDF is damaged")
    assert ev.error == "bad.pdf: LA102 PDF is damaged"
    assert (ev.med_tp, ev.med_fn, ev.action_fn) == (0, 2, 2)
    assert not any(ev.fields.values())
    assert ev.score is None


def test_summarise_pools_counts_over_letters() -> None:
    g = _gold()
    perfect = compare("a", "a.txt", g, _report_from(g, score=90))
    failed = compare("b", "b.txt", g, None, "LA100 file not found")
    m = summarise([perfect, failed])
    assert m["med_precision"] == 1.0
    assert m["med_recall"] == 0.5
    assert m["med_f1"] == pytest.approx(2 / 3)
    assert m["action_recall"] == 0.5
    assert m["inappropriate_acc"] == 0.5
    assert m["inappropriate_acc_matched"] == 1.0  # the failed letter's actions were never matched
    assert m["fit_note_acc"] == 0.5
    assert m["dates_acc"] == 0.5
    assert m["date_discharge_acc"] == 0.5
    assert m["date_letter_acc"] is None  # gold states no letter date
    assert m["spearman"] is None  # one scored letter


def test_summarise_of_nothing_is_undefined() -> None:
    assert summarise([])["med_f1"] is None


def test_spearman_exact_and_undefined() -> None:
    assert spearman([10, 20, 30, 40], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert spearman([40, 30, 20, 10], [1, 2, 3, 4]) == pytest.approx(-1.0)
    assert spearman([50, 50, 50], [1, 2, 3]) is None
    assert spearman([1, 2], [1, 2]) is None


def test_failures_treat_undefined_figures_as_below() -> None:
    th = Thresholds.checked({"med_f1": 0.9, "spearman": 0.8, "contact_acc": 0.5})
    got = failures({"med_f1": 0.85, "spearman": None, "contact_acc": 0.5}, th)
    assert got == ["med_f1 0.850 < 0.9", "spearman n/a < 0.8"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"med_f2": 0.9}, "unknown metric 'med_f2'"),
        ({"med_f1": "high"}, "must be a number"),
        ({"med_f1": 1.5}, "between 0 and 1"),
        ({"spearman": -2}, "between -1 and 1"),
    ],
)
def test_thresholds_are_checked(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Thresholds.checked(raw)


def test_shipped_thresholds_file_loads() -> None:
    root = Path(__file__).resolve().parent.parent
    th = Thresholds.load(root / "models" / "eval_thresholds.yaml")
    assert th.minimums["med_f1"] == 0.9
    assert th.minimums["spearman"] == 0.8


# -- evaluate() and the command, with a stand-in checker -----------------------------------------
def _corpus(tmp_path: Path) -> Path:
    """Two letters with gold; the stand-in checker reads the gold back (a perfect checker)."""
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    g1 = _gold(grade=5)
    g2 = _gold(
        grade=2,
        medication_changes=[{"drug": "apixaban", "action": "start"}],
        gp_actions=[],
        follow_up={"owner": "none"},
    )
    for path, gold in ((d / "a", g1), (d / "sub" / "b", g2)):
        path.with_suffix(".txt").write_text("letter text\n", encoding="utf-8")
        Path(f"{path}.gold.json").write_text(gold.model_dump_json(), encoding="utf-8")
    return d


def _perfect(path: Path, drop_meds: bool = False) -> Report:
    gold = load_gold(Path(str(path)[: -len(path.suffix)] + ".gold.json"))
    report = _report_from(gold, score=20 * gold.grade)
    if drop_meds:
        report.medication_changes = []
    return report


@pytest.fixture
def perfect_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_audit, "load_pipeline", lambda: None)
    monkeypatch.setattr(letter_audit, "audit", lambda p, nlp=None: _perfect(Path(p)))


@pytest.fixture
def medless_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_audit, "load_pipeline", lambda: None)
    monkeypatch.setattr(letter_audit, "audit", lambda p, nlp=None: _perfect(Path(p), drop_meds=True))


def test_evaluate_finds_gold_recursively(tmp_path: Path, perfect_checker: None) -> None:
    result = evaluate(_corpus(tmp_path))
    assert result.letters == 2
    assert [e.name for e in result.per_letter] == ["a", "b"]
    assert result.metrics["med_f1"] == 1.0
    assert result.metrics["action_f1"] == 1.0


def test_evaluate_counts_a_missing_letter_and_a_crash_and_goes_on(tmp_path: Path) -> None:
    d = _corpus(tmp_path)
    (d / "sub" / "b.txt").unlink()

    def crash(p: Path) -> Report:
        raise KeyError("boom")

    result = evaluate(d, audit_fn=crash)
    assert result.errors == 2
    assert result.per_letter[0].error == "LA900 internal error: KeyError"
    assert result.per_letter[1].error == "no letter file beside the gold"
    assert result.metrics["med_recall"] == 0.0


def _thresholds(tmp_path: Path, text: str = "med_f1: 0.9\naction_f1: 0.85\n") -> str:
    p = tmp_path / "th.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_cli_eval_passes_and_prints_the_table(tmp_path: Path, perfect_checker: None) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "--thresholds", _thresholds(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == f"{d}: 2 letters, 0 could not be checked"
    assert "Medication changes  F1                     1.000    0.9" in lines
    assert "GP actions          F1                     1.000   0.85" in lines
    assert "Score vs grade      Spearman                 n/a       " in lines
    assert "Below threshold" not in res.output


def test_cli_eval_exits_1_below_threshold_and_lists_misses(tmp_path: Path, medless_checker: None) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "-v", "--thresholds", _thresholds(tmp_path)])
    assert res.exit_code == 1
    assert "  med_missed: increase ramipril" in res.output
    assert "  med_missed: start apixaban" in res.output
    assert res.output.rstrip().endswith("Below threshold: med_f1 0.000 < 0.9")


def test_cli_eval_min_option_overrides_the_file(tmp_path: Path, perfect_checker: None) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(
        main, ["eval", str(d), "--thresholds", _thresholds(tmp_path), "--min", "spearman=0.5"]
    )
    assert res.exit_code == 1
    assert "Below threshold: spearman n/a < 0.5" in res.output


def test_cli_eval_json(tmp_path: Path, perfect_checker: None) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "--json", "--thresholds", _thresholds(tmp_path)])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["letters"] == 2
    assert data["metrics"]["med_f1"] == 1.0
    assert data["thresholds"] == {"med_f1": 0.9, "action_f1": 0.85}
    assert data["failures"] == []
    assert data["per_letter"][1]["name"] == "b"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min", "med_f1"], "expected KEY=VALUE"),
        (["--min", "nonsense=0.5"], "unknown metric 'nonsense'"),
        (["--thresholds", "/nonexistent/th.yaml"], "does not exist"),
    ],
)
def test_cli_eval_usage_errors_exit_2(
    tmp_path: Path, perfect_checker: None, args: list[str], message: str
) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), *args])
    assert res.exit_code == 2
    assert message in res.output


def test_cli_eval_bad_thresholds_file_is_one_line(tmp_path: Path, perfect_checker: None) -> None:
    d = _corpus(tmp_path)
    th = _thresholds(tmp_path, "med_f1: [\n")
    res = CliRunner().invoke(main, ["eval", str(d), "--thresholds", th])
    assert res.exit_code == 2
    assert res.output == f"letter-audit: {th}: LA100 thresholds file is not valid YAML at line 2\n"


def test_cli_eval_bad_gold_is_one_line(tmp_path: Path, perfect_checker: None) -> None:
    d = _corpus(tmp_path)
    (d / "a.gold.json").write_text('{"grade": 9}', encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(d), "--thresholds", _thresholds(tmp_path)])
    assert res.exit_code == 2
    assert res.output.startswith(f"letter-audit: {d / 'a.gold.json'}: LA100 invalid gold file:")
    assert "Traceback" not in res.output


def test_letter_eval_keeps_the_grade() -> None:
    assert LetterEval(name="n", path="p", grade=3).grade == 3


def test_cli_eval_directory_without_gold_is_one_line(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert res.exit_code == 2
    assert res.output == f"letter-audit: {tmp_path}: LA100 no <name>.gold.json files under this directory\n"


def test_cli_eval_verbose_breaks_figures_down_by_format(tmp_path: Path, medless_checker: None) -> None:
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "-v", "--thresholds", _thresholds(tmp_path, "{}\n")])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if line.startswith("txt "))
    assert row.split() == ["txt", "2", "0.000", "1.000", "1.000", "1.000", "1.000", "1.000"]


def test_cli_eval_fresh_checks_with_a_pipeline_built_from_the_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import letter_audit.pipeline

    built = object()
    seen: list[object] = []

    def fake_audit(p: str | Path, nlp: object = None) -> Report:
        seen.append(nlp)
        return _perfect(Path(p))

    monkeypatch.setattr(letter_audit.pipeline, "build_pipeline", lambda: built)
    monkeypatch.setattr(letter_audit, "load_pipeline", lambda: pytest.fail("loaded the saved pipeline"))
    monkeypatch.setattr(letter_audit, "audit", fake_audit)
    d = _corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "--fresh", "--thresholds", _thresholds(tmp_path)])
    assert res.exit_code == 0, res.output
    assert seen == [built, built]


# -- specialty -----------------------------------------------------------------------------------
def test_compare_scores_the_specialty_by_exact_name() -> None:
    gold = _gold(specialty="orthopaedics")
    ev = compare("hip", "hip.txt", gold, _report_from(gold, specialty="surgery"))
    assert ev.fields["specialty"] is False
    assert (ev.gold_specialty, ev.found_specialty) == ("orthopaedics", "surgery")
    assert [(m.kind, m.detail) for m in ev.misses] == [("specialty", "gold orthopaedics, predicted surgery")]


def test_specialty_confusion_lists_misses_first_and_none_for_nothing_found() -> None:
    from letter_audit.evaluate import specialty_confusion

    rows = specialty_confusion(
        [
            ("ent", "surgery"),
            ("ent", "ent"),
            ("medicine", None),
            ("ent", "surgery"),
            ("ent", "ent"),
            ("ent", "ent"),
        ]
    )
    assert [(r.gold, r.found, r.letters) for r in rows] == [
        ("ent", "surgery", 2),
        ("medicine", "none", 1),
        ("ent", "ent", 3),
    ]


def _specialty_corpus(tmp_path: Path) -> Path:
    """Three letters; the stand-in checker (``misnaming_checker``) calls the ENT one "surgery"."""
    d = tmp_path / "spec"
    d.mkdir()
    for name, specialty in (("a", "cardiology"), ("b", "ent"), ("c", "cardiology")):
        (d / f"{name}.txt").write_text("letter text\n", encoding="utf-8")
        (d / f"{name}.gold.json").write_text(_gold(specialty=specialty).model_dump_json(), encoding="utf-8")
    return d


@pytest.fixture
def misnaming_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    def audit(p: str | Path, nlp: object = None) -> Report:
        report = _perfect(Path(p))
        if report.specialty == "ent":
            report.specialty = "surgery"
        return report

    monkeypatch.setattr(letter_audit, "load_pipeline", lambda: None)
    monkeypatch.setattr(letter_audit, "audit", audit)


def test_cli_eval_json_gives_specialty_accuracy_and_confusion(
    tmp_path: Path, misnaming_checker: None
) -> None:
    d = _specialty_corpus(tmp_path)
    res = CliRunner().invoke(main, ["eval", str(d), "--json", "--thresholds", _thresholds(tmp_path, "{}\n")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["metrics"]["specialty_acc"] == pytest.approx(2 / 3)
    assert data["specialty_confusion"] == [
        {"gold": "ent", "found": "surgery", "letters": 1},
        {"gold": "cardiology", "found": "cardiology", "letters": 2},
    ]
    assert data["per_letter"][1]["found_specialty"] == "surgery"


def test_cli_eval_text_shows_specialty_and_gates_on_it(tmp_path: Path, misnaming_checker: None) -> None:
    d = _specialty_corpus(tmp_path)
    th = _thresholds(tmp_path, "specialty_acc: 0.9\n")
    res = CliRunner().invoke(main, ["eval", str(d), "-v", "--thresholds", th])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert "Specialty           accuracy               0.667    0.9  BELOW" in lines
    assert "  specialty: gold ent, predicted surgery" in lines
    assert f"{'ent -> surgery':<48} {1:>7}" in lines
    assert res.output.rstrip().endswith("Below threshold: specialty_acc 0.667 < 0.9")
