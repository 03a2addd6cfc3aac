"""Translated topics (model/translation.py, structure/translations_lock.py): a translation is
validated with the same models, keeps the English ids and structure, takes every value that is
not words from the ONE English model (so it cannot triage differently), and each item is tracked
against the English words it was translated from."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.commands.cli import main
from generator.model.loading import load_content, load_language
from generator.model.strings import CATALOGS, load_strings
from generator.model.translation import Drift, words_by_item
from generator.pipeline import generate
from generator.reading.problems import ContentError
from generator.render.renderer import PageRenderer
from generator.structure.links_lock import LOCK_FILE as LINKS_LOCK
from generator.structure.links_lock import check_lock, site_link_index
from generator.structure.links_lock import lock_text as links_lock_text
from generator.structure.translations_lock import LOCK_FILE, lock_text, staleness
from html_tree import parse_html
from support import ROOT, page_to_html

TRANSLATION_BLOCK = "translation: {from_language: en, translated_from: 2026-01-01, review: {status: not-reviewed}}\n"
# The sample topic's words in "Spanish" (enough to tell them apart), the structure untouched.
WORDS = {
    "title: Sample topic": "title: Tema de ejemplo",
    "text: Your face droops on one side": "text: Se le cae un lado de la cara",
    "title: Call {emergency_number} if you notice these": "title: Llame al {emergency_number} si nota esto",
    "question: Is it serious?": "question: ¿Es grave?",
}


class Language:
    """A private content folder with a Spanish translation of the sample topic."""

    def __init__(self, root: Path, catalogs: Path):
        self.root, self.catalogs = root, catalogs
        self.folder = root / "languages" / "es"
        (self.folder / "topics").mkdir(parents=True)
        site = (root / "site.yaml").read_text(encoding="utf-8").replace("locale: en-GB", "locale: es-ES")
        self.site_file = self.folder / "site.yaml"
        self.site_file.write_text("language: {code: es, name: Español, dir: ltr, locale: es-ES}\n" + site, encoding="utf-8")
        text = (root / "topics" / "sample.yaml").read_text(encoding="utf-8")
        for english, spanish in WORDS.items():
            assert english in text
            text = text.replace(english, spanish)
        self.topic_file = self.folder / "topics" / "sample.yaml"
        self.topic_file.write_text(TRANSLATION_BLOCK + text, encoding="utf-8")

    def replace(self, old: str, new: str, file: Path | None = None) -> None:
        file = file or self.topic_file
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        file.write_text(text.replace(old, new), encoding="utf-8")

    def load(self):
        english = load_content(self.root)
        return english, load_language(self.root, "es", english, catalogs=self.catalogs)

    def problems(self):
        with pytest.raises(ContentError) as err:
            self.load()
        return err.value.problems

    def line_of(self, text: str, file: Path | None = None) -> int:
        return (file or self.topic_file).read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.fixture
def spanish(content, tmp_path) -> Language:
    catalogs = tmp_path / "strings"
    catalogs.mkdir()
    shutil.copy(CATALOGS / "en.yaml", catalogs / "en.yaml")
    shutil.copy(CATALOGS / "en.yaml", catalogs / "es.yaml")  # the same keys: a valid catalog
    return Language(content.root, catalogs)


def test_a_translation_has_the_english_structure_and_its_own_words(spanish):
    english, translated = spanish.load()
    [loaded] = translated.topics
    topic, source = loaded.topic, english.topics[0].topic

    assert topic.title == "Tema de ejemplo" and topic.sign("rf-face").text == "Se le cae un lado de la cara"
    assert topic.red_flags.title == "Llame al 999 si nota esto"  # the language's own settings are filled in
    assert loaded.translation.translated_from.isoformat() == "2026-01-01"
    assert translated.language.code == "es" and translated.language.name == "Español"
    assert [s.level for s in topic.signs] == [s.level for s in source.signs]
    assert [card.signs for card in topic.when_to_get_help.cards] == [card.signs for card in source.when_to_get_help.cards]


def test_a_translation_that_states_another_level_is_one_located_problem(spanish):
    spanish.replace("    level: emergency\n    onset: sudden", "    level: urgent\n    onset: sudden")
    [problem] = spanish.problems()

    assert problem.file == spanish.topic_file and problem.field == "signs[0].level"
    assert problem.line == spanish.line_of("    level: urgent")
    assert "'urgent'" in problem.message and "'emergency'" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("onset: gradual", "onset: sudden", "signs[1].onset"),
        ("signs: [help-gp-2-weeks]\n    - id: help-emergency", "signs: [rf-face]\n    - id: help-emergency", "when_to_get_help.cards[0].signs[0]"),
        ('url: "https://www.nhs.uk/"', 'url: "https://example.org/"', "references.items[0].url"),
        ("urgency: see-doctor", "urgency: urgent", "conditions.items[0].urgency"),
    ],
)
def test_a_translation_keeps_card_membership_onsets_urgency_and_urls(spanish, old, new, field):
    """Another value in an item whose shape still matches the English is a translator's mistake."""
    spanish.replace(old, new)
    problems = spanish.problems()
    assert field in {problem.field for problem in problems}, problems
    assert all(problem.file == spanish.topic_file and problem.line for problem in problems)


