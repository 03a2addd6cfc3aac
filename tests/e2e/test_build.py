"""The real site builds with --strict, and every published anchor and nav page exists."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from ruamel.yaml import YAML

from generator.engine.mkdocs.packaged_files import SITE_FILES_DIR, SITE_STYLESHEETS
from generator.model.loading import load_content
from generator.structure.routes import page_of, page_url, topic_page_path
from support import ROOT, build_site, pagefind_records, search_sections

CONTENT = ROOT / "content"


def all_ids_with_pages():
    content = load_content(CONTENT)
    for loaded in content.topics:
        for item_id in loaded.parts_by_id:
            yield loaded.topic.slug, item_id, page_url(topic_page_path(loaded.topic.slug, page_of(loaded, item_id)))


def html_ids(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def test_every_yaml_id_is_an_anchor_on_its_page(built_site):
    missing = []
    for _, item_id, url in all_ids_with_pages():
        html = built_site / url.strip("/") / "index.html"
        if item_id not in html_ids(html):
            missing.append(f"{url}#{item_id}")
    assert not missing, f"ids without an anchor in the built HTML: {missing}"
    assert len(list(all_ids_with_pages())) > 50


def test_every_nav_page_exists(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav_links = set(re.findall(r'<a href="([^"#]+)" class="md-nav__link', home)) - {"."}
    assert {"facial-twitching/", "facial-twitching/faq/", "about/"} <= nav_links
    for link in nav_links:
        target = (built_site / link).resolve()
        assert (target / "index.html").exists() or target.is_file(), f"nav link {link} has no page"


def test_search_offers_each_faq_question_as_its_own_result(built_site):
    sections = search_sections(pagefind_records(built_site)["facial-twitching/faq/"])
    topic = YAML(typ="safe").load((CONTENT / "topics" / "facial-twitching.yaml").read_text(encoding="utf-8"))
    for entry in topic["faq"]["items"]:
        assert entry["id"] in sections


def test_the_site_publishes_no_lunr_search_index(built_site):
    """Search is Pagefind's; Material's whole-site search/search_index.json (65 MB at 1,000
    topics) is downloaded by nobody, so no language publishes it (issue 17)."""
    assert [path for path in built_site.rglob("search_index.json")] == []
    assert (built_site / "search" / "setup.json").is_file() and (built_site / "es" / "search" / "setup.json").is_file()


def test_guide_shows_review_dates_and_honest_review_notice(built_site):
    html = (built_site / "facial-twitching" / "index.html").read_text(encoding="utf-8")
    assert "Not yet reviewed by a clinician." in html and "Next planned review" in html
    assert "Last reviewed" not in html and "last reviewed" not in html  # nobody has reviewed it yet
    assert 'class="care-card care-card--emergency"' in html


def test_built_pages_reference_no_other_host(built_site):
    """No Google Fonts, CDN or analytics: every src/href to a script, style or font is local."""
    offenders = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            match = re.search(r'\b(?:src|href)="(https?:)?//([^/"]+)', tag)
            if match and not match.group(2).startswith("127.0.0.1"):
                offenders.append(f"{path.relative_to(built_site)}: {tag}")
    assert not offenders, offenders


def test_bad_content_fails_the_build_with_a_located_message(tmp_path):
    content = tmp_path / "content"
    (content / "topics").mkdir(parents=True)
    (content / "site.yaml").write_text((CONTENT / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (CONTENT / "topics" / "facial-twitching.yaml").read_text(encoding="utf-8")
    (content / "topics" / "facial-twitching.yaml").write_text(text.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    result = build_site(tmp_path / "site", content_dir=content)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "facial-twitching.yaml:" in output and "unknown field 'titel'" in output
    assert "did you mean 'title'" in output
    assert "Traceback" not in output


def test_project_build_keeps_previous_site_when_content_is_broken(tmp_path):
    content = tmp_path / "content"
    (content / "topics").mkdir(parents=True)
    # A production build: the contact address must be one someone reads (not the .example one).
    site_settings = (CONTENT / "site.yaml").read_text(encoding="utf-8").replace("@twitch-check.example", "@twitch-check.org")
    (content / "site.yaml").write_text(site_settings, encoding="utf-8")
    (content / "topics" / "broken.yaml").write_text("slug: [unclosed\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env={"HEALTHGUIDE_CONTENT": str(content), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "broken.yaml:2" in result.stderr and "started on line 1" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert "Traceback" not in result.stderr


def test_pages_link_one_joined_stylesheet_with_every_feature_s_styles(built_site):
    """css_bundle: the package's site-wide stylesheets, then every component's style.css, reach
    pages as one file, in that order."""
    listed = [SITE_FILES_DIR / name for name in SITE_STYLESHEETS]
    own = sorted((ROOT / "generator" / "components").glob("*/style.css"))
    assert len(listed) >= 3 and len(own) >= 5
    joined = (built_site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    positions = [joined.index(path.read_text(encoding="utf-8").strip()) for path in listed + own]
    assert positions == sorted(positions)
    for page in built_site.rglob("index.html"):
        own = [href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
               if "assets/stylesheets/" not in href]
        assert [href.rsplit("/", 2)[-2:] for href in own] == [["stylesheets", "site.css"]], page


def test_every_component_script_is_served_and_loaded_on_the_pages_that_use_it(built_site):
    """page_scripts: each generator/components/<name>/script.js is javascripts/<name>.js, and the
    loader every page links lists it with the selector and global of its component.toml."""
    loader = (built_site / "javascripts" / "page-scripts.js").read_text(encoding="utf-8")
    features = json.loads(re.search(r"var features = (\[.*?\]);", loader).group(1))
    scripts = sorted((ROOT / "generator" / "components").glob("*/script.js"))
    assert len(scripts) >= 5
    for script in scripts:
        declared = tomllib.loads((script.parent / "component.toml").read_text(encoding="utf-8"))["script"]
        served = f"{script.parent.name}.js"
        assert (built_site / "javascripts" / served).read_bytes() == script.read_bytes()
        assert {"selector": declared["selector"], "script": served, "global": declared["global"]} in features
    assert len(features) == len(scripts)
    assert 'src="../javascripts/page-scripts.js"' in (built_site / "facial-twitching" / "index.html").read_text(encoding="utf-8")


def test_each_topic_page_has_a_menu_of_the_topic_s_pages(built_site):
    """components/topic_menu: under the title, every page of the topic, the current one marked
    (with many topics it is the way between them; see test_navigation.py)."""
    pages = {"": "Overview and self-help", "when-to-get-help/": "When to get help", "causes/": "Causes",
             "conditions/": "Conditions that can cause it", "tests-and-treatment/": "Tests and treatment",
             "sources/": "Main points and sources", "faq/": "Questions and answers",
             "self-check/": "Self-check: how urgent is it?", "diary/": "Symptom diary",
             "links/": None}  # the clinicians' page is in no menu
    for path, title in pages.items():
        html = (built_site / "facial-twitching" / path / "index.html").read_text(encoding="utf-8")
        menu = re.search(r'<nav aria-label="Pages about facial and eyelid twitching" class="topic-menu">(.*?)</nav>', html, re.S)
        assert menu, f"no topic menu on {path or 'the guide'}"
        links = re.findall(r'<a (aria-current="page" )?href="([^"]+)">([^<]+)</a>', menu.group(1))
        assert [text for _, _, text in links] == [title for title in pages.values() if title]
        assert [text for current, _, text in links if current] == ([title] if title else [])


def test_clinicians_page_is_in_no_menu_but_linked_from_every_topic_footer_and_about(built_site):
    """Issue 14: "Links for clinicians" is not for patients: not in the site navigation nor the
    topic menu, but one link in the footer of each of the topic's pages and on About."""
    topic = built_site / "facial-twitching"
    for page in [topic / "index.html", *topic.glob("*/index.html")]:
        html = page.read_text(encoding="utf-8")
        sidebars = html.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-content"', 1)[0]
        assert "Links for clinicians" not in sidebars, page
        footer = re.search(r'<footer class="md-footer">(.*?)</footer>', html, re.S).group(1)
        hrefs = re.findall(r'<a href="([^"]+)">Links for clinicians</a>', footer)
        expected = "./" if page.parent.name == "links" else ("links/" if page.parent == topic else "../links/")
        assert hrefs == [expected], page
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../facial-twitching/links/">Facial and eyelid twitching: links for clinicians</a>' in about
    assert "/facial-twitching/links/" in (ROOT / "content" / "links.lock").read_text(encoding="utf-8").splitlines()
