"""Compiled templates are kept between builds (generator/render/compiled_templates.py): a new
environment loads a template's code instead of compiling it again, never a stale or damaged
one, never one compiled under other options, and never from a folder someone else could write."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from test_mkdocs_plugin import build_config

from generator.model.strings import load_strings
from generator.render import compiled_templates
from generator.render.compiled_templates import ENV_VAR, CompiledTemplates, keep_compiled
from generator.render.environment import build_environments


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The name of every template compiled in this process from now on."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "templates"
    monkeypatch.setenv(ENV_VAR, str(folder))
    return folder


def environment(folder: Path, templates: Path, **options) -> jinja2.Environment:
    """One of a build's environments, its compiled templates kept in `folder` (the store's)."""
    env = keep_compiled(jinja2.Environment(loader=jinja2.FileSystemLoader(templates), **options))
    assert isinstance(env.bytecode_cache, CompiledTemplates) and env.bytecode_cache.folder == folder
    return env


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / "page.j2").write_text("Hello {{ name }}", encoding="utf-8")
    (folder / "block.j2").write_text("{% if name %}\nHello {{ name }}\n{% endif %}\n", encoding="utf-8")
    return folder


def test_a_new_environment_loads_the_generator_s_templates_compiled_before(store, compiled):
    strings = load_strings("en-GB", [])
    md_env, html_env = build_environments(strings)
    first = md_env.get_template("pages/topic_guide.md.j2")
    assert "topic_guide.md.j2" in compiled
    compiled.clear()
    md_env, html_env = build_environments(strings)  # a later build, or a rendering worker
    again = md_env.get_template("pages/topic_guide.md.j2")
    html_env.get_template("components/diary/form.html.j2")
    assert "topic_guide.md.j2" not in compiled
    assert again.blocks.keys() == first.blocks.keys()
    assert any(store.iterdir())


def test_an_edited_template_is_compiled_again(store, templates, compiled):
    assert environment(store, templates).get_template("page.j2").render(name="Ann") == "Hello Ann"
    (templates / "page.j2").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert environment(store, templates).get_template("page.j2").render(name="Ann") == "Goodbye Ann"
    assert compiled == ["page.j2", "page.j2"]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "foreign"])
def test_a_damaged_entry_is_compiled_again_never_run(store, templates, compiled, damage):
    environment(store, templates).get_template("page.j2")
    (entry,) = [path for path in store.iterdir()]
    data = entry.read_bytes()
    entry.write_bytes({
        "truncated": data[: len(data) // 2],
        "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "empty": b"",
        "foreign": b"\0" * 32 + b"import os; os.system('echo hacked')",
    }[damage])
    assert environment(store, templates).get_template("page.j2").render(name="Ann") == "Hello Ann"
    assert compiled == ["page.j2", "page.j2"]
    assert entry.read_bytes() == data  # and written again whole


def test_other_options_compile_the_same_source_again(store, templates, compiled):
    trimmed = environment(store, templates, trim_blocks=True).get_template("block.j2").render(name="Ann")
    kept = environment(store, templates).get_template("block.j2").render(name="Ann")
    assert (trimmed, kept) == ("Hello Ann\n", "\nHello Ann\n")
    assert compiled == ["block.j2", "block.j2"]
    shouting = environment(store, templates)
    shouting.filters["upper"] = jinja2.pass_context(lambda context, value: value.upper())  # now passed a context
    shouting.get_template("block.j2")
    assert len(compiled) == 3


def test_a_folder_others_can_write_to_is_not_used(store, templates, compiled):
    store.mkdir(mode=0o700)
    os.chmod(store, 0o777)
    assert compiled_templates.compiled_templates() is None
    os.chmod(store, 0o700)
    assert compiled_templates.compiled_templates() is not None


def test_a_link_in_place_of_the_folder_is_not_followed(store, tmp_path):
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    store.symlink_to(tmp_path / "elsewhere")
    assert compiled_templates.compiled_templates() is None


def test_a_full_disk_leaves_the_templates_compiled(store, templates, compiled, monkeypatch):
    open_ = os.open

    def full(path, flags, *args):
        if flags & os.O_CREAT and Path(path).parent == store:
            raise OSError(28, "No space left on device")
        return open_(path, flags, *args)

    monkeypatch.setattr(os, "open", full)
    for _ in range(2):
        assert environment(store, templates).get_template("page.j2").render(name="Ann") == "Hello Ann"
    assert compiled == ["page.j2", "page.j2"]
    assert not list(store.iterdir())  # no temporary file left behind


def test_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, "off")
    assert compiled_templates.compiled_templates() is None
    assert keep_compiled(jinja2.Environment()).bytecode_cache is None
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert compiled_templates.default_folder() == tmp_path / "cache" / "healthguide" / "templates"


def test_a_second_build_compiles_no_template(store, compiled, content, tmp_path):
    """MkDocs makes a new theme environment on every build: the plugin keeps its compiled code
    (on_env), as the generator keeps its own templates'."""
    build(build_config(content, tmp_path / "site"))
    assert {"main.html", "topic_guide.md.j2"} <= set(compiled)
    compiled.clear()
    build(build_config(content, tmp_path / "site"))
    assert compiled == []
