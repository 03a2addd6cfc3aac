"""Keyboard-only use in headless Chromium, where Material's own widgets fall short of WCAG 2.2 AA.

- The phone navigation drawer (generator/engine/mkdocs/theme/assets/javascripts/drawer-keyboard.js): from a topic
  page, where the drawer opens on the topic's own panel, every navigation entry - Home, About
  and each topic page - can be reached and opened with Tab, Shift+Tab and Enter alone, each
  with a visible focus indicator; Escape closes the drawer onto the menu button; no trap.
- Glossary explanations (generator/components/glossary-tooltip/script.js, generator/components/glossary-tooltip/style.css,
  WCAG 1.4.13): Escape hides one without moving the focus or the pointer, it shows again when
  the focus or pointer comes back, and the pointer can move onto it without it closing.
"""

from __future__ import annotations

from support import MOTION_DONE

PHONE = {"width": 390, "height": 844}
GUIDE = "facial-twitching/"
FAQ = "facial-twitching/faq/"

# What the keyboard user sees of the focused element: whether it is in the drawer, a visible
# focus indicator (outline or box shadow), on screen and not hidden under something else.
FOCUS = r"""() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {
        tag: e.tagName,
        name: (e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim(),
        href: e.href || null,
        role: e.getAttribute('role'),
        expanded: e.getAttribute('aria-expanded'),
        inDrawer: !!e.closest('.md-sidebar--primary'),
        isMenuButton: e.matches('.md-header label[for="__drawer"]'),
        indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
        onScreen: r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1 && r.top >= -1 && r.bottom <= innerHeight + 1,
        uncovered: !!top && (e.contains(top) || top.contains(e)),
    };
}"""

# The focus shows, or nothing is moving any more (the drawer slides in for 0.25 s): only then
# is a hidden focus a finding.
FOCUS_SETTLED = f"""() => {{
    const s = ({FOCUS})();
    return (!!s && s.indicator && s.onScreen && s.uncovered) || ({MOTION_DONE})();
}}"""
DRAWER_OPEN = "() => document.getElementById('__drawer').checked"


def focus_state(page) -> dict | None:
    """The focused element once it has settled."""
    page.wait_for_function(FOCUS_SETTLED)
    return page.evaluate(FOCUS)


def press(page, key: str) -> dict | None:
    page.keyboard.press(key)
    return focus_state(page)


def assert_visible_focus(state: dict | None, where: str) -> None:
    assert state is not None, f"{where}: the focus was lost (on <body>)"
    problems = [
        text
        for text, bad in (
            ("no focus indicator", not state["indicator"]),
            ("off screen", not state["onScreen"]),
            ("covered by something else", not state["uncovered"]),
        )
        if bad
    ]
    assert not problems, f"{where}: {state['tag']} {state['name']!r}: {', '.join(problems)}"


def topic_toggle(page, title: str = "Facial and eyelid twitching") -> str:
    """The id of the checkbox that opens a topic's panel: Material numbers the sections in
    navigation order, so it depends on the topics listed before this one."""
    return page.evaluate(
        """(title) => [...document.querySelectorAll('.md-nav--primary input.md-nav__toggle')].find(
            (input) => document.getElementById(input.id + '_label')?.textContent.replace(/\\s+/g, ' ').trim() === title).id""",
        title,
    )


def open_phone_page(browser, site_url, url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + url)
    page.wait_for_load_state("load")
    page.wait_for_function("() => !!document.querySelector('[data-drawer-button]')")
    return context, page


def open_menu(page) -> dict:
    """From the top of the page, Tab to the menu button and press Enter; the focus state after."""
    for _ in range(10):
        state = press(page, "Tab")
        if state and state["isMenuButton"]:
            break
    else:
        raise AssertionError("Tab from the top of the page never reached the menu button")
    assert_visible_focus(state, "menu button")
    assert state["role"] == "button" and state["name"] == "Menu" and state["expanded"] == "false", (
        state
    )
    state = press(page, "Enter")
    assert page.evaluate(DRAWER_OPEN), "Enter on the menu button did not open the drawer"
    assert (
        page.evaluate(
            "() => document.querySelector('.md-header label[for=\"__drawer\"]').getAttribute('aria-expanded')"
        )
        == "true"
    )
    assert_visible_focus(state, "first entry after opening the menu")
    assert state["inDrawer"], f"opening the menu did not move the focus into the drawer: {state}"
    return state


