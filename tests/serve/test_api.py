"""The web page over HTTP (TestClient): inbox order, letter view, download, done flag, errors."""

from __future__ import annotations

import json
import logging
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from letter_audit.store import ResultStore

from .conftest import ROUTINE_LETTER, URGENT_LETTER, MakeClient, csrf_of, upload


def _inbox_names(html: str) -> list[str]:
    """File names in inbox order (only the table of open letters)."""
    table = html.split('<table class="inbox"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/letters/\d+">([^<]+)</a>', table)


def test_upload_two_letters_lists_most_urgent_first(client: TestClient) -> None:
    location = upload(
        client, [("routine.txt", ROUTINE_LETTER.encode()), ("urgent.txt", URGENT_LETTER.encode())]
    )
    assert location == "/?added=1,2"
    html = client.get(location).text
    assert "Checked 2 letters." in html
    assert _inbox_names(html) == ["urgent.txt", "routine.txt"]
    row = html.split('data-id="2"', 1)[1].split("</tr>", 1)[0]
    assert "Urgent" in row and "Poor" in row and "40/100" in row
    # medication changes, GP actions, inappropriate, missing
    assert re.findall(r'<td class="num[^"]*">(\d+)</td>', row) == ["1", "1", "1", "1"]


def test_same_file_twice_is_one_inbox_row(client: TestClient) -> None:
    upload(client, [("a.txt", ROUTINE_LETTER.encode())])
    assert upload(client, [("copy-of-a.txt", ROUTINE_LETTER.encode())]) == "/?added=1"
    assert _inbox_names(client.get("/").text) == ["a.txt"]


def test_letter_view_highlights_and_links_findings(client: TestClient) -> None:
    upload(client, [("urgent.txt", URGENT_LETTER.encode())])
    html = client.get("/letters/1").text
    # The evidence run is marked, and its start carries the anchor the panel links to.
    assert '<span class="anchor" id="ev-med-0"></span>' in html
    assert re.search(
        r'<mark class="hl hl-med[^"]*" data-f="med-0[^"]*">ramipril started 2.5 mg once daily</mark>', html
    )
    assert '<a class="goto" href="#ev-med-0" data-target="med-0">Start ramipril</a>' in html
    assert (
        '<a class="goto" href="#ev-act-0" data-target="act-0">refer him to dermatology for the rash</a>'
        in html
    )
    assert "Inappropriate (onward_referral: onward referral is the hospital&#39;s job)" in html
    assert "<li>contact point</li>" in html
    assert "Clear point of contact" in html and "not met" in html
    # Letter text outside evidence is escaped and present.
    assert "Re: Mr Ben Sample, NHS number 999 000 0002" in html


def test_action_list_copy_text(client: TestClient) -> None:
    upload(client, [("urgent.txt", URGENT_LETTER.encode())])
    html = client.get("/letters/1").text
    block = re.search(r'<pre class="copy-source" id="action-text">(.*?)</pre>', html, re.S)
    assert block is not None
    assert block.group(1) == (
        "Medication changes:\n"
        "- Start ramipril (2.5 mg once daily)\n"
        "\n"
        "Actions for the practice:\n"
        "- refer him to dermatology for the rash [query with hospital: onward_referral]"
    )
    assert 'id="copy-reply"' in html


def test_report_json_download(client: TestClient) -> None:
    upload(client, [("routine.txt", ROUTINE_LETTER.encode())])
    response = client.get("/letters/1/report.json")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="letter-1-report.json"'
    body = json.loads(response.text)
    assert body["schema_version"] == "1"
    assert body["source"]["path"] == "routine.txt"
    assert [m["drug"] for m in body["medication_changes"]] == ["aspirin"]


def test_reports_live_in_the_shared_store(client: TestClient) -> None:
    upload(client, [("routine.txt", ROUTINE_LETTER.encode())])
    settings = client.settings  # type: ignore[attr-defined]
    with ResultStore(settings.db) as store:
        assert store.count() == 1
    con = sqlite3.connect(settings.db)
    data, filename = con.execute("SELECT data, filename FROM serve_inbox").fetchone()
    con.close()
    assert (bytes(data), filename) == (ROUTINE_LETTER.encode(), "routine.txt")


