"""Deep links in Chromium: copy-link buttons, landing below the sticky header with a
highlight (full load and instant navigation), the clinicians' links page, and old links
(renamed ids, moved topics) that keep working - or fail the build when they would break."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.model.loading import load_content
from generator.structure.links_lock import LOCK_FILE, link_index, read_lock
from support import (
    ROOT,
    build_site,
    built_and_served,
    copy_content,
    dark_modules,
    instant_navigation,
    pagefind_records,
    twitching,
)

GUIDE = "facial-twitching/"  # the guide's first page, at the topic's address
GET_HELP, CONDITIONS, TREATMENT = GUIDE + "when-to-get-help/", GUIDE + "conditions/", GUIDE + "tests-and-treatment/"
TOPIC_FILE = Path("topics") / "facial-twitching.yaml"


# --- helpers ------------------------------------------------------------------------------------


def rename_id(content: Path, old: str, new: str, keep_old_link: bool) -> None:
    """Rename an item id everywhere in the topic, optionally listing the old id in previous_ids."""
    path = content / TOPIC_FILE
    text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, path.read_text(encoding="utf-8"))
    if keep_old_link:
        text, count = re.subn(rf"^(\s*)- id: {re.escape(new)}\n", rf"\g<0>\1  previous_ids: [{old}]\n", text, flags=re.M)
        assert count == 1
    path.write_text(text, encoding="utf-8")


def move_topic(content: Path, new_slug: str) -> None:
    path = content / TOPIC_FILE
    text = path.read_text(encoding="utf-8")
    assert "\nslug: facial-twitching\n" in text
    path.write_text(text.replace("\nslug: facial-twitching\n", f"\nslug: {new_slug}\nmoved_from: [facial-twitching]\n"), encoding="utf-8")
    # As an author would: the other topics' links (related_topics, facial-twitching#id) name the
    # new slug, and its translations keep the English slug.
    for other in (content / "topics").glob("*.yaml"):
        if other != path:
            text = other.read_text(encoding="utf-8").replace("[facial-twitching,", f"[{new_slug},")
            other.write_text(text.replace("](facial-twitching#", f"]({new_slug}#"), encoding="utf-8")
    for translated in (content / "languages").glob(f"*/{TOPIC_FILE}"):
        text = translated.read_text(encoding="utf-8")
        assert "\nslug: facial-twitching\n" in text
        translated.write_text(text.replace("\nslug: facial-twitching\n", f"\nslug: {new_slug}\nmoved_from: [facial-twitching]\n"), encoding="utf-8")


def header_bottom(page) -> float:
    return page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")


def assert_landed(page, item_id: str):
    """The item is in view, not hidden under the sticky header, and highlighted."""
    page.wait_for_function("id => { const el = document.getElementById(id); return el && el.classList.contains('deep-link-target'); }", arg=item_id, timeout=5000)
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", item_id)
    height = page.evaluate("() => window.innerHeight")
    assert header_bottom(page) <= top < height / 2, f"#{item_id} top at {top}px (header ends at {header_bottom(page)}px)"


def new_context(browser, site_url: str, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    return context


# --- the real site ------------------------------------------------------------------------------


def test_copy_link_button_copies_absolute_url_and_announces_it(browser, site_url):
    context = new_context(browser, site_url)
    page = context.new_page()
    try:
        page.goto(site_url + CONDITIONS)
        button = page.get_by_role("button", name="Copy link to: Hemifacial spasm", exact=True)
        button.focus()  # a real button: reachable and usable from the keyboard
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.copy-link-status').textContent === 'Link copied: Hemifacial spasm'")
        assert page.evaluate("() => navigator.clipboard.readText()") == site_url + CONDITIONS + "#hemifacial-spasm"
        region = page.locator(".copy-link-status")
        assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
        assert button.inner_text() == "Link copied"
    finally:
        context.close()


# Where copy-link buttons may go: after a section heading (h2/h3, FAQ questions included), never
# inside a list, a table or a care card. The ids whose heading should carry one, in page order.
HEADINGS_WITH_BUTTONS = """(items) => [...document.querySelectorAll('article h2[id], article h3[id]')]
    .filter(h => h.id in items && !h.closest('li, table, .care-card')).map(h => h.id)"""
WAIT_UNTIL_SHOWN = """b => new Promise(done => {
    const check = () => getComputedStyle(b).opacity === '1' ? done() : requestAnimationFrame(check);
    check();
})"""


# Item-level anchors stay published links, without a button of their own.
ITEM_ANCHORS = {GUIDE: ("flag-face-droop", "do-sleep"), GET_HELP: ("warning-spread", "help-gp-two-weeks")}


@pytest.mark.parametrize("path", [GUIDE, GET_HELP, CONDITIONS, TREATMENT, GUIDE + "faq/"])
def test_one_copy_link_per_section_heading_and_none_in_lists_tables_or_cards(page, site_url, built_site, path):
    page.goto(site_url + path)
    page.wait_for_selector("button.copy-link")
    items = json.loads(page.locator("[data-deep-links]").get_attribute("data-items"))
    expected = page.evaluate(HEADINGS_WITH_BUTTONS, items)
    buttons = page.locator("article button.copy-link")
    # Each button follows its heading and is named after it; nothing else has one.
    after = buttons.evaluate_all("bs => bs.map(b => [b.previousElementSibling.tagName, b.previousElementSibling.id, b.getAttribute('aria-label')])")
    assert [item_id for _, item_id, _ in after] == expected
    assert all(tag in ("H2", "H3") for tag, _, _ in after)
    assert all(label == f"Copy link to: {items[item_id]}" for _, item_id, label in after)
    assert page.locator("li .copy-link, td .copy-link, th .copy-link, .care-card .copy-link, [data-checklist] .copy-link").count() == 0
    if path != GUIDE + "faq/":
        assert 2 <= buttons.count() <= 30, buttons.count()
        for item_id in ITEM_ANCHORS.get(path, ()):
            assert item_id in items and page.locator(f"[id='{item_id}']").count() == 1
    else:
        questions = [entry.id for entry in twitching(load_content(ROOT / "content")).topic.faq.items]
        assert set(questions) <= set(expected), "every FAQ question gets a copy-link button"
    assert "Copy link" not in page.locator(".md-sidebar--secondary").inner_text()
    assert not [url for url, record in pagefind_records(built_site).items() if "Copy link" in record["content"]]  # nor in search
    # The heading keeps its own name: the button sits next to it, not inside it.
    assert page.locator("article h2 button, article h3 button").count() == 0


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)])
def test_copy_link_shows_on_keyboard_focus_and_hover_with_a_large_enough_target(browser, site_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(site_url + CONDITIONS)
        button = page.get_by_role("button", name="Copy link to: Hemifacial spasm", exact=True)
        assert button.evaluate("b => getComputedStyle(b).opacity") == "0"
        button.focus()
        button.evaluate(WAIT_UNTIL_SHOWN)
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.5.8
        assert float(button.evaluate("b => getComputedStyle(b).fontSize").removesuffix("px")) >= 14
        page.evaluate("() => document.activeElement.blur()")
        page.locator("h3#tics-children").hover()
        page.get_by_role("button", name="Copy link to: Tics in children", exact=True).evaluate(WAIT_UNTIL_SHOWN)
    finally:
        context.close()


def test_copy_link_is_always_visible_on_a_touch_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + CONDITIONS)
        button = page.get_by_role("button", name="Copy link to: Hemifacial spasm", exact=True)
        assert page.evaluate("() => matchMedia('(hover: none)').matches")
        assert button.evaluate("b => getComputedStyle(b).opacity") == "1"
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
    finally:
        context.close()


def test_deep_link_lands_below_header_and_is_highlighted_on_full_load(page, site_url):
    page.goto(site_url + TREATMENT + "#test-emg")
    assert_landed(page, "test-emg")
    page.goto(site_url + GUIDE + "faq/#faq-mnd")
    assert_landed(page, "faq-mnd")


def test_deep_link_through_instant_navigation_and_hash_change(page, site_url):
    page.goto(site_url + GUIDE + "faq/")
    page.evaluate("() => { window.__samePage = true; }")
    # Material rewrites internal links to absolute URLs once the page runs.
    link = page.locator(f'article a[href^="{site_url + GUIDE}#"]').first
    target = link.get_attribute("href").split("#", 1)[1]
    with instant_navigation(page):  # the address changes before the guide is swapped in
        link.click()
    page.wait_for_url(re.compile(rf"{re.escape(site_url + GUIDE)}#{target}$"))
    assert page.evaluate("() => window.__samePage === true"), "expected Material's instant navigation, got a full reload"
    assert_landed(page, target)
    page.evaluate("() => { location.hash = 'step-diary'; }")
    assert_landed(page, "step-diary")


def test_highlight_respects_reduced_motion(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(site_url + CONDITIONS + "#hemifacial-spasm")
        assert_landed(page, "hemifacial-spasm")
        assert page.evaluate("() => getComputedStyle(document.getElementById('hemifacial-spasm')).animationName") == "none"
    finally:
        context.close()


def test_clinicians_links_page_lists_every_item_with_qr_code_and_copy_button(browser, site_url):
    context = new_context(browser, site_url)
    page = context.new_page()
    try:
        page.goto(site_url + GUIDE)
        guide_items = json.loads(page.locator("[data-deep-links]").get_attribute("data-items"))
        page.goto(site_url + GUIDE + "links/")
        entries = page.locator(".clinician-links__item")
        urls = entries.locator(".clinician-links__url a").evaluate_all("links => links.map(a => a.textContent)")
        for item_id in guide_items:
            assert site_url + GUIDE + "#" + item_id in urls
        assert site_url + GUIDE + "faq/#faq-mnd" in urls
        assert site_url + GUIDE + "self-check/#outcome-emergency" in urls
        assert entries.count() == len(urls) == entries.locator("img.qr-code").count()
        # Decorative codes: the address is the text beside each one.
        assert entries.locator("img.qr-code:not([alt=''])").count() == 0
        # Grouped by section: the FAQ's questions come under the FAQ's heading.
        faq_urls = page.locator("h2#links-faq + ul.clinician-links .clinician-links__url").all_inner_texts()
        assert site_url + GUIDE + "faq/#faq-mnd" in faq_urls and site_url + TREATMENT + "#test-emg" not in faq_urls
        assert site_url + TREATMENT + "#test-emg" in urls and site_url + GUIDE + "#test-emg" not in urls
        page.get_by_role("button", name="Copy link to: Hemifacial spasm", exact=True).click()
        page.wait_for_function("() => document.querySelector('.copy-link-status').textContent === 'Link copied: Hemifacial spasm'")
        assert page.evaluate("() => navigator.clipboard.readText()") == site_url + CONDITIONS + "#hemifacial-spasm"
    finally:
        context.close()


QR_DRAWN = "() => [...document.querySelectorAll('img.qr-code')].filter(img => img.complete && img.naturalWidth > 0).length"


def test_clinicians_page_fetches_qr_codes_as_they_near_the_screen_and_all_of_them_to_print(page, site_url):
    """Each QR code is its own SVG document, costly to start: fetching all of them (~330, two
    languages) at once made seconds of main-thread work on opening the page (issue 17). The
    codes far below load as the reader scrolls towards them; printing loads every one."""
    requested = []
    page.on("request", lambda request: requested.append(request.url) if "/qr/" in request.url else None)
    page.goto(site_url + GUIDE + "links/")
    page.wait_for_load_state("load")
    total = page.locator("img.qr-code").count()
    assert total > 100
    assert 0 < len(requested) < total / 4, f"{len(requested)} of {total} QR codes fetched on opening the page"
    assert page.evaluate(QR_DRAWN) == len(requested)  # the ones on screen are drawn
    last = page.locator("img.qr-code").last
    last.scroll_into_view_if_needed()
    page.wait_for_function("() => { const img = [...document.querySelectorAll('img.qr-code')].pop(); return img.complete && img.naturalWidth > 0; }")
    # Printing (here Chromium's PDF) loads and draws every code, scrolled to or not.
    page.goto(site_url + GUIDE + "links/")
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    page.pdf(format="A4")
    page.wait_for_function(f"() => ({QR_DRAWN})() === {total}")


# Records how many copy buttons each task added: a MutationObserver's callback runs at the end
# of the task whose changes it reports.
COUNT_BUTTONS_PER_TASK = """window.buttonsPerTask = [];
new MutationObserver(records => {
    const added = records.flatMap(r => [...r.addedNodes]).filter(n => n.matches && n.matches('button.copy-link')).length;
    if (added) window.buttonsPerTask.push(added);
}).observe(document, {childList: true, subtree: true});"""


def test_clinicians_page_adds_its_copy_buttons_in_short_batches_every_entry_one_in_order(page, site_url):
    """~330 buttons added in one task blocked a phone's main thread (issue 17): they come in
    batches while the page is idle, and data-ready is set once every entry has its button."""
    page.add_init_script(COUNT_BUTTONS_PER_TASK)
    page.goto(site_url + GUIDE + "links/")
    page.wait_for_selector("[data-deep-links][data-ready]", state="attached")
    entries = page.locator("[data-copy-url]")
    per_task = page.evaluate("() => window.buttonsPerTask")
    assert sum(per_task) == page.locator("button.copy-link").count() >= entries.count() > 100
    assert max(per_task) <= 60, f"one task added {max(per_task)} buttons"
    # One per entry, inside it, named after it: Tab reaches them in the page's order.
    names = entries.evaluate_all("es => es.map(e => [...e.querySelectorAll('button.copy-link')].map(b => b.getAttribute('aria-label')))")
    titles = entries.evaluate_all("es => es.map(e => e.getAttribute('data-copy-title'))")
    assert names == [[f"Copy link to: {title}"] for title in titles]


def test_a_followed_link_lands_beside_its_ready_copy_button_and_stays_put(page, site_url):
    """Buttons come in batches, but a page opened at #id gets all of them before it lands:
    none added later above the item moves it from under the reader's eyes."""
    page.goto(site_url + TREATMENT + "#test-emg")
    page.wait_for_function("() => document.getElementById('test-emg').classList.contains('deep-link-target')"
                           " && document.querySelectorAll('button.copy-link').length > 0")
    before = page.evaluate("() => [document.querySelectorAll('button.copy-link').length, document.getElementById('test-emg').getBoundingClientRect().top]")
    assert_landed(page, "test-emg")
    page.wait_for_selector("[data-deep-links][data-ready]", state="attached")
    after = page.evaluate("() => [document.querySelectorAll('button.copy-link').length, document.getElementById('test-emg').getBoundingClientRect().top]")
    assert before == after


