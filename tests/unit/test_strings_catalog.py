"""The strings catalog (generator/strings/<language>.yaml): every interface word of the templates
and scripts comes from it, every key in it is used, a catalog with a missing or unknown key is
refused with a located problem, and generic components say nothing about one topic."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.model import strings
from generator.model.loading import load_content
from generator.model.strings import CATALOGS, load_strings
from generator.model.topic import Review
from generator.reading.problems import Problem
from generator.structure.routes import HOME, kind
from support import ROOT

# Page templates, and each component folder's templates and script.
TEMPLATE_FOLDERS = (ROOT / "generator" / "templates", ROOT / "generator" / "components")
SCRIPT_FILES = ("generator/components/*/script.js", "generator/engine/mkdocs/assets/*.js", "generator/engine/mkdocs/site_files/javascripts/*.js")
# Each script's words: the catalog section it receives in its data.
SCRIPT_SECTIONS = {
    "self_check_script": "generator/components/self-check/script.js",
    "diary_script": "generator/components/diary/script.js",
    "checklist_script": "generator/components/checklist/script.js",
    "copy_link_script": "generator/components/deep-links/script.js",
}
# Machine words that look like text: schema.org types, key names, the scripts' global names and
# a rejection reason nobody sees.
NOT_WORDS = {"MedicalWebPage", "FAQPage", "Escape", "Esc", "Diary", "Checklist", "article abbr", "copy failed", "use strict"}
WORD = re.compile(r"[A-Za-z]{2,}")


def catalog() -> dict[str, dict[str, str]]:
    problems: list[Problem] = []
    strings = load_strings("en-GB", problems)
    assert not problems, problems
    return strings.sections


def templates() -> dict[str, str]:
    paths = sorted(path for folder in TEMPLATE_FOLDERS for path in folder.rglob("*.j2"))
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in paths}


def scripts() -> dict[str, str]:
    paths = sorted(path for pattern in SCRIPT_FILES for path in ROOT.glob(pattern))
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in paths}


# --- No literal words --------------------------------------------------------------------------


def template_text_words(source: str) -> list[str]:
    """Words a reader would see that the template writes itself: text between tags, literal
    attributes a reader hears (aria-label, title, alt) and quoted text inside Jinja code."""
    found = []
    code = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, flags=re.S)
    for block in code:
        found += [lit for lit in re.findall(r'"([^"]*)"', block) if _looks_like_words(lit)]
    text = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    found += [value for value in re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', text) if WORD.search(value)]
    text = re.sub(r"^---\n.*?^---\n", "", text, flags=re.S | re.M)  # front matter
    text = re.sub(r"^[a-z_]+:", " ", text, flags=re.M)  # front matter lines a macro writes
    text = re.sub(r"<[^>]*>", " ", text)  # tags and their attributes
    text = re.sub(r"\{[^{}]*\}", " ", text)  # Markdown attribute lists: { .class rel="next" }
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"&\w+;", " ", text)
    return found + WORD.findall(text)


def _looks_like_words(literal: str) -> bool:
    """A quoted string in code that reads as text: words with a space, or a capitalised word."""
    if literal in NOT_WORDS or re.search(r"[_/.#\[]|--", literal):
        return False
    return bool(re.search(r"[A-Za-z]{2,} [A-Za-z]|^[A-Z][a-z]+$|[A-Za-z]{2,} $", literal))


def script_literal_words(source: str) -> list[str]:
    """String literals in a script that read as text (comments left out)."""
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    code = re.sub(r"^\s*//.*$|\s//.*$", "", code, flags=re.M)
    return [lit for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', code) if _looks_like_words(lit)]


@pytest.mark.parametrize("name", sorted(templates()))
def test_a_template_writes_no_words_of_its_own(name):
    words = template_text_words(templates()[name])
    assert not words, f"{name} writes {words}: put them in {CATALOGS / 'en.yaml'} and use t('component.key')"


@pytest.mark.parametrize("name", sorted(scripts()))
def test_a_script_writes_no_words_of_its_own(name):
    words = script_literal_words(scripts()[name])
    assert not words, f"{name} writes {words}: put them in the catalog section its data carries"


def test_the_word_scans_find_literal_words():
    """The scans above would catch a word written into a template or a script."""
    assert template_text_words('<p class="a">Your result</p>') == ["Your", "result"]
    assert template_text_words('{{ heading(2, "Questions to ask", id) }}') == ["Questions to ask"]
    assert template_text_words('<nav aria-label="Pages about {{ topic }}">') == ["Pages about  "]
    assert script_literal_words('button.textContent = "Copy link";') == ["Copy link"]
    assert script_literal_words('el("button", "Edit", "md-button")') == ["Edit"]
    assert script_literal_words('status.textContent = n + " of " + m;') == [" of "]
    assert not script_literal_words('root.querySelector("[data-diary-form]"); el("p", undefined, "diary__note md-button");')


# --- Every key used, every key known -----------------------------------------------------------


def python_sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "generator").rglob("*.py")))


def used_by_python(component: str, key: str, python: str) -> bool:
    """The generator's own words: `strings.text("review.status_approved")`, a section's words
    (`words["source"]`), a page name (a catalog key in the route registry, `pages.<key>`) and the
    month names (`dates.month_{n}`)."""
    if f'"{component}.{key}"' in python or f'words["{key}"]' in python:
        return True
    if component == "pages":
        routes = (ROOT / "generator" / "structure" / "routes.py").read_text(encoding="utf-8")
        return 'f"pages.{' in python and f'"{key}"' in routes
    month = re.fullmatch(r"month_([1-9]|1[0-2])", key)
    return component == "dates" and month is not None and 'f"dates.month_{value.month}"' in python


def test_every_catalog_key_is_used():
    sources = "\n".join(templates().values())
    python = python_sources()
    unused = []
    for component, words in catalog().items():
        script = scripts().get(SCRIPT_SECTIONS.get(component, ""), "")
        for key in words:
            stem = re.sub(r"_(one|other)$", "", key)
            in_template = f't("{component}.{key}"' in sources
            in_script = bool(script) and re.search(rf'\.{key}\b|"{key}"|"{stem}"', script) is not None
            if not (in_template or in_script or used_by_python(component, key, python)):
                unused.append(f"{component}.{key}")
    assert not unused, f"keys no template or script uses: {unused}"


def test_every_key_a_template_asks_for_is_in_the_catalog():
    known = {f"{component}.{key}" for component, words in catalog().items() for key in words}
    asked = {key for source in templates().values() for key in re.findall(r'\bt\("([^"]+)"', source)}
    assert asked and not asked - known, f"not in the catalog: {sorted(asked - known)}"
    sections = {name for source in templates().values() for name in re.findall(r'script_strings\("([^"]+)"\)', source)}
    assert sections <= set(catalog())


def test_the_scripts_read_their_words_from_their_data():
    """Each script section travels to its script: in the self-check's and diary's JSON, the
    checklist's data attribute and the copy-link marker (see generator/render/renderer.py)."""
    from generator.render.renderer import PageRenderer

    pages = {page.path: page.markdown for page in PageRenderer(load_content(ROOT / "content")).pages()}
    guide, diary, check = pages["facial-twitching/index.md"], pages["facial-twitching/diary.md"], pages["facial-twitching/self-check.md"]
    words = catalog()

    def percent_json(page: str, attribute: str) -> dict:
        return json.loads(unquote(re.search(rf'{attribute}="([^"]*)"', page).group(1)))

    assert percent_json(diary, "data-config")["strings"] == words["diary_script"]
    assert percent_json(check, "data-rules")["strings"] == words["self_check_script"]
    assert percent_json(guide, "data-strings") == words["checklist_script"]
    assert "Copy link to: {title}" in re.search(r'data-deep-links[^>]*data-strings="([^"]*)"', guide).group(1)


