"""Glossary terms in a fragment of raw HTML (a component such as the warning table).

Python-Markdown hands raw HTML blocks through untouched, so the glossary would miss them.
This wraps each term in the fragment's text in `<abbr title="...">`, changing nothing else:
tags, attributes and the source spelling of the text (`A&amp;E`) stay byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

from .glossary import Piece, TermFinder

# Text inside these is never a glossary term to explain: code, form controls, pictures,
# scripts, and terms already explained.
SKIP = {"abbr", "button", "code", "kbd", "math", "option", "pre", "samp", "script", "select", "style", "svg", "template", "textarea", "title"}
# Terms inside these are explained but never a tab stop: a focusable element inside a link,
# a <summary> or a <label> would be a control inside a control.
NO_FOCUS = {"a", "label", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Called for each match of `opaque` in the text (Markdown's placeholders for stashed HTML),
# in document order, with whether a term there may take focus.
OpaqueHandler = Callable[[re.Match, bool], None]


# What HTMLParser reads as a tag or comment in well-formed HTML, which is all a component
# writes; this may strip less than the parser does, never more.
_TAG = re.compile(r"<(?:[A-Za-z]|/[A-Za-z]|!--)[^<>]*>")


def may_hold_terms(fragment: str, finder: TermFinder) -> bool:
    """False when no glossary term can be in the fragment's text: it can be passed through
    without parsing it (most component blocks hold none; parsing them was most of the glossary's time)."""
    return finder.may_occur_in(unescape(_TAG.sub(" ", fragment)))


def explain_terms(fragment: str, finder: TermFinder, may_focus: bool = True, opaque: re.Pattern | None = None, on_opaque: OpaqueHandler | None = None) -> str:
    """`fragment` with each glossary term in its text wrapped in an <abbr> (see TermFinder)."""
    parser = _TermParser(fragment, finder, may_focus, opaque, on_opaque)
    parser.feed(fragment)
    parser.close()
    return parser.result()


class _TermParser(HTMLParser):
    def __init__(self, fragment, finder, may_focus, opaque, on_opaque):
        super().__init__(convert_charrefs=False)  # entities arrive one by one, as written
        self.fragment, self.finder, self.may_focus = fragment, finder, may_focus
        self.opaque, self.on_opaque = opaque, on_opaque
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self.open: list[str] = []
        self.run: list[Piece] = []  # the text since the last tag
        self.run_start = 0
        self.insertions: list[tuple[int, str]] = []

    # --- events -----------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        self._end_run()
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._end_run()

    def handle_endtag(self, tag):
        self._end_run()
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        at = self._offset()
        done = 0
        for match in self.opaque.finditer(data) if self.opaque else ():
            self._add_text(data[done : match.start()], at + done)
            # Someone else's content: no term runs across it, and it is handled in its place.
            self._end_run()
            if self.on_opaque and not self._skipped():
                self.on_opaque(match, self._may_focus_here())
            done = match.end()
        self._add_text(data[done:], at + done)

    def handle_entityref(self, name):
        self._add_reference(f"&{name};")

    def handle_charref(self, name):
        self._add_reference(f"&#{name};")

    def handle_comment(self, data):
        self._end_run()

    def handle_decl(self, decl):
        self._end_run()

    def handle_pi(self, data):
        self._end_run()

    def unknown_decl(self, data):
        self._end_run()

    def close(self):
        super().close()
        self._end_run()

    # --- text runs --------------------------------------------------------------------------

    def _add_text(self, text: str, at: int) -> None:
        if text:
            self._add(Piece(text, text, plain=True), at)

    def _add_reference(self, written: str) -> None:
        # The parser also reports "&amp" without its ";": take the source exactly as written.
        at = self._offset()
        source = written if self.fragment.startswith(written, at) else written[:-1]
        self._add(Piece(source, unescape(source)), at)

    def _add(self, piece: Piece, at: int) -> None:
        if not self.run:
            self.run_start = at
        self.run.append(piece)

    def _end_run(self) -> None:
        run, self.run = self.run, []
        if not run or self._skipped():
            return
        at = self.run_start
        for segment in self.finder.segments(run, self._may_focus_here()):
            if segment.term:
                self.insertions += [(at, self.finder.abbr_start_tag(segment)), (at + len(segment.source), "</abbr>")]
            at += len(segment.source)

    def _skipped(self) -> bool:
        return any(tag in SKIP for tag in self.open)

    def _may_focus_here(self) -> bool:
        return self.may_focus and not any(tag in NO_FOCUS for tag in self.open)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def result(self) -> str:
        parts, done = [], 0
        for at, text in self.insertions:  # in document order
            parts += [self.fragment[done:at], text]
            done = at
        parts.append(self.fragment[done:])
        return "".join(parts)
