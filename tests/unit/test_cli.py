"""`python -m generator`: exit codes, error output and safe writing, run as a real subprocess."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support import SLOW_RENAMES, can_slow_renames

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "tests" / "fixtures" / "minimal"


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_validate_accepts_the_fixture():
    result = run("--content", FIXTURE, "validate")

    assert result.returncode == 0, result.stderr
    assert "1 topic(s) are valid" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("urgency: see-doctor", "urgency: sometimes"),
        ("title: Sample topic", "title: Sample: topic"),
        ("see_also: [cause-one]", "see_also: [nope]"),
        pytest.param(
            "written_on: 2026-01-01",
            "written_on: 2026-13-45",
        ),
    ],
    ids=["bad-value", "yaml-syntax", "dangling-reference", "impossible-date"],
)
def test_validate_reports_problems_without_traceback(content, old, new):
    content.replace(old, new)
    line = content.line_of(new)

    result = run("--content", content.root, "validate")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(
        rf"^\s*{re.escape(str(content.topic_file))}:{line}:\d+: ", result.stderr, re.M
    ), result.stderr


def test_render_writes_every_page(content, tmp_path):
    out = tmp_path / "out"

    result = run("--content", content.root, "render", out)

    assert result.returncode == 0, result.stderr
    written = set(snapshot(out))
    # The clinicians' page's QR codes are files beside it, written with it (generator/pages/qr.py).
    codes = {name for name in written if name.startswith("sample-topic/links/qr/")}
    assert codes and all(name.endswith(".svg") for name in codes)
    assert written - codes == {
        "index.md",
        "about.md",
        "sample-topic/index.md",
        "sample-topic/when-to-get-help.md",
        "sample-topic/causes.md",
        "sample-topic/conditions.md",
        "sample-topic/tests-and-treatment.md",
        "sample-topic/sources.md",
        "sample-topic/faq.md",
        "sample-topic/links.md",
    }
    assert "# Sample topic" in (out / "sample-topic" / "index.md").read_text(encoding="utf-8")
    assert "{#faq-one}" in (out / "sample-topic" / "faq.md").read_text(encoding="utf-8")


def test_render_replaces_a_previous_output_folder(content, tmp_path):
    out = tmp_path / "out"
    (out / "old-topic").mkdir(parents=True)
    (out / "old-topic" / "index.md").write_text("stale", encoding="utf-8")

    result = run("--content", content.root, "render", out)

    assert result.returncode == 0, result.stderr
    assert not (out / "old-topic").exists()
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache")  # .cache: generator/render/disk_cache.py
    assert left == ["content", "out"]  # no staging folder left behind


def test_render_of_bad_content_leaves_previous_output_untouched(content, tmp_path):
    out = tmp_path / "out"
    assert run("--content", content.root, "render", out).returncode == 0
    before = snapshot(out)
    content.replace("title: Sample topic", "title: A new title")
    content.replace("urgency: see-doctor", "urgency: sometimes")

    result = run("--content", content.root, "render", out)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache")  # .cache: generator/render/disk_cache.py
    assert left == ["content", "out"]  # no staging folder left behind


def test_rendered_folder_has_normal_permissions(content, tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "out"

    assert run("--content", content.root, "render", out).returncode == 0

    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask


def test_schema_check_passes_for_the_committed_schemas():
    result = run("schema", "--check")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_schema_check_fails_for_a_stale_schema(tmp_path):
    schemas = tmp_path / "schema"
    shutil.copytree(PROJECT / "schema", schemas)
    topic_schema = schemas / "topic.schema.json"
    text = topic_schema.read_text(encoding="utf-8")
    assert '"title": "Slug"' in text
    topic_schema.write_text(
        text.replace('"title": "Slug"', '"title": "Old slug"'), encoding="utf-8"
    )

    result = run("schema", "--out", schemas, "--check")

    assert result.returncode != 0
    assert f"{topic_schema} is out of date" in result.stderr
    assert "site.schema.json" not in result.stderr


def test_schema_check_fails_for_a_missing_schema(tmp_path):
    schemas = tmp_path / "schema"
    shutil.copytree(PROJECT / "schema", schemas)
    (schemas / "site.schema.json").unlink()

    result = run("schema", "--out", schemas, "--check")

    assert result.returncode != 0
    assert "site.schema.json is out of date" in result.stderr


def test_render_output_folder_never_goes_missing_while_it_is_replaced(content, tmp_path):
    """swap_in exchanges the folders in one step. Each rename of the render command is slowed
    (support.SLOW_RENAMES), so a moment between two renames cannot go unseen."""
    if not can_slow_renames():
        pytest.skip("strace (allowed to trace) is needed to slow the renames down")
    out = tmp_path / "out"
    assert run("--content", content.root, "render", out).returncode == 0
    misses: list[str] = []
    stop = threading.Event()

    def read_continuously():
        while not stop.is_set() and not misses:
            if not (out / "index.md").exists():
                misses.append("out/index.md was missing")
            stop.wait(0.001)  # until the render is done; a gap would last 0.5 s: leave it some CPU

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        result = subprocess.run(
            [*SLOW_RENAMES, sys.executable, "-m", "generator", "--content", str(content.root), "render", str(out)],
            cwd=PROJECT, capture_output=True, text=True, timeout=120,
        )
    finally:
        stop.set()
        reader.join()

    assert result.returncode == 0, result.stderr
    assert misses == []
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache")
    assert left == ["content", "out"]
