"""Command line (`healthguide` or `python -m generator`): start a site or a topic, validate
content, preview and build the site, write the generated Markdown, export the JSON Schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..reading.problems import ContentError
from .scaffold import KINDS, ScaffoldError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthguide", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every content file; print every problem")
    render = commands.add_parser("render", help="write the generated Markdown to a folder")
    render.add_argument("out", type=Path, help="output folder (replaced on success)")
    schema = commands.add_parser("schema", help="write the JSON Schemas of the content files")
    schema.add_argument("--out", type=Path, default=Path("schema"))
    schema.add_argument("--check", action="store_true", help="fail if the committed schema is out of date")
    commands.add_parser("readability", help="report the reading grade of each page")
    build = commands.add_parser("build", help="mkdocs build --strict into a new folder, then switch the site to it atomically")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="published as a symlink to the newest build (default: site)")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    lock = commands.add_parser("lock", help="rewrite links.lock (in the content folder) with every published link")
    lock.add_argument("--check", action="store_true", help="fail if the lock is out of date")
    translations = commands.add_parser("translations", help="name the translated items whose English changed; --update records the English they match")
    translations.add_argument("code", help="the language's code, its folder under content/languages/, e.g. es")
    translations.add_argument("--update", action="store_true", help="the translation is up to date: write translations.lock")
    new_site = commands.add_parser("new-site", help="write a site to start from (settings, an example topic, mkdocs.yml) into a new folder")
    new_site.add_argument("folder", type=Path, help="a folder that does not exist yet, or is empty")
    new = commands.add_parser("new", help="write the skeleton of a new topic into the content folder's topics/")
    new.add_argument("slug", help="the topic's address, e.g. bells-palsy")
    new.add_argument("--kind", choices=sorted(KINDS), required=True, help="a symptom or a condition page")
    serve = commands.add_parser("serve", help="preview the site on this computer; rebuilds as you edit (mkdocs serve)")
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)

    try:
        return COMMANDS[args.command](args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 1


def _validate(args) -> int:
    from ..model.loading import load_content, load_language
    from ..model.translation import translation_codes

    content = load_content(args.content)
    print(f"ok: site settings and {len(content.topics)} topic(s) are valid")
    for code in translation_codes(args.content):  # each translation, checked against the English
        translated = load_language(args.content, code, content)
        print(f"ok: {code}: site settings and {len(translated.topics)} translated topic(s) are valid")
    return 0


def _render(args) -> int:
    from ..pipeline import generate
    from .markdown_out import write_pages

    generated = generate(args.content)
    write_pages(generated.pages, args.out)
    print(f"wrote {len(generated.pages)} pages to {args.out}")
    return 0


def _schema(args) -> int:
    from .schema import check_schemas, write_schemas

    if args.check:
        stale = check_schemas(args.out)
        for name in stale:
            print(f"{args.out / name} is out of date: run python -m generator schema", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


def _readability(args) -> int:
    from .readability import report

    return report(args.content)


def _build(args) -> int:
    from .build import safe_build

    return safe_build(args.config, args.site_dir)


def _translations(args) -> int:
    from .translations import run_translations

    return run_translations(args.content, args.code, update=args.update)


def _lock(args) -> int:
    from .lock import run_lock

    return run_lock(args.content, check=args.check)


def _new_site(args) -> int:
    from .scaffold import new_site

    new_site(args.folder)
    print(f"wrote a new site in {args.folder}: see {args.folder / 'README.md'}; preview it with "
          f"`cd {args.folder} && healthguide serve`")
    return 0


def _new(args) -> int:
    from .scaffold import new_topic

    path = new_topic(args.content, args.slug, args.kind)
    print(f"wrote {path}: replace every EDIT ME, previewing with `healthguide serve` (AUTHORING.md)")
    return 0


def _serve(args) -> int:
    import os
    import subprocess

    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ}  # Material's banner about MkDocs 2
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(args.config), "-a", args.addr]
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 130


COMMANDS = {"validate": _validate, "render": _render, "schema": _schema, "readability": _readability, "build": _build,
            "lock": _lock, "translations": _translations, "new-site": _new_site, "new": _new, "serve": _serve}

if __name__ == "__main__":
    sys.exit(main())
