"""The MkDocs plugin: a BasePlugin with its own options, and state that lives on the object.

`mkdocs serve` loads the config afresh for every rebuild; MkDocs keeps a plugin object only if
it has on_startup, and the topic cache lives on that object: a rebuild must reuse unchanged topics.
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import BuildError
from mkdocs.plugins import BasePlugin

from generator.engine.mkdocs.plugin import HealthGuidePlugin
from generator.model.review_check import is_strict
from support import ROOT


def serve_rebuild_config(content, strict_review: str | None = None):
    """What `mkdocs serve` does before each build: load mkdocs.yml again (options from !ENV)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HEALTHGUIDE_CONTENT", str(content.root))
        env.setenv("HEALTHGUIDE_CACHE_DIR", "off")  # only the in-memory cache on the plugin counts
        if strict_review is not None:
            env.setenv("HEALTHGUIDE_STRICT_REVIEW", strict_review)
        return load_config(config_file=str(ROOT / "mkdocs.yml"))


def test_the_plugin_is_a_base_plugin_with_its_options_from_mkdocs_yml(content):
    config = serve_rebuild_config(content, strict_review="1")
    plugin = config.plugins["healthguide"]

    assert isinstance(plugin, HealthGuidePlugin) and isinstance(plugin, BasePlugin)
    assert plugin.config.content_dir == str(content.root)
    assert is_strict(plugin.config.strict_review)  # !ENV reads "1" as YAML: the number 1
    assert "generator/mkdocs_hook.py" not in str(config.get("hooks"))


def test_a_serve_rebuild_keeps_the_plugin_and_reuses_unchanged_topics(content):
    first = serve_rebuild_config(content)
    first.plugins["healthguide"].on_config(first)

    second = serve_rebuild_config(content)
    plugin = second.plugins["healthguide"]
    plugin.on_config(second)

    assert plugin is first.plugins["healthguide"]
    assert plugin.cache.hits == 2  # the topic's model and its pages
    assert second.nav[0] == {"Home": "index.md"}


def test_bad_content_is_one_build_error_naming_the_file(content):
    content.replace("urgency: see-doctor", "urgency: sometimes")
    config = serve_rebuild_config(content)

    with pytest.raises(BuildError) as info:
        config.plugins["healthguide"].on_config(config)

    assert str(content.topic_file) in str(info.value) and "sometimes" in str(info.value)