# --- A catalog for another language ------------------------------------------------------------


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    folder = tmp_path / "strings"
    folder.mkdir()
    shutil.copy(CATALOGS / "en.yaml", folder / "en.yaml")
    return folder


@pytest.mark.parametrize("text", ['""', "'   '", "12", "[a, b]", "x" * 2001])
def test_an_english_text_that_is_not_one_line_of_text_is_a_located_problem(catalogs, text):
    english = (catalogs / "en.yaml").read_text(encoding="utf-8")
    (catalogs / "en.yaml").write_text(english.replace("  do: Do\n", f"  do: {text}\n"), encoding="utf-8")
    problems: list[Problem] = []
    assert load_strings("en-GB", problems, folder=catalogs) is None
    (problem,) = problems
    assert problem.field == "checklist.do" and "one line of text" in problem.message
    assert english.splitlines()[problem.line - 1] == "  do: Do"


def test_the_english_catalog_is_checked_without_making_a_model(catalogs, monkeypatch):
    """A model made from its keys cost ~17 ms of every build (issue 17); a translation's catalog
    is still checked against one."""
    made = []
    strings._model.cache_clear()  # models made by earlier tests are kept
    make = strings.create_model
    monkeypatch.setattr(strings, "create_model", lambda *args, **kwargs: made.append(args) or make(*args, **kwargs))
    english = load_strings("en-GB", [], folder=catalogs)
    assert made == [] and english.text("checklist.do") == "Do"


