"""Every language of the site: the English at the root, each translation under /<code>/.

Each translation (content/languages/<code>/site.yaml) is a second MkDocs build of the same
mkdocs.yml, run by the plugin after the English one into <site_dir>/<code>/, inside the same
publishing folder (so the atomic switch publishes every language at once, and a failed
translation fails the whole build). Its config differs only in what makes it that language:
site_url + <code>/, Material's theme.language (its own words: "Skip to content", search) and
direction. Pages have the same paths in every language, so
a page's counterpart is the same path under the other prefix (its home page when the topic is
not translated yet), and the ids, so the language switcher keeps the #section.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ...model.loading import Content
from ...pipeline import LoadedSite
from ...structure.routes import SITE_PAGES, page_url, pages_of, topic_page_path

MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    name: str  # in itself: "Español"
    prefix: str  # "" for the English at the root, "es/" for a translation
    pages: frozenset[str]  # its page URLs without the prefix: "/", "/facial-twitching/causes/"


def page_urls(content: Content) -> frozenset[str]:
    paths = [kind.file for kind in SITE_PAGES] + [topic_page_path(loaded.topic.slug, kind) for loaded in content.topics for kind in pages_of(loaded.topic)]
    return frozenset(page_url(path) for path in paths)


def site_languages(english: Content, translations: dict[str, Content]) -> list[SiteLanguage]:
    """The English, then each translation."""
    found = [SiteLanguage(_english_code(english), english.strings.text("language.name"), "", page_urls(english))]
    for code, translated in translations.items():
        found.append(SiteLanguage(code, translated.language.name, f"{code}/", page_urls(translated)))
    return found


def _english_code(english: Content) -> str:
    return english.site.language.code if english.site.language else english.strings.language


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    href: str  # relative to the page it is shown on
    url: str  # absolute, for <link rel="alternate" hreflang>
    current: bool


def alternates(languages: list[SiteLanguage], current: str, page: str, root_url: str) -> list[Alternate]:
    """For the page at `page` (a URL without its language prefix) in the language `current`: the
    same page in each language (that language's home page where it does not have it)."""
    here = "/" + next(language.prefix for language in languages if language.code == current) + page.lstrip("/")
    found = []
    for language in languages:
        target = "/" + language.prefix + ((page if page in language.pages else "/").lstrip("/"))
        relative = posixpath.relpath(target, here if here.endswith("/") else posixpath.dirname(here))
        href = relative + "/" if not relative.endswith("/") and relative != "." else ("./" if relative == "." else relative)
        found.append(Alternate(language.code, language.name, href, root_url.rstrip("/") + target, language.code == current))
    return found


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_BODY_DIR = re.compile(r'<body dir="[^"]*"')


def with_language(html: str, code: str, direction: str) -> str:
    """The page's <html lang> and <body dir> say its language, also where Material has no words of
    its own for it (it would say "en")."""
    html = _HTML_LANG.sub(f'<html lang="{code}" dir="{direction}"', html, count=1)
    return _BODY_DIR.sub(f'<body dir="{direction}"', html, count=1)


def material_language(code: str) -> str:
    """Material's own words for the language, English where Material has none."""
    return code if (MATERIAL_LANGUAGES / f"{code}.html").is_file() else "en"


def build_translations(config, content_dir: Path, loaded: LoadedSite) -> None:
    """Build each translation into <site_dir>/<code>/ with a config derived from this one, from
    the content the English build `loaded` (loading it again took tens of seconds at 1,000 topics)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for code, translated in loaded.translations.items():
        derived = load_config(
            config.config_file_path,
            site_dir=str(Path(config.site_dir) / code),
            site_url=config.site_url.rstrip("/") + f"/{code}/",
            strict=config.strict,
        )
        derived.theme["language"] = material_language(code)
        derived.theme["direction"] = translated.language.dir
        plugin = derived.plugins["healthguide"]
        plugin.config.language = code
        plugin.config.content_dir = str(Path(content_dir).resolve())
        # MkDocs may hand back this build's own plugin object (it keeps plugins that have
        # on_startup): the content is for the next on_config only, never a later rebuild's.
        plugin.preloaded = loaded
        try:
            build(derived)
        finally:
            plugin.preloaded = None

