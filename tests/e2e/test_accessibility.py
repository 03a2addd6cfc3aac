"""WCAG 2.2 AA in headless Chromium: axe-core on every built page, keyboard use, zoom, structure.

axe-core comes from its npm package (node_modules/, pinned in package-lock.json) and is
injected from disk; no CDN is contacted.
"""

from __future__ import annotations

import re

import pytest

from support import (
    MOTION_DONE,
    SCRIPTS_READY,
    describe_violations,
    one_page_of_each_kind,
    pages_to_walk,
    run_axe,
    site_pages,
)

WIDTHS = {"desktop": 1280, "phone": 375}


def open_page(browser, site_url, url, *, scheme="light", width=1280, height=800):
    # bypass_csp: the site's CSP (tested in test_privacy.py) rightly refuses the injected axe script.
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + url)
    page.wait_for_load_state("load")
    page.wait_for_function(SCRIPTS_READY)  # copy buttons come in idle-time batches after load
    return context, page


def switch_to_dark(page) -> None:
    """The reader's palette toggle, then the colours' transitions end (axe reads the colours)."""
    page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(MOTION_DONE)


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_every_page_has_no_axe_violations_in_either_colour_scheme(browser, site_url, built_site, axe_script, width_name):
    # Every page in the light scheme at both widths (target sizes, reflow). The dark scheme at
    # desktop width on every page, switched to with the palette toggle on the open page
    # (contrast follows the words' colours, not how the scheme was chosen); on a phone, one page
    # of each kind opened in the dark by the reader's setting, which checks what the narrow
    # dark layout adds and that the palette follows prefers-color-scheme.
    pages = pages_to_walk(built_site)
    dark_on_open = set(one_page_of_each_kind(built_site)) if width_name == "phone" else set()
    assert len(pages) >= 4 and any(url.startswith("es/") for url in pages), pages
    failures = []

    def check(page, url, scheme):
        violations = run_axe(page, axe_script)
        if violations:
            failures.append(f"/{url} ({scheme}, {width_name}):\n{describe_violations(violations)}")

    for url in pages:
        for scheme in ["light", "dark"] if url in dark_on_open else ["light"]:
            context, page = open_page(browser, site_url, url, scheme=scheme, width=WIDTHS[width_name])
            try:
                expected = "slate" if scheme == "dark" else "default"
                assert page.get_attribute("body", "data-md-color-scheme") == expected, f"/{url}: palette does not follow prefers-color-scheme"
                check(page, url, scheme)
                if width_name == "desktop":
                    switch_to_dark(page)
                    check(page, url, "dark, switched")
            finally:
                context.close()
    assert not failures, "\n\n".join(failures)


# -- Keyboard --------------------------------------------------------------------------------

MARK_FOCUSABLE = """() => {
    const selector = 'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
    const shown = (e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const all = [...document.querySelectorAll(selector)].filter((e) => !e.disabled && e.tabIndex >= 0 && !e.closest('[inert]'));
    all.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    // What a keyboard user must be able to reach: visible controls; one radio per group.
    const groups = new Set();
    return all.filter(shown).filter((e) => {
        if (e.type !== 'radio') return true;
        if (groups.has(e.name)) return false;
        groups.add(e.name);
        return true;
    }).map((e) => e.type === 'radio' ? 'radio:' + e.name : e.getAttribute('data-kb'));
}"""

