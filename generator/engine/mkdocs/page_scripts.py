"""Component scripts in the built site: each component's script.js is served as
javascripts/<component>.js, and the loader every page links (assets/page-scripts.js) gets the
list of them, each with the selector of the pages that use it and the global it defines, from
the components' component.toml files. Nobody keeps that list by hand."""

from __future__ import annotations

import json
from pathlib import Path

from ...components.catalog import Component

LOADER_SOURCE = Path(__file__).resolve().parent / "assets" / "page-scripts.js"
LOADER_PATH = "javascripts/page-scripts.js"  # mkdocs.yml's extra_javascript
# The one line of the loader's source that the build fills in.
PLACEHOLDER = "var features = []; // filled in by the build (generator/engine/mkdocs/page_scripts.py)"


def script_path(component: Component) -> str:
    return f"javascripts/{component.name}.js"


def loader(components: list[Component]) -> str:
    """The loader's source with every component script in its list."""
    features = [
        {"selector": c.script.selector, "script": script_path(c).rpartition("/")[2], "global": c.script.global_name}
        for c in components if c.script
    ]
    source = LOADER_SOURCE.read_text(encoding="utf-8")
    if source.count(PLACEHOLDER) != 1:
        raise ValueError(f"{LOADER_SOURCE}: must hold the line {PLACEHOLDER!r} exactly once")
    return source.replace(PLACEHOLDER, "var features = " + json.dumps(features) + ";")
