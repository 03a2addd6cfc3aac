"""Shared warning signs (content/shared-signs.yaml): written once, used by id, shown everywhere."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.engine.mkdocs.search.lay_terms import lay_terms_by_page
from generator.model.loading import load_content
from generator.model.shared_signs import SHARED_SIGNS_FILE
from generator.pages.self_check_data import self_check_data
from generator.pipeline import generate
from generator.reading import yaml_source
from generator.reading.problems import ContentError
from generator.render.cache import TopicCache
from generator.render.renderer import PageRenderer
from support import ROOT, TODAY, ContentCopy

SHARED = """# yaml-language-server: $schema=../../schema/shared-signs.schema.json
signs:
  - id: flag-speech
    level: emergency
    onset: sudden
    text: Speech suddenly becomes slurred <b>or</b> muddled.
    question:
      text: Has your speech suddenly become slurred?
      you_said: Your speech suddenly became slurred.
    sources: [ref-stroke]
    lay_terms: [slurred words]
references:
  - {id: ref-stroke, publisher: NHS, title: "Stroke: symptoms", url: "https://www.nhs.uk/conditions/stroke/symptoms/"}
"""
GET_HELP = "sample-topic/when-to-get-help.md"


def with_shared_sign(content: ContentCopy, use: str = "flag-speech") -> ContentCopy:
    (content.root / SHARED_SIGNS_FILE).write_text(SHARED, encoding="utf-8")
    content.replace("signs:\n  - id: rf-face\n", f"shared_signs: [{use}]\nsigns:\n  - id: rf-face\n")
    content.replace("      signs: [rf-face]\n", "      signs: [rf-face, flag-speech]\n")
    return content


def only_problem(content: ContentCopy) -> str:
    problems = content.problems()
    assert len(problems) == 1, [str(problem) for problem in problems]
    return str(problems[0])


def test_a_shared_sign_is_the_topic_s_own_in_every_view(content):
    with_shared_sign(content).append_part("self_check")
    topic = content.load().topics[0].topic
    pages = content.markdown_pages()

    card = pages[GET_HELP].split('aria-labelledby="help-emergency"')[1].split("</section>")[0]
    assert "Speech suddenly becomes slurred &lt;b&gt;or&lt;/b&gt; muddled." in card  # shown as written
    data = self_check_data(topic.triage, {})
    assert {"question": "flag-speech", "answers": ["yes", "not-sure"], "outcome": "emergency"} in data["rules"]
    question = next(q for q in data["questions"] if q["id"] == "flag-speech")
    assert question["level"] == "emergency"
    # The result links to the section that shows the topic's emergency cards.
    assert topic.sign("flag-speech").explained_by == [topic.red_flags.id]
    search_words = lay_terms_by_page(content.load())
    assert any(terms.get("flag-speech") == ["slurred words"] for terms in search_words.values())
    sources = pages["sample-topic/sources.md"]
    assert "{#ref-stroke}" in sources and "https://www.nhs.uk/conditions/stroke/symptoms/" in sources


def test_content_without_mistakes_is_read_by_the_fast_parser_alone(content, monkeypatch):
    """The slow parser that knows every line (yaml_source._careful_tree, ~25 ms for the shared
    signs) is for a problem's message; a build without problems never needs it (issue 17)."""
    careful = []
    monkeypatch.setattr(yaml_source, "_careful_tree", lambda path, text: careful.append(path))
    loaded = with_shared_sign(content).load()
    assert loaded.topics[0].topic.sign("flag-speech").level == "emergency"
    assert careful == []


@pytest.mark.parametrize("on_card", ["flag-speech", "flag-speach"])
def test_an_unknown_shared_sign_is_one_located_mistake(content, on_card):
    """A typo under shared_signs is reported there only, whether the card has the right id or the same typo."""
    with_shared_sign(content, use="flag-speach")
    content.replace("      signs: [rf-face, flag-speech]\n", f"      signs: [rf-face, {on_card}]\n")
    line = content.line_of("shared_signs:")

    message = only_problem(content)
    assert message.startswith(f"{content.topic_file}:{line}:")
    assert "shared_signs[0]: unknown shared sign 'flag-speach' (did you mean 'flag-speech'?)" in message


def test_a_shared_sign_listed_on_a_card_but_not_under_shared_signs_says_how_to_use_it(content):
    with_shared_sign(content)
    content.replace("shared_signs: [flag-speech]\n", "")
    line = content.line_of("signs: [rf-face, flag-speech]")

    message = only_problem(content)
    assert message.startswith(f"{content.topic_file}:{line}:")
    assert "'flag-speech' is a shared sign (shared-signs.yaml, line 3): list it under shared_signs to use it" in message


def test_a_topic_s_own_sign_with_a_shared_sign_s_id_is_one_located_mistake(content):
    with_shared_sign(content)
    content.replace("signs:\n  - id: rf-face\n", "signs:\n  - id: flag-speech\n")
    content.replace("      signs: [rf-face, flag-speech]\n", "      signs: [flag-speech]\n")
    line = content.line_of("  - id: flag-speech")

    message = only_problem(content)
    assert message.startswith(f"{content.topic_file}:{line}:")
    assert "signs[0].id: 'flag-speech' is a shared sign (shared-signs.yaml, line 3)" in message


