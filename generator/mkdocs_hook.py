"""MkDocs hook: a thin wrapper that puts the generated pages into the MkDocs build.

All the work happens in `generator.pipeline`; another engine can call it the same way.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File, Files

from generator.errors import ContentError
from generator.pipeline import Generated, generate

_generated: Generated | None = None


def content_dir(config) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("content_dir", "content")


def on_config(config):
    global _generated
    try:
        _generated = generate(content_dir(config))
    except ContentError as err:
        # BuildError makes MkDocs print the message and exit 1, without a traceback.
        raise BuildError(err.report()) from None
    config.nav = _generated.navigation()
    return config


def on_files(files: Files, config) -> Files:
    for page in _generated.pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    return files