def seek(page, wanted, what: str) -> dict:
    """Tab through the drawer until `wanted(state)`; if focus leaves the drawer first, come
    back with Shift+Tab and search backwards. Every stop on the way must show its focus."""
    for key in ("Tab", "Shift+Tab"):
        for _ in range(40):
            state = press(page, key)
            assert state is not None, f"looking for {what}: the focus was lost (on <body>)"
            if not state["inDrawer"]:
                break
            assert_visible_focus(state, f"looking for {what}")
            if wanted(state):
                return state
    raise AssertionError(f"{what} cannot be reached with Tab or Shift+Tab in the drawer")


def navigation_entries(page) -> list[dict]:
    """Every page the site navigation links to (absolute URL and its entry's words)."""
    return page.evaluate(
        """() => {
            const seen = new Map();
            const words = (e) => e.textContent.replace(/\\s+/g, ' ').trim();
            for (const a of document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')) {
                const url = new URL(a.href);
                if (url.hash || seen.has(url.href)) continue;
                // The topic section the entry is in (null for Home, About and another topic's one link).
                const section = a.closest('.md-nav__item--nested:not(.md-nav__item--pruned)');
                seen.set(url.href, {name: words(a), section: section ? words(section.querySelector(':scope > label.md-nav__link')) : null});
            }
            return [...seen].map(([href, entry]) => ({href, ...entry}));
        }"""
    )


# -- The navigation drawer at phone width ------------------------------------------------------


def test_the_menu_opens_on_the_topic_panel_and_escape_returns_focus_to_the_menu_button(
    browser, site_url
):
    context, page = open_phone_page(browser, site_url, GUIDE)
    try:
        first = open_menu(page)
        # On a topic page the drawer opens on the topic's panel; its back arrow comes first.
        assert (
            first["role"] == "button"
            and first["name"] == "Facial and eyelid twitching, back to main menu"
        ), first
        state = press(page, "Tab")
        assert_visible_focus(state, "second drawer entry")
        assert state["inDrawer"]
        state = press(page, "Escape")
        assert not page.evaluate(DRAWER_OPEN), "Escape did not close the drawer"
        assert state and state["isMenuButton"], (
            f"Escape did not give the focus back to the menu button: {state}"
        )
        assert_visible_focus(state, "menu button after Escape")
        page.wait_for_function(
            "() => !document.querySelector('.md-sidebar--primary').matches(':focus-within')"
        )
        assert page.evaluate(
            "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 1"
        ), "the drawer stayed on screen"
    finally:
        context.close()


def test_back_arrow_and_section_entry_are_buttons_that_move_the_focus_between_panels(
    browser, site_url
):
    context, page = open_phone_page(browser, site_url, GUIDE)
    try:
        toggle = topic_toggle(page)
        open_menu(page)
        state = press(page, "Enter")  # the back arrow
        assert_visible_focus(state, "section entry after going back")
        assert (
            state["role"] == "button"
            and state["name"] == "Facial and eyelid twitching"
            and state["expanded"] == "false"
        ), state
        assert page.evaluate("(id) => !document.getElementById(id).checked", toggle), (
            "Back did not close the topic panel"
        )
        state = press(page, "Enter")  # open the section again
        assert page.evaluate("(id) => document.getElementById(id).checked", toggle), (
            "Enter did not open the topic panel"
        )
        assert state["name"] == "Facial and eyelid twitching, back to main menu", (
            f"focus did not follow the panel: {state}"
        )
        assert (
            page.evaluate(
                "(id) => document.getElementById(id + '_label').getAttribute('aria-expanded')", toggle
            )
            == "true"
        )
        # Space works like Enter, and does not scroll the page.
        scroll = page.evaluate("() => scrollY")
        state = press(page, " ")
        assert state["name"] == "Facial and eyelid twitching", state
        assert page.evaluate("() => scrollY") == scroll
    finally:
        context.close()


