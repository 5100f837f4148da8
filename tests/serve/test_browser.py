"""The page in headless Chromium (Debian's /usr/bin/chromium through Playwright; no browser download).

Drives what practice staff do: upload two letters, see them by priority, open one, follow a finding
to its text, copy the action list and the reply, and upload a damaged file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letter_audit.serve.app import create_app
from letter_audit.serve.background import running
from letter_audit.serve.security import ServeSettings

from .conftest import ROUTINE_LETTER, URGENT_LETTER, fixed_audit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium package not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    settings = ServeSettings.make(tmp_path / "store.sqlite")
    with running(create_app(settings, auditor=fixed_audit)) as url:
        yield url


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800}, base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    # Nothing may be fetched from anywhere but the page itself.
    outside: list[str] = []
    context.on("request", lambda req: outside.append(req.url) if not req.url.startswith(base_url) else None)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    try:
        yield pg
    finally:
        context.close()
    assert outside == []


def _letters(tmp_path: Path) -> list[str]:
    routine = tmp_path / "routine_clinic.txt"
    urgent = tmp_path / "urgent_discharge.txt"
    routine.write_text(ROUTINE_LETTER, encoding="utf-8")
    urgent.write_text(URGENT_LETTER, encoding="utf-8")
    return [str(routine), str(urgent)]


def _upload(page: Any, files: list[str]) -> None:
    page.goto("/")
    page.set_input_files("#files", files)
    page.click("#upload-button")
    page.wait_for_url(re.compile(r"/\?added="))


def test_upload_two_letters_and_see_them_by_priority(page: Any, tmp_path: Path) -> None:
    _upload(page, _letters(tmp_path))
    assert page.inner_text(".notice.ok") == "Checked 2 letters."
    rows = page.locator("table.inbox tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("a").inner_text() == "urgent_discharge.txt"
    assert rows.nth(0).locator(".badge").inner_text() == "Urgent"
    assert rows.nth(1).locator("a").inner_text() == "routine_clinic.txt"
    assert rows.nth(1).locator(".badge").inner_text() == "Routine"


def test_open_a_letter_see_highlights_and_follow_a_finding(page: Any, tmp_path: Path) -> None:
    _upload(page, _letters(tmp_path))
    page.click("text=urgent_discharge.txt")
    page.wait_for_url(re.compile(r"/letters/\d+$"))
    assert page.locator("h1").inner_text() == "urgent_discharge.txt"
    marks = page.locator("#letter-text mark.hl")
    assert marks.all_inner_texts() == [
        "ramipril started 2.5 mg once daily",
        "Please refer him to dermatology",
    ]
    assert page.locator(".finding.flagged .flag").inner_text().startswith("Inappropriate (onward_referral")
    assert page.locator("ul.missing li").all_inner_texts() == ["contact point"]

    page.click("a.goto[data-target='act-0']")
    active = page.locator("mark.hl.active")
    assert active.all_inner_texts() == ["Please refer him to dermatology"]
    page.wait_for_function(
        "() => { const r = document.querySelector('mark.hl.active').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert page.evaluate("location.hash") == "#ev-act-0"


def test_keyboard_reaches_a_finding(page: Any, tmp_path: Path) -> None:
    _upload(page, _letters(tmp_path))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.click("text=urgent_discharge.txt")
    page.focus("a.goto[data-target='med-0']")
    page.keyboard.press("Enter")
    assert page.locator("mark.hl.active").all_inner_texts() == ["ramipril started 2.5 mg once daily"]


def test_copy_action_list_and_reply(page: Any, tmp_path: Path) -> None:
    _upload(page, _letters(tmp_path))
    page.click("text=urgent_discharge.txt")
    page.click("#copy-actions")
    page.wait_for_function("() => document.querySelector('#copy-actions + .copied').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#action-text")
    assert page.evaluate("navigator.clipboard.readText()").startswith("Medication changes:\n- Start ramipril")

    page.click("#copy-reply")
    page.wait_for_function("() => document.querySelector('#copy-reply + .copied').textContent === 'Copied'")
    reply = page.evaluate("navigator.clipboard.readText()")
    assert reply == page.inner_text("#reply-text")
    assert 'You asked: "refer him to dermatology for the rash"' in reply


def test_corrupt_file_shows_its_error(page: Any, tmp_path: Path) -> None:
    broken = tmp_path / "discharge_scan.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    good = _letters(tmp_path)[0]
    _upload(page, [str(broken), good])
    alert = page.locator(".notice.error")
    assert alert.get_attribute("role") == "alert"
    assert "1 file could not be checked" in alert.inner_text()
    assert "discharge_scan.pdf: LA102 PDF is truncated" in alert.inner_text()
    first = page.locator("table.inbox tbody tr").nth(0)
    assert first.locator(".badge").inner_text() == "Unreadable"
    # The good letter in the same upload was still checked.
    assert page.locator("table.inbox tbody tr").count() == 2


def test_mark_done_removes_from_the_list(page: Any, tmp_path: Path) -> None:
    _upload(page, _letters(tmp_path))
    page.click("button[aria-label='Mark done: urgent_discharge.txt']")
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator("table.inbox tbody tr a").all_inner_texts() == ["routine_clinic.txt"]
    assert page.locator("details.done-list summary").inner_text() == "Done today (1)"


def test_drop_letters_onto_the_page(page: Any) -> None:
    page.goto("/")
    page.evaluate(
        """([a, b]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([a], "dropped_routine.txt", { type: "text/plain" }));
            dt.items.add(new File([b], "dropped_urgent.txt", { type: "text/plain" }));
            document.getElementById("upload").dispatchEvent(
                new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
        }""",
        [ROUTINE_LETTER, URGENT_LETTER],
    )
    page.wait_for_url(re.compile(r"/\?added="))
    names = page.locator("table.inbox tbody tr a").all_inner_texts()
    assert names == ["dropped_urgent.txt", "dropped_routine.txt"]
