"""scripts/first_golds.py lays out dev letters with the gold as first committed (needs git history)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from letter_audit.gold import Gold
from script_module import load_script

ROOT = Path(__file__).resolve().parent.parent


def _script():
    return load_script("first_golds")


def _history() -> bool:
    try:
        shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip()
        count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return shallow == "false" and int(count) > 100


needs_history = pytest.mark.skipif(not _history(), reason="needs the project's full git history")


@needs_history
def test_lays_out_the_first_commit_of_dev_letters(tmp_path: Path) -> None:
    out = tmp_path / "first"
    # the corpus's first dev commit (2026-11-22 11:55:15) added dev_001 to dev_012
    assert _script().main([str(out), "--before", "2026-11-22T11:55:30"]) == 0
    golds = sorted(out.glob("*.gold.json"))
    assert [g.name[:7] for g in golds] == [f"dev_{n:03d}" for n in range(1, 13)]
    for gold in golds:
        Gold.model_validate(json.loads(gold.read_text()))
        rendered = [p for p in out.iterdir() if p.name.startswith(gold.name[:-len(".gold.json")] + ".")
                    and p != gold]
        assert rendered and all(p.is_symlink() and p.resolve().exists() for p in rendered)


@needs_history
def test_first_gold_is_the_first_version_not_the_current(tmp_path: Path) -> None:
    # dev_014's first annotation kept "stop the warfarin on her repeat ... and add apixaban" as one item
    out = tmp_path / "first"
    assert _script().main([str(out), "--before", "2026-11-22T11:56:00"]) == 0
    first = json.loads(next(out.glob("dev_014_*.gold.json")).read_text())
    texts = [a["text"] for a in first["gp_actions"]]
    assert any("warfarin" in t and "apixaban" in t for t in texts)


def test_refuses_the_test_split_and_a_used_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    assert script.main([str(tmp_path / "a"), "--split", "test"]) == 2
    assert "held out" in capsys.readouterr().err
    used = tmp_path / "used"
    used.mkdir()
    (used / "x").write_text("x")
    assert script.main([str(used)]) == 2
    assert "not empty" in capsys.readouterr().err