def test_a_second_catalog_with_exactly_the_english_keys_is_accepted(catalogs):
    (catalogs / "es.yaml").write_text((catalogs / "en.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    problems: list[Problem] = []
    strings = load_strings("es-ES", problems, folder=catalogs)
    assert not problems and strings.language == "es"


def test_a_second_catalog_with_a_missing_or_unknown_key_is_refused_with_located_problems(catalogs):
    english = (catalogs / "en.yaml").read_text(encoding="utf-8")
    spanish = english.replace("  do: Do\n", "").replace("  dont: Do not\n", "  dont: No\n  hacer: Haz\n")
    spanish = spanish.replace('  ticked: "{ticked} of {total} ticked."', '  ticked: "{ticked} marcados."')
    (catalogs / "es.yaml").write_text(spanish, encoding="utf-8")
    problems: list[Problem] = []

    assert load_strings("es", problems, folder=catalogs) is None

    by_field = {problem.field: problem for problem in problems}
    lines = spanish.splitlines()
    missing = by_field["checklist.do"]
    assert missing.file == catalogs / "es.yaml" and "required" in missing.message
    assert lines[missing.line - 1] == "checklist:"
    unknown = by_field["checklist.hacer"]
    assert lines[unknown.line - 1] == "  hacer: Haz" and "unknown field" in unknown.message
    assert set(by_field) == {"checklist.do", "checklist.hacer"}, "placeholders are compared once the keys match"


def test_a_translation_must_keep_the_english_placeholders(catalogs):
    english = (catalogs / "en.yaml").read_text(encoding="utf-8")
    (catalogs / "es.yaml").write_text(english.replace('"{ticked} of {total} ticked."', '"{ticked} marcados."'), encoding="utf-8")
    problems: list[Problem] = []
    assert load_strings("es", problems, folder=catalogs) is None
    [problem] = problems
    assert problem.field == "checklist_script.ticked" and problem.line is not None
    assert "['ticked']" in problem.message and "['ticked', 'total']" in problem.message


def test_dates_and_the_review_line_are_written_in_the_catalog_s_language(catalogs):
    english = (catalogs / "en.yaml").read_text(encoding="utf-8")
    spanish = english.replace('  long: "{day} {month} {year}"', '  long: "{day} de {month} de {year}"').replace("  month_3: March", "  month_3: marzo")
    spanish = spanish.replace('  status_unreviewed: "Written on {written}; not yet reviewed by a clinician; next planned review {due}"', '  status_unreviewed: "Escrito el {written}; sin revisar; próxima revisión {due}"')
    (catalogs / "es.yaml").write_text(spanish, encoding="utf-8")
    strings = load_strings("es-ES", [], folder=catalogs)
    review = Review(written_on=date(2026, 3, 3), next_review_due=date(2027, 3, 4), clinical_review={"status": "not-reviewed"})

    assert strings.long_date(date(2026, 3, 3)) == "3 de marzo de 2026"
    assert review.status_line(strings) == "Escrito el 3 de marzo de 2026; sin revisar; próxima revisión 4 de marzo de 2027"
    assert "March" not in review.status_line(strings)


def test_page_names_come_from_the_catalog(catalogs):
    english = (catalogs / "en.yaml").read_text(encoding="utf-8")
    spanish = english.replace("  faq: Questions and answers", "  faq: Preguntas y respuestas").replace("  home: Home", "  home: Inicio")
    spanish = spanish.replace("  treatment_only: Treatment", "  treatment_only: Tratamiento")
    (catalogs / "es.yaml").write_text(spanish, encoding="utf-8")
    strings = load_strings("es-ES", [], folder=catalogs)
    topic = load_content(ROOT / "content").topics[0].topic
    without_tests = topic.model_copy(update={"appointment": None})

    assert kind("faq").title_of(topic, strings) == "Preguntas y respuestas"
    assert HOME.name(strings) == "Inicio"
    assert kind("treatment").title_of(without_tests, strings) == "Tratamiento"


def test_a_locale_without_a_catalog_is_a_located_problem_in_site_yaml(content):
    content.replace("locale: en-GB", "locale: fr-FR", file=content.site_file)
    [problem] = content.problems()
    assert problem.file == content.site_file and problem.field == "locale"
    assert problem.line == content.site_file.read_text(encoding="utf-8").splitlines().index("locale: fr-FR") + 1
    assert "no strings catalog for language 'fr'" in problem.message


# --- Generic components say nothing about one topic --------------------------------------------


def test_no_template_or_script_names_the_first_topic():
    sources = {**templates(), **scripts(), **{path.name: path.read_text(encoding="utf-8") for path in (ROOT / "generator" / "pages").glob("*.py")}}
    assert not [name for name, source in sources.items() if "twitch" in source.lower()]


def test_a_second_topic_s_diary_asks_its_own_questions(content):
    """A topic about an itch: its pages never say "twitch", and its diary asks its own questions."""
    content.topic_file.write_text(re.sub("twitch", "itch", content.text, flags=re.I), encoding="utf-8")
    content.append_part("itch_diary")
    pages = content.markdown_pages()

    assert not [path for path, page in pages.items() if "twitch" in page.lower()]
    diary = content.html_pages()["sample-topic/diary.md"]
    legends = [legend.squashed_text for legend in diary.find_all("legend")]
    assert legends == ["Where did it itch?", "How long did the flare-up last?", "How bad was the itch?", "What might have set it off?"]
    text = diary.squashed_text
    assert "Flare-ups each day, last 14 days" in text and "Number of flare-ups noted each day, last 14 days" in text
    assert "Each time the itch flares up, write down:" in text
    config = json.loads(unquote(re.search(r'data-config="([^"]*)"', pages["sample-topic/diary.md"]).group(1)))
    assert config["words"]["location_missing"] == "Choose where it itched."
    assert config["words"]["episode_other"] == "flare-ups" and config["words"]["days_with"] == "Days with itching"
    conditions = content.html_pages()["sample-topic/conditions.md"].squashed_text
    assert "How it differs from the usual kind:" in conditions


@pytest.mark.parametrize("language", sorted(path.stem for path in CATALOGS.glob("*.yaml")))
def test_a_copy_button_s_name_holds_its_visible_words_in_every_catalog(language):
    """WCAG 2.5.3 (axe label-content-name-mismatch): the copy button shows `button` and is
    named `copy_label`, so a voice-control user can say what they see."""
    words = load_strings(language, []).sections["copy_link_script"]
    assert words["copy_label"].lower().startswith(words["button"].lower()), (words["button"], words["copy_label"])