def moved_guide_links() -> dict[str, str]:
    """Links in content/links.lock to the topic's address whose item is now on another page of the
    guide: old link -> where it lands (as the lock resolves it)."""
    index = link_index(load_content(ROOT / "content"))
    locked = read_lock(ROOT / "content" / LOCK_FILE)
    moved = {link: index.resolve(link) for link in locked if link.startswith("/" + GUIDE + "#")}
    return {link: new for link, new in moved.items() if new != link}


# The item shown, below the sticky header and within the window.
SETTLED_BELOW_HEADER = """id => {
  const el = document.getElementById(id), box = el.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return el.checkVisibility() && !el.closest('[hidden]') && header <= box.top && box.bottom <= window.innerHeight;
}"""


def test_every_locked_link_to_the_one_page_guide_opens_its_item_on_the_new_page(page, site_url):
    moved = moved_guide_links()
    assert len(moved) > 80 and "/facial-twitching/#cause-stress" in moved and "/facial-twitching/#help-urgent" in moved
    for old, new in moved.items():
        page.goto(site_url + old.lstrip("/"))
        page.wait_for_url(site_url + new.lstrip("/"))
        item_id = new.split("#", 1)[1]
        # Landed (highlighted), shown, and on screen below the header (an item at the end of a
        # short page cannot scroll to the top).
        page.wait_for_function("id => document.getElementById(id).classList.contains('deep-link-target')", arg=item_id)
        # Where the item settles: a CI run once read it mid-landing, 28 px under the header
        # (issue 17 note); one that never settles below the header still fails here.
        try:
            page.wait_for_function(SETTLED_BELOW_HEADER, arg=item_id, timeout=5_000)
        except PlaywrightTimeoutError:
            box = page.evaluate("id => { const el = document.getElementById(id); return {shown: el.checkVisibility() && !el.closest('[hidden]'), "
                                "top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom}; }", item_id)
            raise AssertionError((old, box, header_bottom(page))) from None


