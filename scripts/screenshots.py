"""Screenshots of the web page for the README: the inbox and one letter, in Debian's Chromium.

    python scripts/screenshots.py            # writes docs/screenshots/inbox.png and letter.png

Uses invented letters from fixtures/letters/dev and a pipeline built in memory from the data files
under models/ (nothing is saved). The page runs on a free 127.0.0.1 port and stops at the end.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures" / "letters" / "dev"
OUT = ROOT / "docs" / "screenshots"
LETTERS = [
    "dev_001_cardiology_hf_discharge.pdf",
    "dev_002_respiratory_copd_discharge.txt",
    "dev_003_ortho_knee_clinic.txt",
    "dev_006_sdec_chest_pain.txt",
    "dev_012_derm_isotretinoin_clinic.docx",
    "dev_014_oncology_capecitabine_clinic.pdf",
]
SHOWN = "dev_012_derm_isotretinoin_clinic.docx"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from letter_audit.pipeline import build_pipeline
    from letter_audit.serve.app import create_app
    from letter_audit.serve.background import running
    from letter_audit.serve.security import ServeSettings

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / "faxed_discharge_scan.pdf"
        broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # a truncated PDF, to show an error
        files = [str(DEV / name) for name in LETTERS] + [str(broken)]
        app = create_app(ServeSettings.make(Path(tmp) / "store.sqlite"), nlp=build_pipeline())
        with running(app) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 860}, base_url=url)
            page.goto("/")
            page.set_input_files("#files", files)
            page.click("#upload-button")
            page.wait_for_url(re.compile(r"/\?added="))
            page.screenshot(path=str(OUT / "inbox.png"), full_page=True)

            page.click(f"text={SHOWN}")
            page.wait_for_url(re.compile(r"/letters/\d+$"))
            flagged = page.locator(".finding.flagged a.goto").first
            (flagged if flagged.count() else page.locator("a.goto").first).click()
            page.wait_for_timeout(800)  # let the smooth scroll finish
            page.screenshot(path=str(OUT / "letter.png"))
            browser.close()
    print(f"wrote {OUT / 'inbox.png'} and {OUT / 'letter.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
