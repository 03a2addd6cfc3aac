"""Content-Security-Policy for the built pages.

generator/engine/mkdocs/theme/main.html puts a <meta http-equiv="Content-Security-Policy"> in every page whose
content is the placeholder PLACEHOLDER; `apply` (called by the MkDocs plugin for each built
page) replaces it with the policy. Scripts must come from the site itself. The only inline
scripts allowed are Material's own small boot scripts (templates/partials/javascripts/ of the
installed theme), each allowed by its SHA-256 hash. A page's inline script is hashed only when
it matches one of those theme scripts exactly (their `{{ ... }}` values may only be URL-ish
text), so a script that slipped in anywhere else - content, title, description - cannot run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.healthguide.csp")

PLACEHOLDER = "__HEALTHGUIDE_CSP__"

# Directives with fixed values; script-src gets the theme's inline-script hashes appended.
DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# For the HTTP header a static host should send as well (see README). A <meta> policy cannot
# carry frame-ancestors. The header leaves scripts to the per-page <meta>: both policies are
# enforced, and a header script-src (or default-src) without each page's hashes would block
# the theme's inline scripts.
HEADER_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What a template value inside a theme script may render as: a relative or absolute URL.
_URL_VALUE = r"[A-Za-z0-9._~:/%?=&+-]*"


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of every executable inline script of a page, in page order."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if kind and kind.group(1).lower() not in _EXECUTABLE_TYPES:
            continue  # data blocks (application/json, application/ld+json) never run
        scripts.append(body)
    return scripts


@functools.cache
def theme_script_patterns() -> tuple[re.Pattern, ...]:
    """One pattern per inline script in the installed Material theme's boot partials."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    patterns = []
    for path in sorted(partials.glob("*.html")):
        template = _JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in _SCRIPT.finditer(template):
            pieces = _JINJA_EXPRESSION.split(match.group(2))
            patterns.append(re.compile(_URL_VALUE.join(re.escape(piece) for piece in pieces), re.DOTALL))
    return tuple(patterns)


def is_theme_script(body: str) -> bool:
    return any(pattern.fullmatch(body) for pattern in theme_script_patterns())


def policy(script_hashes: list[str] | tuple[str, ...] = ()) -> str:
    directives = dict(DIRECTIVES)
    if script_hashes:
        directives["script-src"] += " " + " ".join(dict.fromkeys(script_hashes))
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def apply(html: str, page_name: str = "page") -> str:
    """Fill the page's CSP <meta> with the policy, allowing the theme's inline scripts by hash.

    Any other inline script is left out of the policy (the browser blocks it) and logged as a
    warning, which fails a --strict build.
    """
    if PLACEHOLDER not in html:
        return html
    hashes = []
    for body in inline_scripts(html):
        if is_theme_script(body):
            hashes.append(script_hash(body))
        else:
            log.warning("%s: inline script blocked by the Content-Security-Policy (only the theme's own may run): %.80r", page_name, body)
    return html.replace(PLACEHOLDER, policy(hashes), 1)
