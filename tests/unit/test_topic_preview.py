"""`make serve TOPIC=slug` (HEALTHGUIDE_TOPIC): a preview of one topic and the site's own pages,
so a rebuild after a save takes the same time at any site size (issue 17)."""

from __future__ import annotations

from generator.pages.qr import qr_svg
from support import build_site, copy_content


def preview_with_edited_title(tmp_path):
    """A one-topic preview generated once, then its topic's title edited as an author's save
    would; returns the second generation, which the caller runs after setting up its probe."""
    from generator.engine.mkdocs.topic_preview import TopicPreview
    from generator.render.cache import TopicCache

    content = copy_content(tmp_path / "content")
    preview, cache = TopicPreview(), TopicCache(None)
    preview.generate(content, "facial-twitching", "http://127.0.0.1:8123/", cache, publishing=False)
    topic = content / "topics" / "facial-twitching.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")

    def generate_again():
        generated = preview.generate(content, "facial-twitching", "http://127.0.0.1:8123/", cache, publishing=False)
        assert any("Edited " in page.markdown for page in generated.pages if page.path == "facial-twitching/index.md")
        return generated

    return generate_again


def built_pages(site) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_a_topic_preview_builds_only_that_topic_and_the_site_pages(tmp_path):
    """...and keeps the other topics' page conversions (page_cache.py): a whole build of the
    site deletes the entries of pages it did not convert, a preview must not."""
    from generator.engine.mkdocs.page_cache import PageCache
    from support import ROOT

    other_topics_page = PageCache.for_content(ROOT / "content", "").site_folder() / f"{'f' * 32}.json"
    other_topics_page.parent.mkdir(parents=True, exist_ok=True)
    other_topics_page.write_text("{}", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, extra_env={"HEALTHGUIDE_TOPIC": "facial-twitching"})
    assert other_topics_page.exists(), "a one-topic preview deleted the cached pages of the topics it did not build"
    assert result.returncode == 0, result.stdout + result.stderr
    pages = built_pages(site)
    assert {".", "about", "facial-twitching", "facial-twitching/faq"} <= pages
    others = {page for page in pages if page.split("/")[0] in {"bells-palsy", "blepharospasm", "hemifacial-spasm"}}
    assert not others, f"pages of other topics in a one-topic preview: {sorted(others)}"
    translated = {page for page in pages if page.split("/")[0] == "es"}
    assert not translated, f"a one-topic preview built translations: {sorted(translated)}"
    assert "Twitch" in (site / "facial-twitching" / "index.html").read_text(encoding="utf-8")


