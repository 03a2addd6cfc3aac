"""load_content: the fixture loads, and every kind of author mistake is reported precisely."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from generator.reading import content_files, fast_yaml, yaml_source
from generator.reading.problems import ContentError, Problem
from generator.structure.routes import page_of


def assert_problem(problem: Problem, file, line: int | None, field: str, *words: str, column=None):
    """The problem names the file, line (and column), field path and says what is wrong."""
    assert problem.file == file
    assert problem.line == line, str(problem)
    if column is not None:
        assert problem.column == column, str(problem)
    assert problem.field == field, str(problem)
    for word in words:
        assert word in problem.message, str(problem)
    where = f"{file}:{line}" if line is not None else str(file)
    text = str(problem)
    assert text.startswith(where + ":"), text
    if field:
        assert f" {field}: " in text, text


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def by_field(problems: list[Problem], field: str) -> Problem:
    matching = [p for p in problems if p.field == field]
    assert len(matching) == 1, "\n".join(map(str, problems))
    return matching[0]


# --- the fixture -----------------------------------------------------------------------------


def test_fixture_loads_with_its_topic(content):
    loaded = content.load()

    assert loaded.site.site_name == "Test Guide"
    assert [t.topic.slug for t in loaded.topics] == ["sample-topic"]
    topic = loaded.topics[0]
    assert topic.topic.title == "Sample topic"
    assert topic.topic.conditions.items[0].see_also == ["cause-one"]
    assert page_of(topic, "faq-one").key == "faq"
    assert page_of(topic, "faq").key == "faq"
    assert page_of(topic, "cause-one").key == "causes"
    # A sign is shown on the card of its level: emergency signs on the guide's first page.
    assert page_of(topic, "rf-face").key == "guide"
    assert page_of(topic, "help-gp-2-weeks").key == "get-help"
    assert topic.titles_by_id["cause-one"] == "Cause one"
    assert topic.titles_by_id["faq-one"] == "Is it serious?"


# --- YAML-level mistakes ---------------------------------------------------------------------


def test_yaml_syntax_error_names_line_and_column(content):
    content.replace("title: Sample topic", "title: Sample: topic")

    problem = only(content.problems())

    line = content.line_of("title: Sample: topic")
    assert_problem(problem, content.topic_file, line, "", "YAML syntax error", column=14)


def test_tab_indentation_names_every_tabbed_line(content):
    content.replace("  title: What it is", "\ttitle: What it is")
    content.replace("  title: Causes", "\ttitle: Causes")

    problems = content.problems()

    assert [p.line for p in problems] == [
        content.line_of("\ttitle: What"),
        content.line_of("\ttitle: Causes"),
    ]
    for problem in problems:
        assert_problem(problem, content.topic_file, problem.line, "", "tab", column=1)


def test_empty_file_is_refused(content):
    content.topic_file.write_text("  \n\n", encoding="utf-8")

    problem = only(content.problems())

    assert_problem(problem, content.topic_file, None, "", "empty")


def test_non_utf8_bytes_name_the_line(content):
    line = content.line_of("title: Sample topic")
    raw = content.topic_file.read_bytes().replace(b"title: Sample topic", b"title: Sample t\xe9pic")
    content.topic_file.write_bytes(raw)

    problem = only(content.problems())

    assert_problem(problem, content.topic_file, line, "", "UTF-8", "0xe9")


def test_alias_bomb_is_refused_quickly(content):
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    content.topic_file.write_text("\n".join(levels) + "\n", encoding="utf-8")

    start = time.monotonic()
    problems = content.problems()
    elapsed = time.monotonic() - start

    assert elapsed < 2.0
    assert all("alias" in p.message for p in problems)
    assert_problem(problems[0], content.topic_file, 2, "", "alias", column=8)  # first *a


def test_python_object_tag_is_refused_and_never_run(content, tmp_path):
    marker = tmp_path / "pwned"
    line = content.line_of("title: Sample topic")
    content.replace(
        "title: Sample topic", f'title: !!python/object/apply:os.system ["touch {marker}"]'
    )

    problem = only(content.problems())

    assert_problem(
        problem, content.topic_file, line, "", "python/object/apply:os.system", "not allowed"
    )
    assert not marker.exists()


def test_file_over_the_size_limit_is_refused(content):
    padding = "# " + "x" * content_files.MAX_FILE_BYTES + "\n"
    content.topic_file.write_text(content.text + padding, encoding="utf-8")

    problem = only(content.problems())

    assert_problem(
        problem, content.topic_file, None, "", "limit", f"{content_files.MAX_FILE_BYTES:,}"
    )


def test_a_link_to_a_topic_elsewhere_in_the_content_folder_is_read(content):
    drafts = content.root / "drafts"
    drafts.mkdir()
    content.topic_file.rename(drafts / "sample.yaml")
    content.topic_file.symlink_to(drafts / "sample.yaml")

    assert [t.topic.slug for t in content.load().topics] == ["sample-topic"]


@pytest.mark.parametrize(
    "target, words",
    [("missing.yaml", "does not exist"), ("sample.yaml", "leads back to itself")],
    ids=["dangling", "loop"],
)
def test_a_broken_link_is_named_without_a_traceback(content, target, words):
    content.topic_file.unlink()
    content.topic_file.symlink_to(content.topic_file.parent / target)

    assert_problem(only(content.problems()), content.topic_file, None, "", words)


def test_control_characters_are_each_located(content):
    content.replace("title: Sample topic", "title: Sample\x07 topic")
    content.replace("  title: Causes", "  title: \x1b[1mCauses")

    problems = content.problems()

    assert len(problems) == 2, "\n".join(map(str, problems))
    assert_problem(problems[0], content.topic_file, content.line_of("Sample\x07"), "", "U+0007", "control character", column=14)
    assert_problem(problems[1], content.topic_file, content.line_of("\x1b"), "", "U+001B", column=10)


def test_a_control_character_the_careful_parser_meets_is_located(tmp_path):
    """The careful parser's own refusal (ruamel's ReaderError) also becomes a located problem."""
    with pytest.raises(ContentError) as info:
        yaml_source._careful_tree(tmp_path / "x.yaml", "slug: x\ntitle: a\x07b\n")

    assert_problem(only(info.value.problems), tmp_path / "x.yaml", 2, "", "U+0007", column=9)


def nested_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_mappings(depth: int) -> str:
    return "".join(f"\n{'  ' * (level + 1)}level{level}:" for level in range(depth)) + " end"


@pytest.mark.parametrize(
    "nested, depth",
    [(nested_lists, fast_yaml.MAX_DEPTH + 10), (nested_lists, 5_000), (nested_lists, 200_000),
     (nested_mappings, fast_yaml.MAX_DEPTH + 10), (nested_mappings, 900)],  # 900: indentation near the size limit
)
def test_deep_nesting_is_refused_at_the_limit_before_it_is_built(content, nested, depth):
    line = content.line_of("title: Sample topic")
    content.replace("title: Sample topic", "title: " + nested(depth))

    problem = only(content.problems())

    assert problem.line is not None and problem.line >= line, str(problem)
    assert_problem(problem, content.topic_file, problem.line, "", f"nested more than {fast_yaml.MAX_DEPTH} levels")


@pytest.mark.parametrize("depth", [fast_yaml.MAX_DEPTH + 1, 2_000])
def test_without_libyaml_the_careful_loader_refuses_deep_nesting_itself(content, monkeypatch, depth):
    monkeypatch.delattr(fast_yaml.yaml, "CSafeLoader")
    line = content.line_of("title: Sample topic")
    content.replace("title: Sample topic", "title: " + nested_lists(depth))

    problem = only(content.problems())

    column = len("title: ") + fast_yaml.MAX_DEPTH  # the first list past the limit (the file is level 1)
    assert_problem(problem, content.topic_file, line, "", f"nested more than {fast_yaml.MAX_DEPTH} levels", column=column)


def test_nesting_up_to_the_limit_is_read(content):
    content.replace("title: Sample topic", "title: Sample topic\nsecret_nest: " + nested_lists(fast_yaml.MAX_DEPTH - 1))

    assert_problem(only(content.problems()), content.topic_file, content.line_of("secret_nest"), "secret_nest", "unknown field")


@pytest.mark.parametrize("number", ["9" * 5_000, "-" + "1_0" * 2_000, "0x" + "f" * 200], ids=["decimal", "underscores", "hex"])
def test_a_number_with_too_many_digits_is_refused_by_its_line(content, number):
    line = content.line_of("title: Sample topic")
    content.replace("title: Sample topic", f"title: {number}")

    problem = only(content.problems())

    assert_problem(problem, content.topic_file, line, "", "digits is too long", f"limit is {fast_yaml.MAX_INT_DIGITS}", column=8)


def test_a_long_number_in_quotes_is_text(content):
    content.replace("title: Sample topic", f'title: "{"9" * 150}"')

    assert content.load().topics[0].topic.title == "9" * 150


def test_explicit_str_tag_is_accepted(content):
    content.replace(
        'emergency_number: "999"', "emergency_number: !!str 999", file=content.site_file
    )

    assert content.load().site.emergency_number == "999"


# --- validation mistakes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "column", "words"),
    [
        ("title: Sample topic", "title: [a, b]", "title", 1, ["valid string"]),
        (
            "urgency: see-doctor",
            "urgency: sometimes",
            "conditions.items[0].urgency",
            7,
            ["'sometimes'"],
        ),
        (
            "next_review_due: 2027-01-01",
            "next_review_due: soon",
            "review.next_review_due",
            3,
            ["'soon'"],
        ),
        ("illustrative: true", "illustrative: false", "story.illustrative", 3, ["True", "False"]),
        ("  id: overview", "  id: Bad_ID", "overview.id", 3, ["invalid id 'Bad_ID'", "lowercase"]),
    ],
    ids=["list-for-text", "unknown-urgency", "not-a-date", "story-not-illustrative", "bad-id"],
)
def test_wrong_value_names_line_and_field(content, old, new, field, column, words):
    content.replace(old, new)

    problem = only(content.problems())

    assert_problem(problem, content.topic_file, content.line_of(new), field, *words, column=column)


@pytest.mark.parametrize("bad_date", ["2026-13-45", "2026-02-30"])
def test_impossible_date_is_a_located_problem(content, bad_date):
    content.replace("written_on: 2026-01-01", f"written_on: {bad_date}")

    problem = only(content.problems())

    line = content.line_of(f"written_on: {bad_date}")
    assert_problem(problem, content.topic_file, line, "review.written_on", bad_date)


def test_quoted_impossible_date_is_a_located_problem(content):
    content.replace("written_on: 2026-01-01", "written_on: '2026-13-45'")

    problem = only(content.problems())

    line = content.line_of("written_on:")
    assert_problem(problem, content.topic_file, line, "review.written_on", "month", "2026-13-45")


def test_next_review_before_last_review_is_refused(content):
    content.replace("next_review_due: 2027-01-01", "next_review_due: 2025-06-01")

    problem = only(content.problems())

    assert_problem(
        problem,
        content.topic_file,
        content.line_of("review:"),
        "review",
        "next_review_due must be after",
    )


def test_approved_review_without_reviewer_is_refused(content):
    content.replace("{status: not-reviewed}", "{status: approved}")

    problem = only(content.problems())

    line = content.line_of("clinical_review:")
    assert_problem(problem, content.topic_file, line, "review.clinical_review", "reviewer")


def test_approved_review_with_role_and_date_loads(content):
    content.replace("{status: not-reviewed}", "{status: approved, reviewer_role: GP, reviewed_on: 2026-02-01}")

    review = content.load().topics[0].topic.review

    assert (review.clinical_review.status, review.clinical_review.reviewer_role) == ("approved", "GP")
    assert review.updated.isoformat() == "2026-02-01"


@pytest.mark.parametrize(
    ("remove", "field", "line_of"),
    [
        ("summary: A short summary of the sample topic.\n", "summary", None),
        (
            "  caption: Harmless twitching compared with signs to get checked\n",
            "warning_signs.caption",
            "warning_signs:",
        ),
    ],
    ids=["top-level", "nested"],
)
def test_missing_required_field_is_named(content, remove, field, line_of):
    content.replace(remove, "")

    problem = only(content.problems())

    line = content.line_of(line_of) if line_of else 1
    assert_problem(problem, content.topic_file, line, field, "required field is missing")


@pytest.mark.parametrize(
    ("old", "new", "field", "suggestion"),
    [
        ("title: Sample topic", "titel: Sample topic", "titel", "title"),
        (
            "urgency_note: See a GP.",
            "urgency_nte: See a GP.",
            "conditions.items[0].urgency_nte",
            "urgency_note",
        ),
    ],
)
def test_unknown_key_suggests_the_right_name(content, old, new, field, suggestion):
    content.replace(old, new)

    problem = by_field(content.problems(), field)

    line = content.line_of(new)
    assert_problem(
        problem, content.topic_file, line, field, "unknown field", f"did you mean '{suggestion}'?"
    )


def test_duplicate_id_names_the_first_use(content):
    first_line = content.line_of("id: overview")
    content.replace("  id: causes", "  id: overview")

    problem = only(content.problems())

    second_line = content.line_of("title: Causes") - 1
    assert_problem(
        problem,
        content.topic_file,
        second_line,
        "causes.id",
        "duplicate id 'overview'",
        f"first used on line {first_line}",
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "line_needle"),
    [
        (
            "see_also: [cause-one]",
            "see_also: [nope]",
            "conditions.items[0].see_also[0]",
            "see_also:",
        ),
        (
            "used_for: [cause-one]",
            "used_for: [nope]",
            "treatments.items[0].used_for[0]",
            "used_for:",
        ),
        ("related: [condition-one]", "related: [nope]", "faq.items[0].related[0]", "related:"),
        ("[the cause](#cause-one)", "[the cause](#nope)", "overview.body", "body: |"),
    ],
    ids=["see_also", "used_for", "related", "prose-link"],
)
def test_dangling_reference_is_refused(content, old, new, field, line_needle):
    content.replace(old, new)

    problem = only(content.problems())

    assert_problem(
        problem, content.topic_file, content.line_of(line_needle), field, "unknown id 'nope'"
    )


def test_dangling_reference_suggests_a_close_id(content):
    content.replace("see_also: [cause-one]", "see_also: [cause-on]")

    problem = only(content.problems())

    assert "did you mean 'cause-one'?" in problem.message


def test_several_mistakes_are_all_reported(content):
    content.replace("title: Sample topic", "titel: Sample topic")
    content.replace("urgency: see-doctor", "urgency: sometimes")
    content.replace("  id: causes", "  id: overview")
    content.replace("see_also: [cause-one]", "see_also: [nope]")
    content.replace("locale: en-GB", "locale: English", file=content.site_file)

    problems = content.problems()

    topic_fields = {p.field for p in problems if p.file == content.topic_file}
    assert {
        "titel",
        "conditions.items[0].urgency",
        "causes.id",
        "conditions.items[0].see_also[0]",
    } <= topic_fields
    site_lines = content.site_file.read_text(encoding="utf-8").splitlines()
    locale_line = site_lines.index("locale: English") + 1
    assert_problem(
        by_field(problems, "locale"), content.site_file, locale_line, "locale", "pattern"
    )


def test_content_without_mistakes_is_loaded_without_the_careful_parser(content):
    """ruamel (reading/careful_yaml.py) explains mistakes; importing it cost every build ~8 ms
    (issue 17), so a build without mistakes never does."""
    script = (
        "import sys\n"
        "from generator.pipeline import generate\n"
        "generate(sys.argv[1])\n"
        "print(sorted(name for name in sys.modules if name.startswith('ruamel')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(content.root)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HEALTHGUIDE_CACHE_DIR": "off"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
