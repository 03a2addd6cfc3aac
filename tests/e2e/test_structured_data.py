"""Trust signals in the built site: JSON-LD, Open Graph, sitemap dates and the review check."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from ruamel.yaml import YAML

from generator.model.loading import load_content
from generator.render import structured_data
from support import ROOT, build_site, site_pages, topic_guide_pages

CONTENT = ROOT / "content"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(built_site, url) -> list[dict]:
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    return [json.loads(block) for block in JSON_LD.findall(html)]


def topic_yaml(slug="facial-twitching"):
    return YAML(typ="safe").load((CONTENT / "topics" / f"{slug}.yaml").read_text(encoding="utf-8"))


def published_summary(slug="facial-twitching") -> str:
    """The summary as pages show it: site settings such as {emergency_number} filled in."""
    return next(t.topic.summary for t in load_content(CONTENT).topics if t.topic.slug == slug)


def visible_text(fragment: str) -> str:
    """Text as shown: inline tags vanish, block tags separate words."""
    fragment = re.sub(r"</?(?:strong|em|a|span|time|code|b|i|abbr)\b[^>]*>", "", fragment)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_topic_guide_carries_medical_web_page_json_ld(built_site):
    data = topic_yaml()
    [ld] = json_ld(built_site, "facial-twitching/")
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "MedicalWebPage"
    assert ld["name"] == data["title"]
    assert ld["description"] == " ".join(published_summary().split())
    assert ld["about"] == {"@type": data.get("about", "MedicalSignOrSymptom"), "name": data["title"]}
    assert ld["dateModified"] == data["review"]["written_on"].isoformat()
    assert "lastReviewed" not in ld  # not reviewed yet: the page claims no review date
    assert ld["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert ld["url"].endswith("/facial-twitching/")
    # The content is not clinically reviewed yet, so the page must not claim a reviewer.
    assert data["review"]["clinical_review"]["status"] == "not-reviewed"
    assert "reviewedBy" not in ld


def test_reviewed_by_appears_only_for_an_approved_review():
    content = load_content(MINIMAL)
    topic = content.topics[0].topic
    assert "reviewedBy" not in structured_data.medical_web_page(topic, content.site)
    reviewed_on = topic.review.written_on.replace(month=topic.review.written_on.month + 1)
    clinical = topic.review.clinical_review.model_copy(update={"status": "approved", "reviewer": "Dr A Example", "reviewer_role": "GP", "reviewed_on": reviewed_on})
    approved = topic.model_copy(update={"review": topic.review.model_copy(update={"clinical_review": clinical})})
    ld = structured_data.medical_web_page(approved, content.site)
    assert ld["reviewedBy"] == {"@type": "Person", "jobTitle": "GP", "name": "Dr A Example"}
    assert ld["lastReviewed"] == ld["dateModified"] == reviewed_on.isoformat()


def test_faq_page_json_ld_matches_the_yaml_and_the_visible_answers(built_site):
    data = topic_yaml()
    [ld] = json_ld(built_site, "facial-twitching/faq/")
    assert ld["@type"] == "FAQPage"
    questions = ld["mainEntity"]
    assert [q["name"] for q in questions] == [" ".join(item["question"].split()) for item in data["faq"]["items"]]
    page = (built_site / "facial-twitching" / "faq" / "index.html").read_text(encoding="utf-8")
    for item, question in zip(data["faq"]["items"], questions, strict=True):
        assert question["@type"] == "Question" and question["acceptedAnswer"]["@type"] == "Answer"
        answer = question["acceptedAnswer"]["text"]
        assert "<" not in answer and "](" not in answer and "**" not in answer, answer
        # The visible answer: everything between this question's heading and the next one.
        section = re.search(rf'<h3 id="{item["id"]}">.*?</h3>(.*?)(?=<h[23]\b|<div class="review-dates")', page, re.DOTALL).group(1)
        shown = visible_text(section)
        if item.get("related"):
            shown = shown[: shown.rindex("Read more:")].strip()
        assert shown == answer


def test_a_condition_page_is_about_a_medical_condition_with_its_icd_10_code(built_site):
    codes = {"bells-palsy/": "G51.0", "hemifacial-spasm/": "G51.3", "blepharospasm/": "G24.5"}
    for url, code in codes.items():
        [ld] = json_ld(built_site, url)
        assert ld["about"]["@type"] == "MedicalCondition", url
        assert ld["about"]["code"] == [{"@type": "MedicalCode", "codeValue": code, "codingSystem": "ICD-10"}], url


def test_only_topic_guides_and_faqs_carry_json_ld(built_site):
    guides = topic_guide_pages(built_site)
    assert guides == ["bells-palsy/", "blepharospasm/", "es/facial-twitching/", "facial-twitching/", "hemifacial-spasm/"]
    assert json_ld(built_site, "es/facial-twitching/")[0]["inLanguage"] == "es-ES"  # the Spanish guide, in its language
    for url in site_pages(built_site):
        types = [ld["@type"] for ld in json_ld(built_site, url)]
        if url in guides:
            assert types == ["MedicalWebPage"]
        elif url.endswith("/faq/"):
            assert types == ["FAQPage"]
        else:
            assert types == [], url


def test_json_ld_cannot_break_out_of_its_script_element():
    text = structured_data.to_script_json({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


def test_open_graph_and_description_come_from_the_topic_summary(built_site):
    data = topic_yaml()
    html = (built_site / "facial-twitching" / "index.html").read_text(encoding="utf-8")
    summary = htmllib.escape(" ".join(published_summary().split()))
    assert f'<meta name="description" content="{summary}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert f'<meta property="og:title" content="{htmllib.escape(data["title"])}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:url" content="http[^"]+/facial-twitching/">', html)


def sitemap_lastmods(site) -> dict[str, str | None]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns) for url in root.findall("s:url", ns)}


def test_sitemap_lastmod_is_the_review_date(tmp_path):
    """The fixture's review date (2026-01-01) differs from the build date, unlike the real one."""
    site = tmp_path / "site"
    result = build_site(site, content_dir=MINIMAL)
    assert result.returncode == 0, result.stdout + result.stderr
    lastmods = sitemap_lastmods(site)
    guide = next(loc for loc in lastmods if loc.endswith("/sample-topic/"))
    faq = next(loc for loc in lastmods if loc.endswith("/sample-topic/faq/"))
    assert lastmods[guide] == lastmods[faq] == "2026-01-01"
    home = next(loc for loc in lastmods if re.fullmatch(r"https?://[^/]+/", loc))
    assert lastmods[home] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmods[home])


