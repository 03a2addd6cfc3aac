"""Redirect pages for topics that moved (`moved_from: [old-slug]`).

Each page the topic has gets a small HTML page at its old address: a <meta> refresh and a
plain link (both work without JavaScript and under the Content-Security-Policy), plus
javascripts/redirect.js, which carries the old #anchor along (a meta refresh drops it).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import escape

from .content import Content
from .deep_links import absolute, page_url
from .render import pages_of, topic_page_path


@dataclass(frozen=True)
class RedirectPage:
    path: str  # site-relative file, e.g. "old-slug/faq/index.html"
    html: str


def redirect_pages(content: Content, site_url: str | None) -> list[RedirectPage]:
    pages = []
    for loaded in content.topics:
        topic = loaded.topic
        for old_slug in topic.moved_from:
            for page in pages_of(topic):
                new_url = page_url(topic_page_path(topic.slug, page))
                old_url = "/" + old_slug + new_url.removeprefix("/" + topic.slug)
                pages.append(_page(old_url, new_url, topic.title, site_url))
    return pages


def _page(old_url: str, new_url: str, title: str, site_url: str | None) -> RedirectPage:
    old_dir = old_url.strip("/")
    relative = posixpath.relpath(new_url.strip("/") or ".", old_dir) + "/"
    script = posixpath.relpath("javascripts/redirect.js", old_dir)
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="robots" content="noindex">
<title>This page has moved: {escape(title)}</title>
<link rel="canonical" href="{escape(absolute(site_url, new_url))}">
<meta http-equiv="refresh" content="0; url={escape(relative)}">
<script src="{escape(script)}" defer></script>
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>Its new address is <a href="{escape(relative)}" data-redirect>{escape(absolute(site_url, new_url))}</a>.</p>
</main>
</body>
</html>
"""
    return RedirectPage(path=old_dir + "/index.html", html=html)
