"""Read time per PDF: letter-audit's reader against pdfplumber's plain extract_text(), same run.

    python benchmarks/bench_read.py [--repeat 5] [--pdf-dir DIR]

Files: every PDF in /work/shared/real-letters (or --pdf-dir), plus letters generated here with
reportlab (a one-page letter with a two-column medication table, and a 10-page letter with a table on
every page and a repeated header/footer). For each file, both readers run ``--repeat`` times in
alternation, after one warm-up each; the best time of each is kept (least disturbed by other work on
the machine). The reader's time is the whole ``read_letter`` call: opening, layout, table rows,
headers/footers and the pydantic ``Letter``. pdfplumber's is ``page.extract_text()`` for every page.

Target: ratio (reader / pdfplumber) <= 0.25 on every file, keeping table rows. The ``audit`` column
times the whole check of the same file, as a warmed-up ``batch`` worker does it (read, pipeline,
standard, JSON report),
so issue 6's "full audit against pdfplumber" ratio can be read on real multi-page letters beside the
one-page generated corpus of ``bench_batch.py``. Run by hand; prints a table and writes nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REAL = Path("/work/shared/real-letters")
TARGET = 0.25


def _generated(folder: Path) -> list[Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    rows = [["Medications on admission", "Medications on discharge"]] + [
        [f"Drug{i} {i * 5}mg OD", f"Drug{i} {i * 10}mg BD"] for i in range(1, 15)
    ]
    prose = (
        "The patient was admitted with breathlessness and treated with nebulised bronchodilators, "
        "oral steroids and antibiotics, and improved steadily over the following three days. "
    ) * 3

    def header(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(50, 815, "Test NHS Trust - discharge summary - confidential")
        canvas.drawString(50, 25, f"Page {doc.page}")

    one = folder / "generated_table_1p.pdf"
    SimpleDocTemplate(str(one), pagesize=A4).build(
        [Paragraph("Discharge summary", styles["Title"]), Paragraph(prose, styles["BodyText"]), Table(rows)]
    )
    ten = folder / "generated_table_10p.pdf"
    story = []
    for page in range(10):
        story += [Paragraph(f"Section {page + 1}", styles["Heading2"]), Paragraph(prose, styles["BodyText"])]
        story += [Spacer(1, 10), Table(rows), PageBreak()]
    SimpleDocTemplate(str(ten), pagesize=A4).build(story, onFirstPage=header, onLaterPages=header)
    return [one, ten]


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _plumber(path: Path) -> Callable[[], object]:
    import pdfplumber

    def run() -> object:
        with pdfplumber.open(path) as pdf:
            return [page.extract_text() for page in pdf.pages]

    return run


def _reader(path: Path) -> Callable[[], object]:
    from letter_audit.ingest import read_letter

    return lambda: read_letter(path)


def _audit(path: Path) -> Callable[[], object]:
    from letter_audit import audit, load_pipeline
    from letter_audit.ingest import read_letter

    nlp = load_pipeline()
    return lambda: audit(read_letter(path), nlp=nlp).model_dump(mode="json")


def _warm() -> None:
    """Warm the checker as ``batch`` does before its workers start (rule gates and scanners are built
    after some uses, so a checker that has seen only a few letters still searches every position)."""
    from letter_audit.batch_warmup import warm_up

    warm_up(None, {".pdf"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf-dir", type=Path, default=REAL)
    args = parser.parse_args()
    from letter_audit.ingest import read_letter

    _warm()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(args.pdf_dir.glob("*.pdf")) if args.pdf_dir.is_dir() else []
        files += _generated(Path(tmp))
        print(
            f"{'file':44} {'pages':>5} {'rows':>5} {'reader s':>9} {'audit s':>9} {'plumber s':>9} "
            f"{'ratio':>6} {'audit':>6}"
        )
        ratios = []
        total_reader = total_plumber = total_audit = 0.0
        for path in files:
            letter = read_letter(path)
            rows = sum(1 for b in letter.blocks if b.kind == "table_row")
            check = _audit(path)
            _reader(path)(), _plumber(path)(), check()  # warm-up: imports, caches
            reader = plumber = whole = float("inf")
            for _ in range(args.repeat):  # alternate, so all three see the same machine load
                reader = min(reader, _best(_reader(path), 1))
                whole = min(whole, _best(check, 1))
                plumber = min(plumber, _best(_plumber(path), 1))
            ratio = reader / plumber
            ratios.append(ratio)
            total_reader += reader
            total_audit += whole
            total_plumber += plumber
            flag = "" if ratio <= TARGET else "  over target"
            print(
                f"{path.name[:44]:44} {letter.source.pages:5d} {rows:5d} {reader:9.4f} {whole:9.4f} "
                f"{plumber:9.4f} {ratio:6.3f} {whole / plumber:6.3f}{flag}"
            )
        print(
            f"{'all files':44} {'':5} {'':5} {total_reader:9.4f} {total_audit:9.4f} {total_plumber:9.4f} "
            f"{total_reader / total_plumber:6.3f} {total_audit / total_plumber:6.3f}"
        )
        print(f"median ratio {statistics.median(ratios):.3f}, worst {max(ratios):.3f}, target <= {TARGET}")


if __name__ == "__main__":
    main()
