"""JSON Schemas generated from the models, for authors' editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, create_model

from ..model import SiteSettings, Topic
from ..model.shared_signs import SharedSigns
from ..model.translation import TRANSLATION_KEY, TranslationSource

# A translated topic (content/languages/<code>/topics/<slug>.yaml) is a topic with a
# `translation` block on top; the loader splits it off (model/translation.py). This model only
# describes that file for editors, so they do not flag the block.
TranslatedTopic = create_model(
    "TranslatedTopic",
    __base__=Topic,
    __doc__="A topic in another language: the English topic's items, in its words, with where it comes from.",
    **{TRANSLATION_KEY: (TranslationSource, Field(description="Where the translation comes from and whether a fluent clinician has checked it (AUTHORING.md, 'Translations')."))},
)

SCHEMAS = {
    "topic.schema.json": Topic,
    "translated-topic.schema.json": TranslatedTopic,
    "site.schema.json": SiteSettings,
    "shared-signs.schema.json": SharedSigns,
}


def schema_text(model: type) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out_dir / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written


def check_schemas(out_dir: Path) -> list[str]:
    """Names of schema files that differ from what the models generate now."""
    stale = []
    for name, model in SCHEMAS.items():
        path = out_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != schema_text(model):
            stale.append(name)
    return stale
