"""Copy-link buttons copy the address the reader is on, not the build's site_url (issue 14).

The site built for the tests has site_url = the test server's address; here the same files
are also served on a second port, so the two differ and only `location` gives the right one.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer

from support import QuietHandler

GUIDE = "facial-twitching/"


@contextmanager
def second_server(folder):
    """The built site on another free port of 127.0.0.1: an address site_url does not name."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_copy_link_copies_the_address_the_page_was_opened_on(browser, built_site, site_url):
    with second_server(built_site) as elsewhere:
        assert elsewhere != site_url
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=elsewhere.rstrip("/"))
        page = context.new_page()
        try:
            page.goto(elsewhere + GUIDE + "conditions/?from=letter")
            button = page.get_by_role("button", name="Copy link to: Hemifacial spasm", exact=True)
            button.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.querySelector('.copy-link-status').textContent === 'Link copied: Hemifacial spasm'")
            # the reader's own address, without the query string a letter or tracker added
            assert page.evaluate("() => navigator.clipboard.readText()") == elsewhere + GUIDE + "conditions/#hemifacial-spasm"
        finally:
            context.close()