def overdue_content(tmp_path, due: date):
    content = tmp_path / "content"
    (content / "topics").mkdir(parents=True)
    (content / "site.yaml").write_text((MINIMAL / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (MINIMAL / "topics" / "sample.yaml").read_text(encoding="utf-8")
    text = text.replace("written_on: 2026-01-01", f"written_on: {(due - timedelta(days=365)).isoformat()}")
    text = text.replace("next_review_due: 2027-01-01", f"next_review_due: {due.isoformat()}")
    (content / "topics" / "sample.yaml").write_text(text, encoding="utf-8")
    return content


def test_overdue_review_warns_and_the_strict_flag_fails_the_build(tmp_path):
    content = overdue_content(tmp_path, date.today() - timedelta(days=3))
    # Without --strict: a warning naming the file and line, and the site is built.
    def mkdocs(*args, env=None):
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *args, "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HEALTHGUIDE_CONTENT": str(content), **(env or {})},
            capture_output=True, text=True, check=False,
        )

    relaxed = mkdocs("--no-strict")
    assert relaxed.returncode == 0, relaxed.stderr
    assert "WARNING" in relaxed.stderr and "sample.yaml:6:" in relaxed.stderr
    assert "past its next review date" in relaxed.stderr and "3 days ago" in relaxed.stderr
    # The project's normal build (--strict) counts the warning and fails.
    strict = build_site(tmp_path / "site2", content_dir=content)
    assert strict.returncode != 0 and "past its next review date" in strict.stderr
    # HEALTHGUIDE_STRICT_REVIEW=1 fails even a non-strict build, at once and without a traceback.
    flagged = mkdocs("--no-strict", env={"HEALTHGUIDE_STRICT_REVIEW": "1"})
    assert flagged.returncode != 0
    assert "sample.yaml:6:" in flagged.stderr and "review.next_review_due" in flagged.stderr
    assert "Traceback" not in flagged.stderr


def test_a_topic_due_today_is_not_overdue(tmp_path):
    content = overdue_content(tmp_path, date.today())
    result = build_site(tmp_path / "site", content_dir=content, extra_env={"HEALTHGUIDE_STRICT_REVIEW": "1"})
    assert result.returncode == 0, result.stderr
