"""QR codes as inline SVG, made at build time (no outside service sees the links)."""

from __future__ import annotations

import functools
import re

import segno
from markupsafe import Markup

BORDER = 2  # quiet zone, in modules
_DARK_RUN = re.compile(rb"\x01+")


def qr_matrix(url: str) -> tuple[bytes, ...]:
    """The code's modules, one bytes row per line (1 = dark)."""
    # A fixed mask pattern: every mask gives a valid, scannable code, and choosing the "best"
    # one costs ~85% of the encoding time (140 codes a topic).
    code = segno.make(url, error="m", micro=False, mask=2, boost_error=False)
    return tuple(bytes(row) for row in code.matrix)


def svg_path(matrix: tuple[bytes, ...]) -> str:
    """One stroked path (width 1) along each row's runs of dark modules, relative moves between
    runs: small, and quick to write (segno's own SVG writer took ~40% of the QR time)."""
    parts = []
    for y, row in enumerate(matrix, start=BORDER):
        end = None
        for run in _DARK_RUN.finditer(row):
            move = f"M{run.start() + BORDER} {y}.5" if end is None else f"m{run.start() - end} 0"
            parts.append(f"{move}h{run.end() - run.start()}")
            end = run.end()
    return "".join(parts)


# A save in `make serve TOPIC=slug` re-renders the topic with the same addresses: its codes
# come from here instead of being encoded again (~1 ms each, 140 a topic). Bounded, so a
# build of many topics, where each address is seen once, does not keep them all.
@functools.lru_cache(maxsize=2048)
def qr_svg(url: str) -> Markup:
    """A compact SVG QR code of `url`. Decorative (aria-hidden): the URL is always printed beside it.

    One path, unit scale and a viewBox keep each code small; CSS sets its printed size. Dark on
    a white quiet zone, so it scans in the dark palette and on paper alike.
    """
    matrix = qr_matrix(url)
    size = len(matrix) + 2 * BORDER
    return Markup(
        f'<svg aria-hidden="true" focusable="false" viewBox="0 0 {size} {size}" class="qr-code">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{svg_path(matrix)}"/></svg>'
    )