FOCUS_STATE = r"""() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    // A zero-size control (Material's palette toggle) shows its focus on the label after it.
    let visual = e;
    const r0 = e.getBoundingClientRect();
    if ((r0.width === 0 || r0.height === 0) && e.nextElementSibling && e.nextElementSibling.tagName === 'LABEL') visual = e.nextElementSibling;
    const styles = [getComputedStyle(visual), getComputedStyle(e)];
    const indicator = styles.some((s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none');
    const r = visual.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
    const covered = !(top && (visual.contains(top) || top.contains(visual) || (e.labels && [...e.labels].some((l) => l.contains(top)))));
    return {
        key: e.type === 'radio' ? 'radio:' + e.name : e.getAttribute('data-kb'),
        name: (e.tagName + '.' + String(e.className).split(' ')[0] + ' ' + (e.getAttribute('aria-label') || e.textContent || e.name || '')).replace(/\s+/g, ' ').trim().slice(0, 60),
        onTop: top ? (top.tagName + '.' + String(top.className).split(' ')[0]) : null,
        indicator, onScreen, covered,
    };
}"""


# The focused control shows its focus, or nothing is moving any more (a drawer or the search
# box sliding in, a fade): only then is a hidden or covered focus a finding.
FOCUS_SETTLED = f"""() => {{
    const state = ({FOCUS_STATE})();
    return !state || (state.indicator && state.onScreen && !state.covered) || ({MOTION_DONE})();
}}"""


# Every link of the site navigation a desktop reader can see, and whether the sticky site name
# (or anything else) covers its middle (a section's title is a heading there, not a target).
NAV_LINKS_COVERED = """() => {
    const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').getBoundingClientRect();
    return [...document.querySelectorAll('.md-nav--primary a.md-nav__link')]
        .filter((link) => link.offsetParent !== null)
        .map((link) => ({link, box: link.getBoundingClientRect()}))
        .filter(({box}) => box.height > 0 && box.top >= wrap.top && box.bottom <= wrap.bottom)
        .map(({link, box}) => {
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            const name = link.textContent.replace(/\\s+/g, ' ').trim();
            return {name, covered: !(hit && link.contains(hit)), by: hit ? hit.tagName + '.' + hit.className : null};
        });
}"""


@pytest.mark.parametrize("url", ["facial-twitching/", "facial-twitching/causes/", "facial-twitching/when-to-get-help/", "bells-palsy/"])
def test_the_site_navigation_lists_other_topics_as_one_link_and_nothing_covers_it(browser, site_url, url):
    """With four topics, every topic's pages made the desktop navigation taller than the screen;
    scrolled to the current page, it put other topics' links under the sticky site name."""
    context, page = open_page(browser, site_url, url)
    try:
        page.wait_for_function(MOTION_DONE)
        links = page.evaluate(NAV_LINKS_COVERED)
        assert links, "no navigation link is on screen"
        assert not [link["name"] for link in links if link["covered"]], links
        others = page.locator(".md-nav--primary .md-nav__item--pruned > a.md-nav__link")
        assert others.count() == 3, "each other topic is one link"
        fits = page.evaluate("() => { const w = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap'); return w.scrollHeight <= w.clientHeight; }")
        assert fits, "the site navigation is taller than the screen"
    finally:
        context.close()


def tab_through(page, limit: int) -> tuple[list[dict], bool]:
    """Press Tab until focus leaves the page or comes back round; (focus states, escaped)."""
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (seen and state["key"] == seen[0]["key"]):
            return seen, True
        if not state["indicator"] or not state["onScreen"] or state["covered"]:
            page.wait_for_function(FOCUS_SETTLED)
            state = page.evaluate(FOCUS_STATE)
        seen.append(state)
    return seen, False


