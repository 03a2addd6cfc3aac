"""The Jinja environments that turn models into Markdown: escaping rules and the shared filters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, PrefixLoader, StrictUndefined, pass_context
from markupsafe import Markup

from ..components.catalog import FOLDER as COMPONENTS
from .markup import plain_text, prose

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # pages/: one template per page kind


def build_environments() -> tuple[Environment, Environment]:
    """Markdown templates escape every value as plain text; HTML templates HTML-escape.

    Both autoescape, so macro output comes back as Markup and is not escaped twice; in
    Markdown templates `finalize` swaps HTML escaping for plain-text Markdown escaping.
    """
    # "components/<folder>/template.md.j2" is a component's own folder; "pages/..." a page template.
    loader = PrefixLoader({"components": FileSystemLoader(COMPONENTS), "pages": FileSystemLoader(TEMPLATES / "pages")})
    common = dict(loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    md_env = Environment(autoescape=True, finalize=_finalize_markdown, **common)
    html_env = Environment(autoescape=True, **common)
    for env in (md_env, html_env):
        env.filters["prose"] = _prose_filter
        env.filters["long_date"] = long_date
        env.filters["url"] = url
        env.filters["json_string"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    md_env.globals["html_component"] = _html_component(html_env)
    return md_env, html_env


def _finalize_markdown(value: object) -> object:
    # Markup is already safe (rendered prose, ids, nested components); everything else is text.
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return plain_text(value)


def _html_component(html_env: Environment):
    @pass_context
    def render(context, name: str, **values):
        return Markup(html_env.get_template(name).render(**context.get_all(), **values))

    return render


@pass_context
def _prose_filter(context, value: str) -> Markup:
    return prose(value, context["link"])


def anchor(item_id: str) -> Markup:
    """attr_list syntax giving the preceding block its explicit id (ids are validated slugs)."""
    return Markup("{#" + item_id + "}")


def url(value: object) -> Markup:
    """An absolute URL as a Markdown link destination: percent-encode what could end the link."""
    return Markup(quote(str(value), safe=":/?#@!$&'*+,;=%-._~"))


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
