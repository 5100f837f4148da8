"""Batch throughput, memory and the PDF/tokenizer baselines, side by side in one run (issue 6).

    python benchmarks/bench_batch.py [--corpus DIR] [--n 1000] [--seed 7] [--jobs 1,2]

Without --corpus, generates N letters (a third each text, DOCX, PDF) into benchmarks/corpus/batch-N-SEED/
(git-ignored) with scripts/make_bench_corpus.py, or, where that script is missing, from the dev fixture
sources. Then, each in a fresh child process so memory is measured per run:

  audit      letter_audit.batch.run_batch over the text, DOCX and PDF letters, with 1 and 2 jobs
             (letters/s; peak RSS of every worker, sampled from /proc, and its growth over the run)
  pdfplumber bare pdfplumber extract_text() over the same PDFs (ratio = audit time / pdfplumber time)
  tokenizer  spacy.blank("en") make_doc over the same texts, median of 5 passes
             (ratio = audit time / tokenizer time)
  cold check `letter-audit check` of one letter in a new process (best of 3): the entry point under
             this interpreter, and the `letter-audit` on PATH (which may be a launcher such as a pyenv shim)

Every audit run writes to a fresh results store, as a real batch does. Wall-clock rates on a busy
machine say little about scaling, so each run also records its CPU seconds (the process and its
workers, over the timed part only) and the table adds an idle-machine estimate of the 2-job speedup,
2 x CPU(1 job) / CPU(2 jobs). --fresh-pipeline builds the pipeline from the data files when the saved
models/pipeline is out of date.

Prints a table against the targets and writes JSON to benchmarks/results/. Run by hand, not in CI.
Targets: PDF ratio <= 0.25; text <= 3x tokenizer; 2 jobs >= 1.8x 1 job; peak RSS <= 300 MB per
worker and flat; cold check <= 1.5 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("txt", "docx", "pdf")
MB = 1024 * 1024


# -- the corpus ---------------------------------------------------------------------------------------
def _fallback_corpus(out: Path, n: int, seed: int) -> None:
    """N letters (a third each as text, DOCX, PDF) from the dev sources, each with unique bytes."""
    spec = importlib.util.spec_from_file_location("build_fixtures", ROOT / "scripts/build_fixtures.py")
    assert spec and spec.loader
    bf = importlib.util.module_from_spec(spec)
    sys.modules["build_fixtures"] = bf
    spec.loader.exec_module(bf)
    sources = [bf.read_source(p) for p in sorted((ROOT / "fixtures/sources/dev").glob("*.txt"))]
    sources = [s for s in sources if s.meta.format != "scan"]
    rng = random.Random(seed)
    for i in range(n):
        fmt = FORMATS[i % len(FORMATS)]
        src = rng.choice(sources)
        items = [*src.items, bf.Item(kind="paragraph", lines=[f"Letter reference BENCH-{seed}-{i:05d}"])]
        varied = dataclasses.replace(src, meta=src.meta.model_copy(update={"format": fmt}), items=items)
        target = out / fmt / f"bench_{i:05d}.{fmt}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bf.RENDERERS[fmt](varied))


def make_corpus(out: Path, n: int, seed: int) -> None:
    if out.is_dir() and sum(1 for _ in out.rglob("*.*")) >= n:
        return
    out.mkdir(parents=True, exist_ok=True)
    generator = ROOT / "scripts/make_bench_corpus.py"
    if generator.exists():
        mix = ",".join(f"{f}=1" for f in FORMATS)  # a third each, so the formats compare on equal counts
        cmd = [sys.executable, str(generator), str(out), "--n", str(n), "--seed", str(seed), "--mix", mix]
        subprocess.run(cmd, check=True)
    else:
        _fallback_corpus(out, n, seed)


def by_format(corpus: Path) -> dict[str, list[Path]]:
    from letter_audit.batch import discover

    groups: dict[str, list[Path]] = {f: [] for f in FORMATS}
    for path in discover(corpus):
        ext = path.suffix.lower().lstrip(".")
        if ext in groups:
            groups[ext].append(path)
    return groups


# -- child-process runs (invoked as: bench_batch.py --child KIND ARGS) ------------------------------
def _child(kind: str, jobs: int, list_file: Path) -> dict[str, Any]:
    paths = [Path(p) for p in list_file.read_text().splitlines() if p]
    if kind == "audit":
        import letter_audit.batch as batch
        from letter_audit.pipeline import load_pipeline
        from letter_audit.store import ResultStore

        plain = batch.audit_file

        def traced(path: Any, standard_path: Any = None) -> dict[str, Any]:
            # each worker reports its own RSS after every letter, to see whether it grows
            result = plain(path, standard_path)
            result["_bench"] = (os.getpid(), _rss(os.getpid()))
            return result

        batch.audit_file = traced  # type: ignore[assignment]
        if os.environ.get("BENCH_FRESH_PIPELINE"):
            import letter_audit.pipeline as pipeline

            nlp = pipeline.build_pipeline()
            pipeline.load_pipeline = lambda *a, **k: nlp  # type: ignore[assignment]
        else:
            load_pipeline()
        # a real run writes every result to the store, so the benchmark does too (a fresh one)
        db = list_file.with_suffix(".sqlite")
        for leftover in list_file.parent.glob(db.name + "*"):
            leftover.unlink()
        store = ResultStore(db)
        start, cpu0 = time.perf_counter(), _cpu_self_and_children()
        failed = 0
        series: dict[int, list[int]] = {}
        for event in batch.run_batch(paths, store=store, jobs=jobs):
            failed += event.kind == "failed"
            pid, rss = event.result["_bench"]
            series.setdefault(pid, []).append(rss or 0)
        seconds = time.perf_counter() - start
        cpu = _cpu_self_and_children() - cpu0
        store.close()
        growth = {}
        for pid, values in series.items():
            # after the first tenth of its letters (warm-up) to its last letter
            warm = values[len(values) // 10] if values else 0
            growth[str(pid)] = {
                "letters": len(values),
                "after_warmup_mb": warm / MB,
                "last_mb": values[-1] / MB,
                "peak_mb": max(values) / MB,
            }
        return {
            "seconds": seconds,
            "cpu_s": cpu,
            "letters": len(paths),
            "failed": failed,
            "per_worker": growth,
        }
    if kind == "pdfplumber":
        import pdfplumber

        start, cpu0 = time.perf_counter(), _cpu_self_and_children()
        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
        cpu = _cpu_self_and_children() - cpu0
        return {"seconds": time.perf_counter() - start, "cpu_s": cpu, "letters": len(paths)}
    if kind == "tokenizer":
        import spacy

        nlp = spacy.blank("en")
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
        # one pass takes well under a second, so take the median of five to damp the noise
        passes = []
        for _ in range(5):
            start, cpu0 = time.perf_counter(), _cpu_self_and_children()
            for text in texts:
                nlp.make_doc(text)
            passes.append((time.perf_counter() - start, _cpu_self_and_children() - cpu0))
        seconds, cpu = sorted(passes)[2]
        return {"seconds": seconds, "cpu_s": cpu, "letters": len(paths)}
    raise SystemExit(f"unknown child kind {kind}")


def _rss(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            out.extend(int(c) for c in text)
    except OSError:
        pass
    return out


def _cpu_self_and_children() -> float:
    """CPU seconds of this process plus its finished, waited-for workers (a pool's, after join)."""
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def run_child(kind: str, jobs: int, paths: list[Path], tmp: Path) -> dict[str, Any]:
    """Run one measurement in a new process, sampling the RSS of it and its workers every 0.1 s."""
    list_file = tmp / f"{kind}-{jobs}-{len(paths)}.lst"
    list_file.write_text("\n".join(map(str, paths)))
    cmd = [sys.executable, __file__, "--child", kind, str(jobs), str(list_file)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    samples: dict[int, list[tuple[float, int]]] = {}
    done = threading.Event()

    def sample() -> None:
        t0 = time.monotonic()
        while not done.is_set():
            for pid in [proc.pid, *_children(proc.pid)]:
                rss = _rss(pid)
                if rss:
                    samples.setdefault(pid, []).append((time.monotonic() - t0, rss))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{kind} with {jobs} jobs failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    workers = [pid for pid in samples if pid != proc.pid] or [proc.pid]
    peaks, growth = [], []
    for pid in workers:
        series = [rss for _, rss in samples[pid]]
        peaks.append(max(series) / MB)
        if len(series) >= 10:
            k = max(1, len(series) // 5)
            # middle fifth after warm-up against the last fifth: growth during steady work
            early = sum(series[k : 2 * k]) / k
            late = sum(series[-k:]) / k
            growth.append((late - early) / MB)
    if "per_worker" in result:
        growth = [w["last_mb"] - w["after_warmup_mb"] for w in result["per_worker"].values()]
    result.update(
        rate=result["letters"] / result["seconds"] if result["seconds"] else None,
        peak_rss_mb=max(peaks) if peaks else None,
        parent_peak_rss_mb=max(r for _, r in samples.get(proc.pid, [(0, 0)])) / MB,
        rss_growth_mb=max(growth) if growth else None,
        workers=len(workers),
    )
    return result


_ENTRY = "import sys; from letter_audit.cli import main; sys.argv[0] = 'letter-audit'; sys.exit(main())"


def cold_check(letter: Path, *, via_path: bool = False) -> float | None:
    """Best of 3 wall-clock seconds for a new ``letter-audit check`` process; None if it fails.

    By default the command's entry point runs under this interpreter, as the installed console script
    does; ``via_path`` runs whatever ``letter-audit`` is on PATH instead, which may be a launcher (a
    pyenv shim adds about half a second of its own on the build machine)."""
    cmd = ["letter-audit"] if via_path else [sys.executable, "-c", _ENTRY]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run([*cmd, "check", str(letter)], capture_output=True, check=False)
        if done.returncode != 0:
            print(f"cold check failed: {done.stderr.decode(errors='replace').strip()}", file=sys.stderr)
            return None
        best = min(best, time.perf_counter() - start)
    return best


# -- the run ------------------------------------------------------------------------------------------
def _fmt(x: float | None, spec: str = ".1f") -> str:
    return "-" if x is None else format(x, spec)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, help="A folder of letters (default: generate one)")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", default="1,2", help="Comma-separated job counts")
    parser.add_argument("--limit", type=int, default=0, help="At most this many letters per format")
    parser.add_argument("--formats", default=",".join(FORMATS), help="Comma-separated: txt,docx,pdf")
    parser.add_argument(
        "--fresh-pipeline",
        action="store_true",
        help="Build the pipeline in memory from the data files instead of loading models/pipeline",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, jobs, list_file = args.child
        print(json.dumps(_child(kind, int(jobs), Path(list_file))))
        return 0

    if args.fresh_pipeline:
        os.environ["BENCH_FRESH_PIPELINE"] = "1"
    corpus = args.corpus or ROOT / f"benchmarks/corpus/batch-{args.n}-{args.seed}"
    if args.corpus is None or not corpus.exists():
        make_corpus(corpus, args.n, args.seed)
    groups = by_format(corpus)
    wanted = set(args.formats.split(","))
    groups = {f: (ps[: args.limit] if args.limit else ps) if f in wanted else [] for f, ps in groups.items()}
    job_counts = [int(j) for j in args.jobs.split(",")]
    tmp = ROOT / "benchmarks/results/tmp"
    tmp.mkdir(parents=True, exist_ok=True)

    load_at_start = os.getloadavg()
    print(f"load average at start: {load_at_start[0]:.1f} on {os.cpu_count()} CPUs", file=sys.stderr)
    runs: dict[str, dict[str, Any]] = {}
    for fmt in FORMATS:
        if not groups[fmt]:
            continue
        for jobs in job_counts:
            runs[f"{fmt}/{jobs}"] = run_child("audit", jobs, groups[fmt], tmp)
            r = runs[f"{fmt}/{jobs}"]
            print(f"  {fmt:<5} jobs={jobs}: {r['letters']} letters, {_fmt(r['rate'])}/s", file=sys.stderr)
    baselines: dict[str, Any] = {}
    if groups["pdf"]:
        baselines["pdfplumber"] = run_child("pdfplumber", 1, groups["pdf"], tmp)
    if groups["txt"]:
        baselines["tokenizer"] = run_child("tokenizer", 1, groups["txt"], tmp)
    sample = next((ps[0] for ps in groups.values() if ps), None)
    cold = cold_check(sample) if sample else None
    cold_path = cold_check(sample, via_path=True) if sample else None

    def ratio(run: str, base: str, key: str = "seconds") -> float | None:
        if run not in runs or base not in baselines or not baselines[base][key]:
            return None
        return float(runs[run][key] / baselines[base][key])

    def cpu_speedup(fmt: str) -> float | None:
        """What 2 jobs would give on an idle machine: 2 x CPU(1 job) / CPU(2 jobs)."""
        one, two = runs.get(f"{fmt}/1"), runs.get(f"{fmt}/2")
        return 2 * one["cpu_s"] / two["cpu_s"] if one and two and two["cpu_s"] else None

    def speedup(fmt: str) -> float | None:
        one, two = runs.get(f"{fmt}/1"), runs.get(f"{fmt}/2")
        return two["rate"] / one["rate"] if one and two and one["rate"] else None

    checks = {
        "pdf_vs_pdfplumber": (ratio("pdf/1", "pdfplumber"), "<=", 0.25),
        "pdf_vs_pdfplumber_cpu": (ratio("pdf/1", "pdfplumber", "cpu_s"), "<=", 0.25),
        "txt_vs_tokenizer": (ratio("txt/1", "tokenizer"), "<=", 3.0),
        "txt_vs_tokenizer_cpu": (ratio("txt/1", "tokenizer", "cpu_s"), "<=", 3.0),
        **{f"speedup_2_jobs_{f}": (speedup(f), ">=", 1.8) for f in FORMATS},
        **{f"idle_estimate_2_jobs_{f}": (cpu_speedup(f), ">=", 1.8) for f in FORMATS},
        "peak_rss_mb_per_worker": (
            max((r["peak_rss_mb"] or 0 for r in runs.values()), default=None),
            "<=",
            300.0,
        ),
        "rss_growth_mb": (max((r["rss_growth_mb"] or 0 for r in runs.values()), default=None), "<=", 20.0),
        "cold_check_s": (cold, "<=", 1.5),
        "cold_check_on_path_s": (cold_path, "<=", 1.5),
    }
    print(f"\ncorpus {corpus}: " + ", ".join(f"{len(v)} {k}" for k, v in groups.items()))
    head = f"{'run':<10}{'letters':>8}{'failed':>8}{'sec':>9}{'CPU s':>8}{'letters/s':>11}"
    print(head + f"{'peak MB':>9}{'growth MB':>10}")
    for name, r in {**runs, **baselines}.items():
        print(
            f"{name:<10}{r['letters']:>8}{r.get('failed', 0):>8}{r['seconds']:>9.2f}{r['cpu_s']:>8.1f}"
            f"{_fmt(r['rate']):>11}"
            f"{_fmt(r['peak_rss_mb']):>9}{_fmt(r['rss_growth_mb']):>10}"
        )
    print(f"\n{'measure':<28}{'value':>9}  target")
    verdicts = {}
    for name, (value, op, target) in checks.items():
        ok = None if value is None else (value <= target if op == "<=" else value >= target)
        verdicts[name] = {"value": value, "target": f"{op} {target}", "met": ok}
        verdict = "-" if ok is None else "met" if ok else "MISSED"
        print(f"{name:<28}{_fmt(value, '.2f'):>9}  {op} {target}  {verdict}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    result = {
        "when": stamp,
        "corpus": str(corpus),
        "letters": {k: len(v) for k, v in groups.items()},
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "runs": runs,
        "baselines": baselines,
        "cold_check_s": cold,
        "cold_check_on_path_s": cold_path,
        "checks": verdicts,
    }
    out = ROOT / f"benchmarks/results/bench_batch-{stamp}.json"
    out.write_text(json.dumps(result, indent=2))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
