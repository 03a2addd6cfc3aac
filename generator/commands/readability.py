"""Reading-ease report per generated page, in each language with a measure made for it (textstat):
English, Flesch-Kincaid grade (8 or lower); Spanish, Fernández-Huerta (70 or higher: "fairly
easy", about what 12-year-olds read). A translation in a language without a measure is listed
as unmeasured, never scored with the English formula."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import textstat

from ..model.translation import translation_codes
from ..pipeline import generate

TARGET_GRADE = 8.0
TARGET_SPANISH_EASE = 70.0
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TAG = re.compile(r"<[^>]+>")
_URL = re.compile(r"https?://\S+")


def page_text(page_markdown: str) -> str:
    """Visible body text of a page, one sentence-like unit per line."""
    html = markdown.markdown(_FRONT_MATTER.sub("", page_markdown), extensions=["abbr", "attr_list", "md_in_html", "tables"])
    html = re.sub(r"</(p|li|h\d|td|th|caption)>", ".\n", html)
    text = _TAG.sub(" ", html)
    text = _URL.sub(" ", text)  # addresses are not words a reader has to read
    text = re.sub(r"&[#\w]+;", lambda m: _unescape(m.group()), text)
    text = re.sub(r"([.?!:])\s*\.", r"\1", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line.strip(" ."))


def _unescape(entity: str) -> str:
    import html

    return html.unescape(entity)


def grades(content_dir: Path) -> list[tuple[str, float, int]]:
    """(page path, Flesch-Kincaid grade, word count) for every generated page."""
    rows = []
    for page in generate(content_dir).pages:
        text = page_text(page.markdown)
        rows.append((page.path, textstat.flesch_kincaid_grade(text), textstat.lexicon_count(text)))
    return rows


def spanish_ease(content_dir: Path, code: str = "es") -> list[tuple[str, float, int]]:
    """(page path, Fernández-Huerta reading ease, word count) for every page of a Spanish translation."""
    rows = []
    textstat.set_lang("es")  # the syllable counter's language: textstat keeps it globally
    try:
        for page in generate(content_dir, language=code).pages:
            text = page_text(page.markdown)
            rows.append((page.path, textstat.fernandez_huerta(text), textstat.lexicon_count(text)))
    finally:
        textstat.set_lang("en_US")  # textstat's own default, which the English grades use
    return rows


def report(content_dir: Path) -> int:
    print(f"{'page':40} {'grade':>6} {'words':>6}  target <= {TARGET_GRADE:g} (Flesch-Kincaid)")
    for path, grade, words in grades(content_dir):
        mark = "ok" if grade <= TARGET_GRADE else "ABOVE TARGET"
        print(f"{path:40} {grade:6.1f} {words:6d}  {mark}")
    for code in translation_codes(Path(content_dir)):
        if code != "es":
            print(f"\n{code}/: no reading measure for this language yet (see AUTHORING.md)")
            continue
        print(f"\n{'es/ page':40} {'ease':>6} {'words':>6}  target >= {TARGET_SPANISH_EASE:g} (Fernández-Huerta)")
        for path, ease, words in spanish_ease(content_dir, code):
            mark = "ok" if ease >= TARGET_SPANISH_EASE else "BELOW TARGET"
            print(f"{'es/' + path:40} {ease:6.1f} {words:6d}  {mark}")
    return 0
