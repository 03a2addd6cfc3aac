"""The MkDocs plugin: a BasePlugin with its own options, and state that lives on the object.

`mkdocs serve` loads the config afresh for every rebuild; MkDocs keeps a plugin object only if
it has on_startup, and the topic cache lives on that object: a rebuild must reuse unchanged topics.
"""

from __future__ import annotations

from pathlib import Path

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


def build_config(content, site_dir: Path):
    """A `mkdocs serve` rebuild's config building into site_dir, warnings not failing it."""
    config = serve_rebuild_config(content)
    config.site_dir = str(site_dir)
    config.strict = False
    return config


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
    hits = first.plugins["healthguide"].cache.hits  # 0, unless an earlier test's build left this object

    second = serve_rebuild_config(content)
    plugin = second.plugins["healthguide"]
    plugin.on_config(second)

    assert plugin is first.plugins["healthguide"]
    assert plugin.cache.hits - hits == 2  # the topic's model and its pages
    assert second.nav[0] == {"Home": "index.md"}


def test_bad_content_is_one_build_error_naming_the_file(content):
    content.replace("urgency: see-doctor", "urgency: sometimes")
    config = serve_rebuild_config(content)

    with pytest.raises(BuildError) as info:
        config.plugins["healthguide"].on_config(config)

    assert str(content.topic_file) in str(info.value) and "sometimes" in str(info.value)


def test_from_nav_group_from_topics_on_no_topic_page_is_an_omission_for_strict(content):
    """From NAV_GROUP_FROM topics on the navigation lists no topic (readers find them on the home
    page's A to Z list): their pages are left out on purpose, so `omitted_files: warn` must not
    make `make site --strict` fail on them (it did at 10 topics; the benchmark's -q hid it)."""
    from mkdocs.structure.files import Files, InclusionLevel

    from generator.structure.navigation import NAV_GROUP_FROM

    sample = content.topic_file.read_text(encoding="utf-8")
    for number in range(1, NAV_GROUP_FROM):
        (content.topic_file.parent / f"copy-{number}.yaml").write_text(
            sample.replace("slug: sample-topic", f"slug: copy-{number}", 1), encoding="utf-8")
    config = serve_rebuild_config(content)
    config = config.plugins.on_config(config)  # as a build runs them, every plugin's

    files = config.plugins.on_files(Files([]), config=config)

    topic_pages = [file for file in files.documentation_pages() if file.src_uri.startswith(("sample-topic/", "copy-"))]
    assert len({file.src_uri.split("/")[0] for file in topic_pages}) == NAV_GROUP_FROM
    assert all(file.inclusion is InclusionLevel.NOT_IN_NAV for file in topic_pages), [
        file.src_uri for file in topic_pages if file.inclusion is not InclusionLevel.NOT_IN_NAV]
