"""`healthguide new-site` and `healthguide new`: what they write is valid at once, they refuse
in one line, and the publishing build refuses stand-ins marked EDIT ME that a preview shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model.loading import load_content
from generator.reading.edit_markers import edit_markers

PROJECT = Path(__file__).resolve().parents[2]


def cli(*args, cwd: Path = PROJECT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(PROJECT), **(env or {})})


def test_new_site_writes_a_valid_site_whose_stand_ins_are_marked(tmp_path):
    result = cli("new-site", tmp_path / "clinic")

    assert result.returncode == 0, result.stderr
    content = load_content(tmp_path / "clinic" / "content")
    assert [loaded.topic.slug for loaded in content.topics] == ["hiccups-example"]
    assert all(ref.url for ref in content.topics[0].topic.references.items)  # the example cites its sources
    marked = {(problem.file.name, problem.field) for problem in edit_markers(tmp_path / "clinic" / "content")}
    assert {("site.yaml", "site_name"), ("site.yaml", "emergency_number"), ("site.yaml", "urgent_help"),
            ("hiccups-example.yaml", "slug")} <= marked
    readme = (tmp_path / "clinic" / "README.md").read_text(encoding="utf-8")
    assert "healthguide serve" in readme and "SITE_URL=https://example.org/guide/ healthguide build" in readme


@pytest.mark.parametrize("existing", ["a file", "a non-empty folder"])
def test_new_site_refuses_an_existing_folder_in_one_line(tmp_path, existing):
    target = tmp_path / "clinic"
    if existing == "a file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))

    result = cli("new-site", target)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"{target}: already exists and is not an empty folder; choose a new one (nothing was written)"]
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("kind, about", [("symptom", "MedicalSignOrSymptom"), ("condition", "MedicalCondition")])
def test_new_writes_a_skeleton_that_validates(content, kind, about):
    result = cli("--content", content.root, "new", "knee-pain", "--kind", kind)

    assert result.returncode == 0, result.stderr
    loaded = {item.topic.slug: item.topic for item in load_content(content.root).topics}
    assert loaded["knee-pain"].about == about
    assert loaded["knee-pain"].review.clinical_review.status == "not-reviewed"
    assert "EDIT ME" in loaded["knee-pain"].title


def test_a_condition_skeleton_has_only_the_parts_a_condition_page_needs(content):
    """A condition topic needs no causes, look-alike table, list of conditions, checklist, story or
    main points (AUTHORING.md); its skeleton leaves them out so the author writes none of them."""
    assert cli("--content", content.root, "new", "knee-pain", "--kind", "condition").returncode == 0
    assert cli("--content", content.root, "new", "back-pain", "--kind", "symptom").returncode == 0

    loaded = {item.topic.slug: item.topic for item in load_content(content.root).topics}
    symptom_only = ["causes", "warning_signs", "conditions", "checklist", "story", "closing"]
    assert [part for part in symptom_only if getattr(loaded["knee-pain"], part) is not None] == []
    assert [part for part in symptom_only if getattr(loaded["back-pain"], part) is None] == []
    assert loaded["knee-pain"].treatments and loaded["knee-pain"].faq


@pytest.mark.parametrize("slug, message", [
    ("Knee_Pain", "'Knee_Pain': a topic's name must be lowercase letters, digits and single hyphens"),
    ("sample-topic", "a topic named sample-topic already exists; choose another name (nothing was written)"),
    ("sample", "a topic named sample already exists; choose another name (nothing was written)"),
])
def test_new_refuses_a_bad_or_taken_slug_in_one_line(content, slug, message):
    before = sorted((content.root / "topics").iterdir())

    result = cli("--content", content.root, "new", slug, "--kind", "symptom")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert sorted((content.root / "topics").iterdir()) == before


def test_the_publishing_build_refuses_a_skeleton_that_a_preview_shows(content, tmp_path):
    assert cli("--content", content.root, "new", "knee-pain", "--kind", "condition").returncode == 0
    env = {"HEALTHGUIDE_CONTENT": str(content.root), "HEALTHGUIDE_CACHE_DIR": "off", "NO_MKDOCS_2_WARNING": "1"}

    preview = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "preview")],
                             cwd=PROJECT, capture_output=True, text=True, timeout=300, env={**os.environ, **env})
    assert preview.returncode == 0, preview.stderr
    assert "EDIT ME" in (tmp_path / "preview" / "knee-pain" / "index.html").read_text(encoding="utf-8")

    site = tmp_path / "site"
    published = cli("build", "--site-dir", site, env={**env, "SITE_URL": "https://example.org/guide/"})
    assert published.returncode == 1
    title_line = next(number for number, line in enumerate((content.root / "topics" / "knee-pain.yaml").read_text(encoding="utf-8").splitlines(), 1)
                      if line.startswith("title:"))
    assert f"knee-pain.yaml:{title_line}:9: title: still marked EDIT ME" in published.stderr, published.stderr
    assert published.stderr.splitlines()[-1] == f"build failed; the previous site in {site} is unchanged"
    assert "Traceback" not in published.stderr and not site.exists()
