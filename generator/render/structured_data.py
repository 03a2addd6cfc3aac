"""schema.org JSON-LD for topic pages, built from the validated Topic model.

Pure functions: `medical_web_page` and `faq_page` return plain dicts; `to_script_json` turns one
into text that is safe inside <script type="application/ld+json">. The page templates mark
which pages carry which type (components/structured-data/template.md.j2 writes it into the front
matter); `for_page` builds the JSON for such a page (the MkDocs plugin puts it in its <head>).
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import markdown

from ..model import SiteSettings, Topic
from .markup import prose

CONTEXT = "https://schema.org"
TYPES = ("MedicalWebPage", "FAQPage")


def medical_web_page(topic: Topic, site: SiteSettings, url: str | None = None) -> dict:
    """The topic guide: a MedicalWebPage about the symptom or condition, for patients.

    `reviewedBy` and `lastReviewed` appear only when a clinician has approved the page: the
    page never claims a review that did not happen.
    """
    review = topic.review
    data: dict = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": topic.title,
        "description": topic.summary,
    }
    if url:
        data["url"] = url
    data.update(
        {
            "inLanguage": site.locale,
            "about": _about(topic),
            "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
            "dateModified": review.updated.isoformat(),
            "publisher": {"@type": "Organization", "name": site.publisher.name, "email": site.publisher.contact},
        }
    )
    if review.approved:
        reviewer: dict = {"@type": "Person", "jobTitle": review.clinical_review.reviewer_role}
        if review.clinical_review.reviewer:
            reviewer["name"] = review.clinical_review.reviewer
        data["reviewedBy"] = reviewer
        data["lastReviewed"] = review.clinical_review.reviewed_on.isoformat()
    return data


def _about(topic: Topic) -> dict:
    """The symptom or condition the page is about, with its codes where the topic gives them."""
    about: dict = {"@type": topic.about, "name": topic.title}
    if topic.codes:
        about["code"] = [{"@type": "MedicalCode", "codeValue": code.code, "codingSystem": code.system} for code in topic.codes]
    return about


def faq_page(topic: Topic, site: SiteSettings, url: str | None = None) -> dict:
    """The topic's questions and answers, answers as the plain text a reader sees."""
    data: dict = {"@context": CONTEXT, "@type": "FAQPage", "name": f"{topic.title}: {topic.faq.title}"}
    if url:
        data["url"] = url
    data["inLanguage"] = site.locale
    data["mainEntity"] = [
        {
            "@type": "Question",
            "name": " ".join(entry.question.split()),
            "acceptedAnswer": {"@type": "Answer", "text": answer_text(entry, topic, site)},
        }
        for entry in topic.faq.items
    ]
    return data


def answer_text(entry, topic: Topic, site: SiteSettings) -> str:
    """The answer as the page shows it: the prose, then each warning sign it lists with its level."""
    signs = []
    for sign_id in entry.signs:
        sign = topic.sign(sign_id)
        wording = site.care_levels[sign.level]
        signs.append(f"{' '.join(sign.text.split())} {wording.label}: {wording.action}.")
    return " ".join([prose_text(entry.answer), *signs])


def prose_text(value: str) -> str:
    """Prose as the words a reader sees on the page: markup gone, whitespace collapsed."""
    rendered = markdown.markdown(str(prose(value, lambda href: href)))
    parser = _TextCollector()
    parser.feed(rendered)
    parser.close()
    return " ".join(html.unescape("".join(parser.parts)).split())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"p", "li", "br", "ul", "ol"}:
            self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        if tag in {"p", "li", "ul", "ol"}:
            self.parts.append(" ")

    def handle_data(self, data) -> None:
        self.parts.append(data)


BUILDERS = {"MedicalWebPage": medical_web_page, "FAQPage": faq_page}


def for_page(kind: str, topic: Topic, site: SiteSettings, url: str | None = None) -> dict:
    if kind not in BUILDERS:
        raise ValueError(f"unknown structured data type {kind!r}; expected one of {', '.join(TYPES)}")
    return BUILDERS[kind](topic, site, url)


_UNSAFE_IN_SCRIPT = re.compile(r"[<>&\u2028\u2029]")


def to_script_json(data: dict) -> str:
    """JSON that cannot end its <script> element early, whatever the content says."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