# The clinicians' page lists each section's links, one entry after the other with the same
# markup, in every language: Tab through the first and last entry of each list in each
# language (the rest made inert), which is where order and focus could go wrong.
SKIP_MIDDLE_LINK_ENTRIES = """() => {
    const own = document.documentElement.lang.split('-')[0];
    const languageOf = (item) => (item.querySelector('a[hreflang]')?.hreflang || own).split('-')[0];
    const entries = [...document.querySelectorAll('.clinician-links__item')];
    for (const list of new Set(entries.map((item) => item.parentElement))) {
        const byLanguage = new Map();
        for (const item of list.querySelectorAll(':scope > .clinician-links__item')) {
            byLanguage.set(languageOf(item), [...(byLanguage.get(languageOf(item)) || []), item]);
        }
        for (const items of byLanguage.values()) {
            items.slice(1, -1).forEach((item) => { item.inert = true; });
        }
    }
}"""


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_keyboard_reaches_every_control_with_visible_focus_and_no_trap(browser, site_url, built_site, width_name):
    # Every page at desktop width; on a phone, one page of each kind (the phone layout, its
    # header and drawer, are the same for every page of a kind; the order of controls is not
    # a matter of width).
    failures = []
    for url in (pages_to_walk(built_site) if width_name == "desktop" else one_page_of_each_kind(built_site)):
        context, page = open_page(browser, site_url, url, width=WIDTHS[width_name])
        try:
            page.evaluate(SKIP_MIDDLE_LINK_ENTRIES)
            required = page.evaluate(MARK_FOCUSABLE)
            total = page.evaluate("() => document.querySelectorAll('[data-kb]').length")
            seen, escaped = tab_through(page, limit=total + 50)
            if not escaped:
                failures.append(f"/{url}: focus never left the page after {len(seen)} Tabs (keyboard trap?)")
            reached = {state["key"] for state in seen}
            missing = [key for key in required if key not in reached]
            if missing:
                names = page.evaluate("(keys) => keys.map((k) => { const e = document.querySelector(`[data-kb=\"${k}\"]`); return e ? e.outerHTML.slice(0, 80) : k; })", missing)
                failures.append(f"/{url}: not reachable with Tab: {names}")
            for state in seen:
                problems = [text for text, bad in (("no visible focus indicator", not state["indicator"]), ("focused off screen", not state["onScreen"]), (f"focus hidden under {state['onTop']}", state["covered"])) if bad]
                if problems:
                    failures.append(f"/{url}: {state['name']}: {', '.join(problems)}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_skip_link_is_first_and_moves_focus_to_the_content(browser, site_url, built_site):
    # The skip link is the theme's, the same on every page: one page of each kind.
    for url in one_page_of_each_kind(built_site):
        context, page = open_page(browser, site_url, url)
        try:
            page.keyboard.press("Tab")
            skip = page.evaluate("() => { const e = document.activeElement; const r = e.getBoundingClientRect(); return {cls: e.className, text: e.textContent.trim(), hash: new URL(e.href).hash, visible: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight}; }")
            assert "md-skip" in skip["cls"] and skip["visible"], f"/{url}: first Tab stop is not a visible skip link: {skip}"
            assert skip["text"] == SKIP_LINK_TEXT[language_of(url)]
            # Material's instant navigation listens for clicks on <body>; a click it never
            # gets cannot take the focus back later (it re-renders the page, focus on <body>).
            page.evaluate("() => { window.clickReachedBody = false; document.body.addEventListener('click', () => { window.clickReachedBody = true; }); }")
            page.keyboard.press("Enter")
            assert skip["hash"].startswith("#")
            page.wait_for_function("(h) => location.hash === h", arg=skip["hash"])
            assert page.evaluate("() => window.clickReachedBody") is False, f"/{url}: instant navigation handled the skip link"
            focused = page.evaluate("() => document.activeElement.id")
            assert "#" + focused == skip["hash"], f"/{url}: the skip link did not focus its target (focus: {focused!r})"
            page.keyboard.press("Tab")
            # The next Tab stop follows the main heading (in the content, or the footer when
            # the content has no links): the header and navigation were skipped.
            after_heading = page.evaluate(
                """(hash) => {
                    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
                    const active = document.activeElement;
                    return !!target && !!target.closest('article') && active !== document.body
                        && !!(target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING)
                        && !active.closest('.md-header, .md-sidebar--primary');
                }""",
                skip["hash"],
            )
            active = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            assert after_heading, f"/{url}: Tab after the skip link does not continue from the content: {active}"
        finally:
            context.close()


# -- Zoom and reflow -------------------------------------------------------------------------

OVERFLOW = """() => {
    const doc = document.documentElement;
    const wide = [];
    for (const e of document.querySelectorAll('.md-content *')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || e.closest('.md-typeset__scrollwrap, .md-typeset__table, table, pre')) continue;
        if (r.right > innerWidth + 1 || r.left < -1) wide.push(e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40));
    }
    return {pageScrolls: doc.scrollWidth > doc.clientWidth + 1, wide: wide.slice(0, 10)};
}"""


# Two animation frames: the resize event and the layout work of the theme's scripts have run.
LAYOUT_SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_text_reflows_when_zoomed_without_horizontal_scrolling(browser, site_url, built_site):
    """Zooming a 1280px-wide window to 200% and then 400% leaves 640 and 320 CSS pixels: WCAG
    1.4.4, 1.4.10. Zooming narrows the open page, so each page is opened once and narrowed twice.

    Content must fit the width; only data tables may scroll sideways, inside their own box.
    """
    failures = []
    for url in pages_to_walk(built_site):
        context, page = open_page(browser, site_url, url, width=1280 * 100 // 200, height=1024 * 100 // 200)
        try:
            for zoom in (200, 400):
                page.set_viewport_size({"width": 1280 * 100 // zoom, "height": 1024 * 100 // zoom})
                page.evaluate(LAYOUT_SETTLED)
                assert page.evaluate("() => innerWidth") == 1280 * 100 // zoom
                result = page.evaluate(OVERFLOW)
                if result["pageScrolls"] or result["wide"]:
                    failures.append(f"/{url} at {zoom}%: {result}")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


# -- Structure -------------------------------------------------------------------------------

def article_html(built_site, url) -> str:
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.DOTALL)
    assert match, f"/{url}: no content article"
    return match.group(1)


def language_of(url: str) -> str:
    """A translation's pages are under /<code>/ (only Spanish is published); the rest are English."""
    return "es" if url.startswith("es/") else "en"


# Material's words for the skip link, in each published language (theme.language per build).
SKIP_LINK_TEXT = {"en": "Skip to content", "es": "Saltar a contenido"}


def test_every_page_declares_its_language(built_site):
    for url in site_pages(built_site):
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        language = language_of(url)
        assert re.search(rf'<html lang="{language}(-[A-Z]{{2}})?"', html), f"/{url}: <html> does not say it is in '{language}'"


def test_headings_start_at_one_h1_and_never_skip_a_level(built_site):
    for url in site_pages(built_site):
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", article_html(built_site, url))]
        assert levels and levels[0] == 1 and levels.count(1) == 1, f"/{url}: headings {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"/{url}: heading level jumps from h{before} to h{after}"


def test_tables_have_header_cells_and_a_caption(built_site):
    tables = 0
    for url in site_pages(built_site):
        for table in re.findall(r"<table\b.*?</table>", article_html(built_site, url), re.DOTALL):
            tables += 1
            assert '<th scope="col"' in table and "<caption>" in table, f"/{url}: table without caption or column headers"
    assert tables >= 1


VAGUE_LINK_TEXT = {"here", "click here", "read more", "more", "link", "this", "this page", "learn more", "see more", "go"}


def test_link_text_makes_sense_on_its_own(built_site):
    for url in site_pages(built_site):
        for attributes, text in re.findall(r"<a\b([^>]*)>(.*?)</a>", article_html(built_site, url), re.DOTALL):
            words = " ".join(re.sub(r"<[^>]+>", " ", text).split()).lower()
            label = re.search(r'aria-label="([^"]+)"', attributes)
            name = label.group(1).lower() if label else words
            assert name, f"/{url}: link without text: <a{attributes}>"
            assert name.strip(" .:") not in VAGUE_LINK_TEXT, f"/{url}: vague link text {name!r}"