def test_mark_done_and_undo(client: TestClient) -> None:
    upload(client, [("routine.txt", ROUTINE_LETTER.encode()), ("urgent.txt", URGENT_LETTER.encode())])
    token = csrf_of(client.get("/").text)
    done = client.post("/letters/2/done", data={"csrf": token, "done": "1"}, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/")
    html = client.get("/").text
    assert _inbox_names(html) == ["routine.txt"]
    assert "Done today (1)" in html
    client.post("/letters/2/done", data={"csrf": token, "done": "0", "back": "letter"})
    assert _inbox_names(client.get("/").text) == ["urgent.txt", "routine.txt"]


def test_unreadable_upload_shows_its_code(client: TestClient) -> None:
    upload(client, [("empty.pdf", b""), ("ok.txt", ROUTINE_LETTER.encode())])
    html = client.get("/?added=1,2").text
    assert "1 file could not be checked" in html
    assert '<span class="filename">empty.pdf</span>: <span class="code">LA103</span> file is empty' in html
    page = client.get("/letters/1")
    assert page.status_code == 422
    assert "LA103" in page.text
    body = client.get("/letters/1/report.json").json()
    assert body["error"] == {"code": "LA103", "message": "file is empty"}


def test_bug_in_checking_is_la900_not_a_crash(make_client: MakeClient) -> None:
    def broken(letter: object) -> object:
        raise RuntimeError("boom with letter text inside")

    client = make_client(auditor=broken)
    upload(client, [("a.txt", ROUTINE_LETTER.encode())])
    assert '<span class="code">LA900</span>' in client.get("/?added=1").text


def test_unknown_letter_is_404(client: TestClient) -> None:
    assert client.get("/letters/99").status_code == 404
    assert client.get("/letters/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_filename_is_never_a_path(client: TestClient) -> None:
    upload(
        client, [("../../etc/passwd", ROUTINE_LETTER.encode()), ("C:\\temp\\x.txt", URGENT_LETTER.encode())]
    )
    assert _inbox_names(client.get("/").text) == ["x.txt", "passwd"]


def test_static_files_cannot_escape(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    upload(client, [("urgent.txt", URGENT_LETTER.encode())])
    for path in ("/", "/letters/1"):
        response = client.get(path)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        links = re.findall(r'(?:src|href)="([^"#]+)"', response.text)
        assert links and all(link.startswith("/") or link.startswith("data:") for link in links), links


def test_letter_text_never_reaches_the_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    upload(client, [("urgent.txt", URGENT_LETTER.encode())])
    client.get("/letters/1")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /letters/1 200" in logged
    for line in URGENT_LETTER.splitlines():
        assert line not in logged


def test_corrupt_pdf_gets_the_cli_code(client: TestClient) -> None:
    upload(client, [("scan.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")])
    html = client.get("/?added=1").text
    assert '<span class="filename">scan.pdf</span>: <span class="code">LA102</span> PDF is truncated' in html


def test_unknown_page_is_html_404(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def test_page_bug_is_la900_and_logs_no_text(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from letter_audit.serve import app as app_module

    upload(client, [("urgent.txt", URGENT_LETTER.encode())])

    def broken(report: object, text: str) -> object:
        raise ValueError(text)  # a message quoting the letter must not reach the log

    monkeypatch.setattr(app_module, "build_view", broken)
    caplog.set_level(logging.INFO)
    response = client.get("/letters/1")
    assert (response.status_code, response.text) == (
        500,
        "LA900 internal error while showing this page (please report it).",
    )
    assert "GET /letters/1: internal error (ValueError)" in caplog.text
    assert "Ben Sample" not in caplog.text


def test_letter_is_checked_again_when_the_store_has_no_report(client: TestClient) -> None:
    # A new standard version (or a cleared store) leaves the inbox row without a report.
    upload(client, [("urgent.txt", URGENT_LETTER.encode())])
    con = sqlite3.connect(client.settings.db)  # type: ignore[attr-defined]
    with con:
        con.execute("DELETE FROM results")
    con.close()
    response = client.get("/letters/1")
    assert response.status_code == 200
    assert "Start ramipril" in response.text
    with ResultStore(client.settings.db) as store:  # type: ignore[attr-defined]
        assert store.count() == 1
