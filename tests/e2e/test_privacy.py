"""Privacy and the Content-Security-Policy, checked in headless Chromium on the built site.

No request leaves 127.0.0.1 and no cookie is set on any page; every page carries a strict CSP
<meta> under which the site (search, navigation, palette) works, and an inline script that is
not one of the theme's own never runs.
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest

from generator.engine.mkdocs import csp
from support import (
    QuietHandler,
    instant_navigation,
    pages_to_walk,
    site_pages,
    wait_until_requests_are_reported,
)

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
COLLECT_VIOLATIONS = """
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def policy_of(html: str) -> dict[str, list[str]]:
    match = CSP_META.search(html)
    assert match, "no Content-Security-Policy <meta>"
    directives = {}
    for part in match.group(1).split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(COLLECT_VIOLATIONS)
    return context


def watch(context, site_url):
    """Requests to other hosts and console errors, for every page of the context."""
    offsite: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: None if request.url.startswith((site_url, "data:", "blob:")) else offsite.append(request.url))
    context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return offsite, errors


# -- Static checks of the built HTML ---------------------------------------------------------

def test_every_page_has_a_strict_csp_before_any_script(built_site):
    pages = site_pages(built_site) + ["404.html"]
    for url in pages:
        path = built_site / url / "index.html" if not url.endswith(".html") else built_site / url
        html = path.read_text(encoding="utf-8")
        assert csp.PLACEHOLDER not in html, f"/{url}: CSP placeholder left unfilled"
        policy = policy_of(html)
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        script_src = policy["script-src"]
        assert script_src[0] == "'self'" and all(value.startswith("'sha256-") for value in script_src[1:]), script_src
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:"} & set(script_src + policy["default-src"])
        assert html.index("Content-Security-Policy") < html.index("<script"), f"/{url}: a script comes before the CSP"


def test_csp_allows_only_the_themes_own_inline_scripts(caplog):
    theme = '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    forged = theme.replace('new URL("..",location)', 'new URL("..",location),alert(1)')
    html = (
        f'<head><meta http-equiv="Content-Security-Policy" content="{csp.PLACEHOLDER}"><script>{theme}</script>'
        f'<script>{forged}</script><script type="application/ld+json">{{}}</script></head>'
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        policy = policy_of(csp.apply(html, "page.md"))
    assert policy["script-src"] == ["'self'", csp.script_hash(theme)]
    assert [record.levelname for record in caplog.records] == ["WARNING"]  # counted by --strict
    assert "page.md: inline script blocked" in caplog.records[0].getMessage()


# -- In the browser --------------------------------------------------------------------------


def open_every_page(page, site_url, built_site):
    """Open each built page in turn (a translation's: one of each kind), once it is quiet;
    yields its site-relative URL."""
    for url in pages_to_walk(built_site):
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        yield url


def test_no_page_sends_a_request_off_the_site_sets_a_cookie_or_breaks_its_csp(browser, site_url, built_site):
    """Every page (and the 404 page), then a search, with the CSP enforced: no request to
    another host, no cookie, no CSP violation, and the theme's inline boot scripts ran."""
    context = new_context(browser)
    offsite, errors = watch(context, site_url)
    try:
        page = context.new_page()
        for url in open_every_page(page, site_url, built_site):
            assert page.evaluate("() => document.cookie") == "", f"/{url} set a cookie"
            # The theme's inline boot scripts ran (they are allowed by hash).
            assert page.evaluate("() => typeof __md_get === 'function' && typeof __md_scope === 'object'"), f"/{url}"
            assert page.evaluate("() => window.__cspViolations") == [], f"/{url}: {page.evaluate('() => window.__cspViolations')}"
        search(page, "twitch")
        page.goto(site_url + "this-page-does-not-exist/")  # the 404 page
        page.wait_for_load_state("networkidle")
        wait_until_requests_are_reported(page)
        assert offsite == [], f"requests to other hosts: {offsite}"
        assert context.cookies() == [], context.cookies()
        csp_errors = [text for text in errors if "Content Security Policy" in text or "Refused to" in text]
        assert csp_errors == [], csp_errors
    finally:
        context.close()


def search(page, word: str):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def test_search_navigation_and_the_palette_work_under_the_csp(browser, site_url):
    """Search, instant navigation to a result and through the menu, and the palette toggle,
    with the CSP enforced (every page's own load is the walk above)."""
    context = new_context(browser)
    offsite, errors = watch(context, site_url)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        search(page, "eyelid")
        with instant_navigation(page):  # to a search result
            page.locator(".md-search-result__item a").first.click()
        with instant_navigation(page):
            page.locator("nav.md-nav--primary a.md-nav__link", has_text="About this site").first.click()
        assert re.search(r"/about/$", page.url), page.url
        page.wait_for_load_state("networkidle")
        scheme = page.get_attribute("body", "data-md-color-scheme")
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("(old) => document.body.getAttribute('data-md-color-scheme') !== old", arg=scheme)
        violations = page.evaluate("() => window.__cspViolations")
        assert violations == [], violations
        wait_until_requests_are_reported(page)
        csp_errors = [text for text in errors if "Content Security Policy" in text or "Refused to" in text]
        assert csp_errors == [], csp_errors
        assert offsite == []
    finally:
        context.close()


def test_search_words_never_leave_the_browser(browser, site_url):
    """Nothing a reader types reaches a server: no request (page or search worker) and not the
    address of the result they open carries a word of their query (no `?h=eye+twitch`)."""
    words = ["jumping", "tired"]  # in the guide's text and search words, in none of its addresses
    context = new_context(browser)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        search(page, " ".join(words))
        assert any("/workers/search." in url for url in requests), "the search worker did not start"
        result = page.locator(".md-search-result__item a").first
        target = result.get_attribute("href")
        with instant_navigation(page):
            result.click()
        wait_until_requests_are_reported(page)
        seen = requests + [page.url, page.evaluate("() => location.href")]
        leaked = [url for url in seen if any(word in url.lower() for word in words)]
        assert leaked == [], f"the query left the browser (result link {target}): {leaked}"
    finally:
        context.close()


@pytest.fixture
def tampered_site(built_site, tmp_path):
    """A copy of the built site whose guide page gained inline scripts in <head> and in the
    content, and was then given its CSP by the same csp.apply the build uses."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    path = site / "index.html"
    html = path.read_text(encoding="utf-8")
    html = CSP_META.sub(f'<meta http-equiv="Content-Security-Policy" content="{csp.PLACEHOLDER}">', html, count=1)
    html = html.replace("</head>", "<script>window.__injectedHead = true</script></head>", 1)
    html = html.replace('<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset"><script>window.__injectedContent = true</script>', 1)
    path.write_text(csp.apply(html, "index.md"), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_an_inline_script_that_is_not_the_themes_does_not_run(browser, tampered_site):
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(tampered_site)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => [window.__injectedHead, window.__injectedContent]") == [None, None]
        assert page.evaluate("() => typeof __md_get === 'function'"), "the theme's own inline scripts must still run"
        violations = page.evaluate("() => window.__cspViolations")
        assert len([v for v in violations if v.startswith("script-src")]) == 2, violations
    finally:
        context.close()
