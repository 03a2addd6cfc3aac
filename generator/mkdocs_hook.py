"""MkDocs hook: a thin wrapper that puts the generated pages into the MkDocs build.

All the work happens in `generator.pipeline`; another engine can call it the same way.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import BuildError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator import (
    csp,
    css_bundle,
    links,
    redirects,
    review_check,
    search_index,
    search_terms,
    structured_data,
    theme_markup,
)
from generator.errors import ContentError
from generator.pipeline import Generated, generate

_generated: Generated | None = None
_stylesheets: list[str] = []
_search_pages: list[search_terms.BuiltPage] = []


def content_dir(config) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("content_dir", "content")


def on_config(config):
    global _generated
    try:
        _generated = generate(content_dir(config), site_url=config.site_url)
        review_check.check_reviews(_generated.content, strict=config.extra.get("strict_review"))
        links.check_lock(_generated, content_dir(config))  # published links must keep working
    except ContentError as err:
        # BuildError makes MkDocs print the message and exit 1, without a traceback.
        raise BuildError(err.report()) from None
    config.nav = _generated.navigation()
    # The site's name and description are content (site.yaml), shown by the theme in every
    # page's header and <head>; the theme templates escape them (overrides/).
    config.site_name = _generated.content.site.site_name
    config.site_description = _generated.content.site.site_description
    # Pages link one joined stylesheet instead of each feature's (see css_bundle.py).
    _stylesheets[:] = [str(path) for path in config.extra_css if str(path) != css_bundle.BUNDLE_PATH] or _stylesheets
    config.extra_css = [css_bundle.BUNDLE_PATH]
    return config


def on_files(files: Files, config) -> Files:
    for page in _generated.pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    files.append(File.generated(config, css_bundle.BUNDLE_PATH, content=css_bundle.bundle(config.docs_dir, _stylesheets)))
    for moved in redirects.redirect_pages(_generated.content, config.site_url):
        files.append(File.generated(config, moved.path, content=moved.html))
    _search_pages[:] = [
        search_terms.BuiltPage(src=page.path, url=files.get_file_from_path(page.path).url, html_path=Path(files.get_file_from_path(page.path).abs_dest_path))
        for page in _generated.pages
    ]
    return files


def on_page_context(context, page, config, nav):
    structured_data.add_to_page(page.meta, _generated.content, page.canonical_url)
    return context


def on_post_page(output: str, page, config) -> str:
    return csp.apply(theme_markup.fix(output), page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    return csp.apply(theme_markup.fix(output), template_name)  # 404.html


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    search_index.improve(index, _generated.content, _search_pages)
