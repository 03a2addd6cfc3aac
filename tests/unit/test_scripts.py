"""The browser scripts' own checks, run here so `pytest` alone covers them: their functions'
tests under Node's test runner (each component's script.test.mjs), and ESLint over every
script (eslint.config.mjs). Missing tools skip with a reason locally and fail under CI=true."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from support import ROOT

ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
# Where `node --test` finds the scripts' tests (generator/components/<name>/script.test.mjs, and tests/js/*.test.mjs
# for the theme's own scripts).
NODE_TESTS = ["generator/components/", "tests/js/"]


def require(tool: str | None, message: str) -> str:
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return tool


def test_the_scripts_pass_their_node_tests():
    node = require(shutil.which("node"), "node is not installed (Node 20 or later runs the scripts' tests)")
    result = subprocess.run([node, "--test", *NODE_TESTS], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 0\n" not in result.stdout, f"node --test found no tests in {NODE_TESTS}"


def test_the_scripts_pass_eslint():
    eslint = require(str(ESLINT) if ESLINT.exists() else None, f"{ESLINT} is missing: run `npm ci` in {ROOT}")
    result = subprocess.run([eslint, "--max-warnings", "0"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
