"""A published site gives readers a contact address someone reads (the About page's mailto link).

content/site.yaml may name a reserved address (`feedback@twitch-check.example`) while the site
is written and served locally; the production build refuses it, as it refuses a missing
SITE_URL, before MkDocs starts. Reading the raw file (not the models) keeps this check to the
one field: any other mistake in site.yaml is reported, located, by the build itself.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from ..model.site import is_reserved_address
from ..reading.problems import ContentError
from ..reading.yaml_source import load_yaml

FIELD = ("publisher", "contact")


def reserved_contact(config: Path) -> str | None:
    """One line naming the file, line and field when the contact address is a reserved one."""
    content = content_folder(config)
    try:
        doc = load_yaml(content / "site.yaml", content_root=content)
    except ContentError:
        return None  # the build reports it, with its line
    publisher = doc.data().get("publisher") if isinstance(doc.data(), dict) else None
    contact = publisher.get("contact") if isinstance(publisher, dict) else None
    if not isinstance(contact, str) or not is_reserved_address(contact.strip()):
        return None
    return str(doc.problem(FIELD, (
        f"{contact.strip()} is an example address that no one reads: set publisher.contact to the "
        "email address where readers send corrections, e.g. corrections@your-site.org"
    )))


def content_folder(config: Path) -> Path:
    """The content folder the healthguide plugin reads, as mkdocs.yml sets it (!ENV included)."""
    folder = "content"
    try:
        with open(config, encoding="utf-8") as file:
            settings = yaml_load(file) or {}
    except (OSError, yaml.YAMLError):
        return Path(config).parent / folder  # MkDocs says what is wrong with the config
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("healthguide"), dict):
            folder = plugin["healthguide"].get("content_dir") or folder
    return Path(config).parent / folder
