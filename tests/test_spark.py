"""The Spark adapter in local mode gives the same rows as batch (skipped only when Java is missing)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letter_audit.audit_report.rows import ROW_COLUMNS, letter_row
from letter_audit.batch import audit_file
from letter_audit.spark import result_schema

pytestmark = [pytest.mark.spark, pytest.mark.slow]

LETTER = (
    "Dear Dr Okafor\n\nDiagnosis: heart failure\n\nMedication changes: furosemide 40 mg OD started.\n\n"
    "GP to check U&E in 1 week. Contact the heart failure team on 01632 960000.\n"
)


def test_schema_lists_every_row_column() -> None:
    schema = result_schema()
    assert schema.startswith("`file` string, `sha256` string, `format` string, `pages` int, `ocr` boolean")
    assert schema.endswith("`criteria` map<string,string>, `report_json` string")
    assert schema.count("`") == 2 * (len(ROW_COLUMNS) + 2)


@pytest.fixture(scope="module")
def fresh_models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A models folder whose pipeline is built now from the data files, not the last saved one.

    Spark's Python workers are separate processes, so they find it through LETTER_AUDIT_MODELS.
    """
    from letter_audit.paths import models_dir
    from letter_audit.pipeline import build_pipeline, load_pipeline

    shipped = models_dir()
    fresh = tmp_path_factory.mktemp("models")
    for entry in shipped.iterdir():
        if entry.name != "pipeline":
            (fresh / entry.name).symlink_to(entry)
    build_pipeline(shipped).to_disk(fresh / "pipeline")
    old = os.environ.get("LETTER_AUDIT_MODELS")
    os.environ["LETTER_AUDIT_MODELS"] = str(fresh)
    load_pipeline.cache_clear()
    yield fresh
    if old is None:
        del os.environ["LETTER_AUDIT_MODELS"]
    else:
        os.environ["LETTER_AUDIT_MODELS"] = old
    load_pipeline.cache_clear()


@pytest.fixture(scope="module")
def spark(fresh_models: Path) -> Iterator[Any]:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("Java is required for the Spark tests in CI")
        pytest.skip("Java is not installed")
    pyspark_sql = pytest.importorskip("pyspark.sql")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("letter-audit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "512m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_audit_dataframe_matches_batch(tmp_path: Path, spark: Any) -> None:
    from letter_audit.spark import audit_dataframe

    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "hf.txt").write_text(LETTER)
    (folder / "short.txt").write_text("Dear Dr Okafor\n\nSeen in clinic today. No changes.\n")
    (folder / "blank.txt").write_bytes(b"  \n\n ")  # binaryFile drops zero-byte files, so not b""
    (folder / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)

    df = spark.read.format("binaryFile").load(str(folder))
    rows = {Path(r["file"]).name: r.asDict() for r in audit_dataframe(df).collect()}
    assert sorted(rows) == ["blank.txt", "hf.txt", "junk.pdf", "short.txt"]

    for name, got in rows.items():
        expected = letter_row(audit_file(folder / name))
        assert {k: got[k] for k in ROW_COLUMNS} == expected, name
        report = json.loads(got["report_json"])
        assert report["source"]["path"] == str(folder / name)
    assert rows["blank.txt"]["error_code"] in {"LA103", "LA111"}
    assert rows["junk.pdf"]["error_code"] is not None and rows["junk.pdf"]["error_code"].startswith("LA1")
    assert rows["hf.txt"]["error_code"] is None
    assert rows["hf.txt"]["criteria"] == {
        c["id"]: c["status"] for c in json.loads(rows["hf.txt"]["report_json"])["criteria"]
    }
    assert len(rows["hf.txt"]["criteria"]) >= 3
