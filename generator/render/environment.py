"""The Jinja environments that turn models into Markdown: escaping rules and the shared filters."""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, PrefixLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from ..components.catalog import FOLDER as COMPONENTS
from ..model.strings import Strings
from ..pages.self_check_data import json_attribute
from .compiled_templates import compiled_templates
from .markdown_ready_html import READY_END, READY_START
from .markup import plain_text, prose

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # pages/: one template per page kind


def build_environments(strings: Strings) -> tuple[Environment, Environment]:
    """Markdown templates escape every value as plain text; HTML templates HTML-escape.

    Both autoescape, so macro output comes back as Markup and is not escaped twice; in
    Markdown templates `finalize` swaps HTML escaping for plain-text Markdown escaping.
    Interface words come from the strings catalog: `t("component.key", name=value)`, and a
    script's words as a data attribute: `script_strings("component")`.
    """
    # "components/<folder>/template.md.j2" is a component's own folder; "pages/..." a page template.
    loader = PrefixLoader({"components": FileSystemLoader(COMPONENTS), "pages": FileSystemLoader(TEMPLATES / "pages")})
    # Compiled once and kept between builds and processes (compiled_templates.py).
    common = dict(loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                  bytecode_cache=compiled_templates())
    md_env = Environment(autoescape=True, finalize=_finalize_markdown, **common)
    html_env = Environment(autoescape=True, **common)
    for env in (md_env, html_env):
        env.filters["prose"] = _prose_filter
        env.filters["long_date"] = strings.long_date
        env.filters["url"] = url
        env.filters["mid_sentence"] = mid_sentence
        env.filters["json_string"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    md_env.globals["t"] = translator(strings, _markdown_text)
    html_env.globals["t"] = translator(strings, escape)
    for env in (md_env, html_env):
        env.globals["script_strings"] = lambda component: json_attribute(strings.section(component))
        env.globals["strings"] = strings  # for the model's own words in the reader's language: status_line(strings)
    md_env.globals["html_component"] = _html_component(html_env)
    # Words in English on a translated page (marked lang="en"); the renderer gives each topic's:
    # an item shown in English, a topic not translated yet.
    md_env.globals["english_only"] = lambda item_id: False
    md_env.globals["in_english"] = lambda slug: False
    return md_env, html_env


def translator(strings: Strings, escape_text: Callable[[str], Markup]):
    """`t(key, **values)`: the catalog's words with their placeholders filled.

    With only text values it returns text, which the template escapes like any value (and
    `json_string` quotes as it is). A value that is Markup (a link, a <time>) is kept as markup:
    then the words and the other values are escaped here, as any author text is."""

    def t(key: str, **values: object) -> str | Markup:
        words = strings.text(key)
        if not any(isinstance(value, Markup) for value in values.values()):
            return words.format(**values)
        parts = []
        for literal, name, _, _ in string.Formatter().parse(words):
            parts.append(escape_text(literal) if literal else "")
            if name:
                value = values[name]
                parts.append(value if isinstance(value, Markup) else escape_text(str(value)))
        return Markup("".join(parts))

    return t


def _markdown_text(text: str) -> Markup:
    """Plain-text escaping that keeps the spaces around a placeholder (plain_text trims them)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return Markup(lead + plain_text(text) + trail) if text.strip() else Markup(" " if text else "")


def _finalize_markdown(value: object) -> object:
    # Markup is already safe (rendered prose, ids, nested components); everything else is text.
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return plain_text(value)


def _html_component(html_env: Environment):
    @pass_context
    def render(context, name: str, **values):
        # The page's values, but the HTML environment's own globals (its `t` escapes as HTML).
        page = {key: value for key, value in context.get_all().items() if key not in html_env.globals}
        html = html_env.get_template(name).render(**page, **values).strip("\n")
        # Marked as ready: Markdown passes it through without parsing it (markdown_ready_html.py).
        return Markup(f"{READY_START}\n{html}\n{READY_END}")

    return render


@pass_context
def _prose_filter(context, value: str) -> Markup:
    return prose(value, context["link"])


def anchor(item_id: str, english: bool = False) -> Markup:
    """attr_list syntax giving the preceding block its explicit id (ids are validated slugs);
    `english`: the block shows English words on a translated page (lang="en", WCAG 3.1.2)."""
    return Markup("{#" + item_id + (" lang=en" if english else "") + "}")


def url(value: object) -> Markup:
    """An absolute URL as a Markdown link destination: percent-encode what could end the link."""
    return Markup(quote(str(value), safe=":/?#@!$&'*+,;=%-._~"))


def mid_sentence(title: str) -> str:
    """A title as it reads inside a sentence: "Hemifacial spasm" -> "hemifacial spasm". Names
    keep their capital: an abbreviation ("MS") or a possessive ("Bell's palsy")."""
    first_word = title.split(" ", 1)[0]
    if first_word[1:2].isupper() or "'" in first_word or "’" in first_word:
        return title
    return title[:1].lower() + title[1:]

