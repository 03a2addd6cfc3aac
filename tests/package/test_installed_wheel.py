"""Issue 15: a publisher installs the generator as a wheel and builds their own site with it.

Builds a wheel of this repository (offline: no build isolation, the test venv's setuptools),
installs it into a fresh virtual environment that sees the already-installed dependencies but
not this repository, scaffolds a site in a temporary folder outside it with `healthguide
new-site`, adds a topic with `healthguide new`, and builds it strictly with the publishing
command once the stand-ins it refuses are written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support import ROOT

pytestmark = pytest.mark.slow


def run(command: list, cwd: Path, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so that the build's egg-info and build/ stay out of the tree
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "test_*.py", "*.mjs"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "--wheel-dir", work / "dist", source], cwd=work)
    wheel = next((work / "dist").glob("healthguide-*.whl"))
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=work)
    bin_dir = venv / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel], cwd=work)
    # The dependencies, offline: the test environment's packages, after the venv's own (a path
    # in a .pth file; the editable install of this repository there is a .pth of its own, which
    # is not read, so `generator` comes from the wheel only).
    fresh = Path(run([bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work).stdout.strip())
    (fresh / "zz-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return bin_dir


def publisher_env(bin_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HEALTHGUIDE_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["HEALTHGUIDE_CACHE_DIR"] = "off"
    return env


def test_the_wheel_builds_a_scaffolded_site_outside_this_repository(installed, tmp_path):
    env = publisher_env(installed)
    assert not tmp_path.resolve().is_relative_to(ROOT)
    where = run([installed / "python", "-c", "import generator; print(generator.__file__)"], cwd=tmp_path, env=env).stdout
    assert where.startswith(str(installed.parent)), where  # the wheel's copy, not this repository's

    run([installed / "healthguide", "new-site", "clinic"], cwd=tmp_path, env=env)
    site_folder = tmp_path / "clinic"
    assert {"serve", "build"} <= set(re.findall(r"healthguide (\w+)", (site_folder / "README.md").read_text(encoding="utf-8")))
    run([installed / "healthguide", "new", "knee-pain", "--kind", "symptom"], cwd=site_folder, env=env)
    assert (site_folder / "content" / "topics" / "knee-pain.yaml").is_file()

    # Publishing refuses the stand-ins: first the contact address at a reserved domain...
    env["SITE_URL"] = "https://clinic.example.org/guide/"
    refused = subprocess.run([installed / "healthguide", "build"], cwd=site_folder, env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1
    assert re.search(r"content/site\.yaml:\d+:\d+: publisher\.contact: .* example address", refused.stderr), refused.stderr
    site_yaml = site_folder / "content" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("my-organisation.example", "clinic.org.uk"), encoding="utf-8")
    # ...then every line still marked EDIT ME, naming the file and line...
    refused = subprocess.run([installed / "healthguide", "build"], cwd=site_folder, env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1
    assert re.search(r"content/site\.yaml:\d+:\d+: site_name: still marked EDIT ME", refused.stderr), refused.stderr
    assert re.search(r"content/topics/knee-pain\.yaml:\d+:\d+: title: still marked EDIT ME", refused.stderr), refused.stderr
    assert "Traceback" not in refused.stderr and not (site_folder / "site").exists()

    # ...and builds strictly once the publisher has written them.
    for path in [site_folder / "content" / "site.yaml", *(site_folder / "content" / "topics").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"EDIT ME:? ?|  # EDIT ME.*", "", text), encoding="utf-8")
    built = run([installed / "healthguide", "build"], cwd=site_folder, env=env)
    assert "site built in" in built.stdout

    site = site_folder / "site"
    for page in ("index.html", "hiccups-example/index.html", "knee-pain/index.html", "knee-pain/when-to-get-help/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="stylesheet" href="[./]*stylesheets/site\.css">', html), page
        assert re.search(r'<script src="[./]*javascripts/page-scripts\.js"', html), page
        assert re.search(r'<script src="[./]*assets/javascripts/skip-link\.js"', html), page  # the theme overrides
        assert "Content-Security-Policy" in html and "fonts.googleapis" not in html, page
    joined = (site / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert "/* stylesheets/extra.css */" in joined and "/* components/" in joined
    assert (site / "javascripts" / "self-check.js").is_file() and (site / "images" / "favicon.svg").is_file()
    assert "https://clinic.example.org/guide/knee-pain/" in (site / "sitemap.xml").read_text(encoding="utf-8")
