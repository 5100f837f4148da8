#!/usr/bin/env bash
# Set up letter-audit on a fresh Debian/Ubuntu machine and run the main job on the shipped letters.
#
#   bash scripts/setup.sh            install everything, then audit fixtures/letters into out/
#   bash scripts/setup.sh --no-demo  install only
#
# Installs the Debian packages it needs (Tesseract for scanned letters, Chromium for the browser tests,
# Java for the Spark adapter) with apt-get, then the Python package with its dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."

demo=1
[ "${1:-}" = "--no-demo" ] && demo=0

sudo_cmd=""
if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi

need=()
for pkg in tesseract-ocr tesseract-ocr-eng chromium poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v java >/dev/null 2>&1 || need+=("openjdk-17-jre-headless")
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "setup: installing letter-audit and its Python dependencies"
python3 -m pip install -q --disable-pip-version-check -e ".[dev]"
# An editable install leaves the sources uncompiled; byte-compile them once so each new process (a cold
# `letter-audit check`) does not (about 0.1-0.2 s a start; harmless where PYTHONDONTWRITEBYTECODE is set).
python3 -m compileall -q src
# With the optional Hyperscan engine installed (the "fast" extra, in dev), compile the batch prefilter's
# database once into the user's cache: batches then skip rules that cannot match a letter (about 5 s of
# CPU here; without it every rule is tried, with the same results).
if python3 -c "import hyperscan" >/dev/null 2>&1; then
  echo "setup: compiling the batch prefilter database"
  python3 -m letter_audit.pipeline.hsprefilter >/dev/null || echo "setup: prefilter not compiled (batches still work, a little slower)"
fi

if [ "$demo" = 1 ]; then
  mkdir -p out
  echo "setup: auditing the shipped letters in fixtures/letters"
  letter-audit batch fixtures/letters --db out/letter-audit.sqlite --out out/results.jsonl --csv out/results.csv
  letter-audit report --db out/letter-audit.sqlite --html out/report.html
  echo "setup: done. Results: out/results.jsonl, out/results.csv; audit report: out/report.html"
fi
