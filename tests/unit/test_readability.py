"""The reading-grade report: every page of the real guide meets the grade-8 target."""

from __future__ import annotations

from generator.commands.readability import (
    TARGET_GRADE,
    TARGET_SPANISH_EASE,
    grades,
    page_text,
    report,
    spanish_ease,
)
from support import ROOT


def test_every_generated_page_is_at_or_below_grade_8():
    rows = grades(ROOT / "content")
    assert {path for path, _, _ in rows} >= {"facial-twitching/index.md", "facial-twitching/faq.md"}
    too_hard = [(path, round(grade, 1)) for path, grade, _ in rows if grade > TARGET_GRADE]
    assert not too_hard, f"pages above reading grade {TARGET_GRADE}: {too_hard}"


def test_page_text_ignores_addresses_markup_and_glossary_definitions():
    text = page_text("---\ntitle: x\n---\n# Title {#t}\n\nSee [NHS](https://www.nhs.uk/a-long-path/) now https://example.org/x\n\n*[NHS]: National Health Service\n")
    assert "https" not in text and "{#t}" not in text and "title: x" not in text
    assert "National Health Service" not in text
    assert "See NHS now" in text


def test_every_spanish_page_is_at_or_above_the_fernandez_huerta_target(monkeypatch):
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    rows = spanish_ease(ROOT / "content")
    assert {path for path, _, _ in rows} >= {"facial-twitching/index.md", "facial-twitching/faq.md"}
    too_hard = [(path, round(ease, 1)) for path, ease, _ in rows if ease < TARGET_SPANISH_EASE]
    assert not too_hard, f"Spanish pages below reading ease {TARGET_SPANISH_EASE}: {too_hard}"


def test_the_report_lists_the_spanish_pages_by_their_own_measure_and_the_english_grade_is_unchanged(monkeypatch, capsys):
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    before = dict((path, grade) for path, grade, _ in grades(ROOT / "content"))
    report(ROOT / "content")
    out = capsys.readouterr().out
    assert "es/facial-twitching/faq.md" in out and "Fernández-Huerta" in out
    assert dict((path, grade) for path, grade, _ in grades(ROOT / "content")) == before  # textstat's language set back
