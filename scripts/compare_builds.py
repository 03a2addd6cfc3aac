"""Build the site at two git revisions (or take two built site folders) and compare them page by page.

    .venv/bin/python scripts/compare_builds.py main HEAD          # build both, then compare
    .venv/bin/python scripts/compare_builds.py --sites OLD NEW    # compare two built folders
    .venv/bin/python scripts/compare_builds.py main HEAD --content DIR   # both built from DIR

A revision is exported with `git archive` into a temporary folder and built there with
`mkdocs build --strict` (the same SITE_URL for both, no generator disk cache), so the
comparison sees only what the code does. Only what must differ between two builds is
normalised: the gzip header of sitemap.xml.gz (its mtime); nothing else is. Exit 0 when the
sites are the same, 1 with one line per differing file otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8000/"


def export(revision: str, folder: Path) -> Path:
    """The tree of `revision` in `folder` (the work tree is left alone)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision], capture_output=True, check=True)
    folder.mkdir()
    with tempfile.TemporaryFile() as stream:
        stream.write(archive.stdout)
        stream.seek(0)
        with tarfile.open(fileobj=stream) as tar:
            tar.extractall(folder, filter="data")
    return folder


def build(tree: Path, site: Path, content: Path | None = None) -> None:
    """`mkdocs build --strict` of the tree's own mkdocs.yml, importing the tree's own generator."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "HEALTHGUIDE_CACHE_DIR": "off"}
    env.pop("HEALTHGUIDE_CONTENT", None)
    config = tree / "mkdocs.yml"
    if content is not None:  # both mkdocs.yml read it: the old one under extra, the new under the plugin
        env["HEALTHGUIDE_CONTENT"] = str(content.resolve())
        # MkDocs' docs_dir too, as benchmarks/run.py sets it. From 10 topics on the navigation
        # lists no topic page (structure/navigation.py), which --strict would fail as omitted.
        config = tree / "mkdocs-content.yml"
        settings = {"INHERIT": str(tree / "mkdocs.yml"), "docs_dir": str(content.resolve()), "validation": {"nav": {"omitted_files": "info"}}}
        config.write_text(json.dumps(settings), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {tree.name} failed:\n{result.stderr}")


def normalised(path: Path) -> bytes:
    """The file's bytes, minus what differs between any two builds."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)  # the gzip header holds the time it was written
    return data


def differences(old: Path, new: Path) -> list[str]:
    """One line per file that is only in one site or differs, with the first differing lines."""
    old_files = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    report = [f"only in {old.name}: {name}" for name in sorted(old_files - new_files)]
    report += [f"only in {new.name}: {name}" for name in sorted(new_files - old_files)]
    for name in sorted(old_files & new_files):
        before, after = normalised(old / name), normalised(new / name)
        if before == after:
            continue
        report.append(f"differs: {name}")
        try:
            diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
            report += ["    " + line[:200] for line in list(diff)[2:12]]
        except UnicodeDecodeError:
            report.append("    (binary)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="git revision (or, with --sites, a built site folder)")
    parser.add_argument("new", help="git revision (or, with --sites, a built site folder)")
    parser.add_argument("--sites", action="store_true", help="compare two built site folders")
    parser.add_argument("--content", type=Path, help="content folder to build both from (default: each revision's own)")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.sites:
        old, new = Path(args.old), Path(args.new)
        report = differences(old, new)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            work = args.keep or Path(scratch)
            work.mkdir(parents=True, exist_ok=True)
            sites = []
            for side, revision in (("old", args.old), ("new", args.new)):
                tree = export(revision, Path(scratch) / f"{side}-tree")
                site = work / f"{side}-site"
                build(tree, site, args.content)
                sites.append(site)
            report = differences(*sites)
    for line in report:
        print(line)
    count = sum(1 for line in report if not line.startswith("    "))
    print(f"{count} file(s) differ" if count else "the two sites are the same, file for file")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
