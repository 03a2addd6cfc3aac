"""References to another topic's item, `other-slug#item-id`: in reference lists (see_also,
related, used_for, explained_by) and in prose links `[text](other-slug#item-id)`. Checked like
references in one topic (a wrong one is one located error), rendered as ordinary links to the
page of the other topic that holds the item, and listed in links.lock."""

from __future__ import annotations

import pytest
from test_related_topics import second_topic

from generator.model.loading import load_content
from generator.reading.problems import ContentError
from generator.structure.links_lock import (
    LOCK_FILE,
    check_lock,
    link_index,
    lock_text,
    read_cross_references,
)

SEE_ALSO = "      see_also: [cause-one]\n"
DESCRIPTION = "      description: Rare.\n"


def see_also(content, target: str):
    return content.replace(SEE_ALSO, f"      see_also: [cause-one, {target}]\n")


def test_a_reference_list_links_to_the_page_of_the_other_topic_that_holds_the_item(content):
    second_topic(content)
    see_also(content, "other-topic#faq-one")
    page = content.html_pages()["sample-topic/conditions.md"]

    [link] = [a for a in page.find_all("a") if a.attrs.get("href") == "../other-topic/faq.md#faq-one"]
    assert link.text == "Is it serious? (Hemifacial spasm)"


def test_an_item_title_that_names_its_topic_is_not_followed_by_the_topic_again(content):
    second_topic(content, title="Sleep")
    see_also(content, "other-topic#faq-one")
    content.replace("question: Is it serious?", "question: Is sleep loss serious?", file=content.root / "topics" / "other-topic.yaml")
    page = content.html_pages()["sample-topic/conditions.md"]

    assert [a.text for a in page.find_all("a") if a.attrs.get("href") == "../other-topic/faq.md#faq-one"] == ["Is sleep loss serious?"]


def test_a_prose_link_to_another_topic_s_item_is_an_ordinary_link(content):
    second_topic(content)
    content.replace(DESCRIPTION, "      description: Rare. Read [what causes it](other-topic#cause-one).\n")
    page = content.html_pages()["sample-topic/conditions.md"]

    [link] = [a for a in page.find_all("a") if a.text == "what causes it"]
    assert link.attrs["href"] == "../other-topic/causes.md#cause-one"


def test_a_link_from_the_guide_s_first_page_is_relative_to_it(content):
    second_topic(content)
    content.replace("a link to [the cause](#cause-one).", "a link to [the cause](#cause-one) and [theirs](other-topic#faq-one).")
    page = content.html_pages()["sample-topic/index.md"]

    [link] = [a for a in page.find_all("a") if a.text == "theirs"]
    assert link.attrs["href"] == "../other-topic/faq.md#faq-one"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("other-topik#faq-one", "links to unknown topic 'other-topik' (did you mean 'other-topic'?)"),
        ("other-topic#faq-onee", "links to unknown id 'faq-onee' in topic 'other-topic' (did you mean 'other-topic#faq-one'?)"),
        ("sample-topic#faq-one", "'sample-topic' is this topic itself; write 'faq-one'"),
    ],
)
def test_a_wrong_reference_in_a_list_is_one_located_error(content, target, message):
    second_topic(content)
    see_also(content, target)

    [problem] = content.problems()
    assert problem.file == content.topic_file
    assert problem.line == content.line_of("see_also: [cause-one,")
    assert problem.field == "conditions.items[0].see_also[1]"
    assert message in problem.message


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("other-topik#faq-one", "links to unknown topic 'other-topik'"),
        ("other-topic#nowhere", "links to unknown id 'nowhere' in topic 'other-topic'"),
    ],
)
def test_a_wrong_prose_link_to_another_topic_is_one_located_error(content, target, message):
    second_topic(content)
    content.replace(DESCRIPTION, f"      description: Rare. Read [more]({target}).\n")

    [problem] = content.problems()
    assert (problem.file, problem.line, problem.field) == (content.topic_file, content.line_of("Read [more]"), "conditions.items[0].description")
    assert message in problem.message