def test_a_topic_that_writes_a_shared_reference_again_is_one_located_mistake(content):
    with_shared_sign(content)
    content.replace('    - {id: ref-nhs, publisher: NHS, title: Twitching, url: "https://www.nhs.uk/"}\n',
                    '    - {id: ref-nhs, publisher: NHS, title: Twitching, url: "https://www.nhs.uk/"}\n'
                    "    - {id: ref-stroke, publisher: NHS, title: Stroke}\n")
    line = content.line_of("id: ref-stroke")

    message = only_problem(content)
    assert message.startswith(f"{content.topic_file}:{line}:")
    assert "'ref-stroke' is a reference of the shared signs this topic uses" in message


def test_a_mistake_in_the_shared_file_is_reported_there_once(content):
    with_shared_sign(content)
    shared = content.root / SHARED_SIGNS_FILE
    shared.write_text(SHARED.replace("    level: emergency\n", "    level: emergancy\n"), encoding="utf-8")

    message = only_problem(content)
    assert message.startswith(f"{shared}:4:") and "signs[0].level" in message


def real_content_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def test_a_fix_to_a_shared_sign_reaches_every_topic_and_its_self_check(tmp_path):
    root = real_content_copy(tmp_path)
    shared = root / SHARED_SIGNS_FILE
    old = "An arm or leg suddenly goes weak or numb, or the person cannot lift both arms and keep them up."
    new = "An arm or leg suddenly goes weak, numb or heavy."
    text = shared.read_text(encoding="utf-8")
    assert text.count(old) == 1
    shared.write_text(text.replace(old, new).replace(
        "text: Has an arm or a leg suddenly gone weak or numb, or is it hard to lift both arms and keep them up?",
        "text: Has an arm or a leg suddenly gone weak, numb or heavy?"), encoding="utf-8")

    content = load_content(root)
    pages = {page.path: page.markdown for page in PageRenderer(content, today=TODAY).pages()}
    assert len(content.topics) >= 4
    with_self_check = 0
    for loaded in content.topics:
        slug = loaded.topic.slug
        assert "flag-arm-weakness" in loaded.topic.shared_signs, slug
        # The emergency cards: on the first page (where the sign is anchored) and on "When to get help".
        assert f"- {new}\n    {{#flag-arm-weakness}}" in pages[f"{slug}/index.md"], slug
        assert new in pages[f"{slug}/when-to-get-help.md"], slug
        assert not any(old in page for page in pages.values()), slug
        if loaded.topic.triage is not None:
            with_self_check += 1
            data = self_check_data(loaded.topic.triage, {})
            question = next(q for q in data["questions"] if q["id"] == "flag-arm-weakness")
            assert question["text"] == "Has an arm or a leg suddenly gone weak, numb or heavy?", slug
    assert with_self_check >= 2

    # A level change reaches every topic too: each one's emergency card now refuses it.
    shared.write_text(shared.read_text(encoding="utf-8").replace(
        "  - id: flag-balance\n    level: emergency\n", "  - id: flag-balance\n    level: urgent\n"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(root)
    refused = {problem.file.name for problem in info.value.problems if "sign 'flag-balance' has level 'urgent' (shared-signs.yaml, line" in problem.message}
    assert refused == {path.name for path in (root / "topics").glob("*.yaml")}


MAX_EMERGENCY_TITLE_WORDS = 6  # "Call 999 if", as the NHS writes it: the signs say the rest


def test_every_emergency_card_title_is_short():
    content = load_content(ROOT / "content")
    for loaded in content.topics:
        for card in loaded.topic.when_to_get_help.emergency_cards:
            words = re.findall(r"[\w'’]+", card.title)
            assert len(words) <= MAX_EMERGENCY_TITLE_WORDS, f"{loaded.topic.slug}: {card.title!r}"
            assert card.title.startswith(f"Call {content.site.emergency_number}"), f"{loaded.topic.slug}: {card.title!r}"


def test_a_fix_to_a_shared_sign_is_seen_by_a_cached_rebuild(content):
    """`mkdocs serve` and the disk cache keep unchanged topics: a shared sign is part of them."""
    with_shared_sign(content)
    cache = TopicCache()
    generate(content.root, today=TODAY, cache=cache)
    shared = content.root / SHARED_SIGNS_FILE
    shared.write_text(SHARED.replace("slurred <b>or</b> muddled", "slurred or hard to follow"), encoding="utf-8")

    pages = {page.path: page.markdown for page in generate(content.root, today=TODAY, cache=cache).pages}

    assert "slurred or hard to follow" in pages["sample-topic/index.md"]
    assert "muddled" not in pages["sample-topic/index.md"]


def test_shared_signs_that_are_not_a_list_is_one_located_mistake(content):
    with_shared_sign(content)
    content.replace("shared_signs: [flag-speech]\n", "shared_signs: flag-speech\n")
    line = content.line_of("shared_signs:")

    message = only_problem(content)
    assert message.startswith(f"{content.topic_file}:{line}:") and "shared_signs:" in message
