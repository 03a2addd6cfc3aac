"""The publisher (content/site.yaml): a name, who they are and an email address, shown on the
About page with a mailto link; an address at a reserved domain is fine locally, refused by the
production build (tests/unit/test_site_build.py)."""

from __future__ import annotations

import json

import pytest

from generator.model.site import is_reserved_address
from generator.render.structured_data import medical_web_page

ABOUT = "about.md"
CONTACT_LINE = "  contact: corrections@test-publisher.org.uk"


def site_line_of(content, needle: str) -> int:
    lines = content.site_file.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_about_page_names_the_publisher_and_links_their_contact_address(content):
    about = content.html_pages()[ABOUT]
    assert "published by Test publisher, a publisher used by the tests." in about.squashed_text
    links = [a for a in about.find_all("a") if (a.attrs.get("href") or "").startswith("mailto:")]
    assert [(a.attrs["href"], a.text) for a in links] == [("mailto:corrections@test-publisher.org.uk", "corrections@test-publisher.org.uk")]
    # Not for medical advice: where to go instead, with the site's own services.
    text = about.squashed_text
    assert "do not use this email for medical advice" in text
    assert "In an emergency, call 999." in text and "NHS 111" in text


def test_publisher_name_is_shown_as_written(content):
    content.replace("  name: Test publisher", '  name: "<b>Smith & *Sons*</b> [x](#y)"', file=content.site_file)
    about = content.html_pages()[ABOUT]
    assert "published by <b>Smith & *Sons*</b> [x](#y), a publisher" in about.squashed_text
    assert about.find_all("b") == [] and about.find_all("em") == []


def test_structured_data_names_the_publisher_and_its_address(content):
    loaded = content.load()
    data = medical_web_page(loaded.topics[0].topic, loaded.site)
    assert data["publisher"] == {"@type": "Organization", "name": "Test publisher", "email": "corrections@test-publisher.org.uk"}


@pytest.mark.parametrize("address", [
    "not an address", "corrections", "corrections@", "@test-publisher.org", "a@b", "a@localhost",
    "mailto:a@b.org", "a b@b.org", "a@b.org?subject=hi", "a@b.org#x", "a%40b@b.org", "<a@b.org>",
    "a..b@b.org", ".a@b.org", "a@-b.org", "a@b-.org", "a@b.o", "a@b.org\\nBcc: c@d.org",
])
def test_a_contact_that_is_not_an_email_address_is_a_located_problem(content, address):
    content.replace(CONTACT_LINE, f"  contact: {json.dumps(address)}", file=content.site_file)
    problems = content.problems()
    assert [(p.file, p.line, p.field) for p in problems] == [(content.site_file, site_line_of(content, "contact:"), "publisher.contact")]
    assert "is not an email address" in problems[0].message


@pytest.mark.parametrize("address", ["corrections@test-publisher.org.uk", "first.last+guide@nhs-trust.nhs.uk", "A_B-1@x9.example"])
def test_an_email_address_is_accepted(content, address):
    content.replace(CONTACT_LINE, f"  contact: {address}", file=content.site_file)
    assert content.load().site.publisher.contact == address


def test_the_old_one_line_publisher_is_a_located_problem(content):
    text = content.site_file.read_text(encoding="utf-8")
    start = text.index("publisher:")
    end = text.index("locale:")
    content.site_file.write_text(text[:start] + "publisher: Health guide project\n" + text[end:], encoding="utf-8")
    problems = content.problems()
    assert [(p.line, p.field) for p in problems] == [(site_line_of(content, "publisher:"), "publisher")]


@pytest.mark.parametrize(("address", "reserved"), [
    ("feedback@twitch-check.example", True), ("a@b.invalid", True), ("a@b.test", True), ("a@b.localhost", True),
    ("a@example.com", True), ("a@mail.example.org", True), ("a@EXAMPLE.NET", True), ("a@B.Example", True),
    ("a@twitch-check.org", False), ("a@example.co.uk", False), ("a@notexample.com", False), ("a@example.com.au", False),
])
def test_reserved_domains_are_recognised(address, reserved):
    assert is_reserved_address(address) is reserved