# --- The English moved on: the structure is the English's, the build still passes ------------------


def edit_english(spanish: Language, old: str, new: str, add: str = "") -> None:
    english = spanish.root / "topics" / "sample.yaml"
    text = english.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    english.write_text(text.replace(old, new) + add, encoding="utf-8")


def test_an_item_added_to_the_english_is_shown_in_english_with_a_stale_notice(spanish, monkeypatch):
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    edit_english(spanish, "    - {id: do-sleep, text: Sleep well}\n", "    - {id: do-sleep, text: Sleep well}\n    - {id: do-rest, text: Rest your eyes often}\n")
    english, translated = spanish.load()  # no problem: the build passes
    [loaded] = translated.topics

    assert [item.id for item in loaded.topic.checklist.do] == ["do-sleep", "do-rest"]
    assert loaded.topic.checklist.do[1].text == "Rest your eyes often" and loaded.topic.title == "Tema de ejemplo"
    assert loaded.drift.untranslated == ("do-rest",)

    (spanish.folder / LOCK_FILE).write_text(lock_text(english, translated), encoding="utf-8")
    assert staleness(english, translated).of("sample-topic") == ["do-rest"]  # locking does not make English words translated
    pages = pages_of(generate(spanish.root, language="es"))
    notice = load_strings("es", []).text("translation.english_newer").split("{link}")[0]
    first = pages["sample-topic/index.md"]  # the checklist is on the topic's first page
    assert "Rest your eyes often" in first and notice in first
    assert notice not in pages["sample-topic/faq.md"]  # a page with no stale item says nothing


def test_an_item_removed_from_the_english_is_dropped_and_reported(spanish, capsys, monkeypatch):
    monkeypatch.setattr("generator.commands.translations.CATALOGS", spanish.catalogs)
    spanish.replace("  do:\n    - {id: do-sleep, text: Sleep well}\n", "  do:\n    - {id: do-sleep, text: Sleep well}\n    - {id: do-rest, text: Descanse}\n")
    english, translated = spanish.load()
    [loaded] = translated.topics

    assert [item.id for item in loaded.topic.checklist.do] == ["do-sleep"]
    assert loaded.drift.unmatched == ("do-rest",)
    assert any("do-rest" in line and "no longer has" in line for line in staleness(english, translated).lines("es"))
    assert main(["--content", str(spanish.root), "translations", "--update", "es"]) == 1  # CI can insist
    assert "do-rest" in capsys.readouterr().out


def test_a_list_of_another_length_in_the_english_takes_the_english_list_and_words(spanish):
    spanish.replace("description: Rare.", "description: Raro.")
    edit_english(spanish, "see_also: [cause-one]", "see_also: [cause-one, faq-one]")
    english, translated = spanish.load()
    condition = translated.topics[0].topic.conditions.items[0]

    assert condition.see_also == ["cause-one", "faq-one"]
    assert condition.description == "Rare."  # its shape changed: the English words, until it is translated again
    assert translated.topics[0].drift.untranslated == ("condition-one",)
    assert "condition-one" in staleness(english, translated).of("sample-topic")


