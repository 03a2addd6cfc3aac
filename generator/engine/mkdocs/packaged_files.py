"""What every site takes from the installed package rather than from the publisher's folder.

A publisher keeps only `content/` and a short mkdocs.yml; the theme overrides (theme/: page
templates and the theme's extra scripts), the site-wide files (site_files/: stylesheets,
javascripts/redirect.js, the favicon, laid out as they are published) and the script loader
come from here, so a new version of the package reaches every site that installs it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue

from . import css_bundle, page_scripts

HERE = Path(__file__).resolve().parent
THEME_DIR = HERE / "theme"
SITE_FILES_DIR = HERE / "site_files"
# Joined into the one stylesheet in this order (the cascade depends on it), before the
# components' own (css_bundle.py).
SITE_STYLESHEETS = ("stylesheets/extra.css", "stylesheets/search.css", "stylesheets/drawer-keyboard.css")
FAVICON = "images/favicon.svg"  # 0.2 KB instead of the theme's 1.8 KB PNG
MATERIAL_FAVICON = "assets/images/favicon.png"


class PackagedFilesError(Exception):
    """mkdocs.yml asks for something the package provides itself; the message says what."""


def use_packaged_files(config) -> None:
    """Point MkDocs at the package's theme overrides and site-wide files (called from on_config)."""
    own_css = [str(path) for path in config.extra_css if str(path) != css_bundle.BUNDLE_PATH]
    if own_css:
        raise PackagedFilesError(
            f"{config.config_file_path}: extra_css: {', '.join(own_css)}: the healthguide plugin "
            "brings the site's stylesheets itself; remove extra_css (a component's styles go in its style.css)"
        )
    # MkDocs copies every file of docs_dir into the site: the generator writes all the pages,
    # so the only other files are the package's. mkdocs.yml's docs_dir only has to exist.
    config.docs_dir = str(SITE_FILES_DIR)
    theme = config.theme
    if str(THEME_DIR) not in theme.dirs:
        # After the publisher's own custom_dir, if any, so that it can override ours.
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
    # No Google Fonts, whatever mkdocs.yml says: the site must not contact any other host.
    theme["font"] = False
    if theme["favicon"] == MATERIAL_FAVICON:
        theme["favicon"] = FAVICON
    if page_scripts.LOADER_PATH not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(ExtraScriptValue(page_scripts.LOADER_PATH))
