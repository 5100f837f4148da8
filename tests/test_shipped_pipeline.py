"""The pipeline saved in models/pipeline is the one the data files build (nobody forgot to rebuild)."""

from __future__ import annotations

from pathlib import Path

from letter_audit.paths import models_dir
from letter_audit.pipeline import PIPE_NAMES, build_pipeline, load_pipeline


def _component_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for name in PIPE_NAMES
        for p in sorted((root / name).rglob("*"))
        if p.is_file()
    }


def test_shipped_pipeline_matches_the_data_files(tmp_path: Path) -> None:
    shipped = models_dir() / "pipeline"
    build_pipeline().to_disk(tmp_path)
    fresh, saved = _component_files(tmp_path), _component_files(shipped)
    assert sorted(saved) == sorted(fresh)
    stale = [name for name in fresh if fresh[name] != saved[name]]
    assert stale == [], f"models/pipeline is stale; run 'python scripts/build_pipeline.py' ({stale})"


def test_shipped_pipeline_loads_with_every_component() -> None:
    assert load_pipeline().pipe_names == PIPE_NAMES