def test_an_item_renamed_in_the_english_is_new_and_its_old_words_are_dropped(spanish, monkeypatch):
    """The English renames cause-one (its old link forwarded): the Spanish still says cause-one,
    in its causes, its references to it and a prose link. Every one of them takes the English."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    spanish.replace("- {id: cause-one, name: Cause one", "- {id: cause-one, name: Causa uno")
    edit_english(spanish, "- {id: cause-one,", "- {id: cause-uno, previous_ids: [cause-one],")
    for old in ("(#cause-one)", "see_also: [cause-one]", "used_for: [cause-one]"):
        edit_english(spanish, old, old.replace("cause-one", "cause-uno"))
    _, translated = spanish.load()
    [loaded] = translated.topics

    assert [item.name for item in loaded.topic.causes.items] == ["Cause one"]
    assert loaded.topic.overview.body.startswith("The overview")  # its link would lead nowhere in Spanish
    assert set(loaded.drift.untranslated) == {"cause-uno", "overview", "sub-one", "condition-one", "treatment-rest"}
    assert loaded.drift.unmatched == ("cause-one",)
    assert any("Cause one" in markdown for markdown in pages_of(generate(spanish.root, language="es")).values())


def english_marked(html_page) -> list:
    """The elements a translated page marks as English (lang="en")."""
    return html_page.find_all(lang="en")


def test_items_shown_in_english_are_marked_english(spanish, monkeypatch):
    """WCAG 3.1.2: a screen reader reads an item the translation lacks as English: a reshaped
    condition (heading and body) and a checklist item new in the English; translated items are not marked."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    spanish.replace("description: Rare.", "description: Raro.")
    edit_english(spanish, "see_also: [cause-one]", "see_also: [cause-one, faq-one]")
    edit_english(spanish, "    - {id: do-sleep, text: Sleep well}\n", "    - {id: do-sleep, text: Sleep well}\n    - {id: do-rest, text: Rest your eyes often}\n")
    pages = {path: parse_html(page_to_html(markdown)) for path, markdown in pages_of(generate(spanish.root, language="es")).items()}

    [condition] = english_marked(pages["sample-topic/conditions.md"])
    assert [element.attrs.get("id") for element in condition.iter() if element.tag == "h3"] == ["condition-one"]
    assert "Rare." in condition.text
    [item] = english_marked(pages["sample-topic/index.md"])
    assert item.attrs["id"] == "do-rest" and item.text == "Rest your eyes often"  # the <li>, or its one <p>
    assert english_marked(pages["sample-topic/faq.md"]) == []


SELF_CHECK = """self_check:
  id: self-check
  title: {title}
  intro: {intro}
  outcomes:
    - {{id: outcome-emergency, level: emergency, title: Call now, body: {body}}}
    - {{id: outcome-see-doctor, level: see-doctor, title: GP, body: See a GP.}}
    - {{id: outcome-self-care, level: self-care, title: Home, body: Rest., safety_net: [Come back if it spreads.]}}
"""
NEW_SIGN = """  - id: rf-arm
    level: emergency
    onset: sudden
    text: One arm is weak
    question: {text: Is one arm suddenly weak?, you_said: One arm is weak.}
    explained_by: [red-flags]
    sources: [ref-nhs]
red_flags:"""


def test_a_drifted_translation_s_self_check_has_the_english_rules(spanish):
    """A sign new in the English, and on a card: the Spanish self-check asks it and triages alike."""
    spanish.topic_file.write_text(spanish.topic_file.read_text(encoding="utf-8") + SELF_CHECK.format(title="¿Es urgente?", intro="Responda.", body="Llame ya."), encoding="utf-8")
    edit_english(spanish, "red_flags:", NEW_SIGN, add=SELF_CHECK.format(title="How urgent?", intro="Answer.", body="Call now."))
    edit_english(spanish, "signs: [rf-face]", "signs: [rf-face, rf-arm]")
    english, translated = spanish.load()
    source, topic = english.topics[0].topic.triage, translated.topics[0].topic.triage

    assert [rule.model_dump() for rule in topic.rules] == [rule.model_dump() for rule in source.rules]
    assert [[q.id for q in group.questions] for group in topic.question_groups] == [[q.id for q in group.questions] for group in source.question_groups]
    assert "rf-arm" in [rule.question for rule in topic.rules] and topic.title == "¿Es urgente?"
    assert set(translated.topics[0].drift.untranslated) == {"rf-arm", "help-emergency"}


