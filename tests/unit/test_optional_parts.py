"""A condition page needs only some parts: a topic without the others builds, and no page,
menu entry, heading or clinicians' link appears for a part it lacks."""

from __future__ import annotations

from generator.structure.navigation import navigation
from generator.structure.routes import menu_pages_of, pages_of

SITE = "http://127.0.0.1:8000/"
OPTIONAL_PARTS = ("causes", "warning_signs", "conditions", "steps", "appointment", "treatments", "checklist", "story", "closing", "faq")


def only_required_parts(data: dict) -> None:
    for name in OPTIONAL_PARTS:
        del data[name]
    # The see-doctor sign was explained by the warning table, which is gone now.
    data["signs"][1]["explained_by"] = ["when-to-get-help"]
    data["overview"]["body"] = "The overview, with no link to a cause."


def test_a_topic_with_only_the_required_parts_builds_without_the_pages_it_lacks(content):
    content.edit_yaml(only_required_parts)
    loaded = content.load().topics[0]

    assert [kind.key for kind in pages_of(loaded.topic)] == ["guide", "get-help", "sources", "links"]
    pages = content.markdown_pages()
    topic_pages = sorted(path for path in pages if path.startswith("sample-topic/"))
    assert topic_pages == [
        "sample-topic/index.md", "sample-topic/links.md", "sample-topic/sources.md", "sample-topic/when-to-get-help.md",
    ]


def test_the_menu_navigation_and_clinicians_page_list_only_existing_pages(content):
    content.edit_yaml(only_required_parts)
    loaded_content = content.load()
    loaded = loaded_content.topics[0]
    html = content.html_pages()

    assert [kind.key for kind in menu_pages_of(loaded.topic)] == ["guide", "get-help", "sources"]
    nav_section = navigation(loaded_content)[1]["Sample topic"]
    assert [next(iter(entry.values())) for entry in nav_section] == [
        "sample-topic/index.md", "sample-topic/when-to-get-help.md", "sample-topic/sources.md",
    ]
    existing = {"index.md", "when-to-get-help.md", "sources.md", "links.md", "../index.md", "../about.md", "when-to-get-help/", "sources/"}
    for path in ("sample-topic/index.md", "sample-topic/sources.md", "sample-topic/links.md"):
        hrefs = {a.attrs.get("href", "").split("#")[0] for a in html[path].find_all("a")}
        on_site = {href.removeprefix(SITE + "sample-topic/") for href in hrefs if not href.startswith("https://www.nhs.uk")}
        assert on_site - {""} <= existing, (path, on_site - existing)
    links_text = html["sample-topic/links.md"].text
    for missing in ("Questions", "Causes", "Checklist", "Treatments", "Key points"):
        assert missing not in links_text


def test_no_empty_heading_for_a_missing_part(content):
    content.edit_yaml(only_required_parts)
    html = content.html_pages()

    for path, page in html.items():
        if not path.startswith("sample-topic/"):
            continue
        for level in ("h2", "h3"):
            for heading in page.find_all(level):
                assert heading.text.strip(), (path, level)
        assert "None" not in page.text, path


def test_a_page_is_titled_by_the_parts_it_holds(content):
    """'Tests and treatment' with no tests, or 'Main points and sources' with no main points,
    would promise the reader something the page does not have."""
    def treatment_without_tests_and_no_main_points(data: dict) -> None:
        del data["appointment"], data["closing"]

    content.edit_yaml(treatment_without_tests_and_no_main_points)
    loaded_content = content.load()
    pages = content.markdown_pages()

    nav_section = navigation(loaded_content)[1]["Sample topic"]
    titles = [next(iter(entry)) for entry in nav_section]
    assert "Treatment" in titles and "Sources" in titles, titles
    assert "Tests and treatment" not in titles and "Main points and sources" not in titles
    assert "\n# Sample topic: Treatment" in pages["sample-topic/tests-and-treatment.md"]
    assert "\n# Sample topic: Sources" in pages["sample-topic/sources.md"]
    assert "[Sources](" in pages["sample-topic/index.md"]  # the topic menu
