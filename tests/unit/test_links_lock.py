"""The published-links lock (generator/structure/links_lock.py): which links exist, which were lost, where
old ids and slugs lead, and the `lock` command."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model.loading import load_content
from generator.pipeline import generate
from generator.reading.problems import ContentError
from generator.structure.deep_links import marker
from generator.structure.links_lock import (
    LOCK_FILE,
    check_lock,
    compare,
    link_index,
    lock_text,
    read_lock,
)
from generator.structure.routes import page_url, pages_of

PROJECT = Path(__file__).resolve().parents[2]


def lock_now(root: Path) -> list[str]:
    """Write the lock for the content as it is now; return its links."""
    index = link_index(load_content(root))
    (root / LOCK_FILE).write_text(lock_text(index, []), encoding="utf-8")
    return read_lock(root / LOCK_FILE)


def run_lock(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--content", str(root), "lock", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_lock_lists_every_page_and_linkable_anchor_sorted_one_per_line(content):
    links = lock_now(content.root)
    assert links == sorted(links) and len(links) == len(set(links))
    for expected in ("/", "/about/", "/sample-topic/", "/sample-topic/faq/", "/sample-topic/links/",
                     "/sample-topic/#overview", "/sample-topic/#rf-face", "/sample-topic/when-to-get-help/#warn-spread",
                     "/sample-topic/#step-track", "/sample-topic/#do-sleep", "/sample-topic/faq/#faq-one"):
        assert expected in links
    assert "/sample-topic/#faq-one" not in links  # each anchor only on the page that has it
    assert "/sample-topic/#warn-spread" not in links
    text = (content.root / LOCK_FILE).read_text(encoding="utf-8")
    assert text.startswith("# ") and "python -m generator lock" in text
    # The lock's pages come from the route registry: exactly the pages the renderer writes.
    assert {page_url(page.path) for page in generate(content.root).pages} == {link for link in links if "#" not in link}


def test_renamed_id_without_previous_ids_is_a_lost_link_naming_link_and_file(content):
    lock_now(content.root)
    content.replace("{id: cause-one,", "{id: cause-first,").replace("[the cause](#cause-one)", "[the cause](#cause-first)")
    content.replace("see_also: [cause-one]", "see_also: [cause-first]").replace("used_for: [cause-one]", "used_for: [cause-first]")
    with pytest.raises(ContentError) as info:
        check_lock(load_content(content.root))
    report = info.value.report()
    assert "/sample-topic/causes/#cause-one" in report
    assert str(content.topic_file) in report
    assert "previous_ids: [cause-one]" in report


def test_renamed_id_with_previous_ids_still_resolves_and_stays_locked(content):
    lock_now(content.root)
    content.replace("{id: cause-one,", "{id: cause-first, previous_ids: [cause-one],")
    content.replace("[the cause](#cause-one)", "[the cause](#cause-first)")
    content.replace("see_also: [cause-one]", "see_also: [cause-first]").replace("used_for: [cause-one]", "used_for: [cause-first]")
    loaded = load_content(content.root)
    report = check_lock(loaded)
    assert report.lost == [] and report.new == ["/sample-topic/causes/#cause-first"]
    index = link_index(loaded)
    assert index.resolve("/sample-topic/causes/#cause-one") == "/sample-topic/causes/#cause-first"
    # Rewriting the lock keeps the old link, so dropping previous_ids later still fails.
    rewritten = lock_text(index, read_lock(content.root / LOCK_FILE))
    assert "/sample-topic/causes/#cause-one\n" in rewritten and "/sample-topic/causes/#cause-first\n" in rewritten


# The guide used to be one page at the topic's address: these links were published then.
ONE_PAGE_GUIDE_LINKS = {
    "/sample-topic/#cause-one": "/sample-topic/causes/#cause-one",
    "/sample-topic/#causes": "/sample-topic/causes/#causes",
    "/sample-topic/#warn-spread": "/sample-topic/when-to-get-help/#warn-spread",
    "/sample-topic/#help-gp-2-weeks": "/sample-topic/when-to-get-help/#help-gp-2-weeks",  # a GP-level sign
    "/sample-topic/#condition-one": "/sample-topic/conditions/#condition-one",
    "/sample-topic/#ref-nhs": "/sample-topic/sources/#ref-nhs",
    "/sample-topic/#rf-face": "/sample-topic/#rf-face",  # an emergency sign stays on the first page
    "/sample-topic/#do-sleep": "/sample-topic/#do-sleep",
}


def test_links_to_the_one_page_guide_land_on_the_item_s_new_page_and_stay_locked(content):
    (content.root / LOCK_FILE).write_text("".join(f"{link}\n" for link in ONE_PAGE_GUIDE_LINKS), encoding="utf-8")
    loaded = load_content(content.root)
    index = link_index(loaded)

    assert {link: index.resolve(link) for link in ONE_PAGE_GUIDE_LINKS} == ONE_PAGE_GUIDE_LINKS
    assert check_lock(loaded).lost == []
    rewritten = lock_text(index, read_lock(content.root / LOCK_FILE)).splitlines()
    assert set(ONE_PAGE_GUIDE_LINKS) | set(ONE_PAGE_GUIDE_LINKS.values()) <= set(rewritten)
    # Only the guide's items are forwarded from the topic's address: the FAQ was never on it.
    assert index.resolve("/sample-topic/#faq-one") is None


def test_an_item_renamed_after_it_moved_is_forwarded_from_the_topic_s_address_to_its_new_id(content):
    content.replace("{id: cause-one,", "{id: cause-first, previous_ids: [cause-one],")
    content.replace("[the cause](#cause-one)", "[the cause](#cause-first)")
    content.replace("see_also: [cause-one]", "see_also: [cause-first]").replace("used_for: [cause-one]", "used_for: [cause-first]")
    index = link_index(load_content(content.root))

    assert index.resolve("/sample-topic/#cause-one") == "/sample-topic/causes/#cause-first"
    assert index.resolve("/sample-topic/causes/#cause-one") == "/sample-topic/causes/#cause-first"


def test_the_topic_s_first_page_carries_where_moved_items_went_relative_to_itself(content):
    loaded_content = load_content(content.root)
    loaded = loaded_content.topics[0]
    elsewhere = {}
    for page in pages_of(loaded.topic):
        found = re.search(r'data-elsewhere="([^"]*)"', marker(loaded, page, loaded_content.strings.section("copy_link_script")))
        elsewhere[page.key] = json.loads(html.unescape(found.group(1)))

    assert elsewhere["guide"]["cause-one"] == "causes/#cause-one"  # relative: works under any site_url
    assert elsewhere["guide"]["warn-spread"] == "when-to-get-help/#warn-spread"
    assert "rf-face" not in elsewhere["guide"] and "faq-one" not in elsewhere["guide"]
    assert all(found == {} for key, found in elsewhere.items() if key != "guide")


def test_moved_topic_slug_resolves_old_pages_and_anchors(content):
    lock_now(content.root)
    content.replace("slug: sample-topic", "slug: example-topic\nmoved_from: [sample-topic]")
    index = link_index(load_content(content.root))
    assert index.resolve("/sample-topic/") == "/example-topic/"
    assert index.resolve("/sample-topic/faq/#faq-one") == "/example-topic/faq/#faq-one"
    assert compare(index, read_lock(content.root / LOCK_FILE), content.root).lost == []


def test_changed_slug_without_moved_from_is_lost(content):
    lock_now(content.root)
    content.replace("slug: sample-topic", "slug: example-topic")
    report = compare(link_index(load_content(content.root)), read_lock(content.root / LOCK_FILE), content.root)
    messages = [str(problem) for problem in report.lost]
    assert any("'/sample-topic/'" in m and "moved_from: [sample-topic]" in m for m in messages), messages


def test_removed_page_is_lost(content):
    lock_now(content.root)
    # A topic without a self-check has no self-check page; lock a page the topic does not have.
    (content.root / LOCK_FILE).write_text("/sample-topic/self-check/\n", encoding="utf-8")
    report = compare(link_index(load_content(content.root)), read_lock(content.root / LOCK_FILE), content.root)
    assert [p.file for p in report.lost] == [content.topic_file]
    assert "no longer exists" in report.lost[0].message


def test_new_links_are_reported_not_failed(content):
    lock_now(content.root)
    content.replace("    - {id: do-sleep, text: Sleep well}\n", "    - {id: do-sleep, text: Sleep well}\n    - {id: do-walk, text: Go for a walk}\n")
    report = check_lock(load_content(content.root))
    assert report.new == ["/sample-topic/#do-walk"] and report.lost == []


def test_missing_lock_means_every_link_is_new(content):
    report = check_lock(load_content(content.root))
    assert report.lost == [] and "/sample-topic/#overview" in report.new


def test_previous_id_that_is_a_current_id_is_a_located_error(content):
    content.replace("{id: do-sleep, text: Sleep well}", "{id: do-sleep, previous_ids: [cause-one], text: Sleep well}")
    problems = content.problems()
    assert any(p.line == content.line_of("previous_ids: [cause-one]") and "is a current id" in p.message for p in problems), problems


def test_previous_id_claimed_twice_is_an_error(content):
    content.replace("{id: do-sleep, text: Sleep well}", "{id: do-sleep, previous_ids: [old-tip], text: Sleep well}")
    content.replace("{id: dont-ignore, text:", "{id: dont-ignore, previous_ids: [old-tip], text:")
    problems = content.problems()
    assert any("already listed by item 'do-sleep'" in p.message for p in problems), problems


def test_bad_lock_line_is_located(content):
    (content.root / LOCK_FILE).write_text("# comment\n/\nsample-topic/#overview\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        read_lock(content.root / LOCK_FILE)
    assert f"{content.root / LOCK_FILE}:3:1:" in info.value.report()


def test_lock_command_writes_and_check_detects_stale_lock(content):
    assert run_lock(content.root, "--check").returncode == 1  # no lock yet
    written = run_lock(content.root)
    assert written.returncode == 0, written.stderr
    assert run_lock(content.root, "--check").returncode == 0
    content.replace("    - {id: do-sleep, text: Sleep well}\n", "    - {id: do-sleep, text: Sleep well}\n    - {id: do-walk, text: Go for a walk}\n")
    stale = run_lock(content.root, "--check")
    assert stale.returncode == 1 and "missing /sample-topic/#do-walk" in stale.stderr
    assert "Traceback" not in stale.stderr


def test_committed_lock_is_current():
    result = run_lock(PROJECT / "content", "--check")
    assert result.returncode == 0, f"content/links.lock is stale; run `python -m generator lock`:\n{result.stderr}"


def test_moved_from_may_not_name_another_topics_current_slug(content):
    other = content.topic_file.with_name("other.yaml")
    other.write_text(content.text.replace("slug: sample-topic", "slug: other-topic\nmoved_from: [sample-topic]"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        check_lock(load_content(content.root))
    assert f"{other}: moved_from: 'sample-topic' is also the slug of {content.topic_file}" in info.value.report()


def test_build_reports_new_links_as_info(content, caplog):
    lock_now(content.root)
    content.replace("    - {id: do-sleep, text: Sleep well}\n", "    - {id: do-sleep, text: Sleep well}\n    - {id: do-walk, text: Go for a walk}\n")
    with caplog.at_level("INFO", logger="mkdocs.plugins.healthguide.links"):
        check_lock(load_content(content.root))
    [record] = caplog.records
    assert record.levelname == "INFO" and "/sample-topic/#do-walk" in record.getMessage()