def test_an_unknown_topic_is_one_clear_error(tmp_path):
    site = tmp_path / "site"
    result = build_site(site, extra_env={"HEALTHGUIDE_TOPIC": "facial-twiching"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "HEALTHGUIDE_TOPIC" in output and "'facial-twiching'" in output
    assert "did you mean 'facial-twitching'" in output
    assert not (site / "index.html").exists()


def test_a_publishing_build_refuses_a_topic_preview(tmp_path):
    site = tmp_path / "site"
    result = build_site(site, extra_env={"HEALTHGUIDE_TOPIC": "facial-twitching", "HEALTHGUIDE_PUBLISH": "1"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "HEALTHGUIDE_TOPIC" in output


def test_a_topic_preview_checks_that_topic_s_published_links_only(tmp_path):
    content = copy_content(tmp_path / "content")
    lock = content / "links.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "/bells-palsy/#no-such-item\n", encoding="utf-8")
    result = build_site(tmp_path / "other", content_dir=content, extra_env={"HEALTHGUIDE_TOPIC": "facial-twitching"})
    assert result.returncode == 0, result.stdout + result.stderr  # another topic's link: make site checks it
    lock.write_text(lock.read_text(encoding="utf-8") + "/facial-twitching/#no-such-item\n", encoding="utf-8")
    result = build_site(tmp_path / "own", content_dir=content, extra_env={"HEALTHGUIDE_TOPIC": "facial-twitching"})
    assert result.returncode == 1
    assert "published link '/facial-twitching/#no-such-item' is lost" in result.stdout + result.stderr


def test_a_save_in_the_preview_does_not_encode_the_topic_s_qr_codes_again():
    """A preview rebuild renders the saved topic again with the same addresses: its QR codes
    (~1 ms each, 140 a topic) come from memory."""
    from generator.model.loading import load_content
    from generator.pages.clinician_links import groups
    from support import ROOT, twitching

    content = load_content(ROOT / "content")
    loaded, words = twitching(content), content.strings.section("copy_link_script")
    first = groups(loaded, "http://127.0.0.1:8123/", words)
    encoded = qr_svg.cache_info().misses
    again = groups(loaded, "http://127.0.0.1:8123/", words)
    assert qr_svg.cache_info().misses == encoded, "the same addresses were encoded again"
    assert [entry.qr_svg for group in again for entry in group.entries] == [entry.qr_svg for group in first for entry in group.entries]


def test_a_save_in_the_preview_compiles_no_template_again(tmp_path, monkeypatch):
    """The saved topic's pages are rendered with the Jinja environments the preview keeps, so
    no template is compiled again (compiling them took ~1 s of a rebuild on the shared machine)."""
    from jinja2 import Environment

    generate_again = preview_with_edited_title(tmp_path)
    compiled = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *args, **kwargs: compiled.append(args[1:2]) or original(self, *args, **kwargs))
    generate_again()
    assert compiled == [], f"templates compiled again: {compiled}"


def test_the_preview_keeps_the_theme_s_compiled_templates_until_a_theme_file_changes(tmp_path):
    """MkDocs makes a new theme environment on every build and compiles Material's templates
    again; the preview keeps the first (generator/engine/mkdocs/topic_preview.py)."""
    import os

    from jinja2 import Environment

    from generator.engine.mkdocs.topic_preview import TopicPreview

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    preview, first, second, third = TopicPreview(), Environment(), Environment(), Environment()
    assert preview.theme_environment(first, [str(theme), "/material"], theme) is first
    assert preview.theme_environment(second, [str(theme), "/material"], theme) is first
    stat = (theme / "main.html").stat()
    os.utime(theme / "main.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a developer's save
    assert preview.theme_environment(third, [str(theme), "/material"], theme) is third
    assert preview.theme_environment(second, [str(theme), "/other-theme"], theme) is second


def test_a_dirty_topic_preview_passes_strict_and_a_whole_site_dirty_build_still_warns(tmp_path):
    """`make serve TOPIC=slug` serves with --dirty (MkDocs then neither empties the site folder
    nor copies the theme's unchanged files again on each save); MkDocs' warning about dirty
    builds must not fail its --strict build. Without a topic the warning stays."""
    import os
    import subprocess
    import sys

    from support import ROOT

    def dirty_build(site, topic):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HEALTHGUIDE_TOPIC": topic}
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                              cwd=ROOT, env=env, capture_output=True, text=True, check=False)

    result = dirty_build(tmp_path / "preview", "facial-twitching")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "A 'dirty' build" not in result.stderr
    result = dirty_build(tmp_path / "whole", "")
    assert result.returncode == 1 and "A 'dirty' build is being performed" in result.stderr


def test_a_save_in_the_preview_walks_no_unchanged_topic_for_its_cross_topic_links(tmp_path, monkeypatch):
    """Checking cross-topic references walked every topic's models on every load (18.8 s of a
    save at 100 topics): the unchanged topics' references and ids are kept by file digest."""
    from generator.model import topic_links

    generate_again = preview_with_edited_title(tmp_path)
    walked = []
    original = topic_links.links_in
    monkeypatch.setattr(topic_links, "links_in", lambda model, data: walked.append(data["slug"]) or original(model, data))
    generate_again()
    assert set(walked) == {"facial-twitching"}, f"unchanged topics walked again: {sorted(set(walked) - {'facial-twitching'})}"
