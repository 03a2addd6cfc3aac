"""Leave little words such as "how" and "to" out of search queries.

The theme's search adds a trailing wildcard to every word typed, so "how to stop eye
twitching" also searches "to*", which finds "toxin", "Tourette's" and "tongue" and pushes
the real answer down. Those little words are never in the index (its stop-word filter drops
them), so they can only ever match the start of other words. Adding them to the search's
word separator (its `separator` setting, a regular expression) makes the theme drop them
from the query, and from the text it indexes, where they were dropped anyway.
"""

from __future__ import annotations

import re

# lunr's English stop words (lunr.stopWordFilter, lunr 2.3.9 inside the theme's search
# worker): exactly the words its index never holds. tests/unit/test_search_index.py checks
# this list against the installed theme.
STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been "
    "but by can cannot could dear did do does either else ever every for from get got had has "
    "have he her hers him his how however i if in into is it its just least let like likely may "
    "me might most must my neither no nor not of off often on only or other our own rather said "
    "say says she should since so some than that the their them then there these they this tis "
    "to too twas us wants was we were what when where which while who whom why will with would "
    "yet you your"
).split()

# What separates words for the theme's default separator, `[\s\-]+`.
_BREAK = r"[\s\-]"


def separator(base: str) -> str:
    """The theme's separator `base`, extended to swallow whole stop words.

    A stop word is only a separator as a whole word: at the start or after a break, and
    followed by a break or the end ("to" in "photo" or "toxin" stays). The regular
    expression runs in the browser, so it uses no lookbehind (older Safari lacks it) and no
    case-insensitive flag (the theme compiles it without flags): each letter is a class.
    """
    words = "|".join(_any_case(word) for word in sorted(STOP_WORDS, key=len, reverse=True))
    # The stop-word branch comes first, so it can take the break before the word with it.
    return f"(?:^|{_BREAK}+)(?:{words})(?={_BREAK}|$)|{base}"


def drop_stop_words(index: dict) -> None:
    """Set the extended separator in the theme's search index config (parsed JSON)."""
    config = index["config"]
    if "stopWordFilter" in config.get("pipeline", []):  # only words the index drops anyway
        config["separator"] = separator(config["separator"])


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)
