"""CONTRIBUTING.md's counts stay true: a new page kind takes 2 files, and nothing else learns of it
by hand. A copy of the generator gets only those 2 edits; the page must then be rendered, in the
navigation, the topic menu, links.lock and the clinicians' page's policy, with no other change."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

from support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
NEW_KIND = '''
SUMMARY = PageKind("summary", "In short", "summary.md", "pages/topic_summary.md.j2", "topic")
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


def test_a_new_page_kind_takes_two_files(tmp_path):
    copy = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__"))
    routes = copy / "structure" / "routes.py"
    text = routes.read_text(encoding="utf-8")
    anchor = "# In navigation and menu order"
    assert text.count(anchor) == 1 and text.count("LINKS, ABOUT") == 1
    text = text.replace(anchor, NEW_KIND.strip() + "\n\n" + anchor).replace("LINKS, ABOUT", "LINKS, SUMMARY, ABOUT")
    routes.write_text(text, encoding="utf-8")  # file 1: the registry
    (copy / "templates" / "pages" / "topic_summary.md.j2").write_text(TEMPLATE, encoding="utf-8")  # file 2

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


def test_a_required_field_needs_a_value_in_the_topic_files_contributing_names():
    """"Add a field" says which files hold a whole topic; a new one (a fixture topic that is not
    made from the sample) would make a required field cost more than it says."""
    tracked = subprocess.run(["git", "ls-files", "*.yaml"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    # The bad-input cases that are whole files are refused before any field is read (not UTF-8, too large).
    whole = [name for name in tracked if not name.startswith("tests/fixtures/bad/")]
    topics = sorted(name for name in whole if re.search(r"^slug:", (ROOT / name).read_text(encoding="utf-8"), re.M))
    assert topics == ["content/topics/facial-twitching.yaml", "tests/fixtures/minimal/topics/sample.yaml"]
    recipe = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "every topic\nfile, today 2:" in recipe and all(f"`{name}`" in recipe for name in topics)
    assert "REFERENCE_LISTS" not in recipe and "whole topics" not in recipe
