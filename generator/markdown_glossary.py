"""Python-Markdown extension: keyboard and touch users can open a glossary explanation too.

The `abbr` extension gives each glossary term a `title`, which only a mouse can reveal. This
makes the first occurrence of each term on a page focusable (tabindex="0"), so Tab or a tap
shows the theme's tooltip (`content.tooltips`). Only the first: dozens of tab stops for
"GP" would make the page slow to move through. Terms inside links stay unfocusable, as a
focus stop inside a link is confusing.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class FirstTermFocusable(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        self._visit(root, seen, inside_link=False)

    def _visit(self, element: etree.Element, seen: set[str], inside_link: bool) -> None:
        for child in element:
            if child.tag == "abbr" and not inside_link and child.text not in seen:
                seen.add(child.text)
                child.set("tabindex", "0")
            self._visit(child, seen, inside_link or child.tag == "a")


class GlossaryFocusExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After `abbr` (priority 7) has created the <abbr> elements.
        md.treeprocessors.register(FirstTermFocusable(md), "glossary_focus", 6)


def makeExtension(**kwargs) -> GlossaryFocusExtension:
    return GlossaryFocusExtension(**kwargs)
