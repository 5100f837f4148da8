"""What keeps the page on this machine: loopback default, token rule, Host check, CSRF, upload limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from letter_audit.serve.security import RemoteRefused, ServeSettings, is_loopback

from .conftest import ROUTINE_LETTER, MakeClient, csrf_of, upload


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_token(host: str) -> None:
    settings = ServeSettings.make(Path("x.sqlite"), host=host)
    assert is_loopback(host)
    assert settings.token is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "surgery-pc.local"])
def test_other_hosts_are_refused_without_allow_remote(host: str) -> None:
    with pytest.raises(RemoteRefused, match="not a loopback address"):
        ServeSettings.make(Path("x.sqlite"), host=host)


def test_allow_remote_makes_a_fresh_token() -> None:
    first = ServeSettings.make(Path("x.sqlite"), host="0.0.0.0", allow_remote=True)
    second = ServeSettings.make(Path("x.sqlite"), host="0.0.0.0", allow_remote=True)
    assert first.token and second.token and first.token != second.token
    assert len(first.token) >= 32


def test_loopback_page_refuses_other_host_names(client: TestClient) -> None:
    # A DNS name pointed at 127.0.0.1 by another site (DNS rebinding) must not reach the page.
    response = client.get("/", headers={"host": "attacker.example:8765"})
    assert response.status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


@pytest.fixture
def remote(make_client: MakeClient) -> Iterator[TestClient]:
    yield make_client(host="0.0.0.0", allow_remote=True)


def test_remote_page_needs_the_token(remote: TestClient) -> None:
    token = remote.settings.token  # type: ignore[attr-defined]
    for path in ("/", "/static/style.css", "/letters/1", "/letters/1/report.json"):
        assert remote.get(path).status_code == 403, path
    assert remote.get("/?token=wrong").status_code == 403
    assert remote.get("/?token=caf\u00e9").status_code == 403
    assert remote.post("/upload", files={"files": ("a.txt", b"x")}).status_code == 403
    assert remote.get("/", headers={"x-letter-audit-token": token}).status_code == 200


def test_remote_token_from_link_becomes_a_cookie(remote: TestClient) -> None:
    token = remote.settings.token  # type: ignore[attr-defined]
    first = remote.get(f"/?token={token}&added=1", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/?added=1"  # the token leaves the address bar
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"la_token={token};") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert remote.get("/").status_code == 200  # cookie kept by the client
    upload(remote, [("a.txt", ROUTINE_LETTER.encode())])


def test_upload_without_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/")  # sets the CSRF cookie
    files = {"files": ("a.txt", ROUTINE_LETTER.encode())}
    assert client.post("/upload", files=files).status_code == 403
    assert client.post("/upload", data={"csrf": "x" * 43}, files=files).status_code == 403
    assert "No letters waiting" in client.get("/").text


def test_post_from_another_origin_is_refused(client: TestClient) -> None:
    token = csrf_of(client.get("/").text)
    response = client.post(
        "/upload",
        data={"csrf": token},
        files={"files": ("a.txt", ROUTINE_LETTER.encode())},
        headers={"origin": "http://attacker.example"},
    )
    assert response.status_code == 403


def test_done_without_csrf_changes_nothing(client: TestClient) -> None:
    upload(client, [("a.txt", ROUTINE_LETTER.encode())])
    assert client.post("/letters/1/done", data={"done": "1"}).status_code == 403
    assert "Mark done: a.txt" in client.get("/").text


def test_csrf_cookie_is_strict(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith("la_csrf=") and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_upload_over_the_limit_is_refused_with_la105(make_client: MakeClient) -> None:
    client = make_client(max_upload_mb=0.1)  # 104,857 bytes
    token = csrf_of(client.get("/").text)
    response = client.post(
        "/upload", data={"csrf": token}, files={"files": ("big.txt", b"a" * 120_000)}, follow_redirects=False
    )
    assert response.status_code == 413
    assert '<span class="code">LA105</span> upload is over the 0.1 MB limit' in response.text
    assert "No letters waiting" in client.get("/").text
    upload(client, [("small.txt", ROUTINE_LETTER.encode())])  # under the limit still works


def test_upload_limit_holds_without_content_length(make_client: MakeClient) -> None:
    client = make_client(max_upload_mb=0.1)
    token = csrf_of(client.get("/").text)

    def chunks() -> Iterator[bytes]:  # streamed, so no Content-Length header is sent
        yield b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + token.encode() + b"\r\n"
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
        for _ in range(20):
            yield b"a" * 10_000
        yield b"\r\n--b--\r\n"

    response = client.post(
        "/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413
    assert "LA105" in response.text


def test_large_upload_stays_in_memory(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    import starlette.formparsers

    rolled: list[bool] = []

    class Recording(tempfile.SpooledTemporaryFile):  # type: ignore[type-arg]
        def close(self) -> None:
            rolled.append(bool(self._rolled))  # True when the part was written to a disk file
            super().close()

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", Recording)
    big = ROUTINE_LETTER.encode() + b"padding line of the letter\n" * 80_000  # about 2 MB
    upload(client, [("long.txt", big)])
    assert rolled == [False]
