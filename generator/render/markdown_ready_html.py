"""Python-Markdown extension: a component's ready HTML is passed through without being parsed.

The generator writes each HTML component (the clinicians' link lists, the self-check, the diary,
the warning table, the pictures) between two marker lines (READY_START, READY_END; see
render/environment.py). Without this, Python-Markdown's raw-HTML step (`md_in_html`) parses
every tag of them with html.parser only to find where they end, and a clinicians' page is
almost all such HTML: half of its conversion (issue 17: pages cheaper to parse). This stores
each marked block as one raw HTML block, as that step would, and drops the markers: the page
comes out the same, but for a component inside a `markdown="1"` section, which now keeps its HTML
as written (that step rebuilt it as elements: `hidden` came out as `hidden="hidden"`). Later
steps still see the block: the glossary explains the terms in its text, and MkDocs has read its
ids for its anchor check (just before).

A block is marked only by the generator: author text is escaped wherever it appears, so it
cannot hold a marker line. Markers that do not pair up are left as they are (plain HTML comments).
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

READY_START = "<!-- ready-html -->"
READY_END = "<!-- /ready-html -->"


class ReadyHtmlPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == READY_START:
                    block = []
                else:
                    out.append(line)
            elif line == READY_END:
                out += ["", self.md.htmlStash.store("\n".join(block) + "\n"), ""]  # as the raw-HTML step stores it
                block = None
            else:
                block.append(line)
        if block is not None:  # a start with no end: the lines as they were
            out += [READY_START, *block]
        return out


class ReadyHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace is normalized (30) and MkDocs has read the ids in the page's HTML for its
        # anchor check (21), before the raw-HTML step (20) would parse the blocks.
        md.preprocessors.register(ReadyHtmlPreprocessor(md), "ready_html", 20.5)


def makeExtension(**kwargs) -> ReadyHtmlExtension:
    return ReadyHtmlExtension(**kwargs)
