"""Material's search box and result list, without Material's search index.

The theme's search UI is on every page (theme/partials/header.html) and searches Pagefind's
index (pagefind_index.py). Material's `search` plugin would also read every page into a lunr
index, search/search_index.json, that nothing downloads: build time and a large published file
for nothing. mkdocs.yml no longer lists it; a site whose mkdocs.yml still does (made before
issue 17) has it switched off here, so it neither reads the pages nor writes the file.
"""

from __future__ import annotations

from material.plugins.search.plugin import SearchPlugin
from mkdocs.plugins import PluginCollection


def switch_off_theme_index(plugins: PluginCollection) -> list[str]:
    """Turn off each of Material's search plugins that is on (their own `enabled: false`);
    the names of those it turned off."""
    switched_off = []
    for name, plugin in plugins.items():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            plugin.config.enabled = False
            switched_off.append(name)
    return switched_off
