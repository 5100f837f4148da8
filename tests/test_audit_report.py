"""The audit report: aggregation figures, the self-contained HTML with its charts, CSV and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letter_audit.audit_report.aggregate import summarise
from letter_audit.audit_report.html import render_html
from letter_audit.audit_report.table import render_csv
from letter_audit.cli import main
from letter_audit.letter import SourceInfo
from letter_audit.report import CriterionResult, Evidence, GpAction, Report, StandardRef
from letter_audit.store import ResultStore

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _report(
    name: str,
    score: int,
    statuses: dict[str, str],
    *,
    specialty: str | None = None,
    month: str | None = None,
    rules: tuple[str, ...] = (),
) -> dict[str, Any]:
    ev = Evidence(text="Please refer to dermatology", start=0, end=10)
    report = Report(
        source=SourceInfo(path=f"letters/{name}", sha256=name.ljust(64, "0"), format="txt"),
        standard=StandardRef(id="complete_care", version="1"),
        letter_type="clinic_letter",
        specialty=specialty,
        dates={"letter": f"{month}-15"} if month else {},
        score=score,
        rating="good" if score >= 80 else "needs_improvement" if score >= 50 else "poor",
        criteria=[
            CriterionResult(id=cid, title=cid.replace("_", " ").title(), status=st, explanation=f"{cid} {st}")
            for cid, st in statuses.items()
        ],
        gp_actions=[
            GpAction(text=f"GP to {rule}", category="referral", inappropriate=True, rule=rule, evidence=ev)
            for rule in rules
        ],
    )
    return report.model_dump(mode="json")


REPORTS = [
    _report(
        "a", 90, {"contact": "met", "fit_note": "not_applicable"}, specialty="Cardiology", month="2025-01"
    ),
    _report(
        "b",
        40,
        {"contact": "not_met", "fit_note": "not_met"},
        specialty="Cardiology",
        month="2025-02",
        rules=("onward_referral", "onward_referral"),
    ),
    _report(
        "c",
        60,
        {"contact": "met", "fit_note": "met"},
        specialty="Renal",
        month="2025-01",
        rules=("fit_note",),
    ),
    _report("d", 10, {"contact": "not_met", "fit_note": "not_met"}, rules=("onward_referral",)),
]
ERROR = {
    "schema_version": "1",
    "source": {"path": "x.pdf", "sha256": "e" * 64, "format": "pdf"},
    "error": {"code": "LA101", "message": "locked"},
}


def test_summary_figures() -> None:
    s = summarise([*REPORTS, ERROR], worst=2, now=NOW)
    assert (s.letters, s.failed, s.errors_by_code) == (4, 1, {"LA101": 1})
    assert (s.score.mean, s.score.median, s.score.lowest, s.score.highest) == (50.0, 50.0, 10, 90)
    assert s.score.ratings == {"good": 1, "needs_improvement": 1, "poor": 2}
    assert [b.letters for b in s.score.histogram] == [0, 1, 0, 0, 1, 0, 1, 0, 0, 1]
    assert [(c.id, c.met, c.not_met, c.not_applicable, c.compliance) for c in s.criteria] == [
        ("contact", 2, 2, 0, 0.5),
        ("fit_note", 1, 2, 1, 0.3333),
    ]
    specialty = s.breakdowns[0]
    assert specialty.dimension == "specialty"
    assert [(g.group, g.letters, g.mean_score) for g in specialty.groups] == [
        ("Cardiology", 2, 65.0),
        ("Renal", 1, 60.0),
    ]
    assert specialty.groups[0].compliance == {"contact": 0.5, "fit_note": 0.0}
    assert specialty.not_stated == 1
    month = s.breakdowns[3]
    assert [(g.group, g.letters) for g in month.groups] == [("2025-01", 2), ("2025-02", 1)]
    assert [(r.rule, r.requests, r.letters) for r in s.inappropriate] == [
        ("onward_referral", 3, 2),
        ("fit_note", 1, 1),
    ]
    assert [w.path for w in s.worst] == ["letters/d", "letters/b"]
    assert [(f.kind, f.label) for f in s.worst[1].findings] == [
        ("not_met", "Contact"),
        ("not_met", "Fit Note"),
        ("inappropriate", "onward_referral"),
        ("inappropriate", "onward_referral"),
    ]


def test_summary_of_nothing() -> None:
    s = summarise([], now=NOW)
    assert (s.letters, s.score.mean, s.criteria, s.worst) == (0, None, [], [])
    assert "No letters." in render_html(s)


def test_html_is_self_contained_with_its_charts() -> None:
    html = render_html(summarise([*REPORTS, ERROR], now=NOW))
    assert html.startswith("<!DOCTYPE html>")
    titles = re.findall(r"<svg [^>]*><title>([^<]+)</title>", html)
    assert titles == [
        "Letters by score band",
        "Letters by rating",
        "Compliance per criterion",
        "Mean score by specialty",
        "Mean score by month of the letter",
        "Inappropriate requests by rule",
    ]
    # nothing fetched from elsewhere: no scripts, stylesheets, images or fonts by URL
    assert re.search(r"<script|<link|<img|src=|url\(|https?://(?!www\.w3\.org/2000/svg)", html) is None
    assert "letters/d" in html and "Please refer to dermatology" in html
    assert "LA101: 1" in html


def test_html_escapes_letter_text() -> None:
    nasty = _report("z", 5, {"contact": "not_met"}, specialty="<script>alert(1)</script>")
    html = render_html(summarise([nasty], now=NOW))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_csv_is_a_long_table() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(summarise(REPORTS, now=NOW)))))
    assert rows[0] == ["section", "dimension", "group", "measure", "value"]
    assert ["overview", "", "all", "letters", "4"] in rows
    assert ["criterion", "", "fit_note", "compliance", "0.3333"] in rows
    assert ["breakdown", "specialty", "Cardiology", "compliance:contact", "0.5"] in rows
    assert ["inappropriate", "", "onward_referral", "requests", "3"] in rows


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    db = tmp_path / "r.sqlite"
    with ResultStore(db) as store:
        store.put_many([*REPORTS, ERROR], "complete_care", "1")
    return db


def test_report_command_writes_all_three(tmp_path: Path, store_file: Path) -> None:
    html, table, js = tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "r.json"
    args = ["report", "--db", str(store_file), "--html", str(html), "--csv", str(table), "--json", str(js)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert html.read_text().count("<svg ") == 6
    data = json.loads(js.read_text())
    assert (data["letters"], data["failed"], data["standard_version"]) == (4, 1, "1")
    assert table.read_text().startswith("section,dimension,group,measure,value\n")


def test_report_command_prints_json_by_default(store_file: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--db", str(store_file), "--worst", "1"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [w["path"] for w in data["worst"]] == ["letters/d"]


def test_report_on_a_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"letter-audit: {tmp_path / 'none.sqlite'}: LA400 "
        "no results store here (run 'letter-audit batch' first)\n"
    )


def test_html_caps_long_group_tables_but_json_keeps_all() -> None:
    many = [
        _report(f"s{i:02d}", 50 + i, {"contact": "met"}, specialty=f"Specialty {i:02d}") for i in range(35)
    ]
    summary = summarise(many, now=NOW)
    assert len(summary.breakdowns[0].groups) == 35
    html = render_html(summary)
    assert "5 smaller groups are left out here; the CSV and JSON list every one." in html
    assert "<td>Specialty 29</td>" in html
    assert "<td>Specialty 30</td>" not in html
