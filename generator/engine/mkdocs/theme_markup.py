"""Invalid HTML in Material's page template that no template block can override.

Material's base.html writes `autocomplete="off"` on its two hidden toggle checkboxes (drawer
and search), outside any block; HTML allows `autocomplete` on text-like inputs only, so the
Nu Html Checker reports it on every page. The toggles are reset by Material's own script, so
the attribute does nothing a reader could notice: it is removed from the built page.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


def fix(html: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
