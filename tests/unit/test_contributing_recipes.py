"""CONTRIBUTING.md's counts stay true: a new page kind takes 3 files (its name in each strings
catalog) and a new component with a
stylesheet and a script 6, and nothing else learns of them by hand. A copy of the generator gets
only those edits; the page must then be rendered, in the navigation, the topic menu, links.lock
and the clinicians' page's policy; the component's styles, script and loader entry must reach
the built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
NEW_KIND = '''
SUMMARY = PageKind("summary", "summary", "summary.md", "pages/topic_summary.md.j2", "topic")
'''
TEMPLATE = '# {{ topic.title }}: in short\n\n{{ topic.summary }}\n'
PROBE = """
import json, sys
from generator.pipeline import generate
from generator.structure.links_lock import link_index
from generator.structure.navigation import navigation
generated = generate(sys.argv[1])
pages = {page.path: page.markdown for page in generated.pages}
print(json.dumps({
    "pages": sorted(pages),
    "nav": navigation(generated.content),
    "menu": pages["sample-topic/index.md"],
    "summary": pages.get("sample-topic/summary.md", ""),
    "links": sorted(link_index(generated.content).current),
}))
"""


def test_a_new_page_kind_takes_three_files(tmp_path):
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    routes = copy / "structure" / "routes.py"
    text = routes.read_text(encoding="utf-8")
    anchor = "# In navigation and menu order"
    assert text.count(anchor) == 1 and text.count("LINKS, ABOUT") == 1
    text = text.replace(anchor, NEW_KIND.strip() + "\n\n" + anchor).replace("LINKS, ABOUT", "LINKS, SUMMARY, ABOUT")
    routes.write_text(text, encoding="utf-8")  # file 1: the registry
    (copy / "templates" / "pages" / "topic_summary.md.j2").write_text(TEMPLATE, encoding="utf-8")  # file 2
    for catalog in (copy / "strings").glob("*.yaml"):  # file 3: its name, in each language's catalog
        words = catalog.read_text(encoding="utf-8")
        assert words.count("\npages:\n") == 1
        catalog.write_text(words.replace("\npages:\n", "\npages:\n  summary: In short\n"), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(FIXTURE)],
        cwd=tmp_path, env={"HEALTHGUIDE_CACHE_DIR": "off", "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False,
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "sample-topic/summary.md" in found["pages"]
    assert found["summary"].startswith("# Sample topic: in short")
    topic_nav = next(entry["Sample topic"] for entry in found["nav"] if "Sample topic" in entry)
    assert {"In short": "sample-topic/summary.md"} in topic_nav
    assert "[In short](summary.md)" in found["menu"]  # the topic menu of every topic page
    assert "/sample-topic/summary/" in found["links"]  # published, so links.lock protects it


# A component with a stylesheet and a script: the folder's 5 files and the page that calls it.
COMPONENT = {
    "template.md.j2": '{% macro notice_banner() %}\n<div class="notice-banner" data-notice-banner markdown="block">\n'
                      'A notice about {{ topic.title }}.\n</div>\n{% endmacro %}\n',
    "README.md": "# notice-banner\n\nA notice above the guide's parts. `notice_banner()`; `.notice-banner`, `[data-notice-banner]`.\n",
    "style.css": ".md-typeset .notice-banner { outline: 3px dotted #123456; }\n",
    "script.js": '(function () {\n  "use strict";\n  window.NoticeBanner = { init: function (root) { root.hidden = false; } };\n})();\n',
    "component.toml": '[script]\nselector = "[data-notice-banner]"\nglobal = "NoticeBanner"\n',
}


def project_copy(folder):
    """What a build reads: the generator (with its theme and site-wide files) and mkdocs.yml."""
    for name in ("generator",):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", "test_*.py", "*.mjs"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "content").mkdir()  # mkdocs.yml watches it; the build reads FIXTURE


def build_copy(folder, site):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=folder, capture_output=True, text=True, timeout=300, check=False,
        env={"HEALTHGUIDE_CONTENT": str(FIXTURE), "HEALTHGUIDE_CACHE_DIR": "off", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def test_a_new_component_with_a_stylesheet_and_a_script_takes_six_files(tmp_path):
    assert "## Add a component: 3 files; 4 with a stylesheet; 6 with a script" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    project_copy(tmp_path)
    folder = tmp_path / "generator" / "components" / "notice-banner"
    folder.mkdir()
    for name, text in COMPONENT.items():  # files 1-5: the component's folder
        (folder / name).write_text(text, encoding="utf-8")
    page = tmp_path / "generator" / "templates" / "pages" / "topic_guide.md.j2"
    text = page.read_text(encoding="utf-8")
    assert text.count("{% block parts %}\n") == 1
    text = text.replace("{% block parts %}\n", '{% from "components/notice-banner/template.md.j2" import notice_banner with context %}\n'
                        "{% block parts %}\n{{ notice_banner() }}\n\n")
    page.write_text(text, encoding="utf-8")  # file 6: the page that shows it

    site = tmp_path / "site"
    result = build_copy(tmp_path, site)

    assert result.returncode == 0, result.stderr
    assert 'class="notice-banner" data-notice-banner' in (site / "sample-topic" / "index.html").read_text(encoding="utf-8")
    assert COMPONENT["style.css"].strip() in (site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert (site / "javascripts" / "notice-banner.js").read_text(encoding="utf-8") == COMPONENT["script.js"]
    loader = (site / "javascripts" / "page-scripts.js").read_text(encoding="utf-8")
    assert '{"selector": "[data-notice-banner]", "script": "notice-banner.js", "global": "NoticeBanner"}' in loader


def test_a_component_script_without_its_declaration_fails_the_build_in_one_line(tmp_path):
    project_copy(tmp_path)
    folder = tmp_path / "generator" / "components" / "notice-banner"
    folder.mkdir()
    (folder / "script.js").write_text(COMPONENT["script.js"], encoding="utf-8")

    result = build_copy(tmp_path, tmp_path / "site")

    assert result.returncode == 1
    assert "generator/components/notice-banner/script.js: needs component.toml beside it" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_required_field_needs_a_value_in_the_topic_files_contributing_names():
    """"Add a field" says which files hold a whole topic; a new one (a fixture topic that is not
    made from the sample) would make a required field cost more than it says."""
    tracked = subprocess.run(["git", "ls-files", "*.yaml"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # The bad-input cases that are whole files are refused before any field is read (not UTF-8, too large).
    whole = [name for name in tracked if not name.startswith("tests/fixtures/bad/")]
    topics = sorted(name for name in whole if re.search(r"^slug:", (ROOT / name).read_text(encoding="utf-8"), re.M))
    assert topics == ["content/languages/es/topics/facial-twitching.yaml", "content/topics/bells-palsy.yaml", "content/topics/blepharospasm.yaml", "content/topics/facial-twitching.yaml",
                      "content/topics/hemifacial-spasm.yaml", "generator/scaffold/new_site/content/topics/hiccups-example.yaml",
                      "generator/scaffold/topic/skeleton.yaml", "tests/fixtures/minimal/topics/sample.yaml",
                      "tests/fixtures/rtl/languages/ar/topics/sample.yaml", "tests/fixtures/rtl/topics/sample.yaml"]
    recipe = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "every topic\nfile, today 10:" in recipe and all(f"`{name}`" in recipe for name in topics)
    assert "REFERENCE_LISTS" not in recipe and "whole topics" not in recipe
