"""faq-entry/template.md.j2: each question is an h3 with its own id."""

from __future__ import annotations

from support import FAQ


def test_faq_questions_are_h3_with_their_ids(content):
    faq = content.html_pages()[FAQ]

    question = faq.by_id("faq-one")
    assert (question.tag, question.text) == ("h3", "Is it serious?")
    assert faq.by_id("faq").tag == "h2"
