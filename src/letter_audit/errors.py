"""One error tree for everything a user can get wrong, each with a stable code.

Codes are part of the public contract: batch output, the web page and scripts match on them, so a
code keeps its meaning forever. New failures get new codes.
"""

from __future__ import annotations


class LetterAuditError(Exception):
    """Base of every error letter-audit reports to a user."""

    code: str = "LA900"
    default_message: str = "unexpected error"

    def __init__(self, message: str | None = None, *, path: str | None = None) -> None:
        self.message = message or self.default_message
        self.path = path
        super().__init__(self.message)

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.code} {self.message}"


# -- LA1xx: the input file -------------------------------------------------------------------------
class InputError(LetterAuditError):
    code = "LA100"
    default_message = "cannot read this file"


class FileMissing(InputError):
    code = "LA100"
    default_message = "file not found"


class EncryptedPdf(InputError):
    code = "LA101"
    default_message = "PDF is password-protected; save an unprotected copy and try again"


class CorruptPdf(InputError):
    code = "LA102"
    default_message = "PDF is damaged or truncated and cannot be opened"


class EmptyFile(InputError):
    code = "LA103"
    default_message = "file is empty"


class UnsupportedType(InputError):
    code = "LA104"
    default_message = "unsupported file type (expected PDF, DOCX, text, HTML or RTF)"


class TooLarge(InputError):
    code = "LA105"
    default_message = "file is over the size limit"


class CorruptDocx(InputError):
    code = "LA106"
    default_message = "DOCX is damaged or is not a Word document"


class ZipBomb(InputError):
    code = "LA107"
    default_message = "DOCX inflates far beyond its size (possible zip bomb); refused"


class BinaryJunk(InputError):
    code = "LA108"
    default_message = "file is binary data, not a letter"


class OcrUnavailable(InputError):
    code = "LA109"
    default_message = (
        "scanned PDF needs OCR but Tesseract is not installed; install it with "
        "'apt-get install tesseract-ocr' and try again"
    )


class ReadTimeout(InputError):
    code = "LA110"
    default_message = "reading the file took longer than the time limit"


class NoText(InputError):
    code = "LA111"
    default_message = "no text could be found in this file"


class EncryptedDocx(InputError):
    code = "LA112"
    default_message = "Word document is password-protected; save an unprotected copy and try again"


class TooLittleText(InputError):
    """The file reads, but holds too few words to be a letter (a stray note, a mislabelled file).

    Scoring a few words would give a 0/100 "letter" that wastes a practice's triage time.
    """

    code = "LA113"
    default_message = "the file holds too little text to be a letter"


# -- LA2xx: the standard (criteria file) -----------------------------------------------------------
class StandardError(LetterAuditError):
    code = "LA200"
    default_message = "the standard file is not valid"


class StandardMissing(StandardError):
    code = "LA201"
    default_message = "the standard file was not found"


class StandardSyntax(StandardError):
    code = "LA202"
    default_message = "the standard file is not valid YAML"


class StandardInvalid(StandardError):
    code = "LA203"
    default_message = "the standard file does not follow the standard's format"


# -- LA3xx: the shipped pipeline and its data ------------------------------------------------------
class ModelError(LetterAuditError):
    code = "LA300"
    default_message = "the pipeline or one of its data files is missing or invalid"


# -- LA4xx: the results store ----------------------------------------------------------------------
class StoreError(LetterAuditError):
    code = "LA400"
    default_message = "the results store cannot be opened"


# -- LA9xx: a bug in letter-audit ------------------------------------------------------------------
class InternalError(LetterAuditError):
    code = "LA900"
    default_message = "internal error while checking this letter (please report it; run with --debug)"
