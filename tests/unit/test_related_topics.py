"""Topics link to each other: `related_topics` (slugs) on each topic page, and a condition entry's
`topic` as "Read more about ..."; an unknown slug is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.loading import load_content
from generator.reading.problems import ContentError


def second_topic(content, slug: str = "other-topic", title: str = "Hemifacial spasm") -> Path:
    """A copy of the sample topic under another slug and title."""
    other = content.topic_file.with_name(f"{slug}.yaml")
    other.write_text(
        content.text.replace("slug: sample-topic", f"slug: {slug}").replace("title: Sample topic", f"title: {title}"),
        encoding="utf-8",
    )
    return other


def test_related_topics_are_links_at_the_end_of_the_guide(content):
    second_topic(content)
    content.replace("summary: A short", "related_topics: [other-topic]\nsummary: A short")
    html = content.html_pages()

    last_page = html["sample-topic/sources.md"]
    assert last_page.by_id("related-topics").text.strip() == "Related topics"
    links = [a for a in last_page.find_all("a") if a.attrs.get("href") == "../other-topic/index.md"]
    assert [a.text for a in links] == ["Hemifacial spasm"]
    assert "related-topics" not in html["other-topic/sources.md"].ids()


def test_a_condition_entry_links_to_the_topic_about_it(content):
    second_topic(content)
    content.replace("      urgency_note: See a GP.\n", "      urgency_note: See a GP.\n      topic: other-topic\n")
    page = content.html_pages()["sample-topic/conditions.md"]

    links = [a for a in page.find_all("a") if a.attrs.get("href") == "../other-topic/index.md"]
    assert [a.text for a in links] == ["Read more about hemifacial spasm"]


def test_a_possessive_name_keeps_its_capital(content):
    second_topic(content, title="Bell's palsy")
    content.replace("      urgency_note: See a GP.\n", "      urgency_note: See a GP.\n      topic: other-topic\n")
    page = content.html_pages()["sample-topic/conditions.md"]

    assert "Read more about Bell's palsy" in page.text


@pytest.mark.parametrize(
    ("old", "new", "needle", "field"),
    [
        ("summary: A short", "related_topics: [other-topik]\nsummary: A short", "related_topics:", "related_topics[0]"),
        ("      urgency_note: See a GP.\n", "      urgency_note: See a GP.\n      topic: other-topik\n", "topic: other-topik", "conditions.items[0].topic"),
        ("summary: A short", "related_topics: [sample-topic]\nsummary: A short", "related_topics:", "related_topics[0]"),
    ],
)
def test_an_unknown_topic_slug_is_a_located_error(content, old, new, needle, field):
    second_topic(content)
    content.replace(old, new)
    with pytest.raises(ContentError) as info:
        load_content(content.root)

    [problem] = info.value.problems
    assert problem.file == content.topic_file
    assert problem.field == field
    assert problem.line == content.line_of(needle)
    assert "other-topik" in problem.message or "itself" in problem.message


def test_a_condition_page_is_about_a_medical_condition_with_its_codes(content):
    from generator.render.structured_data import medical_web_page

    content.replace("summary: A short", "about: MedicalCondition\ncodes:\n  - {system: ICD-10, code: G51.0}\nsummary: A short")
    loaded = content.load()

    about = medical_web_page(loaded.topics[0].topic, loaded.site)["about"]
    assert about == {
        "@type": "MedicalCondition",
        "name": "Sample topic",
        "code": [{"@type": "MedicalCode", "codeValue": "G51.0", "codingSystem": "ICD-10"}],
    }


def test_a_symptom_page_has_no_code(content):
    from generator.render.structured_data import medical_web_page

    loaded = content.load()

    assert medical_web_page(loaded.topics[0].topic, loaded.site)["about"] == {"@type": "MedicalSignOrSymptom", "name": "Sample topic"}


def test_a_title_inside_a_sentence_keeps_the_capital_of_a_name(content):
    """"Bell's palsy" is a name: the menu's label and page descriptions keep its capital."""
    content.replace("title: Sample topic", "title: Bell's palsy")
    pages = content.markdown_pages()

    assert "part of the guide to Bell's palsy." in pages["sample-topic/sources.md"]
    assert "common questions about Bell's palsy." in pages["sample-topic/faq.md"]
    assert "bell's" not in "".join(pages[path] for path in pages if path.startswith("sample-topic/"))


def test_an_old_slug_of_a_moved_topic_names_the_new_one(content):
    other = second_topic(content)
    other.write_text(other.read_text(encoding="utf-8").replace("slug: other-topic", "slug: other-topic\nmoved_from: [old-topic]"), encoding="utf-8")
    content.replace("summary: A short", "related_topics: [old-topic]\nsummary: A short")

    [problem] = content.problems()
    assert problem.field == "related_topics[0]"
    assert "topic 'old-topic' has moved to 'other-topic'" in problem.message
