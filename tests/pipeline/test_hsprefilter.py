"""The shared Hyperscan prefilter: its pattern translation may only ever widen what a pattern takes,
and without hyperscan (or with an unusable database) scanners behave exactly as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letter_audit.pipeline import hsprefilter, rxfilter
from letter_audit.pipeline.hsprefilter import Prefilter, prefilter_source
from letter_audit.pipeline.rxfilter import Haystack, Scanner

IC = re.IGNORECASE
CP = rb"[\xc2-\xf4][\x80-\xbf]{1,3}"
SPACE = rb"(?:[\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f\x20]|" + CP + rb")"


def test_zero_width_assertions_are_dropped() -> None:
    # \b, ^, $ and look-arounds hold differently at the edges of a pos/endpos range: all dropped.
    assert prefilter_source(r"\bfit\b(?=\s)(?<!no )(?!x)$", IC | re.M) == b"fit"
    assert prefilter_source(r"^\s*note", re.M) == SPACE + b"*note"


def test_letters_are_written_lowercase_whatever_the_flags() -> None:
    # The database scans the lowered text, so "GP" case-sensitive and "gp" caseless are the same bytes.
    assert prefilter_source(r"GP", 0) == prefilter_source(r"gp", IC) == b"gp"
    assert prefilter_source(r"(?-i:[A-C])x", IC) == b"[abc]x"


def test_unicode_classes_take_any_non_ascii_character() -> None:
    assert prefilter_source(r"a\db", 0) == b"a(?:[0123456789]|" + CP + b")b"
    assert prefilter_source("caf\u00e9", IC) == b"caf" + CP


def test_broad_classes_become_any_characters() -> None:
    assert prefilter_source(r"a[^.\n]{0,60}b", IC) == rb"a[\x00-\xff]*b"
    assert prefilter_source(r"a.b", 0) == rb"a[\x00-\xff]+b"


def test_possessive_atomic_lazy_and_backreferences() -> None:
    assert prefilter_source(r"x(?>ab)y", 0) == b"x(?:ab)y"
    assert prefilter_source(r"x(?:ab)++y", 0) == b"x(?:ab)+y"
    assert prefilter_source(r"x(?:ab){2,3}?y", 0) == b"x(?:ab){2,3}y"
    assert prefilter_source(r"(ab)x\1", 0) == rb"(?:ab)x[\x00-\xff]*"


def test_refused_patterns_have_no_prefilter() -> None:
    assert prefilter_source(r"(?:x)?", 0) is None  # matches the empty string: would match every text
    assert prefilter_source(r"\bx", re.ASCII) is None  # another idea of a word character
    assert prefilter_source(r"(", 0) is None  # not a pattern


hs = pytest.importorskip("hyperscan")

PATTERNS = [
    r"\bfit\s+note\b",
    r"(?m)^\s*plan\s*:",
    r"(?<!no\s)\breview(?:ed)?\s+in\s+\d+\s+weeks?\b",
    r"\b(?:I|we)\s+will\s+(?!not\b)\w+",
    r"(?-i:[A-Z][a-z]+)\s+clinic",
    r"\bcaf\u00e9\b",
    r"\bd/c\b",
    r"\b(\w+)\s+\1\b",
]
TEXTS = [
    "Fit note issued. Plan: review in 6 weeks.\nPLAN : none",
    "We will NOT see her. I will arrange bloods; we will review.",
    "Seen in the Diabetes clinic at the Caf\u00c9 today, d/c home the the next day.",
    "No review in 2 weeks. \u0130ndeed \u212aelvin \u00fcber",
    "",
]


def _database(patterns: list[str]) -> tuple[Prefilter, list[re.Pattern[str]]]:
    pre = Prefilter()
    compiled = [re.compile(p, IC) for p in patterns]
    for rx in compiled:
        pre.register(rx.pattern, rx.flags)
    return pre, compiled


def test_every_match_in_any_range_is_a_prefilter_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    pre, compiled = _database(PATTERNS)
    assert pre.build(compile_missing=True) and pre.source == "compiled"
    assert all(pre.slot(rx.pattern, rx.flags) is not None for rx in compiled)
    for text in TEXTS:
        hits = pre.hits(Haystack(text).low)
        for rx in compiled:
            slot = pre.slot(rx.pattern, rx.flags)
            assert slot is not None
            ranged = any(
                rx.search(text, pos, end)
                for pos in range(0, len(text) + 1, 3)
                for end in (len(text), pos + 12)
            )
            if ranged or rx.search(text):
                assert hits[slot] == 1, (rx.pattern, text)
    # and it does skip: no fit note in the second text
    fit = pre.slot(compiled[0].pattern, compiled[0].flags)
    assert fit is not None and pre.hits(Haystack(TEXTS[1]).low)[fit] == 0


def test_a_source_hyperscan_refuses_is_left_out() -> None:
    db, kept = hsprefilter.compile_database(hs, {3: b"fit", 7: b"(?<!x", 9: b"note"})
    assert db is not None and kept == [3, 9]
    found = bytearray(10)
    db.scan(b"a note", match_event_handler=hsprefilter._mark, context=found)
    assert list(found) == [0] * 9 + [1]


def test_the_database_is_saved_and_loaded_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    first, _ = _database(PATTERNS[:3])
    assert first.build(compile_missing=True) and first.source == "compiled"
    assert len(list(tmp_path.glob("hsprefilter-*.db"))) == 1
    second, compiled = _database(PATTERNS[:3])
    assert second.slot(compiled[0].pattern, compiled[0].flags) is None  # nothing loaded until built
    assert second.build() and second.source == "cache"  # loaded, not compiled
    assert second.slot(compiled[0].pattern, compiled[0].flags) is not None


def test_a_saved_database_serves_any_set_of_its_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    first, made = _database(PATTERNS[:3])
    first.build(compile_missing=True)
    other, compiled = _database([PATTERNS[1], PATTERNS[5]])
    assert other.build() and other.source == "cache"
    assert other.slot(compiled[0].pattern, compiled[0].flags) is not None
    assert other.slot(compiled[1].pattern, compiled[1].flags) is None  # not in the file: never skipped
    assert other.build(compile_missing=True) is True and other.source == "compiled"
    assert all(other.slot(rx.pattern, rx.flags) is not None for rx in compiled)
    third, _ = _database(PATTERNS[:3])  # the file kept the first process's patterns too
    assert third.build() and all(third.slot(rx.pattern, rx.flags) is not None for rx in made)
    assert len(list(tmp_path.glob("hsprefilter-*.db"))) == 1


def test_no_cache_and_no_compile_means_no_prefilter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    pre, compiled = _database(PATTERNS[:2])
    assert not pre.build()  # only a batch compiles
    assert pre.slot(compiled[0].pattern, compiled[0].flags) is None
    assert not pre.ready and list(tmp_path.iterdir()) == []


def test_an_unreadable_cache_file_means_no_prefilter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    first, _ = _database(PATTERNS[:2])
    first.build(compile_missing=True)
    (cached,) = tmp_path.glob("hsprefilter-*.db")
    cached.write_bytes(b"0,1\nnot a database")
    second, compiled = _database(PATTERNS[:2])
    assert not second.build()
    assert second.slot(compiled[0].pattern, compiled[0].flags) is None
    assert not second.ready


def _scanner_results(texts: list[str]) -> list[list[tuple[int, int]]]:
    rx = re.compile(r"\bfit\s+note\b|\bsick\s+note\b", IC)
    scanner = Scanner(rx)
    out = []
    for _ in range(rxfilter._WARM_USES + 1):
        scanner.starts("warm")
    for text in texts:
        low = Haystack(text).low
        out.append([m.span() for m in scanner.finditer(text, scanner.starts(low))])
        assert out[-1] == [m.span() for m in rx.finditer(text)]
    return out


def test_scanner_skips_a_text_the_prefilter_rules_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    pre = Prefilter()
    monkeypatch.setattr(rxfilter, "PREFILTER", pre)
    rx = re.compile(r"\bfit\s+note\b", IC)
    scanner = Scanner(rx)
    assert rxfilter.attach_prefilter(compile_missing=True)
    for _ in range(rxfilter._WARM_USES):
        scanner.starts("warm")
    assert scanner._hs is not None
    assert scanner.starts(Haystack("a fit-note? no: fit\nnote").low) == [2, 16]
    assert scanner.starts(Haystack("a fit-note? no: fitnote").low) == []  # no match anywhere: skipped
    assert _scanner_results(TEXTS) == [[(0, 8)], [], [], [], []]


def test_without_hyperscan_scanners_work_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    pre = Prefilter()
    monkeypatch.setattr(rxfilter, "PREFILTER", pre)
    monkeypatch.setattr(hsprefilter, "_hyperscan", lambda: None)
    assert not rxfilter.attach_prefilter(compile_missing=True)
    assert _scanner_results(TEXTS) == [[(0, 8)], [], [], [], []]


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS", "0")
    assert hsprefilter.enabled_prefilter() is None
    monkeypatch.setenv("LETTER_AUDIT_HS", "1")
    assert hsprefilter.enabled_prefilter() is hsprefilter.PREFILTER


def test_a_database_shipped_beside_the_pipeline_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LETTER_AUDIT_MODELS", str(tmp_path / "models"))
    shipped = hsprefilter.shipped_path()
    assert shipped == tmp_path / "models" / "pipeline" / "hsprefilter.db"
    maker, _ = _database(PATTERNS[:4])
    assert maker.build(compile_missing=True, out=shipped) and shipped.exists()
    assert not (tmp_path / "cache").exists()
    # a smaller cache file loses to the shipped one, which holds more of the registered patterns
    small, _ = _database(PATTERNS[:1])
    small.build(compile_missing=True)
    user, compiled = _database(PATTERNS[:4])
    assert user.build() and all(user.slot(rx.pattern, rx.flags) is not None for rx in compiled)


def test_a_batch_warm_up_never_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LETTER_AUDIT_MODELS", str(tmp_path / "models"))
    pre = Prefilter()
    monkeypatch.setattr(rxfilter, "PREFILTER", pre)
    scanner = Scanner(re.compile(r"\bfit\s+note\b", IC))
    rxfilter.build_pending()
    assert scanner._uses == rxfilter._WARM_USES and scanner._hs is None
    assert not pre.ready and not (tmp_path / "cache").exists()


def _fresh_counted_prefilter(monkeypatch: pytest.MonkeyPatch) -> tuple[Prefilter, list[bool]]:
    """A new, unloaded prefilter in place of the shared one, with the lazy load still to come, and the list
    its ``build`` calls are counted in."""
    pre = Prefilter()
    builds: list[bool] = []
    real_build = pre.build
    monkeypatch.setattr(pre, "build", lambda **kw: builds.append(True) or real_build(**kw))
    monkeypatch.setattr(rxfilter, "PREFILTER", pre)
    monkeypatch.setattr(rxfilter, "_LAZY_LOAD", [True])
    return pre, builds


def test_the_first_scanner_to_warm_up_loads_a_compiled_database_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outside a batch (audit over many letters, eval, the benchmarks) nothing calls build_pending: the
    # database is loaded (never compiled) when the first scanner warms up, which one letter never reaches.
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path))
    maker, _ = _database(PATTERNS[:1])
    assert maker.build(compile_missing=True)
    pre, builds = _fresh_counted_prefilter(monkeypatch)
    rx = re.compile(PATTERNS[0], IC)
    scanner, other = Scanner(rx), Scanner(re.compile(r"\bnote\b", IC))
    for _ in range(rxfilter._WARM_USES - 1):
        assert scanner.starts("warm") is None
    assert not pre.ready and not builds
    assert scanner.starts(Haystack("a fit-note? no: fitnote").low) == []  # warmed, loaded, skipped
    assert pre.ready and scanner._hs is not None and builds == [True]
    for _ in range(rxfilter._WARM_USES):
        other.starts("note")
    assert builds == [True]  # loaded once a process
    assert _scanner_results(TEXTS) == [[(0, 8)], [], [], [], []]


def test_a_missing_database_is_looked_for_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTER_AUDIT_HS_CACHE", str(tmp_path / "none"))
    monkeypatch.setenv("LETTER_AUDIT_MODELS", str(tmp_path / "models"))
    pre, builds = _fresh_counted_prefilter(monkeypatch)
    scanners = [Scanner(re.compile(p, IC)) for p in PATTERNS[:3]]
    for scanner in scanners:
        for _ in range(rxfilter._WARM_USES):
            scanner.starts("text")
    assert builds == [True] and not pre.ready and all(s._hs is None for s in scanners)