def test_lay_terms_are_the_translation_s_own(spanish):
    spanish.replace("title: Tema de ejemplo\n", "title: Tema de ejemplo\nlay_terms: [tic, temblor del párpado]\n")
    _, translated = spanish.load()
    assert translated.topics[0].topic.lay_terms == ["tic", "temblor del párpado"]


def test_the_translation_block_is_required_and_checked(spanish):
    spanish.replace(TRANSLATION_BLOCK, "")
    [problem] = spanish.problems()
    assert problem.file == spanish.topic_file and "'translation' block" in problem.message

    spanish.topic_file.write_text(TRANSLATION_BLOCK.replace("not-reviewed", "checked") + spanish.topic_file.read_text(encoding="utf-8"), encoding="utf-8")
    [problem] = spanish.problems()
    assert problem.field == "translation.review.status" and problem.line == 1


def test_a_translation_of_no_english_topic_and_a_wrong_language_block_are_located(spanish):
    spanish.replace("slug: sample-topic", "slug: other-topic")
    spanish.replace("language: {code: es,", "language: {code: fr,", file=spanish.site_file)
    problems = spanish.problems()
    [topic] = [problem for problem in problems if problem.file == spanish.topic_file]
    [language] = [problem for problem in problems if problem.field == "language"]

    assert "no English topic has the slug 'other-topic'" in topic.message and topic.line == spanish.line_of("slug: other-topic")
    assert language.file == spanish.site_file and "'fr'" in language.message and language.line == 1


def test_a_partial_translation_is_not_published(spanish):
    spanish.topic_file.rename(spanish.topic_file.with_name("sample.yaml.partial"))
    _, translated = spanish.load()
    assert translated.topics == []


# --- Staleness -----------------------------------------------------------------------------------


def test_every_item_is_stale_until_the_lock_is_written_then_none(spanish):
    english, translated = spanish.load()
    assert "rf-face" in staleness(english, translated).of("sample-topic")

    (spanish.folder / LOCK_FILE).write_text(lock_text(english, translated), encoding="utf-8")
    assert staleness(english, translated).of("sample-topic") == []


def test_an_english_edit_makes_only_that_item_stale(spanish):
    english, translated = spanish.load()
    (spanish.folder / LOCK_FILE).write_text(lock_text(english, translated), encoding="utf-8")
    sample = spanish.root / "topics" / "sample.yaml"
    sample.write_text(sample.read_text(encoding="utf-8").replace("answer: Rarely.", "answer: Very rarely."), encoding="utf-8")
    english, translated = spanish.load()

    report = staleness(english, translated)
    assert report.of("sample-topic") == ["faq-one"]
    [line] = report.lines("es")
    assert "'sample-topic'" in line and "faq-one" in line and "translations --update es" in line


def test_the_translations_command_writes_the_lock_and_reports_stale_items(spanish, capsys, monkeypatch):
    monkeypatch.setattr("generator.commands.translations.CATALOGS", spanish.catalogs)
    assert main(["--content", str(spanish.root), "translations", "es"]) == 1
    assert "rf-face" in capsys.readouterr().out

    assert main(["--content", str(spanish.root), "translations", "--update", "es"]) == 0
    assert (spanish.folder / LOCK_FILE).exists()
    assert main(["--content", str(spanish.root), "translations", "es"]) == 0


# --- The links lock covers every language --------------------------------------------------------


def test_the_links_lock_covers_every_language_and_a_lost_translated_link_fails(spanish):
    english, translated = spanish.load()
    index = site_link_index(english, {"es": translated})
    (spanish.root / LINKS_LOCK).write_text(links_lock_text(index, []), encoding="utf-8")
    locked = (spanish.root / LINKS_LOCK).read_text(encoding="utf-8").splitlines()
    assert "/es/sample-topic/#rf-face" in locked and "/sample-topic/#rf-face" in locked and "/es/" in locked
    assert check_lock(english, {"es": translated}).lost == []

    spanish.topic_file.rename(spanish.topic_file.with_name("sample.yaml.partial"))  # withdrawn
    english, translated = spanish.load()
    with pytest.raises(ContentError) as err:
        check_lock(english, {"es": translated})
    assert any("(es) published link '/sample-topic/" in problem.message for problem in err.value.problems)


