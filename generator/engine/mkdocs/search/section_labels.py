"""Show in each search result which section of the page it is in.

The theme lists results under their page's title; an item deeper than a section heading
(a cause, a treatment, a care card) would otherwise appear without the section it belongs
to. Its index entry's title gets an empty element carrying the section's name in an
attribute: the search never indexes attribute values (so ranking is unchanged), and
generator/engine/mkdocs/site_files/stylesheets/search.css shows it as "Section: Treatments" under the result's title.
"""

from __future__ import annotations

import html

from .lay_terms import BuiltPage

LABEL_CLASS = "search-result-section"


def add_section_labels(index: dict, pages: list[BuiltPage]) -> None:
    docs = {doc["location"]: doc for doc in index["docs"]}
    for page in pages:
        outline = page.outline
        page_title = next((h.text for h in outline.headings if h.level == 1), "")
        for heading in outline.headings:
            section = outline.top_section_of(heading)
            doc = docs.get(f"{page.url}#{heading.id}")
            # The page title is shown above the result anyway: do not repeat it.
            if section is None or doc is None or page_title.endswith(section.text):
                continue
            doc["title"] += f'<span class="{LABEL_CLASS}" data-section="{html.escape(section.text)}"></span>'

