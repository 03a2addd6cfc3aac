"""The site-wide stylesheets (engine/mkdocs/packaged_files.py's SITE_STYLESHEETS) hold only site-wide rules: a rule for one
component's classes belongs in that component's style.css, beside its template, so the folder is
the whole component. A class two components share (.site-picture) may stay site-wide."""

from __future__ import annotations

import re
from collections import defaultdict

from generator.components.catalog import components
from generator.engine.mkdocs.packaged_files import SITE_FILES_DIR, SITE_STYLESHEETS

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
CLASS_NAME = re.compile(r"[a-z][a-z0-9_-]*[a-z0-9]")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
SELECTOR_CLASS = re.compile(r"\.([a-zA-Z][\w-]*)")


def owners() -> dict[str, set[str]]:
    """Each class a component's templates write, and the components that write it."""
    found = defaultdict(set)
    for component in components():
        for template in component.folder.glob("*.j2"):
            for value in CLASS_ATTRIBUTE.findall(JINJA.sub(" ", template.read_text(encoding="utf-8"))):
                for name in value.split():
                    if CLASS_NAME.fullmatch(name):
                        found[name].add(component.name)
    return found


def owner_of(name: str, classes: dict[str, set[str]]) -> set[str]:
    """The components a class belongs to: theirs, or a BEM element or modifier of theirs."""
    block = re.split(r"__|--", name, maxsplit=1)[0]
    return classes.get(name) or classes.get(block) or set()


def site_wide_selectors() -> list[tuple[str, str]]:
    """(stylesheet, class) for every class named in a selector of the site-wide stylesheets."""
    found = []
    for name in SITE_STYLESHEETS:
        css = COMMENT.sub("", (SITE_FILES_DIR / name).read_text(encoding="utf-8"))
        for selectors in re.findall(r"([^{}]+)\{", css):
            if not selectors.strip().startswith("@"):
                found += [(name, cls) for cls in SELECTOR_CLASS.findall(selectors)]
    return found


def test_the_site_wide_stylesheets_hold_no_single_components_rules():
    classes = owners()
    assert {"care-card", "warning-table", "topic-menu"} <= set(classes)  # the scan finds the templates' classes

    misplaced = sorted({
        f"{sheet}: .{cls} (components/{next(iter(owner_of(cls, classes)))}/style.css)"
        for sheet, cls in site_wide_selectors() if len(owner_of(cls, classes)) == 1
    })

    assert not misplaced, "rules for one component in a site-wide stylesheet:\n" + "\n".join(misplaced)
