"""Reading-grade report per generated page (Flesch-Kincaid, via textstat)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import textstat

from ..pipeline import generate

TARGET_GRADE = 8.0
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


def report(content_dir: Path) -> int:
    print(f"{'page':40} {'grade':>6} {'words':>6}  target <= {TARGET_GRADE:g}")
    for path, grade, words in grades(content_dir):
        mark = "ok" if grade <= TARGET_GRADE else "ABOVE TARGET"
        print(f"{path:40} {grade:6.1f} {words:6d}  {mark}")
    return 0
