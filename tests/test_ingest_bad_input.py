"""Bad input is the normal case in a practice inbox: one stable code per failure, never a traceback."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from letter_audit.errors import (
    BinaryJunk,
    EmptyFile,
    FileMissing,
    InputError,
    ReadTimeout,
    TooLarge,
    UnsupportedType,
)
from letter_audit.ingest import read_bytes, read_letter
from letter_audit.ingest.limits import check_deadline, time_limit


def test_missing_file_is_la100(tmp_path: Path) -> None:
    with pytest.raises(FileMissing) as info:
        read_letter(tmp_path / "nope.pdf")
    assert info.value.one_line() == f"{tmp_path / 'nope.pdf'}: LA100 file not found"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t  ", b"\xef\xbb\xbf\n"])
def test_empty_file_is_la103(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(data)
    with pytest.raises(EmptyFile) as info:
        read_letter(path)
    assert info.value.one_line() == f"{path}: LA103 file is empty"


def test_binary_junk_is_la108() -> None:
    junk = bytes((i * 7919) % 256 for i in range(4096))
    with pytest.raises(BinaryJunk) as info:
        read_bytes(junk, "scan0001.dat")
    assert info.value.one_line() == "scan0001.dat: LA108 file is binary data, not a letter"


def test_file_over_the_size_limit_is_la105_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    with pytest.raises(TooLarge) as info:
        read_letter(path, max_bytes=2048)
    assert info.value.code == "LA105"
    assert info.value.message == "file is 0.0 MB, over the 0.00195312 MB size limit"


def test_default_size_limit_is_50_mb() -> None:
    with pytest.raises(TooLarge) as info:
        read_bytes(b"a" * (50 * 1024 * 1024 + 1), "huge.txt")
    assert info.value.message == "file is 50.0 MB, over the 50 MB size limit"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "an old Office file (.doc, .xls or Outlook .msg)"),
        (b"<?xml version='1.0'?><ClinicalDocument/>", "XML that is not an HTML letter"),
        (b'{"resourceType": "Bundle", "entry": []}', "JSON data, not a letter"),
        (b'\xef\xbb\xbf[{"source": "a.pdf", "score": 80}]\n', "JSON data, not a letter"),
    ],
)
def test_unsupported_types_are_la104(data: bytes, what: str) -> None:
    with pytest.raises(UnsupportedType) as info:
        read_bytes(data, "letter.bin")
    assert info.value.code == "LA104"
    assert what in info.value.message


def test_text_that_only_opens_like_json_is_still_a_letter() -> None:
    text = b"[Typed 14/03/2026] Dear Dr Khan, I reviewed Mrs Lee in clinic today; she is well.\n"
    assert "Dear Dr Khan" in read_bytes(text, "letter.txt").text


def test_zip_that_is_not_a_word_document_is_la104() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedType) as info:
        read_bytes(buf.getvalue(), "letter.docx")
    assert info.value.message == "unsupported file type: an Excel workbook, not a letter"


def test_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_letter(tmp_path)
    assert info.value.code == "LA100"


def test_slow_reader_hits_the_time_limit_in_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The alarm interrupts a reader that never reaches a checkpoint."""
    from letter_audit.ingest import text

    def stuck(data: bytes, name: str, builder: object) -> None:
        time.sleep(5)

    monkeypatch.setattr(text, "read_text", stuck)
    started = time.monotonic()
    with pytest.raises(ReadTimeout) as info:
        read_bytes(b"hello", "slow.txt", timeout_s=0.2)
    assert time.monotonic() - started < 2
    assert info.value.one_line() == (
        "slow.txt: LA110 reading took longer than the 0.2 s time limit; the file may be malformed"
    )


def test_time_limit_works_in_a_worker_thread_at_checkpoints() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.1, "x.pdf"):
                for _ in range(100):
                    time.sleep(0.01)
                    check_deadline()
        except ReadTimeout as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join(5)
    assert len(errors) == 1 and errors[0].code == "LA110"


def test_no_time_limit_when_disabled() -> None:
    with time_limit(None):
        check_deadline()
    assert read_bytes(b"ok", "a.txt", timeout_s=None, min_words=0).text == "ok"


def test_a_reader_bug_is_one_line_la900_with_the_cause_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from letter_audit.errors import InternalError
    from letter_audit.ingest import text

    def broken(data: bytes, name: str, builder: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(text, "read_text", broken)
    with pytest.raises(InternalError) as info:
        read_bytes(b"hello", "bug.txt")
    assert info.value.one_line() == (
        "bug.txt: LA900 internal error while reading this TXT (KeyError); please report it; run with --debug"
    )
    assert isinstance(info.value.__cause__, KeyError)


def test_pdf_with_an_owner_password_only_is_read(tmp_path: Path) -> None:
    """Many trusts restrict printing with an owner password; such a PDF opens without one."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "restricted.pdf"
    c = Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0))
    c.drawString(72, 720, "Plan: discharge home")
    c.save()
    assert read_letter(path, min_words=0).text == "Plan: discharge home"


def test_password_protected_word_document_is_la112() -> None:
    """Office wraps an encrypted DOCX in an OLE2 file holding an "EncryptedPackage" stream."""
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 64
    )
    with pytest.raises(InputError) as info:
        read_bytes(ole, "locked.docx")
    assert info.value.one_line() == (
        "locked.docx: LA112 Word document is password-protected; save an unprotected copy and try again"
    )