def test_every_navigation_entry_can_be_reached_and_opened_with_the_keyboard(browser, site_url):
    context, page = open_phone_page(browser, site_url, GUIDE)
    try:
        entries = navigation_entries(page)
    finally:
        context.close()
    names = [entry["name"] for entry in entries]
    assert entries[0]["href"] == site_url and "About this site" in names and len(entries) >= 6, (
        names
    )
    for entry in entries:
        # Start on a topic page (the drawer opens on the topic's panel), never on the target.
        start = FAQ if entry["href"] == site_url + GUIDE else GUIDE
        context, page = open_phone_page(browser, site_url, start)
        try:
            open_menu(page)
            in_topic_panel = entry["href"].startswith(site_url + GUIDE)
            if not in_topic_panel:
                state = press(page, "Enter")  # the back arrow leads to the main menu
                assert state and state["inDrawer"], (
                    f"{entry['name']}: focus lost after going back: {state}"
                )
            if not in_topic_panel and entry["section"]:  # another topic's page: open its section
                seek(page, lambda state, title=entry["section"]: state["name"] == title and state["role"] == "button", entry["section"])
                state = press(page, "Enter")
                assert state["name"] == f"{entry['section']}, back to main menu", state
            found = seek(
                page, lambda state, href=entry["href"]: state["href"] == href, entry["name"]
            )
            assert found["name"] == entry["name"]
            page.keyboard.press("Enter")
            page.wait_for_url(entry["href"])
        finally:
            context.close()


def test_home_page_drawer_reaches_the_topic_pages_through_the_section_entry(browser, site_url):
    context, page = open_phone_page(browser, site_url, "")
    try:
        open_menu(page)
        section = seek(
            page,
            lambda state: (
                state["name"] == "Facial and eyelid twitching" and state["role"] == "button"
            ),
            "the topic's section entry",
        )
        assert section["expanded"] == "false"
        state = press(page, "Enter")
        assert state["name"] == "Facial and eyelid twitching, back to main menu", state
        target = site_url + "facial-twitching/diary/"
        seek(page, lambda state: state["href"] == target, "Symptom diary")
        page.keyboard.press("Enter")
        page.wait_for_url(target)
    finally:
        context.close()


def test_tab_past_the_end_of_the_drawer_closes_it_and_continues_in_the_page(browser, site_url):
    context, page = open_phone_page(browser, site_url, GUIDE)
    try:
        open_menu(page)
        for _ in range(40):
            state = press(page, "Tab")
            if state is None or not state["inDrawer"]:
                break
        assert state is not None and not state["inDrawer"], (
            "focus never left the drawer (keyboard trap)"
        )
        assert not page.evaluate(DRAWER_OPEN), "the drawer stayed open over the page"
        assert page.evaluate("() => !!document.activeElement.closest('.md-content')"), state
        assert_visible_focus(state, "first control of the page after the drawer")
        # And back again: Shift+Tab returns into the drawer, which shows itself.
        state = press(page, "Shift+Tab")
        assert state["inDrawer"]
        assert_visible_focus(state, "last drawer entry after Shift+Tab")
    finally:
        context.close()


def test_desktop_navigation_keeps_material_s_own_labels(browser, site_url):
    """At desktop width the sidebar is always shown: no extra, do-nothing Tab stops."""
    context, page = open_phone_page(browser, site_url, GUIDE)
    try:
        label_id = topic_toggle(page) + "_label"  # the twitching topic's section (the page's own)
        assert page.evaluate("(id) => document.getElementById(id).getAttribute('tabindex')", label_id) == "0"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_function("() => !document.querySelector('[data-drawer-button]')")
        label = page.evaluate(
            "(id) => { const l = document.getElementById(id); return [l.getAttribute('tabindex'), l.getAttribute('role')]; }", label_id
        )
        assert label == [None, None], label  # no tabindex (Material's own is an invalid "")
        assert (
            page.evaluate(
                "() => document.querySelector('.md-header label[for=\"__drawer\"]').hasAttribute('tabindex')"
            )
            is False
        )
    finally:
        context.close()


