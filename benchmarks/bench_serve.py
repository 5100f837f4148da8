"""How long the web page takes for what practice staff do (issue 7). Run by hand:

    python benchmarks/bench_serve.py [--letters 20] [--inbox 300]

Starts the page on a free 127.0.0.1 port with a pipeline built in memory, then times over real HTTP:
uploading the first N dev letters in one drop (read + audit + store each), opening each letter page,
and the inbox page once it holds ``--inbox`` rows (filled by re-adding the same letters' summaries).
Targets: a letter page under 0.3 s and an inbox of 300 letters under 0.5 s on the 2-core build machine.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "letters" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--inbox", type=int, default=300)
    args = parser.parse_args()

    from letter_audit.pipeline import build_pipeline
    from letter_audit.report import Report
    from letter_audit.serve.app import create_app
    from letter_audit.serve.background import running
    from letter_audit.serve.security import ServeSettings

    files = sorted(p for p in DEV.iterdir() if p.name.startswith("dev_") and not p.name.endswith(".json"))
    files = files[: args.letters]
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(ServeSettings.make(Path(tmp) / "store.sqlite"), nlp=build_pipeline())
        with running(app) as url, httpx.Client(base_url=url, timeout=120) as http:
            token = re.search(r'name="csrf" value="([^"]+)"', http.get("/").text).group(1)  # type: ignore[union-attr]
            began = time.perf_counter()
            response = http.post(
                "/upload", data={"csrf": token}, files=[("files", (p.name, p.read_bytes())) for p in files]
            )
            upload_s = time.perf_counter() - began
            ids = [int(i) for i in response.headers["location"].split("added=", 1)[1].split(",")]
            page_times = []
            for item in ids:
                began = time.perf_counter()
                assert http.get(f"/letters/{item}").status_code in (200, 422)
                page_times.append(time.perf_counter() - began)
            inbox = app.state.inbox
            first = inbox.get(ids[0])
            report = Report.model_validate_json(http.get(f"/letters/{ids[0]}/report.json").text)
            while len(inbox.listing()) < args.inbox:
                row = inbox.add(sha256=f"bench{time.perf_counter_ns()}", filename=first.filename, data=b"x")
                inbox.set_report(row, report, "text")
            inbox_times = []
            for _ in range(5):
                began = time.perf_counter()
                assert http.get("/").status_code == 200
                inbox_times.append(time.perf_counter() - began)

    print("| step | value |\n|---|---:|")
    per_letter = upload_s / len(files)
    print(f"| upload + check {len(files)} letters, one drop | {upload_s:.2f} s ({per_letter:.3f} s/letter) |")
    print(f"| letter page, median of {len(page_times)} | {statistics.median(page_times):.3f} s |")
    print(f"| letter page, slowest | {max(page_times):.3f} s |")
    print(f"| inbox page with {args.inbox} letters, median of 5 | {statistics.median(inbox_times):.3f} s |")


if __name__ == "__main__":
    main()
