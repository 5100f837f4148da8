"""Build the shipped spaCy pipeline from the data files under models/ and save it to models/pipeline.

Run after changing any rule, lexicon or heading file:  python scripts/build_pipeline.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from letter_audit.paths import models_dir
from letter_audit.pipeline import build_pipeline, save_pipeline


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else models_dir() / "pipeline"
    nlp = build_pipeline()
    if out.exists():
        shutil.rmtree(out)
    save_pipeline(nlp, out)
    print(f"saved pipeline {nlp.pipe_names} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
