"""QR codes as small SVG files, made at build time (no outside service sees the links).

Each code is its own file beside the clinicians' page, shown by <img>: inlined, 140 codes a
topic were ~440 KB of path data that Markdown and every HTML pass of the build parsed."""

from __future__ import annotations

import functools
import re

from .qr_matrix import qr_matrix

BORDER = 2  # quiet zone, in modules
# Each row is its runs, light and dark by turns, and a run's text depends only on its colour
# and length: a dark run draws ("h3"), a light one between dark ones moves on ("m2 0").
_RUN = re.compile(rb"\x01+|\x00+")
_WIDEST = 177  # modules across a version 40 code, the largest
_RUN_TEXT = {**{b"\x01" * n: f"h{n}" for n in range(1, _WIDEST + 1)}, **{b"\x00" * n: f"m{n} 0" for n in range(1, _WIDEST + 1)}}


def svg_path(matrix: tuple[bytes, ...]) -> str:
    """One stroked path (width 1) along each row's runs of dark modules, relative moves between
    runs: small, and quick to write (segno's own SVG writer took ~40% of the QR time). Each row
    is written by a few calls on the whole row, none per module or run (a call per run was
    half of the QR time, ~640 runs a code)."""
    parts = []
    for y, row in enumerate(matrix, start=BORDER):
        dark = row.strip(b"\0")
        if dark:
            x = len(row) - len(row.lstrip(b"\0")) + BORDER
            parts.append(f"M{x} {y}.5")
            parts.extend(map(_RUN_TEXT.__getitem__, _RUN.findall(dark)))
    return "".join(parts)


# A save in `make serve TOPIC=slug` re-renders the topic with the same addresses: its codes
# come from here instead of being encoded again (~1 ms each, 140 a topic). Bounded, so a
# build of many topics, where each address is seen once, does not keep them all.
@functools.lru_cache(maxsize=2048)
def qr_svg(url: str) -> tuple[int, str]:
    """(size in modules, a compact standalone SVG file) of the QR code of `url`.

    One path, unit scale and a viewBox keep each file small; CSS sets its printed size. Dark on
    a white quiet zone, so it scans in the dark palette and on paper alike.
    """
    matrix = qr_matrix(url)
    size = len(matrix) + 2 * BORDER
    return size, (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{svg_path(matrix)}"/></svg>\n'
    )


def qr_file(item_id: str) -> str:
    """The code's file, relative to the page that shows it (ids are [a-z0-9-])."""
    return f"qr/{item_id}.svg"