def test_a_renamed_item_of_the_other_topic_names_its_new_id(content):
    other = second_topic(content)
    other.write_text(other.read_text(encoding="utf-8").replace("- id: faq-one\n", "- id: faq-serious\n      previous_ids: [faq-one]\n"), encoding="utf-8")
    see_also(content, "other-topic#faq-one")

    [problem] = content.problems()
    assert problem.field == "conditions.items[0].see_also[1]"
    assert "'faq-one' in topic 'other-topic' is now 'faq-serious': write 'other-topic#faq-serious'" in problem.message


def test_a_field_of_this_topic_s_ids_only_refuses_another_topic_s_item_with_one_error(content):
    """A warning row's `signs` are this topic's signs: another topic's is refused, once, plainly."""
    second_topic(content)
    content.replace("signs: [help-gp-2-weeks]}", "signs: [other-topic#help-gp-2-weeks]}")

    [problem] = content.problems()
    assert (problem.line, problem.field) == (content.line_of("other-topic#help-gp-2-weeks"), "warning_signs.rows[0].signs[0]")
    assert "names an item of another topic" in problem.message and "pattern" not in problem.message


def lock_for(content) -> str:
    return lock_text(link_index(load_content(content.root)), [])


def test_the_lock_lists_each_cross_topic_reference_from_its_page_to_the_item(content):
    second_topic(content)
    see_also(content, "other-topic#faq-one")
    (content.root / LOCK_FILE).write_text(lock_for(content), encoding="utf-8")

    assert read_cross_references(content.root / LOCK_FILE) == [("/sample-topic/conditions/", "/other-topic/faq/#faq-one")]
    assert "/sample-topic/conditions/ -> /other-topic/faq/#faq-one\n" in (content.root / LOCK_FILE).read_text(encoding="utf-8")


def test_a_locked_cross_topic_reference_whose_item_is_gone_fails_the_lock_naming_both_topics(content):
    """The other topic's item was removed and the reference with it: the lock still names the
    link another topic relied on, so the build fails until `lock` unpublishes it on purpose."""
    other = second_topic(content)
    see_also(content, "other-topic#faq-one")
    (content.root / LOCK_FILE).write_text(lock_for(content), encoding="utf-8")
    content.replace(SEE_ALSO.replace("]", ", other-topic#faq-one]"), SEE_ALSO)
    other.write_text(other.read_text(encoding="utf-8").replace("- id: faq-one\n", "- id: faq-serious\n"), encoding="utf-8")

    with pytest.raises(ContentError) as info:
        check_lock(load_content(content.root))
    [problem] = info.value.problems
    assert problem.file == other
    assert "'/other-topic/faq/#faq-one'" in problem.message and "linked from /sample-topic/conditions/" in problem.message


def test_bad_cross_reference_line_in_the_lock_is_located(content):
    (content.root / LOCK_FILE).write_text("/\n/sample-topic/ -> other#x\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        read_cross_references(content.root / LOCK_FILE)
    assert f"{content.root / LOCK_FILE}:2:1:" in info.value.report()


def test_a_save_that_removes_an_item_another_topic_links_to_is_one_located_error_at_once(content, monkeypatch):
    """A save re-walks only the saved topic (issue 17): the unchanged topic's references, kept
    from the first load, are still checked against the saved topic's new ids, and the error
    names the linking file and line."""
    from generator.model import topic_links
    from generator.render.cache import TopicCache

    other = second_topic(content)
    see_also(content, "other-topic#faq-one")
    cache = TopicCache(None)
    load_content(content.root, cache)
    other.write_text(other.read_text(encoding="utf-8").replace("- id: faq-one\n", "- id: faq-serious\n"), encoding="utf-8")
    walked = []
    original = topic_links.links_in
    monkeypatch.setattr(topic_links, "links_in", lambda model, data: walked.append(data["slug"]) or original(model, data))

    with pytest.raises(ContentError) as raised:
        load_content(content.root, cache)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.field) == (content.topic_file, content.line_of("other-topic#faq-one"), "conditions.items[0].see_also[1]")
    assert "links to unknown id 'faq-one' in topic 'other-topic'" in problem.message
    assert walked == ["other-topic"], f"topics walked again for their cross-topic links: {walked}"