# -- Glossary explanations: WCAG 1.4.13 Content on Hover or Focus -----------------------------

TOOLTIP_SHOWN = """(term) => {
    const id = term.getAttribute('aria-describedby');
    const tip = id && document.getElementById(id);
    return !!tip && tip.classList.contains('md-tooltip2--active')
        && tip.checkVisibility({visibilityProperty: true, opacityProperty: true});
}"""


def tooltip_shown(page, term) -> bool:
    return page.evaluate(TOOLTIP_SHOWN, term.element_handle())


def wait_shown(page, term, shown: bool = True):
    page.wait_for_function(
        TOOLTIP_SHOWN if shown else f"(term) => !({TOOLTIP_SHOWN})(term)",
        arg=term.element_handle(),
    )


def glossary_term(page, site_url, index=0):
    # A fake clock (time still flows): a test runs the explanation's timers (the 250 ms hide
    # delay) at once with run_for, instead of waiting for them.
    page.clock.install()
    page.goto(site_url + GUIDE)
    page.wait_for_function("() => !!window.GlossaryTooltip")
    term = page.locator("article abbr[tabindex='0']").nth(index)
    # Mid-screen, so the explanation below it (and the pointer moving onto it) is in view.
    term.evaluate("(element) => element.scrollIntoView({block: 'center'})")
    return term


def test_escape_hides_a_focused_explanation_until_the_focus_comes_back(page, site_url):
    term = glossary_term(page, site_url)
    term.focus()
    wait_shown(page, term)
    page.keyboard.press("Escape")
    wait_shown(page, term, shown=False)
    assert page.evaluate("(term) => document.activeElement === term", term.element_handle()), (
        "Escape moved the focus"
    )
    page.clock.run_for(1_000)  # well past the hide delay: no timer brings it back
    assert not tooltip_shown(page, term), "the explanation came back by itself"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("(term) => document.activeElement === term", term.element_handle())
    wait_shown(page, term)


def test_escape_hides_a_hovered_explanation_until_the_pointer_comes_back(page, site_url):
    term = glossary_term(page, site_url, index=3)
    term.hover()
    wait_shown(page, term)
    page.keyboard.press("Escape")
    wait_shown(page, term, shown=False)
    page.clock.run_for(1_000)  # well past the hide delay: no timer brings it back
    assert not tooltip_shown(page, term), "the explanation came back by itself"
    page.mouse.move(5, 5)
    page.clock.run_for(1_000)  # the pointer left: the hide delay runs out and it closes
    assert not term.get_attribute("aria-describedby"), "the explanation stayed open after the pointer left"
    term.hover()
    wait_shown(page, term)


def test_the_pointer_can_move_onto_the_explanation_and_it_stays(page, site_url):
    term = glossary_term(page, site_url, index=3)
    term.hover()
    wait_shown(page, term)
    tooltip = page.locator("#" + term.get_attribute("aria-describedby") + " .md-tooltip2__inner")
    start, end = term.bounding_box(), tooltip.bounding_box()
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + end["height"] / 2
    # Straight down from the term onto the explanation, across the gap between them.
    for step in range(1, 11):
        page.mouse.move(x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10)
        # Past the hide delay at every step: a gap between term and explanation closes it.
        page.clock.run_for(300)
        assert tooltip_shown(page, term), (
            f"the explanation closed while the pointer moved onto it (step {step})"
        )
    assert page.evaluate("() => !!document.querySelector('.md-tooltip2__inner:hover')"), (
        "the pointer is not on the explanation"
    )
    page.clock.run_for(1_500)
    assert tooltip_shown(page, term), "the explanation did not stay while hovered"
    # Escape works with the pointer on the explanation itself, too.
    page.keyboard.press("Escape")
    wait_shown(page, term, shown=False)