# --- Pages of a translation (the RTL fixture keeps its own catalog beside its site.yaml) -------


@pytest.fixture
def rtl(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    return Path(shutil.copytree(ROOT / "tests" / "fixtures" / "rtl", tmp_path / "content"))


def pages_of(generated) -> dict[str, str]:
    return {page.path: page.markdown for page in generated.pages}


def test_the_clinicians_page_offers_each_link_in_every_language(rtl):
    english = pages_of(generate(rtl, site_url="https://example.org/guide/"))["sample-topic/links.md"]
    arabic = pages_of(generate(rtl, site_url="https://example.org/guide/ar/", language="ar"))["sample-topic/links.md"]

    for page in (english, arabic):
        assert 'href="https://example.org/guide/sample-topic/#rf-face"' in page
        assert 'href="https://example.org/guide/ar/sample-topic/#rf-face"' in page
    assert 'hreflang="ar"' in english and '<span lang="ar">العربية</span>' in english
    assert 'hreflang="en"' in arabic and '<span lang="en">English</span>' in arabic


def test_a_translated_page_says_where_it_comes_from_and_when_its_english_is_newer(rtl):
    guide = pages_of(generate(rtl, language="ar"))["sample-topic/index.md"]
    assert "Translated from the English version of" in guide and "1 يناير 2026" in guide
    assert "has changed since it was translated" not in guide  # the fixture's lock is up to date

    english = rtl / "topics" / "sample.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("body: Subsection text.", "body: New subsection text."), encoding="utf-8")
    pages = pages_of(generate(rtl, language="ar"))
    assert "has changed since it was translated" in pages["sample-topic/index.md"]  # sub-one is on the first page
    assert 'href="../../sample-topic/" hreflang="en"' in pages["sample-topic/index.md"]
    assert "has changed since it was translated" not in pages["sample-topic/causes.md"]


def test_a_translation_links_a_topic_it_lacks_to_the_english_page(monkeypatch):
    """The Spanish guide names the condition topics, which are not translated yet: its links
    open the English pages (outside the Spanish build, so at their full address) and say so."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    pages = pages_of(generate(ROOT / "content", site_url="https://example.org/guide/es/", language="es"))
    sources, conditions = pages["facial-twitching/sources.md"], pages["facial-twitching/conditions.md"]

    assert '- <span lang="en">[Bell\'s palsy](https://example.org/guide/bells-palsy/):' in sources
    assert "(https://example.org/guide/blepharospasm/)" in conditions
    assert "bells-palsy/index.md" not in sources + conditions


def ids_marked_english(element, marked: bool = False) -> set[str]:
    """The ids of the elements that are, or are inside, an element marked lang="en"."""
    marked = marked or element.attrs.get("lang") == "en"
    found = {element.attrs["id"]} if marked and element.attrs.get("id") else set()
    for child in element.children:
        if not isinstance(child, str):
            found |= ids_marked_english(child, marked)
    return found


def test_every_item_a_translation_shows_in_english_is_marked_english(monkeypatch):
    """Whatever drifts: with every item of the Spanish topic in English words, each item's
    anchor on every page is marked (or inside an element marked) lang="en"."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    english = load_content(ROOT / "content")
    spanish = load_language(ROOT / "content", "es", english)
    drifted = [dataclasses.replace(loaded, drift=Drift(untranslated=tuple(words_by_item(loaded.topic)))) for loaded in spanish.topics]
    renderer = PageRenderer(dataclasses.replace(spanish, topics=drifted), english=english, site_url="https://example.org/guide/es/")
    items = set(words_by_item(drifted[0].topic))

    for page in renderer.every_topic_s_pages()[0]:
        html = parse_html(page_to_html(page.markdown))
        shown = items & set(html.ids())
        assert shown - ids_marked_english(html) == set(), page.path


def test_english_titles_of_topics_not_translated_yet_are_marked_english(monkeypatch):
    """WCAG 3.1.2: "Más información sobre <blepharospasm>" and a cross-reference to an English-only
    topic's item say their English title is English; a reference inside the topic does not."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    pages = pages_of(generate(ROOT / "content", site_url="https://example.org/guide/es/", language="es"))
    conditions = parse_html(page_to_html(pages["facial-twitching/conditions.md"]))
    links = {link.attrs["href"]: link for link in conditions.find_all("a")}

    read_more = links["https://example.org/guide/blepharospasm/"]
    assert [(span.attrs, span.text) for span in read_more.find_all("span")] == [({"lang": "en"}, "blepharospasm")]
    assert read_more.text.startswith("Más información sobre ")
    signs = links["https://example.org/guide/blepharospasm/#symptoms"]
    assert [(span.attrs, span.text) for span in signs.find_all("span")] == [({"lang": "en"}, "Signs of blepharospasm")]
    assert links["when-to-get-help.md#warning-both-eyes"].find_all("span") == []


def test_the_self_check_s_default_step_titles_are_in_the_page_s_language(monkeypatch):
    """A self-check without `step_titles` heads each level's questions with the catalog's words:
    the Spanish page's are Spanish, not the English defaults."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    english = pages_of(generate(ROOT / "content"))["facial-twitching/self-check.md"]
    spanish = pages_of(generate(ROOT / "content", language="es"))["facial-twitching/self-check.md"]

    for level, key in (("emergency", "step_emergency"), ("urgent", "step_urgent"), ("see-doctor", "step_see_doctor")):
        words = {code: load_strings(code, []).text(f"self_check.{key}") for code in ("en", "es")}
        assert words["en"] != words["es"]
        assert f'<h2 id="sc-group-{level}">{words["en"]}</h2>' in english
        assert f'<h2 id="sc-group-{level}">{words["es"]}</h2>' in spanish


def test_a_translated_topic_names_a_schema_that_has_its_translation_block():
    """The Spanish topic's editor schema (its first line) is the translated topic's: the
    `translation` block is a known, required field, and every other field is the topic's."""
    topic_file = ROOT / "content" / "languages" / "es" / "topics" / "facial-twitching.yaml"
    first_line = topic_file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_file = (topic_file.parent / first_line.split("$schema=", 1)[1]).resolve()
    assert schema_file == ROOT / "schema" / "translated-topic.schema.json"

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    topic_schema = json.loads((ROOT / "schema" / "topic.schema.json").read_text(encoding="utf-8"))
    assert "translation" in schema["required"] and schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(topic_schema["properties"]) | {"translation"}
    source = schema["$defs"][schema["properties"]["translation"]["$ref"].rsplit("/", 1)[1]]
    assert set(source["required"]) == {"from_language", "translated_from", "review"}
    written = YAML(typ="safe").load(topic_file.read_text(encoding="utf-8"))
    assert set(written) <= set(schema["properties"]) and set(written["translation"]) <= set(source["properties"])


@pytest.mark.parametrize("root, code", [(ROOT / "content", "es"), (ROOT / "tests" / "fixtures" / "rtl", "ar")])
def test_the_shipped_translations_match_their_locked_english(root, code, monkeypatch):
    """A change to what counts as an item's English words (not only an English edit) makes a
    shipped translation stale: its lock is refreshed with the change."""
    monkeypatch.setenv("HEALTHGUIDE_CACHE_DIR", "off")
    english = load_content(root)
    report = staleness(english, load_language(root, code, english))
    assert [report.of(loaded.topic.slug) for loaded in english.topics if report.of(loaded.topic.slug)] == []


def test_validate_checks_each_translation_and_names_its_mistake(spanish, capsys, monkeypatch):
    monkeypatch.setattr("generator.model.loading.CATALOGS", spanish.catalogs)
    monkeypatch.setattr("generator.model.loading.load_language.__defaults__", (spanish.catalogs,))
    assert main(["--content", str(spanish.root), "validate"]) == 0
    assert "ok: es: site settings and 1 translated topic(s) are valid" in capsys.readouterr().out

    spanish.replace("    level: emergency\n    onset: sudden", "    level: urgent\n    onset: sudden")
    assert main(["--content", str(spanish.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{spanish.topic_file}:{spanish.line_of('    level: urgent')}" in err and "signs[0].level" in err and "Traceback" not in err
