"""Every built page is valid HTML: the Nu Html Checker (vnu, from the vnu-jar npm package
pinned in package-lock.json) finds no error in any of them. It needs a Java runtime
(`make browser` installs one when root); without it the test skips, except under CI=true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from support import ROOT, site_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    java = shutil.which("java")
    missing = [what for what, ok in ((f"{VNU_JAR} (npm ci)", VNU_JAR.exists()), ("java (apt-get install -y --no-install-recommends default-jre-headless)", java)) if not ok]
    if missing:
        message = "the Nu Html Checker needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR)]


def test_nu_html_checker_finds_no_error_on_any_page(vnu, built_site):
    pages = [built_site / url / "index.html" for url in site_pages(built_site)] + [built_site / "404.html"]
    assert len(pages) >= 6
    result = subprocess.run([*vnu, "--errors-only", "--exit-zero-always", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, check=False, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{message['url'].split(str(built_site))[-1]}:{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