def test_a_forwarded_old_link_leaves_no_history_entry_so_back_returns_to_the_page_before(page, site_url):
    page.goto(site_url)
    page.goto(site_url + GUIDE + "#cause-stress")
    page.wait_for_url(site_url + GUIDE + "causes/#cause-stress")
    assert_landed(page, "cause-stress")
    page.go_back()
    page.wait_for_url(site_url)



def test_qr_code_encodes_the_printed_url(built_site):
    """The code and the address beside it match: the SVG's dark modules are exactly those of
    a QR code of that address (segno, the same mask), inside a 2-module quiet zone."""
    import segno

    html = (built_site / GUIDE / "links" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img class="qr-code" src="(qr/[a-z0-9-]+\.svg)" alt=""[^>]*>\s*'
                        r'<div class="clinician-links__text" data-copy-url="([^"]+)"', html, re.S)
    assert len(images) > 100, "QR codes missing, or not each followed by its address"
    codes = []
    for src, url in images:  # each code is a file beside the page (generator/pages/qr.py)
        svg = (built_site / GUIDE / "links" / src).read_text(encoding="utf-8")
        size, path_data = re.fullmatch(r'<svg xmlns="[^"]+" viewBox="0 0 (\d+) \1"><path [^>]*/><path stroke="#000" d="([^"]+)"/></svg>\n', svg).groups()
        codes.append((size, path_data, url))
    for size, path_data, url in codes[:: len(codes) // 10]:
        matrix = segno.make(url, error="m", micro=False, mask=2, boost_error=False).matrix
        expected = {(x + 2, y + 2) for y, row in enumerate(matrix) for x, module in enumerate(row) if module}
        assert int(size) == len(matrix) + 4
        assert dark_modules(path_data) == expected, f"the QR code beside {url} encodes something else"
    # The page lists each link once per language that has the topic: the budget is per language.
    languages = 1 + len(set(re.findall(r'<p class="clinician-links__url"><a href="[^"]+" hreflang="([^"]+)">', html)))
    assert len(html.encode()) < 150_000 * languages, f"clinicians' page too heavy for {languages} language(s)"


# --- old links: renamed ids and moved topics ---------------------------------------------------


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    """The site with the topic moved to a new slug and one item renamed, both declared."""
    tmp = tmp_path_factory.mktemp("moved")
    content = copy_content(tmp / "content")
    move_topic(content, "face-twitching")
    rename_id(content, "test-emg", "test-nerve-activity", keep_old_link=True)
    with built_and_served(content, tmp / "site") as url:
        yield url, tmp / "site"


def test_renamed_id_with_previous_ids_lands_on_the_renamed_item(page, moved_site):
    url, _ = moved_site
    page.goto(url + "face-twitching/tests-and-treatment/#test-emg")
    page.wait_for_url(url + "face-twitching/tests-and-treatment/#test-nerve-activity")
    assert_landed(page, "test-nerve-activity")
    # A link from when the guide was one page: to the item's new page, under its new id.
    page.goto(url + "face-twitching/#test-emg")
    page.wait_for_url(url + "face-twitching/tests-and-treatment/#test-nerve-activity")
    assert_landed(page, "test-nerve-activity")


def test_moved_topic_redirects_old_address_and_keeps_the_anchor(page, moved_site):
    url, _ = moved_site
    page.goto(url + "facial-twitching/#overview")
    page.wait_for_url(url + "face-twitching/#overview")
    assert_landed(page, "overview")
    # Old topic address, an item now on another page of the guide, and a renamed anchor: every hop happens.
    page.goto(url + "facial-twitching/#hemifacial-spasm")
    page.wait_for_url(url + "face-twitching/conditions/#hemifacial-spasm")
    assert_landed(page, "hemifacial-spasm")
    page.goto(url + "facial-twitching/#test-emg")
    page.wait_for_url(url + "face-twitching/tests-and-treatment/#test-nerve-activity")
    assert_landed(page, "test-nerve-activity")


def test_redirect_page_works_without_javascript(browser, moved_site):
    url, site = moved_site
    html = (site / "facial-twitching" / "faq" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../face-twitching/faq/">' in html
    assert '<a href="../../face-twitching/faq/" data-redirect>' in html
    assert "<script>" not in html  # only the script file: the CSP allows no inline script
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url + "facial-twitching/faq/")
        page.wait_for_url(url + "face-twitching/faq/")
        assert page.locator("h1").first.inner_text().startswith("Facial and eyelid twitching")
    finally:
        context.close()


def test_renamed_id_without_previous_ids_fails_the_build_naming_the_lost_link(tmp_path):
    content = copy_content(tmp_path / "content")
    rename_id(content, "test-emg", "test-nerve-activity", keep_old_link=False)
    result = build_site(tmp_path / "site", content_dir=content)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "/facial-twitching/#test-emg" in output and "facial-twitching.yaml" in output
    assert "previous_ids: [test-emg]" in output
    assert "Traceback" not in output
