"""The pages' JSON data attributes are percent-encoded exactly as urllib.parse.quote did, with a
lookup per byte instead of quote's Python loop (issue 17: ~5% of a cold build's rendering)."""

from __future__ import annotations

import json
import random
from urllib.parse import quote, unquote

import pytest

from generator.pages.self_check_data import json_attribute
from support import calls_during


def quoted(data: dict) -> str:
    """The attribute as it was written before: quote() of the compact JSON, nothing kept."""
    return quote(json.dumps(data, ensure_ascii=False, separators=(",", ":")), safe="")


def test_the_attribute_is_quote_s_output_for_any_text():
    every_character = "".join(map(chr, range(1, 0x800)))
    hostile = ['</script><script>alert(1)</script>', '&quot;"\'<>&amp;', "%41%%2", "a b+c/d?e=f#g", "\x00\n\t\r"]
    texts = [every_character, "😀 漢字 é ß ﬁ", *hostile]
    rng = random.Random(17)
    texts += ["".join(chr(rng.choice((rng.randrange(32, 127), rng.randrange(0xA0, 0xD7FF), rng.randrange(0x10000, 0x10FFFF)))) for _ in range(200)) for _ in range(50)]
    for text in texts:
        data = {"strings": {"key": text}, "levels": [1, None, True], text[:20]: [text, 2.5]}
        assert str(json_attribute(data)) == quoted(data), text[:40]
        assert json.loads(unquote(json_attribute(data))) == data


def test_text_that_cannot_be_utf8_fails_as_before():
    with pytest.raises(UnicodeEncodeError):
        quoted({"x": "\ud800"})
    with pytest.raises(UnicodeEncodeError):
        json_attribute({"x": "\ud800"})


def test_encoding_costs_a_few_calls_not_a_call_per_byte():
    data = {"text": "Do you have twitching near your eye? (Yes / No)" * 20}
    count = sum(calls_during(json_attribute, data)[1].values())
    assert count <= 40 < len(data["text"])
