"""heading/template.md.j2 and cross-references/: the macros that replaced blocks written out in
many templates give exactly the Markdown those blocks gave (the page's blank lines included)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from markupsafe import Markup

from generator.model.strings import load_strings
from generator.render.environment import anchor, build_environments

MD_ENV, _ = build_environments(load_strings("en-GB", []))
def _link(href: str) -> Markup:
    return Markup(href)


CONTEXT = dict(
    anchor=anchor, link=_link, item_link=lambda reference: _link("#" + reference),
    target_title={"a": "First & one", "b": "Second"}.__getitem__,
)


def render(source: str, **values) -> str:
    return MD_ENV.from_string(source).render(**CONTEXT, **values)


@pytest.mark.parametrize("intro", [None, "Read *this* first."])
@pytest.mark.parametrize("level", [2, 3])
def test_section_heading_is_the_heading_then_the_intro_block(intro, level):
    section = SimpleNamespace(title="Causes <b>", id="causes", intro=intro)
    written_out = (
        '{% from "components/heading/template.md.j2" import heading with context %}'
        "{{ heading(level, section.title, section.id) }}\n{% if section.intro %}\n{{ section.intro | prose }}\n\n{% endif %}\nNext.\n"
    )
    macro = '{% from "components/heading/template.md.j2" import section_heading with context %}{{ section_heading(section, level) }}\nNext.\n'
    expected = f"{'#' * level} Causes &lt;b&gt; {{#causes}}\n\n" + ("Read *this* first.\n\n" if intro else "") + "Next.\n"
    assert render(written_out, section=section, level=level) == expected
    assert render(macro, section=section, level=level) == expected


@pytest.mark.parametrize("targets", [["a"], ["a", "b"], []])
def test_cross_references_are_the_comma_separated_links(targets):
    written_out = 'See: {% for target in targets %}[{{ target_title(target) }}]({{ link("#" ~ target) }}){% if not loop.last %}, {% endif %}{% endfor %}.\n'
    macro = '{% from "components/cross-references/template.md.j2" import cross_references with context %}See: {{ cross_references(targets) }}.\n'
    assert render(macro, targets=targets) == render(written_out, targets=targets)
    if targets == ["a", "b"]:
        assert render(macro, targets=targets) == "See: [First &amp; one](#a), [Second](#b).\n"
