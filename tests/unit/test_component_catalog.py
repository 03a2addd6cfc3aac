"""generator/components/catalog.py: every component folder is complete, and a folder that cannot
be used (a script without its component.toml, a wrong setting) is one error naming the file and
the setting, never a traceback or a script the loader silently leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.components.catalog import FOLDER, ComponentError, components

SCRIPT = "(function () {\n  window.Banner = { init: function () {} };\n})();\n"
DECLARATION = '[script]\nselector = "[data-banner]"\nglobal = "Banner"\n'


def component(root: Path, files: dict[str, str]) -> Path:
    folder = root / "banner"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_component_folder_has_a_readme_and_something_to_show():
    found = components()
    assert len(found) > 20
    for each in found:
        assert (each.folder / "README.md").is_file(), each.name
        assert list(each.folder.glob("*.j2")) or each.style or each.script, each.name


def test_a_script_is_declared_with_its_selector_and_global(tmp_path):
    component(tmp_path, {"template.md.j2": "", "style.css": "p {}", "script.js": SCRIPT, "component.toml": DECLARATION})
    [found] = components(tmp_path)
    assert (found.name, found.style, found.script.selector, found.script.global_name) == (
        "banner", tmp_path / "banner" / "style.css", "[data-banner]", "Banner")


def test_the_real_scripts_are_declared():
    declared = {each.name: (each.script.selector, each.script.global_name) for each in components() if each.script}
    assert declared["diary"] == ("[data-diary]", "Diary")
    assert declared["glossary-tooltip"] == ("article abbr", "GlossaryTooltip")
    assert set(declared) == {path.parent.name for path in FOLDER.glob("*/script.js")}


@pytest.mark.parametrize(("files", "message"), [
    ({"script.js": SCRIPT}, "banner/script.js: needs component.toml beside it"),
    ({"component.toml": DECLARATION}, "banner/component.toml: declares a script, but script.js is missing"),
    ({"script.js": SCRIPT, "component.toml": '[script]\nselector = "[data-banner]"\n'}, "banner/component.toml: script.global: missing"),
    ({"script.js": SCRIPT, "component.toml": DECLARATION.replace('"[data-banner]"', '""')}, "banner/component.toml: script.selector: missing"),
    ({"script.js": SCRIPT, "component.toml": DECLARATION + 'defer = true\n'}, "banner/component.toml: script.defer: unknown setting"),
    ({"script.js": SCRIPT, "component.toml": DECLARATION.replace('"Banner"', '"Ban ner"')}, "script.global: 'Ban ner' is not a JavaScript name"),
    ({"script.js": SCRIPT, "component.toml": DECLARATION.replace('"Banner"', '"Other"')}, "script.global: script.js never sets window.Other"),
    ({"script.js": SCRIPT, "component.toml": 'selector = "[data-banner]"\n'}, "banner/component.toml: must hold one [script] table"),
    ({"script.js": SCRIPT, "component.toml": '[script]\nselector = "[data-banner\n'}, "banner/component.toml: Illegal character '\\n' (at line 2, column 25)"),
])
def test_a_component_that_cannot_be_used_is_one_located_error(tmp_path, files, message):
    component(tmp_path, files)
    with pytest.raises(ComponentError) as raised:
        components(tmp_path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
