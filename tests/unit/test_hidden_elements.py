"""hidden_elements() (generator/engine/mkdocs/hidden_headings.py) finds what html.parser finds:
the outermost elements hidden when the page opens and every id hidden, on the markup the
built pages hold and on markup they might (issue 17: the search index runs it on every page
of every build; html.parser was most of the indexing's Python time)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.engine.mkdocs import hidden_headings
from generator.engine.mkdocs.search import pagefind_pages


class HiddenElementParser(HTMLParser):
    """The reference walk (html.parser, which the site used before hidden_elements): walks a page knowing, at each start tag, whether the element is hidden when the page
    opens and whether it is inside one that is; subclasses say what to note (`element`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, inside a hidden element or hidden itself)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = bool(self.open) and self.open[-1][1]
        hidden = hidden_headings.hidden_when_opened({name for name, _ in attrs})
        self.element(dict(attrs), hidden=hidden, inside=inside)
        if tag not in hidden_headings.VOID_ELEMENTS:
            self.open.append((tag, inside or hidden))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def element(self, attrs: dict[str, str | None], hidden: bool, inside: bool) -> None:
        raise NotImplementedError


class _ParsedHidden(HiddenElementParser):
    """The reference: html.parser's walk, each outermost hidden start tag as an offset."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.starts: list[int] = []
        self.ids: set[str] = set()
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", page)]
        self.feed(page)
        self.close()

    def element(self, attrs, hidden, inside):
        if hidden and not inside:
            line, column = self.getpos()
            self.starts.append(self._line_starts[line - 1] + column)
        if (hidden or inside) and attrs.get("id"):
            self.ids.add(attrs["id"])


CASES = [
    '<h2 id="shown">A</h2><div hidden><h2 id="result">B</h2><p>x<br>y</p><h3 id="said">C</h3></div><h2 id="after">D</h2>',
    '<div class="f" data-tool-fallback>\n<h2 id="no-js">E</h2></div>\n<img id="pic" src="a.svg">',
    '<section HIDDEN id="up"><p ID="inner">x</p></section><p id="out">y</p>',  # attribute names in capitals
    '<div hidden><div><div id="deep">x</div></div><p id="still">in</p></div><p id="out">y</p>',  # nested same tag
    '<p title="a > b hidden" id="t">x</p><span data-x=\'hidden\' id="q">y</span>',  # 'hidden' and '>' in values
    '<!-- <div hidden id="c"> --><p id="visible">x</p><div hidden id="h"></div>',  # in a comment
    '<script>if (a<b) { el.hidden = "<div hidden id=s>"; }</script><p id="v">x</p>',  # in a script
    '<p>The hidden signs</p><div id="after-text" hidden="">z</div>',  # the word in the text
    '<input hidden id="void"><p id="next">after a void element</p>',
    '<div hidden id="selfclosed"/><p id="next">html.parser closes it at once</p>',
    '<div><section hidden><p id="in">x</div><p id="out">the enclosing div closed it</p>',  # an end tag of an enclosing element
    '<div hidden id="a&amp;b" data-x="1"><span id=bare>x</span><em id=\'single\'>y</em></div>',  # escaped, unquoted and single-quoted ids
    '<ul><li hidden data-said>one</li><li data-said hidden="">two</li><li>three</li></ul>',
    '<section hidden id="never-closed"><p id="p">x</p>',
    '<p id="empty-id" hidden id="">x</p><div hidden id=""><b id="b">y</b></div>',
]


@pytest.mark.parametrize("page", CASES)
def test_hidden_elements_finds_what_html_parser_finds(page):
    expected = _ParsedHidden(page)
    found = hidden_headings.hidden_elements(page)
    assert (found.starts, found.ids) == (expected.starts, expected.ids)


def test_the_index_leaves_out_each_outermost_hidden_element_once():
    page = '<html><body><article><h1>T</h1><div class="x" hidden><div hidden><h2 id="r">R</h2></div></div><p>Shown</p></article></body></html>'
    marked, hidden = pagefind_pages._ignore_hidden(page)
    assert marked.count("data-pagefind-ignore") == 1
    assert '<div data-pagefind-ignore class="x" hidden><div hidden>' in marked
    assert hidden == {"r"}


def test_marking_a_page_for_the_index_runs_no_html_parser(monkeypatch):
    """The cost this replaced: html.parser over every article of every build."""

    from generator.engine.mkdocs.search.outline import outline_of

    fed: list[str] = []
    monkeypatch.setattr(HTMLParser, "feed", lambda self, data: fed.append(data))
    page = '<html><body><article><h1>T</h1><section hidden><h2 id="r">R</h2></section><h2 id="s">S</h2></article></body></html>'
    marked = pagefind_pages.marked(page, outline_of(page), {}, None)
    assert fed == []
    assert '<section data-pagefind-ignore hidden><h2 id="r">R</h2></section>' in marked


def test_a_page_s_hidden_headings_leave_its_contents_without_html_parser(monkeypatch):
    """The same walk for every built page's table of contents (the plugin's on_page_content):
    html.parser there was about 11 s of a 1,000-topic build, warm or cold."""
    fed: list[str] = []
    monkeypatch.setattr(HTMLParser, "feed", lambda self, data: fed.append(data))
    page = '<h2 id="a">A</h2><div hidden><h2 id="b">B</h2></div><div data-x-fallback><h3 id="c">C</h3></div>'
    assert hidden_headings.hidden_ids(page) == {"b", "c"}
    assert fed == []
